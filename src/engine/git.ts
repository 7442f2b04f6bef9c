import { execFile } from 'node:child_process';

/**
 * Uncommitted changes under `paths`, or undefined when git is missing or the
 * folder is not a work tree (the guard then steps aside rather than fail).
 */
export function dirtyFiles(cwd: string, paths: string[]): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['status', '--porcelain', '--', ...(paths.length ? paths : ['.'])], { cwd }, (err, stdout) => {
      if (err) return resolve(undefined);
      resolve(stdout.split('\n').filter((l) => l.trim()).map((l) => l.slice(3)));
    });
  });
}
