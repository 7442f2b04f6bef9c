import type { ts } from 'ts-morph';
import type { FileContext } from '../../engine/types.js';
import type { JsFacts } from './analyze.js';
import type { ModelSiteResult } from './model-sites.js';
import type { ComposedUse, Piece } from './composed-urls.js';

/** What a JS/TS transform sees: the file context, its single parse, and the analysis. */
export interface JsContext extends FileContext {
  sf: ts.SourceFile;
  facts: JsFacts;
  /** The file talks to OpenAI (imports the SDK or holds a client). */
  usesOpenAI: boolean;
  models_: ModelSiteResult;
  /** Statement terminator the file uses (';' or ''). */
  semi: string;
  /** Preferred quote of the file. */
  q: "'" | '"';
  /** The environment variable a value is read from, following consts, config objects and imports across modules (`config.azureKey` -> MY_AZURE_KEY). */
  envSourceOf?(e: ts.Expression): string | undefined;
  /** Possible string values of a model expression, across modules (literals, consts, imported objects). */
  modelValues(e: ts.Expression): string[];
  /** Object literals of this file that other modules spread into chat/completions requests. */
  foreignRequests: ts.ObjectLiteralExpression[];
  /** Chat request bodies this file builds for a raw OpenAI request sent from another module (CrossModule.foreignBodies). */
  foreignBodies?: ts.ObjectLiteralExpression[];
  /** Numeric literals of this file that are request parameter values somewhere (`temperature: llm.temperature`). */
  foreignParams: Array<{ name: string; node: ts.Expression; models: string[] }>;
  /** Does this expression resolve to a numeric literal (same module or imported)? */
  resolvesToLiteral(e: ts.Expression): boolean;
  /** Host of the target base URL (for "already migrated" checks). */
  targetHost?: string;
  /** URLs built here from a host-only OpenAI base defined elsewhere (composed-urls.ts). */
  composedUses: ComposedUse[];
  /** `/v1...` path literals of this file joined to an OpenAI host elsewhere. */
  composedPaths: Array<{ lit: Piece; rest: string }>;
  /** Host-only OpenAI literals of this file that another module's composed URL starts with. */
  composedHosts?: Piece[];
  /**
   * Names of the enums the run's modules declare (`enum Keys { OPENAI_API_KEY = "..." }`), read by rename-env-vars
   * for `Keys.OPENAI_API_KEY`. A dense run without a first pass compares only that use (src/lang/js/process.ts
   * enumKeyRead): a transform that reads it otherwise must widen that comparison.
   */
  enumNames?: Set<string>;
  /**
   * OpenAI key names declared as fields of the app's classes (process.ts classKeyFieldsOf): member reads never renamed;
   * true where a settings class the app's loader fills declares it (then its name as a string or key is not renamed either).
   */
  classKeyFields?: Map<string, boolean>;
  /** Some module of the run talks to OpenAI (SDK, adapter package or URL); false: OpenAI-named keys configure something else and keep their names. */
  projectReachesOpenAI?: boolean;
  /** This module, a module it imports (transitively) or one importing it builds or calls a client being migrated (OpenAI or Azure host). */
  nearMigratedClient?: boolean;
}
