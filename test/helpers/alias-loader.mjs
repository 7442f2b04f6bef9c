// Preloaded into the e2e monorepo (node --import): plays the bundler for Next.js's `@/` alias
// (jsconfig.json `paths`), which Node does not read. `#llm` and the workspace package resolve natively.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
const src = process.env.OAM_E2E_ALIAS;
export async function resolve(spec, ctx, next) {
  if (src && spec.startsWith('@/')) {
    const base = path.join(src, spec.slice(2));
    for (const f of [base, base + '.mjs', base + '.js', path.join(base, 'index.mjs')]) if (statSync(f, { throwIfNoEntry: false })?.isFile()) return next(pathToFileURL(f).href, ctx);
  }
  return next(spec, ctx);
}`),
);
