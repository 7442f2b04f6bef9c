import type { InventoryReport } from '../check/index.js';
import { kindTable } from './text.js';
import { mdCode, mdText } from './migration-report.js';
import { printable } from './escape.js';
import { t } from '../i18n/index.js';
import { localize, localizeMessage as lm } from '../i18n/messages.js';
import { fails } from '../check/index.js';
import { failedFiles, localSentence } from './verdict.js';

/** Escape a table cell of catalogue text (the fix column): pipes and line breaks; its backtick code spans stay code. Text from the tree (file names, messages) goes through mdCode / mdText. */
const cell = (s: string) => printable(s.replace(/\r?\n/g, ' ')).replace(/\|/g, '\\|');

const ICON: Record<string, string> = { error: '🔴 error', warning: '🟡 warning', note: '🔵 note' };

/**
 * scan/check as a Markdown report (PR comments, GitHub step summaries): a
 * verdict line, a table by kind with how to fix each, the files that could
 * not be read or parsed, and a table of findings (capped at `limit` rows,
 * those that fail the check first). `howTo` adds how to migrate (job summaries).
 */
export function renderMarkdown(r: InventoryReport, command: 'scan' | 'check', opts: { limit?: number; howTo?: boolean } | number = {}): string {
  const { limit = 200, howTo = false } = typeof opts === 'number' ? { limit: opts } : opts;
  const out: string[] = [];
  const n = r.findings.length;
  const level = `\`${r.failOn}\``;
  const title =
    command === 'check'
      ? r.exitCode
        ? r.filesFailed
          ? t('md.checkFailedFiles', { files: r.filesFailed, n: r.failing.length, level })
          : t('md.checkFailed', { n: r.failing.length, level })
        : t('md.checkPassed', { flag: `\`--fail-on ${r.failOn}\`` })
      : t('md.scanTitle', { n });
  out.push(`## ${title}`, '');
  const s = r.result.summary;
  const notes = [t('md.scanned', { n: s.filesScanned }), t('md.parsed', { n: s.filesParsed })];
  if (r.result.target) notes.push(t('md.provider', { id: r.result.target.provider.id }));
  if (r.shard) notes.push(t('md.shard', { i: r.shard.index, n: r.shard.count }));
  if (r.suppressed) notes.push(t('md.suppressed', { n: r.suppressed }));
  if (r.baselined) notes.push(t('md.baselined', { n: r.baselined }));
  if (r.disabled) notes.push(t('md.disabled', { n: r.disabled }));
  if (r.changed) notes.push(t('md.changed', { n: r.changed.files, what: r.changed.staged ? '--staged' : `--changed-since ${r.changed.since}` }));
  if (r.filesFailed) notes.push(t('md.parseFailed', { n: r.filesFailed }));
  out.push(notes.join(' · '), '');
  const failed = failedFiles(r);
  if (failed.length) {
    out.push(t('md.failedFiles'), '');
    for (const x of failed.slice(0, limit)) out.push(`- ${mdCode(x.file)} [${x.errorId}]: ${mdText(localSentence(localize(x.reason ?? '', x.reasonMsg)))}`);
    out.push('');
  }
  if (!n) return out.join('\n') + t('md.noUsage') + '\n';

  out.push(`| ${t('md.kind')} | ${t('md.count')} | ${t('md.level')} | ${t('md.howToFix')} |`, '| --- | ---: | --- | --- |');
  for (const row of kindTable(r.findings)) out.push(`| \`${row.kind}\` | ${row.count} | ${row.level} | ${cell(lm(row.fix))} |`);
  out.push('');

  const withProvider = r.findings.some((f) => f.provider);
  if (howTo) out.push(`### ${t('md.topFindings')}`, '');
  out.push(`| ${t('md.level')} | ${t('md.location')} | ${t('md.rule')} | ${t('md.message')} |${withProvider ? ` ${t('md.provider2')} | ${t('md.migrateWould')} |` : ''}`);
  out.push(`| --- | --- | --- | --- |${withProvider ? ' --- | --- |' : ''}`);
  // Failing findings first (stable: file order within each group), so a capped table shows what blocks the build.
  const shown = [...r.findings].sort((a, b) => Number(fails(b.level, r.failOn)) - Number(fails(a.level, r.failOn))).slice(0, limit);
  for (const f of shown) {
    const p = f.provider ? ` ${f.provider.supported ? '✅' : '⚠️'} ${f.provider.id} | ${mdText(localize(f.provider.migrate, f.provider.migrateMsg))} |` : withProvider ? ' | |' : '';
    out.push(`| ${ICON[f.level] ?? f.level} | ${mdCode(`${f.file}:${f.line}:${f.column}`)} | [\`${f.rule}\`](${f.help}) | ${mdText(localSentence(localize(f.message, f.msg)))} |${p}`);
  }
  if (n > limit) out.push('', t('md.more', { n: n - limit }));
  if (howTo) {
    const cmd = `npx openai-migrate migrate --provider ${r.result.target?.provider.id ?? '<id>'}`;
    out.push('', `### ${t('md.howToMigrate')}`, '', t('md.howToMigrateText', { cmd }));
  }
  return out.join('\n') + '\n';
}
