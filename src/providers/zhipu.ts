import { range, type ProviderProfile } from './types.js';

/**
 * Zhipu AI (GLM; BigModel in China, Z.ai internationally). Facts from shared/reference/providers.md (section `zhipu`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "verified (paas/v4 hosts); coding-plan and Anthropic URLs third-party", "apiKeyEnv": "verified (vendor SDKs); ZHIPU_API_KEY third-party", "models": "verified (BigModel overview) and third-party (models.dev, OpenRouter)", "endpoints": "SDK resources verified; OpenAI-shape compatibility inferred", "params": "SDK clamps and extras verified; unsupported list inferred from LiteLLM", "integrations": "third-party; npm versions verified"}
 */
export const zhipu: ProviderProfile = {
  id: "zhipu",
  name: "Zhipu AI (GLM; BigModel in China, Z.ai internationally)",
  aliases: ["glm", "zhipuai", "bigmodel", "zai", "z.ai"],
  regions: {
    "cn": {
      "baseURL": "https://open.bigmodel.cn/api/paas/v4",
      "aliases": [
        "cn",
        "china"
      ]
    },
    "intl": {
      "baseURL": "https://api.z.ai/api/paas/v4",
      "aliases": [
        "intl",
        "international"
      ],
      "apiKeyEnv": "ZAI_API_KEY"
    }
  },
  defaultRegion: "cn",
  apiKeyEnv: "ZHIPUAI_API_KEY",
  apiKeyEnvAliases: ["ZAI_API_KEY", "ZHIPU_API_KEY"],
  models: {
    "flagship": [
      "glm-5.3",
      "glm-5.2",
      "glm-5.1",
      "glm-5"
    ],
    "fast": [
      "glm-5-turbo",
      "glm-4.7-flashx",
      "glm-4.7-flash",
      "glm-4-flash-250414",
      "glm-4.5-air",
      "glm-4.5-airx"
    ],
    "reasoning": [
      "glm-5.3",
      "glm-5.2",
      "glm-5.1",
      "glm-5"
    ],
    "longContext": [
      "glm-4-long",
      "glm-5.3",
      "glm-5.2"
    ],
    "vision": [
      "glm-5v-turbo",
      "glm-4.6v",
      "glm-4.6v-flash",
      "glm-4.5v",
      "glm-ocr"
    ],
    "coding": [
      "glm-5.3",
      "codegeex-4"
    ],
    "embeddings": [
      "embedding-3",
      "embedding-2"
    ],
    "image": [
      "glm-image",
      "cogview-3-flash",
      "cogview-4"
    ],
    "video": [
      "cogvideox"
    ],
    "legacy": [
      "glm-4.5-flash",
      "codegeex-4"
    ]
  },
  tierMap: {
    "flagship": "glm-5.3",
    "fast": "glm-5-turbo",
    "reasoning": "glm-5.3",
    "vision": "glm-5v-turbo",
    "longContext": "glm-4-long",
    "coding": "glm-5.3",
    "embeddingSmall": "embedding-3",
    "embeddingLarge": "embedding-3",
    "image": "glm-image",
    "speechToText": null,
    "textToSpeech": null,
    "legacyCompletion": null,
    "audioChat": null,
    "realtime": null,
    "moderation": null,
    "video": null
  },
  deprecated: {
    "glm-4.5-flash": null
  },
  endpoints: {
    "chat": "yes",
    "streaming": "yes",
    "tools": "yes",
    "jsonObject": "yes",
    "jsonSchema": "unknown",
    "completions": "no",
    "embeddings": "yes",
    "images": "partial",
    "audio": "partial",
    "files": "partial",
    "batch": "partial",
    "fineTuning": "unknown",
    "assistants": "no",
    "responses": "unknown",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "unknown"
  },
  endpointNotes: {
    "jsonObject": "inferred",
    "jsonSchema": "models.dev marks structured output for glm-5.1, glm-5.2, glm-5-turbo",
    "images": "images/generations SDK resource; OpenAI-like shape inferred",
    "audio": "transcriptions SDK resource; TTS native",
    "files": "SDK resource; OpenAI-shape compatibility inferred",
    "batch": "SDK resource; OpenAI-shape compatibility inferred",
    "responses": "LiteLLM bridges a zai responses transformation; native support unknown"
  },
  params: {
    source: { url: "https://docs.z.ai/guides/overview/concept-param.md", confidence: "SDK clamps and extras verified; unsupported list inferred from LiteLLM" },
    drop: {
      "n": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "logit_bias": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "logprobs": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "top_logprobs": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "presence_penalty": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "frequency_penalty": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "parallel_tool_calls": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "service_tier": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "store": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "metadata": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "modalities": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "audio": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it",
      "prediction": "Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it"
    },
    dropChangesBehaviour: ["n", "logprobs", "top_logprobs", "modalities", "audio", "parallel_tool_calls", "prediction"],
    rename: {"user": "user_id", "max_completion_tokens": "max_tokens"},
    ranges: {temperature: range(0, 1, false, false), top_p: range(0, 1, false, false)},
    developerRole: 'system',
    reasoningEffort: { kind: 'drop', reason: "Zhipu AI (GLM; BigModel in China, Z.ai internationally) has no reasoning_effort parameter: thinking.type via extra_body (GLM-4.5+ hybrid)" },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {
    embeddings: { models: { "embedding-3": { defaultDims: 2048, dims: [256, 512, 1024, 2048], maxInputs: 64 }, "embedding-2": { defaultDims: 1024, dims: [1024] } }, url: "https://docs.bigmodel.cn/cn/guide/models/embedding/embedding-3.md", confidence: "verified" },
  },
  integrations: {
    langchainJs: null,
    langchainPy: {"package": "langchain-community", "module": "langchain_community.chat_models", "chatClass": "ChatZhipuAI", "env": "ZHIPUAI_API_KEY", "requires": ["pyjwt"]},
    aiSdk: null,
    aiSdkCapabilities: { embedding: true, image: false, transcription: false, structuredOutputs: false, streamUsage: false, url: "https://github.com/BerriAI/litellm/tree/HEAD/litellm/llms/zai", confidence: "unknown for structured outputs and streamed usage" },
    llamaIndex: {"package": "llama-index-llms-zhipuai", "module": "llama_index.llms.zhipuai", "className": "ZhipuAI"},
  },
  docs: "https://docs.bigmodel.cn/cn/guide/start/model-overview",
  consoleUrl: "https://docs.bigmodel.cn/cn/guide/start/model-overview",
  sources: [
    {
      "fact": "ChatZhipuAI imports jwt (pyjwt) at run time (not a langchain-community dependency)",
      "url": "https://github.com/langchain-ai/langchain-community/blob/HEAD/libs/community/langchain_community/chat_models/zhipuai.py"
    },
    {
      "fact": "endpoint, key, models",
      "url": "https://github.com/zai-org/z-ai-sdk-python"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://docs.bigmodel.cn/cn/guide/start/model-overview"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://docs.bigmodel.cn/api-reference/模型-api/文本嵌入"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://docs.bigmodel.cn/cn/guide/models/embedding/embedding-3.md"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://docs.z.ai/guides/overview/concept-param.md"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://openrouter.ai/~z-ai/glm-latest"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://github.com/MetaGLM/zhipuai-sdk-nodejs-v4"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://github.com/MetaGLM/zhipuai-sdk-python-v4"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://docs.continue.dev/customize/model-providers/more/zai"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://github.com/BerriAI/litellm/tree/HEAD/litellm/llms/zai"
    },
    {
      "fact": "providers.md, zhipu",
      "url": "https://github.com/anomalyco/models.dev/tree/HEAD/providers/zai"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "zai-sdk clamps temperature <=0 to 0.01 (+do_sample=false), >=1 to 0.99, top_p into [0.01, 0.99]",
    "LangChain JS docs say temperature (0,1] default 0.95; compatibility guide says 0-1 default 0.95, top_p default 0.7; one-api clamps to [0,1]",
    "unsupported list derived from LiteLLM's allow-list (third-party/inferred); the vendor SDK does carry seed and response_format"
  ],
};
