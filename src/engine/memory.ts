import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Text bytes of one handler sub-batch in a dense run (default 1 MB: about 35 MB of JS/TS
 * trees): the JS/TS and Python handlers cut a larger batch into import-connected
 * sub-batches of about this size (src/lang/js/batches.ts, src/lang/python/batches.ts).
 * `OPENAI_MIGRATE_BATCH_BYTES` overrides it (tests force tiny batches).
 */
export function batchBytes(): number {
  const env = Number(process.env.OPENAI_MIGRATE_BATCH_BYTES);
  return Number.isFinite(env) && env > 0 ? env : 1_000_000;
}

/** Text bytes the output check parses between two collections (src/engine/worker.ts, src/engine/finish.ts). */
export const CHECKED_BYTES = 2_000_000;

let gc: (() => void) | null | undefined;
/** Text bytes whose trees were dropped since the last collection. */
let dropped = 0;

/**
 * A full garbage collection, now. A dense run's JS/TS handler works through
 * sub-batches (src/lang/js/batches.ts) and drops each one's syntax trees when it
 * is done, but V8 lets dead trees pile up in the old generation (measured: 170 MB
 * of dead trees before its first full collection on a 5,000-file dense run), so
 * the peak would still grow with the batch. Collecting between sub-batches keeps
 * the heap at one sub-batch's trees, for tens of milliseconds each; small
 * sub-batches wait until `bytes` of text (their trees about 35 times that) add up
 * to 256 KB (`every`: the output check, which re-parses each changed file and
 * drops the tree at once, collects every 2 MB). A no-op where V8 does not allow it.
 */
export function collectGarbage(bytes: number, every = 256_000): void {
  dropped += bytes;
  if (dropped < every) return;
  dropped = 0;
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
