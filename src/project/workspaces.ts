import { msg, type Msg } from '../i18n/msg.js';
import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RootFs } from './fs.js';

/** A package of the repository's workspace: its name (from its package.json) and folder. */
export interface WorkspacePackage {
  name: string;
  dir: string;
}

/**
 * Workspace packages declared at the repository root: npm/yarn `workspaces` (array or
 * `{ packages }`), `pnpm-workspace.yaml` `packages`, `lerna.json` `packages`; Nx and
 * Turborepo repositories declare theirs through one of those (or use `apps/*` and
 * `packages/*`/`libs/*`, which are tried when nothing is declared). Globs are expanded
 * by listing folders inside the root only; a package folder that is a symlink is
 * skipped with a warning (its files may live outside the repository).
 */
export function workspacePackages(fs: RootFs, wsRoot: string, warn: (m: Msg) => void): Map<string, WorkspacePackage> {
  const out = new Map<string, WorkspacePackage>();
  const globs: Array<{ glob: string; from: string }> = [];
  const rootPkg = readJson(fs, path.join(wsRoot, 'package.json'));
  const ws = rootPkg?.workspaces as unknown;
  const list = Array.isArray(ws) ? ws : Array.isArray((ws as { packages?: unknown })?.packages) ? (ws as { packages: unknown[] }).packages : [];
  for (const g of list) if (typeof g === 'string') globs.push({ glob: g, from: 'package.json workspaces' });
  const pnpm = fs.read(path.join(wsRoot, 'pnpm-workspace.yaml'));
  if (pnpm !== undefined) {
    try {
      const doc = parseYaml(pnpm) as { packages?: unknown } | null;
      for (const g of Array.isArray(doc?.packages) ? doc.packages : []) if (typeof g === 'string') globs.push({ glob: g, from: 'pnpm-workspace.yaml' });
    } catch (e) {
      warn(msg('graph.pnpmWorkspaceParse', { error: (e as Error).message.split('\n')[0] ?? '' }));
    }
  }
  const lerna = readJson(fs, path.join(wsRoot, 'lerna.json'));
  for (const g of Array.isArray(lerna?.packages) ? (lerna.packages as unknown[]) : []) if (typeof g === 'string') globs.push({ glob: g, from: 'lerna.json' });
  const declared = globs.length > 0;
  if (!declared) for (const g of ['apps/*', 'packages/*', 'libs/*']) globs.push({ glob: g, from: '' });
  for (const { glob, from } of globs) {
    if (glob.startsWith('!')) continue;
    const dirs = expand(fs, wsRoot, glob.replace(/^\.\//, '').replace(/\/+$/, ''), warn);
    let found = 0;
    for (const dir of dirs) {
      const pkg = readJson(fs, path.join(dir, 'package.json'));
      if (typeof pkg?.name !== 'string') continue;
      found++;
      if (!out.has(pkg.name)) out.set(pkg.name, { name: pkg.name, dir });
    }
    if (declared && found === 0) warn(msg('graph.globNoMatch', { glob, from }));
  }
  return out;
}

/** Folders matching a workspace glob (`*` and `**` segments), listed inside the root; symlinked folders are refused. */
function expand(fs: RootFs, wsRoot: string, glob: string, warn: (m: Msg) => void): string[] {
  if (glob.split('/').includes('..') || path.isAbsolute(glob)) {
    warn(msg('graph.globOutside', { glob }));
    return [];
  }
  let dirs = [wsRoot];
  for (const seg of glob.split('/').filter(Boolean)) {
    const next: string[] = [];
    for (const d of dirs) {
      if (seg === '**') {
        next.push(d, ...subdirs(fs.root, d, warn, true));
        continue;
      }
      if (!seg.includes('*')) {
        const p = path.join(d, seg);
        if (isSymlink(p)) warn(msg('graph.symlinkPackage', { dir: path.relative(fs.root, p) }));
        else if (fs.isDir(p)) next.push(p);
        continue;
      }
      const re = new RegExp('^' + seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '$');
      for (const s of subdirs(fs.root, d, warn, false)) if (re.test(path.basename(s))) next.push(s);
    }
    dirs = next;
  }
  return dirs;
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function subdirs(root: string, dir: string, warn: (m: Msg) => void, deep: boolean): string[] {
  const out: string[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) {
      warn(msg('graph.symlinkPackage', { dir: path.relative(root, p) }));
      continue;
    }
    if (!e.isDirectory()) continue;
    out.push(p);
    if (deep) out.push(...subdirs(root, p, warn, true));
  }
  return out;
}

export function readJson(fs: RootFs, abs: string): Record<string, unknown> | undefined {
  const text = fs.read(abs);
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The folder that declares the workspace a run in `cwd` belongs to: the nearest one up to the root with `workspaces`, pnpm-workspace.yaml or lerna.json; else the root. */
export function workspaceRoot(fs: RootFs, cwd: string): string {
  for (let d = path.resolve(cwd); fs.inside(d); d = path.dirname(d)) {
    if (fs.isFile(path.join(d, 'pnpm-workspace.yaml')) || fs.isFile(path.join(d, 'lerna.json')) || readJson(fs, path.join(d, 'package.json'))?.workspaces) return d;
    if (d === fs.root) break;
  }
  return fs.root;
}
