/**
 * Provider profiles are data. Every transform reads a profile; no transform
 * branches on a provider id. The types are strict on purpose: `Record<Tier, …>`
 * and `Record<Endpoint, …>` make a half-filled profile a compile error, and
 * `test/providers.test.ts` checks the values a type cannot (URLs, sources).
 */

/** Tiers an OpenAI model id is classified into (see src/models/openai-catalog.ts). */
export const OPENAI_TIERS = [
  'flagship',
  'fast',
  'reasoning',
  'vision',
  'longContext',
  'coding',
  'embeddingSmall',
  'embeddingLarge',
  'image',
  'speechToText',
  'textToSpeech',
  'legacyCompletion',
  'audioChat',
  'realtime',
  'moderation',
  'video',
] as const;
export type OpenAITier = (typeof OPENAI_TIERS)[number];

/** OpenAI API surfaces a provider may or may not serve on its OpenAI-compatible base URL. */
export const ENDPOINTS = [
  'chat',
  'streaming',
  'tools',
  'jsonObject',
  'jsonSchema',
  'completions',
  'embeddings',
  'images',
  'audio',
  'files',
  'batch',
  'fineTuning',
  'assistants',
  'responses',
  'moderations',
  'realtime',
  'modelsList',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** yes: works; partial: some models or a different shape; no: absent; unknown: undocumented. */
export type Support = 'yes' | 'partial' | 'no' | 'unknown';

export interface Region {
  /** OpenAI-compatible base URL (pay-as-you-go). */
  baseURL: string;
  /** Key variable for this region when it differs from the profile's `apiKeyEnv`. */
  apiKeyEnv?: string;
  /** Other names accepted for `--region` (e.g. `intl`, `cn`). */
  aliases: string[];
}

/** A numeric range. `null` bound = unknown/open. */
export interface Range {
  min: number | null;
  max: number | null;
  minInclusive: boolean;
  maxInclusive: boolean;
}

export type ReasoningEffortRule =
  /** Keep `reasoning_effort`, mapping OpenAI values onto the provider's accepted set. */
  | { kind: 'keep'; values: string[]; mapping: Record<string, string> }
  /** Provider has no such parameter: drop it (reported as "<provider> has no reasoning_effort parameter: <note>"). */
  | { kind: 'drop'; note: string };

/** A page that backs a rule, and how sure the reference is (its confidence tag, as written there). */
export interface Sourced {
  url: string;
  confidence: string;
}

export interface PerModelRule {
  /** Provider model ids the rule applies to. */
  models: string[];
  /** Parameters that must hold exactly this value for these models. */
  fixed: Record<string, number>;
  /** Parameters these models reject. */
  drop: string[];
  note: string;
  /** Page that backs the rule (cited in follow-ups). */
  source?: string;
}

export interface ParamRules {
  /** Page that backs the drop/rename/range lists below (cited in change and follow-up texts). */
  source: Sourced;
  /** Request parameters the provider rejects or does not document: removed, with the reason. */
  drop: Record<string, string>;
  /** Parameters whose removal changes behaviour: the report also lists a follow-up. */
  dropChangesBehaviour: string[];
  /** OpenAI name -> provider name. */
  rename: Record<string, string>;
  /** Value ranges; literal values outside are clamped. */
  ranges: Record<string, Range>;
  /** Message role `developer` is sent as this role. */
  developerRole: 'system';
  reasoningEffort: ReasoningEffortRule;
  /** Specific values the provider rejects, e.g. moonshot `tool_choice: "required"`. */
  rejectedValues: Record<string, string[]>;
  perModel: PerModelRule[];
}

/**
 * Rules for what a request carries and for the turns after the first (tool loops, thinking text,
 * embeddings). Every rule names its page and the reference's confidence; a fact the reference
 * marks unknown is left out (the transforms then flag, never guess).
 */
export interface RequestRules {
  /** Only these models take `tools` (the provider's tools support is partial). */
  toolModels?: { models: string[] } & Sourced;
  /**
   * Thinking text lands in `content` (`<think>...</think>`) unless this request field is sent
   * (MiniMax `reasoning_split: true`).
   */
  thinkingInContent?: { field: string; value: boolean } & Sourced;
  /**
   * On a tool loop, what the next request must carry of an assistant turn that made tool calls:
   * `field` (this message field sent back, else HTTP 400), `whole-message` (the assistant message as
   * returned), `omit` (leave the reasoning out). Absent: the reference does not say.
   */
  reasoningRoundTrip?: ({ kind: 'field'; field: string; error: string } | { kind: 'whole-message' } | { kind: 'omit'; field: string }) & Sourced;
  /**
   * The provider's thinking switch: a request field the OpenAI types do not have (`enable_thinking`,
   * `thinking`) and the value that turns thinking off (JSON). The rules below depend on it.
   */
  thinking?: {
    field: string;
    off: boolean | Record<string, string>;
    /** Models that think by default and answer non-streaming calls with an error unless thinking is off (Qwen3 open-weight). */
    offWhenNotStreaming?: { models: string[]; error: string } & Sourced;
    /** Models whose fixed sampling values differ with thinking off (Kimi K2.5/K2.6: temperature 1 on, 0.6 off). */
    fixedWhenOff?: { models: string[]; values: Record<string, number> } & Sourced;
    /** Old model ids that meant thinking off (DeepSeek `deepseek-chat` = `deepseek-flash` with thinking disabled). */
    offFor?: { models: string[]; use: string } & Sourced;
  } & Sourced;
  /**
   * JSON mode (`response_format: { type: "json_object" }`) as the provider documents it: a `json_schema`
   * request on a provider without structured outputs is rewritten to it, with the schema in a system
   * message that carries `promptWord` (DeepSeek answers 400 without the word "json" in the prompt).
   */
  jsonObject?: { promptWord: string } & Sourced;
  /** Embedding models: default vector width, accepted `dimensions`, inputs per request. */
  embeddings?: { models: Record<string, { defaultDims: number; dims?: number[]; maxInputs?: number }> } & Sourced;
}

export interface Integrations {
  /** LangChain JS: a maintained package to switch to, or null (keep ChatOpenAI + configuration.baseURL). */
  langchainJs: { package: string; chatClass: string; env: string } | null;
  /** LangChain Python: a maintained integration, or null (ChatOpenAI(base_url=...)). */
  langchainPy: {
    package: string;
    module: string;
    chatClass: string;
    env: string;
    /** Packages the class imports at run time that its package does not install (added to the manifest with it). */
    requires?: string[];
  } | null;
  /** Vercel AI SDK provider package, or null (use @ai-sdk/openai-compatible). */
  aiSdk: { package: string; factory: string; createFactory: string; env: string } | null;
  /**
   * What the AI SDK package above (or `@ai-sdk/openai-compatible` when null) does for this provider:
   * embedding/image/transcription models, `generateObject` with the JSON schema in the request
   * (`supportsStructuredOutputs` on createOpenAICompatible), usage on streamed responses (`includeUsage`).
   * A capability that is false keeps its call on `@ai-sdk/openai` (marked) or gets a follow-up.
   */
  aiSdkCapabilities: { embedding: boolean; image: boolean; transcription: boolean; structuredOutputs: boolean; streamUsage: boolean } & Sourced;
  /** LlamaIndex package, or null (OpenAILike). */
  llamaIndex: { package: string; module: string; className: string } | null;
}

export interface Source {
  /** What the source backs, e.g. "base URL", "models", "params". */
  fact: string;
  url: string;
}

export interface ProviderProfile {
  id: string;
  name: string;
  aliases: string[];
  regions: Record<string, Region>;
  defaultRegion: string;
  apiKeyEnv: string;
  /** Other names for the key seen in provider docs and frameworks (read by `check`, not written). */
  apiKeyEnvAliases: string[];
  /** The provider's model catalogue by tier (newest first). */
  models: Record<string, string[]>;
  /** OpenAI tier -> provider model id; null = no equivalent (a manual follow-up). */
  tierMap: Record<OpenAITier, string | null>;
  /** Old provider ids -> replacement (null: no documented successor). */
  deprecated: Record<string, string | null>;
  endpoints: Record<Endpoint, Support>;
  /** Why an endpoint is `partial`/`no` where the reason helps the user. */
  endpointNotes: Partial<Record<Endpoint, string>>;
  params: ParamRules;
  requestRules: RequestRules;
  integrations: Integrations;
  /** Page a follow-up links to. */
  docs: string;
  /** Where to get a key. */
  consoleUrl: string;
  sources: Source[];
  /** Date the facts were last checked (YYYY-MM-DD). */
  asOf: string;
  /** Decisions made where sources disagree, and other remarks. */
  notes: string[];
}

export const range = (min: number | null, max: number | null, minInclusive = true, maxInclusive = true): Range => ({ min, max, minInclusive, maxInclusive });
