import type { MigrateResult, ScanResult } from '../api.js';
import { flatFindings } from './text.js';
import { allFollowUps } from './summary.js';

/** Versioned JSON for migrate. */
export function migrateJson(r: MigrateResult): object {
  return {
    version: 1,
    provider: r.target.provider.id,
    region: r.target.region,
    baseURL: r.target.baseURL,
    apiKeyEnv: r.target.apiKeyEnv,
    dryRun: r.dryRun,
    summary: r.summary,
    files: r.files
      .filter((f) => f.status !== 'unchanged' || f.followUps.length)
      .map((f) => ({ file: f.file, status: f.status, reason: f.reason, errorId: f.errorId, changes: f.changes, followUps: f.followUps, diff: f.diff })),
    followUps: allFollowUps(r.files),
    warnings: r.warnings,
  };
}

/** Versioned JSON for scan and check: `{ version, summary, findings }`. */
export function findingsJson(r: ScanResult, findings = flatFindings(r.files)): object {
  const byRule: Record<string, number> = {};
  for (const f of findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  return {
    version: 1,
    summary: {
      filesScanned: r.summary.filesScanned,
      filesParsed: r.summary.filesParsed,
      filesFailed: r.summary.filesFailed,
      findings: findings.length,
      errors: findings.filter((f) => f.level === 'error').length,
      warnings: findings.filter((f) => f.level === 'warning').length,
      byRule,
      provider: r.target?.provider.id,
    },
    findings: findings.map(({ snippet: _s, ...f }) => f),
    failures: r.files.filter((f) => f.status === 'failed').map((f) => ({ file: f.file, errorId: f.errorId, reason: f.reason })),
  };
}
