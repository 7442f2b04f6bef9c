import { existsSync } from 'node:fs';
import path from 'node:path';
import { getProvider, resolveTarget, type ResolvedTarget } from './providers/index.js';
import { UsageError } from './errors.js';
import { ModelMap, parseModelOverrides } from './models/map.js';
import { mergeRoutes } from './routing/index.js';
import { loadConfig, projectRoot } from './config.js';
import { run, DEFAULT_MAX_FILE_SIZE, type RunOptions, type RunResult } from './engine/run.js';
import { checkSymlinks, guardRepos, writeRoots } from './engine/git.js';
import { acquireLock, lockFileFor, releaseLocks } from './engine/lock.js';
import { HANDLERS } from './handlers.js';
import { summarize, type Summary } from './report/summary.js';
import type { FileContext, LanguageHandler } from './engine/types.js';
import { validateGlob, validateMaxFileSize } from './engine/values.js';
import { maskResults, maskSecrets } from './report/mask.js';

export interface CommonOptions {
  cwd?: string;
  paths?: string[];
  include?: string[];
  exclude?: string[];
  config?: string;
  maxFileSize?: number;
  handlers?: LanguageHandler[];
  onFile?: (done: number, total: number) => void;
  /** Per file while reading, then while analysing (the CLI's progress line). */
  onProgress?: RunOptions['onProgress'];
}

export interface MigrateOptions extends CommonOptions {
  provider?: string;
  region?: string;
  dryRun?: boolean;
  force?: boolean;
  /** `openai-id=provider-id` overrides. */
  models?: string[];
  /** Accept override targets the provider profile does not list (models newer than the profile). */
  allowUnknownModels?: boolean;
  /** Capability routes `<capability>=<provider>[:<model>]` (src/routing); the config file's `routes` apply too. */
  routes?: string[];
  /** Run only these transforms. */
  only?: string[];
  /** Interactive review: choose what to write per file (see RunOptions.decide). */
  decide?: RunOptions['decide'];
}

export interface MigrateResult extends RunResult {
  target: ResolvedTarget;
  models: ModelMap;
  summary: Summary;
  dryRun: boolean;
  warnings: string[];
}

/** Flags shared by every command that walks files: globs compile, the size limit is a positive whole number (E_BAD_VALUE, exit 2). */
export function validateCommon(o: CommonOptions): void {
  for (const g of o.include ?? []) validateGlob(g, '--include');
  for (const g of o.exclude ?? []) validateGlob(g, '--exclude');
  if (o.maxFileSize !== undefined) validateMaxFileSize(o.maxFileSize);
}

/** Resolve provider, region and model overrides from flags and the config file. */
export function resolveSetup(o: MigrateOptions): { target: ResolvedTarget; models: ModelMap; warnings: string[]; include?: string[]; exclude?: string[] } {
  const cwd = o.cwd ?? process.cwd();
  const { config, warnings } = loadConfig(cwd, o.config);
  const providerId = o.provider ?? config.provider;
  if (!providerId) throw new UsageError('E_NO_PROVIDER', 'missing --provider <id> (run `openai-migrate providers` to list them)');
  const provider = getProvider(providerId);
  const target: ResolvedTarget = resolveTarget(provider, o.region ?? config.region);
  const routes = mergeRoutes(o.routes, config.routes, provider);
  if (routes.length) target.routes = routes;
  const overrides = { ...(config.models ?? {}), ...parseModelOverrides(o.models) };
  if (!o.allowUnknownModels) {
    const known = new Set([...Object.values(provider.models).flat(), ...Object.keys(provider.deprecated)]);
    const bad = Object.entries(overrides).filter(([, to]) => !known.has(to));
    if (bad.length) {
      throw new UsageError(
        'E_UNKNOWN_MODEL',
        `${bad.map(([from, to]) => `${from}=${to}`).join(', ')}: not a ${provider.id} model id in the profile (as of ${provider.asOf}). Valid ids: ${[...known].join(', ')}. Pass --allow-unknown-models for a newer model`,
      );
    }
  }
  const models = new ModelMap(provider, overrides, routes);
  return { target, models, warnings, include: [...(config.include ?? []), ...(o.include ?? [])], exclude: [...(config.exclude ?? []), ...(o.exclude ?? [])] };
}

/** The one-shot migration (or its dry run). */
export async function migrate(o: MigrateOptions): Promise<MigrateResult> {
  const cwd = o.cwd ?? process.cwd();
  validateCommon(o);
  const setup = resolveSetup(o);
  if (o.only?.length) {
    const { transformIds } = await import('../transforms/index.js');
    const known = new Set(transformIds());
    const bad = o.only.filter((id) => !known.has(id));
    if (bad.length) throw new UsageError('E_UNKNOWN_TRANSFORM', `unknown transform ${bad.map((b) => `"${b}"`).join(', ')}. Valid ids: ${[...known].join(', ')}`);
  }
  const paths = o.paths?.length ? o.paths : ['.'];
  // Never follow a symlink out of the tree (also in a dry run: its diff would show another tree's files).
  for (const p of paths) await checkSymlinks(cwd, p);
  const roots = await writeRoots(cwd, paths);
  /** Before anything is read: the repositories written into, locked, then checked for uncommitted work. */
  const guard = async (files: string[]): Promise<void> => {
    await guardRepos({
      cwd,
      given: paths,
      files,
      force: !!o.force,
      lock: (repos) => {
        for (const repo of repos) acquireLock(lockFileFor(repo.gitDir, repo.top), repo.top);
        const outside = roots.filter((r) => !repos.some((repo) => r === repo.top || r.startsWith(repo.top + path.sep)));
        for (const r of outside) acquireLock(lockFileFor(undefined, r), r);
      },
    });
  };
  try {
    return await migrateIn(o, cwd, setup, paths, roots, o.dryRun ? undefined : guard);
  } finally {
    releaseLocks();
  }
}

async function migrateIn(
  o: MigrateOptions,
  cwd: string,
  setup: ReturnType<typeof resolveSetup>,
  paths: string[],
  roots: string[],
  guard: ((files: string[]) => Promise<void>) | undefined,
): Promise<MigrateResult> {
  const base = projectRoot(cwd, o.config);
  const r = await run({
    cwd,
    base,
    paths,
    include: setup.include?.length ? setup.include : undefined,
    exclude: setup.exclude,
    handlers: o.handlers ?? HANDLERS,
    target: setup.target,
    models: setup.models,
    write: !o.dryRun,
    maxFileSize: o.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : validateMaxFileSize(o.maxFileSize),
    only: o.only,
    decide: o.decide,
    outsideFollowUps: true,
    onFile: o.onFile,
    onProgress: o.onProgress,
    roots,
    guard,
  });
  maskResults(r.files);
  const warnings = [...setup.warnings, ...r.graphWarnings, ...ignoredEnvFiles(cwd, base, paths, r, setup.target)].map((w) => maskSecrets(w));
  return { ...r, target: setup.target, models: setup.models, summary: summarize(r.files, r.scanned, r.candidates), dryRun: !!o.dryRun, warnings };
}

/**
 * `.env` files are usually git-ignored, so the walk skips them; when the code now reads
 * the provider's key variable, say which local env files still need it (values are
 * never read or printed).
 */
function ignoredEnvFiles(cwd: string, base: string, paths: string[], r: RunResult, t: ResolvedTarget): string[] {
  if (!r.files.some((f) => f.changes.some((c) => c.kind === 'env' || c.kind === 'client'))) return [];
  const seen = new Set(r.files.map((f) => path.resolve(base, f.file)));
  const out: string[] = [];
  for (const p of paths) {
    const dir = path.resolve(cwd, p);
    for (const name of ['.env', '.env.local', '.env.development', '.env.development.local', '.env.production', '.env.production.local']) {
      const f = path.join(dir, name);
      if (!seen.has(f) && existsSync(f)) {
        out.push(
          `${path.relative(cwd, f) || name} was not migrated (ignored by git): set ${t.apiKeyEnv} there; the code no longer reads OPENAI_API_KEY (or run \`openai-migrate migrate --provider ${t.provider.id} ${path.relative(cwd, f) || name}\`)`,
        );
      }
    }
  }
  return out;
}

export interface ScanOptions extends CommonOptions {
  /** With a provider, findings also say what migrate would do for it. */
  provider?: string;
  region?: string;
  /** Capability routes (src/routing): routed calls are not findings of the main provider. */
  routes?: string[];
  /** Reported paths are relative to this folder (default cwd); `scan`/`check` pass the repository root. */
  base?: string;
  /** Keep only these discovered files (relative to `base`): `check --shard`. */
  select?: (rel: string) => boolean;
  /** Changed-files mode: the files whose findings count (see RunOptions.focus). */
  focus?: (abs: string) => boolean;
  /** Per parsed file after detection, with its text: `check` suppressions. */
  onContext?: (ctx: FileContext) => void;
}

export interface ScanResult extends RunResult {
  summary: Summary;
  target?: ResolvedTarget;
}

/** Inventory of OpenAI usage; writes nothing. The config file's provider, region, include and exclude apply as in migrate. */
export async function scan(o: ScanOptions): Promise<ScanResult> {
  const cwd = o.cwd ?? process.cwd();
  validateCommon(o);
  let target: ResolvedTarget | undefined;
  let models: ModelMap | undefined;
  const { config } = loadConfig(cwd, o.config);
  if (o.routes?.length && !(o.provider ?? config.provider)) throw new UsageError('E_NO_PROVIDER', '--route needs --provider <id> (the provider the other calls go to)');
  if (o.provider ?? config.provider) {
    const s = resolveSetup({ ...o, cwd });
    target = s.target;
    models = s.models;
  }
  const include = [...(config.include ?? []), ...(o.include ?? [])];
  const r = await run({
    cwd,
    base: o.base,
    focus: o.focus,
    paths: o.paths?.length ? o.paths : ['.'],
    include: include.length ? include : undefined,
    exclude: [...(config.exclude ?? []), ...(o.exclude ?? [])],
    handlers: o.handlers ?? HANDLERS,
    target,
    models,
    write: false,
    maxFileSize: o.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : validateMaxFileSize(o.maxFileSize),
    onFile: o.onFile,
    onProgress: o.onProgress,
    select: o.select,
    onContext: o.onContext,
  });
  maskResults(r.files);
  return { ...r, summary: summarize(r.files, r.scanned, r.candidates), target };
}
