import type { ProviderProfile } from '../providers/types.js';
import { cited } from './params.js';
import { msg, type Msg } from '../i18n/msg.js';

/** OpenAI embedding models' default vector width. */
export const OPENAI_DIMS: Record<string, number> = { 'text-embedding-3-small': 1536, 'text-embedding-ada-002': 1536, 'text-embedding-3-large': 3072 };

export type EmbeddingNeed = { kind: 'add-dims'; value: number; reason: Msg } | { kind: 'followUp'; on: 'model' | 'dimensions' | 'input'; reason: Msg; action: Msg };

/**
 * Embeddings (requestRules.embeddings), language-neutral: a provider model whose default width differs
 * from the OpenAI model's gets `dimensions` where it accepts that width (Qwen text-embedding-v4: 1536),
 * else a follow-up (a vector(1536) column rejects other widths); a `dimensions` it does not accept and
 * more inputs than it takes per request are follow-ups.
 * @param dims the request's `dimensions`: absent, a literal, or computed
 * @param inputs the number of inputs when the list is a literal, 'single' for one string, 'runtime' otherwise
 */
export function embeddingNeeds(p: ProviderProfile, openaiId: string, target: string | null | undefined, dims: 'absent' | 'computed' | number, inputs: number | 'single' | 'runtime'): EmbeddingNeed[] {
  const rules = p.requestRules.embeddings;
  const openaiDims = OPENAI_DIMS[openaiId];
  const m = target && rules ? rules.models[target] : undefined;
  if (!rules || !m || !openaiDims || !target) return [];
  const src = (m: Msg) => cited(m, rules.url);
  const sizes = { target, dims: m.defaultDims, openai: openaiId, openaiDims };
  const out: EmbeddingNeed[] = [];
  if (dims === 'absent' && m.defaultDims !== openaiDims) {
    if (m.dims?.includes(openaiDims)) out.push({ kind: 'add-dims', value: openaiDims, reason: src(msg('embeddings.dimsDefault', sizes)) });
    else
      out.push({
        kind: 'followUp',
        on: 'model',
        reason: src(msg('embeddings.dimsDiffer', sizes)),
        action: msg('embeddings.dimsDiffer.todo'),
      });
  }
  if (typeof dims === 'number' && m.dims && !m.dims.includes(dims)) {
    out.push({
      kind: 'followUp',
      on: 'dimensions',
      reason: src(msg('embeddings.dimsRejected', { target, accepted: m.dims.join(', '), dims })),
      action: msg('embeddings.dimsRejected.todo'),
    });
  }
  if (m.maxInputs && (inputs === 'runtime' || (typeof inputs === 'number' && inputs > m.maxInputs))) {
    out.push({
      kind: 'followUp',
      on: 'input',
      reason: src(msg('embeddings.maxInputs', { target, max: m.maxInputs, sent: inputs === 'runtime' ? undefined : inputs })),
      action: msg('embeddings.maxInputs.todo', { max: m.maxInputs }),
    });
  }
  return out;
}
