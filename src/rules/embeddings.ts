import type { ProviderProfile } from '../providers/types.js';
import { cite } from './params.js';

/** OpenAI embedding models' default vector width. */
export const OPENAI_DIMS: Record<string, number> = { 'text-embedding-3-small': 1536, 'text-embedding-ada-002': 1536, 'text-embedding-3-large': 3072 };

export type EmbeddingNeed = { kind: 'add-dims'; value: number; reason: string } | { kind: 'followUp'; on: 'model' | 'dimensions' | 'input'; reason: string; action: string };

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
  return widthNeeds(p, target, { width: openaiDims, was: `${openaiId} returned ${openaiDims}` }, dims, inputs);
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
  return widthNeeds(p, model, stored && { width: stored.width, was: `the vector store here expects ${stored.width} (${stored.what})` }, dims, inputs);
}

/** `from`: the width the vectors had (or the store expects) and how to say so; undefined: only the `dimensions` and input checks. */
function widthNeeds(
  p: ProviderProfile,
  target: string | null | undefined,
  from: { width: number; was: string } | undefined,
  dims: 'absent' | 'computed' | number,
  inputs: number | 'single' | 'runtime',
): EmbeddingNeed[] {
  const rules = p.requestRules.embeddings;
  const m = target && rules ? rules.models[target] : undefined;
  if (!rules || !m) return [];
  const src = cite(rules.url);
  const out: EmbeddingNeed[] = [];
  if (from && dims === 'absent' && m.defaultDims !== from.width) {
    if (m.dims?.includes(from.width)) out.push({ kind: 'add-dims', value: from.width, reason: `${target} returns ${m.defaultDims}-dimension vectors by default, ${from.was}${src}` });
    else
      out.push({
        kind: 'followUp',
        on: 'model',
        reason: `${target} returns ${m.defaultDims}-dimension vectors, ${from.was}; a store sized for ${from.width} rejects them${src}`,
        action: 'resize the vector column or index and re-embed stored vectors',
      });
  }
  if (typeof dims === 'number' && m.dims && !m.dims.includes(dims)) {
    out.push({
      kind: 'followUp',
      on: 'dimensions',
      reason: `${target} accepts dimensions ${m.dims.join(', ')}, not ${dims}${src}`,
      action: 'choose an accepted width, resize the vector column or index and re-embed stored vectors',
    });
  }
  if (m.maxInputs && (inputs === 'runtime' || (typeof inputs === 'number' && inputs > m.maxInputs))) {
    out.push({
      kind: 'followUp',
      on: 'input',
      reason: `${target} takes at most ${m.maxInputs} inputs per request${inputs === 'runtime' ? '; this input is built at run time' : `; this request sends ${inputs}`}${src}`,
      action: `send the inputs in batches of ${m.maxInputs}`,
    });
  }
  return out;
}
