import type { OpenAITier } from '../providers/types.js';

/**
 * Classifies OpenAI model ids into tiers (shared/reference/openai-surface.md §5).
 * Matching normalises prefixes (`openai/`, `openai:`, `azure/`), dated snapshots
 * (`-2024-08-06`, `-0613`), and `-latest`/`-preview` tags, then applies the
 * family rules below, most specific first.
 */

export interface Classified {
  /** The id as written. */
  id: string;
  /** The id without prefix/snapshot/tag. */
  base: string;
  tier: OpenAITier;
  /** Prefix that was stripped (kept when the id is rewritten? no: provider ids never carry it). */
  prefix: string;
}

const PREFIX = /^(openai\/|openai:|azure\/|openai\.)/i;

/** Ordered: first match wins. Each pattern runs on the normalised base id. */
const RULES: Array<[RegExp, OpenAITier]> = [
  [/^text-embedding-3-large$/, 'embeddingLarge'],
  [/^(text-embedding-3-small|text-embedding-ada-002|text-(similarity|search)-[a-z]+(-(doc|query))?-001|code-search-[a-z-]+-001)$/, 'embeddingSmall'],
  [/^(dall-e-[23]|gpt-image-[\d.]+(-mini)?|chatgpt-image)$/, 'image'],
  [/^(whisper-1|gpt-4o(-mini)?-transcribe(-diarize)?|gpt-transcribe)$/, 'speechToText'],
  [/^(tts-1(-hd)?|gpt-4o-mini-tts)$/, 'textToSpeech'],
  [/^(omni|text)-moderation(-stable)?$/, 'moderation'],
  [/^(gpt-4o(-mini)?-realtime|gpt-realtime)(-[\w.]+)?$/, 'realtime'],
  [/^gpt-4o(-mini)?-audio$/, 'audioChat'],
  [/^sora-2(-pro)?$/, 'video'],
  [
    /^(gpt-3\.5-turbo-instruct|davinci-002|babbage-002|text-(davinci|curie|babbage|ada)-00[1-3]|davinci|curie|babbage|ada|code-(davinci|cushman)-00[12]|(text|code)-davinci-edit-001)$/,
    'legacyCompletion',
  ],
  [/^(codex-mini|gpt-5(\.\d+)?-codex(-max|-mini)?)$/, 'coding'],
  [/^(o1|o3|o4)(-mini|-pro|-deep-research)?$/, 'reasoning'],
  [/^gpt-oss-(120b|20b)$/, 'reasoning'],
  [/^gpt-4(-\d{4})?-vision$/, 'vision'],
  [/^gpt-4-32k$/, 'longContext'],
  [/^(gpt-3\.5-turbo(-16k)?|gpt-35-turbo(-16k)?|gpt-4o-mini(-search)?|gpt-4\.1-(mini|nano)|gpt-5(\.\d+)?-(mini|nano))$/, 'fast'],
  [/^(gpt-4|gpt-4-turbo|gpt-4o(-search)?|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5(\.\d+)?(-chat|-pro)?|gpt-5\.6-[a-z]+)$/, 'flagship'],
];

/** Strip snapshot dates and alias tags, repeatedly (`gpt-4-1106-preview` -> `gpt-4`). */
function normalise(id: string): string {
  let s = id.toLowerCase();
  for (;;) {
    const next = s
      .replace(/-\d{4}-\d{2}-\d{2}$/, '')
      .replace(/-(latest|preview|turbo-preview)$/, '')
      .replace(/-(0301|0314|0613|1106|0125|0409)$/, '');
    if (next === s) return s;
    s = next;
  }
}

/** Return the tier of an OpenAI model id, or undefined when the string is not one. */
export function classifyOpenAIModel(raw: string): Classified | undefined {
  if (raw.length > 80 || raw.startsWith('ft:') || /:ft-/.test(raw)) return undefined;
  const m = PREFIX.exec(raw);
  const prefix = m ? m[0] : '';
  const rest = raw.slice(prefix.length);
  const base = normalise(rest);
  for (const [re, tier] of RULES) if (re.test(base)) return { id: raw, base, tier, prefix };
  return undefined;
}

/** Fine-tuned OpenAI ids cannot be mapped: they are a manual follow-up. */
export function isFineTunedOpenAIModel(raw: string): boolean {
  return /^ft:(gpt|davinci|babbage)/.test(raw) || /^(davinci|curie|babbage|ada):ft-/.test(raw);
}

/**
 * A gateway / router id that names an OpenAI model behind another service
 * (OpenRouter and GitHub Models `openai/gpt-4o`, LiteLLM `azure/...`, Bedrock
 * `openai.gpt-oss-120b`): the request goes to that service, so code never
 * rewrites it (a LiteLLM `litellm_params.model` entry is the one exception,
 * handled by the config transform).
 */
export function isGatewayModelId(raw: string): boolean {
  return /^(openai\/|azure\/|openai\.)/i.test(raw);
}

/** Cheap test used by detectors: could this string be an OpenAI model id at all? */
export function looksLikeOpenAIModel(raw: string): boolean {
  return classifyOpenAIModel(raw) !== undefined || isFineTunedOpenAIModel(raw);
}
