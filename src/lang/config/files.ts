import type { ConfigFormat, ConfigKind } from './context.js';

/** Files never touched: manifests and lock files, editor settings, TypeScript configs, Python project files (the Python handler's), this tool's config. */
const SKIP =
  /(^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|composer\.(json|lock)|[^/]*-lock\.(json|ya?ml)|[^/]*\.lock|[tj]sconfig[^/]*\.json|pyproject\.toml|Pipfile(\.lock)?|\.openai-migrate\.json|\.eslintrc[^/]*|renovate\.json)$|(^|\/)\.(vscode|idea|devcontainer)\//;

/**
 * Recorded data rather than configuration: run results, logs, snapshots, test data. Their model
 * ids say what was run and must not change (seen in gpt-researcher's `benchmark_results/*.json`).
 * JSONL batch inputs are handled by content, so they are not excluded here.
 */
const DATA = /(^|\/)(results?|outputs?|logs?|runs?|[\w-]*_results|evals?|eval_results|snapshots?|__snapshots__|recordings?|cassettes?|transcripts?|history)\/|\d{4}-\d{2}-\d{2}[_T-]\d{2}[-:]?\d{2}/i;

export function configFormat(rel: string): ConfigFormat | undefined {
  if (SKIP.test(rel)) return undefined;
  const m = /\.(jsonc?|jsonl|ya?ml|toml|ini|cfg)$/i.exec(rel);
  if (!m) return undefined;
  const ext = m[1]!.toLowerCase();
  if (ext !== 'jsonl' && DATA.test(rel)) return undefined;
  return ext === 'jsonl' ? 'jsonl' : ext.startsWith('json') ? 'json' : ext === 'toml' ? 'toml' : ext === 'ini' || ext === 'cfg' ? 'ini' : 'yaml';
}

export function configKind(rel: string): ConfigKind {
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(rel)) return 'workflow';
  if (/(^|\/)(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(rel)) return 'compose';
  return 'other';
}
