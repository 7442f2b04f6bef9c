import { parentPort, workerData } from 'node:worker_threads';
import { getProvider, resolveTarget } from '../providers/index.js';
import { parseRoutes } from '../routing/index.js';
import { ModelMap } from '../models/map.js';
import { makeContext } from './context.js';
import { flushCodeCache } from './code-cache.js';
import { processBatch } from './batch.js';
import { CHECKED_BYTES, collectGarbage } from './memory.js';
import type { LanguageHandler, LoadedFile } from './types.js';
import type { OffloadSetup, WorkerFileResult, WorkerMessage, WorkerReply } from './offload.js';

/**
 * Worker-thread side of src/engine/offload.ts: imports one handler, preloads its
 * parser, prepares each candidate as it arrives, then runs `process` on the
 * batch and sends back per-file edits, changes, follow-ups, findings, errors and
 * the verdict of the output check. It never reads or writes project files
 * itself except as the handler does in process (the main thread writes).
 */
const setup = workerData as OffloadSetup;
const port = parentPort!;

const mod = (await import(setup.module)) as Record<string, LanguageHandler>;
const handler = mod[setup.export]!;
await handler.preload?.();
const target = setup.target ? resolveTarget(getProvider(setup.target.provider), setup.target.region) : undefined;
if (target && setup.target?.routes?.length) target.routes = parseRoutes(setup.target.routes, target.provider);
const models = target && setup.overrides ? new ModelMap(target.provider, setup.overrides, target.routes) : undefined;
const files: LoadedFile[] = [];

port.on('message', (m: WorkerMessage) => {
  if (m.type === 'file') {
    files.push(m.file);
    try {
      handler.prepare?.(m.file);
    } catch {
      // process() parses it again and reports what went wrong.
    }
    return;
  }
  if (m.type === 'imports') {
    const f = files.find((x) => x.abs === m.abs);
    if (f) f.imports = m.imports;
    return;
  }
  void run().then(
    (reply) => port.postMessage(reply),
    (e: Error) => port.postMessage({ type: 'crash', message: e.message } satisfies WorkerReply),
  );
});

async function run(): Promise<WorkerReply> {
  const ctxs = files.map((f) => makeContext(f, target, models));
  const project = new Map<string, unknown>();
  const errors = await processBatch(handler, ctxs, { only: setup.only, project });
  const out: WorkerFileResult[] = [];
  for (const ctx of ctxs) {
    const error = errors.get(ctx.file.abs);
    let invalid: string | undefined;
    if (!error && ctx.edits.size && handler.validate) {
      const after = ctx.edits.apply(ctx.file.text);
      if (after !== ctx.file.text) {
        invalid = await handler.validate(after, ctx.file.rel);
        // Each check parses the whole file and drops the tree: collect the dead trees every 2 MB of text (src/engine/memory.ts).
        collectGarbage(after.length, CHECKED_BYTES);
      }
    }
    out.push({ abs: ctx.file.abs, edits: [...ctx.edits.all()], changes: ctx.changes, followUps: ctx.followUps, findings: ctx.findings, error, invalid });
  }
  flushCodeCache();
  return { type: 'result', files: out, project: [...project] };
}
