import { range, type ProviderProfile } from './types.js';

/**
 * MiniMax. Facts from shared/reference/providers.md (section `minimax`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "verified", "apiKeyEnv": "verified", "models": "M2.x verified/third-party; M3 third-party (models.dev); preview, image, speech inferred", "endpoints": "chat/tools verified; responses/modelsList inferred; rest unknown or inferred", "params": "temperature/top_p ranges and reasoning_split/round-trip verified; max_tokens conflict unresolved; unsupported list inferred", "integrations": "third-party; npm versions verified"}
 */
export const minimax: ProviderProfile = {
  id: "minimax",
  name: "MiniMax",
  aliases: ["minimaxi", "hailuo"],
  regions: {
    "cn": {
      "baseURL": "https://api.minimaxi.com/v1",
      "aliases": [
        "cn",
        "china"
      ]
    },
    "intl": {
      "baseURL": "https://api.minimax.io/v1",
      "aliases": [
        "intl",
        "international"
      ]
    }
  },
  defaultRegion: "cn",
  apiKeyEnv: "MINIMAX_API_KEY",
  apiKeyEnvAliases: ["MINIMAX_GROUP_ID"],
  models: {
    "flagship": [
      "MiniMax-M3"
    ],
    "fast": [
      "MiniMax-M2.7-highspeed",
      "MiniMax-M2.5-highspeed",
      "MiniMax-M2.1-highspeed"
    ],
    "reasoning": [
      "MiniMax-M3",
      "MiniMax-M2.7",
      "MiniMax-M2.5",
      "MiniMax-M2.1",
      "MiniMax-M2"
    ],
    "longContext": [
      "MiniMax-M3"
    ],
    "vision": [
      "MiniMax-M3"
    ],
    "coding": [
      "MiniMax-M2.7",
      "MiniMax-M3"
    ],
    "embeddings": [
      "embo-01"
    ],
    "image": [
      "image-01"
    ],
    "video": [
      "MiniMax-H3"
    ],
    "legacy": [
      "MiniMax-Text-01",
      "MiniMax-VL-01",
      "abab6.5s-chat",
      "abab6.5-chat"
    ],
    "preview": [
      "MiniMax-M3.1-Flash-Preview"
    ]
  },
  tierMap: {
    "flagship": "MiniMax-M3",
    "fast": "MiniMax-M2.7-highspeed",
    "reasoning": "MiniMax-M3",
    "vision": "MiniMax-M3",
    "longContext": "MiniMax-M3",
    "coding": "MiniMax-M2.7",
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
    "MiniMax-Text-01": null,
    "MiniMax-VL-01": null,
    "abab6.5s-chat": null,
    "abab6.5-chat": null
  },
  endpoints: {
    "chat": "yes",
    "streaming": "yes",
    "tools": "yes",
    "jsonObject": "unknown",
    "jsonSchema": "unknown",
    "completions": "no",
    "embeddings": "no",
    "images": "no",
    "audio": "no",
    "files": "no",
    "batch": "unknown",
    "fineTuning": "unknown",
    "assistants": "no",
    "responses": "partial",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "partial"
  },
  endpointNotes: {
    "jsonObject": "one integration strips response_format for MiniMax",
    "embeddings": "native MiniMax shapes only (inferred)",
    "responses": "POST /v1/responses per a third-party summary of the docs (inferred)",
    "modelsList": "inferred"
  },
  params: {
    source: { url: "https://platform.minimax.io/docs/api-reference/text-openai-api", confidence: "temperature/top_p ranges and reasoning_split/round-trip verified; max_tokens conflict unresolved; unsupported list inferred" },
    drop: {
      "n": "MiniMax does not accept or document it",
      "presence_penalty": "MiniMax does not accept or document it",
      "frequency_penalty": "MiniMax does not accept or document it",
      "logit_bias": "MiniMax does not accept or document it",
      "logprobs": "MiniMax does not accept or document it",
      "seed": "MiniMax does not accept or document it",
      "parallel_tool_calls": "MiniMax does not accept or document it"
    },
    dropChangesBehaviour: ["n", "logprobs", "parallel_tool_calls"],
    rename: {"max_completion_tokens": "max_tokens"},
    ranges: {temperature: range(0, 1, false, true), top_p: range(0, 1, false, true)},
    developerRole: 'system',
    reasoningEffort: { kind: 'drop', reason: "MiniMax has no reasoning_effort parameter: M2.x always think; M3 thinking.type adaptive|disabled" },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {
    thinkingInContent: { field: 'reasoning_split', value: true, url: "https://platform.minimax.io/docs/api-reference/text-openai-api", confidence: "verified" },
    reasoningRoundTrip: { kind: 'whole-message', url: "https://platform.minimax.io/docs/api-reference/text-openai-api", confidence: "verified" },
  },
  integrations: {
    langchainJs: null,
    langchainPy: null,
    aiSdk: null,
    aiSdkCapabilities: { embedding: false, image: false, transcription: false, structuredOutputs: false, streamUsage: false, url: "https://platform.minimax.io/docs/api-reference/text-openai-api", confidence: "unknown for structured outputs and streamed usage" },
    llamaIndex: null,
  },
  docs: "https://platform.minimax.io/docs/api-reference/text-openai-api",
  consoleUrl: "https://platform.minimax.io/docs/api-reference/text-openai-api",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://platform.minimax.io/docs/api-reference/text-openai-api"
    },
    {
      "fact": "providers.md, minimax",
      "url": "https://platform.minimaxi.com/docs/api-reference/text-openai-api"
    },
    {
      "fact": "providers.md, minimax",
      "url": "https://platform.minimax.io/docs/api-reference/text-chat"
    },
    {
      "fact": "providers.md, minimax",
      "url": "https://www.developersdigest.tech/reference/api-compatibility/minimax"
    },
    {
      "fact": "providers.md, minimax",
      "url": "https://www.promptfoo.dev/docs/providers/minimax/"
    },
    {
      "fact": "providers.md, minimax",
      "url": "https://github.com/vercel/ai/tree/HEAD/packages/minimax"
    },
    {
      "fact": "providers.md, minimax",
      "url": "https://github.com/anomalyco/models.dev/tree/HEAD/providers/minimax"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "max_tokens <= 2048 is documented on the OpenAI-compatible chat reference but conflicts with 128K model output: verify before clamping",
    "0 temperature is rejected",
    "unsupported list inferred (LobeChat strips penalties; CAMEL config n=1)"
  ],
};
