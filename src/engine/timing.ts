/**
 * Phase timings for `OPENAI_MIGRATE_TIMING=1` (like ESLint's `TIMING=1`): where a
 * slow run spends its time, printed on stderr when the process exits. Off by
 * default; when off, each call is a property check.
 */
const enabled = (): boolean => {
  const v = process.env.OPENAI_MIGRATE_TIMING;
  return v !== undefined && v !== '' && v !== '0';
};

const phases = new Map<string, number>();
/** Peak RSS of the process (MB, all threads) when each phase last ended: which stage raised the peak. */
const peaks = new Map<string, number>();
const notes: string[] = [];
let hooked = false;

function print(): void {
  const rows = [...phases].map(([name, ms]) => `  ${name.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms  (peak RSS ${peaks.get(name)} MB)`);
  rows.push(`  ${'total (since process start)'.padEnd(28)} ${performance.now().toFixed(1).padStart(8)} ms  (peak RSS ${peakMB()} MB)`);
  process.stderr.write(`openai-migrate timing:\n${rows.join('\n')}\n${notes.map((n) => `  ${n}\n`).join('')}`);
}

/** Start a phase; call the returned function to end it. Repeated phases add up. */
export function phase(name: string): () => void {
  if (!enabled()) return () => {};
  if (!hooked) {
    hooked = true;
    process.on('exit', print);
  }
  const t = performance.now();
  return () => {
    phases.set(name, (phases.get(name) ?? 0) + performance.now() - t);
    peaks.set(name, peakMB());
  };
}

const peakMB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** A one-line fact for the timing report (e.g. whether a code cache was used). */
export function timingNote(text: string): void {
  if (enabled()) notes.push(text);
}
