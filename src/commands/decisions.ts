import type { MigrateResult } from '../api.js';
import type { FileResult } from '../engine/types.js';
import { t } from '../i18n/index.js';
import { localize } from '../i18n/messages.js';
import { printable as pr } from '../report/escape.js';

/**
 * `--verbose`: one block per file saying what was decided and why (skipped,
 * failed, unchanged, or changed with each change's transform and line), on
 * stderr so stdout stays the diff or JSON.
 */
export function renderDecisions(r: MigrateResult): string {
  const out = [t('verbose.title')];
  for (const f of r.files) out.push(...fileDecision(f));
  return out.join('\n') + '\n';
}

function fileDecision(f: FileResult): string[] {
  const lines = decision(f);
  if (f.via) lines.splice(1, 0, `    ${t('verbose.via', { chain: f.via.join(' -> ') })}`);
  return lines;
}

function decision(f: FileResult): string[] {
  switch (f.status) {
    case 'skipped':
      return [`  ${pr(f.file)}: ${t('verbose.skipped', { reason: pr(localize(f.reason ?? '', f.reasonMsg)) })}${f.errorId ? ` [${f.errorId}]` : ''}`];
    case 'failed':
      return [`  ${pr(f.file)}: ${t('verbose.failed', { reason: pr(localize(f.reason ?? '', f.reasonMsg)) })} [${f.errorId ?? 'E_INTERNAL'}]`];
    case 'unchanged':
      // No findings: the prefilter or the detectors found no OpenAI usage; findings: usage with nothing to rewrite.
      return [`  ${pr(f.file)}: ${f.findings.length ? t('verbose.unchangedFindings', { n: f.findings.length }) : t('verbose.unchanged')}${followUps(f)}`];
    case 'changed':
      return [
        `  ${pr(f.file)}: ${t(f.written ? 'verbose.written' : 'verbose.wouldChange', { n: f.changes.length })}${followUps(f)}`,
        ...[...f.changes].sort((a, b) => a.line - b.line || a.column - b.column).map((c) => `    ${c.line}:${c.column}  [${c.transform}] ${pr(localize(c.message, c.msg))}`),
      ];
  }
}

const followUps = (f: FileResult) => (f.followUps.length ? `; ${t('verbose.followUps', { n: f.followUps.length })}` : '');

/** `--quiet`: only the errors, on stderr (failed files with the reason). */
export function renderErrorsOnly(r: MigrateResult): string {
  const failed = r.files.filter((f) => f.status === 'failed');
  return failed.map((f) => `${pr(f.file)}: [${f.errorId ?? 'E_INTERNAL'}] ${pr(localize(f.reason ?? '', f.reasonMsg))}\n`).join('');
}
