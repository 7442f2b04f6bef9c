import { createHash } from 'node:crypto';
import type { InventoryReport } from '../check/index.js';
import type { Level } from '../engine/types.js';
import { ruleOf } from '../rules/catalogue.js';
import { alertable, failedFiles, sentence } from './verdict.js';

/**
 * `--format codeclimate`: the GitLab Code Quality report (a JSON array of
 * Code Climate issues), shown in merge requests when a job declares it as
 * `artifacts: reports: codequality`. GitLab reads `description`, `check_name`,
 * `fingerprint` (unique per issue; the content fingerprint of the finding, so
 * an issue keeps its identity when code moves), `severity` and
 * `location.path` / `location.lines.begin`. Paths are relative to the
 * repository root. Files that could not be read or parsed are issues too;
 * `note`s only with --include-notes.
 */
export type CodeClimateSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITY: Record<Level, CodeClimateSeverity> = { error: 'major', warning: 'minor', note: 'info' };

export interface CodeClimateIssue {
  type: 'issue';
  check_name: string;
  description: string;
  content?: { body: string };
  categories: string[];
  fingerprint: string;
  severity: CodeClimateSeverity;
  location: { path: string; lines: { begin: number; end?: number } };
}

export function renderCodeClimate(r: InventoryReport): CodeClimateIssue[] {
  const out: CodeClimateIssue[] = [];
  for (const x of failedFiles(r)) {
    out.push({
      type: 'issue',
      check_name: `openai-migrate/${x.errorId ?? 'failed'}`,
      description: sentence(`${x.file.endsWith('/') ? 'Folder' : 'File'} not checked: ${x.reason ?? 'failed'}`),
      categories: ['Bug Risk'],
      fingerprint: createHash('sha256').update(`${x.errorId}\u0000${x.file}`).digest('hex').slice(0, 32),
      severity: 'critical',
      location: { path: x.file, lines: { begin: 1 } },
    });
  }
  for (const f of alertable(r)) {
    out.push({
      type: 'issue',
      check_name: `openai-migrate/${f.rule}`,
      description: `${sentence(f.message)} Fix: ${sentence(f.fix)}`,
      content: { body: `${ruleOf(f.rule)?.title ?? f.rule}. How to fix: ${sentence(f.fix)} See ${f.help}` },
      categories: ['Compatibility'],
      fingerprint: f.fingerprint,
      severity: SEVERITY[f.level],
      location: { path: f.file, lines: { begin: f.line, end: f.endLine } },
    });
  }
  return out;
}
