import { parseAllDocuments } from 'yaml';
import type { FileContext, HandlerError, HandlerOptions, LanguageHandler } from '../../engine/types.js';
import { EditConflictError } from '../../engine/edits.js';
import { CONFIG_TRANSFORMS } from '../../../transforms/config/index.js';
import { CONFIG_PREFILTER } from './common.js';
import type { ConfigContext, ConfigFormat, ConfigKind } from './context.js';
import { detectConfig } from './detect.js';
import { JsonSyntaxError, parseJson, where, type JNode } from './json.js';
import { jsonSites, tomlSites, yamlSites, type ValueSite } from './sites.js';
import { scanToml } from './toml.js';

/** Files never touched: manifests and lock files, editor settings, TypeScript configs, Python project files (the Python handler's), this tool's config. */
const SKIP = /(^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|composer\.(json|lock)|[^/]*-lock\.(json|ya?ml)|[^/]*\.lock|[tj]sconfig[^/]*\.json|pyproject\.toml|Pipfile(\.lock)?|\.openai-migrate\.json|\.eslintrc[^/]*|renovate\.json)$|(^|\/)\.(vscode|idea|devcontainer)\//;

/**
 * Recorded data rather than configuration: run results, logs, snapshots, test data. Their model
 * ids say what was run and must not change (seen in gpt-researcher's `benchmark_results/*.json`).
 * JSONL batch inputs are handled by content, so they are not excluded here.
 */
const DATA = /(^|\/)(results?|outputs?|logs?|runs?|[\w-]*_results|evals?|eval_results|snapshots?|__snapshots__|recordings?|cassettes?|transcripts?|history)\/|\d{4}-\d{2}-\d{2}[_T-]\d{2}[-:]?\d{2}/i;

export function configFormat(rel: string): ConfigFormat | undefined {
  if (SKIP.test(rel)) return undefined;
  const m = /\.(jsonc?|jsonl|ya?ml|toml)$/i.exec(rel);
  if (!m) return undefined;
  const ext = m[1]!.toLowerCase();
  if (ext !== 'jsonl' && DATA.test(rel)) return undefined;
  return ext === 'jsonl' ? 'jsonl' : ext.startsWith('json') ? 'json' : ext === 'toml' ? 'toml' : 'yaml';
}

export function configKind(rel: string): ConfigKind {
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(rel)) return 'workflow';
  if (/(^|\/)(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(rel)) return 'compose';
  return 'other';
}

/** Parse a file into its string values; undefined with a reason when it does not parse. */
function load(text: string, format: ConfigFormat): { sites: ValueSite[]; extra: Partial<ConfigContext> } | { error: string } {
  if (format === 'json') {
    try {
      return { sites: jsonSites(parseJson(text)), extra: {} };
    } catch (e) {
      return { error: e instanceof JsonSyntaxError ? `${e.message} at ${where(text, e.offset)}` : (e as Error).message };
    }
  }
  if (format === 'jsonl') {
    const lines: Array<{ start: number; root: JNode }> = [];
    const sites: ValueSite[] = [];
    let pos = 0;
    for (const line of text.split('\n')) {
      if (line.trim()) {
        try {
          const root = parseJson(line);
          lines.push({ start: pos, root });
          sites.push(...jsonSites(root, pos));
        } catch (e) {
          return { error: `line ${lines.length + 1}: ${(e as Error).message}` };
        }
      }
      pos += line.length + 1;
    }
    return { sites, extra: { jsonl: lines } };
  }
  if (format === 'toml') {
    const scan = scanToml(text);
    return scan.error ? { error: scan.error } : { sites: tomlSites(scan), extra: {} };
  }
  const docs = parseAllDocuments(text, { keepSourceTokens: true });
  const list = Array.isArray(docs) ? docs : [];
  const err = list.flatMap((d) => d.errors)[0];
  if (err || !Array.isArray(docs)) return { error: err ? err.message.split('\n')[0]! : 'not YAML' };
  return { sites: yamlSites(text, list), extra: { docs: list } };
}

/**
 * Config files (JSON, JSONC, JSONL, YAML, TOML): OpenAI model ids, base URLs
 * and key variables in values; docker-compose `environment:` and GitHub
 * Actions `env:` blocks. Files that do not parse (templates, non-standard
 * syntax) are skipped untouched, not failed: they are often not config at all.
 */
export const configHandler: LanguageHandler = {
  id: 'config',
  matches: (rel) => configFormat(rel) !== undefined,
  prefilter: (text) => CONFIG_PREFILTER.test(text),
  longLinesOk: true,
  validate(text, rel) {
    const f = configFormat(rel);
    if (!f) return undefined;
    const r = load(text, f);
    return 'error' in r ? r.error : undefined;
  },
  async process(files: FileContext[], opts: HandlerOptions) {
    const errors = new Map<string, HandlerError>();
    for (const ctx of files) {
      try {
        const format = configFormat(ctx.file.rel)!;
        const r = load(ctx.file.text, format);
        if ('error' in r) continue;
        const cctx: ConfigContext = Object.assign(ctx, { format, kind: configKind(ctx.file.rel), sites: r.sites }, r.extra);
        detectConfig(cctx);
        if (!cctx.target) continue;
        for (const t of CONFIG_TRANSFORMS) {
          if (opts.only && !opts.only.includes(t.id)) continue;
          t.run(cctx);
        }
      } catch (e) {
        const id = e instanceof EditConflictError ? 'E_EDIT_CONFLICT' : 'E_INTERNAL';
        errors.set(ctx.file.abs, { id, message: `internal error in ${ctx.file.rel}: ${(e as Error).message}` });
      }
    }
    return errors;
  },
};
