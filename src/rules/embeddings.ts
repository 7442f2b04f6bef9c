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
  const openaiDims = OPENAI_DIMS[openaiId];
  if (!openaiDims) return [];
  return widthNeeds(p, target, { width: openaiDims, openai: openaiId }, dims, inputs);
}

/**
 * The same rules for code already on the provider (`check --provider`): `model` is the provider's
 * embedding model the request names, `stored` the width the code's vector store declares
 * (`vector(1536)`, `EMBEDDING_DIM = 1536`), when it declares one.
 */
export function storedWidthNeeds(
  p: ProviderProfile,
  model: string,
  stored: { width: number; what: string } | undefined,
  dims: 'absent' | 'computed' | number,
  inputs: number | 'single' | 'runtime',
): EmbeddingNeed[] {
  return widthNeeds(p, model, stored && { width: stored.width, what: stored.what }, dims, inputs);
}

/** `from`: the width the vectors had (`openai`: the OpenAI model's) or the store expects (`what` declares it); undefined: only the `dimensions` and input checks. */
function widthNeeds(
  p: ProviderProfile,
  target: string | null | undefined,
  from: { width: number; openai?: string; what?: string } | undefined,
  dims: 'absent' | 'computed' | number,
  inputs: number | 'single' | 'runtime',
): EmbeddingNeed[] {
  const rules = p.requestRules.embeddings;
  const m = target && rules ? rules.models[target] : undefined;
  if (!rules || !m || !target) return [];
  const src = (m: Msg) => cited(m, rules.url);
  const out: EmbeddingNeed[] = [];
  if (from && dims === 'absent' && m.defaultDims !== from.width) {
    const sizes = { target, dims: m.defaultDims, width: from.width, openai: from.openai ?? '', what: from.what ?? '' };
    const byDefault = from.openai ? msg('embeddings.dimsDefault', { target, dims: m.defaultDims, openai: from.openai, openaiDims: from.width }) : msg('embeddings.storeDefault', sizes);
    const differ = from.openai ? msg('embeddings.dimsDiffer', { target, dims: m.defaultDims, openai: from.openai, openaiDims: from.width }) : msg('embeddings.storeDiffer', sizes);
    if (m.dims?.includes(from.width)) out.push({ kind: 'add-dims', value: from.width, reason: src(byDefault) });
    else
      out.push({
        kind: 'followUp',
        on: 'model',
        reason: src(differ),
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
