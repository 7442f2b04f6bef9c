import type { FileContext } from '../../engine/types.js';
import { envRole, type EnvRole } from '../../rules/env.js';
import type { EnvEntry, EnvParse } from './parse.js';

/** What an env-file transform sees: the file context and its single scan. */
export interface EnvContext extends FileContext {
  env: EnvParse;
  /** Names set by active (uncommented) entries, updated as transforms rename lines. */
  names: Set<string>;
  /** Prefixed settings variables the migrated Python settings classes no longer read, and what they held (SETTINGS_ENV). */
  settingsEnv: Map<string, EnvRole>;
  /**
   * OpenAI variables the migrated code still reads under their OpenAI names
   * (src/rules/env-reads.ts), and the provider variables it now reads; undefined
   * when no code was read in this run.
   */
  codeReads?: Set<string>;
  /** Variables a library of that code reads by itself to call OpenAI (CrewAI's OPENAI_MODEL_NAME / MODEL; src/rules/env-reads.ts libraryEnvReads). */
  libraryReads?: Set<string>;
  /** Model variables read with an OpenAI default by code that stays and with another id by code that moved (splitModelVarsFor). */
  splitModels?: Set<string>;
  /** Model variables whose code defaults all stay OpenAI ids (src/rules/env-reads.ts modelVarsLeft): their values are left. */
  modelsLeft?: Set<string>;
}

/** Insert `# ` before an entry (its indentation kept): the line becomes a comment. */
export function commentOut(ctx: EnvContext, e: EnvEntry): void {
  const text = ctx.file.text;
  let i = e.lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  ctx.edits.add(i, i, '# ');
}

/**
 * What an entry holds: its OpenAI role by name, or, for a prefixed variable a migrated Python settings class read
 * (`APP_OPENAI_API_KEY`, `APP_OPENAI_BASE_URL`), the role of the provider variable the class reads now.
 */
export function entryRole(ctx: EnvContext, name: string): EnvRole | undefined {
  return envRole(name) ?? ctx.settingsEnv.get(name);
}
