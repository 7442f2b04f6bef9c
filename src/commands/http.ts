/** Outcome of one HTTP call made by `doctor`: a status and body, or why there was none. */
export type HttpOutcome =
  | { kind: 'response'; status: number; body: unknown; text: string }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string };

/**
 * One request with a hard timeout (AbortController covers connect, headers and
 * body). Never throws; the body is parsed as JSON when it is JSON.
 */
export async function request(url: string, init: RequestInit, timeoutMs: number): Promise<HttpOutcome> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal: ac.signal });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { kind: 'response', status: res.status, body, text };
  } catch (e) {
    if (ac.signal.aborted) return { kind: 'timeout' };
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return { kind: 'network', message: err.cause?.code ?? err.cause?.message ?? err.message };
  } finally {
    clearTimeout(timer);
  }
}

/** The provider's error message from an OpenAI-style body (`{error: {message}}`, `{message}`), shortened. */
export function errorDetail(o: HttpOutcome): string {
  if (o.kind !== 'response') return '';
  const b = o.body as { error?: { message?: string } | string; message?: string; msg?: string } | undefined;
  const msg = typeof b?.error === 'object' ? b.error?.message : typeof b?.error === 'string' ? b.error : (b?.message ?? b?.msg);
  const s = (msg ?? o.text ?? '').replace(/\s+/g, ' ').trim();
  return s.length > 200 ? s.slice(0, 197) + '...' : s;
}

/** Model ids from an OpenAI-style models list (`{data: [{id}]}`); undefined when the body has another shape. */
export function modelIds(body: unknown): string[] | undefined {
  const data = (body as { data?: unknown })?.data;
  if (!Array.isArray(data)) return undefined;
  return data.map((m) => (m as { id?: unknown })?.id).filter((x): x is string => typeof x === 'string');
}
