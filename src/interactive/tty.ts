import { createInterface, type Interface } from 'node:readline';
import type { ReviewIO } from './review.js';

/**
 * Terminal IO for the review: prompts on stdout, answers read as lines from
 * stdin. Lines typed ahead of a prompt are queued, not lost.
 */
export function terminalIO(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stdout): ReviewIO & { close(): void } {
  const queue: string[] = [];
  const waiting: Array<(l: string | null) => void> = [];
  let ended = false;
  let rl: Interface | undefined;
  // Opened on the first prompt, so a run that fails before any prompt leaves stdin alone.
  const open = () => {
    if (rl || ended) return;
    rl = createInterface({ input, terminal: false });
    rl.on('line', (l) => (waiting.length ? waiting.shift()!(l) : queue.push(l)));
    rl.on('close', () => {
      ended = true;
      while (waiting.length) waiting.shift()!(null);
    });
  };
  return {
    write: (s) => void output.write(s),
    readLine: () => {
      open();
      return queue.length ? Promise.resolve(queue.shift()!) : ended ? Promise.resolve(null) : new Promise((r) => waiting.push(r));
    },
    close: () => {
      ended = true;
      rl?.close();
    },
  };
}
