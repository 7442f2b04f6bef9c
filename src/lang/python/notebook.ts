import { handlerError } from '../../i18n/reasons.js';
import { msg, refOf } from '../../i18n/msg.js';
import path from 'node:path';
import { makeContext } from '../../engine/context.js';
import { LineIndex } from '../../engine/text.js';
import type { FileContext, HandlerError, HandlerOptions } from '../../engine/types.js';
import { analyzePython } from './analyze.js';
import { JsonScanError } from './json-scan.js';
import { buildProgram, maskMagics, readCells, serializeSource, spanAt, usesAsciiEscapes, type NotebookCell, type ProgramSpan } from './notebook-cells.js';
import { parsePython } from './parse.js';
import { runPython } from './pipeline.js';
import { collectKeptSettings, migratesSomeClient, reachesTarget, recordApps } from './client-plan.js';
import type { KeptSettings } from './context.js';
import { pipInstallVersions, pyCompat } from './deps.js';

export { isNotebook } from './files.js';

/** Sources of cells that did not parse in the input, per notebook: left as they are, so not re-checked. */
const brokenCells = new Map<string, Set<string>>();

/** Notebook output must still be JSON, and every code cell must still parse (cells that never parsed excepted). */
export async function validateNotebook(text: string, rel = ''): Promise<string | undefined> {
  let cells: NotebookCell[];
  try {
    JSON.parse(text);
    cells = readCells(text);
  } catch (e) {
    return `invalid JSON: ${(e as Error).message}`;
  }
  for (const c of cells) {
    if (brokenCells.get(rel)?.has(c.text)) continue;
    const r = await parsePython(maskMagics(c.text));
    r.py?.delete();
    if (r.error) return `cell ${c.index}: ${r.error}`;
  }
  return undefined;
}

/**
 * Migrate a notebook's code cells as one Python program (cells share a
 * namespace: a client made in one cell is used in another), then write each
 * changed cell's source back in the file's layout. Cells that do not parse
 * on their own are left as they are and reported.
 */
export async function processNotebook(
  ctx: FileContext,
  opts: HandlerOptions & { targetHost?: string; packageFits?: (pkg: string) => boolean; apps?: Pick<KeptSettings, 'migratingApps' | 'reachingApps' | 'appImports'> },
  packages: Set<string>,
): Promise<HandlerError | undefined> {
  let cells: NotebookCell[];
  try {
    cells = readCells(ctx.file.text);
  } catch (e) {
    const at = e instanceof JsonScanError ? ctx.lines.pos(e.offset) : { line: 1, column: 1 };
    return handlerError('E_PARSE', msg('file.syntaxError', { where: `${ctx.file.rel}:${at.line}:${at.column} invalid JSON` }));
  }
  const good: NotebookCell[] = [];
  for (const c of cells) {
    const r = await parsePython(maskMagics(c.text));
    r.py?.delete();
    if (r.error) {
      brokenCells.set(ctx.file.rel, (brokenCells.get(ctx.file.rel) ?? new Set()).add(c.text));
      const [line, column] = r.error.split(/[: ]/).map(Number);
      const reason = msg('notebook.cellParse', { n: c.index, error: r.error });
      const action = msg('notebook.cellParse.todo');
      ctx.followUps.push({ line: line ?? 1, column: column ?? 1, cell: c.index, reason: reason.text, action: action.text, reasonMsg: refOf(reason), actionMsg: refOf(action) });
    } else good.push(c);
  }
  if (!good.length) return undefined;
  // The notebook's own pins (`!pip install llama-index==0.9.48`) decide what fits as a manifest's do.
  const pinned = pipInstallVersions(cells.map((c) => c.text));
  if (pinned) {
    const fits = opts.packageFits;
    opts = { ...opts, packageFits: (pkg) => (fits ? fits(pkg) : true) && pyCompat(pkg, pinned).kind !== 'none' };
  }
  const prog = buildProgram(good);
  const parsed = await parsePython(prog.text);
  if (!parsed.py) return handlerError('E_PARSE', msg('file.notebookCells', { file: ctx.file.rel, error: parsed.error ?? '' }));
  const vctx = makeContext({ abs: ctx.file.abs + '#cells', rel: ctx.file.rel, text: prog.text, bom: false }, ctx.target, ctx.models);
  const pctx = (() => {
    try {
      const facts = analyzePython(parsed.py, undefined, opts.targetHost);
      // Keys and settings that clients staying as they are read (in the notebook's own cells, its whole program).
      const keptSettings: KeptSettings = { keys: new Map(), bases: new Map(), fields: new Set() };
      collectKeptSettings(facts, ctx.file.rel.replace(/\\/g, '/'), keptSettings, ctx.target);
      // Its keys move when it, or the app it belongs to (the run's modules), moves something to the provider.
      keptSettings.migratingApps = new Set(opts.apps?.migratingApps);
      keptSettings.reachingApps = new Set(opts.apps?.reachingApps);
      keptSettings.appImports = opts.apps?.appImports;
      recordApps(keptSettings, ctx.file, migratesSomeClient(facts, ctx.target, prog.text), reachesTarget(facts, opts.targetHost, prog.text));
      keptSettings.migrates = keptSettings.migratingApps.size > 0;
      return runPython(vctx, parsed.py, facts, { ...opts, keptSettings });
    } finally {
      parsed.py.delete();
    }
  })();
  for (const p of pctx.packages) packages.add(p);
  mapReports(ctx, vctx, prog.spans);
  if (!ctx.target) return undefined;
  // Edits per cell, applied to the original (unmasked) cell text: masking keeps lengths.
  const perCell = new Map<ProgramSpan, Array<{ start: number; end: number; text: string }>>();
  for (const e of vctx.edits.all()) {
    const s = spanAt(prog.spans, e.start);
    if (!s || e.end > s.end) throw new Error(`an edit crosses a cell boundary at ${e.start}`);
    const list = perCell.get(s) ?? [];
    list.push({ start: e.start - s.start, end: e.end - s.start, text: e.text });
    perCell.set(s, list);
  }
  const ascii = usesAsciiEscapes(ctx.file.text);
  for (const s of prog.spans) {
    let next = applyEdits(s.cell.text, perCell.get(s) ?? []);
    next = addPipPackages(next, pctx.packages);
    if (next === s.cell.text) continue;
    ctx.edits.add(s.cell.source.start, s.cell.source.end, serializeSource(ctx.file.text, s.cell, next, ascii));
  }
  return undefined;
}

function applyEdits(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    out += text.slice(pos, e.start) + e.text;
    pos = Math.max(pos, e.end);
  }
  return out + text.slice(pos);
}

/** `%pip install openai langchain-openai` gains the packages the rewrite introduced. */
function addPipPackages(text: string, pkgs: ReadonlySet<string>): string {
  if (!pkgs.size) return text;
  return text.replace(/^([ \t]*[!%]pip3? install\b[^\n\r]*?\b(openai|langchain|llama[-_]index)[^\n\r]*?)([ \t]*)(\r?\n|$)/m, (all, head: string, _m: string, tail: string, eol: string) => {
    const missing = [...pkgs].filter((p) => !new RegExp(`(^|\\s)["']?${p.replace(/[-_.]/g, '[-_.]')}(?![-_.a-z0-9])`, 'i').test(head));
    return missing.length ? `${head} ${missing.join(' ')}${tail}${eol}` : all;
  });
}

/** Report positions as cell + line within the cell; changes point at the JSON line of the edited source. */
function mapReports(ctx: FileContext, vctx: FileContext, spans: ProgramSpan[]): void {
  const vlines = new LineIndex(vctx.file.text);
  const where = (line: number, column: number) => {
    const off = offsetOf(vctx.file.text, line) + column - 1;
    const s = spanAt(spans, off);
    if (!s) return undefined;
    const cellLines = new LineIndex(s.cell.text);
    const p = cellLines.pos(off - s.start);
    return { span: s, line: p.line, column: p.column };
  };
  void vlines;
  for (const f of vctx.followUps) {
    const w = where(f.line, f.column);
    if (w) ctx.followUps.push({ ...f, line: w.line, column: w.column, cell: w.span.cell.index });
  }
  for (const f of vctx.findings) {
    const w = where(f.line, f.column);
    const e = where(f.endLine, f.endColumn);
    if (w) ctx.findings.push({ ...f, line: w.line, column: w.column, endLine: e?.line ?? w.line, endColumn: e?.column ?? w.column, cell: w.span.cell.index });
  }
  for (const c of vctx.changes) {
    const w = where(c.line, c.column);
    if (!w) continue;
    const src = w.span.cell.source;
    const item = src.kind === 'array' ? (src.items[w.line - 1] ?? src) : src;
    const p = ctx.lines.pos(item.start);
    const m = msg('notebook.cellChange', { n: w.span.cell.index, msg: c.msg ?? c.message });
    ctx.changes.push({ ...c, line: p.line, column: p.column, message: m.text, msg: refOf(m) });
  }
  void path;
}

function offsetOf(text: string, line: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off;
}
