import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import type { Level } from './engine/types.js';
import { RULES } from './rules/catalogue.js';
import { validateGlob, validateModelId } from './engine/values.js';

/** A rule's level in the config (`"rules": { "openai-api-call": "off" }`). */
export type RuleSetting = Level | 'off';

/** `.openai-migrate.json` (or `--config <file>`): defaults for flags. */
export interface Config {
  provider?: string;
  region?: string;
  /** OpenAI id -> provider id overrides. */
  models?: Record<string, string>;
  include?: string[];
  exclude?: string[];
  /** Rule id -> level (or `off`) for scan and check. */
  rules?: Record<string, RuleSetting>;
  /** Capability routes (`["embeddings=qwen:text-embedding-v4"]` or `{ "embeddings": "qwen:text-embedding-v4" }`): src/routing. */
  routes?: string[];
}

const KEYS = new Set(['provider', 'region', 'models', 'include', 'exclude', 'rules', 'routes', '$schema']);
export const DEFAULT_CONFIG_FILE = '.openai-migrate.json';
const SETTINGS = new Set<string>(['off', 'error', 'warning', 'note']);

/** The git repository root above `dir` (the folder holding `.git`, a folder or a worktree's file), or undefined. */
export function gitRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; ) {
    if (existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * The config file for a run in `cwd`: `--config <file>` when given, else the
 * nearest `.openai-migrate.json` from `cwd` upward to the repository root (the
 * filesystem root outside git).
 */
export function findConfig(cwd: string, file?: string): string | undefined {
  if (file) return path.resolve(cwd, file);
  const stop = gitRoot(cwd);
  for (let d = path.resolve(cwd); ; ) {
    const p = path.join(d, DEFAULT_CONFIG_FILE);
    if (existsSync(p)) return p;
    const up = path.dirname(d);
    if (d === stop || up === d) return undefined;
    d = up;
  }
}

/**
 * The folder every reported path is relative to: the git top-level, or outside
 * git the config file's folder, or else `cwd`. The same findings get the same
 * paths (and fingerprints) from the root and from a package folder.
 */
export function projectRoot(cwd: string, configFile?: string): string {
  const git = gitRoot(cwd);
  if (git) return git;
  const cfg = findConfig(cwd, configFile);
  return cfg && existsSync(cfg) ? path.dirname(cfg) : path.resolve(cwd);
}

export function loadConfig(cwd: string, file?: string): { config: Config; warnings: string[]; path?: string } {
  const p = findConfig(cwd, file);
  if (!p || !existsSync(p)) {
    if (file) throw new UsageError('E_CONFIG_MISSING', `config file not found: ${file}`);
    return { config: {}, warnings: [] };
  }
  if (!statSync(p).isFile())
    throw new UsageError('E_BAD_VALUE', `${file ? '--config' : DEFAULT_CONFIG_FILE}: ${JSON.stringify(file ?? p)} is not a regular file; use a JSON file such as .openai-migrate.json`);
  const text = readFileSync(p, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    let where = '';
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      where = `:${before.split('\n').length}:${pos - before.lastIndexOf('\n')}`;
    }
    throw new UsageError('E_CONFIG_INVALID', `invalid JSON in ${path.relative(cwd, p) || p}${where}: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError('E_CONFIG_INVALID', `${p}: expected a JSON object`);
  const warnings: string[] = [];
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!KEYS.has(k)) warnings.push(`${path.basename(p)}: unknown key "${k}" ignored (known: provider, region, models, include, exclude, rules, routes)`);
  const str = (k: string) => {
    const v = obj[k];
    if (v !== undefined && typeof v !== 'string') throw new UsageError('E_CONFIG_INVALID', `${path.basename(p)}: "${k}" must be a string`);
    return v as string | undefined;
  };
  const list = (k: string) => {
    const v = obj[k];
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) throw new UsageError('E_CONFIG_INVALID', `${path.basename(p)}: "${k}" must be a list of strings`);
    return v as string[] | undefined;
  };
  const models = obj.models;
  if (models !== undefined && (typeof models !== 'object' || Array.isArray(models) || Object.values(models as object).some((v) => typeof v !== 'string'))) {
    throw new UsageError('E_CONFIG_INVALID', `${path.basename(p)}: "models" must map OpenAI ids to provider ids`);
  }
  const rules = obj.rules;
  if (rules !== undefined && (typeof rules !== 'object' || rules === null || Array.isArray(rules) || Object.values(rules).some((v) => typeof v !== 'string' || !SETTINGS.has(v)))) {
    throw new UsageError('E_CONFIG_INVALID', `${path.basename(p)}: "rules" must map rule ids to "off", "error", "warning" or "note"`);
  }
  for (const id of Object.keys((rules as object | undefined) ?? {})) {
    if (!(id in RULES)) warnings.push(`${path.basename(p)}: unknown rule "${id}" in "rules" (known: ${Object.keys(RULES).join(', ')})`);
  }
  const name = path.basename(p);
  const rawRoutes = obj.routes;
  let routes: string[] | undefined;
  if (rawRoutes !== undefined) {
    if (Array.isArray(rawRoutes) && rawRoutes.every((x) => typeof x === 'string')) routes = rawRoutes as string[];
    else if (rawRoutes && typeof rawRoutes === 'object' && !Array.isArray(rawRoutes) && Object.values(rawRoutes).every((v) => typeof v === 'string'))
      routes = Object.entries(rawRoutes as Record<string, string>).map(([k, v]) => `${k}=${v}`);
    else throw new UsageError('E_CONFIG_INVALID', `${name}: "routes" must be a list of "<capability>=<provider>[:<model>]" strings or map capabilities to "<provider>[:<model>]"`);
  }
  for (const [from, to] of Object.entries((models ?? {}) as Record<string, string>)) {
    validateModelId(from, `${name} "models" key`);
    validateModelId(to, `${name} "models" value for ${JSON.stringify(from)}`);
  }
  const globs = [...(list('include') ?? []), ...(list('exclude') ?? [])];
  for (const g of globs) validateGlob(g, `${name} "include"/"exclude"`);
  return {
    config: {
      provider: str('provider'),
      region: str('region'),
      models: models as Record<string, string> | undefined,
      include: list('include'),
      exclude: list('exclude'),
      rules: rules as Record<string, RuleSetting> | undefined,
      routes,
    },
    warnings,
    path: p,
  };
}
