import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { makeContext } from '../src/engine/context.js';
import type { FileContext, Transform } from '../src/engine/types.js';
import { importBatches, importSpecifiers, relativeCandidates } from '../src/lang/js/batches.js';
import { JS_EXTENSIONS } from '../src/lang/js/extensions.js';
import { processor } from '../src/lang/js/process.js';
import { getProvider, resolveTarget } from '../src/providers/index.js';
import { ModelMap } from '../src/models/map.js';

/**
 * Dense runs (issue 19): the JS/TS handler cuts a large batch into import-connected
 * sub-batches of bounded text (src/lang/js/batches.ts) after a first pass for the
 * app-wide facts, so its memory is bounded by a sub-batch, and what it finds and
 * writes does not change.
 */

function ctx(rel: string, text: string, imports?: Record<string, string>): FileContext {
  return makeContext({ abs: path.join('/repo', rel), rel, text, bom: false, imports });
}

describe('import-connected sub-batches', () => {
  it('lists the files a relative specifier may name as path.join would (joined by concatenation)', () => {
    const joined = (from: string, spec: string) => {
      const base = path.resolve(path.dirname(from), spec);
      const noExt = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
      return [base, ...[noExt, base].flatMap((b) => JS_EXTENSIONS.flatMap((e) => [b + e, path.join(b, `index${e}`)]))];
    };
    const specs = ['./b', './b.js', './b.mjs', '../x/y', '..', '.', './', './dir/', '../../..', '../../../../..'];
    for (const from of ['/r/src/a.ts', '/r/a.ts', '/a.ts']) for (const spec of specs) expect(relativeCandidates(from, spec), `${from} ${spec}`).toEqual(joined(from, spec));
    expect(relativeCandidates('/r/a.ts', 'lodash')).toEqual([]);
  });

  it('reads the specifiers the analysis follows (quotes, backquotes, require, dynamic import, re-exports)', () => {
    const text = "import a from './a';\nimport type { B } from \"./b\";\nconst c = require(`./c`);\nconst d = await import('./d');\nexport * from './e';\nimport './f';\n";
    expect(importSpecifiers(text).sort()).toEqual(['./a', './b', './c', './d', './e', './f']);
  });

  it('keeps modules that import each other (at any depth, through the project graph too) in one sub-batch, in batch order', () => {
    const pad = (s: string) => s + '\n'.padEnd(100, '/');
    const files = [
      ctx('src/a.ts', pad("import { b } from './b';")),
      ctx('src/x.ts', pad('export const x = 1;')),
      ctx('src/b.ts', pad("export { c as b } from './lib/c';")),
      ctx('src/y.ts', pad("import { z } from '@app/z';"), { '@app/z': '/repo/pkg/z.ts' }),
      ctx('src/lib/c.ts', pad('export const c = 2;')),
      ctx('pkg/z.ts', pad('export const z = 3;')),
    ];
    const batches = importBatches(files, 150).map((b) => b.map((c) => c.file.rel));
    expect(batches).toEqual([['src/a.ts', 'src/b.ts', 'src/lib/c.ts'], ['src/x.ts'], ['src/y.ts', 'pkg/z.ts']]);
    // Groups share a sub-batch up to the budget; a batch under it is not cut.
    expect(importBatches(files, 520).map((b) => b.map((c) => c.file.rel))).toEqual([
      ['src/a.ts', 'src/x.ts', 'src/b.ts', 'src/lib/c.ts'],
      ['src/y.ts', 'pkg/z.ts'],
    ]);
    expect(importBatches(files, 10_000)).toEqual([files]);
  });
});

// The sweep "sub-batches change nothing" (scan and dry runs over every fixture, one-byte sub-batches vs
// whole batches) is in offload.test.ts: it compares against the same main-thread runs as the worker sweep.

describe('memory of a dense batch', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  afterEach(() => {
    delete process.env.OPENAI_MIGRATE_BATCH_BYTES;
  });

  /** Peak live heap growth (after a full collection) seen by a transform while the handler works through 8 large modules. */
  async function peakGrowth(batchBytes: string): Promise<number> {
    process.env.OPENAI_MIGRATE_BATCH_BYTES = batchBytes;
    const body = Array.from({ length: 700 }, (_, i) => `export function f${i}(a: number, b: string) { const o = { k: a + ${i}, s: b + "x" }; return o.k > 2 ? [o.s, "y"] : null; }`).join('\n');
    const provider = getProvider('deepseek');
    const target = resolveTarget(provider);
    const models = new ModelMap(provider);
    const files = Array.from({ length: 8 }, (_, i) => makeContext({ abs: `/repo/m${i}.ts`, rel: `m${i}.ts`, text: `import OpenAI from 'openai';\n${body}\n`, bom: false }, target, models));
    gc();
    const base = v8.getHeapStatistics().used_heap_size;
    let peak = 0;
    const probe: Transform = {
      id: 'probe',
      description: 'measures the live heap',
      run() {
        gc();
        peak = Math.max(peak, v8.getHeapStatistics().used_heap_size - base);
      },
    };
    const errors = await processor.process(files, { transforms: [probe] });
    expect(errors.size).toBe(0);
    return peak / 2 ** 20;
  }

  it('holds the trees of one sub-batch at a time, not of the whole batch', async () => {
    const whole = await peakGrowth('100000000');
    const cut = await peakGrowth('100000');
    // Each module is about 80 KB of text and 3 MB of syntax tree.
    expect(whole).toBeGreaterThan(15);
    expect(cut).toBeLessThan(whole / 3);
  }, 120_000);
});
