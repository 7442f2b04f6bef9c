import path from 'node:path';
import type { FileContext } from '../../engine/types.js';
import { JS_EXTENSIONS } from './extensions.js';

/**
 * Bounded memory for dense runs (issue 19): the JS/TS handler's work on a batch
 * is bounded by the syntax trees it holds (about 35 times the text), so a batch
 * whose text is over {@link batchBytes} is cut into import-connected groups,
 * packed into sub-batches of about that many bytes. Modules only share facts
 * with the modules they import (clients, factories, values, request defaults,
 * composed URLs: src/lang/js/cross-module.ts), so a group of modules closed under
 * imports sees the same facts alone as within the whole batch; the few app-wide
 * facts (enum names, the multi-provider plan, the ids the code rewrites for the
 * tests) come from a first pass over every sub-batch that keeps them as small data.
 */

/** Text bytes of one sub-batch (src/engine/memory.ts). */
export { batchBytes } from '../../engine/memory.js';
import { packConnected } from '../../engine/memory.js';

/**
 * Import specifiers of a module, unparsed: `from 'x'`, `import 'x'`, `import('x')`,
 * `require('x')` (backquotes too, as the analysis reads them). A superset is
 * harmless (groups only grow); what it misses the first pass notices ({@link closedOver}).
 */
const SPEC = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*(['"`])([^'"`\n\r]+)\1/g;

export function importSpecifiers(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(SPEC)) out.add(m[2]!);
  return [...out];
}

/**
 * The modules of the batch a specifier of `from` may name: where the project
 * graph resolved it and every relative candidate (CrossModule.target takes the
 * first one parsed, so a group holds all of them).
 */
export function specTargets(from: FileContext, spec: string, inBatch: Map<string, number>): number[] {
  const out: number[] = [];
  const r = from.file.imports?.[spec];
  if (r !== undefined && inBatch.has(r)) out.push(inBatch.get(r)!);
  for (const c of relativeCandidates(from.file.abs, spec)) if (inBatch.has(c)) out.push(inBatch.get(c)!);
  return out;
}

/**
 * The batch cut into sub-batches of about `budget` text bytes, each a union of
 * import-connected groups, files in batch order. One sub-batch (the batch
 * itself) when it fits.
 */
export function importBatches(files: FileContext[], budget: number): FileContext[][] {
  let total = 0;
  for (const f of files) total += f.file.text.length;
  if (total <= budget || files.length < 2) return [files];
  const index = new Map(files.map((f, i) => [f.file.abs, i]));
  return packConnected(files, budget, (i, join) => {
    for (const spec of importSpecifiers(files[i]!.file.text)) for (const t of specTargets(files[i]!, spec, index)) join(t);
  });
}

/**
 * Does every import the analysis found in a sub-batch stay inside it? The
 * grouping reads specifiers with a regular expression; a form it missed (a
 * comment between `from` and the string) would split modules that share facts,
 * so then the handler works on the whole batch at once instead.
 */
export function closedOver(batch: FileContext[], all: Map<string, number>, specsOf: (ctx: FileContext) => Iterable<string>): boolean {
  const here = new Set(batch.map((c) => all.get(c.file.abs)!));
  for (const ctx of batch) for (const spec of specsOf(ctx)) for (const t of specTargets(ctx, spec, all)) if (!here.has(t)) return false;
  return true;
}

/** Files a relative specifier may name (the fallback when the project graph did not resolve it). */
export function relativeCandidates(from: string, spec: string): string[] {
  if (!spec.startsWith('.')) return [];
  const base = path.resolve(path.dirname(from), spec);
  const noExt = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  const out = [base];
  // `path.resolve` output is normalized, so joining is concatenation (path.join normalized every candidate again:
  // most of this function's time, asked for every import the analysis follows).
  for (const b of [noExt, base]) {
    const dir = b.endsWith(path.sep) ? b : b + path.sep;
    for (const e of JS_EXTENSIONS) out.push(b + e, `${dir}index${e}`);
  }
  return out;
}
