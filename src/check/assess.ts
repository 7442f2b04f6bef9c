import type { Change, Finding, FollowUp } from '../engine/types.js';
import type { ModelMap } from '../models/map.js';
import type { ResolvedTarget } from '../providers/index.js';
import { shortName } from '../providers/index.js';
import { isSupported, unsupportedReason, type EndpointKind } from '../rules/endpoints.js';
import { ruleOf } from '../rules/catalogue.js';
import { envRole, renamedKeyVar } from '../rules/env.js';
import { tierLabel } from '../rules/models.js';

/** What `--provider` adds to a finding: can the provider take it, and what would migrate do (none for unused suppressions). */
export interface ProviderAssessment {
  id: string;
  supported: boolean;
  migrate: string;
}

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
  const said = (fallback: string) => (done.length ? done.map((c) => c.message).join('; ') : todo.length ? `follow-up: ${todo.map((u) => u.reason).join('; ')}` : fallback);

  switch (kind) {
    case 'model': {
      const m = f.model ? models.lookup(f.model) : undefined;
      if (m?.target) return { ...base, supported: true, migrate: said(`${f.model} maps to ${m.target} (${tierLabel(m.tier)})`) };
      if (m) return { ...base, supported: false, migrate: said(`left as is: ${shortName(p)} has no ${tierLabel(m.tier)} model (pass --model ${f.model}=<id>)`) };
      return { ...base, supported: true, migrate: said('left as is') };
    }
    case 'endpoint':
    case 'api-call': {
      const e = (f.endpoint ?? 'other') as EndpointKind;
      if (isSupported(p, e)) return { ...base, supported: true, migrate: said('kept; the call follows its client to the provider') };
      const r = unsupportedReason(p, e);
      return { ...base, supported: false, migrate: said(`adds a TODO(openai-migrate) marker: ${r.reason}; ${r.action}`) };
    }
    case 'client':
      if (f.rule === 'unresolved-base-url') return { ...base, supported: true, migrate: said(`left as is; make sure it uses ${t.baseURL}`) };
      return { ...base, supported: true, migrate: said(`points the client at ${t.baseURL} with ${t.apiKeyEnv}`) };
    case 'env': {
      const to = f.api ? renamedKeyVar(f.api, t) : undefined;
      if (to) return { ...base, supported: true, migrate: said(`${f.api} -> ${to}`) };
      const role = f.api ? envRole(f.api) : undefined;
      return { ...base, supported: true, migrate: said(role === 'baseURL' ? `left as is; the client gets ${t.baseURL}` : 'left as is') };
    }
    case 'http':
      return { ...base, supported: true, migrate: said(`left as is: send it to ${t.baseURL} with ${t.apiKeyEnv} by hand`) };
    case 'todo':
      return { ...base, supported: false, migrate: 'nothing: this is a manual follow-up' };
    case 'provider':
      return { ...base, supported: false, migrate: 'nothing: the code is already on the provider; fix it by hand' };
    case 'suppression':
      return undefined;
    default:
      return { ...base, supported: true, migrate: said('rewritten for the provider') };
  }
}
