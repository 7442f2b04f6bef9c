import { execFile } from 'node:child_process';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/**
 * Every git command the tool runs goes through `git()`: nothing a repository
 * plants in its `.git/config` runs (no fsmonitor command, no hooks), paths
 * are literal (a folder named `:x` is not a pathspec), output is read with
 * `-z` where git offers it (no quoting of non-ASCII names), and variables
 * that would point every call at one repository (`GIT_DIR`, ...) are dropped
 * so `-C <folder>` decides.
 */
const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.untrackedCache=false', '--literal-pathspecs', '--no-optional-locks'];
const DROP_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_PREFIX',
  'GIT_LITERAL_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_ICASE_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
];

function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of DROP_ENV) delete env[k];
  return env;
}

export function git(dir: string, args: string[], config: string[] = []): Promise<{ ok: boolean; stdout: string; stderr?: string; missing?: boolean }> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, ...SAFE, ...config, ...args], { env: gitEnv(), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) return resolve({ ok: false, stdout: '', stderr, missing: (err as NodeJS.ErrnoException).code === 'ENOENT' });
      resolve({ ok: true, stdout });
    });
  });
}

export interface StatusEntry {
  /** The two status letters (`M `, `??`, `R `, ...). */
  xy: string;
  /** Path relative to the repository root, as git stores it (UTF-8, never quoted). */
  path: string;
  /** The source of a rename or copy. */
  from?: string;
}

/** `git status --porcelain=v1 -z` output: `XY path\0`, renames and copies `XY new\0old\0`. */
export function parseStatusZ(out: string): StatusEntry[] {
  const parts = out.split('\0');
  const entries: StatusEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === undefined || p.length < 4) continue;
    const e: StatusEntry = { xy: p.slice(0, 2), path: p.slice(3) };
    if (e.xy[0] === 'R' || e.xy[0] === 'C' || e.xy[1] === 'R' || e.xy[1] === 'C') e.from = parts[++i];
    entries.push(e);
  }
  return entries;
}

export interface Repo {
  /** The work tree's top level (a real path, as git prints it). */
  top: string;
  /** Its git folder (absolute; `.git/modules/x` for a submodule). */
  gitDir: string;
}

/**
 * `git status` runs the clean filter of a file whose stat data changed: a
 * filter driver planted in the repository's own config (`filter.x.clean =
 * <command>` plus an attributes line) would run. Every driver the repository's
 * config defines is blanked for our calls (drivers from the user's global
 * config, such as git-lfs, are the user's own and stay).
 */
async function noLocalFilters(top: string): Promise<string[]> {
  const r = await git(top, ['config', '--local', '--includes', '-z', '--name-only', '--get-regexp', '^filter\\.']);
  const out: string[] = [];
  for (const key of new Set(r.stdout.split('\0').filter(Boolean))) {
    const m = /^filter\.(.+)\.[^.]+$/.exec(key);
    if (m) for (const k of ['clean', 'smudge', 'process']) out.push('-c', `filter.${m[1]}.${k}=`);
  }
  return out;
}

const repoCache = new Map<string, Promise<Repo | undefined>>();

/** The repository `dir` belongs to (git's own answer, so worktrees and submodules count), or undefined. */
export function repoOf(dir: string): Promise<Repo | undefined> {
  let p = repoCache.get(dir);
  if (!p) {
    p = git(dir, ['rev-parse', '--show-toplevel', '--absolute-git-dir']).then((r) => {
      if (!r.ok) return undefined;
      const [top, gitDir] = r.stdout.split('\n');
      return top && gitDir ? { top, gitDir } : undefined;
    });
    repoCache.set(dir, p);
  }
  return p;
}

const inside = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * A given path must not leave the tree through a symlink: every symlink on the
 * way from the current folder to it (the path itself, or a folder in it) must
 * point inside the repository the link lives in (or, outside any repository,
 * inside the link's own folder). Otherwise `E_OUTSIDE_ROOT`: nothing is read
 * there, nothing written.
 */
export async function checkSymlinks(cwd: string, given: string): Promise<void> {
  const abs = path.resolve(cwd, given);
  const parts = abs.split(path.sep).filter(Boolean);
  let cur = path.parse(abs).root;
  for (const part of parts) {
    const next = path.join(cur, part);
    let link = false;
    try {
      link = lstatSync(next).isSymbolicLink();
    } catch {
      return; // missing: discover says so
    }
    if (link) {
      const parent = realOr(cur);
      const target = realOr(next);
      const repo = await repoOf(parent);
      const container = repo?.top ?? parent;
      if (!inside(target, container)) {
        throw new UsageError(
          'E_OUTSIDE_ROOT',
          `${given}: ${path.relative(cwd, next) || next} is a symlink to ${target}, outside ${repo ? `the repository ${container}` : container}; symlinks are not followed out of the tree (pass the real path if it should be migrated)`,
        );
      }
    }
    cur = next;
  }
}

/** The real folders writes may land in: each given folder, or the repository (else folder) of a given file. */
export async function writeRoots(cwd: string, given: string[]): Promise<string[]> {
  const roots: string[] = [];
  for (const g of given) {
    const abs = path.resolve(cwd, g);
    let dir = abs;
    try {
      if (!statSync(abs).isDirectory()) {
        const parent = realOr(path.dirname(abs));
        dir = (await repoOf(parent))?.top ?? parent;
      }
    } catch {
      continue;
    }
    roots.push(realOr(dir));
  }
  return roots;
}

/** Nearest folder at or above `dir` holding a `.git` entry (a folder, or a file for submodules and worktrees). */
function nearestGit(dir: string, cache: Map<string, string | null>): string | null {
  const seen: string[] = [];
  let d = dir;
  let found: string | null = null;
  for (;;) {
    const c = cache.get(d);
    if (c !== undefined) {
      found = c;
      break;
    }
    seen.push(d);
    try {
      lstatSync(path.join(d, '.git'));
      found = d;
      break;
    } catch {
      /* not here */
    }
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const s of seen) cache.set(s, found);
  return found;
}

export interface GuardOptions {
  cwd: string;
  /** The paths as given (relative to cwd). */
  given: string[];
  /** Every file the run may write (absolute). */
  files: string[];
  force: boolean;
  /** Called with the repositories before they are checked (taking their locks first, so a run that finishes meanwhile is seen). */
  lock?: (repos: Repo[]) => void;
}

/**
 * The repositories a run writes into: the repository of every given path and
 * of every discovered file (a submodule or a nested repository, git-ignored or
 * not, is its own repository). Unless `force`: a path outside any repository
 * is refused (`E_NOT_IN_REPO`: git could not show or undo the migration), and
 * any uncommitted change under the given paths in any of these repositories
 * refuses the run (`E_DIRTY_TREE`). When git itself is missing, both refuse.
 */
export async function guardRepos(o: GuardOptions): Promise<Repo[]> {
  const repos = new Map<string, Repo>();
  const outside: string[] = [];
  /** Paths below a `.git` that git refused to read (another owner: safe.directory, a broken repository). */
  const unreadable: string[] = [];
  const cache = new Map<string, string | null>();
  const roots: Array<{ given: string; real: string }> = [];
  let gitMissing = false;
  for (const g of o.given) {
    const abs = path.resolve(o.cwd, g);
    let dir = abs;
    try {
      if (!statSync(abs).isDirectory()) dir = path.dirname(abs);
    } catch {
      continue;
    }
    const real = realOr(abs);
    roots.push({ given: g, real });
    const repo = await repoOf(realOr(dir));
    if (repo) repos.set(repo.top, repo);
    else {
      outside.push(g);
      if (!gitMissing) gitMissing = !!(await git(realOr(dir), ['--version'])).missing;
      const near = nearestGit(realOr(dir), cache);
      if (near && !gitMissing) {
        const why = (await git(realOr(dir), ['rev-parse', '--show-toplevel'])).stderr?.split('\n').find((l) => l.trim()) ?? '';
        unreadable.push(`${near}${why ? ` (git: ${why.trim()})` : ''}`);
      }
    }
  }
  // Files below the given folders that live in another repository (submodules, nested repositories).
  const candidates = new Set<string>();
  for (const f of o.files) {
    const near = nearestGit(path.dirname(f), cache);
    if (near) candidates.add(near);
  }
  for (const c of candidates) {
    const repo = await repoOf(realOr(c));
    if (repo) repos.set(repo.top, repo);
    else if (!gitMissing) {
      // A `.git` that git will not read (a broken submodule, another owner): its files cannot be checked.
      outside.push(path.relative(o.cwd, c) || '.');
      const why = (await git(realOr(c), ['rev-parse', '--show-toplevel'])).stderr?.split('\n').find((l) => l.trim()) ?? '';
      unreadable.push(`${c}${why ? ` (git: ${why.trim()})` : ''}`);
    }
  }
  if (!o.force && outside.length) {
    throw new UsageError(
      'E_NOT_IN_REPO',
      gitMissing
        ? `git was not found, so uncommitted work under ${outside.join(', ')} cannot be checked; install git, or pass --force to write anyway`
        : unreadable.length
          ? `refusing to write: git cannot read the repository of ${outside.join(', ')}: ${unreadable.join('; ')}; fix that (for another owner: git config --global --add safe.directory <path>), or pass --force`
          : `refusing to write: ${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} not inside a git repository, so the migration could not be reviewed or undone with git; run it inside a repository, preview with --dry-run, or pass --force`,
    );
  }
  o.lock?.([...repos.values()]);
  if (o.force) return [...repos.values()];
  const tops = [...repos.keys()];
  const dirty: string[] = [];
  for (const repo of repos.values()) {
    // Pathspecs: the given paths inside this repository; '.' for a repository nested below a given folder.
    const specs = new Set<string>();
    for (const r of roots) {
      if (inside(r.real, repo.top)) specs.add(path.relative(repo.top, r.real) || '.');
      else if (inside(repo.top, r.real)) specs.add('.');
    }
    if (!specs.size) specs.add('.');
    // Submodules are not entered from here: one the run writes into is a repository of its own in this loop.
    const st = await git(repo.top, ['status', '--porcelain=v1', '-z', '--untracked-files=normal', '--ignore-submodules=all', '--', ...specs], await noLocalFilters(repo.top));
    if (!st.ok) {
      throw new UsageError('E_DIRTY_TREE', `refusing to write: \`git status\` failed in ${repo.top}, so uncommitted work there cannot be checked; pass --force to write anyway`);
    }
    // Nested repositories are judged on their own: the parent's `?? nested/` or ` M sub` line is not a change of its own.
    const nested = new Set(tops.filter((t) => t !== repo.top && inside(t, repo.top)).map((t) => path.relative(repo.top, t).split(path.sep).join('/')));
    for (const e of parseStatusZ(st.stdout)) {
      const p = e.path.replace(/\/$/, '');
      if (nested.has(p)) continue;
      dirty.push(path.relative(o.cwd, path.join(repo.top, e.path)) || '.');
      if (e.from !== undefined) dirty.push(path.relative(o.cwd, path.join(repo.top, e.from)));
    }
  }
  if (dirty.length) {
    throw new UsageError(
      'E_DIRTY_TREE',
      `refusing to write: the git work tree has uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', ...' : ''}).\n` +
        'Commit or stash them so the migration can be reviewed and undone on its own, preview with --dry-run, or pass --force.',
    );
  }
  return [...repos.values()];
}
