import { describe, expect, it } from 'vitest';
import { classifyOpenAIModel } from '../src/models/openai-catalog.js';
import { ModelMap, parseModelOverrides } from '../src/models/map.js';
import { getProvider } from '../src/providers/index.js';

describe('OpenAI model tiers', () => {
  const cases: Array<[string, string | undefined]> = [
    ['gpt-4o', 'flagship'],
    ['gpt-4o-2024-08-06', 'flagship'],
    ['chatgpt-4o-latest', 'flagship'],
    ['gpt-4-turbo-preview', 'flagship'],
    ['gpt-4-1106-preview', 'flagship'],
    ['gpt-4-0613', 'flagship'],
    ['gpt-4.1', 'flagship'],
    ['gpt-4.5-preview-2025-02-27', 'flagship'],
    ['gpt-5', 'flagship'],
    ['gpt-5-chat-latest', 'flagship'],
    ['gpt-5.4', 'flagship'],
    ['gpt-5.6-terra', 'flagship'],
    ['gpt-4o-mini', 'fast'],
    ['gpt-4o-mini-2024-07-18', 'fast'],
    ['gpt-4.1-nano-2025-04-14', 'fast'],
    ['gpt-5-mini', 'fast'],
    ['gpt-5.4-nano', 'fast'],
    ['gpt-3.5-turbo-0125', 'fast'],
    ['gpt-3.5-turbo-16k-0613', 'fast'],
    ['gpt-35-turbo', 'fast'],
    ['o1', 'reasoning'],
    ['o1-preview-2024-09-12', 'reasoning'],
    ['o3-mini-2025-01-31', 'reasoning'],
    ['o4-mini', 'reasoning'],
    ['o3-pro', 'reasoning'],
    ['gpt-oss-120b', 'reasoning'],
    ['gpt-4-vision-preview', 'vision'],
    ['gpt-4-32k-0613', 'longContext'],
    ['gpt-5-codex', 'coding'],
    ['codex-mini-latest', 'coding'],
    ['text-embedding-3-small', 'embeddingSmall'],
    ['text-embedding-ada-002', 'embeddingSmall'],
    ['text-embedding-3-large', 'embeddingLarge'],
    ['dall-e-3', 'image'],
    ['gpt-image-1', 'image'],
    ['whisper-1', 'speechToText'],
    ['gpt-4o-mini-transcribe', 'speechToText'],
    ['tts-1-hd', 'textToSpeech'],
    ['gpt-3.5-turbo-instruct', 'legacyCompletion'],
    ['text-davinci-003', 'legacyCompletion'],
    ['gpt-4o-realtime-preview-2024-12-17', 'realtime'],
    ['gpt-4o-audio-preview', 'audioChat'],
    ['omni-moderation-latest', 'moderation'],
    ['sora-2', 'video'],
    ['openai/gpt-4o', 'flagship'],
    ['openai:gpt-4o-mini', 'fast'],
    // not OpenAI ids
    ['deepseek-chat', undefined],
    ['qwen-max', undefined],
    ['gpt', undefined],
    ['o5', undefined],
    ['gpt-4o is great', undefined],
    ['llama-3.3-70b-versatile', undefined],
  ];
  for (const [id, tier] of cases) {
    it(`${id} -> ${tier ?? 'not OpenAI'}`, () => expect(classifyOpenAIModel(id)?.tier).toBe(tier));
  }
});

describe('ModelMap', () => {
  it('maps by tier, takes overrides, and returns null (not a guess) when the provider has no equivalent', () => {
    const m = new ModelMap(getProvider('deepseek'), parseModelOverrides(['gpt-4o=deepseek-flash']));
    expect(m.lookup('gpt-4o')).toMatchObject({ target: 'deepseek-flash', via: 'override' });
    expect(m.lookup('gpt-4o-2024-05-13')).toMatchObject({ target: 'deepseek-v4-pro', via: 'tier' });
    expect(m.lookup('text-embedding-3-small')).toMatchObject({ target: null, via: 'none' });
    expect(m.lookup('ft:gpt-4o-mini-2024-07-18:org:x:abc')).toMatchObject({ target: null, tier: 'fine-tuned' });
    expect(m.lookup('not-a-model')).toBeUndefined();
  });
  it('rejects malformed --model flags', () => {
    expect(() => parseModelOverrides(['gpt-4o'])).toThrow(/--model expects/);
    expect(() => parseModelOverrides(['=x'])).toThrow();
  });
});
