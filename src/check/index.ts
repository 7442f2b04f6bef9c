import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan, resolveSetup, type ScanOptions, type ScanResult } from '../api.js';
import { UsageError } from '../providers/index.js';
import type { Finding, Level } from '../engine/types.js';
import type { ModelMap } from '../models/map.js';
import { ruleFix, ruleHelp, ruleOf } from '../rules/catalogue.js';
import { assess, type ProviderAssessment } from './assess.js';
import { applyBaseline, readBaseline, writeBaseline } from './baseline.js';
import { fingerprintAll } from './fingerprint.js';
import { parseShard, shardSelector, type Shard } from './shard.js';
import { applySuppressions } from './suppress.js';

export type FailOn = 'error' | 'warning' | 'never';

/** A finding as every report format sees it. */
export interface ReportFinding extends Finding {
  /** Relative to cwd, forward slashes. */
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
  const shard = o.shard ? parseShard(o.shard) : undefined;
  // A folder (or a FIFO, a device) is no baseline: refuse it before the run, not with an internal error after it.
  for (const [flag, f] of [['--write-baseline', o.writeBaseline], ['--baseline', o.baseline]] as const) {
    if (!f) continue;
    let st;
    try {
      st = statSync(path.resolve(cwd, f));
    } catch {
      continue;
    }
    if (!st.isFile()) throw new UsageError('E_BAD_VALUE', `${flag}: ${JSON.stringify(f)} is not a regular file; use a file name such as openai-migrate-baseline.json`);
  }
  const failOn = o.failOn ?? 'error';
  let suppressed = 0;
  // The baseline files themselves list findings (model ids, messages): never scan them.
  const own = new Set([o.baseline, o.writeBaseline].filter((x): x is string => !!x).map((f) => path.relative(cwd, path.resolve(cwd, f)).split(path.sep).join('/')));
  const inShard = shard ? shardSelector(cwd, shard) : o.select;
  const result = await scan({
    ...o,
    cwd,
    select: (rel) => !own.has(rel) && (inShard ? inShard(rel) : true),
    onContext: (ctx) => {
      o.onContext?.(ctx);
      if (o.suppressions === false) return;
      const s = applySuppressions(ctx.findings, ctx.lines);
      suppressed += s.suppressed.length;
      ctx.findings.splice(0, ctx.findings.length, ...s.kept, ...s.unused);
    },
  });
  const models: ModelMap | undefined = result.target ? resolveSetup({ ...o, cwd, provider: result.target.provider.id, region: result.target.region }).models : undefined;

  let findings: ReportFinding[] = [];
  for (const file of result.files) {
    for (const f of file.findings) {
      const rule = ruleOf(f.rule);
      findings.push({
        ...f,
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
    if (!shard) baselineStale = b.stale;
  }

  const failing = findings.filter((f) => fails(f.level, failOn));
  const filesFailed = result.files.some((f) => f.status === 'failed') && failOn !== 'never';
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
    exitCode: failing.length || filesFailed ? 1 : 0,
  };
}

let version: string | undefined;

/** The package version (package.json above this module, in src/ and in dist/src/ alike). */
export function toolVersion(): string {
  if (version) return version;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'openai-migrate' && pkg.version) return (version = pkg.version);
    } catch {
      // no package.json here: keep climbing
    }
  }
  return (version = '0.0.0');
}
