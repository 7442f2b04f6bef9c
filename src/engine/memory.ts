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

/**
 * A batch cut into sub-batches of about `budget` text bytes: files `link` joins (an import and its target, at any
 * depth) share a group; consecutive groups, in the order of their first file, share a sub-batch up to the budget;
 * files keep batch order. Used by the JS/TS and Python handlers (src/lang/js/batches.ts, src/lang/python/batches.ts).
 */
export function packConnected<T extends { file: { text: string } }>(files: T[], budget: number, link: (i: number, join: (j: number) => void) => void): T[][] {
  const parent = files.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < files.length; i++) {
    link(i, (j) => {
      parent[find(j)] = find(i);
    });
  }
  const groups = new Map<number, number[]>();
  files.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  const out: number[][] = [];
  let cur: number[] = [];
  let bytes = 0;
  for (const g of groups.values()) {
    const size = g.reduce((n, i) => n + files[i]!.file.text.length, 0);
    if (cur.length && bytes + size > budget) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(...g);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out.map((b) => b.sort((x, y) => x - y).map((i) => files[i]!));
}
