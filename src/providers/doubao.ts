import type { ProviderProfile } from './types.js';

/**
 * ByteDance Doubao (Volcengine Ark in China; BytePlus ModelArk internationally). Facts from shared/reference/providers.md (section `doubao`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "cn verified; BytePlus third-party", "apiKeyEnv": "verified (ARK_API_KEY); aliases third-party", "models": "third-party (gateway catalogues); embeddings inferred", "endpoints": "chat/responses/jsonObject verified; embeddings/images third-party; jsonSchema inferred", "params": "SDK param list verified; thinking third-party; reasoning_effort inferred", "integrations": "third-party; npm version verified"}
 */
export const doubao: ProviderProfile = {
  id: "doubao",
  name: "ByteDance Doubao (Volcengine Ark in China; BytePlus ModelArk internationally)",
  aliases: ["ark", "volcengine", "volcano-engine", "byteplus", "bytedance", "seed"],
  regions: {
    "cn-beijing": {
      "baseURL": "https://ark.cn-beijing.volces.com/api/v3",
      "aliases": [
        "cn",
        "volcengine",
        "china"
      ]
    },
    "byteplus": {
      "baseURL": "https://ark.ap-southeast.bytepluses.com/api/v3",
      "aliases": [
        "intl",
        "byteplus",
        "international"
      ]
    }
  },
  defaultRegion: "cn-beijing",
  apiKeyEnv: "ARK_API_KEY",
  apiKeyEnvAliases: ["VOLCENGINE_API_KEY", "VOLCANO_ENGINE_API_KEY", "VOLC_ACCESSKEY", "VOLC_SECRETKEY"],
  models: {
    "flagship": [
      "doubao-seed-2-0-pro-260215"
    ],
    "balanced": [
      "doubao-seed-2-0-lite-260215",
      "doubao-seed-2-0-mini-260215",
      "doubao-seed-2.1-turbo"
    ],
    "fast": [
      "doubao-seed-1-6-flash-250828",
      "doubao-seed-1-6-lite-251015"
    ],
    "reasoning": [
      "doubao-seed-2-0-pro-260215",
      "doubao-seed-1-8-251228",
      "doubao-seed-1-6-251015",
      "doubao-seed-1-6-thinking-250715"
    ],
    "longContext": [
      "doubao-seed-1-8-251228",
      "doubao-seed-1-6-251015"
    ],
    "vision": [
      "doubao-seed-1-6-vision-250815",
      "doubao-seed-2-0-pro-260215",
      "doubao-seed-1-8-251228"
    ],
    "coding": [
      "doubao-seed-2-0-code-preview-260215",
      "doubao-seed-code-preview-251028"
    ],
    "embeddings": [
      "doubao-embedding",
      "doubao-embedding-large",
      "doubao-embedding-vision"
    ],
    "image": [
      "seedream-5-0-260128"
    ],
    "legacy": [
      "doubao-1-5-pro-32k-250115",
      "doubao-1-5-pro-256k-250115",
      "doubao-1-5-lite-32k-250115",
      "doubao-1-5-thinking-pro-250415",
      "doubao-1-5-thinking-vision-pro-250428",
      "doubao-1-5-ui-tars-250428",
      "Doubao-pro-4k",
      "Doubao-pro-32k",
      "Doubao-pro-128k"
    ],
    "hosted": [
      "deepseek-v4-flash-ga-260731",
      "deepseek-v4-pro-ga-260813",
      "deepseek-v3-2-251201",
      "kimi-k2-5-260127",
      "glm-4-7-251222"
    ]
  },
  tierMap: {
    "flagship": "doubao-seed-2-0-pro-260215",
    "fast": "doubao-seed-1-6-flash-250828",
    "reasoning": "doubao-seed-2-0-pro-260215",
    "vision": "doubao-seed-1-6-vision-250815",
    "longContext": "doubao-seed-1-8-251228",
    "coding": "doubao-seed-2-0-code-preview-260215",
    "embeddingSmall": "doubao-embedding",
    "embeddingLarge": "doubao-embedding-large",
    "image": "seedream-5-0-260128",
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
    "jsonObject": "yes",
    "jsonSchema": "partial",
    "completions": "no",
    "embeddings": "yes",
    "images": "yes",
    "audio": "no",
    "files": "unknown",
    "batch": "partial",
    "fineTuning": "no",
    "assistants": "no",
    "responses": "yes",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "unknown"
  },
  endpointNotes: {
    "jsonSchema": "supported on Seed 2.0 per gateway docs (inferred)",
    "images": "/images/generations (Seedream)",
    "batch": "Chat batch API and control-plane batch inference jobs; not OpenAI Files + Batch"
  },
  params: {
    source: { url: "https://github.com/volcengine/volcengine-python-sdk/blob/HEAD/volcenginesdkarkruntime/resources/chat/completions.py", confidence: "SDK param list verified; thinking third-party; reasoning_effort inferred" },
    drop: {
      "store": "ByteDance Doubao (Volcengine Ark in China; BytePlus ModelArk internationally) does not accept or document it",
      "metadata": "ByteDance Doubao (Volcengine Ark in China; BytePlus ModelArk internationally) does not accept or document it",
      "modalities": "ByteDance Doubao (Volcengine Ark in China; BytePlus ModelArk internationally) does not accept or document it",
      "audio": "ByteDance Doubao (Volcengine Ark in China; BytePlus ModelArk internationally) does not accept or document it",
      "prediction": "ByteDance Doubao (Volcengine Ark in China; BytePlus ModelArk internationally) does not accept or document it"
    },
    dropChangesBehaviour: ["modalities", "audio", "prediction"],
    rename: {},
    ranges: {},
    developerRole: 'system',
    reasoningEffort: { kind: 'keep', values: ["minimal", "low", "medium", "high"], mapping: {"none": "minimal", "xhigh": "high", "max": "high"} },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {},
  integrations: {
    langchainJs: null,
    langchainPy: null,
    aiSdk: null,
    aiSdkCapabilities: { embedding: true, image: false, transcription: false, structuredOutputs: false, streamUsage: true, url: "https://github.com/volcengine/volcengine-python-sdk/blob/HEAD/volcenginesdkarkruntime/resources/chat/completions.py", confidence: "verified (stream_options in the Ark SDK); json_schema partial" },
    llamaIndex: null,
  },
  docs: "https://www.volcengine.com/docs/82379/1298459",
  consoleUrl: "https://www.volcengine.com/docs/82379/1298459",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://www.volcengine.com/docs/82379/1298459"
    },
    {
      "fact": "providers.md, doubao",
      "url": "https://volcengine.com/docs/82379/1298452"
    },
    {
      "fact": "providers.md, doubao",
      "url": "https://github.com/volcengine/volcengine-python-sdk/blob/HEAD/volcenginesdkarkruntime/resources/chat/completions.py"
    },
    {
      "fact": "providers.md, doubao",
      "url": "https://github.com/BerriAI/litellm/blob/HEAD/litellm/llms/volcengine/chat/transformation.py"
    },
    {
      "fact": "providers.md, doubao",
      "url": "https://mastra.ai/models/providers/volcengine"
    },
    {
      "fact": "providers.md, doubao",
      "url": "https://docs.openclaw.ai/zh-CN/providers/volcengine"
    },
    {
      "fact": "providers.md, doubao",
      "url": "https://github.com/orgs/cometapi-dev/discussions/78"
    },
    {
      "fact": "providers.md, doubao",
      "url": "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-bank/src/aiModels/volcengine.ts"
    },
    {
      "fact": "providers.md, doubao",
      "url": "https://github.com/vercel/ai/tree/HEAD/packages/bytedance"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "Ark SDK accepts the usual OpenAI chat params incl. logit_bias, logprobs, n, parallel_tool_calls, response_format",
    "max_completion_tokens accepted (inferred)",
    "seed unknown (LiteLLM lists it as supported)",
    "reasoning_effort values inferred",
    "value ranges unknown",
    "unsupported list is unknown (not in the SDK), not confirmed rejections"
  ],
};
