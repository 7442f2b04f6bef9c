import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResolvedTarget } from '../providers/index.js';
import type { ModelMap } from '../models/map.js';
import { EditList, type TextEdit } from './edits.js';
import { processBatch } from './batch.js';
import type { Change, FileContext, Finding, FollowUp, HandlerError, HandlerOptions, LanguageHandler, LoadedFile } from './types.js';

/**
 * Running one handler on a worker thread, so a large run uses two cores: the
 * worker loads the parser while the main thread walks and reads, parses each
 * candidate as soon as it is read, and analyses the batch while the main thread
 * runs the other handlers. Results come back as data (edits, changes, findings)
 * and the main thread applies, checks, diffs and writes as for any handler.
 * If the worker cannot start or fails, the handler runs on the main thread:
 * a worker can make a run faster, never different.
 *
 * When: `OPENAI_MIGRATE_WORKERS=0` never, `=1` always (tests), otherwise when a
 * run discovers at least MIN_FILES files and the machine has more than one core.
 * Measured with `npm run bench` on 2 cores: 5,000 files 0.63 s without the
 * worker, 0.66 s with it; 20,000 files 1.22 s without, 1.12 s with.
 */
export const MIN_FILES = 10_000;

export interface OffloadSetup {
  module: string;
  export: string;
  target?: { provider: string; region: string; routes?: string[] };
  overrides?: Record<string, string>;
  only?: string[];
}

export type WorkerMessage = { type: 'file'; file: LoadedFile } | { type: 'imports'; abs: string; imports: Record<string, string> } | { type: 'run' };

export interface WorkerFileResult {
  abs: string;
  edits: TextEdit[];
  changes: Change[];
  followUps: FollowUp[];
  findings: Finding[];
  error?: HandlerError;
  /** The output check's verdict on the edited text (undefined: it parses). */
  invalid?: string;
}

export type WorkerReply = { type: 'result'; files: WorkerFileResult[]; project: Array<[string, unknown]> } | { type: 'crash'; message: string };

export interface Outcome {
  errors: Map<string, HandlerError>;
  /** Output-check verdicts already made on the worker, by file (absent: check on the main thread). */
  verdicts?: Map<string, string | undefined>;
  /** Why the worker was not used after all (it failed), for the timing report. */
  fellBack?: string;
}

export function useWorkers(discovered: number, forced?: boolean): boolean {
  const env = process.env.OPENAI_MIGRATE_WORKERS;
  if (env === '0' || env === '1') return env === '1';
  if (forced !== undefined) return forced;
  return discovered >= MIN_FILES && os.availableParallelism() > 1;
}

/**
 * The compiled module a worker can load. Tests run the TypeScript sources, which
 * a worker thread cannot import; they get the twin under dist/ (built by
 * `pretest`), or no worker when there is none.
 */
function loadable(url: string): string | undefined {
  if (!url.endsWith('.ts')) return url;
  const file = fileURLToPath(url);
  // The last src/ or transforms/ segment is the package's own (the checkout may sit under another src/).
  const twin = file.replace(/^(.*)([\\/])(src|transforms)([\\/].*)\.ts$/, '$1$2dist$2$3$4.js');
  return twin !== file && existsSync(twin) ? pathToFileURL(twin).href : undefined;
}

export class Offload {
  private readonly reply: Promise<WorkerReply>;

  private constructor(private readonly worker: Worker) {
    this.reply = new Promise((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (e) => resolve({ type: 'crash', message: e.message }));
      worker.once('exit', (code) => resolve({ type: 'crash', message: `worker exited with code ${code}` }));
    });
  }

  /** Start a worker for `handler`, or undefined when it cannot run on one. */
  static start(handler: LanguageHandler, o: { target?: ResolvedTarget; models?: ModelMap; only?: string[] }): Offload | undefined {
    if (!handler.worker) return undefined;
    const module = loadable(handler.worker.module);
    const entry = loadable(new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href);
    if (!module || !entry) return undefined;
    const setup: OffloadSetup = {
      module,
      export: handler.worker.export,
      target: o.target ? { provider: o.target.provider.id, region: o.target.region, routes: o.target.routes?.map((r) => r.spec) } : undefined,
      overrides: o.models ? { ...o.models.overrides } : undefined,
      only: o.only,
    };
    try {
      return new Offload(new Worker(new URL(entry), { workerData: setup }));
    } catch {
      return undefined;
    }
  }

  /** A candidate was read: the worker may start on it now. */
  post(file: LoadedFile): void {
    this.worker.postMessage({ type: 'file', file } satisfies WorkerMessage);
  }

  /** The project graph resolved a posted file's imports. */
  annotate(abs: string, imports: Record<string, string>): void {
    this.worker.postMessage({ type: 'imports', abs, imports } satisfies WorkerMessage);
  }

  /** No candidates for this handler after all. */
  cancel(): void {
    void this.worker.terminate();
  }

  /** Run the batch on the worker and put its results into the main thread's contexts. */
  async finish(handler: LanguageHandler, ctxs: FileContext[], opts: HandlerOptions): Promise<Outcome> {
    this.worker.postMessage({ type: 'run' } satisfies WorkerMessage);
    const r = await this.reply;
    void this.worker.terminate();
    const byAbs = r.type === 'result' ? new Map(r.files.map((f) => [f.abs, f])) : undefined;
    if (r.type !== 'result' || !byAbs || ctxs.some((c) => !byAbs.has(c.file.abs))) {
      const why = r.type === 'crash' ? r.message : 'the worker did not return every file';
      return { errors: await processBatch(handler, ctxs, opts), fellBack: why };
    }
    const verdicts = new Map<string, string | undefined>();
    const errors = new Map<string, HandlerError>();
    for (const ctx of ctxs) {
      const f = byAbs.get(ctx.file.abs)!;
      ctx.edits = EditList.restore(f.edits);
      ctx.changes.push(...f.changes);
      ctx.followUps.push(...f.followUps);
      ctx.findings.push(...f.findings);
      if (f.error) errors.set(ctx.file.abs, f.error);
      verdicts.set(ctx.file.abs, f.invalid);
    }
    for (const [k, v] of r.project) opts.project?.set(k, v);
    return { errors, verdicts };
  }
}
