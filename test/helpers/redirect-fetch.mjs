// Preloaded into the migrated app (node --import): plays DNS for the test. Requests to the
// provider's origin go to the local contract server instead; the original host travels in a header.
// The migrated code itself is run unchanged.
const map = JSON.parse(process.env.OAM_E2E_REDIRECT ?? '{}');
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init = {}) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);
  const to = map[url.origin];
  if (!to) throw new Error(`e2e: request to unexpected origin ${url.origin}`);
  const target = new URL(url.pathname + url.search, to);
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('x-original-host', url.host);
  return realFetch(target, { ...init, headers });
};
