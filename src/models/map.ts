import type { OpenAITier, ProviderProfile } from '../providers/types.js';
import { UsageError } from '../errors.js';
import { validateModelId } from '../engine/values.js';
import { classifyOpenAIModel, isFineTunedOpenAIModel } from './openai-catalog.js';

export interface ModelTarget {
  /** Provider id to write, or null when the provider has no equivalent. */
  target: string | null;
  tier: OpenAITier | 'fine-tuned';
  /** Where the mapping came from. */
  via: 'override' | 'tier' | 'none';
}

/** OpenAI id -> provider id, from the profile's tier map plus user overrides. */
export class ModelMap {
  constructor(
    readonly provider: ProviderProfile,
    readonly overrides: Record<string, string> = {},
  ) {}

  /** undefined: not an OpenAI model id (leave the string alone). */
  lookup(openaiId: string): ModelTarget | undefined {
    const o = this.overrides[openaiId];
    const c = classifyOpenAIModel(openaiId);
    if (o !== undefined) return { target: o, tier: c?.tier ?? 'flagship', via: 'override' };
    if (!c) {
      if (isFineTunedOpenAIModel(openaiId)) return { target: null, tier: 'fine-tuned', via: 'none' };
      return undefined;
    }
    const t = this.provider.tierMap[c.tier];
    return { target: t, tier: c.tier, via: t ? 'tier' : 'none' };
  }

  /** Rows for `models` output: every tier, plus overrides. */
  rows(examples: Record<OpenAITier, string[]>): Array<{ openai: string; tier: string; target: string | null }> {
    const rows: Array<{ openai: string; tier: string; target: string | null }> = [];
    for (const [tier, ids] of Object.entries(examples) as Array<[OpenAITier, string[]]>) {
      for (const id of ids) rows.push({ openai: id, tier, target: this.lookup(id)?.target ?? null });
    }
    for (const [from, to] of Object.entries(this.overrides)) {
      if (!rows.some((r) => r.openai === from)) rows.push({ openai: from, tier: 'override', target: to });
      else for (const r of rows) if (r.openai === from) r.target = to;
    }
    return rows;
  }
}

/** Parse `--model gpt-4o=qwen-max` flags. */
export function parseModelOverrides(flags: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of flags) {
    const i = f.indexOf('=');
    if (i <= 0 || i === f.length - 1) {
      throw new UsageError('E_BAD_MODEL_OVERRIDE', `--model expects <openai-id>=<provider-id>, got "${f}"`);
    }
    const from = validateModelId(f.slice(0, i).trim(), '--model (OpenAI id)');
    out[from] = validateModelId(f.slice(i + 1).trim(), `--model ${from}=`);
  }
  return out;
}

/** Representative OpenAI ids per tier, for `openai-migrate models`. */
export const TIER_EXAMPLES: Record<OpenAITier, string[]> = {
  flagship: ['gpt-4o', 'gpt-4.1', 'gpt-5', 'gpt-4-turbo', 'gpt-4', 'chatgpt-4o-latest'],
  fast: ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-5-mini', 'gpt-5-nano', 'gpt-3.5-turbo'],
  reasoning: ['o1', 'o3', 'o3-mini', 'o4-mini'],
  vision: ['gpt-4-vision-preview'],
  longContext: ['gpt-4-32k'],
  coding: ['gpt-5-codex', 'codex-mini-latest'],
  embeddingSmall: ['text-embedding-3-small', 'text-embedding-ada-002'],
  embeddingLarge: ['text-embedding-3-large'],
  image: ['gpt-image-1', 'dall-e-3', 'dall-e-2'],
  speechToText: ['whisper-1', 'gpt-4o-transcribe'],
  textToSpeech: ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'],
  legacyCompletion: ['gpt-3.5-turbo-instruct', 'text-davinci-003'],
  audioChat: ['gpt-4o-audio-preview'],
  realtime: ['gpt-realtime', 'gpt-4o-realtime-preview'],
  moderation: ['omni-moderation-latest'],
  video: ['sora-2'],
};
