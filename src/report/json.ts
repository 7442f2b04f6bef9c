import { maskSecrets } from './text.js';
import type { MigrateResult } from '../api.js';
import type { InventoryReport } from '../check/index.js';
import { allFollowUps } from './summary.js';
import { schemaUrl } from './schema-url.js';
import type { Change, FollowUp } from '../engine/types.js';
import type { ProviderAssessment } from '../check/assess.js';

/** A change as JSON: the message id next to the English text (parameters stay internal). */
const changeJson = ({ msg, ...c }: Change) => ({ ...c, messageId: msg?.id });
/** A provider assessment as JSON: `migrateId` next to the English `migrate`. */
export const providerJson = (a: ProviderAssessment | undefined) => (a ? { id: a.id, supported: a.supported, migrate: a.migrate, migrateId: a.migrateMsg?.id } : undefined);
/** A follow-up as JSON: `reasonId` / `actionId` next to the English text. */
export const followUpJson = <T extends FollowUp>({ reasonMsg, actionMsg, ...u }: T) => ({ ...u, reasonId: reasonMsg?.id, actionId: actionMsg?.id });

/** Versioned JSON for migrate. */
export function migrateJson(r: MigrateResult): object {
  return {
    $schema: schemaUrl('migrate'),
    version: 1,
    provider: r.target.provider.id,
    region: r.target.region,
    baseURL: r.target.baseURL,
    apiKeyEnv: r.target.apiKeyEnv,
    dryRun: r.dryRun,
    summary: r.summary,
    files: r.files
      .filter((f) => f.status !== 'unchanged' || f.followUps.length)
      .map((f) => ({
        file: f.file,
        status: f.status,
        reason: f.reason,
        errorId: f.errorId,
        changes: f.changes.map(changeJson),
        followUps: f.followUps.map(followUpJson),
        diff: f.diff === undefined ? undefined : maskSecrets(f.diff),
      })),
    followUps: allFollowUps(r.files).map(followUpJson),
    warnings: r.warnings,
  };
}

/**
 * Versioned JSON for scan and check: `{ version, summary, findings, failures }`.
 * Paths are relative to the repository root with forward slashes; each finding carries its
 * location, rule, kind, level, message, fix, help link and fingerprint (and,
 * with --provider, what that provider can take and what migrate would do).
 */
export function findingsJson(r: InventoryReport): object {
  const byRule: Record<string, number> = {};
  for (const f of r.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const s = r.result.summary;
  return {
    $schema: schemaUrl('findings', r.tool.version),
    version: 1,
    summary: {
      filesScanned: s.filesScanned,
      filesParsed: s.filesParsed,
      filesFailed: s.filesFailed,
      findings: r.findings.length,
      errors: r.findings.filter((f) => f.level === 'error').length,
      warnings: r.findings.filter((f) => f.level === 'warning').length,
      notes: r.findings.filter((f) => f.level === 'note').length,
      byRule,
      provider: r.result.target?.provider.id,
      suppressed: r.suppressed,
      baselined: r.baselined,
      baselineStale: r.baselineStale,
      shard: r.shard ? `${r.shard.index}/${r.shard.count}` : undefined,
      failOn: r.failOn,
      failing: r.failing.length,
      disabled: r.disabled,
      changed: r.changed ? (r.changed.staged ? 'staged' : `since ${r.changed.since}`) : undefined,
      changedFiles: r.changed?.files,
      passed: r.exitCode === 0,
    },
    findings: r.findings.map(({ snippet: _s, msg, cell, file, line, column, endLine, endColumn, rule, kind, level, message, ...rest }) => ({
      file,
      line,
      column,
      endLine,
      endColumn,
      cell,
      rule,
      kind,
      level,
      message,
      messageId: msg?.id,
      ...rest,
      provider: providerJson(rest.provider),
    })),
    failures: r.result.files.filter((f) => f.status === 'failed').map((f) => ({ file: f.file, errorId: f.errorId, reason: f.reason })),
  };
}
