import { refOf, type MsgRef } from '../i18n/msg.js';
import type { ResolvedTarget } from '../providers/index.js';
import type { ModelMap } from '../models/map.js';
import { Offload, useWorkers, type Outcome } from './offload.js';
import type { ProgressPhase } from './progress.js';
import { phase, timingNote } from './timing.js';
import { processBatch } from './batch.js';
import { discoverFiles, Reader } from './read.js';
import { Finisher } from './finish.js';
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
  /** The same warnings by id (src/i18n/msg.ts), for reports in another language. */
  graphWarningMsgs: MsgRef[];
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export { makeContext } from './context.js';
export { isGenerated } from './read.js';

/**
 * The pipeline: discover -> prefilter -> read (src/engine/read.ts) -> parse
 * candidates (once), detect and transform (each handler's `process`, on a
 * worker where it pays) -> apply edits, validate, diff, write
 * (src/engine/finish.ts). Each file is isolated: a failure is recorded for
 * that file, which stays byte-identical.
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
  const { all, results } = await discoverFiles(o);
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
  const reader = new Reader(o, results, offloads);
  reader.readAllFiles(all);
  await reader.follow();
  const { byHandler } = reader;
  const project = new Map<string, unknown>();
  const finisher = new Finisher(o, reader, reader.meta.size, project);

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
      await finisher.batch(h, byHandler.get(h)!, outcome);
      byHandler.delete(h);
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
    await finisher.batch(handler, ctxs, { errors });
    // Finished: the results keep edits' changes, findings, follow-ups and the diff; the contexts (texts, line indexes) go.
    byHandler.delete(handler);
  }
  await drain();
  return {
    files: [...results.values()],
    scanned: reader.scanned,
    candidates: finisher.total,
    graphWarnings: (reader.graph?.warnings ?? []).map((w) => w.text),
    graphWarningMsgs: (reader.graph?.warnings ?? []).map((w) => refOf(w)!),
  };
}
