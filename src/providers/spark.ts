import { range, type ProviderProfile } from './types.js';

/**
 * iFlytek Spark (Xinghuo). Facts from shared/reference/providers.md (section `spark`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "chat URL verified; reasoning paths inferred", "apiKeyEnv": "inferred (no provider-documented name)", "models": "chat domains verified/third-party; spark-x and retirements inferred", "endpoints": "verified / inferred", "params": "top_k and max_tokens verified; temperature inferred (older doc)", "integrations": "third-party"}
 */
export const spark: ProviderProfile = {
  id: 'spark',
  name: 'iFlytek Spark (Xinghuo)',
  aliases: ['iflytek', 'xunfei', 'xinghuo', 'iflytek-spark'],
  regions: {
    cn: {
      baseURL: 'https://spark-api-open.xf-yun.com/v1',
      aliases: ['cn', 'china'],
    },
  },
  defaultRegion: 'cn',
  apiKeyEnv: 'SPARK_API_PASSWORD',
  apiKeyEnvAliases: ['IFLYTEK_SPARK_API_PASSWORD', 'IFLYTEK_API_KEY', 'IFLYTEK_SPARK_APP_ID', 'IFLYTEK_SPARK_API_KEY', 'IFLYTEK_SPARK_API_SECRET', 'IFLYTEK_APPID', 'IFLYTEK_API_SECRET'],
  models: {
    flagship: ['4.0Ultra'],
    fast: ['lite', 'generalv3', 'generalv3.5', 'max-32k'],
    reasoning: ['spark-x'],
    longContext: ['pro-128k'],
    legacy: ['generalv3.5', 'x1'],
  },
  tierMap: {
    flagship: '4.0Ultra',
    fast: 'lite',
    reasoning: 'spark-x',
    vision: null,
    longContext: 'pro-128k',
    coding: '4.0Ultra',
    embeddingSmall: null,
    embeddingLarge: null,
    image: null,
    speechToText: null,
    textToSpeech: null,
    legacyCompletion: null,
    audioChat: null,
    realtime: null,
    moderation: null,
    video: null,
  },
  deprecated: {
    'generalv3.5': '4.0Ultra',
    x1: 'spark-x',
  },
  endpoints: {
    chat: 'yes',
    streaming: 'yes',
    tools: 'partial',
    jsonObject: 'unknown',
    jsonSchema: 'unknown',
    completions: 'no',
    embeddings: 'no',
    images: 'no',
    audio: 'no',
    files: 'no',
    batch: 'no',
    fineTuning: 'no',
    assistants: 'no',
    responses: 'no',
    moderations: 'no',
    realtime: 'no',
    modelsList: 'no',
  },
  endpointNotes: {
    tools: '4.0Ultra and Max models; built-in web_search tool',
    modelsList: 'no models endpoint (inferred)',
  },
  params: {
    source: { url: 'https://www.xfyun.cn/doc/spark/HTTP调用文档.html', confidence: 'top_k and max_tokens verified; temperature inferred (older doc)' },
    drop: {
      top_p: 'iFlytek Spark (Xinghuo) does not accept or document it',
    },
    dropChangesBehaviour: [],
    rename: {},
    ranges: { temperature: range(0, 1, false, true), top_k: range(1, 6, true, true), max_tokens: range(1, 8192, true, true) },
    developerRole: 'system',
    reasoningEffort: { kind: 'drop', note: 'separate spark-x paths; X1.5 thinking field' },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {
    toolModels: { models: ['4.0Ultra', 'generalv3.5', 'max-32k'], url: 'https://www.xfyun.cn/doc/spark/HTTP调用文档.html', confidence: 'verified / third-party' },
  },
  integrations: {
    langchainJs: null,
    langchainPy: null,
    aiSdk: null,
    aiSdkCapabilities: {
      embedding: false,
      image: false,
      transcription: false,
      structuredOutputs: false,
      streamUsage: false,
      url: 'https://www.xfyun.cn/doc/spark/HTTP调用文档.html',
      confidence: 'unknown',
    },
    llamaIndex: null,
  },
  docs: 'https://www.xfyun.cn/doc/spark/HTTP\u8c03\u7528\u6587\u6863.html',
  consoleUrl: 'https://www.xfyun.cn/doc/spark/HTTP\u8c03\u7528\u6587\u6863.html',
  sources: [
    {
      fact: 'endpoint, key, models',
      url: 'https://www.xfyun.cn/doc/spark/HTTP调用文档.html',
    },
    {
      fact: 'providers.md, spark',
      url: 'https://www.xfyun.cn/doc/spark/X1http.html',
    },
    {
      fact: 'providers.md, spark',
      url: 'https://www.xfyun.cn/doc/spark/X2-Flash.html',
    },
    {
      fact: 'providers.md, spark',
      url: 'https://docs.iflyaicloud.com/doc/237',
    },
    {
      fact: 'providers.md, spark',
      url: 'https://github.com/run-llama/llama_index/blob/HEAD/llama-index-integrations/llms/llama-index-llms-iflytek/llama_index/llms/iflytek/base.py',
    },
    {
      fact: 'providers.md, spark',
      url: 'https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-runtime/src/providers/spark/index.ts',
    },
    {
      fact: 'providers.md, spark',
      url: 'https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-bank/src/aiModels/spark.ts',
    },
    {
      fact: 'providers.md, spark',
      url: 'https://github.com/songquanpeng/one-api/blob/HEAD/relay/adaptor/xunfeiv2/constants.go',
    },
    {
      fact: 'providers.md, spark',
      url: 'https://github.com/vercel/ai/blob/HEAD/content/providers/05-community-providers/41-spark.mdx',
    },
    {
      fact: 'providers.md, spark',
      url: 'https://github.com/iflytek/spark-ai-python',
    },
  ],
  asOf: '2026-11-25',
  notes: [
    'temperature range from the older doc; current range unconfirmed (inferred)',
    'max_tokens up to 32768 on 4.0Ultra and max-32k',
    'top_p listed as unsupported because Spark samples with top_k (inferred)',
    'presence_penalty, frequency_penalty, user, tools are present',
    'LobeChat uses a custom stream parser and drops user: expect stream/response-shape quirks',
  ],
};
