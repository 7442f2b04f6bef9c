import { msg, type Msg } from '../../i18n/msg.js';
import type { FileContext } from '../../engine/types.js';
import { classifyOpenAIModel, isGatewayModelId, looksLikeOpenAIModel } from '../../models/openai-catalog.js';
import { isModelLookupTable } from '../../rules/models.js';
import { MODEL_KEY } from './common.js';
import { nearestKey, type ValueSite } from './sites.js';

/**
 * Config settings that hold an OpenAI model id without saying "model" or
 * "openai": `chat: gpt-4o`, `{"embedding": "text-embedding-3-small"}`,
 * `[tool.myapp] llm = "gpt-4o-mini"`, `FAST_LLM=gpt-4o-mini`. A site counts only
 * when the key AND the value say so: the value is an OpenAI id of the catalogue
 * and the key names a feature a model serves (or its parent groups models:
 * `models.chat`). Lists of models that describe OpenAI's models (pricing and
 * capability tables, recorded data, schemas, translations) are never edited.
 */

/** Words of a key that name what a model is used for. */
const FEATURE_WORDS = new Set([
  'chat',
  'completion',
  'completions',
  'embedding',
  'embeddings',
  'embed',
  'embedder',
  'llm',
  'llms',
  'default',
  'fallback',
  'primary',
  'secondary',
  'fast',
  'smart',
  'strategic',
  'cheap',
  'reasoning',
  'reasoner',
  'vision',
  'summary',
  'summarizer',
  'summarization',
  'planner',
  'judge',
  'grader',
  'evaluator',
  'agent',
  'assistant',
  'generator',
  'generation',
  'classifier',
  'extractor',
  'extraction',
  'tts',
  'stt',
  'speech',
  'transcription',
  'transcriber',
  'moderation',
  'translator',
  'coder',
  'engine',
]);
/** Keys whose children are model settings (`models: { chat: ... }`, `[tool.app.llm]`). */
const GROUP_WORDS = new Set(['model', 'models', 'llm', 'llms', 'openai']);
/** Keys on the path that make a value documentation, not a setting (JSON Schema, OpenAPI). */
const SCHEMA_KEYS = new Set(['properties', 'examples', 'example', 'enum', 'definitions', '$defs', 'schemas', 'paths']);
/** Sibling keys of a model entry in a pricing or capability table. */
const PRICING_KEY = /price|pricing|cost|per_?1k|per_?(1m|million)|context_?(window|length)|max_?(input|output)?_?tokens|token_?limit|rate_?limit|knowledge_?cutoff|deprecat/i;
/** Bare legacy names (`ada`, `davinci`) are words too often to be judged by a key. */
const BARE_LEGACY = /^(ada|babbage|curie|davinci)$/i;

/**
 * Files whose values are recorded or translated text rather than settings:
 * test fixtures and mocks, data sets, i18n catalogues (recorded runs, logs,
 * snapshots and cassettes are already left out by `files.ts`).
 */
const NOT_SETTINGS = /(^|\/)(fixtures?|__fixtures__|testdata|test[-_]data|mocks?|__mocks__|datasets?|golden|goldens|vcr|i18n|l10n|locales?|translations?|lang)\//i;

/** Lower-case words of a key: `embeddingModel`, `FAST_LLM`, `chat-model` -> [embedding, model], [fast, llm], [chat, model]. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Does a key (or env variable name) name a model's feature? */
export const isFeatureKey = (key: string) => keyWords(key).some((w) => FEATURE_WORDS.has(w));

/** Is this value an OpenAI id a setting key may be judged with (not a gateway id, not a bare legacy word)? */
export function isSettingModelId(value: string): boolean {
  // Ids are written in lower case: `GPT-4o` is a display name (a label, a translation), not a setting.
  return value === value.toLowerCase() && looksLikeOpenAIModel(value) && !isGatewayModelId(value) && !BARE_LEGACY.test(value);
}

/** Is the file one whose values are settings at all (not test data, translations, a schema)? */
export function settingsFile(rel: string, sites: ValueSite[]): boolean {
  if (NOT_SETTINGS.test(rel)) return false;
  // OpenAPI / AsyncAPI specs and JSON Schemas describe an API: their model ids are examples.
  return !sites.some((s) => s.path.length === 1 && /^(openapi|swagger|asyncapi|\$schema)$/.test(s.path[0]!));
}

/**
 * Is this site a model setting judged by its key (a feature word, or a parent
 * grouping models)? `modelKeys` also accepts keys containing "model" (files the
 * older `model` rule does not cover: pyproject `[tool.*]` tables).
 */
export function isSettingSite(s: ValueSite, modelKeys = false): boolean {
  if (!isSettingModelId(s.value)) return false;
  if (s.path.some((k) => SCHEMA_KEYS.has(k) || k.startsWith('x-'))) return false;
  // A schema fragment (`{ "type": "string", "description": ..., "default": "gpt-4o" }`) documents a value.
  if (s.keys?.includes('type') && s.keys.some((k) => ['description', 'title', 'enum', 'examples', '$ref', 'format'].includes(k))) return false;
  const key = nearestKey(s);
  if (!key) return false;
  if (isFeatureKey(key) || (modelKeys && MODEL_KEY.test(key))) return true;
  const i = s.path.lastIndexOf(key);
  const parent = s.path[i - 1];
  // `models: { chat: gpt-4o }`: the parent names the group; not for arrays of records (`models: [{ id: gpt-4o }]`).
  return i === s.path.length - 1 && parent !== undefined && parent !== '[]' && keyWords(parent).some((w) => GROUP_WORDS.has(w));
}

/** What a key word says the model must do, and the tiers that do it. */
const KEY_KINDS: Array<{ words: RegExp; kind: 'embeddings' | 'images' | 'speech' | 'moderation' | 'a chat model'; tiers: string[] }> = [
  { words: /^(embed|embeds|embedding|embeddings|embedder)$/, kind: 'embeddings', tiers: ['embeddingSmall', 'embeddingLarge'] },
  { words: /^(vision|image|images)$/, kind: 'images', tiers: ['vision', 'image'] },
  { words: /^(tts|stt|speech|transcription|transcriber)$/, kind: 'speech', tiers: ['speechToText', 'textToSpeech', 'audioChat', 'realtime'] },
  { words: /^moderation$/, kind: 'moderation', tiers: ['moderation'] },
  {
    words: /^(chat|completion|completions|llm|llms|reasoning|reasoner)$/,
    kind: 'a chat model',
    tiers: ['flagship', 'fast', 'reasoning', 'coding', 'longContext', 'vision', 'legacyCompletion', 'audioChat', 'fine-tuned'],
  },
];

/**
 * Why the key and the value disagree, as the follow-up reason (an embedding key holding a chat model, a
 * `vision` key holding a model mapped by tier only), or undefined. Such a
 * setting is reported, not edited: the tier map cannot tell what it needs.
 */
export function keyValueMismatch(key: string, id: string): Msg | undefined {
  const tier = classifyOpenAIModel(id)?.tier;
  if (!tier) return undefined;
  const words = keyWords(key);
  for (const k of KEY_KINDS) if (words.some((w) => k.words.test(w)) && !k.tiers.includes(tier)) return msg('setting.wrongKind', { key, kind: k.kind, id });
  return undefined;
}

/** The provider id for an OpenAI id (null: none), or undefined when the value is not an OpenAI id; without a target, its tier stands in. */
export function targetLookup(ctx: FileContext): (v: string) => string | null | undefined {
  return (v) => {
    if (!looksLikeOpenAIModel(v)) return undefined;
    if (!ctx.models) return classifyOpenAIModel(v)?.tier ?? null;
    const m = ctx.models.lookup(v);
    return m ? m.target : undefined;
  };
}

/**
 * Sites that belong to a list describing models rather than choosing one: the
 * same key path in an array holding several models of which one is not
 * OpenAI's or two would become one provider id, three or more model records
 * (`models: [{ chat: gpt-4o, ... }]`), or a record beside price / context
 * window keys. With `lists` false only the price keys count (the older
 * `model` rule keeps LiteLLM `model_list` and `fallbackModels: [...]` mapped).
 */
export function tableSites(sites: ValueSite[], lookup: (v: string) => string | null | undefined, lists: boolean): Set<ValueSite> {
  const out = new Set<ValueSite>();
  const groups = new Map<string, ValueSite[]>();
  for (const s of sites) {
    if (s.keys?.some((k) => PRICING_KEY.test(k))) out.add(s);
    if (!s.path.includes('[]')) continue;
    const id = s.path.join('\u0000');
    groups.set(id, [...(groups.get(id) ?? []), s]);
  }
  // The older `model` rule keeps its lists (LiteLLM `model_list`, `fallbackModels: [...]`): only price keys make a table there.
  if (!lists) return out;
  for (const list of groups.values()) {
    const records = list[0]!.path[list[0]!.path.length - 1] !== '[]';
    const values = list.map((s) => s.value);
    const ids = values.filter((v) => looksLikeOpenAIModel(v));
    if (!ids.length) continue;
    if (isModelLookupTable(values, lookup) || (records && ids.length >= 3)) for (const s of list) out.add(s);
  }
  return out;
}

/**
 * A config file's model settings judged by key and value (the shapes the
 * `model`-key rule of `model-value.ts` does not take), and the sites of either
 * rule that sit in a table and so stay as they are.
 */
export function configModelSettings(ctx: FileContext, sites: ValueSite[], isModelValue: (s: ValueSite) => boolean): { settings: Set<ValueSite>; tables: Set<ValueSite> } {
  const lookup = targetLookup(ctx);
  const tables = tableSites(sites, lookup, false);
  if (!settingsFile(ctx.file.rel, sites)) return { settings: new Set(), tables };
  const settings = new Set(sites.filter((s) => !isModelValue(s) && isSettingSite(s)));
  if (settings.size) for (const s of tableSites(sites, lookup, true)) if (settings.has(s)) tables.add(s);
  return { settings, tables };
}
