import { range, type ProviderProfile } from './types.js';

/**
 * Alibaba Cloud Model Studio (Qwen / DashScope / Bailian). Facts from shared/reference/providers.md (section `qwen`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "verified", "apiKeyEnv": "verified (DASHSCOPE_API_KEY); aliases third-party", "models": "third-party (models.dev 2026-07, Vercel 2026-08); qwen3.8-max verified mention only; TTS/image inferred", "endpoints": "verified (docs pages/nav) except jsonSchema (third-party), images/audio/fineTuning (inferred), modelsList (unknown)", "params": "thinking switches and defaults verified; ranges inferred; extras third-party or inferred", "integrations": "third-party; npm versions verified"}
 */
export const qwen: ProviderProfile = {
  id: 'qwen',
  name: 'Alibaba Cloud Model Studio (Qwen / DashScope / Bailian)',
  aliases: ['dashscope', 'alibaba', 'bailian', 'tongyi', 'qwencloud'],
  regions: {
    'cn-beijing': {
      baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
      aliases: ['cn', 'beijing', 'china'],
    },
    'ap-southeast-1': {
      baseURL: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
      aliases: ['intl', 'singapore', 'international'],
    },
    'us-east-1': {
      baseURL: 'https://dashscope-us.aliyuncs.com/compatible-mode/v1',
      aliases: ['us', 'virginia'],
    },
    'cn-hongkong': {
      baseURL: 'https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1',
      aliases: ['hk', 'hongkong'],
    },
  },
  defaultRegion: 'cn-beijing',
  apiKeyEnv: 'DASHSCOPE_API_KEY',
  apiKeyEnvAliases: ['ALIBABA_API_KEY', 'QWENCLOUD_API_KEY'],
  models: {
    flagship: ['qwen3.7-max', 'qwen3.6-max-preview', 'qwen3-max', 'qwen3-max-preview', 'qwen3.8-max'],
    balanced: ['qwen3.7-plus', 'qwen3.6-plus', 'qwen3.5-plus', 'qwen-plus'],
    fast: ['qwen3.6-flash', 'qwen3.5-flash', 'qwen-flash'],
    // Open-weight Qwen3 hybrids served on the same endpoint (thinking on by default; see requestRules.thinking).
    openWeight: ['qwen3-235b-a22b', 'qwen3-32b', 'qwen3-30b-a3b', 'qwen3-14b', 'qwen3-8b', 'qwen3-4b', 'qwen3-1.7b', 'qwen3-0.6b'],
    reasoning: ['qwq-plus', 'qwen3-235b-a22b-thinking-2507', 'qwen3-30b-a3b-thinking-2507', 'qwen3-next-80b-a3b-thinking'],
    longContext: ['qwen-long', 'qwen3.7-plus', 'qwen-plus', 'qwen-flash'],
    vision: ['qwen3-vl-plus', 'qwen3-vl-235b-a22b', 'qwen-vl-ocr', 'qwen3.7-plus', 'qwen3.6-plus', 'qwen3.5-plus'],
    coding: ['qwen3-coder-plus', 'qwen3-coder-flash', 'qwen3-coder-480b-a35b-instruct'],
    embeddings: ['text-embedding-v4', 'text-embedding-v3'],
    image: ['qwen-image'],
    video: ['wan2.6-t2v', 'wan2.6-i2v', 'wan2.6-r2v-flash', 'wan2.7-t2v', 'wan2.7-r2v'],
    speech: ['qwen3-asr-flash', 'qwen3-tts-flash', 'qwen3-omni-flash', 'qwen3-omni-flash-realtime', 'qwen3-livetranslate-flash-realtime'],
    legacy: ['qwen-turbo'],
    hosted: ['deepseek-v4-pro', 'deepseek-v4-flash', 'glm-5.1', 'glm-5', 'kimi-k2.6', 'MiniMax-M2.5'],
  },
  tierMap: {
    flagship: 'qwen3-max',
    fast: 'qwen-flash',
    reasoning: 'qwen3-max',
    vision: 'qwen3-vl-plus',
    longContext: 'qwen-plus',
    coding: 'qwen3-coder-plus',
    embeddingSmall: 'text-embedding-v4',
    embeddingLarge: 'text-embedding-v4',
    image: null,
    speechToText: null,
    textToSpeech: null,
    legacyCompletion: null,
    audioChat: null,
    realtime: null,
    moderation: null,
    video: null,
  },
  deprecated: {},
  endpoints: {
    chat: 'yes',
    streaming: 'yes',
    tools: 'yes',
    jsonObject: 'yes',
    jsonSchema: 'partial',
    completions: 'partial',
    embeddings: 'yes',
    images: 'no',
    audio: 'no',
    files: 'yes',
    batch: 'yes',
    fineTuning: 'no',
    assistants: 'no',
    responses: 'yes',
    moderations: 'no',
    realtime: 'no',
    modelsList: 'unknown',
  },
  endpointNotes: {
    jsonSchema: 'per model; list of models unknown',
    completions: "'OpenAI compatible - Completions' page for Qwen-Coder FIM style",
    images: 'image/video/TTS use native DashScope async APIs',
    audio: 'audio in/out only via omni chat models',
    batch: 'file-input batch at half price; also Batch Chat',
    responses: 'thinking_budget not supported there; a Conversations API is also listed',
  },
  params: {
    source: {
      url: 'https://www.alibabacloud.com/help/en/model-studio/qwen-api-via-openai-chat-completions',
      confidence: 'thinking switches and defaults verified; ranges inferred; extras third-party or inferred',
    },
    drop: {
      frequency_penalty: 'Alibaba Cloud Model Studio (Qwen / DashScope / Bailian) does not accept or document it',
      logit_bias: 'Alibaba Cloud Model Studio (Qwen / DashScope / Bailian) does not accept or document it',
      service_tier: 'Alibaba Cloud Model Studio (Qwen / DashScope / Bailian) does not accept or document it',
      store: 'Alibaba Cloud Model Studio (Qwen / DashScope / Bailian) does not accept or document it',
      metadata: 'Alibaba Cloud Model Studio (Qwen / DashScope / Bailian) does not accept or document it',
      prediction: 'Alibaba Cloud Model Studio (Qwen / DashScope / Bailian) does not accept or document it',
    },
    dropChangesBehaviour: ['prediction'],
    rename: { max_completion_tokens: 'max_tokens' },
    ranges: { temperature: range(0, 2, true, false), top_p: range(0, 1, false, true), presence_penalty: range(-2, 2, true, true), n: range(1, 4, true, true) },
    developerRole: 'system',
    reasoningEffort: {
      kind: 'drop',
      note: 'enable_thinking (+ thinking_budget) via extra_body (Python) / top-level (Node)',
    },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {
    // Open-weight Qwen3 hybrids think by default, and thinking mode answers only streamed (incremental) calls.
    thinking: {
      field: 'enable_thinking',
      off: false,
      url: 'https://docs.qwencloud.com/developer-guides/text-generation/thinking',
      confidence: 'verified',
      offWhenNotStreaming: {
        models: ['qwen3-235b-a22b', 'qwen3-32b', 'qwen3-30b-a3b', 'qwen3-14b', 'qwen3-8b', 'qwen3-4b', 'qwen3-1.7b', 'qwen3-0.6b'],
        error: '400 parameter.enable_thinking must be set to false for non-streaming calls',
        url: 'https://www.alibabacloud.com/help/en/model-studio/deep-thinking',
        confidence: 'verified (2025 page: open-source Qwen3 think by default; thinking mode only supports incremental output)',
      },
    },
    embeddings: {
      models: {
        'text-embedding-v4': { defaultDims: 1024, dims: [64, 128, 256, 512, 768, 1024, 1536, 2048], maxInputs: 10 },
        'text-embedding-v3': { defaultDims: 1024, dims: [512, 768, 1024], maxInputs: 10 },
      },
      url: 'https://help.aliyun.com/en/model-studio/compatibility-of-openai-with-dashscope',
      confidence: 'verified',
    },
  },
  integrations: {
    langchainJs: null,
    langchainPy: { package: 'langchain-community', module: 'langchain_community.chat_models', chatClass: 'ChatTongyi', env: 'DASHSCOPE_API_KEY', requires: ['dashscope'] },
    aiSdk: { package: '@ai-sdk/alibaba', factory: 'alibaba', createFactory: 'createAlibaba', env: 'ALIBABA_API_KEY' },
    aiSdkCapabilities: {
      embedding: true,
      image: false,
      transcription: false,
      structuredOutputs: false,
      streamUsage: true,
      url: 'https://github.com/vercel/ai/tree/HEAD/packages/alibaba',
      confidence: 'third-party',
    },
    llamaIndex: { package: 'llama-index-llms-dashscope', module: 'llama_index.llms.dashscope', className: 'DashScope' },
  },
  docs: 'https://www.alibabacloud.com/help/en/model-studio/base-url',
  consoleUrl: 'https://www.alibabacloud.com/help/en/model-studio/base-url',
  sources: [
    {
      fact: 'open-weight Qwen3 models (openWeight tier): thinking on by default, thinking mode answers incremental (streamed) output only',
      url: 'https://www.alibabacloud.com/help/en/model-studio/deep-thinking',
    },
    {
      fact: 'ChatTongyi imports dashscope at run time (not a langchain-community dependency)',
      url: 'https://github.com/langchain-ai/langchain-community/blob/HEAD/libs/community/langchain_community/chat_models/tongyi.py',
    },
    {
      fact: 'endpoint, key, models',
      url: 'https://www.alibabacloud.com/help/en/model-studio/base-url',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://help.aliyun.com/en/model-studio/compatibility-of-openai-with-dashscope',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://www.alibabacloud.com/help/en/model-studio/qwen-api-via-openai-chat-completions',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://docs.qwencloud.com/developer-guides/text-generation/thinking',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://docs.qwencloud.com/api-reference/chat/openai-chat',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://www.alibabacloud.com/help/en/model-studio/openai-compatible-batch-file-input/',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://help.aliyun.com/en/model-studio/deep-thinking',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://www.alibabacloud.com/help/ja/model-studio/glm',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://www.alibabacloud.com/help/model-studio/deepseek-api',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://github.com/vercel/ai/tree/HEAD/packages/alibaba',
    },
    {
      fact: 'providers.md, qwen',
      url: 'https://github.com/anomalyco/models.dev/tree/HEAD/providers/alibaba',
    },
  ],
  asOf: '2026-11-25',
  notes: [
    'n > 1 and logprobs only on some models (inferred)',
    'one-api clamps top_p to <= 0.9999 (third-party)',
    '@ai-sdk/alibaba warns frequency_penalty unsupported and sends enable_thinking: false by default',
  ],
};
