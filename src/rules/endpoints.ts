import { maskSecrets } from '../report/mask.js';
import { shortName } from '../providers/index.js';
import type { Endpoint, ProviderProfile, Support } from '../providers/types.js';

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

const WHAT_TO_DO: Record<string, string> = {
  embeddings: 'use an embedding service that has it (for example qwen text-embedding-v4) and re-embed stored vectors',
  images: "use the provider's native image API or another image service",
  audio: 'use a speech service (for example the provider\'s native ASR/TTS API)',
  moderations: 'use the provider\'s content-safety service or remove the call',
  responses: 'rewrite the call with chat.completions.create (messages instead of input; read choices[0].message.content instead of output_text)',
  assistants: 'rebuild the flow on chat completions with your own storage for threads and retrieval',
  files: 'upload files another way or drop the call',
  batch: 'send the requests one by one or use the provider\'s own batch API',
  fineTuning: 'fine-tune on the provider\'s console instead',
  realtime: 'use the provider\'s realtime/voice API or chat streaming',
  completions: 'rewrite the call with chat.completions.create',
  modelsList: 'use the provider\'s model list from its docs',
  openaiOnly: 'keep this part on OpenAI elsewhere or remove it',
};

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
export function unsupportedReason(p: ProviderProfile, e: EndpointKind): { reason: string; action: string } {
  const s = support(p, e);
  const note = e !== 'openaiOnly' && e !== 'other' ? p.endpointNotes[e as Endpoint] : undefined;
  const what = s === 'unknown' ? `does not document an OpenAI-compatible ${endpointLabel(e)} endpoint` : `has no OpenAI-compatible ${endpointLabel(e)} endpoint`;
  return {
    reason: `${shortName(p)} ${what}${note ? ` (${note})` : ''}`,
    action: WHAT_TO_DO[e] ?? 'migrate this call by hand',
  };
}

/** Endpoints no profile serves: their use is OpenAI usage whatever the provider. */
export function servedByNoProvider(all: readonly ProviderProfile[], e: EndpointKind): boolean {
  if (e === 'openaiOnly') return true;
  if (e === 'other') return false;
  return all.every((p) => p.endpoints[e as Endpoint] === 'no');
}

export const MARKER_TAG = 'TODO(openai-migrate)';

const FULL_MARKERS = new WeakMap<object, Set<string>>();

/**
 * Marker text for a call that cannot be migrated (without comment syntax). The
 * first marker for a reason in a file says what to do; later ones for the same
 * reason only say why (the report lists every site with its action), so a file
 * with twenty Assistants calls does not carry twenty copies of the advice.
 */
export function markerText(file: object, rawReason: string, rawAction: string): string {
  // A comment holds one line: line breaks (and `*/`) in a reason would end it early and put the rest in code; secrets are masked.
  const safe = (s: string) => maskSecrets(s).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /');
  const reason = safe(rawReason);
  const action = safe(rawAction);
  let seen = FULL_MARKERS.get(file);
  if (!seen) FULL_MARKERS.set(file, (seen = new Set()));
  if (seen.has(reason)) return `${MARKER_TAG}: ${reason} (see above).`;
  seen.add(reason);
  return `${MARKER_TAG}: ${reason}; ${action}.`;
}


/** Features of a served endpoint that a profile may lack: structured outputs, image edits. */
export type Feature = 'jsonSchema' | 'imageEdits';

/**
 * Why a call that uses a feature the provider does not serve (profile `no`) or does not
 * document (`unknown`) needs a hand, or undefined when the feature is served.
 */
export function featureGap(p: ProviderProfile, f: Feature): { reason: string; action: string } | undefined {
  if (f === 'jsonSchema') {
    const s = p.endpoints.jsonSchema;
    if (s === 'yes' || s === 'partial') return undefined;
    const note = p.endpointNotes.jsonSchema;
    const json = isSupported(p, 'jsonObject');
    return {
      reason: `${shortName(p)} ${s === 'no' ? 'does not support' : 'does not document'} structured outputs (response_format json_schema, .parse())${note ? ` (${note})` : ''}`,
      action: json
        ? 'use JSON mode (response_format type json_object), describe the JSON shape in the prompt and validate the reply against the same schema'
        : 'describe the JSON shape in the prompt and validate the reply against the same schema',
    };
  }
  if (!isSupported(p, 'images')) return undefined; // the endpoint marker covers it
  const note = p.endpointNotes.images;
  if (note === undefined ? p.endpoints.images === 'yes' : /edit/i.test(note)) return undefined;
  return {
    reason: `${shortName(p)} does not document an OpenAI-compatible image edit / variation endpoint${note ? ` (${note})` : ''}`,
    action: "use the provider's native image API or another image service for edits",
  };
}
