import path from 'node:path';
import type { FileContext, HandlerOptions, LanguageHandler } from '../../engine/types.js';
import { isSfc, JS_EXTENSIONS } from './extensions.js';

/** Markers that make a JS/TS file worth parsing. Everything else is never parsed. */
// (No alternative may be implied by another: a redundant `api\.openai` next to `openai` made V8
// scan twice as slowly, 78 -> 37 ms over the 44 MB bench repository.)
const PREFILTER = /openai|gpt-|chatgpt|o[134]-mini|["'`]o[134]["'`]|text-embedding|dall-e|whisper-1|tts-1|davinci|\.completions\.|tiktoken/i;
const JS_FILE = new RegExp(`(?:${JS_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`, 'i');

let prepared: typeof import('./parse.js') | undefined;

/**
 * JS/TS files. Matching and the prefilter are cheap; the parser (the TypeScript
 * compiler bundled with ts-morph, about 0.25 s to load) and the transforms load
 * on the first candidate, so `providers`, `models` and runs without JS/TS
 * candidates never pay for them.
 */
export const jsHandler: LanguageHandler = {
  id: 'js',
  matches: (rel) => (JS_FILE.test(rel) && !rel.endsWith('.d.ts')) || isSfc(rel),
  prefilter: (text) => PREFILTER.test(text),
  related(ctx: FileContext): string[] {
    const out: string[] = [];
    const dir = path.dirname(ctx.file.abs);
    for (const m of ctx.file.text.matchAll(/(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = path.resolve(dir, m[1]!);
      const noExt = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
      out.push(base);
      for (const b of [noExt, base]) for (const e of JS_EXTENSIONS) out.push(b + e, path.join(b, 'index' + e));
    }
    return out;
  },
  async validate(text, rel) {
    const { parseJs, duplicateImportBinding } = await import('./parse.js');
    const { sf, error } = parseJs(rel, text);
    if (error) return error;
    const dup = duplicateImportBinding(sf);
    return dup ? `two imports would bind ${dup}` : undefined;
  },
  worker: { module: import.meta.url, export: 'jsHandler' },
  async preload() {
    prepared = await import('./parse.js');
    await import('./process.js');
  },
  prepare(file) {
    // On the worker: parse while the main thread is still reading (process() takes the tree).
    prepared?.preparse(file.rel, file.text);
  },
  async process(files: FileContext[], opts: HandlerOptions) {
    const { processor } = await import('./process.js');
    return processor.process(files, opts);
  },
};
