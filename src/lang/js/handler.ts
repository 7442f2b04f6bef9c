import { type FileContext, type HandlerOptions, type LanguageHandler, isMigrating } from '../../engine/types.js';
import { envReadsIn, modelDefaultsIn, recordCodeChanged, recordEnvReads, recordModelDefaults } from '../../rules/env-reads.js';
import { looksLikeOpenAIModel } from '../../models/openai-catalog.js';
import { isSfc, JS_EXTENSIONS } from './extensions.js';
import { ownString } from '../../engine/text.js';
import { findMarkers } from '../../rules/markers.js';

/** Markers that make a JS/TS file worth parsing. Everything else is never parsed. */
// (No alternative may be implied by another: a redundant `api\.openai` next to `openai` made V8
// scan twice as slowly, 78 -> 37 ms over the 44 MB bench repository.)
const PREFILTER = /openai|gpt-|chatgpt|o[134]-mini|["'`]o[134]["'`]|text-embedding|dall-e|whisper-1|tts-1|davinci|\.completions\.|tiktoken/i;
const JS_FILE = new RegExp(`(?:${JS_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`, 'i');

/** `from 'x'`, `import 'x'`, `import('x')`, `require('x')`, `export * from 'x'`: the specifiers, unparsed. */
const IMPORT_SPEC = /(?:\bfrom|\bimport|\bimport\s*\(|\brequire\s*\()\s*['"]([^'"\n\r]+)['"]/g;

export function jsImports(text: string): string[] {
  if (!text.includes('import') && !text.includes('require') && !text.includes('from')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_SPEC)) if (!out.includes(m[1]!)) out.push(ownString(m[1]!));
  return out;
}

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
  imports: jsImports,
  // The env files follow the variables the migrated code still reads (src/rules/env-reads.ts).
  finished(ctx, text, project) {
    if (!isMigrating(ctx)) return;
    recordEnvReads(project, ctx.file.abs, envReadsIn(text, 'js'));
    recordCodeChanged(project, ctx.file.abs, text !== ctx.file.text);
    recordModelDefaults(project, ctx.file.abs, modelDefaultsIn(text, looksLikeOpenAIModel));
  },
  async validate(text, rel) {
    const { parseForCheck, duplicateImportBinding } = await import('./parse.js');
    const { sf, error } = parseForCheck(rel, text);
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
    const errors = await processor.process(files, opts);
    findMarkers(files, errors);
    return errors;
  },
};
