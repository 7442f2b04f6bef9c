import { OPENAI_ORIGIN } from './http-paths.js';

/**
 * URLs composed from parts that live apart, language-neutral: a host-only OpenAI base
 * (`https://api.openai.com`, often in a config module) joined with a `/v1/...` path. The request goes to
 * the concatenation, so the part that must change is the `/v1` of the path (it becomes the provider's
 * path: `/compatible-mode/v1`, `/api/paas/v4`, `/api/v3`), wherever that literal is, while the host part
 * becomes the provider's origin in its own module. The JS/TS (src/lang/js/composed-urls.ts) and Python
 * (src/lang/python/composed-urls.ts) collectors find the parts; this computes the URL.
 */

/** One part after the host: its text, and the literal it is written in (undefined: not a literal of the project). */
export interface UrlPiece<L> {
  text: string;
  lit?: L;
}

/** A host-only OpenAI origin, the head of a composed URL. */
export const isOpenAIHostOnly = (v: string): boolean => v === OPENAI_ORIGIN || v === OPENAI_ORIGIN + '/';

/**
 * The request path after `/v1` (`/chat/completions`) of `host + rest`, and the literal whose leading `/v1`
 * changes; `rest` undefined when the URL is not an OpenAI `/v1` path or the `/v1` does not start a literal.
 */
export function composedPath<L>(host: string, rest: Array<UrlPiece<L>>): { rest?: string; lit?: L } {
  const path = ((host.endsWith('/') ? '/' : '') + rest.map((r) => r.text).join('')).replace(/^\/\//, '/');
  if (!/^\/v1(?=$|[/?#])/.test(path)) return {};
  // The `/v1` must start a literal part (`'/v1/chat/completions'` or `'/v1'`): that literal changes.
  const first = rest[0];
  if (!first?.lit || !/^\/v1(?=$|[/?#])/.test(first.text)) return {};
  return { rest: path.slice(3).split(/[?#]/)[0], lit: first.lit };
}
