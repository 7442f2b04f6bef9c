import { shortName } from '../providers/index.js';
import type { Endpoint, ProviderProfile, Support } from '../providers/types.js';
import { msg, type Msg } from '../i18n/msg.js';

/** Endpoint kinds detectors report (JS and Python share them). */
export type EndpointKind = Endpoint | 'openaiOnly' | 'other';

const LABEL: Record<string, string> = {
  chat: 'chat completions',
  completions: 'legacy completions (/v1/completions)',
  embeddings: 'embeddings',
  images: 'image generation (OpenAI images API)',
  audio: 'audio (transcription / speech)',
  moderations: 'moderations',
  responses: 'Responses API',
  assistants: 'Assistants / threads / vector stores',
  files: 'files',
  batch: 'batch',
  fineTuning: 'fine-tuning',
  realtime: 'Realtime API',
  modelsList: 'models list',
  openaiOnly: 'this OpenAI-only API',
};

/** What to do about a call to an endpoint the provider lacks, by endpoint kind (`endpoint.todo.*` messages). */
const WHAT_TO_DO = {
  embeddings: () => msg('endpoint.todo.embeddings'),
  images: () => msg('endpoint.todo.images'),
  audio: () => msg('endpoint.todo.audio'),
  moderations: () => msg('endpoint.todo.moderations'),
  responses: () => msg('endpoint.todo.responses'),
  assistants: () => msg('endpoint.todo.assistants'),
  files: () => msg('endpoint.todo.files'),
  batch: () => msg('endpoint.todo.batch'),
  fineTuning: () => msg('endpoint.todo.fineTuning'),
  realtime: () => msg('endpoint.todo.realtime'),
  completions: () => msg('endpoint.todo.completions'),
  modelsList: () => msg('endpoint.todo.modelsList'),
  openaiOnly: () => msg('endpoint.todo.openaiOnly'),
} as Record<string, (() => Msg) | undefined>;

export function endpointLabel(e: string): string {
  return LABEL[e] ?? e;
}

export function support(p: ProviderProfile, e: EndpointKind): Support {
  if (e === 'openaiOnly') return 'no';
  if (e === 'other') return 'yes';
  return p.endpoints[e];
}

/** Does the provider serve this endpoint well enough to migrate the call automatically? */
export function isSupported(p: ProviderProfile, e: EndpointKind): boolean {
  const s = support(p, e);
  return s === 'yes' || s === 'partial';
}

/** Marker text (without comment syntax) for a call the provider cannot serve. */
export function unsupportedReason(p: ProviderProfile, e: EndpointKind): { reason: Msg; action: Msg } {
  const note = e !== 'openaiOnly' && e !== 'other' ? p.endpointNotes[e as Endpoint] : undefined;
  const params = { provider: shortName(p), endpoint: endpointLabel(e), note };
  return {
    reason: e === 'openaiOnly' ? msg('endpoint.openaiOnly', params) : support(p, e) === 'unknown' ? msg('endpoint.undocumented', params) : msg('endpoint.missing', params),
    action: WHAT_TO_DO[e]?.() ?? msg('endpoint.todo.byHand'),
  };
}

/** Endpoints no profile serves: their use is OpenAI usage whatever the provider. */
export function servedByNoProvider(all: readonly ProviderProfile[], e: EndpointKind): boolean {
  if (e === 'openaiOnly') return true;
  if (e === 'other') return false;
  return all.every((p) => p.endpoints[e as Endpoint] === 'no');
}

/** Features of a served endpoint that a profile may lack: structured outputs, image edits. */
export type Feature = 'jsonSchema' | 'imageEdits';

/**
 * Why a call that uses a feature the provider does not serve (profile `no`) or does not
 * document (`unknown`) needs a hand, or undefined when the feature is served.
 */
export function featureGap(p: ProviderProfile, f: Feature): { reason: Msg; action: Msg } | undefined {
  if (f === 'jsonSchema') {
    const s = p.endpoints.jsonSchema;
    if (s === 'yes' || s === 'partial') return undefined;
    const note = p.endpointNotes.jsonSchema;
    const json = isSupported(p, 'jsonObject');
    return {
      reason: msg('feature.jsonSchema', { provider: shortName(p), support: s === 'no' ? 'no' : 'unknown', note }),
      action: json ? msg('feature.jsonSchema.todoJsonMode') : msg('feature.jsonSchema.todoPrompt'),
    };
  }
  if (!isSupported(p, 'images')) return undefined; // the endpoint marker covers it
  const note = p.endpointNotes.images;
  if (note === undefined ? p.endpoints.images === 'yes' : /edit/i.test(note)) return undefined;
  return { reason: msg('feature.imageEdits', { provider: shortName(p), note }), action: msg('feature.imageEdits.todo') };
}

/** The endpoint a model tier is used on, for tiers bound to one (chat tiers are not listed). */
const TIER_ENDPOINT: Record<string, Endpoint> = {
  embeddingSmall: 'embeddings',
  embeddingLarge: 'embeddings',
  image: 'images',
  speechToText: 'audio',
  textToSpeech: 'audio',
  legacyCompletion: 'completions',
  realtime: 'realtime',
  moderation: 'moderations',
};

/**
 * What to do about an OpenAI model with no equivalent at the provider. `--model X=<id>` is
 * suggested only where the endpoint the model is used on is fully served: elsewhere following
 * it would drop the follow-up and leave a call the provider cannot serve.
 */
export function noEquivalentAction(p: ProviderProfile, tier: string, id: string): Msg {
  const e = TIER_ENDPOINT[tier];
  if (tier === 'video' || tier === 'audioChat' || (e && support(p, e) !== 'yes')) {
    return msg('model.noEquivalent.keepElsewhere', { provider: shortName(p), endpoint: e ? endpointLabel(e) : tier === 'video' ? 'video' : 'audio chat' });
  }
  return msg('model.noEquivalent.choose', { id });
}
