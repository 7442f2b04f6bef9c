import { range, type ProviderProfile } from './types.js';

/**
 * Tencent Hunyuan (TokenHub; legacy Hunyuan endpoint; LKEAP). Facts from shared/reference/providers.md (section `hunyuan`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "verified (official docs); host-name disagreement between CN and intl docs unresolved", "apiKeyEnv": "TOKENHUB_API_KEY third-party; HUNYUAN_API_KEY and LKEAP_API_KEY verified", "models": "TokenHub and LKEAP ids verified; hy3/hy4-preview inferred; legacy ids third-party", "deprecated": "legacy retirements inferred (one third-party audit); LKEAP retirement verified", "endpoints": "TokenHub verified; legacy embeddings/modelsList inferred", "params": "TokenHub verified; legacy extras verified (extra_body) and third-party (field list)", "integrations": "third-party; npm versions verified"}
 */
export const hunyuan: ProviderProfile = {
  id: "hunyuan",
  name: "Tencent Hunyuan (TokenHub; legacy Hunyuan endpoint; LKEAP)",
  aliases: ["tencent", "tokenhub", "hy", "tencent-hunyuan", "lkeap"],
  regions: {
    "cn": {
      "baseURL": "https://tokenhub.tencentmaas.com/v1",
      "aliases": [
        "china"
      ]
    },
    "intl-guangzhou": {
      "baseURL": "https://tokenhub.tencentcloudmaas.com/v1",
      "aliases": [
        "guangzhou"
      ]
    },
    "intl-singapore": {
      "baseURL": "https://tokenhub-intl.tencentcloudmaas.com/v1",
      "aliases": [
        "intl",
        "singapore",
        "international"
      ]
    }
  },
  defaultRegion: "cn",
  apiKeyEnv: "TOKENHUB_API_KEY",
  apiKeyEnvAliases: ["TENCENT_API_KEY", "TENCENT_TOKENHUB_API_KEY", "HUNYUAN_API_KEY", "LKEAP_API_KEY", "TENCENT_SECRET_ID", "TENCENT_SECRET_KEY", "HUNYUAN_SECRET_ID", "HUNYUAN_SECRET_KEY", "HUNYUAN_APP_ID"],
  models: {
    "flagship": [
      "hy3-preview",
      "hy3"
    ],
    "fast": [
      "hunyuan-lite",
      "hunyuan-standard"
    ],
    "reasoning": [
      "hy3-preview",
      "hunyuan-2.0-thinking-20251109",
      "hunyuan-t1-latest",
      "hunyuan-a13b"
    ],
    "longContext": [
      "hy4-preview",
      "hunyuan-standard-256K",
      "hunyuan-turbos-longtext-128k-20250325",
      "hunyuan-large-longcontext"
    ],
    "vision": [
      "hunyuan-vision-1.5-instruct",
      "hunyuan-t1-vision-20250916",
      "hunyuan-turbos-vision",
      "hunyuan-lite-vision"
    ],
    "coding": [
      "hunyuan-code"
    ],
    "embeddings": [
      "hunyuan-embedding"
    ],
    "image": [
      "hunyuan-image",
      "hunyuan-image-v3.0"
    ],
    "legacy": [
      "hunyuan-2.0-instruct-20251111",
      "hunyuan-turbos-latest",
      "hunyuan-2.0-thinking-20251109",
      "hunyuan-t1-latest",
      "hunyuan-functioncall",
      "hunyuan-role",
      "hunyuan-translation",
      "hunyuan-translation-lite"
    ],
    "hosted": [
      "deepseek-v4-pro",
      "deepseek-v4-flash",
      "deepseek-v4-flash-202605",
      "deepseek-v4-pro-202606",
      "deepseek-v3.2",
      "glm-5",
      "glm-5.1",
      "glm-5-turbo",
      "glm-5v-turbo",
      "kimi-k2.5",
      "kimi-k2.6",
      "minimax-m2.5",
      "minimax-m2.7",
      "minimax-m3"
    ],
    "translation": [
      "hy-mt2-pro",
      "hy-mt2-plus"
    ],
    "roleplay": [
      "hunyuan-role-latest"
    ],
    "lkeap": [
      "deepseek-v3.2",
      "deepseek-v3.1-terminus",
      "deepseek-v3.1",
      "deepseek-r1-0528",
      "deepseek-v3-0324"
    ]
  },
  tierMap: {
    "flagship": "hy3-preview",
    "fast": "hunyuan-lite",
    "reasoning": "hy3-preview",
    "vision": "hunyuan-vision-1.5-instruct",
    "longContext": "hy4-preview",
    "coding": "hunyuan-code",
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
    "hunyuan-2.0-instruct-20251111": null,
    "hunyuan-2.0-thinking-20251109": null,
    "hunyuan-t1-latest": null,
    "hunyuan-turbos-latest": null,
    "deepseek-r1": null
  },
  endpoints: {
    "chat": "yes",
    "streaming": "yes",
    "tools": "yes",
    "jsonObject": "unknown",
    "jsonSchema": "partial",
    "completions": "unknown",
    "embeddings": "partial",
    "images": "no",
    "audio": "no",
    "files": "no",
    "batch": "no",
    "fineTuning": "unknown",
    "assistants": "no",
    "responses": "partial",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "partial"
  },
  endpointNotes: {
    "jsonSchema": "hy3-preview lists structured output",
    "embeddings": "legacy Hunyuan endpoint only (inferred); unknown on TokenHub",
    "responses": "TokenHub: hy3-preview and MiniMax models",
    "modelsList": "GET /v1/models (inferred)",
    "assistants": "native-only Thread/RunThread actions"
  },
  params: {
    source: { url: "https://cloud.tencent.com/document/product/1823/132252", confidence: "TokenHub verified; legacy extras verified (extra_body) and third-party (field list)" },
    drop: {
      "frequency_penalty": "Tencent Hunyuan (TokenHub; legacy Hunyuan endpoint; LKEAP) does not accept or document it",
      "presence_penalty": "Tencent Hunyuan (TokenHub; legacy Hunyuan endpoint; LKEAP) does not accept or document it"
    },
    dropChangesBehaviour: [],
    rename: {},
    ranges: {temperature: range(0, 2, true, true), top_p: range(0, 1, true, true)},
    developerRole: 'system',
    reasoningEffort: { kind: 'drop', reason: "Tencent Hunyuan (TokenHub; legacy Hunyuan endpoint; LKEAP) has no reasoning_effort parameter: enable_thinking on hunyuan-a13b (legacy); hy3-preview interleaved thinking" },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {},
  integrations: {
    langchainJs: null,
    langchainPy: null,
    aiSdk: null,
    aiSdkCapabilities: { embedding: false, image: false, transcription: false, structuredOutputs: false, streamUsage: true, url: "https://cloud.tencent.com/document/product/1823/132252", confidence: "verified (TokenHub stream_options)" },
    llamaIndex: null,
  },
  docs: "https://cloud.tencent.com/document/product/1823/132252",
  consoleUrl: "https://cloud.tencent.com/document/product/1823/132252",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://cloud.tencent.com/document/product/1823/132252"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://intl.cloud.tencent.com/document/product/1300/80632"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://www.tencentcloud.com/document/product/1300/78942"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://cloud.tencent.com/document/product/1729/111007"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://cloud.tencent.com/document/product/1729/104753"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://cloud.tencent.com/document/product/1772/115969"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://www.tencentcloud.com/document/product/1255/70381"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://trtc.io/document/79679"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://docs.litellm.ai/docs/providers/tencent"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-bank/src/aiModels/hunyuan.ts"
    },
    {
      "fact": "providers.md, hunyuan",
      "url": "https://github.com/songquanpeng/one-api/blob/HEAD/relay/adaptor/tencent/main.go"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "TokenHub ranges verified: temperature [0,2] default 1.0 (some models narrower), top_p [0,1], stop <= 4; also max_tokens, tools, tool_choice, seed, stream_options",
    "frequency/presence_penalty unsupported on the legacy endpoint only (LobeChat strips them; inferred)"
  ],
};
