import { shortName } from '../providers/index.js';
import type { ProviderProfile } from '../providers/types.js';
import { cited } from './params.js';
import { msg, type Msg } from '../i18n/msg.js';

/**
 * Thinking switches (requestRules.thinking), language-neutral: the JS and Python transforms (and the
 * `--provider` lint) describe a chat request and write the switch in their own syntax.
 */

/** What a request says about thinking: the switch absent, set to off, set to something else, or computed at run time. */
export type ThinkingState = 'absent' | 'off' | 'on' | 'unknown';
/** Whether a request streams: `stream: true`, absent/false, or computed. */
export type StreamState = 'yes' | 'no' | 'unknown';

export type ThinkingNeed =
  /** Write the switch's off value into the request. */
  { kind: 'add-off'; reason: Msg } | { kind: 'followUp'; reason: Msg; action: Msg };

/**
 * What a chat request to `models` (provider ids, every value the request may send) needs:
 * - a model that answers non-streaming calls only with thinking off (Qwen3 open-weight): the off switch on
 *   a call that does not stream, a follow-up where streaming is computed;
 * - an old id that meant thinking off (DeepSeek `deepseek-chat`): the off switch.
 * Only when every model value needs it (precision: a mixed set is a follow-up).
 */
export function thinkingNeeds(p: ProviderProfile, models: readonly string[], stream: StreamState, thinking: ThinkingState): ThinkingNeed | undefined {
  const t = p.requestRules.thinking;
  if (!t || !models.length || thinking === 'off') return undefined;
  const sw = `${t.field}: ${offText(t.off)}`;
  const ns = t.offWhenNotStreaming;
  if (ns && stream !== 'yes' && models.some((m) => ns.models.includes(m))) {
    const why = msg('thinking.notStreaming', { models: models.filter((m) => ns.models.includes(m)).join('/'), provider: shortName(p), error: ns.error });
    if (thinking === 'unknown' || stream === 'unknown' || !models.every((m) => ns.models.includes(m))) {
      const computed =
        stream === 'unknown'
          ? msg('thinking.computedStream', { reason: why })
          : thinking === 'unknown'
            ? msg('thinking.computedField', { reason: why, field: t.field })
            : msg('thinking.computedModel', { reason: why });
      return { kind: 'followUp', reason: cited(computed, ns.url), action: msg('thinking.notStreaming.todo', { sw }) };
    }
    if (thinking === 'on') return { kind: 'followUp', reason: cited(msg('thinking.turnsOn', { reason: why }), ns.url), action: msg('thinking.streamOrSend', { sw }) };
    return { kind: 'add-off', reason: cited(why, ns.url) };
  }
  const old = t.offFor;
  if (old && models.some((m) => old.models.includes(m))) {
    const why = cited(msg('thinking.oldNonThinking', { old: old.models.join('/'), model: old.use, sw }), old.url);
    if (thinking !== 'absent' || !models.every((m) => old.models.includes(m))) return { kind: 'followUp', reason: why, action: msg('thinking.useWith', { model: old.use, sw }) };
    return { kind: 'add-off', reason: why };
  }
  return undefined;
}

/** Is this JSON value the profile's off value? */
export function isOff(p: ProviderProfile, value: unknown): boolean {
  const off = p.requestRules.thinking?.off;
  if (off === undefined) return false;
  if (typeof off === 'boolean') return value === off;
  return !!value && typeof value === 'object' && Object.entries(off).every(([k, v]) => (value as Record<string, unknown>)[k] === v);
}

/** The off value as JavaScript source (`false`, `{ type: 'disabled' }`), in the file's quote style. */
export function offText(off: boolean | Record<string, string>, q = "'"): string {
  if (typeof off === 'boolean') return String(off);
  return `{ ${Object.entries(off)
    .map(([k, v]) => `${k}: ${q}${v}${q}`)
    .join(', ')} }`;
}

/** The off value as Python source (`False`, `{"type": "disabled"}`). */
export function offPython(off: boolean | Record<string, string>, q = '"'): string {
  if (typeof off === 'boolean') return off ? 'True' : 'False';
  return `{${Object.entries(off)
    .map(([k, v]) => `${q}${k}${q}: ${q}${v}${q}`)
    .join(', ')}}`;
}

/**
 * Tool loops on thinking models (requestRules.reasoningRoundTrip), language-neutral: an assistant
 * message with `tool_calls` rebuilt by hand. `add`: the field must be sent back and the message's
 * source is known (`msg` of `tool_calls: msg.tool_calls`): the transforms write it, the lint reports it;
 * `followUp`: the reference does not say, the provider wants the whole message, or the source is unknown.
 * Used by migrate (transforms/{js,python}/adjust-request-params.ts) and `check --provider` (src/lang/{js,python}/detect.ts).
 * @param m.mentions whether the message already names a field; m.source the returned message's text, when known
 */
export type RoundTripNeed = { kind: 'add'; field: string; reason: Msg; action: Msg; change: Msg } | { kind: 'followUp'; reason: Msg; action: Msg };

export function roundTripNeed(p: ProviderProfile, m: { mentions: (field: string) => boolean; source?: string }): RoundTripNeed | undefined {
  const rule = p.requestRules.reasoningRoundTrip;
  const provider = shortName(p);
  if (!rule) return { kind: 'followUp', reason: msg('roundTrip.undocumented', { provider }), action: msg('roundTrip.undocumented.todo') };
  if (rule.kind === 'omit') return undefined;
  if (rule.kind === 'whole-message') {
    return { kind: 'followUp', reason: cited(msg('roundTrip.wholeMessage', { provider }), rule.url), action: msg('roundTrip.wholeMessage.todo', { source: m.source }) };
  }
  if (m.mentions(rule.field)) return undefined;
  const reason = cited(msg('roundTrip.missingField', { field: rule.field, provider, error: rule.error }), rule.url);
  const action = msg('roundTrip.missingField.todo', { field: rule.field });
  if (!m.source) return { kind: 'followUp', reason, action };
  return { kind: 'add', field: rule.field, reason, action, change: cited(msg('roundTrip.added', { field: rule.field, provider, error: rule.error }), rule.url) };
}
