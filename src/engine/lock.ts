import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';

/**
 * One writing run per repository: a lock file in the repository's git folder
 * (`.git/openai-migrate.lock`, so the work tree stays clean), or for a folder
 * outside git (with --force) in the system temp folder, named after its real
 * path. It holds the owner's pid; a lock whose pid is no longer running (a
 * killed run) is taken over. Released when the run ends or is interrupted.
 */
const held = new Set<string>();

export function lockFileFor(gitDir: string | undefined, folder: string): string {
  if (gitDir) return path.join(gitDir, 'openai-migrate.lock');
  return path.join(os.tmpdir(), `openai-migrate-${createHash('sha256').update(folder).digest('hex').slice(0, 16)}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(file: string, where: string): void {
  if (held.has(file)) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, started: new Date().toISOString(), tool: 'openai-migrate' }) + '\n');
      } finally {
        closeSync(fd);
      }
      held.add(file);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        // A lock that cannot be created (read-only git folder) does not stop the run: there is nothing to race with.
        return;
      }
    }
    let pid: number | undefined;
    let young = false;
    try {
      pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: number }).pid;
    } catch {
      // Being written by its owner right now, or garbage: young means the former.
      try {
        young = Date.now() - statSync(file).mtimeMs < 5000;
      } catch {
        continue; // gone meanwhile: try again
      }
    }
    if (young || (typeof pid === 'number' && pid !== process.pid && alive(pid))) {
      throw new UsageError('E_LOCKED', `another openai-migrate run${pid ? ` (pid ${pid})` : ''} is writing in ${where}; wait for it to finish (if no run is going on, delete ${file})`);
    }
    try {
      unlinkSync(file); // stale: its run is gone
    } catch {
      /* another run took it over first; the next attempt sees its lock */
    }
  }
  throw new UsageError('E_LOCKED', `could not take the lock ${file} for ${where}; try again`);
}

/** Release every lock this process holds (also from a signal handler: synchronous). */
export function releaseLocks(): void {
  for (const f of held) {
    try {
      const owner = (JSON.parse(readFileSync(f, 'utf8')) as { pid?: number }).pid;
      if (owner === process.pid) unlinkSync(f);
    } catch {
      /* already gone */
    }
  }
  held.clear();
}
