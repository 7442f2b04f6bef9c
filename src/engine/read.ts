import { openSync, fstatSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { discover } from './discover.js';
import { decodeUtf8, isBinary } from './text.js';
import { makeContext } from './context.js';
import type { Offload } from './offload.js';
import { phase } from './timing.js';
import { isOwnOutput } from './own-output.js';
import { buildGraph, CLIENT_HINT, type GraphNode, type ProjectGraph } from '../project/graph.js';
import type { FileContext, FileResult, LanguageHandler } from './types.js';
import type { RunOptions } from './run.js';
import { msg, type Msg } from '../i18n/msg.js';
import { reasonOf, setReason } from '../i18n/reasons.js';

/**
 * The read stage of a run: discover -> prefilter -> read -> project graph ->
 * read the modules the graph asks for. Its output is the candidates' contexts
 * by handler (posted to a handler's worker as they are read) and a result per
 * file the run reports; src/engine/finish.ts takes it from there.
 */

/** A path relative to `cwd`, forward slashes. */
export const rel = (cwd: string, abs: string): string =>
  // The common case (a file under cwd) without path.relative's normalisation of both paths.
  abs.length > cwd.length + 1 && abs.startsWith(cwd) && abs[cwd.length] === path.sep && !cwd.endsWith(path.sep)
    ? path.sep === '/'
      ? abs.slice(cwd.length + 1)
      : abs
          .slice(cwd.length + 1)
          .split(path.sep)
          .join('/')
    : path.relative(cwd, abs).split(path.sep).join('/') || path.basename(abs);

/** What the finish stage needs of a candidate besides its context: the read's size and mtime (the changed-on-disk check of a write). */
export interface FileMeta {
  size: number;
  mtimeMs: number;
}

export interface Discovered {
  /** The files to read (absolute), after `select` and `focus`. */
  all: string[];
  /** The run's results so far: folders the walk could not enter and files that are not regular files. */
  results: Map<string, FileResult>;
}

const failed = (file: string, reason: Msg): FileResult => ({ file, status: 'failed', errorId: 'E_READ', ...reasonOf(reason), changes: [], followUps: [], findings: [] });

/** Walk the given paths; what cannot be read is a failed result already. */
export async function discoverFiles(o: RunOptions): Promise<Discovered> {
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
  const results = new Map<string, FileResult>();
  // A folder the walk could not enter is a failure of the run (its files may use OpenAI), reported like a file.
  for (const { abs, code } of unreadable) results.set(abs, failed(`${rel(base, abs)}/`, msg('file.cannotReadFolder', { code })));
  for (const { abs, kind } of special) results.set(abs, failed(rel(o.cwd, abs), msg('file.notRegular', { kind })));
  return { all, results };
}

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

function skip(res: FileResult, errorId: string, reason: Msg): void {
  res.status = 'skipped';
  res.errorId = errorId;
  setReason(res, reason);
}

function tooLarge(res: FileResult, size: number, max: number): void {
  skip(res, 'W_TOO_LARGE', msg('file.tooLarge', { size, max }));
}

function readFailed(res: FileResult, e: unknown): void {
  res.status = 'failed';
  res.errorId = 'E_READ';
  setReason(res, msg('file.cannotRead', { code: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
}

/** One read buffer for the whole run (files up to its size never get their own). */
const SCRATCH_SIZE = 1 << 20;

/**
 * Reads files one at a time: sniff, prefilter, decode, and queue a candidate
 * for its handler (and its handler's worker). It keeps what the project graph
 * learns of every file read (marker and import specifiers, no text).
 */
export class Reader {
  readonly outsideResults = new Map<string, FileResult>();
  readonly meta = new Map<string, FileMeta>();
  readonly byHandler = new Map<LanguageHandler, FileContext[]>();
  /** Files read whose prefilter said "no OpenAI marker". */
  readonly prefiltered = new Set<string>();
  /** What the project graph learns in the read phase: marker or not, and the specifiers each file imports. */
  readonly graphNodes = new Map<string, GraphNode>();
  graph: ProjectGraph | undefined;
  scanned = 0;
  private readonly base: string;
  private readonly scratch: Buffer;

  constructor(
    private readonly o: RunOptions,
    readonly results: Map<string, FileResult>,
    private readonly offloads: Map<LanguageHandler, Offload>,
  ) {
    this.base = o.base ?? o.cwd;
    this.scratch = Buffer.allocUnsafe(Math.min(SCRATCH_SIZE, o.maxFileSize + 1));
  }

  private handlerFor(r: string): LanguageHandler | undefined {
    return this.o.handlers.find((h) => h.matches(r));
  }

  /** Read, sniff, prefilter (unless `force`), decode and queue one file for its handler; `outside` files (read-only) are kept apart from the results. */
  load(abs: string, force: boolean, outside = false): void {
    const r = rel(this.base, abs);
    const handler = this.handlerFor(r) ?? this.handlerFor(path.basename(abs));
    const res: FileResult = { file: r, status: 'unchanged', changes: [], followUps: [], findings: [] };
    (outside ? this.outsideResults : this.results).set(abs, res);
    if (!handler) {
      res.status = 'skipped';
      setReason(res, msg('file.noHandler'));
      return;
    }
    let fd: number;
    try {
      fd = openSync(abs, 'r');
    } catch (e) {
      return readFailed(res, e);
    }
    try {
      const bytes = this.readAll(fd, res);
      if (!bytes) return;
      if (!force) this.scanned++;
      if (isBinary(bytes)) return skip(res, 'W_BINARY', msg('file.binary'));
      // Prefilter on the raw bytes first: most files end here, undecoded and unparsed.
      if (!force) {
        const latin1 = bytes.toString('latin1');
        if (!handler.prefilter(latin1)) {
          this.prefiltered.add(abs);
          // The project graph learns what it imports (a cheap scan; most files end here, unparsed).
          if (handler.imports) this.graphNodes.set(abs, { marker: false, specs: handler.imports(latin1) });
          return;
        }
        if (handler.imports) this.graphNodes.set(abs, { marker: true, specs: handler.imports(latin1), client: CLIENT_HINT.test(latin1) });
      }
      const st = fstatSync(fd);
      this.accept(abs, r, res, handler, bytes, st.mtimeMs, force, outside);
    } catch (e) {
      return readFailed(res, e);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The file's bytes, or undefined when it is too large (recorded on `res`).
   * Synchronous on purpose: on 20k small files one-at-a-time sync reads are
   * about 10x faster than awaited reads (no thread-pool round trip per call).
   * Read into one reused buffer: a Buffer per file made the garbage collector
   * a tenth of a scan. Only a file that passes the prefilter is stat'ed (for
   * the changed-on-disk check) and its bytes outlive the read (as text).
   */
  private readAll(fd: number, res: FileResult): Buffer | undefined {
    const max = this.o.maxFileSize;
    let got = readInto(fd, this.scratch, 0);
    let buf = this.scratch;
    // A file as large as the scratch buffer: read the rest into its own buffer
    // (one byte more than its size, to notice a file that grows meanwhile).
    while (got === buf.length && got <= max) {
      const size = Math.max(fstatSync(fd).size, got);
      if (size > max) return void tooLarge(res, size, max);
      const bigger = Buffer.allocUnsafe(Math.min(size, max) + 1);
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
      got = readInto(fd, buf, got);
    }
    if (got > max) return void tooLarge(res, Math.max(got, fstatSync(fd).size), max);
    return buf.subarray(0, got);
  }

  private accept(abs: string, r: string, res: FileResult, handler: LanguageHandler, bytes: Buffer, mtimeMs: number, force: boolean, outside: boolean): void {
    const decoded = decodeUtf8(bytes);
    if (!decoded) return skip(res, 'W_NOT_UTF8', msg('file.notUtf8'));
    if (isOwnOutput(decoded.text)) return skip(res, 'W_OWN_OUTPUT', msg('file.ownOutput'));
    if (!handler.longLinesOk && isGenerated(decoded.text)) return skip(res, 'W_GENERATED', msg('file.generated'));
    const o = this.o;
    const ctx = makeContext(
      { abs, rel: r, text: decoded.text, bom: decoded.bom, related: force || undefined, outside: outside || undefined, unchanged: (outside && !!o.focus) || undefined },
      o.target,
      o.models,
    );
    if (this.graph && handler.imports) ctx.file.imports = this.graph.edges.get(abs);
    this.meta.set(abs, { size: bytes.length, mtimeMs });
    this.offloads.get(handler)?.post(ctx.file);
    const list = this.byHandler.get(handler) ?? [];
    list.push(ctx);
    this.byHandler.set(handler, list);
  }

  /** Read every discovered file (progress per file). */
  readAllFiles(all: string[]): void {
    const reading = phase('read + prefilter');
    let read = 0;
    for (const abs of all) {
      read++;
      this.o.onProgress?.('read', read, all.length);
      this.load(abs, false);
    }
    reading();
  }

  /** Build the project graph from what was read, give the candidates their resolved imports, and read the modules it adds. */
  async follow(): Promise<void> {
    const o = this.o;
    const following = phase('project graph + read imported modules');
    const graphHandlers = o.handlers.filter((h) => h.imports);
    if (graphHandlers.length && this.graphNodes.size) {
      this.graph = await buildGraph({
        cwd: o.cwd,
        // Changed-files mode: the other files were not read, so the graph reads what the focused files import (read-only).
        scope: o.focus ? [] : o.paths.map((p) => path.resolve(o.cwd, p)).filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory()),
        files: this.graphNodes,
        readOutside: (abs, fs) => {
          const h = graphHandlers.find((x) => x.matches(abs));
          const text = h && !abs.endsWith('.d.ts') && !abs.includes(`${path.sep}node_modules${path.sep}`) ? fs.read(abs) : undefined;
          if (text === undefined || text.length > o.maxFileSize) return undefined;
          const marker = h!.prefilter(text);
          return { marker, specs: h!.imports!(text), client: marker && CLIENT_HINT.test(text) };
        },
      });
    }
    const graph = this.graph;
    // Candidates read before the graph existed: their resolved imports (on the worker too).
    for (const [h, ctxs] of this.byHandler) {
      if (!graph || !h.imports) continue;
      for (const ctx of ctxs) {
        ctx.file.imports = graph.edges.get(ctx.file.abs);
        if (ctx.file.imports) this.offloads.get(h)?.annotate(ctx.file.abs, ctx.file.imports);
      }
    }
    for (const dep of graph?.load ?? []) {
      if (this.prefiltered.delete(dep)) this.load(dep, true);
      else if (graph!.outside.has(dep) && !this.results.has(dep) && !this.outsideResults.has(dep)) this.load(dep, true, true);
    }
    following();
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
