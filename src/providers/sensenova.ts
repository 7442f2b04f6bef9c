import { range, type ProviderProfile } from './types.js';

/**
 * SenseTime SenseNova / SenseChat. Facts from shared/reference/providers.md (section `sensenova`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "verified (vendor GitHub API.md)", "apiKeyEnv": "verified; legacy pair third-party", "models": "sensenova-6.7-flash-lite verified; other new-platform ids inferred; legacy ids third-party", "endpoints": "chat verified; images/models/anthropic inferred", "params": "accepted list and reasoning field verified; reject list inferred; legacy third-party", "integrations": "third-party"}
 */
export const sensenova: ProviderProfile = {
  id: "sensenova",
  name: "SenseTime SenseNova / SenseChat",
  aliases: ["sensetime", "sensechat", "sensecore"],
  regions: {
    "cn": {
      "baseURL": "https://token.sensenova.cn/v1",
      "aliases": [
        "cn",
        "china"
      ]
    }
  },
  defaultRegion: "cn",
  apiKeyEnv: "SENSENOVA_API_KEY",
  apiKeyEnvAliases: ["SENSENOVA_ACCESS_KEY_ID", "SENSENOVA_SECRET_ACCESS_KEY"],
  models: {
    "flagship": [
      "sensenova-6.8-flash-lite",
      "sensenova-6.7-flash-lite"
    ],
    "fast": [
      "sensenova-6.7-flash-lite"
    ],
    "reasoning": [
      "sensenova-6.7-flash-lite"
    ],
    "longContext": [
      "sensenova-6.7-flash-lite"
    ],
    "vision": [
      "sensenova-6.7-flash-lite"
    ],
    "embeddings": [
      "nova-embedding-stable"
    ],
    "image": [
      "sensenova-u1-fast",
      "sensenova-u1.5-lite",
      "sensenova-u1.5-fast"
    ],
    "legacy": [
      "SenseNova-V6-5-Pro",
      "SenseNova-V6-5-Turbo",
      "SenseNova-V6-Reasoner",
      "SenseNova-V6-Pro",
      "SenseNova-V6-Turbo",
      "SenseChat-5",
      "SenseChat-5-1202",
      "SenseChat-Turbo",
      "SenseChat-Turbo-1202",
      "SenseChat-128K",
      "SenseChat-32K",
      "SenseChat",
      "SenseChat-5-Cantonese",
      "SenseChat-Character",
      "SenseChat-Character-Pro",
      "SenseChat-Vision"
    ],
    "hosted": [
      "deepseek-v4-pro",
      "deepseek-v4-flash",
      "glm-5.2",
      "kimi-k3"
    ]
  },
  tierMap: {
    "flagship": "sensenova-6.8-flash-lite",
    "fast": "sensenova-6.7-flash-lite",
    "reasoning": "sensenova-6.7-flash-lite",
    "vision": "sensenova-6.7-flash-lite",
    "longContext": "sensenova-6.7-flash-lite",
    "coding": "sensenova-6.8-flash-lite",
    "embeddingSmall": null,
    "embeddingLarge": null,
    "image": "sensenova-u1-fast",
    "speechToText": null,
    "textToSpeech": null,
    "legacyCompletion": null,
    "audioChat": null,
    "realtime": null,
    "moderation": null,
    "video": null
  },
  deprecated: {},
  endpoints: {
    "chat": "yes",
    "streaming": "yes",
    "tools": "yes",
    "jsonObject": "no",
    "jsonSchema": "no",
    "completions": "no",
    "embeddings": "unknown",
    "images": "partial",
    "audio": "no",
    "files": "partial",
    "batch": "no",
    "fineTuning": "unknown",
    "assistants": "no",
    "responses": "no",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "partial"
  },
  endpointNotes: {
    "streaming": "final chunk is usage-only with choices: []",
    "jsonObject": "response_format rejected (inferred, third-party gateway note)",
    "images": "/images/generations and /images/edits take a JSON body, not multipart (inferred)",
    "modelsList": "GET /v1/models (inferred)"
  },
  params: {
    source: { url: "https://github.com/OpenSenseNova/SenseNova6.7/blob/HEAD/API.md", confidence: "accepted list and reasoning field verified; reject list inferred; legacy third-party" },
    drop: {
      "response_format": "SenseTime SenseNova / SenseChat does not accept or document it",
      "thinking": "SenseTime SenseNova / SenseChat does not accept or document it",
      "enable_thinking": "SenseTime SenseNova / SenseChat does not accept or document it"
    },
    dropChangesBehaviour: ["response_format"],
    rename: {},
    ranges: {temperature: range(0, 2, true, true), max_tokens: range(1, 65536, true, true)},
    developerRole: 'system',
    reasoningEffort: { kind: 'keep', values: ["low", "medium", "high"], mapping: {"none": "low", "minimal": "low", "xhigh": "high", "max": "high"} },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {
    reasoningRoundTrip: { kind: 'omit', field: 'reasoning', url: "https://github.com/OpenSenseNova/SenseNova6.7/blob/HEAD/API.md", confidence: "verified" },
  },
  integrations: {
    langchainJs: null,
    langchainPy: null,
    aiSdk: null,
    aiSdkCapabilities: { embedding: false, image: false, transcription: false, structuredOutputs: false, streamUsage: true, url: "https://github.com/OpenSenseNova/SenseNova6.7/blob/HEAD/API.md", confidence: "verified (stream_options accepted; json_schema not)" },
    llamaIndex: null,
  },
  docs: "https://platform.sensenova.cn/docs",
  consoleUrl: "https://platform.sensenova.cn/docs",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://github.com/OpenSenseNova/SenseNova6.7/blob/HEAD/API.md"
    },
    {
      "fact": "providers.md, sensenova",
      "url": "https://platform.sensenova.cn/docs"
    },
    {
      "fact": "providers.md, sensenova",
      "url": "https://platform.sensenova.cn/product/APIService/document"
    },
    {
      "fact": "providers.md, sensenova",
      "url": "https://www.sensecore.cn/help/docs/model-as-a-service/nova/overview/compatible-mode"
    },
    {
      "fact": "providers.md, sensenova",
      "url": "https://www.sensecore.cn/help/docs/model-as-a-service/nova/overview/Authorization"
    },
    {
      "fact": "providers.md, sensenova",
      "url": "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-runtime/src/providers/sensenova/index.ts"
    },
    {
      "fact": "providers.md, sensenova",
      "url": "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-bank/src/aiModels/sensenova.ts"
    },
    {
      "fact": "providers.md, sensenova",
      "url": "https://cdn.jsdelivr.net/npm/mimo2codex@0.4.10/doc/sensenova.md"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "accepted (new platform): model, messages, stream, stream_options, temperature, top_p, max_tokens, n, stop, frequency_penalty, presence_penalty, reasoning_effort, tools, tool_choice, parallel_tool_calls, seed",
    "reject list is from a third-party gateway note (inferred)",
    "legacy compat mode (LobeChat): max_tokens -> max_new_tokens; thinking -> {enabled: bool} for V6.5 only"
  ],
};
