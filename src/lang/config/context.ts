import type { Document } from 'yaml';
import type { FileContext } from '../../engine/types.js';
import type { JNode } from './json.js';
import type { ValueSite } from './sites.js';

export type ConfigFormat = 'json' | 'jsonl' | 'yaml' | 'toml' | 'ini';
/** compose: docker-compose / compose files; workflow: .github/workflows; other: any config file. */
export type ConfigKind = 'compose' | 'workflow' | 'other';

/** What a config-file transform sees: the file context, its single parse and its string values. */
export interface ConfigContext extends FileContext {
  format: ConfigFormat;
  kind: ConfigKind;
  sites: ValueSite[];
  /** YAML documents (format yaml). */
  docs?: Document[];
  /** JSONL lines (format jsonl): offset of each line and its parse. */
  jsonl?: Array<{ start: number; root: JNode }>;
  /** Variables the migrated code reads (src/rules/env-reads.ts): env blocks keep what it still reads under OpenAI names. */
  codeReads?: Set<string>;
}

/** Insert `# ` at the first non-blank character of the line holding `offset` (YAML/TOML comment). */
export function commentOutLine(ctx: FileContext, offset: number): void {
  const text = ctx.file.text;
  let i = text.lastIndexOf('\n', offset - 1) + 1;
  while (text[i] === ' ' || text[i] === '\t') i++;
  ctx.edits.add(i, i, '# ');
}

/** Replace each word of `value` naming an OpenAI key variable (`secrets.OPENAI_API_KEY`, `${OPENAI_API_KEY}`, `os.environ/OPENAI_API_KEY`). */
export function keyVarWords(value: string, rename: (w: string) => string | undefined): Array<{ start: number; end: number; from: string; to: string }> {
  const out: Array<{ start: number; end: number; from: string; to: string }> = [];
  const re = /[A-Za-z_][A-Za-z0-9_]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    const to = rename(m[0]);
    if (to && to !== m[0]) out.push({ start: m.index, end: m.index + m[0].length, from: m[0], to });
  }
  return out;
}
