import type { Change, Finding, FollowUp } from '../engine/types.js';
import type { ModelMap } from '../models/map.js';
import type { ResolvedTarget } from '../providers/index.js';
import { shortName } from '../providers/index.js';
import { isSupported, unsupportedReason, type EndpointKind } from '../rules/endpoints.js';
import { ruleOf } from '../rules/catalogue.js';
import { envRole, renamedKeyVar } from '../rules/env.js';
import { tierLabel } from '../rules/models.js';
import { msg, refOf, textOf, type Msg, type MsgRef, type Text } from '../i18n/msg.js';

/** A fixed assessment (no change or follow-up to report instead). */
const said0 = (m: Msg) => ({ migrate: m.text, migrateMsg: refOf(m) });

/** What `--provider` adds to a finding: can the provider take it, and what would migrate do (none for unused suppressions). */
export interface ProviderAssessment {
  id: string;
  supported: boolean;
  migrate: string;
  /** `migrate` by id (src/i18n/msg.ts): JSON and SARIF carry `migrateId`. */
  migrateMsg?: MsgRef;
}

/** A change or follow-up's message as recorded: by id when it has one. */
const recorded = (text: string, ref: MsgRef | undefined): string | MsgRef => ref ?? text;
/** Messages joined with "; " (several changes, or several follow-ups, on a finding's lines). */
const joinRecorded = (parts: Array<string | MsgRef>): string | MsgRef =>
  parts.every((x) => typeof x === 'string') ? parts.join('; ') : parts.reduce((a, b) => msg('assess.join', { msg: a, msg2: b }));

/** Change kinds that belong to a finding kind (changes recorded by the dry migration on the same lines). */
const CHANGE_KINDS: Record<string, Change['kind'][]> = {
  client: ['client'],
  model: ['model'],
  env: ['env'],
  http: ['http'],
  wrapper: ['wrapper'],
  endpoint: ['marker'],
  'api-call': ['marker', 'role'],
};

/**
 * Assess one finding for a provider. The dry migration's own changes and
 * follow-ups on the finding's lines say what migrate would do when there are
 * any; otherwise the language-neutral rules (endpoints, model map, env) do.
 */
export function assess(f: Finding, t: ResolvedTarget, models: ModelMap, changes: Change[], followUps: FollowUp[]): ProviderAssessment | undefined {
  const p = t.provider;
  const kind = ruleOf(f.rule)?.category ?? f.kind;
  const on = (x: { line: number }) => x.line >= f.line && x.line <= f.endLine;
  const done = changes.filter((c) => on(c) && (CHANGE_KINDS[kind] ?? []).includes(c.kind));
  const todo = followUps.filter(on);
  const base = { id: p.id };
  const said = (fallback: Text): { migrate: string; migrateMsg?: MsgRef } => {
    const m: Text | MsgRef = done.length
      ? joinRecorded(done.map((c) => recorded(c.message, c.msg)))
      : todo.length
        ? msg('assess.followUp', { reason: joinRecorded(todo.map((u) => recorded(u.reason, u.reasonMsg))) })
        : fallback;
    const ref = refOf(m);
    return ref ? { migrate: textOf(m), migrateMsg: ref } : { migrate: textOf(m) };
  };

  switch (kind) {
    case 'model': {
      const m = f.model ? models.lookup(f.model) : undefined;
      if (m?.target) return { ...base, supported: true, ...said(msg('assess.maps', { model: f.model!, to: m.target, tier: tierLabel(m.tier) })) };
      if (m) return { ...base, supported: false, ...said(msg('assess.noTierModel', { provider: shortName(p), tier: tierLabel(m.tier), model: f.model! })) };
      return { ...base, supported: true, ...said(msg('assess.leftAsIs')) };
    }
    case 'endpoint':
    case 'api-call': {
      const e = (f.endpoint ?? 'other') as EndpointKind;
      if (isSupported(p, e)) return { ...base, supported: true, ...said(msg('assess.callFollows')) };
      const r = unsupportedReason(p, e);
      return { ...base, supported: false, ...said(msg('assess.addsMarker', { reason: r.reason, action: r.action })) };
    }
    case 'client':
      if (f.rule === 'unresolved-base-url') return { ...base, supported: true, ...said(msg('assess.checkBaseUrl', { url: t.baseURL })) };
      return { ...base, supported: true, ...said(msg('assess.pointsClient', { url: t.baseURL, env: t.apiKeyEnv })) };
    case 'env': {
      const to = f.api ? renamedKeyVar(f.api, t) : undefined;
      if (to) return { ...base, supported: true, ...said(msg('assess.renamed', { from: f.api!, to })) };
      const role = f.api ? envRole(f.api) : undefined;
      return { ...base, supported: true, ...said(role === 'baseURL' ? msg('assess.clientGetsUrl', { url: t.baseURL }) : msg('assess.leftAsIs')) };
    }
    case 'http':
      return { ...base, supported: true, ...said(msg('assess.httpByHand', { url: t.baseURL, env: t.apiKeyEnv })) };
    case 'todo':
      return { ...base, supported: false, ...said0(msg('assess.nothingTodo')) };
    case 'provider':
      return { ...base, supported: false, ...said0(msg('assess.nothingOnProvider')) };
    case 'suppression':
      return undefined;
    default:
      return { ...base, supported: true, ...said(msg('assess.rewritten')) };
  }
}
