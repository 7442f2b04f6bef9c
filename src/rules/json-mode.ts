import type { ProviderProfile } from '../providers/types.js';
import { shortName } from '../providers/index.js';
import { cite } from './params.js';

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
export function jsonModeNotes(p: ProviderProfile, rule: NonNullable<ProviderProfile['requestRules']['jsonObject']>): { change: string; reason: string; action: string } {
  const why = `${shortName(p)} does not document response_format json_schema; its JSON mode needs the word "${rule.promptWord}" in the prompt${cite(rule.url)}`;
  return {
    change: `response_format json_schema -> json_object with the schema in a system message: ${why}`,
    reason: `response_format json_schema was replaced by JSON mode (json_object) with the schema in a system message; ${shortName(p)} does not enforce the schema`,
    action: 'validate the reply against the same schema',
  };
}
