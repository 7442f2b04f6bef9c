import type { ProviderProfile } from './types.js';

/**
 * StepFun. Facts from shared/reference/providers.md (section `stepfun`) and providers.json,
 * as of 2026-11-25. Confidence: {"regions": "cn verified; global third-party", "apiKeyEnv": "verified (STEP_API_KEY); alias third-party", "models": "3.x third-party (models.dev) and verified (docs index); step-5-preview inferred", "endpoints": "verified from the docs index titles; request shapes for images/audio inferred", "params": "effort values verified/third-party; everything else unknown", "integrations": "third-party or inferred"}
 */
export const stepfun: ProviderProfile = {
  id: "stepfun",
  name: "StepFun",
  aliases: ["step", "jieyue"],
  regions: {
    "cn": {
      "baseURL": "https://api.stepfun.com/v1",
      "aliases": [
        "cn",
        "china"
      ]
    },
    "global": {
      "baseURL": "https://api.stepfun.ai/v1",
      "aliases": [
        "intl",
        "international"
      ]
    }
  },
  defaultRegion: "cn",
  apiKeyEnv: "STEP_API_KEY",
  apiKeyEnvAliases: ["STEPFUN_API_KEY"],
  models: {
    "flagship": [
      "step-5-preview",
      "step-3.7-flash"
    ],
    "fast": [
      "step-3.5-flash",
      "step-3.5-flash-2603"
    ],
    "reasoning": [
      "step-3.7-flash",
      "step-3.5-flash",
      "step-3.5-flash-2603"
    ],
    "longContext": [
      "step-3.7-flash",
      "step-3.5-flash"
    ],
    "vision": [
      "step-3.7-flash",
      "step-1v-8k",
      "step-1v-32k",
      "step-1o-turbo-vision"
    ],
    "coding": [
      "step-3.5-flash"
    ],
    "image": [
      "step-1x-medium",
      "step-image-edit-2"
    ],
    "speech": [
      "step-tts-mini",
      "step-asr"
    ],
    "legacy": [
      "step-2-16k",
      "step-2-mini",
      "step-1-8k",
      "step-1-32k",
      "step-1-128k",
      "step-1-256k",
      "step-1-flash"
    ]
  },
  tierMap: {
    "flagship": "step-5-preview",
    "fast": "step-3.5-flash",
    "reasoning": "step-3.7-flash",
    "vision": "step-3.7-flash",
    "longContext": "step-3.7-flash",
    "coding": "step-3.5-flash",
    "embeddingSmall": null,
    "embeddingLarge": null,
    "image": "step-1x-medium",
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
    "jsonSchema": "unknown",
    "completions": "no",
    "embeddings": "no",
    "images": "partial",
    "audio": "partial",
    "files": "yes",
    "batch": "unknown",
    "fineTuning": "unknown",
    "assistants": "no",
    "responses": "yes",
    "moderations": "no",
    "realtime": "no",
    "modelsList": "yes"
  },
  endpointNotes: {
    "images": "generations, edits, image2image exist; OpenAI shape inferred",
    "audio": "speech, transcriptions, realtime exist; OpenAI shape inferred"
  },
  params: {
    source: { url: "https://platform.stepfun.com/docs/zh/step-plan/integrations/reasoning-api", confidence: "effort values verified/third-party; everything else unknown" },
    drop: {},
    dropChangesBehaviour: [],
    rename: {},
    ranges: {},
    developerRole: 'system',
    reasoningEffort: { kind: 'keep', values: ["low", "medium", "high"], mapping: {"none": "low", "minimal": "low", "xhigh": "high", "max": "high"} },
    rejectedValues: {},
    perModel: [],
  },
  requestRules: {},
  integrations: {
    langchainJs: null,
    langchainPy: null,
    aiSdk: null,
    aiSdkCapabilities: { embedding: false, image: false, transcription: false, structuredOutputs: false, streamUsage: false, url: "https://docs.openclaw.ai/providers/stepfun", confidence: "unknown" },
    llamaIndex: null,
  },
  docs: "https://platform.stepfun.com/docs/zh/step-plan/integrations/reasoning-api",
  consoleUrl: "https://platform.stepfun.com/docs/zh/step-plan/integrations/reasoning-api",
  sources: [
    {
      "fact": "endpoint, key, models",
      "url": "https://platform.stepfun.com/docs/zh/step-plan/integrations/reasoning-api"
    },
    {
      "fact": "providers.md, stepfun",
      "url": "https://platform.stepfun.com/docs/api-reference/models/retrieve"
    },
    {
      "fact": "providers.md, stepfun",
      "url": "https://docs.openclaw.ai/providers/stepfun"
    },
    {
      "fact": "providers.md, stepfun",
      "url": "https://github.com/anomalyco/models.dev/tree/HEAD/providers/stepfun"
    },
    {
      "fact": "providers.md, stepfun",
      "url": "https://github.com/api-evangelist/stepfun/blob/HEAD/llms/stepfun-llms.txt"
    }
  ],
  asOf: "2026-11-25",
  notes: [
    "guides exist for JSON mode, tool calls, prompt cache and reasoning models",
    "value ranges and unsupported params unknown",
    "official migration guide: 'Migrating from OpenAI to StepFun'"
  ],
};
