import { range, type ProviderProfile } from './types.js';

/**
 * Moonshot AI (Kimi). Facts from shared/reference/providers.md (section `moonshot`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "verified", "apiKeyEnv": "verified", "models": "K2.x and K2.7-code third-party; kimi-k3 id third-party, limits inferred; K3.1 and retirements inferred", "endpoints": "chat/files verified (migration doc); tool_choice and models list third-party", "params": "temperature range and thinking verified; fixed sampling, round-trip and thinking extras third-party; effort and stop inferred", "integrations": "third-party; npm versions verified"}
 */
export const moonshot: ProviderProfile = {
  id: "moonshot",
  name: "Moonshot AI (Kimi)",
  aliases: ["kimi", "moonshotai"],
  regions: {
    "cn": {
      "baseURL": "https://api.moonshot.cn/v1",
      "aliases": [
        "cn",
        "china"
      ]
    },
    "intl": {
      "baseURL": "https://api.moonshot.ai/v1",
      "aliases": [
        "intl",
        "international"
      ]
    }
  },
  defaultRegion: "cn",
  apiKeyEnv: "MOONSHOT_API_KEY",
  apiKeyEnvAliases: ["KIMI_API_KEY"],
  models: {
    "flagship": [
      "kimi-k3",
      "kimi-k3.1-pro"
    ],
    "fast": [
      "kimi-k2.6",
      "kimi-k2.5"
    ],
    "reasoning": [
      "kimi-k3",
      "kimi-k3.1-pro",
      "kimi-k2.6",
      "kimi-k2.5",
      "kimi-k2.7-code"
    ],
    "longContext": [
      "kimi-k3"
    ],
    "vision": [
      "kimi-k3",
      "kimi-k2.6",
      "kimi-k2.5",
      "kimi-k2.7-code"
    ],
    "coding": [
      "kimi-k2.7-code",
      "kimi-k2.7-code-highspeed"
    ],
    "legacy": [
      "moonshot-v1-8k",
      "moonshot-v1-32k",
      "moonshot-v1-128k",
      "moonshot-v1-auto",
      "moonshot-v1-8k-vision-preview",
      "kimi-k2-0905-preview",
      "kimi-k2-turbo-preview",
      "kimi-k2-thinking",
      "kimi-k2-thinking-turbo",
      "kimi-latest"
    ]
  },
  tierMap: {
    "flagship": "kimi-k3",
    "fast": "kimi-k2.6",
    "reasoning": "kimi-k3",
    "vision": "kimi-k3",
    "longContext": "kimi-k3",
    "coding": "kimi-k2.7-code",
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
    "kimi-latest": null,
    "kimi-k2-0905-preview": null,
    "kimi-k2-turbo-preview": null,
    "kimi-k2-thinking": null,
    "kimi-k2-thinking-turbo": null,
    "moonshot-v1-8k": null,
    "moonshot-v1-32k": null,
    "moonshot-v1-128k": null,
    "moonshot-v1-auto": null,
    "moonshot-v1-8k-vision-preview": null
  },
  endpoints: {
    "chat": "yes",
    "streaming": "yes",
    "tools": "yes",
    "jsonObject": "yes",
    "jsonSchema": "partial",
    "completions": "no",
    "embeddings": "no",
    "images": "no",
    "audio": "no",
    "files": "yes",
    "batch": "partial",
    "fineTuning": "no",
    "assistants": "no",
    "responses": "unknown",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "yes"
  },
  endpointNotes: {
    "jsonObject": "inferred",
    "jsonSchema": "native structured outputs on kimi-* models (third-party)",
    "files": "/v1/files, /v1/files/{id}, /v1/files/{id}/content",
    "batch": "LiteLLM has a Moonshot batches handler; official scope unknown",
    "modelsList": "GET /v1/models, per key (third-party)"
  },
  params: {
    source: { url: "https://platform.moonshot.cn/docs/guide/migrating-from-openai-to-kimi", confidence: "temperature range and thinking verified; fixed sampling, round-trip and thinking extras third-party; effort and stop inferred" },
    drop: {
      "functions": "Moonshot AI (Kimi) does not accept or document it",
      "seed": "Moonshot AI (Kimi) does not accept or document it",
      "top_k": "Moonshot AI (Kimi) does not accept or document it",
      "logit_bias": "Moonshot AI (Kimi) does not accept or document it",
      "service_tier": "Moonshot AI (Kimi) does not accept or document it",
      "store": "Moonshot AI (Kimi) does not accept or document it",
      "modalities": "Moonshot AI (Kimi) does not accept or document it",
      "audio": "Moonshot AI (Kimi) does not accept or document it",
      "prediction": "Moonshot AI (Kimi) does not accept or document it"
    },
    dropChangesBehaviour: ["modalities", "audio", "functions", "prediction"],
    rename: {},
    ranges: {temperature: range(0, 1, true, true)},
    developerRole: 'system',
    reasoningEffort: { kind: 'keep', values: ["low", "high", "max"], mapping: {"none": "low", "minimal": "low", "medium": "high", "xhigh": "max"} },
    rejectedValues: {"tool_choice": ["required"]},
    perModel: [
      {
        "models": [
          "kimi-k2.5",
          "kimi-k2.6",
          "kimi-k2.7-code",
          "kimi-k2.7-code-highspeed",
          "kimi-k3",
          "kimi-k3.1-pro"
        ],
        "fixed": {
          "temperature": 1
        },
        "drop": [
          "top_p",
          "n",
          "presence_penalty",
          "frequency_penalty"
        ],
        "note": "error 'invalid temperature: only 1 is allowed for this model' (third-party)",
        "source": "https://github.com/BerriAI/litellm/blob/HEAD/litellm/llms/moonshot/chat/transformation.py"
      }
    ],
  },
  requestRules: {
    // K2.5 and K2.6 switch thinking per request; each mode has its own fixed temperature (K3 and K2.7-code cannot turn it off).
    thinking: {
      field: "thinking", off: { type: "disabled" }, url: "https://platform.kimi.ai/docs/api/models-overview", confidence: "verified",
      fixedWhenOff: { models: ["kimi-k2.5", "kimi-k2.6"], values: { temperature: 0.6 }, url: "https://platform.kimi.ai/docs/guide/migrating-from-openai-to-kimi", confidence: "third-party (Moonshot's migration guide as quoted in public issue threads; error 'invalid temperature: only 0.6 is allowed for this model')" },
    },
    reasoningRoundTrip: { kind: 'field', field: 'reasoning_content', error: '400: an assistant message with tool_calls lacks reasoning_content', url: "https://github.com/BerriAI/litellm/blob/HEAD/litellm/llms/moonshot/chat/transformation.py", confidence: "third-party" },
  },
  integrations: {
    langchainJs: null,
    langchainPy: {"package": "langchain-community", "module": "langchain_community.chat_models", "chatClass": "MoonshotChat", "env": "MOONSHOT_API_KEY"},
    aiSdk: {"package": "@ai-sdk/moonshotai", "factory": "moonshotai", "createFactory": "createMoonshotAI", "env": "MOONSHOT_API_KEY"},
    aiSdkCapabilities: { embedding: false, image: false, transcription: false, structuredOutputs: false, streamUsage: false, url: "https://github.com/vercel/ai/tree/HEAD/packages/moonshotai", confidence: "third-party (stream usage reported differently; structured outputs unknown)" },
    llamaIndex: null,
  },
  docs: "https://platform.moonshot.cn/docs/guide/migrating-from-openai-to-kimi",
  consoleUrl: "https://platform.moonshot.cn/docs/guide/migrating-from-openai-to-kimi",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://platform.moonshot.cn/docs/guide/migrating-from-openai-to-kimi"
    },
    {
      "fact": "providers.md, moonshot",
      "url": "https://platform.kimi.ai/docs/api/models-overview"
    },
    {
      "fact": "providers.md, moonshot",
      "url": "https://github.com/BerriAI/litellm/blob/HEAD/litellm/llms/moonshot/chat/transformation.py"
    },
    {
      "fact": "providers.md, moonshot",
      "url": "https://java.agentscope.io/v2/en/integration/model/kimi"
    },
    {
      "fact": "providers.md, moonshot",
      "url": "https://dev.to/aihubmix/kimi-k3-api-guide-reasoning-tool-calling-structured-output-and-vision-bn3"
    },
    {
      "fact": "providers.md, moonshot",
      "url": "https://docs.together.ai/docs/kimi-k3-quickstart"
    },
    {
      "fact": "providers.md, moonshot",
      "url": "https://www.promptfoo.dev/docs/providers/moonshot/"
    },
    {
      "fact": "providers.md, moonshot",
      "url": "https://github.com/vercel/ai/tree/HEAD/packages/moonshotai"
    },
    {
      "fact": "providers.md, moonshot",
      "url": "https://github.com/anomalyco/models.dev/tree/HEAD/providers/moonshotai"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "moonshot-v1 temperature [0,1], recommended 0.3",
    "max_completion_tokens documented; max_tokens probably also accepted (frameworks map both ways)",
    "stream-mode usage reported differently from OpenAI",
    "prompt_cache_key and safety_identifier accepted (third-party)",
    "stop limits are for K3 (inferred)"
  ],
};
