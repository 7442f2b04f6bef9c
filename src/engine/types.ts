import type { ResolvedTarget } from '../providers/index.js';
import type { ModelMap } from '../models/map.js';
import type { EditList } from './edits.js';
import type { LineIndex } from './text.js';
import type { MsgRef, Text } from '../i18n/msg.js';

/** What an edit changed; the summary counts edits by kind. */
export type ChangeKind = 'client' | 'import' | 'env' | 'model' | 'param-drop' | 'param-rename' | 'param-clamp' | 'param-add' | 'role' | 'marker' | 'http' | 'config' | 'dependency' | 'wrapper';

export interface Change {
  kind: ChangeKind;
  line: number;
  column: number;
  message: string;
  /** The message by id (src/i18n/msg.ts), when it was built with `msg()`: JSON carries the id as `messageId`. */
  msg?: MsgRef;
  /** Transform that made it. */
  transform: string;
  /** For `model` changes: from -> to. */
  from?: string;
  to?: string;
}

export interface FollowUp {
  line: number;
  column: number;
  /** Why it could not be migrated automatically. */
  reason: string;
  /** What the user should do. */
  action: string;
  /** `reason` and `action` by id (src/i18n/msg.ts), when built with `msg()`: JSON carries `reasonId` / `actionId`. */
  reasonMsg?: MsgRef;
  actionMsg?: MsgRef;
  docs?: string;
  /** Notebook cell (1-based) when the file is a notebook. */
  cell?: number;
}

export type Level = 'error' | 'warning' | 'note';

/** One piece of OpenAI usage found by a detector (scan/check). */
export interface Finding {
  rule: string;
  kind: string;
  level: Level;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The message by id (src/i18n/msg.ts), when built with `msg()`: JSON and SARIF carry the id. */
  msg?: MsgRef;
  /** API surface or model involved, e.g. "chat.completions.create", "gpt-4o". */
  api?: string;
  model?: string;
  /** Endpoint kind of an API call (src/rules/endpoints.ts EndpointKind), for provider assessments. */
  endpoint?: string;
  /** The source text of the finding's line (for code frames and fingerprints). */
  snippet?: string;
  cell?: number;
}

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'failed';

export interface FileResult {
  /** Path relative to the cwd, forward slashes. */
  file: string;
  status: FileStatus;
  /** Why skipped or failed (with line:column of a syntax error where there is one). */
  reason?: string;
  /** `reason` by id (src/i18n/msg.ts), when built with `msg()`: reports translate it by its id. */
  reasonMsg?: MsgRef;
  errorId?: string;
  changes: Change[];
  followUps: FollowUp[];
  findings: Finding[];
  /** Unified diff (dry run and report). */
  diff?: string;
  /** Whether the file was written. */
  written?: boolean;
  /** How the file reaches OpenAI through other modules (`file, specifier, file, ...`, paths relative to the cwd). */
  via?: string[];
}

/**
 * The folder a run's paths are relative to, as far as a file tells: its absolute path without its relative one. A file
 * above the cwd (`rel` = `../../app/x.py`) gives the folder its `..` steps reach (`/tmp` for `/tmp/app/x.py`), the
 * highest folder the run can see of it; slicing by length there gave garbage and hid every app of the run.
 */
export function runRootOf(file: { abs: string; rel: string }): string {
  const rel = file.rel.replace(/\\/g, '/');
  const tail = rel.replace(/^(\.\.\/)+/, '');
  const abs = file.abs.replace(/\\/g, '/');
  return abs.endsWith(tail) ? file.abs.slice(0, file.abs.length - tail.length) : file.abs.slice(0, file.abs.length - file.rel.length);
}

/** A file as loaded by the runner. */
export interface LoadedFile {
  abs: string;
  rel: string;
  text: string;
  bom: boolean;
  /** Loaded only because of the project graph (no OpenAI marker of its own): a parse error is not a failure. */
  related?: boolean;
  /** Outside the paths given (read-only): parsed so facts flow into the given files, never written or reported. */
  outside?: boolean;
  /** Of `outside` files: read only because changed-files mode (`check --changed-since`) reads just the changed files; inside the given paths, so use through it is not "from outside". */
  unchanged?: boolean;
  /** Where its import specifiers resolve (absolute paths), from the project graph (src/project/graph.ts). */
  imports?: Record<string, string>;
}

/** Per-file context handed to transforms and detectors. */
export interface FileContext {
  file: LoadedFile;
  lines: LineIndex;
  /** Target provider; undefined in detection-only runs (scan/check without --provider). */
  target?: ResolvedTarget;
  models?: ModelMap;
  edits: EditList;
  changes: Change[];
  followUps: FollowUp[];
  findings: Finding[];
  /** Record a change at an offset. */
  change(kind: ChangeKind, offset: number, message: Text, extra?: Partial<Change>): void;
  /** Record a manual follow-up at an offset. */
  followUp(offset: number, reason: Text, action: Text): void;
}

/**
 * A context in a detection-only run (`scan`, `check` without --provider): the
 * detectors read it; `target` and `models` may be absent.
 */
export type DetectContext = FileContext;

/**
 * A context with a provider: what transforms (and the helpers they call) take.
 * The handlers run transforms only on these (`isMigrating`), so the types say a
 * transform always has a target and a model map.
 */
export type MigrateContext<C extends FileContext = FileContext> = C & { target: ResolvedTarget; models: ModelMap };

/** Does this run migrate (a provider and its model map are set)? */
export function isMigrating<C extends FileContext>(ctx: C): ctx is MigrateContext<C> {
  return ctx.target !== undefined && ctx.models !== undefined;
}

export interface Transform<C extends FileContext = FileContext> {
  /** Kebab-case id named for what it changes, e.g. "set-client-base-url". */
  id: string;
  description: string;
  run(ctx: MigrateContext<C>): void;
}

/** A language (or file kind): how to parse, detect, transform and re-validate its files. */
export interface LanguageHandler {
  id: string;
  /** Does this handler own the file (by relative path)? */
  matches(rel: string): boolean;
  /** Cheap prefilter on the raw text: false means the file is never parsed. */
  prefilter(text: string): boolean;
  /**
   * Parse, detect and (when ctx.target is set) transform a batch of candidate files.
   * One parse per file; project-level facts (cross-file imports) may be built from the batch.
   * Throwing for one file must not affect others: the handler returns per-file errors.
   */
  process(files: FileContext[], opts: HandlerOptions): Promise<Map<string, HandlerError>>;
  /**
   * The module specifiers a file imports (a cheap scan of its text, no parse). With it the
   * file takes part in the project graph (src/project/graph.ts): a file without a marker is
   * parsed when it imports, at any depth, a marked module, and the modules a parsed file
   * imports are parsed too (one hop), so values can be followed into them.
   */
  imports?(text: string): string[];
  /** Files of this kind may have very long lines (JSON notebooks): do not skip them as minified. */
  longLinesOk?: boolean;
  /** Re-parse changed output; return an error message when it no longer parses. */
  validate?(text: string, rel: string): Promise<string | undefined> | string | undefined;
  /**
   * This handler can run on a worker thread (src/engine/offload.ts): the module
   * URL and export name the worker imports it from. On large runs the engine
   * starts the worker before reading, streams the candidates to it, and the main
   * thread goes on with the other handlers.
   */
  worker?: { module: string; export: string };
  /** Load what `process` needs (the parser) ahead of the first file; the worker calls it at start. */
  preload?(): Promise<void>;
  /** A candidate has been read: the handler may start on it (the worker parses it while the main thread reads on). */
  prepare?(file: LoadedFile): void;
  /** This handler reads facts other handlers share in `project`: the engine waits for handlers running elsewhere first. */
  readsProject?: boolean;
  /**
   * A file of this handler is finished: `text` is what it ends with (the migrated text, or its
   * original when nothing applied, it failed or was skipped). The handler may share facts read
   * from it in `project` for handlers later in the list (the env files follow the code's reads).
   */
  finished?(ctx: FileContext, text: string, project: Map<string, unknown>): void;
}

export interface HandlerOptions {
  /** Only run these transforms (ids); all when undefined. */
  only?: string[];
  /**
   * The handler's transforms, in order. src/handlers.ts wires each handler to its
   * registry under transforms/ (src/lang never imports that layer); without it
   * the handler only detects.
   */
  transforms?: ReadonlyArray<Transform<never>>;
  /** The config-file transforms, for settings inside another handler's files (pyproject `[tool.*]`, setup.cfg: the Python handler). */
  configTransforms?: ReadonlyArray<Transform<never>>;
  /**
   * Facts shared across handlers within one run (handlers run in the order of
   * the handler list): e.g. packages the JS rewrites introduced, which the
   * package.json step then declares.
   */
  project?: Map<string, unknown>;
}

export interface HandlerError {
  id: string;
  message: string;
  /** `message` by id (src/i18n/msg.ts), when built with `msg()`. */
  msg?: MsgRef;
  /** Not a failure: the file is left as it is and reported as skipped (a `W_` id; the exit code is unaffected). */
  skip?: boolean;
}
