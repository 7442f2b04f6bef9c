import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { scan, resolveSetup, type ScanOptions, type ScanResult } from '../api.js';
import { UsageError } from '../errors.js';
import type { Finding, Level } from '../engine/types.js';
import type { ModelMap } from '../models/map.js';
import { ruleFix, ruleHelp } from '../rules/catalogue.js';
import { summarize } from '../report/summary.js';
import { toolVersion } from '../version.js';
import { assess, type ProviderAssessment } from './assess.js';
import { applyBaseline, readBaseline, writeBaseline } from './baseline.js';
import { fingerprintAll } from './fingerprint.js';
import { parseShard, shardSelector, type Shard } from './shard.js';
import { applySuppressions } from './suppress.js';
import { findConfig, loadConfig, projectRoot, type RuleSetting } from '../config.js';
import { changedFiles, type ChangedSpec } from './changed.js';

export type FailOn = 'error' | 'warning' | 'never';

/** A finding as every report format sees it. */
export interface ReportFinding extends Finding {
  /** Relative to the repository root (`InventoryReport.root`), forward slashes. */
  file: string;
  fingerprint: string;
  /** How to fix it (from the rule catalogue). */
  fix: string;
  help: string;
  provider?: ProviderAssessment;
}

export interface InventoryOptions extends ScanOptions {
  failOn?: FailOn;
  /** Fail only on findings not in this baseline file. */
  baseline?: string;
  /** Record today's findings in this file. */
  writeBaseline?: string;
  /** `i/n`. */
  shard?: string;
  /** Honour openai-migrate-ignore comments (default true). */
  suppressions?: boolean;
  /** Report only files changed since this git ref (merge base with HEAD, plus uncommitted and untracked files). */
  changedSince?: string;
  /** Report only files staged in the git index (pre-commit hooks). */
  staged?: boolean;
  /** Keep `note` results in SARIF, annotations and Code Quality reports. */
  includeNotes?: boolean;
}

export interface InventoryReport {
  tool: { name: string; version: string };
  result: ScanResult;
  /** Findings to report: after suppressions and the baseline. */
  findings: ReportFinding[];
  suppressed: number;
  baselined: number;
  /** Baseline entries that matched nothing (fixed since). Unknown when sharded. */
  baselineStale?: number;
  baselineWritten?: { file: string; count: number };
  failOn: FailOn;
  /** Findings at or above `failOn`. */
  failing: ReportFinding[];
  shard?: Shard;
  /** The folder every path is relative to: the git top-level, or the config file's folder outside git. */
  root: string;
  /** Changed-files mode: what was compared and how many files it selected. */
  changed?: ChangedSpec & { files: number };
  /** Findings dropped by `"rules": { "<id>": "off" }` in the config. */
  disabled: number;
  /** Keep `note` results in SARIF, annotations and Code Quality reports. */
  includeNotes: boolean;
  /** Files that could not be read or parsed (they fail the check unless --fail-on never). */
  filesFailed: number;
  /** 0: pass, 1: findings at or above failOn remain, or files could not be read/parsed. */
  exitCode: 0 | 1;
}

const RANK: Record<Level, number> = { error: 3, warning: 2, note: 1 };

/** Does a finding of this level fail `check --fail-on <failOn>`? */
export function fails(level: Level, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return RANK[level] >= RANK[failOn];
}

/**
 * The shared core of `scan` and `check`: run the detectors (one parse per
 * file), drop suppressed findings and report unused suppressions, fingerprint,
 * assess each finding for `--provider`, apply or write the baseline, and
 * decide the exit code. Writes nothing but the baseline file.
 */
export async function inventory(o: InventoryOptions): Promise<InventoryReport> {
  const cwd = o.cwd ?? process.cwd();
  const root = projectRoot(cwd, o.config);
  const shard = o.shard ? parseShard(o.shard) : undefined;
  // A folder (or a FIFO, a device) is no baseline: refuse it before the run, not with an internal error after it.
  for (const [flag, f] of [
    ['--write-baseline', o.writeBaseline],
    ['--baseline', o.baseline],
  ] as const) {
    if (!f) continue;
    let st: Stats;
    try {
      st = statSync(path.resolve(cwd, f));
    } catch {
      continue;
    }
    if (!st.isFile()) throw new UsageError('E_BAD_VALUE', `${flag}: ${JSON.stringify(f)} is not a regular file; use a file name such as openai-migrate-baseline.json`);
  }
  const failOn = o.failOn ?? 'error';
  const { config } = loadConfig(cwd, o.config);
  const levels: Record<string, RuleSetting> = config.rules ?? {};
  let suppressed = 0;
  // The baseline files and the config file list model ids on purpose: never scan them
  // (files the tool wrote are also recognised by content, see src/engine/own-output.ts).
  const toRoot = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  const own = new Set([o.baseline, o.writeBaseline].filter((x): x is string => !!x).map((f) => toRoot(path.resolve(cwd, f))));
  const configFile = findConfig(cwd, o.config);
  if (configFile) own.add(toRoot(configFile));
  const inShard = shard ? shardSelector(root, shard) : o.select;
  const spec: ChangedSpec | undefined = o.staged ? { staged: true } : o.changedSince ? { since: o.changedSince } : undefined;
  if (spec && o.writeBaseline) {
    // A baseline of a few files would make every other finding new on the next full run.
    throw new UsageError('E_CHANGED_BASELINE', `--write-baseline records the whole project: drop ${spec.staged ? '--staged' : '--changed-since'} to write it`);
  }
  const changed = spec ? await changedFiles(cwd, spec, root) : undefined;
  const result = await scan({
    ...o,
    cwd,
    base: root,
    focus: changed ? (abs) => changed.files.has(abs) : undefined,
    select: (rel) => !own.has(rel) && (inShard ? inShard(rel) : true),
    onContext: (ctx) => {
      o.onContext?.(ctx);
      if (o.suppressions === false) return;
      const s = applySuppressions(ctx.findings, ctx.lines);
      // Changed-files mode: files read only for their imports are not reported, nor counted.
      if (!changed || changed.files.has(ctx.file.abs)) suppressed += s.suppressed.length;
      ctx.findings.splice(0, ctx.findings.length, ...s.kept, ...s.unused);
    },
  });
  const models: ModelMap | undefined = result.target ? resolveSetup({ ...o, cwd, provider: result.target.provider.id, region: result.target.region }).models : undefined;

  // Changed-files mode: files read only because a changed file imports them report nothing.
  if (changed) {
    result.files = result.files.filter((f) => f.file.endsWith('/') || changed.files.has(path.resolve(root, f.file)));
    result.summary = summarize(result.files, result.scanned, result.candidates);
  }
  let disabled = 0;
  let findings: ReportFinding[] = [];
  for (const file of result.files) {
    for (const f of file.findings) {
      const setting = levels[f.rule];
      if (setting === 'off') {
        disabled++;
        continue;
      }
      findings.push({
        ...f,
        level: setting ?? f.level,
        kind: f.kind || f.rule,
        file: file.file,
        fingerprint: '',
        fix: ruleFix(f.rule, result.target?.provider.id),
        help: ruleHelp(f.rule),
        provider: result.target && models ? assess(f, result.target, models, file.changes, file.followUps) : undefined,
      });
    }
  }
  fingerprintAll(findings);
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));

  let baselined = 0;
  let baselineStale: number | undefined;
  let baselineWritten: InventoryReport['baselineWritten'];
  if (o.writeBaseline) {
    const count = await writeBaseline(path.resolve(cwd, o.writeBaseline), findings);
    baselineWritten = { file: o.writeBaseline, count };
  }
  const baselineFile = o.baseline ?? o.writeBaseline;
  if (baselineFile) {
    const b = applyBaseline(findings, readBaseline(path.resolve(cwd, baselineFile)));
    findings = b.fresh;
    baselined = b.baselined.length;
    // Sharded or changed-files runs see part of the project: entries for the rest are not stale.
    if (!shard && !changed) baselineStale = b.stale;
  }

  const failing = findings.filter((f) => fails(f.level, failOn));
  const filesFailed = result.files.filter((f) => f.status === 'failed').length;
  return {
    tool: { name: 'openai-migrate', version: toolVersion() },
    result,
    findings,
    suppressed,
    baselined,
    baselineStale,
    baselineWritten,
    failOn,
    failing,
    shard,
    root,
    changed: changed ? { ...spec!, files: changed.files.size } : undefined,
    disabled,
    includeNotes: !!o.includeNotes,
    filesFailed,
    exitCode: failing.length || (filesFailed && failOn !== 'never') ? 1 : 0,
  };
}

export { toolVersion } from '../version.js';
