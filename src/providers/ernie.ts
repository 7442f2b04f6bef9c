import { range, type ProviderProfile } from './types.js';

/**
 * Baidu ERNIE (Qianfan v2). Facts from shared/reference/providers.md (section `ernie`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "verified", "apiKeyEnv": "QIANFAN_API_KEY inferred; SDK names verified", "models": "ERNIE 4.5/speed/lite third-party or verified (2024 list); ERNIE 5.x inferred", "deprecated": "verified except ERNIE-Bot-turbo (inferred)", "endpoints": "chat/json/embeddings/responses verified; images third-party; modelsList/batch inferred", "params": "temperature/top_p/penalty_score and accepted fields verified (official SDK structs); extras third-party or inferred", "integrations": "third-party; npm versions verified"}
 */
export const ernie: ProviderProfile = {
  id: 'ernie',
  name: 'Baidu ERNIE (Qianfan v2)',
  aliases: ['baidu', 'qianfan', 'wenxin', 'baidu-qianfan'],
  regions: {
    cn: {
      baseURL: 'https://qianfan.baidubce.com/v2',
      aliases: ['cn', 'china'],
    },
  },
  defaultRegion: 'cn',
  apiKeyEnv: 'QIANFAN_API_KEY',
  apiKeyEnvAliases: ['QIANFAN_BEARER_TOKEN', 'QIANFAN_ACCESS_KEY', 'QIANFAN_SECRET_KEY', 'QIANFAN_AK', 'QIANFAN_SK'],
  models: {
    flagship: ['ernie-5.1', 'ernie-5.0', 'ernie-4.5-turbo-128k', 'ernie-4.5-turbo-latest'],
    fast: ['ernie-4.5-turbo-32k', 'ernie-speed-pro-128k', 'ernie-speed-128k', 'ernie-speed-8k', 'ernie-lite-pro-128k', 'ernie-lite-8k', 'ernie-tiny-8k'],
    reasoning: ['ernie-5.0-thinking-latest', 'ernie-5.0-thinking-preview', 'ernie-x1.1', 'ernie-x1.1-preview', 'ernie-x1-turbo-32k'],
    longContext: ['ernie-4.5-turbo-128k'],
    vision: ['ernie-4.5-turbo-vl', 'ernie-4.5-turbo-vl-latest', 'ernie-4.5-turbo-vl-32k', 'ernie-4.5-vl-28b-a3b', 'qianfan-vl-70b', 'qianfan-vl-8b'],
    embeddings: ['embedding-v1', 'bge-large-zh', 'bge-large-en', 'tao-8k', 'gme-Qwen2-VL-2B-Instruct'],
    image: ['irag-1.0', 'ernie-irag-edit', 'flux.1-schnell'],
    legacy: ['ERNIE-Bot', 'ERNIE-Bot-4', 'ERNIE-Bot-turbo', 'ERNIE-Speed'],
    hosted: ['deepseek-v4-pro', 'deepseek-v3.2', 'deepseek-v3.2-think', 'deepseek-r1', 'deepseek-r1-250528', 'kimi-k2-instruct', 'glm-4.5v'],
    persona: ['ernie-char-8k', 'ernie-char-fiction-8k', 'ernie-novel-8k'],
  },
  tierMap: {
    flagship: 'ernie-5.1',
    fast: 'ernie-4.5-turbo-32k',
    reasoning: 'ernie-5.0-thinking-latest',
    vision: 'ernie-4.5-turbo-vl',
    longContext: 'ernie-4.5-turbo-128k',
    coding: 'ernie-5.1',
    embeddingSmall: 'embedding-v1',
    embeddingLarge: 'embedding-v1',
    image: 'irag-1.0',
    speechToText: null,
    textToSpeech: null,
    legacyCompletion: null,
    audioChat: null,
    realtime: null,
    moderation: null,
    video: null,
  },
  deprecated: {
    'ERNIE-Bot': 'ernie-3.5-8k',
    'ERNIE-Bot-4': 'ernie-4.0-8k',
    'ERNIE-Speed': 'ernie-speed-8k',
    'ERNIE-Bot-turbo': 'ernie-lite-8k',
  },
  endpoints: {
    chat: 'yes',
    streaming: 'yes',
    tools: 'yes',
    jsonObject: 'yes',
    jsonSchema: 'yes',
    completions: 'unknown',
    embeddings: 'yes',
    images: 'partial',
    audio: 'no',
    files: 'no',
    batch: 'partial',
    fineTuning: 'unknown',
    assistants: 'no',
    responses: 'partial',
    moderations: 'no',
    realtime: 'no',
    modelsList: 'partial',
  },
  endpointNotes: {
    responses: '2025-11 list covers hosted DeepSeek, Kimi and Qwen models, not ERNIE',
    images: 'Baidu image models (third-party)',
    batch: 'native batch inference only',
    modelsList: '/v2/models exists (403 unauthenticated; inferred)',
    assistants: 'AppBuilder is a separate product',
  },
  params: {
    source: {
      url: 'https://github.com/baidubce/bce-qianfan-sdk/blob/HEAD/go/qianfan/chat_completion_v2.go',
      confidence: 'temperature/top_p/penalty_score and accepted fields verified (official SDK structs); extras third-party or inferred',
    },
    drop: {
      n: 'Baidu ERNIE (Qianfan v2) does not accept or document it',
      logprobs: 'Baidu ERNIE (Qianfan v2) does not accept or document it',
      logit_bias: 'Baidu ERNIE (Qianfan v2) does not accept or document it',
    },
    dropChangesBehaviour: ['n', 'logprobs'],
    rename: { max_tokens: 'max_completion_tokens' },
    ranges: { temperature: range(0, 1, false, true), top_p: range(0, 1, true, true), frequency_penalty: range(0, null, true, true), presence_penalty: range(0, null, true, true) },
    developerRole: 'system',
    reasoningEffort: { kind: 'keep', values: ['high', 'max'], mapping: { none: 'high', minimal: 'high', low: 'high', medium: 'high', xhigh: 'max' } },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {
    embeddings: {
      models: { 'bge-large-zh': { defaultDims: 1024 }, 'bge-large-en': { defaultDims: 1024 }, 'tao-8k': { defaultDims: 1024, maxInputs: 1 } },
      url: 'https://cloud.baidu.com/doc/qianfan-api/s/Fm7u3ropn',
      confidence: 'verified / inferred',
    },
  },
  integrations: {
    langchainJs: null,
    langchainPy: null,
    aiSdk: null,
    aiSdkCapabilities: {
      embedding: true,
      image: false,
      transcription: false,
      structuredOutputs: true,
      streamUsage: true,
      url: 'https://github.com/baidubce/bce-qianfan-sdk/blob/HEAD/README.md',
      confidence: 'verified (json_schema and stream_options.include_usage documented)',
    },
    llamaIndex: null,
  },
  docs: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/s/2m3fihw8s',
  consoleUrl: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/s/2m3fihw8s',
  sources: [
    {
      fact: 'endpoint, key, models',
      url: 'https://github.com/baidubce/bce-qianfan-sdk/blob/HEAD/README.md',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://github.com/baidubce/bce-qianfan-sdk/blob/HEAD/go/qianfan/chat_completion_v2.go',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://github.com/baidubce/bce-qianfan-sdk/blob/HEAD/javascript/src/constant.ts',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://github.com/baidubce/bce-qianfan-sdk/blob/HEAD/python/qianfan/extensions/openai/adapter.py',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/s/2m3fihw8s',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://cloud.baidu.com/doc/qianfan-docs/s/4mi400l1m',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://cloud.baidu.com/doc/qianfan-api/s/Fm7u3ropn',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/s/Xm9cwwxw5',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/s/Fm2vrveyu',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-bank/src/aiModels/wenxin.ts',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-runtime/src/providers/wenxin/index.ts',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://github.com/songquanpeng/one-api/blob/HEAD/relay/adaptor/baiduv2/constants.go',
    },
    {
      fact: 'providers.md, ernie',
      url: 'https://apidog.com/blog/how-to-use-ernie-5-1-api/',
    },
  ],
  asOf: '2026-11-25',
  notes: [
    'max_completion_tokens is the v2 SDK field; max_tokens reportedly also accepted; v1 used max_output_tokens',
    'seed, stop, user, tools, tool_choice, parallel_tool_calls accepted (official Go/Java SDK structs)',
    "Baidu's own v1 OpenAI adapter halves temperature (0 -> 1e-9), maps presence_penalty [-2,2] -> penalty_score [1,2], tools -> functions, drops the system message",
  ],
};
