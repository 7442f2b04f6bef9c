import { msg, type Msg } from '../i18n/msg.js';
import path from 'node:path';
import type { RootFs } from './fs.js';
import type { WorkspacePackage } from './workspaces.js';

/** What module resolution needs from a tsconfig.json / jsconfig.json after `extends`. */
export interface ProjectConfig {
  /** The config file (absolute). */
  file: string;
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** Folder `paths` entries are relative to (baseUrl, else the folder of the config declaring `paths`). */
  pathsBase?: string;
  /** `paths` patterns as prefix/suffix pairs, for a quick "is this an alias" test. */
  patterns: Array<{ prefix: string; suffix: string }>;
}

/**
 * tsconfig.json / jsconfig.json files, read the way the compiler reads them (JSON with
 * comments and trailing commas, `extends` as a string or a list, relative or a package
 * of the workspace or of node_modules inside the repository). Only `baseUrl` and `paths`
 * are kept. A config that does not parse, an `extends` outside the repository or
 * missing, and an `extends` cycle are warnings; the run goes on with what could be read.
 */
export class Configs {
  private readonly byDir = new Map<string, ProjectConfig | undefined>();
  private readonly byFile = new Map<string, ProjectConfig | undefined>();

  constructor(
    private readonly fs: RootFs,
    private readonly workspaces: Map<string, WorkspacePackage>,
    private readonly warn: (m: Msg) => void,
  ) {}

  /** The config governing files in `dir`: the nearest tsconfig.json (or jsconfig.json) up to the root. */
  forDir(dir: string): ProjectConfig | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    let found: ProjectConfig | undefined;
    const ts = path.join(dir, 'tsconfig.json');
    const js = path.join(dir, 'jsconfig.json');
    if (this.fs.isFile(ts)) found = this.load(ts, []);
    else if (this.fs.isFile(js)) found = this.load(js, []);
    else {
      const up = path.dirname(dir);
      found = up !== dir && this.fs.inside(up) ? this.forDir(up) : undefined;
    }
    this.byDir.set(dir, found);
    return found;
  }

  private rel(abs: string): string {
    return path.relative(this.fs.root, abs) || path.basename(abs);
  }

  private load(file: string, chain: string[]): ProjectConfig | undefined {
    if (chain.includes(file)) {
      this.warn(msg('graph.extendsCycle', { file: this.rel(chain[0]!), chain: [...chain, file].map((f) => this.rel(f)).join(' -> ') }));
      return undefined;
    }
    if (!chain.length && this.byFile.has(file)) return this.byFile.get(file);
    const text = this.fs.read(file);
    if (text === undefined) return undefined;
    let json: Record<string, unknown>;
    try {
      json = parseJsonc(text) as Record<string, unknown>;
      if (!json || typeof json !== 'object') throw new Error('not an object');
    } catch (e) {
      this.warn(msg('graph.tsconfigParse', { file: this.rel(file), error: (e as Error).message }));
      if (!chain.length) this.byFile.set(file, undefined);
      return undefined;
    }
    const dir = path.dirname(file);
    const out: ProjectConfig = { file, patterns: [] };
    const ext = json.extends;
    for (const e of typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext : []) {
      if (typeof e !== 'string') continue;
      const base = this.extendsTarget(dir, e, file);
      if (!base) continue;
      const parent = this.load(base, [...chain, file]);
      if (parent) Object.assign(out, { baseUrl: parent.baseUrl ?? out.baseUrl, paths: parent.paths ?? out.paths, pathsBase: parent.pathsBase ?? out.pathsBase });
    }
    const co = (json.compilerOptions ?? {}) as Record<string, unknown>;
    if (typeof co.baseUrl === 'string') out.baseUrl = path.resolve(dir, co.baseUrl);
    if (co.paths && typeof co.paths === 'object') {
      out.paths = {};
      for (const [k, v] of Object.entries(co.paths as Record<string, unknown>)) if (Array.isArray(v)) out.paths[k] = v.filter((x): x is string => typeof x === 'string');
      out.pathsBase = dir;
    }
    if (out.baseUrl) out.pathsBase = out.baseUrl;
    if (out.baseUrl && !this.fs.inside(out.baseUrl)) {
      this.warn(msg('graph.baseUrlOutside', { file: this.rel(file) }));
      out.baseUrl = undefined;
      out.pathsBase = dir;
    }
    out.patterns = Object.keys(out.paths ?? {}).map((k) => {
      const star = k.indexOf('*');
      return star < 0 ? { prefix: k, suffix: '\0exact' } : { prefix: k.slice(0, star), suffix: k.slice(star + 1) };
    });
    if (!chain.length) {
      this.pathsCycles(out);
      this.byFile.set(file, out);
    }
    return out;
  }

  /** `paths` entries that map to another alias of the same table and back: the compiler never follows those, so say so. */
  private pathsCycles(c: ProjectConfig): void {
    const aliasOf = (s: string) => c.patterns.find((p) => (p.suffix === '\0exact' ? s === p.prefix : s.startsWith(p.prefix) && s.endsWith(p.suffix)));
    for (const [k, targets] of Object.entries(c.paths ?? {})) {
      for (const t of targets) {
        const hit = aliasOf(t);
        // A catch-all `*` takes every target (`"*": ["./*"]` is a plain lookup, not a cycle).
        if (!hit || (hit.prefix === '' && hit.suffix === '')) continue;
        const back = Object.entries(c.paths ?? {}).find(([k2]) => aliasOf(k2) === hit)?.[1] ?? [];
        if (back.some((b) => aliasOf(b))) this.warn(msg('graph.aliasCycle', { file: this.rel(c.file), k, t }));
      }
    }
  }

  private extendsTarget(dir: string, spec: string, from: string): string | undefined {
    let cands: string[];
    if (spec.startsWith('.') || path.isAbsolute(spec)) {
      const p = path.resolve(dir, spec);
      cands = [p, p + '.json'];
    } else {
      // A package: of the workspace first, then node_modules folders inside the repository.
      const parts = spec.split('/');
      const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
      const sub = parts.slice(spec.startsWith('@') ? 2 : 1).join('/');
      const roots = [this.workspaces.get(name)?.dir];
      for (let d = dir; this.fs.inside(d); d = path.dirname(d)) {
        roots.push(path.join(d, 'node_modules', name));
        if (d === this.fs.root) break;
      }
      cands = roots.filter((r): r is string => !!r).flatMap((r) => (sub ? [path.join(r, sub), path.join(r, sub + '.json')] : [path.join(r, 'tsconfig.json')]));
    }
    const outside = cands.every((c) => !this.fs.inside(c));
    const hit = cands.find((c) => this.fs.isFile(c));
    if (hit) return hit;
    this.warn(outside ? msg('graph.extendsOutside', { file: this.rel(from), spec }) : msg('graph.extendsMissing', { file: this.rel(from), spec }));
    return undefined;
  }
}

/** JSON with comments and trailing commas (tsconfig's dialect). Throws with a position on bad input. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += ch;
      i++;
    }
  }
  out = out.replace(/,(\s*[}\]])/g, ' $1');
  if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
  return JSON.parse(out);
}
