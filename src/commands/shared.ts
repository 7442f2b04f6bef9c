import { Option } from 'commander';
import { createProgress } from '../engine/progress.js';
import { reporter } from '../report/formats.js';

/** The global flags (`openai-migrate --verbose --quiet --lang zh <command>`). */
export interface GlobalOptions {
  verbose?: boolean;
  quiet?: boolean;
  lang?: string;
}

/** Repeatable flag: `--include a --include b` -> ['a', 'b']. */
export const collect = (v: string, prev: string[] = []) => [...prev, v];

export function formatOption(choices: string[]) {
  return new Option('--format <format>', 'output format').choices(choices).default('text');
}

export function colorEnabled(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY;
}

/** Progress line on stderr for long runs: TTY only, never in CI or with a machine-read --format. */
export const progressLine = (format: string) => createProgress({ json: reporter(format).machine });
