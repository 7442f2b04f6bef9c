import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './providers/index.js';
import { validateGlob, validateModelId } from './engine/values.js';

/** `.openai-migrate.json` (or `--config <file>`): defaults for flags. */
export interface Config {
  provider?: string;
  region?: string;
  /** OpenAI id -> provider id overrides. */
  models?: Record<string, string>;
  include?: string[];
  exclude?: string[];
}

const KEYS = new Set(['provider', 'region', 'models', 'include', 'exclude', '$schema']);
export const DEFAULT_CONFIG_FILE = '.openai-migrate.json';

export function loadConfig(cwd: string, file?: string): { config: Config; warnings: string[]; path?: string } {
  const p = file ? path.resolve(cwd, file) : path.join(cwd, DEFAULT_CONFIG_FILE);
  if (!existsSync(p)) {
    if (file) throw new UsageError('E_CONFIG_MISSING', `config file not found: ${file}`);
    return { config: {}, warnings: [] };
  }
  if (!statSync(p).isFile()) throw new UsageError('E_BAD_VALUE', `${file ? '--config' : DEFAULT_CONFIG_FILE}: ${JSON.stringify(file ?? p)} is not a regular file; use a JSON file such as .openai-migrate.json`);
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
  for (const k of Object.keys(obj)) if (!KEYS.has(k)) warnings.push(`${path.basename(p)}: unknown key "${k}" ignored (known: provider, region, models, include, exclude)`);
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
  const name = path.basename(p);
  for (const [from, to] of Object.entries((models ?? {}) as Record<string, string>)) {
    validateModelId(from, `${name} "models" key`);
    validateModelId(to, `${name} "models" value for ${JSON.stringify(from)}`);
  }
  const globs = [...(list('include') ?? []), ...(list('exclude') ?? [])];
  for (const g of globs) validateGlob(g, `${name} "include"/"exclude"`);
  return {
    config: { provider: str('provider'), region: str('region'), models: models as Record<string, string> | undefined, include: list('include'), exclude: list('exclude') },
    warnings,
    path: p,
  };
}
