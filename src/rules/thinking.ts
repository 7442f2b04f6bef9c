import { shortName } from '../providers/index.js';
import type { ProviderProfile } from '../providers/types.js';
import { cite } from './params.js';

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
  { kind: 'add-off'; reason: string } | { kind: 'followUp'; reason: string; action: string };

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
    const why = `${models.filter((m) => ns.models.includes(m)).join('/')} thinks by default and ${shortName(p)} answers a non-streaming call with ${ns.error}`;
    if (thinking === 'unknown' || stream === 'unknown' || !models.every((m) => ns.models.includes(m))) {
      return {
        kind: 'followUp',
        reason: `${why}; this call's ${stream === 'unknown' ? 'stream flag' : thinking === 'unknown' ? `${t.field}` : 'model'} is computed at run time${cite(ns.url)}`,
        action: `send ${sw} on calls that do not stream`,
      };
    }
    if (thinking === 'on') return { kind: 'followUp', reason: `${why}; this call turns thinking on${cite(ns.url)}`, action: `stream the call or send ${sw}` };
    return { kind: 'add-off', reason: `${why}${cite(ns.url)}` };
  }
  const old = t.offFor;
  if (old && models.some((m) => old.models.includes(m))) {
    const why = `${old.models.join('/')} was the non-thinking mode of ${old.use}; the same model now thinks unless ${sw} is sent${cite(old.url)}`;
    if (thinking !== 'absent' || !models.every((m) => old.models.includes(m))) return { kind: 'followUp', reason: why, action: `use ${old.use} with ${sw}` };
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
export type RoundTripNeed = { kind: 'add'; field: string; reason: string; action: string; change: string } | { kind: 'followUp'; reason: string; action: string };

export function roundTripNeed(p: ProviderProfile, m: { mentions: (field: string) => boolean; source?: string }): RoundTripNeed | undefined {
  const rule = p.requestRules.reasoningRoundTrip;
  if (!rule) {
    return {
      kind: 'followUp',
      reason: `an assistant message with tool_calls is rebuilt by hand; ${shortName(p)} does not document whether its reasoning text must be sent back on the next turn`,
      action: 'test a two-turn tool loop; if the provider answers 400, send the message back as returned',
    };
  }
  if (rule.kind === 'omit') return undefined;
  if (rule.kind === 'whole-message') {
    return {
      kind: 'followUp',
      reason: `an assistant message with tool_calls is rebuilt by hand; ${shortName(p)} wants the whole assistant message back on the next turn${cite(rule.url)}`,
      action: `push the returned message itself${m.source ? ` (${m.source})` : ''} instead of a copy`,
    };
  }
  if (m.mentions(rule.field)) return undefined;
  const reason = `an assistant message with tool_calls is rebuilt by hand without ${rule.field}; ${shortName(p)} answers ${rule.error} on the next turn${cite(rule.url)}`;
  const action = `add ${rule.field} from the returned message`;
  if (!m.source) return { kind: 'followUp', reason, action };
  return {
    kind: 'add',
    field: rule.field,
    reason,
    action,
    change: `added ${rule.field} to the rebuilt assistant message: ${shortName(p)} answers ${rule.error} on the next turn of a tool loop without it${cite(rule.url)}`,
  };
}
