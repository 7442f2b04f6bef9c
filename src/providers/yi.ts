import { range, type ProviderProfile } from './types.js';

/**
 * 01.AI Yi (lingyiwanwu). Facts from shared/reference/providers.md (section `yi`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "third-party (5 codebases agree)", "apiKeyEnv": "third-party", "models": "third-party; currency low", "endpoints": "third-party / inferred", "params": "third-party (Portkey)", "integrations": "third-party"}
 */
export const yi: ProviderProfile = {
  id: "yi",
  name: "01.AI Yi (lingyiwanwu)",
  aliases: ["01ai", "01.ai", "lingyi", "zeroone", "lingyiwanwu", "zeroone-yi"],
  regions: {
    "cn": {
      "baseURL": "https://api.lingyiwanwu.com/v1",
      "aliases": [
        "cn",
        "china"
      ]
    },
    "global": {
      "baseURL": "https://api.01.ai/v1",
      "aliases": [
        "intl",
        "international"
      ]
    }
  },
  defaultRegion: "cn",
  apiKeyEnv: "YI_API_KEY",
  apiKeyEnvAliases: ["ZEROONE_API_KEY"],
  models: {
    "flagship": [
      "yi-lightning",
      "yi-large"
    ],
    "fast": [
      "yi-large-turbo",
      "yi-medium",
      "yi-spark"
    ],
    "longContext": [
      "yi-medium-200k"
    ],
    "vision": [
      "yi-vision-v2",
      "yi-vision"
    ],
    "legacy": [
      "yi-lightning-lite",
      "yi-large-preview",
      "yi-34b-chat-0205",
      "yi-34b-chat-200k",
      "yi-vl-plus"
    ],
    "tools": [
      "yi-large-fc"
    ],
    "rag": [
      "yi-large-rag"
    ]
  },
  tierMap: {
    "flagship": "yi-lightning",
    "fast": "yi-large-turbo",
    "reasoning": "yi-lightning",
    "vision": "yi-vision-v2",
    "longContext": "yi-medium-200k",
    "coding": "yi-lightning",
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
    "yi-lightning-lite": null,
    "yi-large-preview": null,
    "yi-34b-chat-0205": null,
    "yi-34b-chat-200k": null,
    "yi-vl-plus": null
  },
  endpoints: {
    "chat": "yes",
    "streaming": "yes",
    "tools": "partial",
    "jsonObject": "unknown",
    "jsonSchema": "unknown",
    "completions": "no",
    "embeddings": "no",
    "images": "no",
    "audio": "no",
    "files": "no",
    "batch": "no",
    "fineTuning": "no",
    "assistants": "no",
    "responses": "no",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "partial"
  },
  endpointNotes: {
    "tools": "yi-large-fc only",
    "modelsList": "LobeChat calls it (inferred)"
  },
  params: {
    source: { url: "https://github.com/Portkey-AI/gateway/blob/HEAD/src/providers/lingyi/chatComplete.ts", confidence: "third-party (Portkey)" },
    drop: {},
    dropChangesBehaviour: [],
    rename: {"max_completion_tokens": "max_tokens"},
    ranges: {temperature: range(0, 2, true, true), top_p: range(0, 1, true, true)},
    developerRole: 'system',
    reasoningEffort: { kind: 'drop', reason: "01.AI Yi (lingyiwanwu) has no reasoning_effort parameter: no documented switch" },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {
    toolModels: { models: ["yi-large-fc"], url: "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-bank/src/aiModels/zeroone.ts", confidence: "third-party" },
  },
  integrations: {
    langchainJs: null,
    langchainPy: {"package": "langchain-community", "module": "langchain_community.chat_models", "chatClass": "ChatYi", "env": "YI_API_KEY"},
    aiSdk: null,
    aiSdkCapabilities: { embedding: false, image: false, transcription: false, structuredOutputs: false, streamUsage: false, url: "https://platform.01.ai/docs", confidence: "unknown" },
    llamaIndex: {"package": "llama-index-llms-yi", "module": "llama_index.llms.yi", "className": "Yi"},
  },
  docs: "https://platform.01.ai/docs",
  consoleUrl: "https://platform.01.ai/docs",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://platform.01.ai/docs"
    },
    {
      "fact": "providers.md, yi",
      "url": "https://platform.lingyiwanwu.com/docs"
    },
    {
      "fact": "providers.md, yi",
      "url": "https://github.com/langchain-ai/langchain-community/blob/HEAD/libs/community/langchain_community/chat_models/yi.py"
    },
    {
      "fact": "providers.md, yi",
      "url": "https://github.com/run-llama/llama_index/blob/HEAD/llama-index-integrations/llms/llama-index-llms-yi/llama_index/llms/yi/base.py"
    },
    {
      "fact": "providers.md, yi",
      "url": "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-bank/src/aiModels/zeroone.ts"
    },
    {
      "fact": "providers.md, yi",
      "url": "https://github.com/Portkey-AI/gateway/blob/HEAD/src/providers/lingyi/chatComplete.ts"
    },
    {
      "fact": "providers.md, yi",
      "url": "https://github.com/songquanpeng/one-api/blob/HEAD/relay/adaptor/lingyiwanwu/constants.go"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "renames and ranges from Portkey's 01.AI adapter (third-party)"
  ],
};
