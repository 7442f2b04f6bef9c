import { verdict } from './verdict.js';
import { Chalk, type ChalkInstance } from 'chalk';
import type { FileResult, Finding } from '../engine/types.js';
import type { MigrateResult } from '../api.js';
import type { InventoryReport, ReportFinding } from '../check/index.js';
import { allFollowUps } from './summary.js';
import { t as tr } from '../i18n/index.js';
import { localize, localizeMessage as lm } from '../i18n/messages.js';
import { fixFor } from '../errors.js';
import { maskSecrets } from './mask.js';
import { printable as pr, printableLines } from './escape.js';

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

export { maskSecrets } from './mask.js';

import { routeSuggestions, routingPlan } from './routing-plan.js';

export function renderMigrateText(r: MigrateResult, color: boolean, showDiff: boolean): string {
  const c = makeChalk(color);
  const out: string[] = [];
  // The routing plan first (--route): capability -> provider -> model -> files.
  const plan = routingPlan(r);
  if (plan.length) {
    out.push(c.bold(tr('routing.planTitle')));
    for (const p of plan)
      out.push(
        '  ' +
          tr('routing.planLine', {
            capability: p.capability,
            provider: `${p.provider} (${p.baseURL}, ${p.key})`,
            model: p.models.join(', ') || '-',
            files: p.files.map((x) => pr(x)).join(', ') || '-',
          }),
      );
  }
  if (showDiff) {
    for (const f of r.files) if (f.diff) out.push(colorDiff(printableLines(maskSecrets(f.diff)), c));
  }
  const s = r.summary;
  const t = r.target;
  out.push(c.bold(tr(r.dryRun ? 'cli.dryRunTitle' : 'cli.migrationTitle', { name: t.provider.name, id: t.provider.id, region: t.region, baseUrl: t.baseURL })));
  out.push('  ' + tr(r.dryRun ? 'cli.filesLineDry' : 'cli.filesLine', { scanned: s.filesScanned, parsed: s.filesParsed, changed: s.filesChanged, failed: s.filesFailed, skipped: s.filesSkipped }));
  const kinds = Object.entries(s.editsByKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  out.push('  ' + tr('cli.editsLine', { n: s.edits, kinds: kinds ? ` (${kinds})` : '' }));
  if (s.models.length) out.push('  ' + tr('cli.modelsLine', { list: s.models.map((m) => `${m.from} -> ${m.to} (${m.count})`).join(', ') }));
  for (const v of s.via) out.push('  ' + tr('cli.viaLine', { n: v.files, spec: v.spec }));
  const fu = allFollowUps(r.files);
  if (fu.length) {
    out.push(c.yellow(tr('cli.followUps', { n: fu.length })));
    const where = (u: (typeof fu)[number]) => `${pr(u.file)}:${u.line}:${u.column}${u.cell ? ` (${tr('report.cell', { n: u.cell })})` : ''}`;
    if (fu.length <= GROUP_FOLLOW_UPS_OVER) {
      for (const u of fu) out.push(`  ${where(u)}  ${pr(localize(u.reason, u.reasonMsg))} — ${pr(localize(u.action, u.actionMsg))}`);
    } else {
      // Large runs: one line per kind (same reason and action once ids and names are set aside), largest first.
      for (const g of groupFollowUps(fu)) {
        out.push(`  ${c.bold(`${g.items.length} ×`)} ${pr(localize(g.items[0]!.reason, g.items[0]!.reasonMsg))} — ${pr(localize(g.items[0]!.action, g.items[0]!.actionMsg))}`);
        const shown = g.items.slice(0, 3).map(where).join(', ');
        out.push(c.dim(`      ${shown}${g.items.length > 3 ? ` ${tr('cli.andMore', { n: g.items.length - 3 })}` : ''}`));
      }
    }
  }
  const failed = r.files.filter((f) => f.status === 'failed');
  if (failed.length) {
    out.push(c.red(tr('cli.failed', { n: failed.length })));
    for (const f of failed) out.push(`  ${pr(f.file)}  [${f.errorId}] ${pr(localize(f.reason ?? '', f.reasonMsg))}`);
    for (const id of new Set(failed.map((f) => f.errorId))) {
      const fix = fixFor(id);
      if (fix) out.push(`  ${id}: ${lm(fix)}`);
    }
  }
  const skipped = r.files.filter((f) => f.status === 'skipped' && f.errorId);
  if (skipped.length) {
    out.push(c.dim(tr('cli.skipped', { n: skipped.length })));
    for (const f of skipped) out.push(c.dim(`  ${pr(f.file)}  ${pr(localize(f.reason ?? '', f.reasonMsg))}`));
  }
  // Project-graph warnings are by id (r.graphWarningMsgs, the same text masked in r.warnings); the rest are plain text.
  const graphRefs = new Map((r.graphWarningMsgs ?? []).map((g) => [maskSecrets(g.text), g]));
  for (const w of r.warnings) out.push(c.yellow(tr('cli.warning', { w: pr(localize(w, graphRefs.get(w))) })));
  // Without --route: a route for each capability left on OpenAI that another provider serves.
  for (const x of routeSuggestions(r)) out.push(tr('routing.suggest', { capability: x.capability, provider: t.provider.id, route: x.route, n: x.files }));
  if (s.filesChanged) {
    // Only when a change now reads the provider's key (not for a run that only marked calls or mapped ids).
    const readsKey = new RegExp(`^\\+.*\\b([A-Z]+_)?${t.apiKeyEnv}\\b`, 'm');
    if (r.files.some((f) => f.diff && readsKey.test(f.diff))) out.push(tr('cli.setKey', { name: t.apiKeyEnv, url: t.provider.consoleUrl }));
    for (const p of plan) if (p.files.length) out.push(tr('cli.setKey', { name: p.key, url: p.consoleUrl }));
    if (r.dryRun) out.push(tr('cli.runAgain'));
  }
  return out.join('\n') + '\n';
}

/** One source line with a caret underline under the finding's columns (the short code frame). */
export function codeFrame(f: Finding, c: ChalkInstance): string[] {
  if (f.snippet === undefined) return [];
  let line = pr(maskSecrets(f.snippet).replace(/\t/g, ' '));
  let col = f.column - 1;
  // Long lines: a window around the finding.
  if (line.length > 140) {
    const from = Math.max(0, col - 40);
    line = (from ? '…' : '') + line.slice(from, from + 120) + (from + 120 < line.length ? '…' : '');
    col = col - from + (from ? 1 : 0);
  }
  const width = f.endLine === f.line ? Math.max(1, f.endColumn - f.column) : Math.max(1, line.length - col);
  const gutter = `${String(f.line).padStart(5)} | `;
  return [c.dim(gutter) + line, c.dim(' '.repeat(gutter.length - 2) + '| ') + ' '.repeat(Math.max(0, col)) + c.red('^'.repeat(Math.min(width, Math.max(1, line.length - col))))];
}

/**
 * scan/check as text: findings grouped by file (location, level, message,
 * rule, a short code frame, and with --provider what migrate would do),
 * then a table by kind and how to fix each rule.
 */
export function renderFindingsText(r: InventoryReport, color: boolean, command: 'scan' | 'check' = 'scan', verbose = false): string {
  const c = makeChalk(color);
  const out: string[] = [];
  const findings = r.findings;
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const l = byFile.get(f.file) ?? [];
    l.push(f);
    byFile.set(f.file, l);
  }
  const lv = (l: string) => (l === 'error' ? c.red(l.padEnd(7)) : l === 'warning' ? c.yellow(l.padEnd(7)) : c.blue(l.padEnd(7)));
  const viaOf = new Map(r.result.files.filter((f) => f.via).map((f) => [f.file, f.via!]));
  for (const [file, list] of byFile) {
    out.push(c.bold.underline(pr(file)));
    const via = verbose ? viaOf.get(file) : undefined;
    if (via) out.push(c.dim('  ' + tr('verbose.via', { chain: via.join(' -> ') })));
    for (const f of list) {
      out.push(`  ${`${f.line}:${f.column}`.padEnd(8)} ${lv(f.level)}  ${pr(localize(f.message, f.msg))}  ${c.dim(f.rule)}`);
      out.push(...codeFrame(f, c).map((l) => '  ' + l));
      if (f.provider) {
        const mark = f.provider.supported ? c.green(tr('scan.canTake', { id: f.provider.id })) : c.yellow(tr('scan.cannotTake', { id: f.provider.id }));
        out.push(`           ${mark}${tr('scan.migrate', { what: pr(localize(f.provider.migrate, f.provider.migrateMsg)) })}`);
      }
    }
    out.push('');
  }
  const s = r.result.summary;
  out.push(
    c.bold(
      tr('scan.total', { n: findings.length, files: byFile.size, scanned: s.filesScanned, parsed: s.filesParsed, shard: r.shard ? tr('scan.shard', { i: r.shard.index, n: r.shard.count }) : '' }),
    ),
  );
  const extra: string[] = [];
  if (r.suppressed) extra.push(tr('scan.suppressed', { n: r.suppressed }));
  if (r.baselined) extra.push(tr('scan.baselined', { n: r.baselined }));
  if (r.baselineStale) extra.push(tr(r.baselineStale === 1 ? 'scan.staleOne' : 'scan.stale', { n: r.baselineStale }));
  if (r.disabled) extra.push(tr('md.disabled', { n: r.disabled }));
  if (r.changed) extra.push(tr('md.changed', { n: r.changed.files, what: r.changed.staged ? '--staged' : `--changed-since ${r.changed.since}` }));
  if (extra.length) out.push(`  (${extra.join(', ')})`);
  if (r.baselineWritten) out.push('  ' + tr('scan.baselineWritten', { file: pr(r.baselineWritten.file), n: r.baselineWritten.count }));
  for (const v of s.via) out.push('  ' + tr('cli.viaLine', { n: v.files, spec: v.spec }));
  const graphRefs = new Map((r.result.graphWarningMsgs ?? []).map((g) => [g.text, g]));
  for (const w of r.result.graphWarnings ?? []) out.push(c.yellow(tr('cli.warning', { w: localize(w, graphRefs.get(w)) })));
  const rows = kindTable(findings);
  if (rows.length) {
    out.push('');
    out.push(`  ${tr('scan.kind').padEnd(24)}${tr('scan.count').padStart(6)}  ${tr('scan.level')}`);
    for (const row of rows) out.push(`  ${row.kind.padEnd(24)}${String(row.count).padStart(6)}  ${row.level}`);
    out.push('');
    out.push(c.bold(tr('scan.howToFix')));
    for (const row of rows) out.push(`  ${row.kind.padEnd(24)}${lm(row.fix)}`);
  }
  for (const f of r.result.files.filter((x) => x.status === 'failed'))
    out.push(c.red('  ' + tr('scan.failedFile', { file: pr(f.file), id: f.errorId ?? '', reason: pr(localize(f.reason ?? '', f.reasonMsg)) })));
  if (command === 'check') {
    out.push(r.exitCode ? c.red.bold(verdict(r)) : c.green.bold(verdict(r)));
  }
  return out.join('\n') + '\n';
}

/** Counts by kind (most first), with the level and fix of the rule. */
export function kindTable(findings: ReportFinding[]): Array<{ kind: string; count: number; level: string; fix: string }> {
  const rows = new Map<string, { kind: string; count: number; level: string; fix: string }>();
  for (const f of findings) {
    const row = rows.get(f.kind) ?? { kind: f.kind, count: 0, level: f.level, fix: f.fix };
    row.count++;
    rows.set(f.kind, row);
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
}

export function flatFindings(files: FileResult[]): Array<Finding & { file: string }> {
  return files.flatMap((f) => f.findings.map((x) => ({ ...x, file: f.file })));
}

/** Above this many follow-ups, the text summary groups them by kind (the --report file lists every one). */
export const GROUP_FOLLOW_UPS_OVER = 20;

/** Follow-ups of the same kind: same reason and action once quoted values, ids and numbers are set aside. */
export function groupFollowUps<T extends { reason: string; action: string }>(fu: T[]): Array<{ key: string; items: T[] }> {
  const norm = (s: string) =>
    s
      .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…')
      .replace(/\b[\w.:/-]*\d[\w.:/-]*\b/g, '#')
      .replace(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g, 'VAR');
  const groups = new Map<string, T[]>();
  for (const u of fu) {
    const k = `${norm(u.reason)} — ${norm(u.action)}`;
    const g = groups.get(k) ?? [];
    g.push(u);
    groups.set(k, g);
  }
  return [...groups.entries()].map(([key, items]) => ({ key, items })).sort((a, b) => b.items.length - a.items.length);
}
