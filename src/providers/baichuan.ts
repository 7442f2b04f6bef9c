import { range, type ProviderProfile } from './types.js';

/**
 * Baichuan. Facts from shared/reference/providers.md (section `baichuan`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "third-party", "apiKeyEnv": "third-party", "models": "third-party; M-series inferred", "endpoints": "third-party", "params": "ranges inferred (resellers); web_search tool third-party", "integrations": "third-party"}
 */
export const baichuan: ProviderProfile = {
  id: "baichuan",
  name: "Baichuan",
  aliases: ["baichuan-ai"],
  regions: {
    "cn": {
      "baseURL": "https://api.baichuan-ai.com/v1",
      "aliases": [
        "cn",
        "china"
      ]
    }
  },
  defaultRegion: "cn",
  apiKeyEnv: "BAICHUAN_API_KEY",
  apiKeyEnvAliases: ["BAICHUAN_AUTH_TOKEN"],
  models: {
    "flagship": [
      "Baichuan4-Turbo",
      "Baichuan4"
    ],
    "fast": [
      "Baichuan4-Air",
      "Baichuan3-Turbo"
    ],
    "reasoning": [
      "Baichuan-M3-Plus",
      "Baichuan-M3",
      "Baichuan-M2-Plus",
      "Baichuan-M2"
    ],
    "longContext": [
      "Baichuan3-Turbo-128k"
    ],
    "embeddings": [
      "Baichuan-Text-Embedding"
    ],
    "legacy": [
      "Baichuan2-Turbo",
      "Baichuan2-53B"
    ]
  },
  tierMap: {
    "flagship": "Baichuan4-Turbo",
    "fast": "Baichuan4-Air",
    "reasoning": "Baichuan-M3-Plus",
    "vision": null,
    "longContext": "Baichuan3-Turbo-128k",
    "coding": "Baichuan4-Turbo",
    "embeddingSmall": "Baichuan-Text-Embedding",
    "embeddingLarge": "Baichuan-Text-Embedding",
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
    "Baichuan2-Turbo-192k": "Baichuan3-Turbo-128k"
  },
  endpoints: {
    "chat": "yes",
    "streaming": "yes",
    "tools": "yes",
    "jsonObject": "unknown",
    "jsonSchema": "unknown",
    "completions": "no",
    "embeddings": "yes",
    "images": "no",
    "audio": "no",
    "files": "partial",
    "batch": "no",
    "fineTuning": "unknown",
    "assistants": "unknown",
    "responses": "no",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "partial"
  },
  endpointNotes: {
    "tools": "includes a built-in web_search tool",
    "files": "knowledge-base/files APIs are native",
    "modelsList": "non-standard item shape"
  },
  params: {
    source: { url: "https://platform.baichuan-ai.com/docs/api", confidence: "ranges inferred (resellers); web_search tool third-party" },
    drop: {},
    dropChangesBehaviour: [],
    rename: {},
    ranges: {temperature: range(0, 1, true, true), top_p: range(0, 1, true, false), top_k: range(0, 20, true, true), max_tokens: range(1, 2048, true, true)},
    developerRole: 'system',
    reasoningEffort: { kind: 'drop', reason: "Baichuan has no reasoning_effort parameter: no documented switch" },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {},
  integrations: {
    langchainJs: null,
    langchainPy: {"package": "langchain-community", "module": "langchain_community.chat_models", "chatClass": "ChatBaichuan", "env": "BAICHUAN_API_KEY"},
    aiSdk: null,
    aiSdkCapabilities: { embedding: true, image: false, transcription: false, structuredOutputs: false, streamUsage: false, url: "https://platform.baichuan-ai.com/docs/api", confidence: "unknown" },
    llamaIndex: null,
  },
  docs: "https://platform.baichuan-ai.com/docs/api",
  consoleUrl: "https://platform.baichuan-ai.com/docs/api",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://platform.baichuan-ai.com/docs/api"
    },
    {
      "fact": "providers.md, baichuan",
      "url": "https://platform.baichuan-ai.com/prices"
    },
    {
      "fact": "providers.md, baichuan",
      "url": "https://github.com/langchain-ai/langchain-community/blob/HEAD/libs/community/langchain_community/chat_models/baichuan.py"
    },
    {
      "fact": "providers.md, baichuan",
      "url": "https://github.com/langchain-ai/langchain-community/blob/HEAD/libs/community/langchain_community/embeddings/baichuan.py"
    },
    {
      "fact": "providers.md, baichuan",
      "url": "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-runtime/src/providers/baichuan/index.ts"
    },
    {
      "fact": "providers.md, baichuan",
      "url": "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-bank/src/aiModels/baichuan.ts"
    },
    {
      "fact": "providers.md, baichuan",
      "url": "https://docs.cloudsway.net/zh/maasapi/api-reference/text/MaaS_baichuan/"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "ranges from reseller docs, not Baichuan's pages (inferred); resellers show max_tokens up to 32000 for M3",
    "LobeChat normalises temperature from the OpenAI scale to Baichuan's"
  ],
};
