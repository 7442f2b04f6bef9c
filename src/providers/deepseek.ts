import { range, type ProviderProfile } from './types.js';

/**
 * DeepSeek. Facts from shared/reference/providers.md (section `deepseek`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "verified", "apiKeyEnv": "verified", "models": "verified (pricing page Aug-Oct 2026)", "deprecated": "verified (dates); rewrite rules inferred", "endpoints": "verified except toolChoice/files (third-party), jsonSchema/batch (unknown)", "params": "thinking/effort/round-trip verified; ranges and stop third-party; unsupported list third-party (seed, top_k) or unknown", "integrations": "third-party; npm versions verified"}
 */
export const deepseek: ProviderProfile = {
  id: "deepseek",
  name: "DeepSeek",
  aliases: ["deepseek-ai"],
  regions: {
    "global": {
      "baseURL": "https://api.deepseek.com",
      "aliases": []
    }
  },
  defaultRegion: "global",
  apiKeyEnv: "DEEPSEEK_API_KEY",
  apiKeyEnvAliases: [],
  models: {
    "flagship": [
      "deepseek-v4-pro"
    ],
    "fast": [
      "deepseek-flash"
    ],
    "reasoning": [
      "deepseek-v4-pro",
      "deepseek-flash"
    ],
    "longContext": [
      "deepseek-v4-pro",
      "deepseek-flash"
    ],
    "vision": [
      "deepseek-flash"
    ],
    "legacy": [
      "deepseek-chat",
      "deepseek-reasoner",
      "deepseek-v4-flash",
      "deepseek-v4-flash-vision-exp"
    ]
  },
  tierMap: {
    "flagship": "deepseek-v4-pro",
    "fast": "deepseek-flash",
    "reasoning": "deepseek-v4-pro",
    "vision": "deepseek-flash",
    "longContext": "deepseek-v4-pro",
    "coding": "deepseek-v4-pro",
    "embeddingSmall": null,
    "embeddingLarge": null,
    "image": null,
    "speechToText": null,
    "textToSpeech": null,
    "legacyCompletion": null,
    "audioChat": null,
    "realtime": null,
    "moderation": null,
    "video": null
  },
  deprecated: {
    "deepseek-chat": "deepseek-flash",
    "deepseek-reasoner": "deepseek-flash",
    "deepseek-v4-flash": "deepseek-flash",
    "deepseek-v4-flash-vision-exp": "deepseek-flash"
  },
  endpoints: {
    "chat": "yes",
    "streaming": "yes",
    "tools": "yes",
    "jsonObject": "yes",
    "jsonSchema": "unknown",
    "completions": "partial",
    "embeddings": "no",
    "images": "no",
    "audio": "no",
    "files": "yes",
    "batch": "unknown",
    "fineTuning": "no",
    "assistants": "no",
    "responses": "yes",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "yes"
  },
  endpointNotes: {
    "jsonSchema": "models.dev marks V4 structured-output capable; not in DeepSeek docs",
    "completions": "FIM beta only: /beta/completions with prompt + suffix (path inferred)",
    "files": "Files API for vision uploads; expires_after 3600-2592000 s (third-party)",
    "responses": "reasoning.effort none/low/high/max",
    "modelsList": "GET /models; also GET /user/balance"
  },
  params: {
    source: { url: "https://api-docs.deepseek.com/", confidence: "thinking/effort/round-trip verified; ranges and stop third-party; unsupported list third-party (seed, top_k) or unknown" },
    drop: {
      "seed": "DeepSeek does not accept or document it",
      "top_k": "DeepSeek does not accept or document it",
      "n": "DeepSeek does not accept or document it",
      "logit_bias": "DeepSeek does not accept or document it",
      "service_tier": "DeepSeek does not accept or document it",
      "store": "DeepSeek does not accept or document it",
      "metadata": "DeepSeek does not accept or document it",
      "modalities": "DeepSeek does not accept or document it",
      "audio": "DeepSeek does not accept or document it",
      "prediction": "DeepSeek does not accept or document it",
      "parallel_tool_calls": "DeepSeek does not accept or document it"
    },
    dropChangesBehaviour: ["n", "modalities", "audio", "parallel_tool_calls", "prediction"],
    rename: {"max_completion_tokens": "max_tokens"},
    ranges: {temperature: range(0, 2, true, true), top_p: range(0, 1, true, true), presence_penalty: range(-2, 2, true, true), frequency_penalty: range(-2, 2, true, true), max_tokens: range(1, 384000, true, true)},
    developerRole: 'system',
    reasoningEffort: { kind: 'keep', values: ["low", "high", "max"], mapping: {"none": "low", "minimal": "low", "medium": "high", "xhigh": "max", "ultra": "max"} },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {
    thinking: {
      field: "thinking", off: { type: "disabled" }, url: "https://api-docs.deepseek.com/guides/thinking_mode", confidence: "verified",
      offFor: { models: ["deepseek-chat"], use: "deepseek-flash", url: "https://api-docs.deepseek.com/", confidence: "verified (deprecation); the rewrite rule is inferred" },
    },
    jsonObject: { promptWord: "json", url: "https://api-docs.deepseek.com/guides/json_mode", confidence: "verified (DeepSeek JSON output guide: the prompt must contain the word json)" },
    reasoningRoundTrip: { kind: 'field', field: 'reasoning_content', error: '400 Missing reasoning_content field in the assistant message', url: "https://api-docs.deepseek.com/guides/thinking_mode", confidence: "verified" },
  },
  integrations: {
    langchainJs: {"package": "@langchain/deepseek", "chatClass": "ChatDeepSeek", "env": "DEEPSEEK_API_KEY"},
    langchainPy: {"package": "langchain-deepseek", "module": "langchain_deepseek", "chatClass": "ChatDeepSeek", "env": "DEEPSEEK_API_KEY"},
    aiSdk: {"package": "@ai-sdk/deepseek", "factory": "deepseek", "createFactory": "createDeepSeek", "env": "DEEPSEEK_API_KEY"},
    aiSdkCapabilities: { embedding: false, image: false, transcription: false, structuredOutputs: false, streamUsage: true, url: "https://github.com/vercel/ai/tree/HEAD/packages/deepseek", confidence: "third-party" },
    llamaIndex: {"package": "llama-index-llms-deepseek", "module": "llama_index.llms.deepseek", "className": "DeepSeek"},
  },
  docs: "https://api-docs.deepseek.com/",
  consoleUrl: "https://api-docs.deepseek.com/",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://api-docs.deepseek.com/"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://api-docs.deepseek.com/quick_start/pricing"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://api-docs.deepseek.com/zh-cn/quick_start/pricing"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://api-docs.deepseek.com/guides/thinking_mode"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://api-docs.deepseek.com/zh-cn/guides/thinking_mode/"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://api-docs.deepseek.com/zh-cn/guides/reasoning_model"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://github.com/deepseek-ai/deepseek-harness/discussions/6700"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://docs.camel-ai.org/reference/camel.configs.deepseek_config"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://github.com/vercel/ai/tree/HEAD/packages/deepseek"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://github.com/anomalyco/models.dev/tree/HEAD/providers/deepseek"
    },
    {
      "fact": "providers.md, deepseek",
      "url": "https://github.com/langchain-ai/langchainjs/tree/HEAD/libs/providers/langchain-deepseek"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "legacy deepseek-reasoner (R1): logprobs/top_logprobs -> 400; no tools or JSON output",
    "R1 rejected temperature at launch; V4 thinking mode ignores it silently",
    "max_completion_tokens support unknown; Portkey rewrites it to max_tokens"
  ],
};
