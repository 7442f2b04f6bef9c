import path from 'node:path';
import type { RootFs } from './fs.js';
import { ownString } from '../engine/text.js';

/** `from X import a, b` / `from . import (a, b)` / `import X.Y as z`: the modules a Python file may import, unparsed. */
const FROM = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)/gm;
const IMPORT = /^[ \t]*import[ \t]+([^\n#]+)/gm;

/**
 * Module specifiers of a Python file for the project graph: `from app.core.llm import client`
 * gives `app.core.llm` and `app.core.llm.client` (a name may be a submodule), relative ones
 * keep their dots (`..core`, `..core.llm`).
 */
export function pyImports(text: string): string[] {
  if (!text.includes('import')) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(FROM)) {
    const mod = ownString(m[1]!);
    if (mod) out.add(mod);
    for (const raw of m[2]!.replace(/[()\\]/g, ' ').split(',')) {
      const name = raw.trim().split(/\s+/)[0];
      if (name && /^\w+$/.test(name)) out.add(ownString(mod.endsWith('.') ? mod + name : `${mod}.${name}`));
    }
  }
  for (const m of text.matchAll(IMPORT)) {
    for (const raw of m[1]!.split(',')) {
      const mod = raw.trim().split(/\s+/)[0];
      if (mod && /^[\w.]+$/.test(mod)) out.add(ownString(mod));
    }
  }
  return [...out];
}

/**
 * Python module resolution inside the repository: relative imports at any depth from the
 * importing file's package, absolute ones against the package roots, nearest first: the
 * folder Python puts first on `sys.path` for the importing file (its own folder when it is
 * a script, the folder holding its top package when it is in a package with `__init__.py`),
 * every folder with a pyproject.toml / setup.cfg / setup.py and its `src/` layout folder,
 * found walking up from the importing file, then the repository root. So `from config import
 * settings` in `apps/a/main.py` is `apps/a/config.py`, never `apps/b/config.py`.
 * `a.b` is `a/b.py` or `a/b/__init__.py`. Nothing is imported or run.
 */
export class PyResolver {
  private readonly rootsOf = new Map<string, string[]>();
  private readonly projectRootsOf = new Map<string, string[]>();
  constructor(private readonly fs: RootFs) {}

  resolve(fromAbs: string, spec: string): string | undefined {
    const dots = /^\.*/.exec(spec)![0].length;
    const parts = spec.slice(dots).split('.').filter(Boolean);
    if (dots) {
      let dir = path.dirname(fromAbs);
      for (let i = 1; i < dots; i++) dir = path.dirname(dir);
      return this.fs.inside(dir) ? this.module(dir, parts) : undefined;
    }
    for (const r of this.roots(path.dirname(fromAbs))) {
      const hit = this.module(r, parts);
      if (hit) return hit;
    }
    return undefined;
  }

  private module(dir: string, parts: string[]): string | undefined {
    const base = path.join(dir, ...parts);
    if (!parts.length) return this.fs.isFile(path.join(dir, '__init__.py')) ? path.join(dir, '__init__.py') : undefined;
    if (this.fs.isFile(base + '.py')) return base + '.py';
    if (this.fs.isFile(path.join(base, '__init__.py'))) return path.join(base, '__init__.py');
    return undefined;
  }

  /** Package roots for a file's folder: its own `sys.path` entry (the script's folder, or the one above its top package), then the project roots. */
  private roots(dir: string): string[] {
    const cached = this.rootsOf.get(dir);
    if (cached) return cached;
    let top = dir;
    while (top !== this.fs.root && this.fs.inside(top) && this.fs.isFile(path.join(top, '__init__.py'))) top = path.dirname(top);
    const project = this.projectRoots(dir);
    const out = this.fs.inside(top) && !project.includes(top) ? [top, ...project] : project;
    this.rootsOf.set(dir, out);
    return out;
  }

  /** Each project folder above a folder (and its `src/`), nearest first, then the repository root. */
  private projectRoots(dir: string): string[] {
    const cached = this.projectRootsOf.get(dir);
    if (cached) return cached;
    let out: string[];
    if (dir === this.fs.root || !this.fs.inside(dir)) out = [this.fs.root, path.join(this.fs.root, 'src')].filter((d) => this.fs.isDir(d));
    else {
      const mine = ['pyproject.toml', 'setup.cfg', 'setup.py'].some((f) => this.fs.isFile(path.join(dir, f))) ? [dir, path.join(dir, 'src')].filter((d) => this.fs.isDir(d)) : [];
      out = [...mine, ...this.projectRoots(path.dirname(dir)).filter((d) => !mine.includes(d))];
    }
    this.projectRootsOf.set(dir, out);
    return out;
  }
}
