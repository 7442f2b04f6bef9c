import type { ProviderProfile } from '../../src/providers/index.js';
import { perModelRules } from '../../src/rules/params.js';
import { isOff } from '../../src/rules/thinking.js';

/** What the local contract server records of one request. */
export interface Seen {
  host: string | undefined;
  path: string;
  auth: string | undefined;
  body: Record<string, unknown>;
}

const IMAGE_PARTS = new Set(['image_url', 'input_image']);

/**
 * What the provider answers HTTP 400 to, from its profile: images on a model without vision,
 * tools on a model that has none, a rejected value (Kimi tool_choice "required"), json_schema where
 * the provider has none, a tool-loop turn without the reasoning field it wants back, too many
 * embedding inputs. The message is the provider's where the profile records it.
 */
export function rejection(p: ProviderProfile, body: Record<string, unknown>): string | undefined {
  const model = String(body.model);
  const messages = (body.messages as Array<Record<string, unknown>>) ?? [];
  const parts = messages.flatMap((m) => (Array.isArray(m.content) ? (m.content as Array<{ type?: string }>) : []));
  if (parts.some((x) => IMAGE_PARTS.has(String(x.type))) && !(p.models.vision ?? []).includes(model)) return `model ${model} does not support image input`;
  const tm = p.requestRules.toolModels;
  if (body.tools && tm && !tm.models.includes(model)) return `model ${model} does not support tools`;
  for (const [k, values] of Object.entries(p.params.rejectedValues)) if (typeof body[k] === 'string' && values.includes(body[k] as string)) return `${k}=${String(body[k])} is not supported`;
  const rf = body.response_format as { type?: string } | undefined;
  if (rf?.type === 'json_schema' && p.endpoints.jsonSchema === 'no') return 'This response_format type is unavailable now';
  // JSON mode needs the provider's word in the prompt (DeepSeek: "json").
  const jo = p.requestRules.jsonObject;
  if (rf?.type === 'json_object' && jo && !messages.some((m) => typeof m.content === 'string' && m.content.toLowerCase().includes(jo.promptWord)))
    return `Prompt must contain the word '${jo.promptWord}' in some form to use 'response_format' of type 'json_object'.`;
  if (rf?.type === 'json_schema' && jo && p.endpoints.jsonSchema !== 'yes') return 'This response_format type is unavailable now';
  const rt = p.requestRules.reasoningRoundTrip;
  if (rt?.kind === 'field' && messages.some((m) => m.role === 'assistant' && m.tool_calls && !(rt.field in m))) return rt.error;
  // Thinking switches (requestRules.thinking): Qwen3 open-weight answer non-streaming calls only with thinking off;
  // Kimi K2.5/K2.6 take one temperature per mode.
  const th = p.requestRules.thinking;
  const off = th !== undefined && isOff(p, body[th.field]);
  if (th?.offWhenNotStreaming?.models.includes(model) && !body.stream && !off) return th.offWhenNotStreaming.error;
  const fixed = th?.fixedWhenOff?.models.includes(model) ? (off ? th.fixedWhenOff.values : perModelRules(p, model).find((r) => 'temperature' in r.fixed)?.fixed) : undefined;
  for (const [k, want] of Object.entries(fixed ?? {})) if (k in body && body[k] !== want) return `invalid ${k}: only ${want} is allowed for this model`;
  const emb = p.requestRules.embeddings?.models[model];
  if (emb?.maxInputs && Array.isArray(body.input) && body.input.length > emb.maxInputs) return `batch size is invalid, it should not be larger than ${emb.maxInputs}`;
  return undefined;
}

export function violations(p: ProviderProfile, s: Seen, expect_: { host: string; path: string; key: string }): string[] {
  const v: string[] = [];
  if (s.host !== expect_.host) v.push(`host ${s.host} != ${expect_.host}`);
  if (s.path !== expect_.path) v.push(`path ${s.path} != ${expect_.path}`);
  if (s.auth !== `Bearer ${expect_.key}`) v.push(`authorization ${s.auth}`);
  const catalogue = new Set(Object.values(p.models).flat());
  const model = String(s.body.model);
  if (!catalogue.has(model)) v.push(`model ${model} not in ${p.id}'s catalogue`);
  for (const k of Object.keys(s.body)) {
    if (k in p.params.drop) v.push(`sent ${k}, which ${p.id} does not accept`);
    if (k in p.params.rename && p.params.rename[k] !== k) v.push(`sent ${k}, which ${p.id} reads as ${p.params.rename[k]}`);
    const r = p.params.ranges[k];
    const val = s.body[k];
    if (r && typeof val === 'number') {
      if (r.min !== null && (r.minInclusive ? val < r.min : val <= r.min)) v.push(`${k}=${val} below range`);
      if (r.max !== null && (r.maxInclusive ? val > r.max : val >= r.max)) v.push(`${k}=${val} above range`);
    }
  }
  const th = p.requestRules.thinking;
  const off = th !== undefined && isOff(p, s.body[th.field]);
  for (const rule of perModelRules(p, model)) {
    const fixed = off && th?.fixedWhenOff?.models.includes(model) ? { ...rule.fixed, ...th.fixedWhenOff.values } : rule.fixed;
    for (const [k, want] of Object.entries(fixed)) if (k in s.body && s.body[k] !== want) v.push(`${k} must be ${want} for ${model}`);
    for (const k of rule.drop) if (k in s.body) v.push(`${model} rejects ${k}`);
  }
  if (p.params.reasoningEffort.kind === 'drop' && 'reasoning_effort' in s.body) v.push('sent reasoning_effort');
  if (p.params.reasoningEffort.kind === 'keep' && 'reasoning_effort' in s.body && !p.params.reasoningEffort.values.includes(String(s.body.reasoning_effort))) {
    v.push(`reasoning_effort=${String(s.body.reasoning_effort)}`);
  }
  const msgs = (s.body.messages as Array<{ role: string }>) ?? [];
  if (msgs.some((m) => m.role === 'developer')) v.push('sent the developer role');
  return v;
}
