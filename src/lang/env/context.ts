import type { FileContext } from '../../engine/types.js';
import type { EnvEntry, EnvParse } from './parse.js';

/** What an env-file transform sees: the file context and its single scan. */
export interface EnvContext extends FileContext {
  env: EnvParse;
  /** Names set by active (uncommented) entries, updated as transforms rename lines. */
  names: Set<string>;
  /**
   * OpenAI variables the migrated code still reads under their OpenAI names
   * (src/rules/env-reads.ts), and the provider variables it now reads; undefined
   * when no code was read in this run.
   */
  codeReads?: Set<string>;
}

/** Insert `# ` before an entry (its indentation kept): the line becomes a comment. */
export function commentOut(ctx: EnvContext, e: EnvEntry): void {
  const text = ctx.file.text;
  let i = e.lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  ctx.edits.add(i, i, '# ');
}
