import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/openai-migrate.js');

/** Run the built CLI (npm test builds first: see the pretest script). */
export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env },
    encoding: 'utf8',
    input: opts.input ?? '',
    timeout: 60_000,
    // SARIF over every fixture is past 1 MiB (spawnSync's default): the child was killed and its output cut.
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
