import { execFile } from 'node:child_process';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** What `check --changed-since <ref>` / `--staged` compares. */
export type ChangedSpec = { since: string; staged?: undefined } | { staged: true; since?: undefined };

/**
 * Every git call of the changed-files mode: NUL-separated output (`-z`, so
 * quoted non-ASCII names and renames need no unquoting), no fsmonitor hook
 * (`core.fsmonitor=false`: a repository's configured hook never runs), and
 * literal pathspecs. Resolves stdout, or rejects with git's message.
 */
function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', ...args],
      { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0' } },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(new Error(String(stderr || err.message).trim()), { code: (err as NodeJS.ErrnoException).code }));
        else resolve(stdout);
      },
    );
  });
}

const split = (out: string) => out.split('\0').filter(Boolean);

/**
 * The files to report in changed-files mode, as absolute paths. `since`: files
 * that differ between the merge base of the ref and HEAD and the work tree
 * (commits on the branch, staged and unstaged edits), plus untracked files that
 * are not ignored. `staged`: files added, copied, modified or renamed in the
 * index. Deleted files are left out (nothing to read); a rename counts as its
 * new name. Paths are resolved against `root` (the repository root). Not a git work tree, or an unknown ref: a usage error (exit 2).
 */
export async function changedFiles(cwd: string, spec: ChangedSpec, root: string): Promise<{ files: Set<string> }> {
  if (spec.since !== undefined && (!spec.since || spec.since.startsWith('-'))) throw new UsageError('E_GIT_REF', `--changed-since expects a git ref (a branch, tag or commit), got "${spec.since}"`);
  let top: string;
  try {
    top = (await git(cwd, ['rev-parse', '--show-toplevel'])).replace(/\r?\n$/, '');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : 'not inside a git work tree';
    throw new UsageError('E_NOT_GIT', `${spec.staged ? '--staged' : '--changed-since'} needs git: ${why}`);
  }
  const names: string[] = [];
  if (spec.staged) {
    names.push(...split(await git(top, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', '--no-ext-diff'])));
  } else {
    let base: string;
    try {
      base = (await git(top, ['merge-base', spec.since, 'HEAD'])).trim();
    } catch {
      try {
        // No common history (a shallow clone): compare with the ref itself.
        base = (await git(top, ['rev-parse', '--verify', '--end-of-options', `${spec.since}^{commit}`])).trim();
      } catch {
        throw new UsageError('E_GIT_REF', `--changed-since ${spec.since}: not a commit git knows here (in CI, fetch it first: git fetch origin ${spec.since} or checkout with fetch-depth: 0)`);
      }
    }
    names.push(...split(await git(top, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', '--no-ext-diff', base])));
    names.push(...split(await git(top, ['ls-files', '-z', '--others', '--exclude-standard'])));
  }
  // Resolved against the repository root as the walk sees it (git prints it with symlinks resolved).
  return { files: new Set(names.map((n) => path.resolve(root, n))) };
}
