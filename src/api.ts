import { existsSync } from 'node:fs';
import path from 'node:path';
import { getProvider, resolveTarget, UsageError, type ResolvedTarget } from './providers/index.js';
import { ModelMap, parseModelOverrides } from './models/map.js';
import { loadConfig } from './config.js';
import { run, DEFAULT_MAX_FILE_SIZE, type RunOptions, type RunResult } from './engine/run.js';
import { dirtyFiles } from './engine/git.js';
import { HANDLERS } from './handlers.js';
import { summarize, type Summary } from './report/summary.js';
import type { FileContext, LanguageHandler } from './engine/types.js';

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

/** Resolve provider, region and model overrides from flags and the config file. */
export function resolveSetup(o: MigrateOptions): { target: ResolvedTarget; models: ModelMap; warnings: string[]; include?: string[]; exclude?: string[] } {
  const cwd = o.cwd ?? process.cwd();
  const { config, warnings } = loadConfig(cwd, o.config);
  const providerId = o.provider ?? config.provider;
  if (!providerId) throw new UsageError('E_NO_PROVIDER', 'missing --provider <id> (run `openai-migrate providers` to list them)');
  const provider = getProvider(providerId);
  const target = resolveTarget(provider, o.region ?? config.region);
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
  const models = new ModelMap(provider, overrides);
  return { target, models, warnings, include: [...(config.include ?? []), ...(o.include ?? [])], exclude: [...(config.exclude ?? []), ...(o.exclude ?? [])] };
}

/** The one-shot migration (or its dry run). */
export async function migrate(o: MigrateOptions): Promise<MigrateResult> {
  const cwd = o.cwd ?? process.cwd();
  const setup = resolveSetup(o);
  if (o.only?.length) {
    const { transformIds } = await import('../transforms/index.js');
    const known = new Set(transformIds());
    const bad = o.only.filter((id) => !known.has(id));
    if (bad.length) throw new UsageError('E_UNKNOWN_TRANSFORM', `unknown transform ${bad.map((b) => `"${b}"`).join(', ')}. Valid ids: ${[...known].join(', ')}`);
  }
  const paths = o.paths?.length ? o.paths : ['.'];
  if (!o.dryRun && !o.force) {
    const dirty = await dirtyFiles(cwd, paths);
    if (dirty && dirty.length) {
      throw new UsageError(
        'E_DIRTY_TREE',
        `refusing to write: the git work tree has uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', ...' : ''}).\n` +
          'Commit or stash them so the migration can be reviewed and undone on its own, preview with --dry-run, or pass --force.',
      );
    }
  }
  const r = await run({
    cwd,
    paths,
    include: setup.include?.length ? setup.include : undefined,
    exclude: setup.exclude,
    handlers: o.handlers ?? HANDLERS,
    target: setup.target,
    models: setup.models,
    write: !o.dryRun,
    maxFileSize: o.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    only: o.only,
    decide: o.decide,
    outsideFollowUps: true,
    onFile: o.onFile,
    onProgress: o.onProgress,
  });
  const warnings = [...setup.warnings, ...r.graphWarnings, ...ignoredEnvFiles(cwd, paths, r, setup.target)];
  return { ...r, target: setup.target, models: setup.models, summary: summarize(r.files, r.scanned, r.candidates), dryRun: !!o.dryRun, warnings };
}

/**
 * `.env` files are usually git-ignored, so the walk skips them; when the code now reads
 * the provider's key variable, say which local env files still need it (values are
 * never read or printed).
 */
function ignoredEnvFiles(cwd: string, paths: string[], r: RunResult, t: ResolvedTarget): string[] {
  if (!r.files.some((f) => f.changes.some((c) => c.kind === 'env' || c.kind === 'client'))) return [];
  const seen = new Set(r.files.map((f) => path.resolve(cwd, f.file)));
  const out: string[] = [];
  for (const p of paths) {
    const dir = path.resolve(cwd, p);
    for (const name of ['.env', '.env.local', '.env.development', '.env.development.local', '.env.production', '.env.production.local']) {
      const f = path.join(dir, name);
      if (!seen.has(f) && existsSync(f)) {
        out.push(`${path.relative(cwd, f) || name} was not migrated (ignored by git): set ${t.apiKeyEnv} there; the code no longer reads OPENAI_API_KEY (or run \`openai-migrate migrate --provider ${t.provider.id} ${path.relative(cwd, f) || name}\`)`);
      }
    }
  }
  return out;
}

export interface ScanOptions extends CommonOptions {
  /** With a provider, findings also say what migrate would do for it. */
  provider?: string;
  region?: string;
  /** Keep only these discovered files (relative to cwd): `check --shard`. */
  select?: (rel: string) => boolean;
  /** Per parsed file after detection, with its text: `check` suppressions. */
  onContext?: (ctx: FileContext) => void;
}

export interface ScanResult extends RunResult {
  summary: Summary;
  target?: ResolvedTarget;
}

/** Inventory of OpenAI usage; writes nothing. */
export async function scan(o: ScanOptions): Promise<ScanResult> {
  const cwd = o.cwd ?? process.cwd();
  let target: ResolvedTarget | undefined;
  let models: ModelMap | undefined;
  if (o.provider) {
    const s = resolveSetup({ ...o, cwd });
    target = s.target;
    models = s.models;
  }
  const r = await run({
    cwd,
    paths: o.paths?.length ? o.paths : ['.'],
    include: o.include,
    exclude: o.exclude,
    handlers: o.handlers ?? HANDLERS,
    target,
    models,
    write: false,
    maxFileSize: o.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    onFile: o.onFile,
    onProgress: o.onProgress,
    select: o.select,
    onContext: o.onContext,
  });
  return { ...r, summary: summarize(r.files, r.scanned, r.candidates), target };
}
