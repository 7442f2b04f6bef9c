import type { ProviderProfile } from '../providers/types.js';
import { shortName } from '../providers/index.js';
import { cited } from './params.js';
import { msg, type Msg } from '../i18n/msg.js';

/**
 * `response_format` json_schema -> the provider's JSON mode (requestRules.jsonObject), language-neutral:
 * where the profile documents `json_object` but does not serve structured outputs, an inline
 * `chat.completions.create` request gets `{type: "json_object"}` and a first system message carrying the
 * schema and the word the provider wants in the prompt (DeepSeek: "json"). Never `.parse()`, which reads the
 * schema back. The JS/TS and Python transforms (adjust-request-params) write it in their own syntax.
 */
export function jsonModeRule(p: ProviderProfile): NonNullable<ProviderProfile['requestRules']['jsonObject']> | undefined {
  const rule = p.requestRules.jsonObject;
  return rule && p.endpoints.jsonSchema !== 'yes' && p.endpoints.jsonObject === 'yes' ? rule : undefined;
}

/** The text the schema follows in the new system message (it carries the provider's prompt word). */
export const schemaInstruction = (rule: { promptWord: string }): string => `Reply with a ${rule.promptWord} object that matches this JSON schema: `;

/** What the summary says about the rewrite, and the follow-up: the provider does not enforce the schema. */
export function jsonModeNotes(p: ProviderProfile, rule: NonNullable<ProviderProfile['requestRules']['jsonObject']>): { change: Msg; reason: Msg; action: Msg } {
  const why = cited(msg('shape.jsonMode', { provider: shortName(p), word: rule.promptWord }), rule.url);
  return {
    change: msg('shape.jsonModeRewrite', { reason: why }),
    reason: msg('shape.jsonModeUnenforced', { provider: shortName(p) }),
    action: msg('shape.jsonModeUnenforced.todo'),
  };
}
