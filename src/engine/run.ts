import { openSync, fstatSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedTarget } from '../providers/index.js';
import type { ModelMap } from '../models/map.js';
import { discover } from './discover.js';
import { decodeUtf8, encodeUtf8, isBinary } from './text.js';
import { makeContext } from './context.js';
import { Offload, useWorkers, type Outcome } from './offload.js';
import { writeAtomic, WriteRefused } from './write.js';
import { MARKER_TAG } from '../rules/endpoints.js';
import { RULES } from '../rules/catalogue.js';
import type { ProgressPhase } from './progress.js';
import { phase, timingNote } from './timing.js';
import { processBatch } from './batch.js';
import { isOwnOutput, OWN_OUTPUT_REASON } from './own-output.js';
import { buildGraph, CLIENT_HINT, type GraphNode, type ProjectGraph } from '../project/graph.js';
import type { Change, FileContext, FileResult, LanguageHandler } from './types.js';

export interface RunOptions {
  cwd: string;
  paths: string[];
  include?: string[];
  exclude?: string[];
  handlers: LanguageHandler[];
  /** Target provider: transforms run only when set. */
  target?: ResolvedTarget;
  models?: ModelMap;
  /** Write changed files (false for dry run, scan and check). */
  write: boolean;
  /** Skip larger files (bytes). */
  maxFileSize: number;
  only?: string[];
  /** Called per processed file (progress). */
  onFile?: (done: number, total: number) => void;
  /** Called per file in each phase (reading every discovered file, then analysing candidates): progress lines. */
  onProgress?: (phase: ProgressPhase, done: number, total: number) => void;
  /** Reported paths (`FileResult.file`, `FileContext.file.rel`) are relative to this folder (default `cwd`): the repository root for scan and check. */
  base?: string;
  /** Keep only these discovered files (path relative to `base`); `check --shard` uses it. */
  select?: (rel: string) => boolean;
  /**
   * Changed-files mode (`check --changed-since`): only the discovered files this
   * accepts are read as the run's own; the modules they import (and the imports
   * of those that use OpenAI, as a full run would parse them) are read too, so
   * clients and values defined elsewhere are still resolved.
   */
  focus?: (abs: string) => boolean;
  /** Called once per parsed file after detection, with its text (suppressions in `check`). */
  onContext?: (ctx: FileContext) => void;
  /** Interactive review (`migrate --interactive`): the text to write (all or some hunks of `after`), or null to leave the file; it may remove the `changes` of hunks it skipped. */
  decide?: (file: string, before: string, after: string, changes: Change[]) => Promise<string | null>;
  /** Run handlers that can on a worker thread: true/false, or undefined for automatic (src/engine/offload.ts). */
  workers?: boolean;
  /** `migrate`: a file outside the given paths that the migration would have changed is listed with a follow-up (W_OUTSIDE_SCOPE). */
  outsideFollowUps?: boolean;
  /** Real folders writes may land in (symlinks resolved): src/engine/git.ts writeRoots. */
  roots?: string[];
  /** Called once with every discovered file before anything is read (the dirty-tree guard and locks of migrate); may throw. */
  guard?: (files: string[]) => Promise<void>;
}

export interface RunResult {
  files: FileResult[];
  /** Files discovered and read. */
  scanned: number;
  /** Files that passed the prefilter and were parsed. */
  candidates: number;
  /** Project-graph warnings (an import or config that cannot be resolved); the run went on. */
  graphWarnings: string[];
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

const rel = (cwd: string, abs: string) =>
  // The common case (a file under cwd) without path.relative's normalisation of both paths.
  abs.length > cwd.length + 1 && abs.startsWith(cwd) && abs[cwd.length] === path.sep && !cwd.endsWith(path.sep)
    ? path.sep === '/' ? abs.slice(cwd.length + 1) : abs.slice(cwd.length + 1).split(path.sep).join('/')
    : path.relative(cwd, abs).split(path.sep).join('/') || path.basename(abs);

export { makeContext } from './context.js';

/** Read from `fd` into `buf` from `at` until EOF or the buffer is full; returns the bytes in `buf`. */
function readInto(fd: number, buf: Buffer, at: number): number {
  let got = at;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

function tooLarge(res: FileResult, size: number, max: number): void {
  res.status = 'skipped';
  res.errorId = 'W_TOO_LARGE';
  res.reason = `larger than --max-file-size (${size} > ${max} bytes)`;
}

function readFailed(res: FileResult, e: unknown): void {
  res.status = 'failed';
  res.errorId = 'E_READ';
  res.reason = `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
}

/** One read buffer for the whole run (files up to its size never get their own). */
const SCRATCH_SIZE = 1 << 20;

/**
 * The pipeline: discover -> prefilter -> parse candidates (once) -> detect and
 * transform -> apply edits -> validate -> diff / write. Each file is isolated:
 * a failure is recorded for that file, which stays byte-identical.
 */
export async function run(o: RunOptions): Promise<RunResult> {
  const offloads = new Map<LanguageHandler, Offload>();
  try {
    return await runWith(o, offloads);
  } finally {
    // A run that ends early (an error) must not leave a worker keeping the process alive.
    for (const off of offloads.values()) off.cancel();
  }
}

async function runWith(o: RunOptions, offloads: Map<LanguageHandler, Offload>): Promise<RunResult> {
  const handlerFor = (r: string) => o.handlers.find((h) => h.matches(r));
  const unreadable: Array<{ abs: string; code: string }> = [];
  const special: Array<{ abs: string; kind: string }> = [];
  const walked = phase('walk');
  const base = o.base ?? o.cwd;
  const found = await discover({
    cwd: o.cwd,
    paths: o.paths,
    include: o.include,
    exclude: o.exclude,
    accept: (r) => handlerFor(r) !== undefined,
    onUnreadable: (abs, code) => unreadable.push({ abs, code }),
    onNotRegular: (abs, kind) => special.push({ abs, kind }),
  }).then((files) => (o.select ? files.filter((abs) => o.select!(rel(base, abs))) : files));
  const all = o.focus ? found.filter(o.focus) : found;
  walked();
  if (o.guard) {
    const guarding = phase('git guard + lock');
    await o.guard(all);
    guarding();
  }
  // Large runs: handlers that can run on a worker start it now, so it loads its parser while this thread reads.
  if (useWorkers(all.length, o.workers)) {
    for (const h of o.handlers) {
      const off = Offload.start(h, { target: o.target, models: o.models, only: o.only });
      if (off) offloads.set(h, off);
    }
  }
  const results = new Map<string, FileResult>();
  // A folder the walk could not enter is a failure of the run (its files may use OpenAI), reported like a file.
  for (const { abs, code } of unreadable) {
    results.set(abs, { file: `${rel(base, abs)}/`, status: 'failed', errorId: 'E_READ', reason: `cannot read folder: ${code}`, changes: [], followUps: [], findings: [] });
  }
  for (const { abs, kind } of special) {
    results.set(abs, { file: rel(o.cwd, abs), status: 'failed', errorId: 'E_READ', reason: `not a regular file (${kind}); not read`, changes: [], followUps: [], findings: [] });
  }
  const meta = new Map<string, { size: number; mtimeMs: number; handler: LanguageHandler; ctx: FileContext }>();
  const byHandler = new Map<LanguageHandler, FileContext[]>();
  let scanned = 0;
  const scratch = Buffer.allocUnsafe(Math.min(SCRATCH_SIZE, o.maxFileSize + 1));

  /** Read, sniff, prefilter (unless `force`), decode and queue one file for its handler; `outside` files (read-only) are kept apart from the results. */
  const load = (abs: string, force: boolean, outside = false): void => {
    const r = rel(base, abs);
    const handler = handlerFor(r) ?? handlerFor(path.basename(abs));
    const res: FileResult = { file: r, status: 'unchanged', changes: [], followUps: [], findings: [] };
    (outside ? outsideResults : results).set(abs, res);
    if (!handler) {
      res.status = 'skipped';
      res.reason = 'no handler for this file type';
      return;
    }
    let fd: number;
    try {
      fd = openSync(abs, 'r');
    } catch (e) {
      return readFailed(res, e);
    }
    try {
      // Synchronous on purpose: on 20k small files one-at-a-time sync reads are
      // about 10x faster than awaited reads (no thread-pool round trip per call).
      // Read into one reused buffer: a Buffer per file made the garbage collector
      // a tenth of a scan. Only a file that passes the prefilter is stat'ed (for
      // the changed-on-disk check) and its bytes outlive this call (as text).
      let got = readInto(fd, scratch, 0);
      let buf = scratch;
      // A file as large as the scratch buffer: read the rest into its own buffer
      // (one byte more than its size, to notice a file that grows meanwhile).
      while (got === buf.length && got <= o.maxFileSize) {
        const size = Math.max(fstatSync(fd).size, got);
        if (size > o.maxFileSize) return tooLarge(res, size, o.maxFileSize);
        const bigger = Buffer.allocUnsafe(Math.min(size, o.maxFileSize) + 1);
        buf.copy(bigger, 0, 0, got);
        buf = bigger;
        got = readInto(fd, buf, got);
      }
      if (got > o.maxFileSize) return tooLarge(res, Math.max(got, fstatSync(fd).size), o.maxFileSize);
      if (!force) scanned++;
      const bytes = buf.subarray(0, got);
      if (isBinary(bytes)) {
        res.status = 'skipped';
        res.errorId = 'W_BINARY';
        res.reason = 'binary file (NUL bytes)';
        return;
      }
      // Prefilter on the raw bytes first: most files end here, undecoded and unparsed.
      if (!force) {
        const latin1 = bytes.toString('latin1');
        if (!handler.prefilter(latin1)) {
          prefiltered.add(abs);
          // The project graph learns what it imports (a cheap scan; most files end here, unparsed).
          if (handler.imports) graphNodes.set(abs, { marker: false, specs: handler.imports(latin1) });
          return;
        }
        if (handler.imports) graphNodes.set(abs, { marker: true, specs: handler.imports(latin1), client: CLIENT_HINT.test(latin1) });
      }
      const st = fstatSync(fd);
      accept(abs, r, res, handler, bytes, st.mtimeMs, force, outside);
    } catch (e) {
      return readFailed(res, e);
    } finally {
      closeSync(fd);
    }
  };

  const accept = (abs: string, r: string, res: FileResult, handler: LanguageHandler, bytes: Buffer, mtimeMs: number, force: boolean, outside: boolean): void => {
    const decoded = decodeUtf8(bytes);
    if (!decoded) {
      res.status = 'skipped';
      res.errorId = 'W_NOT_UTF8';
      res.reason = 'not valid UTF-8; left untouched (re-encoding would change bytes outside the edits)';
      return;
    }
    if (isOwnOutput(decoded.text)) {
      res.status = 'skipped';
      res.errorId = 'W_OWN_OUTPUT';
      res.reason = OWN_OUTPUT_REASON;
      return;
    }
    if (!handler.longLinesOk && isGenerated(decoded.text)) {
      res.status = 'skipped';
      res.errorId = 'W_GENERATED';
      res.reason = 'looks minified or generated (very long lines)';
      return;
    }
    const ctx = makeContext({ abs, rel: r, text: decoded.text, bom: decoded.bom, related: force || undefined, outside: outside || undefined, unchanged: (outside && !!o.focus) || undefined }, o.target, o.models);
    if (graph && handler.imports) ctx.file.imports = graph.edges.get(abs);
    meta.set(abs, { size: bytes.length, mtimeMs, handler, ctx });
    offloads.get(handler)?.post(ctx.file);
    const list = byHandler.get(handler) ?? [];
    list.push(ctx);
    byHandler.set(handler, list);
  };

  /** Files read whose prefilter said "no OpenAI marker". */
  const prefiltered = new Set<string>();
  /** What the project graph learns in the read phase: marker or not, and the specifiers each file imports. */
  const graphNodes = new Map<string, GraphNode>();
  const outsideResults = new Map<string, FileResult>();
  let graph: ProjectGraph | undefined;
  let read = 0;
  const reading = phase('read + prefilter');
  for (const abs of all) {
    read++;
    o.onProgress?.('read', read, all.length);
    load(abs, false);
  }
  reading();
  const following = phase('project graph + read imported modules');
  const graphHandlers = o.handlers.filter((h) => h.imports);
  if (graphHandlers.length && graphNodes.size) {
    graph = await buildGraph({
      cwd: o.cwd,
      // Changed-files mode: the other files were not read, so the graph reads what the focused files import (read-only).
      scope: o.focus ? [] : o.paths.map((p) => path.resolve(o.cwd, p)).filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory()),
      files: graphNodes,
      readOutside: (abs, fs) => {
        const h = graphHandlers.find((x) => x.matches(abs));
        const text = h && !abs.endsWith('.d.ts') && !abs.includes(`${path.sep}node_modules${path.sep}`) ? fs.read(abs) : undefined;
        if (text === undefined || text.length > o.maxFileSize) return undefined;
        const marker = h!.prefilter(text);
        return { marker, specs: h!.imports!(text), client: marker && CLIENT_HINT.test(text) };
      },
    });
  }
  // Candidates read before the graph existed: their resolved imports (on the worker too).
  for (const [h, ctxs] of byHandler) {
    if (!graph || !h.imports) continue;
    for (const ctx of ctxs) {
      ctx.file.imports = graph.edges.get(ctx.file.abs);
      if (ctx.file.imports) offloads.get(h)?.annotate(ctx.file.abs, ctx.file.imports);
    }
  }
  for (const dep of graph?.load ?? []) {
    if (prefiltered.delete(dep)) load(dep, true);
    else if (graph!.outside.has(dep) && !results.has(dep) && !outsideResults.has(dep)) load(dep, true, true);
  }
  following();
  let done = 0;
  const total = meta.size;
  const project = new Map<string, unknown>();

  /** Check, diff and write the files of one handler once it has processed them. */
  const finish = async (handler: LanguageHandler, ctxs: FileContext[], outcome: Outcome): Promise<void> => {
    const finishing = phase('validate + diff + write');
    for (const ctx of ctxs) {
      const res = (results.get(ctx.file.abs) ?? outsideResults.get(ctx.file.abs))!;
      const err = outcome.errors.get(ctx.file.abs);
      // Count first: `o.onFile?.(++done)` would skip the increment when onFile is unset.
      done++;
      o.onFile?.(done, total);
      o.onProgress?.('analyse', done, total);
      if (err) {
        res.status = err.skip ? 'skipped' : 'failed';
        res.errorId = err.id;
        res.reason = err.message;
        continue;
      }
      if (ctx.file.outside) {
        outsideFollowUp(ctx, res);
        continue;
      }
      markerFindings(ctx);
      o.onContext?.(ctx);
      res.findings = ctx.findings;
      res.followUps = ctx.followUps;
      const chain = graph?.chain(ctx.file.abs);
      if (chain?.length && (ctx.findings.length || ctx.changes.length)) res.via = [res.file, ...chain.map((x, i) => (i % 2 ? rel(base, x) : x))];
      if (!ctx.edits.size) continue;
      let after = ctx.edits.apply(ctx.file.text);
      if (after === ctx.file.text) continue;
      const invalid = outcome.verdicts?.has(ctx.file.abs) ? outcome.verdicts.get(ctx.file.abs) : handler.validate ? await handler.validate(after, ctx.file.rel) : undefined;
      if (invalid) {
        res.status = 'failed';
        res.errorId = 'E_OUTPUT_INVALID';
        res.reason = `the migrated text would not parse (${invalid}); file left unchanged`;
        continue;
      }
      if (o.decide) {
        const chosen = await o.decide(res.file, ctx.file.text, after, ctx.changes);
        const bad = chosen !== null && chosen !== after && handler.validate ? await handler.validate(chosen, ctx.file.rel) : undefined;
        if (chosen === null || chosen === ctx.file.text || bad) {
          Object.assign(res, bad ? { status: 'failed', errorId: 'E_OUTPUT_INVALID', reason: `the accepted hunks alone would not parse (${bad}); file left unchanged` } : { status: 'skipped', errorId: 'W_REVIEW_SKIPPED', reason: 'skipped in interactive review' });
          continue;
        }
        after = chosen;
      }
      res.status = 'changed';
      res.changes = ctx.changes;
      // `diff` loads on the first changed file: scan and check never need it. Bounded work: see src/engine/diff.ts.
      const { unifiedDiff, MAX_EDIT_LENGTH } = await import('./diff.js');
      const d = unifiedDiff(res.file, ctx.file.text, after);
      res.diff = d.text;
      if (d.strategy !== 'myers') timingNote(`${res.file}: over ${MAX_EDIT_LENGTH} changed lines, linear diff (${d.strategy})`);
      if (o.write) {
        const m = meta.get(ctx.file.abs)!;
        try {
          await writeAtomic(ctx.file.abs, encodeUtf8({ text: after, bom: ctx.file.bom }), { ...m, bytes: encodeUtf8({ text: ctx.file.text, bom: ctx.file.bom }) }, { roots: o.roots });
          res.written = true;
        } catch (e) {
          const id = e instanceof WriteRefused ? e.id : 'E_WRITE';
          res.status = id.startsWith('W_') ? 'skipped' : 'failed';
          res.errorId = id;
          res.reason = (e as Error).message;
          res.changes = []; // nothing was written: the summary counts no edits for it
        }
      }
    }
    finishing();
  };

  // Handlers on a worker get their batch now and work while this thread runs the others.
  const pending = new Map<LanguageHandler, Promise<Outcome>>();
  for (const [h, off] of offloads) {
    const ctxs = byHandler.get(h);
    if (ctxs?.length) pending.set(h, off.finish(h, ctxs, { only: o.only, project }));
    else off.cancel();
  }
  const drain = async (): Promise<void> => {
    for (const [h, p] of pending) {
      const waiting = phase(`${h.id}: waiting for the worker`);
      const outcome = await p;
      waiting();
      if (outcome.fellBack) timingNote(`${h.id}: worker failed (${outcome.fellBack}); ran on the main thread`);
      pending.delete(h);
      await finish(h, byHandler.get(h)!, outcome);
    }
  };

  // Handlers run in list order (a later handler may use facts an earlier one shared in
  // `project`); one that reads them waits for the handlers still running on a worker.
  for (const handler of o.handlers) {
    const ctxs = byHandler.get(handler);
    if (!ctxs || pending.has(handler)) continue;
    if (handler.readsProject) await drain();
    const processing = phase(`${handler.id}: parse + transform (${ctxs.length})`);
    const errors = await processBatch(handler, ctxs, { only: o.only, project });
    processing();
    await finish(handler, ctxs, { errors });
  }
  await drain();
  return { files: [...results.values()], scanned, candidates: total, graphWarnings: graph?.warnings ?? [] };

  /** A file outside the given paths (read only to follow imports): under `migrate`, what it would have changed is a follow-up. */
  function outsideFollowUp(ctx: FileContext, res: FileResult): void {
    if (!o.outsideFollowUps || !o.target || !ctx.edits.size || ctx.edits.apply(ctx.file.text) === ctx.file.text) return;
    const models = [...new Set(ctx.changes.filter((c) => c.kind === 'model' && c.from && c.to).map((c) => `${c.from} -> ${c.to}`))];
    const first = ctx.changes[0];
    res.status = 'skipped';
    res.errorId = 'W_OUTSIDE_SCOPE';
    res.reason = `outside the given paths, read to follow imports; the migration would change it (${ctx.changes.length} edit${ctx.changes.length === 1 ? '' : 's'}${models.length ? `: ${models.join(', ')}` : ''})`;
    res.followUps = [
      {
        line: first?.line ?? 1,
        column: first?.column ?? 1,
        reason: 'defines what the migrated files use, outside the given paths (left unchanged)',
        action: `run \`openai-migrate migrate --provider ${o.target.provider.id} ${res.file}\``,
      },
    ];
    results.set(ctx.file.abs, res);
  }
}

/** `TODO(openai-migrate)` markers left in any file are findings (rule migrate-todo). */
function markerFindings(ctx: FileContext): void {
  const text = ctx.file.text;
  let i = text.indexOf(MARKER_TAG);
  while (i >= 0) {
    const s = ctx.lines.pos(i);
    if (!ctx.findings.some((f) => f.rule === 'migrate-todo' && f.line === s.line)) {
      ctx.findings.push({
        rule: 'migrate-todo',
        kind: 'migrate-todo',
        level: RULES['migrate-todo'].level,
        line: s.line,
        column: s.column,
        endLine: s.line,
        endColumn: s.column + MARKER_TAG.length,
        message: ctx.lines.lineText(s.line).trim().replace(/^(\/\/|#)\s*/, ''),
        snippet: ctx.lines.lineText(s.line),
      });
    }
    i = text.indexOf(MARKER_TAG, i + MARKER_TAG.length);
  }
}

/**
 * Minified or generated: a line over 2,000 characters anywhere in the file (the
 * whole file is checked, linearly: a long line far down still means minified,
 * and parsing it would cost seconds).
 */
export function isGenerated(text: string): boolean {
  let last = 0;
  for (;;) {
    const nl = text.indexOf('\n', last);
    const end = nl < 0 ? text.length : nl;
    if (end - last > 2000) return true;
    if (nl < 0) return false;
    last = nl + 1;
  }
}
