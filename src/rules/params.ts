import { shortName } from '../providers/index.js';
import type { ProviderProfile, Range } from '../providers/types.js';
import type { ThinkingState } from './thinking.js';
import { msg, type Msg, type Text } from '../i18n/msg.js';

/**
 * Language-neutral request-parameter rules. JS and Python transforms ask
 * `paramAction` what to do with one `name: value` pair of a request and then
 * make the edit in their own syntax.
 */
export type ParamAction =
  | { kind: 'keep' }
  | { kind: 'drop'; reason: Msg; changesBehaviour: boolean }
  | { kind: 'rename'; to: string; reason: Msg }
  | { kind: 'set'; value: number | string; reason: Msg; changesBehaviour: boolean }
  | { kind: 'followUp'; reason: Msg; action: Msg };

/** Request kinds the chat-parameter rules apply to. */
export const PARAM_RULE_ENDPOINTS = new Set(['chat', 'completions']);

/** OpenAI request fields a rename may target without breaking typed SDK calls. */
const OPENAI_FIELDS = new Set(['max_tokens', 'max_completion_tokens']);

/** Per-model rules for the model(s) a request may use (union: a rule for any candidate applies). */
export function perModelRules(p: ProviderProfile, model: string | readonly string[] | undefined) {
  const models = model === undefined ? [] : typeof model === 'string' ? [model] : model;
  return p.params.perModel.filter((r) => models.some((m) => r.models.includes(m)));
}

/**
 * @param value literal value when known statically (number or string), else undefined
 * @param model the provider model id(s) the request may use, when known
 * @param present other parameter names in the same request (for rename collisions)
 */
export function paramAction(
  p: ProviderProfile,
  name: string,
  value: number | string | boolean | undefined,
  model: string | readonly string[] | undefined,
  present: ReadonlySet<string>,
  /** What the request says about the provider's thinking switch (requestRules.thinking). */
  thinking: ThinkingState = 'absent',
): ParamAction {
  const rules = p.params;
  const label = Array.isArray(model) ? model.join('/') : (model as string | undefined);
  const src = (m: Msg) => cited(m, rules.source.url);
  const provider = shortName(p);
  // With thinking off some models fix another value (Kimi K2.5/K2.6: temperature 0.6, not the thinking mode's 1).
  const off = p.requestRules.thinking?.fixedWhenOff;
  const ids = model === undefined ? [] : typeof model === 'string' ? [model] : model;
  if (off && (thinking === 'off' || thinking === 'unknown') && name in off.values && ids.length && ids.every((m) => off.models.includes(m))) {
    const v = off.values[name]!;
    const field = p.requestRules.thinking!.field;
    if (thinking === 'unknown') {
      const on = perModelRules(p, model).find((r) => name in r.fixed)?.fixed[name];
      const o = on === undefined ? undefined : String(on);
      return {
        kind: 'followUp',
        reason: cited(msg('param.thinkingUnknown', { label: label!, name, on: o, off: String(v), field }), off.url),
        action: msg('param.thinkingUnknown.todo', { name, on: o, off: String(v) }),
      };
    }
    if (value === v) return { kind: 'keep' };
    return { kind: 'set', value: v, reason: cited(msg('param.fixedWhenOff', { label: label!, name, value: String(v), field }), off.url), changesBehaviour: true };
  }
  for (const r of perModelRules(p, model)) {
    const rsrc = (m: Msg) => cited(m, r.source ?? rules.source.url);
    if (name in r.fixed) {
      const v = r.fixed[name]!;
      if (value === v) return { kind: 'keep' };
      // Any other value is rejected, whatever the expression computes: write the one accepted value.
      return { kind: 'set', value: v, reason: rsrc(msg('param.fixed', { label: label!, name, value: String(v) })), changesBehaviour: true };
    }
    if (r.drop.includes(name)) return { kind: 'drop', reason: rsrc(msg('param.modelRejects', { label: label!, name, note: r.note })), changesBehaviour: changes(p, name, value) };
  }
  if (name === 'reasoning_effort') {
    const e = rules.reasoningEffort;
    // The provider's thinking switch is not an OpenAI field: removing the effort is reported as a follow-up.
    if (e.kind === 'drop') return { kind: 'drop', reason: src(msg('param.noReasoningEffort', { provider: p.name, note: e.note })), changesBehaviour: true };
    if (typeof value === 'string' && !e.values.includes(value)) {
      const to = e.mapping[value];
      if (to) return { kind: 'set', value: to, reason: src(msg('param.reasoningEffortValues', { provider, values: e.values.join('|') })), changesBehaviour: false };
    }
    return { kind: 'keep' };
  }
  if (name in rules.drop) {
    return { kind: 'drop', reason: src(dropReason(p)), changesBehaviour: changes(p, name, value) };
  }
  const to = rules.rename[name];
  if (to) {
    if (present.has(to)) return { kind: 'drop', reason: msg('param.alreadySet', { provider, to }), changesBehaviour: false };
    if (OPENAI_FIELDS.has(to)) return { kind: 'rename', to, reason: msg('param.readsInstead', { provider, to, name }) };
    // The provider's name is not an OpenAI field: typed SDK calls would reject it, so drop and say how to send it.
    return {
      kind: 'drop',
      reason: msg('param.readsInsteadExtra', { provider, to, name }),
      changesBehaviour: true,
    };
  }
  const rejected = rules.rejectedValues[name];
  if (rejected && typeof value === 'string' && rejected.includes(value)) {
    return { kind: 'followUp', reason: src(msg('param.rejectsValue', { provider, name, value })), action: msg('param.rejectsValue.todo', { name }) };
  }
  const range = rules.ranges[name];
  if (range && typeof value === 'number') {
    const c = clamp(value, range);
    // Sampling values decide what the model answers: a clamp is a follow-up too.
    if (c !== value) return { kind: 'set', value: c, reason: src(msg('param.range', { provider, name, range: fmtRange(range) })), changesBehaviour: true };
  }
  // A value computed at run time cannot be clamped here: say so where the provider's range is narrower than OpenAI's.
  if (range && value === undefined && narrowerThanOpenAI(name, range)) {
    return {
      kind: 'followUp',
      reason: src(msg('param.rangeRuntime', { name, provider, range: fmtRange(range) })),
      action: msg('param.rangeRuntime.todo', { range: fmtRange(range) }),
    };
  }
  return { kind: 'keep' };
}

/** OpenAI's own ranges, to tell when a provider's range is narrower. */
const OPENAI_RANGES: Record<string, Range> = {
  temperature: { min: 0, max: 2, minInclusive: true, maxInclusive: true },
  top_p: { min: 0, max: 1, minInclusive: true, maxInclusive: true },
  presence_penalty: { min: -2, max: 2, minInclusive: true, maxInclusive: true },
  frequency_penalty: { min: -2, max: 2, minInclusive: true, maxInclusive: true },
};

function narrowerThanOpenAI(name: string, r: Range): boolean {
  const o = OPENAI_RANGES[name];
  if (!o) return false;
  const lower = r.min !== null && (r.min > o.min! || (r.min === o.min && !r.minInclusive));
  const upper = r.max !== null && (r.max < o.max! || (r.max === o.max && !r.maxInclusive));
  return lower || upper;
}

/**
 * The follow-up for an action that can change what the program gets back (a removed `n`/`seed`/
 * `logit_bias`, a clamped sampling value), or undefined; the report table keeps the rest.
 */
export function resultFollowUp(name: string, a: ParamAction, from?: string, to?: string): { reason: Msg; action: Msg } | undefined {
  if (a.kind === 'drop' && a.changesBehaviour) return { reason: msg('param.removed', { name, reason: a.reason }), action: dropAction(name) };
  if (a.kind === 'set' && a.changesBehaviour) {
    return { reason: msg('param.changed', { name, from, to: to ?? String(a.value), reason: a.reason }), action: msg('param.changed.todo', { name }) };
  }
  return undefined;
}

/** The change message of a parameter a transform removed, renamed or clamped (the report's parameter table reads its parameters). */
export const paramRemoved = (name: string, reason: Text) => msg('param.removed', { name, reason });
export const paramRenamed = (name: string, to: string, reason: Text) => msg('param.renamed', { name, to, reason });
export const paramClamped = (name: string, from: string, to: string, reason: Text) => msg('param.clamped', { name, from, to, reason });

/** The lint finding (`check --provider`) for a parameter the provider would not take as written. */
export function paramLint(name: string, a: Exclude<ParamAction, { kind: 'keep' }>): Msg {
  if (a.kind === 'set') return msg('param.lint.use', { name, reason: a.reason, value: String(a.value) });
  if (a.kind === 'followUp') return msg('param.lint.followUp', { name, reason: a.reason, action: a.action });
  return msg(a.kind === 'rename' ? 'param.lint.rename' : 'param.lint.remove', { name, reason: a.reason });
}

/** The page a rule comes from, appended to its reason (users have the page, not the reference notes). */
export const cite = (url: string) => ` (source: ${url})`;
/** A reason with the page it comes from. */
export const cited = (m: Text, url: string) => msg('rule.cited', { msg: m, url });

/**
 * A profile's reason for dropping a parameter. Every profile gives the same wording (test/providers.test.ts
 * checks it), so the message is built by id from the provider's name.
 */
const dropReason = (p: ProviderProfile) => msg('param.notDocumented', { provider: p.name });

/**
 * Parameters whose removal changes what the program gets back, whatever the provider:
 * `n` > 1 (code reads `choices[1]`), `logit_bias` (steered tokens), `seed` (reproducible outputs).
 */
const RESULT_CHANGING = new Set(['n', 'logit_bias', 'seed']);

/** What a user should check after a parameter that changes results is removed. */
export function dropAction(name: string): Msg {
  if (name === 'n') return msg('param.removed.todoN');
  if (name === 'logit_bias') return msg('param.removed.todoLogitBias');
  if (name === 'seed') return msg('param.removed.todoSeed');
  return msg('param.removed.todo', { name });
}

/** Dropping a parameter changes behaviour unless its value is OpenAI's default. */
function changes(p: ProviderProfile, name: string, value: unknown): boolean {
  if (name === 'n') return value !== 1;
  if (value === null) return false;
  return p.params.dropChangesBehaviour.includes(name) || RESULT_CHANGING.has(name);
}

/** Step used to move off an exclusive bound. */
const EPS = 0.01;

export function clamp(v: number, r: Range): number {
  let out = v;
  if (r.min !== null) {
    if (r.minInclusive ? out < r.min : out <= r.min) out = r.minInclusive ? r.min : round(r.min + EPS);
  }
  if (r.max !== null) {
    if (r.maxInclusive ? out > r.max : out >= r.max) out = r.maxInclusive ? r.max : round(r.max - EPS);
  }
  return out;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function fmtRange(r: Range): string {
  return `${r.minInclusive ? '[' : '('}${r.min ?? '-inf'}, ${r.max ?? 'inf'}${r.maxInclusive ? ']' : ')'}`;
}
