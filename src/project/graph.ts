import path from 'node:path';
import { phase } from '../engine/timing.js';
import { RootFs, findRoot } from './fs.js';
import { loadCompiler, Resolver, tailName } from './resolve.js';
import { PyResolver } from './python.js';

/** What the graph knows of one file: has it an OpenAI marker, and the module specifiers it imports. */
export interface GraphNode {
  marker: boolean;
  specs: string[];
}

export interface GraphInput {
  cwd: string;
  /** JS/TS files the walk found (absolute): marked ones (candidates) and unmarked ones, with their specifiers. */
  files: Map<string, GraphNode>;
  /** Read a file inside the root that the walk did not give (outside the given folder, or ignored): its marker and specifiers. */
  readOutside: (abs: string, fs: RootFs) => GraphNode | undefined;
}

export interface ProjectGraph {
  root: string;
  /** Files to parse beyond the candidates: files without a marker that import one (at any depth), the modules loaded files import (one hop), and files outside the walk. */
  load: string[];
  /** Of `load`, the files the walk did not give (outside the given folder): read-only. */
  outside: Set<string>;
  /** Per loaded or candidate file: specifier -> file it resolves to. */
  edges: Map<string, Record<string, string>>;
  /** Per file: how it reaches a marked module (`[spec, file, spec, file, ...]`, files absolute). */
  chain(abs: string): string[] | undefined;
  warnings: string[];
}

/** How many unresolved-import warnings are listed one by one (the rest are counted). */
const MAX_UNRESOLVED = 20;

/**
 * The project graph, built once per run from what the read phase saw: which JS/TS
 * files carry an OpenAI marker (the prefilter) and what every file imports (a
 * cheap scan of its text). A file without a marker is parsed only when it imports,
 * at any depth, a marked module (a client, a factory, a model constant): through a
 * relative path, a `paths`/`baseUrl` alias, a package.json `#import`, a workspace
 * package or a barrel. Relative imports of the walk's files are only resolved when
 * their last segment names a file already known to reach a marker (that keeps a
 * 20k-file run from resolving 40k imports for nothing); aliases always are.
 */
export async function buildGraph(o: GraphInput): Promise<ProjectGraph> {
  const done = phase('project graph');
  const warnings: string[] = [];
  const root = findRoot(o.cwd);
  const fs = new RootFs(root);
  for (const abs of o.files.keys()) fs.known(abs);
  const resolver = new Resolver(fs, o.cwd, (m) => warnings.push(m));
  const py = new PyResolver(fs);
  const isPy = (abs: string) => abs.endsWith('.py');
  const info = new Map(o.files);
  const outside = new Set<string>();
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');

  // The compiler's resolver loads only when some import is an alias worth it.
  const aliasy = [...info].some(([abs, n]) => !isPy(abs) && n.specs.some((s) => !Resolver.isRelative(s) && resolver.isAlias(abs, s)));
  if (aliasy) await loadCompiler();

  const unresolved: string[] = [];
  const cache = new Map<string, Map<string, string | null>>();
  const resolve = (abs: string, spec: string): string | undefined => {
    let m = cache.get(abs);
    if (!m) cache.set(abs, (m = new Map()));
    if (m.has(spec)) return m.get(spec) ?? undefined;
    let file: string | undefined;
    if (isPy(abs)) file = py.resolve(abs, spec);
    else if (!aliasy && !Resolver.isRelative(spec)) file = undefined;
    else {
      const r = resolver.resolve(abs, spec);
      if (r && 'file' in r) file = r.file;
      else if (r) unresolved.push(`cannot resolve import "${spec}" in ${rel(abs)}: ${r.unresolved}; usage through it is not followed`);
    }
    m.set(spec, file ?? null);
    return file;
  };

  const reaches = new Set<string>();
  const names = new Set<string>();
  const via = new Map<string, { spec: string; target: string }>();
  const addReach = (abs: string) => {
    reaches.add(abs);
    const base = path.basename(abs).replace(/\.[^.]+$/, '');
    names.add(base);
    if (base === 'index' || base === '__init__') names.add(path.basename(path.dirname(abs)));
  };
  const pending: string[] = [];
  for (const [abs, n] of info) (n.marker ? addReach(abs) : pending.push(abs));

  /** A file the walk did not give: read it (inside the root only) and queue it. */
  const explore = (abs: string): void => {
    if (info.has(abs)) return;
    const n = fs.inside(abs) ? o.readOutside(abs, fs) : undefined;
    info.set(abs, n ?? { marker: false, specs: [] });
    if (!n) return;
    outside.add(abs);
    if (n.marker) addReach(abs);
    else pending.push(abs);
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < pending.length; i++) {
      const abs = pending[i]!;
      if (reaches.has(abs)) continue;
      const prune = !outside.has(abs);
      for (const spec of info.get(abs)!.specs) {
        if (prune && isPy(abs)) {
          // Python: `app.core.llm` may only be llm.py or llm/__init__.py (the tail, or the one before it for `from x import name`).
          const segs = spec.split('.').filter(Boolean);
          if (!names.has(segs[segs.length - 1] ?? '') && !names.has(segs[segs.length - 2] ?? '')) continue;
        } else if (prune && Resolver.isRelative(spec)) {
          const t = tailName(spec);
          if (t && t !== '.' && t !== '..' && !names.has(t)) continue;
        }
        const t = resolve(abs, spec);
        if (!t) continue;
        const before = reaches.size;
        explore(t);
        if (reaches.size !== before) changed = true;
        if (reaches.has(t)) {
          addReach(abs);
          via.set(abs, { spec, target: t });
          changed = true;
          break;
        }
      }
    }
  }

  // Loaded: every file that reaches a marker, and (one hop, as before the graph) the modules they import.
  const loaded = new Set<string>();
  for (const abs of reaches) loaded.add(abs);
  const edges = new Map<string, Record<string, string>>();
  for (const abs of [...loaded]) {
    const rec: Record<string, string> = {};
    for (const spec of info.get(abs)?.specs ?? []) {
      const t = resolve(abs, spec);
      if (!t) continue;
      rec[spec] = t;
      if (!loaded.has(t)) {
        explore(t);
        if (fs.inside(t)) loaded.add(t);
      }
    }
    edges.set(abs, rec);
  }
  for (const abs of loaded) {
    if (edges.has(abs)) continue;
    const rec: Record<string, string> = {};
    for (const spec of info.get(abs)?.specs ?? []) {
      const t = resolve(abs, spec);
      if (t) rec[spec] = t;
    }
    edges.set(abs, rec);
  }

  /** The next step from a file towards a marked module: the graph's own step, else its first import of a module that reaches one (aliases before relative paths). */
  const next = (abs: string, seen: Set<string>): { spec: string; target: string } | undefined => {
    const own = via.get(abs);
    if (own) return own;
    const rec = edges.get(abs) ?? {};
    const ok = (s: string) => reaches.has(rec[s]!) && !seen.has(rec[s]!);
    const spec = Object.keys(rec).find((s) => ok(s) && !Resolver.isRelative(s)) ?? Object.keys(rec).find(ok);
    return spec === undefined ? undefined : { spec, target: rec[spec]! };
  };
  const chain = (abs: string): string[] | undefined => {
    const out: string[] = [];
    const seen = new Set<string>([abs]);
    for (let step = next(abs, seen); step && out.length < 16; step = next(step.target, seen)) {
      out.push(step.spec, step.target);
      seen.add(step.target);
    }
    return out.length ? out : undefined;
  };

  if (unresolved.length > MAX_UNRESOLVED) warnings.push(...unresolved.slice(0, MAX_UNRESOLVED), `... and ${unresolved.length - MAX_UNRESOLVED} more imports that cannot be resolved`);
  else warnings.push(...unresolved);
  const load = [...loaded].filter((abs) => !o.files.get(abs)?.marker && info.get(abs) !== undefined);
  done();
  return { root, load, outside: new Set([...outside].filter((a) => loaded.has(a))), edges, chain, warnings: [...new Set(warnings)] };
}
