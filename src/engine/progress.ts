/**
 * A one-line progress display on stderr for long runs ("reading 8,000/20,000
 * files"). It draws only for a person watching: stderr is a TTY, `CI` is not
 * set and the output is not JSON. It stays silent for the first `delayMs` (short
 * runs never flicker), redraws at most every `intervalMs`, and erases itself on
 * `end()` so the report that follows starts on a clean line.
 */

export type ProgressPhase = 'read' | 'analyse';

export interface Progress {
  /** Per file: `done` of `total` in `phase`. Cheap to call on every file. */
  update(phase: ProgressPhase, done: number, total: number): void;
  /** Erase the line (call before printing the report, also on errors). */
  end(): void;
  /** Whether anything will ever be drawn. */
  readonly enabled: boolean;
}

export interface ProgressOptions {
  /** Default: process.stderr. */
  stream?: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
  /** Default: process.env (only `CI` is read). */
  env?: NodeJS.ProcessEnv;
  /** JSON (or any machine-read) output: never draw. */
  json?: boolean;
  /** Start drawing only after this long (ms). Default 300. */
  delayMs?: number;
  /** Redraw at most this often (ms). Default 100. */
  intervalMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

const LABEL: Record<ProgressPhase, string> = { read: 'reading', analyse: 'analysing' };

/** Whether a progress line may be drawn on `stream` (TTY, not CI, not JSON). */
export function progressEnabled(o: Pick<ProgressOptions, 'stream' | 'env' | 'json'> = {}): boolean {
  const stream = o.stream ?? process.stderr;
  const env = o.env ?? process.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  return !o.json && !ci && stream.isTTY === true;
}

/** Create the progress line; a no-op object when not enabled. */
export function createProgress(o: ProgressOptions = {}): Progress {
  const enabled = progressEnabled(o);
  if (!enabled) return { enabled, update() {}, end() {} };
  const stream = o.stream ?? process.stderr;
  const now = o.now ?? Date.now;
  const start = now();
  const delay = o.delayMs ?? 300;
  const interval = o.intervalMs ?? 100;
  let last = -Infinity;
  let drawn = false;
  return {
    enabled,
    update(phase, done, total) {
      const t = now();
      // The last file of a phase always redraws, so the line never stalls short of total.
      if (t - start < delay || (t - last < interval && done !== total)) return;
      last = t;
      const pct = total ? Math.floor((done / total) * 100) : 100;
      let line = `openai-migrate: ${LABEL[phase]} ${done.toLocaleString('en')}/${total.toLocaleString('en')} files (${pct}%)`;
      if (stream.columns && line.length > stream.columns - 1) line = line.slice(0, stream.columns - 1);
      stream.write(`\r${line}\x1b[K`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
