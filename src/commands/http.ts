import { maskSecrets } from '../lang/config/common.js';

/** Outcome of one HTTP call made by `doctor`: a status and body, or why there was none. */
export type HttpOutcome =
  | { kind: 'response'; status: number; body: unknown; text: string }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string }
  /** A redirect to another origin: not followed, the key is never sent there. */
  | { kind: 'redirect'; status: number; location: string };

/** Proxy variables doctor honours (upper or lower case, as curl and undici read them). */
const PROXY_VARS = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'] as const;

/** The proxy settings in `env` (values as given; the first of the upper/lower-case spelling that is set). */
export function proxySettings(env: NodeJS.ProcessEnv): { https?: string; http?: string; no?: string } {
  const get = (n: string) => env[n] || env[n.toLowerCase()] || undefined;
  return { https: get('HTTPS_PROXY'), http: get('HTTP_PROXY'), no: get('NO_PROXY') };
}

type Fetch = (url: string, init: RequestInit & { dispatcher?: unknown }) => Promise<Response>;
let transport: Promise<Fetch> | undefined;
let transportEnv = '';

/**
 * The fetch doctor uses. Node's built-in fetch ignores HTTP(S)_PROXY/NO_PROXY
 * and does not export the undici it bundles, so with a proxy variable set the
 * `undici` package's fetch runs with an `EnvHttpProxyAgent` (which reads those
 * variables, NO_PROXY included). Without one, the built-in fetch.
 */
function fetcher(env: NodeJS.ProcessEnv): Promise<Fetch> {
  const p = proxySettings(env);
  const sig = JSON.stringify(p);
  if (transport && sig === transportEnv) return transport;
  transportEnv = sig;
  if (!p.https && !p.http) return (transport = Promise.resolve(globalThis.fetch as Fetch));
  transport = import('undici').then((u) => {
    const dispatcher = new u.EnvHttpProxyAgent({ httpProxy: p.http, httpsProxy: p.https ?? p.http, noProxy: p.no });
    return ((url: string, init: RequestInit) => u.fetch(url, { ...(init as object), dispatcher } as never)) as unknown as Fetch;
  });
  return transport;
}

/** Hosts that never leave the machine (`http:` to them sends nothing over a network). */
export function isLoopback(url: string): boolean {
  try {
    const h = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1';
  } catch {
    return false;
  }
}

/**
 * One request with a hard timeout (AbortController covers connect, headers and
 * body, redirects included). Never throws; the body is parsed as JSON when it
 * is JSON. Redirects are followed by hand: to the same origin (at most 5), the
 * headers go along; to another origin nothing is sent and the outcome says so
 * (fetch would strip only `authorization`, and the answer there would say
 * nothing about this key).
 */
export async function request(url: string, init: RequestInit, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<HttpOutcome> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    const f = await fetcher(env);
    let current = url;
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hop = 0; ; hop++) {
      const res = await f(current, { ...init, method, body, redirect: 'manual', signal: ac.signal });
      const loc = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && loc) {
        await res.body?.cancel();
        const next = new URL(loc, current);
        if (next.origin !== new URL(current).origin) return { kind: 'redirect', status: res.status, location: next.origin + next.pathname };
        if (hop >= 5) return { kind: 'network', message: 'too many redirects' };
        // 303 (and 301/302 after a POST, as browsers do): the next request is a GET without a body.
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        current = next.href;
        continue;
      }
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { kind: 'response', status: res.status, body: parsed, text };
    }
  } catch (e) {
    if (ac.signal.aborted) return { kind: 'timeout' };
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return { kind: 'network', message: err.cause?.code ?? err.cause?.message ?? err.message };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Text from a server made safe to print: terminal escape sequences (CSI, OSC,
 * other ESC sequences) and control characters removed, the key itself and every
 * key-shaped token masked.
 */
export function safeServerText(s: string, key?: string): string {
  let out = s
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '') // CSI
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '') // OSC (title, hyperlinks)
    .replace(/\u001b[P^_X][^\u001b]*(?:\u001b\\)?/g, '') // DCS, PM, APC, SOS
    .replace(/\u001b[@-_]?/g, '')
    .replace(/\u009b[0-?]*[ -/]*[@-~]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/[\t\n]/g, ' ');
  if (key) {
    out = out.split(key).join('****');
    // A server may echo part of the key (a prefix, or the key without its `sk-`): mask any 8+ character piece of it.
    const core = key.replace(/^(sk|pk|rk)-/, '');
    if (core.length >= 8) out = out.split(core).join('****');
    for (let n = Math.min(key.length - 1, 24); n >= 8; n--) {
      out = out.split(key.slice(0, n)).join('****').split(key.slice(-n)).join('****');
    }
  }
  // Server text is untrusted and may echo any credential: besides the shapes masked everywhere
  // (src/report/mask.ts, 32+ characters for code snippets), any opaque 24+ character token
  // with letters and digits is masked here, where a false positive costs nothing.
  return maskSecrets(out).replace(/(?<![A-Za-z0-9_\-./:])[A-Za-z0-9._]{24,}={0,2}(?![A-Za-z0-9_\-./])/g, (m) => (/\d/.test(m) && /[A-Za-z]/.test(m) ? m.slice(0, 3) + '****' : m));
}

/** The provider's error message from an OpenAI-style body (`{error: {message}}`, `{message}`), shortened and made safe to print. */
export function errorDetail(o: HttpOutcome, key?: string): string {
  if (o.kind !== 'response') return '';
  const b = o.body as { error?: { message?: string } | string; message?: string; msg?: string } | undefined;
  const msg = typeof b?.error === 'object' ? b.error?.message : typeof b?.error === 'string' ? b.error : (b?.message ?? b?.msg);
  const s = safeServerText(String(msg ?? o.text ?? ''), key)
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > 200 ? s.slice(0, 197) + '...' : s;
}

/** Model ids from an OpenAI-style models list (`{data: [{id}]}`); undefined when the body has another shape. */
export function modelIds(body: unknown): string[] | undefined {
  const data = (body as { data?: unknown })?.data;
  if (!Array.isArray(data)) return undefined;
  return data.map((m) => (m as { id?: unknown })?.id).filter((x): x is string => typeof x === 'string');
}

export { PROXY_VARS };
