import path from 'node:path';
import type { FileContext } from '../../engine/types.js';
import { pyImports } from '../../project/python.js';
import { packConnected } from '../../engine/memory.js';

/**
 * Bounded memory for dense runs (issue 19), Python side: as for JS/TS
 * (src/lang/js/batches.ts), a batch of `.py` modules whose text is over
 * `batchBytes()` is cut into import-connected groups packed into sub-batches of
 * about that many bytes, after a first pass that keeps the app-wide facts as
 * small data (src/lang/python/process.ts). The analysis finds a module an import
 * names where the project graph resolved it, relative to the importing file, or
 * by suffix among all modules of the batch (`app.core.llm` is any
 * `.../app/core/llm.py` or `.../app/core/llm/__init__.py`), so a group holds all
 * of those. What this grouping misses, the handler notices while it analyses
 * ({@link ModuleScope}) and then works on the whole batch at once.
 */

/** Dotted-name suffixes a module answers to: `/r/app/core/llm.py` is `llm`, `core/llm`, `app/core/llm`, ... */
function suffixesOf(abs: string): string[] {
  const parts = abs.split(path.sep).filter(Boolean);
  const last = parts.pop()!;
  if (last === '__init__.py') {
    // a package: its folder's name
  } else parts.push(last.replace(/\.py$/i, ''));
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) out.push(parts.slice(i).join('/'));
  return out;
}

/** The modules of the batch an import of `from` may name (superset of what the analysis looks up for it). */
function targetsOf(from: FileContext, spec: string, index: Map<string, number>, bySuffix: Map<string, number[]>): number[] {
  const out: number[] = [];
  const r = from.file.imports?.[spec];
  if (r !== undefined && index.has(r)) out.push(index.get(r)!);
  const rel = /^(\.+)(.*)$/.exec(spec);
  if (rel) {
    let dir = path.dirname(from.file.abs);
    for (let i = 1; i < rel[1]!.length; i++) dir = path.dirname(dir);
    const p = path.join(dir, ...rel[2]!.split('.').filter(Boolean));
    for (const c of [p + '.py', path.join(p, '__init__.py')]) if (index.has(c)) out.push(index.get(c)!);
  } else out.push(...(bySuffix.get(spec.split('.').filter(Boolean).join('/')) ?? []));
  return out;
}

/**
 * The `.py` modules of a batch cut into sub-batches of about `budget` text
 * bytes, each a union of import-connected groups, files in batch order. One
 * sub-batch (the batch itself) when its text is not over `over` (default `budget`).
 */
export function pyImportBatches(files: FileContext[], budget: number, over = budget): FileContext[][] {
  let total = 0;
  for (const f of files) total += f.file.text.length;
  if (total <= over || files.length < 2) return [files];
  const index = new Map(files.map((f, i) => [f.file.abs, i]));
  const bySuffix = new Map<string, number[]>();
  files.forEach((f, i) => {
    for (const s of suffixesOf(f.file.abs)) {
      const l = bySuffix.get(s);
      if (l) l.push(i);
      else bySuffix.set(s, [i]);
    }
  });
  return packConnected(files, budget, (i, join) => {
    for (const spec of pyImports(files[i]!.file.text)) {
      for (const t of targetsOf(files[i]!, spec, index, bySuffix)) join(t);
      // A name the module binds by an import is also looked up alone when its dotted path names no module
      // (`from .config import settings` ... `settings.model`: any `settings.py` of the batch), as is the top package of `import a.b`.
      const parts = spec.replace(/^\.+/, '').split('.').filter(Boolean);
      for (const bare of new Set([parts[0], parts[parts.length - 1]])) if (bare) for (const t of bySuffix.get(bare) ?? []) join(t);
    }
  });
}

/**
 * While a sub-batch is analysed: the modules of the whole batch and of the
 * sub-batch. A lookup whose answer within the whole batch names a module outside
 * the sub-batch marks the scope `escaped` (the grouping missed a link), and the
 * handler then processes the batch whole.
 */
export class ModuleScope {
  escaped = false;
  constructor(
    /** Every `.py` module of the batch. */
    readonly all: ReadonlySet<string>,
    /** The modules of this sub-batch. */
    readonly here: ReadonlySet<string>,
  ) {}
}
