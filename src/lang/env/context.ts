import type { FileContext } from '../../engine/types.js';
import type { EnvEntry, EnvParse } from './parse.js';

/** What an env-file transform sees: the file context and its single scan. */
export interface EnvContext extends FileContext {
  env: EnvParse;
  /** Names set by active (uncommented) entries, updated as transforms rename lines. */
  names: Set<string>;
  /** Facts the code handlers shared in this run (src/rules/env.ts `envVarStays`). */
  project?: Map<string, unknown>;
}

/** Insert `# ` before an entry (its indentation kept): the line becomes a comment. */
export function commentOut(ctx: EnvContext, e: EnvEntry): void {
  const text = ctx.file.text;
  let i = e.lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  ctx.edits.add(i, i, '# ');
}
