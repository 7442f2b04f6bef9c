import { type FileContext, type HandlerOptions, type LanguageHandler, isMigrating } from '../../engine/types.js';
import { looksLikeOpenAIModel } from '../../models/openai-catalog.js';
import { envReadsIn, libraryEnvReads, pyModelDefaultsIn, recordCodeChanged, recordEnvReads, recordPyModelDefaults, recordLibraryReads, recordModelDefaults } from '../../rules/env-reads.js';
import { isManifest, isNotebook } from './files.js';
import { pyImports } from '../../project/python.js';
import { findMarkers } from '../../rules/markers.js';

/** Markers that make a Python file, notebook or manifest worth parsing. Everything else is never parsed. */
const PREFILTER = /openai|crewai|gpt-|\.completions\.|\.embeddings\.|\.responses\.|chatgpt|o[134]-mini|["']o[134]["']|text-embedding|dall-e|whisper-1|tts-1|davinci|langchain|llama[_-]index/i;

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
    if (!isMigrating(ctx)) return;
    recordEnvReads(project, ctx.file.abs, envReadsIn(text, 'python'));
    recordLibraryReads(project, ctx.file.abs, libraryEnvReads(text));
    recordCodeChanged(project, ctx.file.abs, text !== ctx.file.text);
    recordPyModelDefaults(project, ctx.file.abs, pyModelDefaultsIn(text, looksLikeOpenAIModel));
    recordModelDefaults(project, ctx.file.abs, { openai: keptAzureModelVars(text), other: new Set() });
  },
  // The analysis, the transforms and the grammar load on the first Python candidate.
  async validate(text, rel) {
    const { processor } = await import('./process.js');
    return processor.validate(text, rel);
  },
  async process(files: FileContext[], opts: HandlerOptions) {
    const { processor } = await import('./process.js');
    const errors = await processor.process(files, opts);
    findMarkers(files, errors);
    return errors;
  },
};

/**
 * Azure model or deployment variables (`AZURE_MODEL`, `AZURE_OPENAI_DEPLOYMENT`) read by a module whose Azure OpenAI
 * clients stay on Azure after the run (a migrated one is no longer an `AzureOpenAI`): their values in env files are
 * deployment names of those clients and are left (found on 5zjk5/prompt-engineering: `AZURE_MODEL=gpt-4.1-nano` mapped).
 */
function keptAzureModelVars(text: string): Set<string> {
  const out = new Set<string>();
  if (!/\b(Async)?AzureOpenAI\s*\(/.test(text)) return out;
  for (const m of text.matchAll(/\b(?:getenv|environ\.get|environ\[|config)\(?\s*["']([A-Z][A-Z0-9_]*)["']/g)) {
    if (/AZURE/.test(m[1]!) && /MODEL|DEPLOY/.test(m[1]!)) out.add(m[1]!);
  }
  return out;
}
