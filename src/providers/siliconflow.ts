import { range, type ProviderProfile } from './types.js';

/**
 * SiliconFlow (SiliconCloud). Facts from shared/reference/providers.md (section `siliconflow`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "verified", "apiKeyEnv": "third-party", "models": "2025 catalogue third-party; 2026 ids inferred; embeddings list verified", "endpoints": "verified (official docs)", "params": "ranges/thinking/effort verified; repetition_penalty and image params inferred", "integrations": "langchain-siliconflow verified (PyPI); others third-party"}
 */
export const siliconflow: ProviderProfile = {
  id: "siliconflow",
  name: "SiliconFlow (SiliconCloud)",
  aliases: ["siliconcloud"],
  regions: {
    "cn": {
      "baseURL": "https://api.siliconflow.cn/v1",
      "aliases": [
        "cn",
        "china"
      ]
    },
    "intl": {
      "baseURL": "https://api.siliconflow.com/v1",
      "aliases": [
        "intl",
        "international"
      ]
    }
  },
  defaultRegion: "cn",
  apiKeyEnv: "SILICONFLOW_API_KEY",
  apiKeyEnvAliases: ["SILICONCLOUD_API_KEY"],
  models: {
    "flagship": [
      "deepseek-ai/DeepSeek-V4-Pro",
      "zai-org/GLM-5.3",
      "zai-org/GLM-5.2"
    ],
    "fast": [
      "deepseek-ai/DeepSeek-V4-Flash",
      "Qwen/Qwen3.5-35B-A3B",
      "Qwen/Qwen3.5-122B-A10B"
    ],
    "reasoning": [
      "deepseek-ai/DeepSeek-V4-Pro",
      "zai-org/GLM-5.2",
      "Qwen/Qwen3-Next-80B-A3B-Thinking"
    ],
    "longContext": [
      "deepseek-ai/DeepSeek-V4-Flash",
      "meituan-longcat/LongCat-2.0"
    ],
    "vision": [
      "zai-org/GLM-4.5V",
      "Qwen/Qwen2.5-VL-72B-Instruct"
    ],
    "coding": [
      "moonshotai/Kimi-K2.7-Code",
      "Qwen/Qwen3-Coder-480B-A35B-Instruct"
    ],
    "embeddings": [
      "BAAI/bge-m3",
      "Pro/BAAI/bge-m3",
      "BAAI/bge-large-zh-v1.5",
      "BAAI/bge-large-en-v1.5",
      "netease-youdao/bce-embedding-base_v1"
    ],
    "image": [
      "Kwai-Kolors/Kolors",
      "Qwen/Qwen-Image",
      "Qwen/Qwen-Image-Edit",
      "Qwen/Qwen-Image-Edit-2509"
    ],
    "video": [
      "Wan-AI/Wan2.2-T2V-A14B",
      "Wan-AI/Wan2.2-I2V-A14B"
    ],
    "speech": [
      "FunAudioLLM/CosyVoice2-0.5B",
      "FunAudioLLM/SenseVoiceSmall"
    ],
    "legacy": [
      "deepseek-ai/DeepSeek-V3.1"
    ],
    "hosted": [
      "Pro/deepseek-ai/DeepSeek-V4",
      "Qwen/Qwen3-Next-80B-A3B-Instruct",
      "zai-org/GLM-4.5",
      "moonshotai/Kimi-K2-Instruct-0905",
      "tencent/Hunyuan-A13B-Instruct",
      "baidu/ERNIE-4.5-300B-A47B"
    ]
  },
  tierMap: {
    "flagship": "deepseek-ai/DeepSeek-V4-Pro",
    "fast": "deepseek-ai/DeepSeek-V4-Flash",
    "reasoning": "deepseek-ai/DeepSeek-V4-Pro",
    "vision": "zai-org/GLM-4.5V",
    "longContext": "deepseek-ai/DeepSeek-V4-Flash",
    "coding": "moonshotai/Kimi-K2.7-Code",
    "embeddingSmall": "BAAI/bge-m3",
    "embeddingLarge": "BAAI/bge-m3",
    "image": "Kwai-Kolors/Kolors",
    "speechToText": "FunAudioLLM/SenseVoiceSmall",
    "textToSpeech": "FunAudioLLM/CosyVoice2-0.5B",
    "legacyCompletion": null,
    "audioChat": null,
    "realtime": null,
    "moderation": null,
    "video": null
  },
  deprecated: {
    "deepseek-ai/DeepSeek-V3.1": null
  },
  endpoints: {
    "chat": "yes",
    "streaming": "yes",
    "tools": "yes",
    "jsonObject": "yes",
    "jsonSchema": "unknown",
    "completions": "yes",
    "embeddings": "yes",
    "images": "partial",
    "audio": "yes",
    "files": "yes",
    "batch": "yes",
    "fineTuning": "unknown",
    "assistants": "no",
    "responses": "unknown",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "yes"
  },
  endpointNotes: {
    "images": "non-OpenAI parameters (image_size, batch_size, ...)",
    "batch": "/batches with cancel and list",
    "modelsList": "type and sub_type filters"
  },
  params: {
    source: { url: "https://docs.siliconflow.cn/cn/api-reference/chat-completions/chat-completions", confidence: "ranges/thinking/effort verified; repetition_penalty and image params inferred" },
    drop: {
      "repetition_penalty": "SiliconFlow (SiliconCloud) does not accept or document it"
    },
    dropChangesBehaviour: [],
    rename: {},
    ranges: {temperature: range(0, 2, true, true), top_p: range(0, 1, true, true)},
    developerRole: 'system',
    reasoningEffort: { kind: 'keep', values: ["high", "max"], mapping: {"none": "high", "minimal": "high", "low": "high", "medium": "high", "xhigh": "max"} },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {
    embeddings: { models: { "BAAI/bge-m3": { defaultDims: 1024 }, "Pro/BAAI/bge-m3": { defaultDims: 1024 }, "BAAI/bge-large-zh-v1.5": { defaultDims: 1024 }, "BAAI/bge-large-en-v1.5": { defaultDims: 1024 }, "netease-youdao/bce-embedding-base_v1": { defaultDims: 768 } }, url: "https://docs.siliconflow.cn/api-reference/embeddings/create-embeddings", confidence: "verified" },
  },
  integrations: {
    langchainJs: null,
    langchainPy: {"package": "langchain-siliconflow", "module": "langchain_siliconflow", "chatClass": "ChatSiliconFlow", "env": "SILICONFLOW_API_KEY"},
    aiSdk: null,
    aiSdkCapabilities: { embedding: true, image: false, transcription: false, structuredOutputs: false, streamUsage: false, url: "https://docs.siliconflow.cn/cn/api-reference/chat-completions/chat-completions", confidence: "unknown for structured outputs and streamed usage" },
    llamaIndex: {"package": "llama-index-llms-siliconflow", "module": "llama_index.llms.siliconflow", "className": "SiliconFlow"},
  },
  docs: "https://docs.siliconflow.cn/cn/api-reference/chat-completions/chat-completions",
  consoleUrl: "https://docs.siliconflow.cn/cn/api-reference/chat-completions/chat-completions",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://docs.siliconflow.cn/cn/api-reference/chat-completions/chat-completions"
    },
    {
      "fact": "providers.md, siliconflow",
      "url": "https://docs.siliconflow.cn/docs/api/chat-completions-post"
    },
    {
      "fact": "providers.md, siliconflow",
      "url": "https://docs.siliconflow.cn/llms.txt"
    },
    {
      "fact": "providers.md, siliconflow",
      "url": "https://docs.siliconflow.cn/api-reference/embeddings/create-embeddings"
    },
    {
      "fact": "providers.md, siliconflow",
      "url": "https://github.com/BerriAI/litellm/blob/HEAD/docs/my-website/docs/providers/siliconflow.md"
    },
    {
      "fact": "providers.md, siliconflow",
      "url": "https://pypi.org/project/langchain-siliconflow/"
    },
    {
      "fact": "providers.md, siliconflow",
      "url": "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-runtime/src/providers/siliconcloud/index.ts"
    },
    {
      "fact": "providers.md, siliconflow",
      "url": "https://github.com/lobehub/lobe-chat/blob/HEAD/packages/model-bank/src/aiModels/siliconcloud.ts"
    },
    {
      "fact": "providers.md, siliconflow",
      "url": "https://github.com/Portkey-AI/gateway/blob/HEAD/src/providers/siliconflow/api.ts"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "max_tokens excludes reasoning tokens",
    "repetition_penalty ignored from 2026-09-15 (inferred)",
    "images API also takes num_inference_steps, guidance_scale, negative_prompt (inferred)",
    "n and frequency_penalty accepted"
  ],
};
