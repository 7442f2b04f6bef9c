import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The project graph's only window on the disk: every read and every existence
 * check goes through here and is refused for a path outside the repository root
 * (a symlink included: its target must be inside too). Results are cached for
 * the run, so resolving the same folder twice costs one stat.
 */
export class RootFs {
  private readonly stats = new Map<string, 'file' | 'dir' | undefined>();
  constructor(readonly root: string) {}

  inside(abs: string): boolean {
    return abs === this.root || abs.startsWith(this.root.endsWith(path.sep) ? this.root : this.root + path.sep);
  }

  kind(abs: string): 'file' | 'dir' | undefined {
    if (!this.inside(abs)) return undefined;
    if (this.walked.has(abs)) return 'file';
    if (this.stats.has(abs)) return this.stats.get(abs);
    let k: 'file' | 'dir' | undefined;
    try {
      // No exception for a missing file (most probes): an ENOENT throw costs far more than the stat.
      const st = statSync(abs, { throwIfNoEntry: false });
      k = st?.isFile() ? 'file' : st?.isDirectory() ? 'dir' : undefined;
    } catch {
      k = undefined;
    }
    this.stats.set(abs, k);
    return k;
  }

  isFile = (abs: string): boolean => this.kind(abs) === 'file';
  isDir = (abs: string): boolean => this.kind(abs) === 'dir';

  /** A file the walk found (no disk access). */
  isKnown = (abs: string): boolean => this.walked.has(abs);
  /** A folder the walk listed: the walk's files are all there is of interest in it (no disk access needed). */
  walkedDir = (abs: string): boolean => this.scope.some((s) => abs === s || abs.startsWith(s + path.sep));
  private walked: { has(k: string): boolean } = new Set<string>();
  private scope: string[] = [];

  /** The files the walk found (no stat needed for them) and the folders it walked whole (the folder arguments). */
  known(files: { has(k: string): boolean }, scope: string[]): void {
    this.walked = files;
    this.scope = scope;
  }

  /** The file's text, or undefined when it is missing, unreadable or (through a symlink) outside the root. */
  read(abs: string): string | undefined {
    if (!this.isFile(abs)) return undefined;
    try {
      if (!this.inside(realpathSync(abs))) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  }
}

/** Files and folders that mark a repository (or workspace) root. */
const ROOT_MARKERS = ['pnpm-workspace.yaml', 'lerna.json', 'nx.json', 'turbo.json'];

/**
 * The repository root for a run in `cwd`: the nearest folder holding `.git`; without one, the
 * nearest folder that declares a workspace (pnpm, Lerna, Nx, Turborepo, or a package.json with
 * `workspaces`); without either, `cwd` itself. Nothing above it is ever read.
 */
export function findRoot(cwd: string): string {
  const start = path.resolve(cwd);
  for (let dir = start; ; ) {
    try {
      statSync(path.join(dir, '.git'));
      return dir;
    } catch {
      // not here
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (let dir = start; ; ) {
    for (const m of ROOT_MARKERS) {
      try {
        statSync(path.join(dir, m));
        return dir;
      } catch {
        // not here
      }
    }
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { workspaces?: unknown };
      if (pkg.workspaces) return dir;
    } catch {
      // none or not JSON
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return start;
}
