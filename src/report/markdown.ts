import type { InventoryReport } from '../check/index.js';
import { kindTable } from './text.js';

/** Escape a table cell: pipes and newlines (backtick code spans in messages are kept as code). */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

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
    ? r.exitCode ? `❌ openai-migrate check failed: ${r.failing.length} finding(s) at or above \`${r.failOn}\`` : `✅ openai-migrate check passed (\`--fail-on ${r.failOn}\`)`
    : `openai-migrate scan: ${n} finding(s)`;
  out.push(`## ${title}`, '');
  const s = r.result.summary;
  const notes = [`${s.filesScanned} file(s) scanned`, `${s.filesParsed} parsed`];
  if (r.result.target) notes.push(`provider: ${r.result.target.provider.id}`);
  if (r.shard) notes.push(`shard ${r.shard.index}/${r.shard.count}`);
  if (r.suppressed) notes.push(`${r.suppressed} suppressed`);
  if (r.baselined) notes.push(`${r.baselined} baselined`);
  if (s.filesFailed) notes.push(`${s.filesFailed} file(s) failed to parse`);
  out.push(notes.join(' · '), '');
  if (!n) return out.join('\n') + 'No OpenAI usage found.\n';

  out.push('| Kind | Count | Level | How to fix |', '| --- | ---: | --- | --- |');
  for (const row of kindTable(r.findings)) out.push(`| \`${row.kind}\` | ${row.count} | ${row.level} | ${cell(row.fix)} |`);
  out.push('');

  const withProvider = r.findings.some((f) => f.provider);
  out.push(`| Level | Location | Rule | Message |${withProvider ? ' Provider | Migrate would |' : ''}`);
  out.push(`| --- | --- | --- | --- |${withProvider ? ' --- | --- |' : ''}`);
  for (const f of r.findings.slice(0, limit)) {
    const p = f.provider ? ` ${f.provider.supported ? '✅' : '⚠️'} ${f.provider.id} | ${cell(f.provider.migrate)} |` : withProvider ? ' | |' : '';
    out.push(`| ${ICON[f.level] ?? f.level} | \`${cell(f.file)}:${f.line}:${f.column}\` | [\`${f.rule}\`](${f.help}) | ${cell(f.message)} |${p}`);
  }
  if (n > limit) out.push('', `… and ${n - limit} more (use \`--format json\` or \`--format sarif\` for all).`);
  return out.join('\n') + '\n';
}
