/**
 * The error catalogue: every user-facing error and skip has a stable id, one
 * line of cause and one line of fix. `test/errors.test.ts` checks that every id
 * the source raises is listed here.
 */
export interface ErrorEntry {
  exit: 0 | 1 | 2;
  cause: string;
  fix: string;
}

export const ERRORS: Record<string, ErrorEntry> = {
  E_UNKNOWN_PROVIDER: { exit: 2, cause: 'the --provider value is not a provider id or alias', fix: 'pick an id from `openai-migrate providers`' },
  E_UNKNOWN_REGION: { exit: 2, cause: "the --region value is not one of the provider's regions", fix: 'use a region listed in the message (or `openai-migrate providers`)' },
  E_NO_PROVIDER: { exit: 2, cause: 'no provider given on the command line or in the config file', fix: 'add --provider <id>' },
  E_BAD_MODEL_OVERRIDE: { exit: 2, cause: 'a --model flag is not <openai-id>=<provider-id>', fix: 'write it as --model gpt-4o=qwen-plus' },
  E_UNKNOWN_TRANSFORM: { exit: 2, cause: 'a --transform value is not a transform id', fix: 'pick ids from `openai-migrate transforms`' },
  E_BAD_VALUE: {
    exit: 2,
    cause: 'a flag or config value is not of the allowed form (model ids, variable names, URLs, globs, sizes, files are checked before anything is read or written)',
    fix: 'use the form the message gives for that flag or key',
  },
  E_UNKNOWN_MODEL: {
    exit: 2,
    cause: 'a --model (or config) override names a model the provider profile does not list',
    fix: 'use an id from the message, or pass --allow-unknown-models for a model newer than the profile',
  },
  E_MISSING_PATH: { exit: 2, cause: 'a path argument does not exist', fix: 'check the path (relative to the current directory)' },
  E_CONFIG_MISSING: { exit: 2, cause: 'the --config file does not exist', fix: 'check the path, or drop --config to use .openai-migrate.json' },
  E_CONFIG_INVALID: { exit: 2, cause: 'the config file is not valid JSON or has a value of the wrong type', fix: 'fix it at the position given in the message' },
  E_DIRTY_TREE: { exit: 2, cause: 'the git work tree has uncommitted changes under the given paths', fix: 'commit or stash them, preview with --dry-run, or pass --force' },
  E_NOT_IN_REPO: {
    exit: 2,
    cause: 'a path is not inside a git repository (or git is missing), so uncommitted work cannot be checked and the migration could not be undone with git',
    fix: 'run it inside a repository, preview with --dry-run, or pass --force',
  },
  E_OUTSIDE_ROOT: {
    exit: 2,
    cause: 'a path (or a folder in it) is a symlink to a place outside its repository; symlinks are not followed out of the tree',
    fix: 'pass the real path if that tree should be migrated',
  },
  E_LOCKED: { exit: 2, cause: 'another openai-migrate run is writing in the same repository', fix: 'wait for it to finish; delete the lock file named in the message only if no run is going on' },
  E_BAD_SHARD: { exit: 2, cause: '--shard is not <i>/<n> with 1 <= i <= n', fix: 'write it as --shard 2/4' },
  E_BASELINE: { exit: 2, cause: 'the --baseline file cannot be read or is not an openai-migrate baseline', fix: 'create it with check --write-baseline <file>' },
  E_NOT_GIT: { exit: 2, cause: '--changed-since and --staged need git and a git work tree', fix: 'run inside the repository (with git installed), or check everything without them' },
  E_GIT_REF: { exit: 2, cause: 'the --changed-since ref is not a commit git knows in this clone', fix: 'fetch it first (git fetch origin <ref>, or actions/checkout with fetch-depth: 0)' },
  E_CHANGED_BASELINE: {
    exit: 2,
    cause: '--write-baseline was combined with --changed-since or --staged (a baseline records the whole project)',
    fix: 'write the baseline with a full check, then use --changed-since with --baseline',
  },
  E_REPORT_FORMAT: { exit: 2, cause: '--report needs a file name ending in .md or .json', fix: 'use --report migration.md or --report migration.json' },
  E_REPORT_EXISTS: { exit: 2, cause: 'the --report file exists and was not written by openai-migrate', fix: 'choose another file name, or pass --force to replace it' },
  E_REPORT_UNWRITABLE: { exit: 2, cause: 'the --report file cannot be written (checked before anything is migrated)', fix: 'check the folder exists and is writable, or choose another path' },
  E_NOT_A_TTY: { exit: 2, cause: '--interactive needs a terminal, and stdin is not one', fix: 'run it in a terminal, or review with --dry-run / --report instead' },
  E_INTERACTIVE_FLAGS: { exit: 2, cause: '--interactive cannot be combined with the other flags given', fix: 'drop --dry-run / --format json when reviewing interactively' },
  E_PARSE: { exit: 1, cause: 'the file does not parse, so it was not changed', fix: 'fix the syntax error at the position given (or --exclude the file) and run again' },
  E_READ: { exit: 1, cause: 'the file (or a folder of the tree) could not be read; nothing in it was changed', fix: 'check its permissions' },
  E_WRITE: { exit: 1, cause: 'the file could not be written (or changed on disk during the run)', fix: 'check permissions and free space, then run again' },
  E_OUTPUT_INVALID: { exit: 1, cause: 'the migrated text would not parse, so the file was left unchanged', fix: 'please report it with the file; migrate this file by hand meanwhile' },
  E_EDIT_CONFLICT: { exit: 1, cause: 'two rewrites overlapped in this file, so it was left unchanged', fix: 'please report it with the file; run single transforms with --transform meanwhile' },
  E_TOO_DEEP: {
    exit: 1,
    cause: 'the file nests expressions too deeply to analyse safely (parser or analysis recursion limit), so it was left unchanged',
    fix: 'migrate this file by hand, or split the deeply nested expression',
  },
  E_INTERNAL: { exit: 1, cause: 'an internal error occurred while processing the file; it was left unchanged', fix: 'run again with --verbose and report the stack trace' },
  W_READ_ONLY: { exit: 0, cause: 'the file is read-only (or not writable by this user), so it was left unchanged', fix: 'make it writable (chmod u+w) and run again if it should be migrated' },
  W_HARD_LINK: {
    exit: 0,
    cause: 'the file has more than one hard link; rewriting it would split the links, so it was left unchanged',
    fix: 'migrate it by hand, or break the link (cp the file over itself) and run again',
  },
  W_REVIEW_SKIPPED: { exit: 0, cause: 'the change was skipped during --interactive review', fix: 'run migrate again to review it once more' },
  W_TOO_LARGE: { exit: 0, cause: 'the file is larger than --max-file-size', fix: 'raise --max-file-size if it should be migrated' },
  W_BINARY: { exit: 0, cause: 'the file holds NUL bytes (binary)', fix: 'nothing to do' },
  W_NOT_UTF8: { exit: 0, cause: 'the file is not valid UTF-8; re-encoding it would change other bytes', fix: 'convert it to UTF-8 first if it should be migrated' },
  W_GENERATED: { exit: 0, cause: 'the file looks minified or generated (very long lines)', fix: 'migrate its source instead' },
  W_OWN_OUTPUT: {
    exit: 0,
    cause: 'the file was written by openai-migrate (a baseline, JSON report or output, SARIF log) and lists OpenAI usage on purpose',
    fix: 'nothing to do; it is never scanned',
  },
  W_OUTSIDE_SCOPE: {
    exit: 0,
    cause: 'the file is outside the paths given to migrate; it was read only to follow imports, and the migration would change it',
    fix: 'run the command in the follow-up (migrate that file or its package too)',
  },
  W_CONFIG_SYNTAX: {
    exit: 0,
    cause: 'a JSON, YAML or TOML file that names OpenAI does not parse (often a template, or not config at all), so it was left as it is',
    fix: 'if the app reads it, fix its syntax (or migrate the values by hand)',
  },
};

/**
 * A usage or configuration error (bad flag, missing path, dirty tree, ...): the
 * CLI prints it with its id and fix and exits with the catalogue entry's code.
 * It lives here, below every other module, so no module imports a higher layer
 * only to throw.
 */
export class UsageError extends Error {
  readonly code: string;
  /** The message by id (a `msg()` from src/i18n), when built so: the CLI prints it in the output language. */
  readonly ref?: { id: string; params: Record<string, unknown>; text: string };
  constructor(code: string, message: string | { id: string; params: Record<string, unknown>; text: string }) {
    super(typeof message === 'string' ? message : message.text);
    this.code = code;
    if (typeof message !== 'string') this.ref = { id: message.id, params: message.params, text: message.text };
  }
}

/** Thrown by a command to end with this exit code after its output is written (no message). */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/**
 * The process exit code for an error id thrown up to the CLI: its catalogue
 * entry's `exit`; 2 for an id not in the catalogue (or one whose entry says 0:
 * a thrown error never ends a run as a success).
 */
export function exitCodeFor(id: string | undefined): 1 | 2 {
  const exit = id ? ERRORS[id]?.exit : undefined;
  return exit === 1 ? 1 : 2;
}

export function fixFor(id: string | undefined): string | undefined {
  return id ? ERRORS[id]?.fix : undefined;
}
