import type { EndpointKind } from './clients.js';

/**
 * Raw-HTTP URL rules: which endpoint an OpenAI path calls, and how an OpenAI
 * URL maps onto a provider base URL that may already end in a version segment
 * (`https://api.deepseek.com`, `.../compatible-mode/v1`, `.../api/paas/v4`,
 * `.../api/v3`, `.../v2`): the OpenAI `/v1` is replaced by the provider's path.
 */
export const OPENAI_ORIGIN = 'https://api.openai.com';

const PATHS: Array<[RegExp, EndpointKind]> = [
  [/^\/chat\/completions\b/, 'chat'],
  [/^\/completions\b/, 'completions'],
  [/^\/embeddings\b/, 'embeddings'],
  [/^\/images\b/, 'images'],
  [/^\/audio\b/, 'audio'],
  [/^\/moderations\b/, 'moderations'],
  [/^\/models\b/, 'modelsList'],
  [/^\/(files|uploads)\b/, 'files'],
  [/^\/batches\b/, 'batch'],
  [/^\/fine_tuning\b/, 'fineTuning'],
  [/^\/responses\b/, 'responses'],
  [/^\/(assistants|threads|vector_stores)\b/, 'assistants'],
  [/^\/realtime\b/, 'realtime'],
  // OpenAI account APIs (billing dashboard, usage, organization) exist nowhere else.
  [/^\/(conversations|evals|containers|organization|videos|dashboard|usage)\b/, 'openaiOnly'],
];

/** Endpoint of a path after `/v1` (`/chat/completions` -> chat), or undefined when it names none. */
export function endpointOfPath(rest: string): EndpointKind | undefined {
  for (const [re, e] of PATHS) if (re.test(rest)) return e;
  return undefined;
}

/** Provider base split into origin, host and path (no trailing slash). */
export function splitBase(baseURL: string): { origin: string; host: string; path: string } {
  const u = new URL(baseURL);
  return { origin: u.origin, host: u.host, path: u.pathname.replace(/\/$/, '') };
}
