import { Chalk, type ChalkInstance } from 'chalk';
import type { FileResult, Finding } from '../engine/types.js';
import type { MigrateResult, ScanResult } from '../api.js';
import { allFollowUps } from './summary.js';

export function makeChalk(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

/** Colour a unified diff: additions green, removals red, hunk headers cyan. */
export function colorDiff(diff: string, c: ChalkInstance): string {
  return diff
    .split('\n')
    .filter((l) => !l.startsWith('==='))
    .map((l) => {
      if (l.startsWith('+++') || l.startsWith('---')) return c.bold(l);
      if (l.startsWith('@@')) return c.cyan(l);
      if (l.startsWith('+')) return c.green(l);
      if (l.startsWith('-')) return c.red(l);
      if (l.startsWith('\\')) return c.dim(l);
      return l;
    })
    .join('\n');
}

/** Mask values of key-like variables in diffs of env-style lines (never print secrets). */
export function maskSecrets(text: string): string {
  return text
    .replace(/^([+\- ]?[ \t]*(?:export[ \t]+)?[A-Z][A-Z0-9_]*(?:KEY|SECRET|TOKEN|PASSWORD)[A-Z0-9_]*[ \t]*[=:][ \t]*)(["']?)([^\s"'#]{4,})\2/gm, (_m, a: string, q: string) => `${a}${q}****${q}`)
    .replace(/\b(sk-(?:proj-)?)[A-Za-z0-9_-]{8,}/g, '$1****');
}

export function renderMigrateText(r: MigrateResult, color: boolean, showDiff: boolean): string {
  const c = makeChalk(color);
  const out: string[] = [];
  if (showDiff) {
    for (const f of r.files) if (f.diff) out.push(colorDiff(maskSecrets(f.diff), c));
  }
  const s = r.summary;
  const t = r.target;
  out.push(
    c.bold(`${r.dryRun ? 'Dry run (nothing written)' : 'Migration'}: ${t.provider.name} [${t.provider.id}, region ${t.region}] ${t.baseURL}`),
  );
  out.push(`  files scanned: ${s.filesScanned}, parsed: ${s.filesParsed}, ${r.dryRun ? 'would change' : 'changed'}: ${s.filesChanged}, failed: ${s.filesFailed}, skipped: ${s.filesSkipped}`);
  const kinds = Object.entries(s.editsByKind).map(([k, n]) => `${k} ${n}`).join(', ');
  out.push(`  edits: ${s.edits}${kinds ? ` (${kinds})` : ''}`);
  if (s.models.length) out.push(`  models: ${s.models.map((m) => `${m.from} -> ${m.to} (${m.count})`).join(', ')}`);
  const fu = allFollowUps(r.files);
  if (fu.length) {
    out.push(c.yellow(`Manual follow-ups (${fu.length}):`));
    for (const u of fu) out.push(`  ${u.file}:${u.line}:${u.column}${u.cell ? ` (cell ${u.cell})` : ''}  ${u.reason} — ${u.action}`);
  }
  const failed = r.files.filter((f) => f.status === 'failed');
  if (failed.length) {
    out.push(c.red(`Failed (${failed.length}), left unchanged:`));
    for (const f of failed) out.push(`  ${f.file}  [${f.errorId}] ${f.reason}`);
  }
  const skipped = r.files.filter((f) => f.status === 'skipped' && f.errorId);
  if (skipped.length) {
    out.push(c.dim(`Skipped (${skipped.length}):`));
    for (const f of skipped) out.push(c.dim(`  ${f.file}  ${f.reason}`));
  }
  for (const w of r.warnings) out.push(c.yellow(`warning: ${w}`));
  if (s.filesChanged) {
    out.push(`Set ${t.apiKeyEnv} in your environment (names only are written to code; get a key from ${t.provider.consoleUrl}).`);
    if (r.dryRun) out.push('Run again without --dry-run to write the changes.');
  }
  return out.join('\n') + '\n';
}

export function renderFindingsText(r: ScanResult, findings: Array<Finding & { file: string }>, color: boolean): string {
  const c = makeChalk(color);
  const out: string[] = [];
  const byFile = new Map<string, Array<Finding & { file: string }>>();
  for (const f of findings) {
    const l = byFile.get(f.file) ?? [];
    l.push(f);
    byFile.set(f.file, l);
  }
  const lv = (l: string) => (l === 'error' ? c.red(l) : l === 'warning' ? c.yellow(l) : c.blue(l));
  for (const [file, list] of byFile) {
    out.push(c.bold.underline(file));
    for (const f of list) {
      out.push(`  ${f.line}:${f.column}  ${lv(f.level)}  ${f.message}  ${c.dim(f.rule)}`);
      if (f.snippet !== undefined) {
        out.push(c.dim(`    ${String(f.line).padStart(4)} | `) + maskSecrets(f.snippet.trim()).slice(0, 160));
      }
    }
    out.push('');
  }
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  out.push(c.bold(`${findings.length} finding(s) in ${byFile.size} file(s); ${r.summary.filesScanned} files scanned`));
  if (counts.size) {
    out.push('  kind                      count');
    for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) out.push(`  ${k.padEnd(26)}${n}`);
  }
  const failed = r.files.filter((f) => f.status === 'failed');
  for (const f of failed) out.push(c.red(`  failed: ${f.file} [${f.errorId}] ${f.reason}`));
  return out.join('\n') + '\n';
}

export function flatFindings(files: FileResult[]): Array<Finding & { file: string }> {
  return files.flatMap((f) => f.findings.map((x) => ({ ...x, file: f.file })));
}
