import { writeFile } from 'node:fs/promises';
import { accessSync, constants, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { MigrateResult } from '../api.js';
import type { ChangeKind } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { tierLabel } from '../rules/models.js';
import { localize, localizeTier } from '../i18n/messages.js';
import type { MsgRef } from '../i18n/msg.js';
import { t } from '../i18n/index.js';
import { maskSecrets } from './mask.js';
import { printable, printableLines } from './escape.js';
import { allFollowUps } from './summary.js';
import { schemaUrl } from './schema-url.js';

/**
 * The migration report for a pull request (`migrate --report <file>`): one data
 * model built from a MigrateResult, rendered as Markdown (`.md`) or JSON
 * (`.json`). Secrets in diffs are masked; environment variables are listed by
 * name only.
 */

export type ParamChangeKind = 'drop' | 'rename' | 'clamp';

export interface MigrationReport {
  version: 1;
  provider: { id: string; name: string; docs: string; consoleUrl: string };
  region: string;
  /** Every region the provider has (keys are per region where there are several). */
  regions: string[];
  baseURL: string;
  dryRun: boolean;
  summary: {
    filesScanned: number;
    filesChanged: number;
    filesFailed: number;
    filesSkipped: number;
    edits: number;
    editsByKind: Partial<Record<ChangeKind, number>>;
    followUps: number;
  };
  /** The model map actually applied: one row per OpenAI id -> provider id, with the number of sites. */
  models: Array<{ from: string; to: string; tier: string; count: number }>;
  /** Request parameters dropped, renamed or clamped, grouped by parameter and detail. */
  params: Array<{ kind: ParamChangeKind; param: string; detail: string; count: number; detailMsg?: MsgRef }>;
  /** Variables to set (names only). */
  env: Array<{ name: string; consoleUrl: string }>;
  followUps: Array<{
    file: string;
    line: number;
    column: number;
    cell?: number;
    reason: string;
    reasonId?: string;
    action: string;
    actionId?: string;
    docs?: string;
    reasonMsg?: MsgRef;
    actionMsg?: MsgRef;
  }>;
  files: Array<{ file: string; status: string; edits: number; reason?: string; errorId?: string; diff?: string; reasonMsg?: MsgRef }>;
}

/** GitHub rejects pull request bodies over 65,536 characters; keep a margin. */
export const MARKDOWN_BUDGET = 60_000;

/** `.md` -> markdown, `.json` -> json; anything else is a usage error (checked before the run). */
export function reportFormat(file: string): 'markdown' | 'json' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.json') return 'json';
  throw new UsageError('E_REPORT_FORMAT', `--report expects a file ending in .md or .json, got "${file}"`);
}

/** Build the report's data model from a migrate (or dry-run) result. */
export function buildMigrationReport(r: MigrateResult): MigrationReport {
  const p = r.target.provider;
  const models = new Map<string, MigrationReport['models'][number]>();
  const params = new Map<string, MigrationReport['params'][number]>();
  for (const f of r.files) {
    for (const c of f.changes) {
      // Model ids: Change.from/to, tier from the map that produced them.
      if (c.kind === 'model' && c.from && c.to) {
        const k = `${c.from}\u0000${c.to}`;
        const row = models.get(k) ?? { from: c.from, to: c.to, tier: tierLabel(r.models.lookup(c.from)?.tier ?? 'override'), count: 0 };
        row.count++;
        models.set(k, row);
      }
      // Parameters: the kind says what happened, the message's parameters name the parameter and the detail.
      if (c.kind === 'param-drop' || c.kind === 'param-rename' || c.kind === 'param-clamp') {
        const kind = c.kind.slice(6) as ParamChangeKind;
        const { param, detail, detailMsg } = paramRow(c.message, c.msg);
        const k = `${kind}\u0000${param}\u0000${detail}`;
        const row = params.get(k) ?? { kind, param, detail, ...(detailMsg ? { detailMsg } : {}), count: 0 };
        row.count++;
        params.set(k, row);
      }
    }
  }
  const s = r.summary;
  return {
    version: 1,
    provider: { id: p.id, name: p.name, docs: p.docs, consoleUrl: p.consoleUrl },
    region: r.target.region,
    regions: Object.keys(p.regions),
    baseURL: r.target.baseURL,
    dryRun: r.dryRun,
    summary: {
      filesScanned: s.filesScanned,
      filesChanged: s.filesChanged,
      filesFailed: s.filesFailed,
      filesSkipped: s.filesSkipped,
      edits: s.edits,
      editsByKind: s.editsByKind,
      followUps: s.followUps,
    },
    models: [...models.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from)),
    params: [...params.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.param.localeCompare(b.param)),
    env: [{ name: r.target.apiKeyEnv, consoleUrl: p.consoleUrl }],
    followUps: allFollowUps(r.files).map((u) => ({
      file: u.file,
      line: u.line,
      column: u.column,
      cell: u.cell,
      reason: u.reason,
      reasonId: u.reasonMsg?.id,
      action: u.action,
      actionId: u.actionMsg?.id,
      docs: u.docs ?? p.docs,
      reasonMsg: u.reasonMsg,
      actionMsg: u.actionMsg,
    })),
    files: r.files
      .filter((f) => f.status !== 'unchanged')
      .map((f) => ({ file: f.file, status: f.status, edits: f.changes.length, reason: f.reason, errorId: f.errorId, diff: f.diff ? maskSecrets(f.diff) : undefined, reasonMsg: f.reasonMsg })),
  };
}

/**
 * The parameter and a short detail of a parameter change, from its message's parameters
 * (src/rules/params.ts `paramRemoved`, `paramRenamed`, `paramClamped`; a notebook cell's change
 * wraps one): a removal's detail is its reason, a rename's the new name, a clamp's the two values.
 * Any other change keeps its whole message as the detail (translated by its id when it has one).
 */
export function paramRow(message: string, ref: MsgRef | undefined): { param: string; detail: string; detailMsg?: MsgRef } {
  let m = ref;
  while (m?.id === 'notebook.cellChange' && typeof m.params.msg === 'object') m = m.params.msg;
  const name = m?.params.name;
  if (!m || typeof name !== 'string') return { param: message.split(/[\s:]/)[0] || message, detail: message, ...(ref ? { detailMsg: ref } : {}) };
  const { reason, to, from } = m.params;
  if (m.id === 'param.removed' && reason !== undefined) {
    return typeof reason === 'object' ? { param: name, detail: reason.text, detailMsg: reason } : { param: name, detail: String(reason) };
  }
  if (m.id === 'param.clamped') return { param: name, detail: `${from} → ${to}` };
  if (m.id === 'param.renamed') return { param: name, detail: `→ ${to}` };
  if (m.id === 'param.engineToModel') return { param: name, detail: '→ model' };
  return { param: name, detail: m.text, detailMsg: m };
}

/** Escape text for inline Markdown (also safe inside a table cell). */
export function mdText(s: string): string {
  return (
    printable(s.replace(/\r?\n/g, ' '))
      .replace(/&/g, '&amp;')
      .replace(/([\\`*[\]<>|~])/g, '\\$1')
      // `_` inside a word (max_tokens) cannot start emphasis in GFM: leave it readable there.
      .replace(/_/g, (m, i: number, all: string) => (/[A-Za-z0-9]/.test(all[i - 1] ?? '') && /[A-Za-z0-9]/.test(all[i + 1] ?? '') ? m : '\\_'))
  );
}

/** Inline code that survives backticks and pipes in the value (table cells too). */
export function mdCode(s: string): string {
  const v = printable(s.replace(/\r?\n/g, ' '));
  const longest = Math.max(0, ...(v.match(/`+/g) ?? []).map((x) => x.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest ? ' ' : '';
  // In GFM tables `\|` is unescaped before inline parsing, so it works inside code spans.
  return `${fence}${pad}${v.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A fenced block that cannot be closed early by backticks in the content. */
function fence(lang: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`{3,}/g) ?? []).map((x) => x.length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body.replace(/\n$/, '')}\n${f}`;
}

const table = (head: string[], rows: string[][], align: string[] = []) =>
  [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => align[i] ?? '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const providerShort = (name: string) => name.replace(/\s*\(.*\)\s*$/, '');

/** Render the report as Markdown for a pull request description. */
export function renderReportMarkdown(rep: MigrationReport): string {
  const out: string[] = [REPORT_MARKER];
  const pname = providerShort(rep.provider.name);
  out.push(`## ${mdText(t('report.title', { provider: pname }))}`, '');
  out.push(
    `**${t('report.provider')}:** ${mdText(rep.provider.name)} (${mdCode(rep.provider.id)}) · **${t('report.region')}:** ${mdCode(rep.region)} · **${t('report.baseUrl')}:** ${mdCode(rep.baseURL)}`,
    '',
  );
  if (rep.dryRun) out.push(`> ${t('report.dryRun')}`, '');

  // Summary table: files, edits (total and by kind), follow-ups.
  const s = rep.summary;
  const rows: string[][] = [
    [t('report.filesScanned'), String(s.filesScanned)],
    [rep.dryRun ? t('report.filesWouldChange') : t('report.filesChanged'), String(s.filesChanged)],
    [t('report.edits'), String(s.edits)],
    ...Object.entries(s.editsByKind).map(([k, n]) => [mdText(t('report.editsOfKind', { kind: k })), String(n)]),
    [t('report.followUpCount'), String(s.followUps)],
  ];
  if (s.filesFailed) rows.push([t('report.filesFailed'), String(s.filesFailed)]);
  if (s.filesSkipped) rows.push([t('report.filesSkipped'), String(s.filesSkipped)]);
  out.push(`### ${t('report.summary')}`, '', table([t('report.metric'), t('report.count')], rows, ['---', '---:']), '');

  out.push(`### ${t('report.models')}`, '');
  if (rep.models.length) {
    out.push(
      table(
        [t('report.openaiModel'), mdText(t('report.providerModel', { provider: pname })), t('report.tier'), t('report.sites')],
        rep.models.map((m) => [mdCode(m.from), mdCode(m.to), mdText(localizeTier(m.tier)), String(m.count)]),
        ['---', '---', '---', '---:'],
      ),
    );
  } else out.push(t('report.noModels'));
  out.push('');

  out.push(`### ${t('report.params')}`, '');
  if (rep.params.length) {
    out.push(
      table(
        [t('report.parameter'), t('report.change'), t('report.detail'), t('report.sites')],
        rep.params.map((p) => [mdCode(p.param), t(`report.param.${p.kind}` as const), mdText(localize(p.detail, p.detailMsg)), String(p.count)]),
        ['---', '---', '---', '---:'],
      ),
    );
  } else out.push(t('report.noParams'));
  out.push('');

  out.push(`### ${t('report.env')}`, '', t('report.envIntro'), '');
  for (const e of rep.env) out.push(`- ${t('report.envKey', { name: e.name.replace(/`/g, ''), provider: mdText(pname), url: `<${e.consoleUrl}>` })}`);
  if (rep.regions.length > 1) out.push(`- ${t('report.envRegion', { region: rep.region, baseUrl: `<${rep.baseURL}>` })}`);
  out.push('');

  out.push(`### ${t('report.followUps')} (${rep.followUps.length})`, '');
  if (rep.followUps.length) {
    for (const u of rep.followUps) {
      const where = `${u.file}:${u.line}${u.cell ? ` (${t('report.cell', { n: u.cell })})` : ''}`;
      const docs = u.docs ? ` ([${t('report.docs')}](<${u.docs}>))` : '';
      out.push(`- [ ] ${mdCode(where)} — ${mdText(localize(u.reason, u.reasonMsg))} — ${mdText(localize(u.action, u.actionMsg))}${docs}`);
    }
  } else out.push(t('report.noFollowUps'));
  out.push('');

  const failed = rep.files.filter((f) => f.status === 'failed');
  if (failed.length) {
    out.push(`### ${t('report.failed')}`, '');
    for (const f of failed) out.push(`- ${mdCode(f.file)} ${f.errorId ? mdCode(f.errorId) + ' ' : ''}${mdText(localize(f.reason ?? '', f.reasonMsg))}`);
    out.push('');
  }
  const skipped = rep.files.filter((f) => f.status === 'skipped' && f.errorId);
  if (skipped.length) {
    out.push(`### ${t('report.skipped')}`, '');
    for (const f of skipped) out.push(`- ${mdCode(f.file)} ${mdText(localize(f.reason ?? '', f.reasonMsg))}`);
    out.push('');
  }

  // Per-file diffs, collapsed; stop adding diff bodies once the size budget is spent.
  const withDiff = rep.files.filter((f) => f.diff);
  if (withDiff.length) {
    out.push(`### ${t('report.diffs')}`, '');
    let used = out.join('\n').length;
    for (const f of withDiff) {
      const body = fence(
        'diff',
        printableLines(
          f
            .diff!.split('\n')
            .filter((l) => !l.startsWith('==='))
            .join('\n'),
        ),
      );
      const head = `<details>\n<summary><code>${htmlEscape(f.file)}</code> — ${htmlEscape(t('report.editCount', { n: f.edits }))}</summary>\n`;
      const fits = used + head.length + body.length < MARKDOWN_BUDGET;
      const block = `${head}\n${fits ? body : `_${mdText(t('report.diffOmitted'))}_`}\n\n</details>\n`;
      used += block.length;
      out.push(block);
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function htmlEscape(s: string): string {
  return printable(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Render the report as versioned JSON. */
export function renderReportJson(rep: MigrationReport): string {
  // The messages' ids go in the file (`reasonId`, `actionId`); their parameters are only for rendering.
  const followUps = rep.followUps.map(({ reasonMsg: _r, actionMsg: _a, ...u }) => u);
  const params = rep.params.map(({ detailMsg: _d, ...p }) => p);
  const files = rep.files.map(({ reasonMsg: _m, ...f }) => f);
  return JSON.stringify({ $schema: schemaUrl('report'), ...rep, params, followUps, files }, null, 2) + '\n';
}

/** First line of a Markdown report (invisible when rendered): a later run may replace a file that holds it. */
export const REPORT_MARKER = '<!-- openai-migrate:report (written by openai-migrate; a later run replaces it) -->';

/** Was `text` written by this tool as a migration report (Markdown marker, or the JSON report's shape)? */
export function isToolReport(text: string): boolean {
  if (text.startsWith(REPORT_MARKER) || text.startsWith('\uFEFF' + REPORT_MARKER)) return true;
  try {
    const j = JSON.parse(text) as Partial<MigrationReport>;
    return j?.version === 1 && typeof j.provider?.id === 'string' && typeof j.summary === 'object' && Array.isArray(j.files);
  } catch {
    return false;
  }
}

/**
 * Before anything is migrated: the report may be written. An existing file is
 * replaced only when an earlier run wrote it (or with --force), so
 * `--report README.md` cannot clobber a file; the folder (or file) must be
 * writable, so an unwritable path stops the run before any file changed.
 */
export function checkReportTarget(file: string, force: boolean, cwd = process.cwd()): void {
  reportFormat(file);
  const abs = path.resolve(cwd, file);
  let st: Stats | undefined;
  try {
    st = statSync(abs);
  } catch {
    st = undefined;
  }
  if (st) {
    if (!st.isFile()) throw new UsageError('E_REPORT_UNWRITABLE', `--report ${file}: it exists and is not a regular file`);
    let head = '';
    try {
      head = readFileSync(abs, 'utf8');
    } catch (e) {
      throw new UsageError('E_REPORT_UNWRITABLE', `--report ${file}: cannot read the existing file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (!force && !isToolReport(head)) {
      throw new UsageError('E_REPORT_EXISTS', `--report ${file}: the file exists and was not written by openai-migrate; refusing to replace it (choose another name, or pass --force)`);
    }
    try {
      accessSync(abs, constants.W_OK);
    } catch (e) {
      throw new UsageError('E_REPORT_UNWRITABLE', `--report ${file}: the file is not writable (${(e as NodeJS.ErrnoException).code}); nothing was migrated`);
    }
    return;
  }
  const dir = path.dirname(abs);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new UsageError(
      'E_REPORT_UNWRITABLE',
      `--report ${file}: cannot create a file in ${path.dirname(file) || '.'} (${(e as NodeJS.ErrnoException).code ?? 'not writable'}); nothing was migrated`,
    );
  }
}

/** Write the report in the format its extension names; returns the absolute path. */
export async function writeMigrationReport(file: string, r: MigrateResult, cwd = process.cwd()): Promise<string> {
  const fmt = reportFormat(file);
  const rep = buildMigrationReport(r);
  const abs = path.resolve(cwd, file);
  await writeFile(abs, fmt === 'markdown' ? renderReportMarkdown(rep) : renderReportJson(rep), 'utf8');
  return abs;
}
