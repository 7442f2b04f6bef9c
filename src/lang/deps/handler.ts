import { fileError } from '../../engine/batch.js';
import path from 'node:path';
import type { FileContext, HandlerError, HandlerOptions, LanguageHandler } from '../../engine/types.js';
import { addDependency, declaredDependencies, duplicateDependencyFields, installCommand, removeDependency } from './package-json.js';
import { depsState, KNOWN_RANGES } from './project.js';

/** OpenAI wrapper packages a migration may leave unused. */
const REMOVABLE = new Set(['@langchain/openai', '@ai-sdk/openai', 'openai-edge']);

/**
 * package.json: declare the packages the code rewrites introduced (with a
 * current version range) and remove OpenAI wrapper packages nothing imports any
 * more. Runs after the code handlers (it is last in the handler list) and reads
 * what they shared. The `openai` package itself stays: migrated clients use it.
 */
export const packageJsonHandler: LanguageHandler = {
  id: 'package-json',
  matches: (rel) => path.basename(rel) === 'package.json',
  prefilter: () => true,
  readsProject: true,
  validate(text) {
    try {
      JSON.parse(text);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  },
  async process(files: FileContext[], opts: HandlerOptions) {
    const errors = new Map<string, HandlerError>();
    const state = depsState(opts.project);
    for (const ctx of files) {
      if (!ctx.target) continue;
      const needs = state?.get(ctx.file.abs);
      if (!needs) continue;
      // The input first: a package.json that is already invalid is the input's error, not the migration's.
      try {
        JSON.parse(ctx.file.text);
      } catch (e) {
        errors.set(ctx.file.abs, { id: 'E_PARSE', message: `${ctx.file.rel} does not parse as JSON before any change (${(e as Error).message}); left unchanged, so ${[...needs.add].sort().join(', ') || 'nothing'} was not declared` });
        continue;
      }
      const dup = duplicateDependencyFields(ctx.file.text);
      if (dup) {
        errors.set(ctx.file.abs, { id: 'E_PARSE', message: `${ctx.file.rel} has ${dup.count} "${dup.key}" objects (JSON parsers keep only the last one); left unchanged: merge them and run again` });
        continue;
      }
      try {
        let text = ctx.file.text;
        const declared = declaredDependencies(text);
        const added: string[] = [];
        for (const name of [...needs.add].sort()) {
          if (declared.has(name)) continue;
          const range = KNOWN_RANGES[name] ?? 'latest';
          text = addDependency(text, name, range);
          added.push(`${name}@${range}`);
          ctx.change('dependency', 0, `added ${name} ${range} to dependencies (a rewrite imports it)`, { transform: 'add-provider-dependencies' });
        }
        for (const name of [...needs.dropped].sort()) {
          if (!REMOVABLE.has(name) || needs.stillUsed.has(name) || !declared.has(name)) continue;
          text = removeDependency(text, name);
          ctx.change('dependency', 0, `removed ${name}: nothing imports it any more`, { transform: 'add-provider-dependencies' });
        }
        if (text !== ctx.file.text) ctx.edits.add(0, ctx.file.text.length, text);
        if (added.length) {
          const cmd = installCommand(path.dirname(ctx.file.abs), added);
          ctx.followUp(0, `new dependencies declared: ${added.join(', ')}`, `install them: ${cmd}${added.some((a) => a.startsWith('@ai-sdk/')) ? ' (AI SDK provider packages must match your `ai` major version)' : ''}`);
        }
      } catch (e) {
        errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
      }
    }
    return errors;
  },
};
