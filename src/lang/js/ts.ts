import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ts as TsNamespace } from 'ts-morph';
import { requireWithCodeCache } from '../../engine/code-cache.js';
import { phase } from '../../engine/timing.js';

/**
 * The TypeScript compiler the JS/TS handler parses with: the copy bundled with
 * ts-morph (`@ts-morph/common/dist/typescript.js`, the same object as ts-morph's
 * `ts` export), loaded directly with a V8 code cache. Importing `ts-morph`
 * itself from ESM took about 250 ms (its 1 MB and 3 MB wrappers, Node's export
 * scan of them, and compiling the compiler); this takes about 50 ms with a warm
 * cache. Found through ts-morph's own resolution, so it works with npm, pnpm
 * and yarn layouts; if the file is not where ts-morph 28 puts it, ts-morph is
 * loaded the ordinary way.
 */
function load(): typeof TsNamespace {
  const done = phase('load TypeScript parser');
  try {
    const require = createRequire(import.meta.url);
    const fromMorph = createRequire(require.resolve('ts-morph'));
    const file = path.join(path.dirname(fromMorph.resolve('@ts-morph/common')), 'typescript.js');
    if (existsSync(file)) return requireWithCodeCache(file) as typeof TsNamespace;
    return (require('ts-morph') as { ts: typeof TsNamespace }).ts;
  } finally {
    done();
  }
}

export const tsc: typeof TsNamespace = load();
