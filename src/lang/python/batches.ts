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

/**
 * The SDK's own module names (`import openai`, `from openai.types import ...`). Python imports a local `openai.py`
 * (or `openai/` package) instead of the installed SDK only when its folder is on `sys.path`: the project graph's
 * resolution says where (src/project/python.ts PyResolver, nearest root first). A module of that name elsewhere
 * (arc53/DocsGPT's `application/llm/providers/openai.py`, imported as `application.llm.providers.openai`) is not
 * what `import openai` names, so it is never found by suffix.
 */
export const SDK_MODULE = /^openai(\.|$)/;

/**
 * Of the modules found by suffix for an SDK name, those Python could import under it: none when the project graph
 * looked at the importing file (it resolves what is on `sys.path`), else those whose root folder is the importing
 * file's folder or one above it (the script's folder, or the folder the app is run from).
 */
export function sdkShadows(fromAbs: string, spec: string, graphKnown: boolean, found: string[]): string[] {
  if (graphKnown) return [];
  const suffix = path.join(...spec.split('.').filter(Boolean));
  const dir = path.dirname(fromAbs) + path.sep;
  return found.filter((abs) => {
    const stem = abs.endsWith(path.sep + '__init__.py') ? path.dirname(abs) : abs.replace(/\.py$/i, '');
    const root = stem.slice(0, stem.length - suffix.length);
    return dir.startsWith(root);
  });
}

/** The modules of the batch an import of `from` may name (superset of what the analysis looks up for it). */
function targetsOf(files: FileContext[], from: FileContext, spec: string, index: Map<string, number>, bySuffix: Map<string, number[]>): number[] {
  const out: number[] = [];
  const r = from.file.imports?.[spec];
  if (r !== undefined && index.has(r)) out.push(index.get(r)!);
  const rel = /^(\.+)(.*)$/.exec(spec);
  if (rel) {
    let dir = path.dirname(from.file.abs);
    for (let i = 1; i < rel[1]!.length; i++) dir = path.dirname(dir);
    const p = path.join(dir, ...rel[2]!.split('.').filter(Boolean));
    for (const c of [p + '.py', path.join(p, '__init__.py')]) if (index.has(c)) out.push(index.get(c)!);
  } else {
    const found = bySuffix.get(spec.split('.').filter(Boolean).join('/')) ?? [];
    if (!SDK_MODULE.test(spec)) out.push(...found);
    else
      for (const abs of sdkShadows(
        from.file.abs,
        spec,
        !!from.file.imports,
        found.map((i) => files[i]!.file.abs),
      ))
        out.push(index.get(abs)!);
  }
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
      for (const t of targetsOf(files, files[i]!, spec, index, bySuffix)) join(t);
      // A name the module binds by an import is also looked up alone when its dotted path names no module
      // (`from .config import settings` ... `settings.model`: any `settings.py` of the batch), as is the top package of `import a.b`.
      const parts = spec.replace(/^\.+/, '').split('.').filter(Boolean);
      for (const bare of new Set([parts[0], parts[parts.length - 1]])) {
        if (!bare) continue;
        const found = bySuffix.get(bare) ?? [];
        // the SDK's name (`import openai`, `from openai import OpenAI`): only a module Python would import under it
        if (SDK_MODULE.test(bare))
          for (const abs of sdkShadows(
            files[i]!.file.abs,
            bare,
            !!files[i]!.file.imports,
            found.map((t) => files[t]!.file.abs),
          ))
            join(index.get(abs)!);
        else for (const t of found) join(t);
      }
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
