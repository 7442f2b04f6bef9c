import type { InventoryReport } from '../check/index.js';
import { kindTable } from './text.js';
import { mdCode, mdText } from './migration-report.js';
import { printable } from './escape.js';
import { t } from '../i18n/index.js';
import { localizeMessage as lm } from '../i18n/messages.js';

/** Escape a table cell of catalogue text (the fix column): pipes and line breaks; its backtick code spans stay code. Text from the tree (file names, messages) goes through mdCode / mdText. */
const cell = (s: string) => printable(s.replace(/\r?\n/g, ' ')).replace(/\|/g, '\\|');

const ICON: Record<string, string> = { error: '🔴 error', warning: '🟡 warning', note: '🔵 note' };

/**
 * scan/check as a Markdown report (PR comments, GitHub step summaries): a
 * verdict line, a table by kind with how to fix each, and a table of
 * findings (capped at `limit` rows).
 */
export function renderMarkdown(r: InventoryReport, command: 'scan' | 'check', limit = 200): string {
  const out: string[] = [];
  const n = r.findings.length;
  const title = command === 'check'
    ? r.exitCode ? t('md.checkFailed', { n: r.failing.length, level: `\`${r.failOn}\`` }) : t('md.checkPassed', { flag: `\`--fail-on ${r.failOn}\`` })
    : t('md.scanTitle', { n });
  out.push(`## ${title}`, '');
  const s = r.result.summary;
  const notes = [t('md.scanned', { n: s.filesScanned }), t('md.parsed', { n: s.filesParsed })];
  if (r.result.target) notes.push(t('md.provider', { id: r.result.target.provider.id }));
  if (r.shard) notes.push(t('md.shard', { i: r.shard.index, n: r.shard.count }));
  if (r.suppressed) notes.push(t('md.suppressed', { n: r.suppressed }));
  if (r.baselined) notes.push(t('md.baselined', { n: r.baselined }));
  if (s.filesFailed) notes.push(t('md.parseFailed', { n: s.filesFailed }));
  out.push(notes.join(' · '), '');
  if (!n) return out.join('\n') + t('md.noUsage') + '\n';

  out.push(`| ${t('md.kind')} | ${t('md.count')} | ${t('md.level')} | ${t('md.howToFix')} |`, '| --- | ---: | --- | --- |');
  for (const row of kindTable(r.findings)) out.push(`| \`${row.kind}\` | ${row.count} | ${row.level} | ${cell(lm(row.fix))} |`);
  out.push('');

  const withProvider = r.findings.some((f) => f.provider);
  out.push(`| ${t('md.level')} | ${t('md.location')} | ${t('md.rule')} | ${t('md.message')} |${withProvider ? ` ${t('md.provider2')} | ${t('md.migrateWould')} |` : ''}`);
  out.push(`| --- | --- | --- | --- |${withProvider ? ' --- | --- |' : ''}`);
  for (const f of r.findings.slice(0, limit)) {
    const p = f.provider ? ` ${f.provider.supported ? '✅' : '⚠️'} ${f.provider.id} | ${mdText(lm(f.provider.migrate))} |` : withProvider ? ' | |' : '';
    out.push(`| ${ICON[f.level] ?? f.level} | ${mdCode(`${f.file}:${f.line}:${f.column}`)} | [\`${f.rule}\`](${f.help}) | ${mdText(lm(f.message))} |${p}`);
  }
  if (n > limit) out.push('', t('md.more', { n: n - limit }));
  return out.join('\n') + '\n';
}
