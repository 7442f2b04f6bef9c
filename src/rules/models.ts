const LABELS: Record<string, string> = {
  flagship: 'flagship',
  fast: 'fast',
  reasoning: 'reasoning',
  vision: 'vision',
  longContext: 'long-context',
  coding: 'coding',
  embeddingSmall: 'embedding-small',
  embeddingLarge: 'embedding-large',
  image: 'image',
  speechToText: 'speech-to-text',
  textToSpeech: 'text-to-speech',
  legacyCompletion: 'legacy-completion',
  audioChat: 'audio-chat',
  realtime: 'realtime',
  moderation: 'moderation',
  video: 'video',
  'fine-tuned': 'fine-tuned',
};

export const tierLabel = (t: string) => LABELS[t] ?? t;

/**
 * Is a list of model names a lookup table (capabilities, pricing, "models without temperature")
 * rather than a configured choice? Then its entries must not be rewritten: they describe OpenAI
 * models, and mapping would collapse them onto a few provider ids and change what the code
 * decides. A table: at least 2 strings, and either a non-OpenAI entry (another vendor's model)
 * or two OpenAI entries mapping to the same provider id.
 * @param lookup the provider id for an OpenAI id, null when none, undefined when not OpenAI.
 */
export function isModelLookupTable(values: string[], lookup: (id: string) => string | null | undefined): boolean {
  if (values.length < 2) return false;
  const seen = new Set<string>();
  for (const v of values) {
    const t = lookup(v);
    if (t === undefined) return true;
    if (t === null) continue;
    if (seen.has(t)) return true;
    seen.add(t);
  }
  return false;
}

/**
 * Distinct source ids that would become one target id (sorted), or undefined when
 * the mapping keeps distinct ids distinct. Used for test files, where collapsing
 * `o3-mini` and `gpt-4o` onto one id changes what an assertion means.
 */
export function collapsedIds(ids: readonly string[], target: (id: string) => string | undefined): string[] | undefined {
  const by = new Map<string, Set<string>>();
  for (const id of new Set(ids)) {
    const t = target(id);
    if (!t || t === id) continue;
    const set = by.get(t) ?? new Set<string>();
    set.add(id);
    by.set(t, set);
  }
  const hit = [...by.values()].find((s) => s.size > 1);
  return hit ? [...hit].sort() : undefined;
}

/** The follow-up for a test file whose distinct ids {@link collapsedIds} would make one (JS/TS and Python). */
export function collapsedIdsFollowUp(collapsed: readonly string[], provider: string): { reason: string; action: string } {
  return {
    reason: `test file uses distinct OpenAI model ids (${collapsed.join(', ')}) that would become the same ${provider} id; left as they are`,
    action: 'check these tests against the migrated code and pick distinct provider ids where the test needs them',
  };
}

/**
 * The model a LangChain OpenAI class sends when none is given, mapped like any OpenAI id (JS
 * transforms/js/wrappers/replace-langchain-openai.ts, Python wrapper-kwargs.ts and migrate-langchain.ts).
 * langchain_openai `BaseChatOpenAI.model_name` defaults to gpt-3.5-turbo, its `OpenAI` LLM to
 * gpt-3.5-turbo-instruct, `OpenAIEmbeddings` to text-embedding-ada-002; LangChain JS the same.
 */
export const LANGCHAIN_DEFAULT_MODEL = { chat: 'gpt-3.5-turbo', embeddings: 'text-embedding-ada-002', completions: 'gpt-3.5-turbo-instruct' } as const;
