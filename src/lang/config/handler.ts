import type { FileContext, HandlerOptions, LanguageHandler } from '../../engine/types.js';
import { CONFIG_PREFILTER } from './common.js';
import { configFormat } from './files.js';

export { configFormat, configKind } from './files.js';

/**
 * Config files (JSON, JSONC, JSONL, YAML, TOML): OpenAI model ids, base URLs
 * and key variables in values; docker-compose `environment:` and GitHub
 * Actions `env:` blocks. Files that do not parse (templates, non-standard
 * syntax) are skipped untouched, not failed: they are often not config at all.
 */
export const configHandler: LanguageHandler = {
  id: 'config',
  matches: (rel) => configFormat(rel) !== undefined,
  prefilter: (text) => CONFIG_PREFILTER.test(text),
  longLinesOk: true,
  // Env blocks (compose, workflows) follow the variables the code handlers' migrated files still read.
  readsProject: true,
  // The parsers (YAML, JSON, TOML) and the transforms load on the first config candidate.
  async validate(text, rel) {
    const { processor } = await import('./process.js');
    return processor.validate(text, rel);
  },
  async process(files: FileContext[], opts: HandlerOptions) {
    const { processor } = await import('./process.js');
    return processor.process(files, opts);
  },
};
