import { type FileContext, type HandlerOptions, type LanguageHandler, isMigrating } from '../../engine/types.js';
import { envReadsIn, recordEnvReads } from '../../rules/env-reads.js';
import { isManifest, isNotebook } from './files.js';
import { pyImports } from '../../project/python.js';

/** Markers that make a Python file, notebook or manifest worth parsing. Everything else is never parsed. */
const PREFILTER = /openai|gpt-|\.completions\.|\.embeddings\.|\.responses\.|chatgpt|o[134]-mini|["']o[134]["']|text-embedding|dall-e|whisper-1|tts-1|davinci|langchain|llama[_-]index/i;

/**
 * Python: `.py` files, Jupyter notebooks (code cells) and dependency
 * manifests, in one batch so a package a rewrite introduces reaches the
 * project's requirements. One parse per file; clients and model constants
 * imported from other modules of the batch are followed.
 */
export const pythonHandler: LanguageHandler = {
  id: 'python',
  // Notebooks are one-line JSON when minified: never skip them as generated.
  longLinesOk: true,
  matches: (rel) => /\.py$/i.test(rel) || isNotebook(rel) || isManifest(rel),
  prefilter: (text) => PREFILTER.test(text),
  // Notebooks (JSON) and manifests take no part in the project graph.
  imports: (text) => (text.trimStart().startsWith('{') ? [] : pyImports(text)),
  // The env files follow the variables the migrated code still reads (src/rules/env-reads.ts).
  finished(ctx, text, project) {
    if (isMigrating(ctx)) recordEnvReads(project, ctx.file.abs, envReadsIn(text, 'python'));
  },
  // The analysis, the transforms and the grammar load on the first Python candidate.
  async validate(text, rel) {
    const { processor } = await import('./process.js');
    return processor.validate(text, rel);
  },
  async process(files: FileContext[], opts: HandlerOptions) {
    const { processor } = await import('./process.js');
    return processor.process(files, opts);
  },
};
