/**
 * Language-neutral facts about clients and API paths, shared by the JS/TS and
 * Python analyses (kept free of any parser so either can load without the other).
 */

/** Where a client sends its requests. */
export type ClientStatus =
  /** api.openai.com (no base URL, the OpenAI URL, or OPENAI_BASE_URL). */
  | 'openai'
  /** An Azure OpenAI client or URL. */
  | 'azure'
  /** Already the run's target provider (migrated code). */
  | 'target'
  /** Another service (another provider, a gateway, a proxy): not OpenAI usage. */
  | 'other'
  /** A base URL the tool cannot resolve statically. */
  | 'unresolved';

export type EndpointKind =
  | 'chat'
  | 'completions'
  | 'embeddings'
  | 'images'
  | 'audio'
  | 'moderations'
  | 'responses'
  | 'assistants'
  | 'files'
  | 'batch'
  | 'fineTuning'
  | 'realtime'
  | 'modelsList'
  /** Surfaces only OpenAI has (stored completions, webhooks, evals, admin, conversations, videos...). */
  | 'openaiOnly'
  /** Client plumbing (withOptions, get/post raw calls). */
  | 'other';

/**
 * Third-party OpenAI clients the tool does not rewrite: a class that calls api.openai.com by default and
 * takes its base URL under its own option name. Their constructions are left as they are with a follow-up
 * (like an opaque SDK client), so the key, the ids and the checks that go with them stay OpenAI's.
 */
export const THIRD_PARTY_CLIENTS: ReadonlyArray<{ pkg: string; classes: readonly string[]; baseOption: string; modelOption: string; source: string }> = [
  // transitive-bullshit/chatgpt-api v5: `new ChatGPTAPI({ apiKey, apiBaseUrl = 'https://api.openai.com/v1', completionParams: { model } })`
  // (ChatGPTUnofficialProxyAPI talks to a ChatGPT web-session proxy, not to the API: not listed).
  { pkg: 'chatgpt', classes: ['ChatGPTAPI'], baseOption: 'apiBaseUrl', modelOption: 'completionParams.model', source: 'https://github.com/transitive-bullshit/chatgpt-api/blob/v5.2.5/readme.md' },
];

const OPENAI_HOST = /(^|\.)api\.openai\.com$/i;
const AZURE_HOST = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i;

export function isOpenAISpecifier(s: string): boolean {
  return s === 'openai' || s.startsWith('openai/') || s === 'npm:openai' || s === 'jsr:@openai/openai';
}

/** Status of a base-URL literal. */
export function statusOfUrl(url: string, targetHost?: string): ClientStatus {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return 'unresolved';
  }
  if (OPENAI_HOST.test(host)) return 'openai';
  if (AZURE_HOST.test(host)) return 'azure';
  if (targetHost && host === targetHost) return 'target';
  return 'other';
}

export const reachesOpenAI = (s: ClientStatus) => s === 'openai' || s === 'azure';

/** Classify a resource path (after the client) into the endpoint it calls. */
export function endpointOf(path: string[]): EndpointKind {
  const p = path[0] === 'beta' ? path.slice(1) : path;
  const [a, b, c] = p;
  if (a === 'chat' && b === 'completions') {
    if (!c || ['create', 'parse', 'stream', 'runTools', 'runFunctions'].includes(c)) return 'chat';
    return 'openaiOnly';
  }
  switch (a) {
    case 'completions':
      return 'completions';
    case 'embeddings':
      return 'embeddings';
    case 'images':
      return 'images';
    case 'audio':
      return 'audio';
    case 'moderations':
      return 'moderations';
    case 'responses':
      return 'responses';
    case 'assistants':
    case 'threads':
    case 'vectorStores':
      return 'assistants';
    case 'files':
    case 'uploads':
      return 'files';
    case 'batches':
      return 'batch';
    case 'fineTuning':
    case 'fineTunes':
      return 'fineTuning';
    case 'realtime':
      return 'realtime';
    case 'models':
      return 'modelsList';
    case 'conversations':
    case 'webhooks':
    case 'evals':
    case 'graders':
    case 'containers':
    case 'admin':
    case 'videos':
    case 'skills':
    case 'chatkit':
    case 'contentProvenanceChecks':
      return 'openaiOnly';
    default:
      return 'other';
  }
}
