import path from 'node:path';
import { phase } from '../engine/timing.js';
import { RootFs, findRoot } from './fs.js';
import { loadCompiler, Resolver, tailName } from './resolve.js';
import { PyResolver } from './python.js';

/** What the graph knows of one file: has it an OpenAI marker, and the module specifiers it imports. */
export interface GraphNode {
  marker: boolean;
  specs: string[];
  /** Builds an OpenAI client (`new OpenAI(`, `OpenAI(`): where a chain shown to the user ends. */
  client?: boolean;
}

/** A client construction in JS/TS or Python text (a hint for the chain shown, not for what is parsed). */
export const CLIENT_HINT = /\b(?:Azure|Async)?OpenAI\s*\(|\bnew\s+(?:Azure)?OpenAI\b/;

export interface GraphInput {
  cwd: string;
  /** JS/TS files the walk found (absolute): marked ones (candidates) and unmarked ones, with their specifiers. */
  files: Map<string, GraphNode>;
  /** Read a file inside the root that the walk did not give (outside the given folder, or ignored): its marker and specifiers. */
  readOutside: (abs: string, fs: RootFs) => GraphNode | undefined;
  /** Folders the walk went through whole (folder arguments, absolute): a file not walked there is not looked for on disk. */
  scope?: string[];
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
  fs.known(o.files, o.scope ?? []);
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
  const via = new Map<string, { spec: string; target: string }>();
  /** Importers waiting on a file: when it reaches a marker, so do they. */
  const rev = new Map<string, Array<{ from: string; spec: string }>>();
  /** Walked files' relative (and Python) imports, unresolved, by the module name they could be: resolved only once a module of that name reaches a marker. */
  const byName = new Map<string, string[]>();
  const queue: string[] = [];
  const reach = (abs: string, step?: { spec: string; target: string }) => {
    if (reaches.has(abs)) return;
    reaches.add(abs);
    if (step) via.set(abs, step);
    queue.push(abs);
  };
  const link = (from: string, spec: string, t: string) => {
    if (reaches.has(t)) return reach(from, { spec, target: t });
    const l = rev.get(t);
    if (l) l.push({ from, spec });
    else rev.set(t, [{ from, spec }]);
  };
  const namesOf = (abs: string): string[] => {
    const base = path.basename(abs).replace(/\.[^.]+$/, '');
    return base === 'index' || base === '__init__' ? [base, path.basename(path.dirname(abs))] : [base];
  };
  const tails = new Map<string, string>();
  /** Flat `[from, spec, from, spec, ...]` per name: one array per name, no object per import. */
  const later = (key: string, from: string, spec: string) => {
    const l = byName.get(key);
    if (l) l.push(from, spec);
    else byName.set(key, [from, spec]);
  };
  /** A file without a marker: its imports, resolved now (aliases, files outside the walk) or later by name (a walked file's relative imports). */
  const index = (abs: string): void => {
    const specs = info.get(abs)!.specs;
    if (!specs.length) return;
    const prune = !outside.has(abs);
    const isPyFile = isPy(abs);
    for (const spec of specs) {
      if (prune && isPyFile) {
        // `app.core.llm` may only be llm.py or llm/__init__.py (the last segment, or the one before it for `from x import name`).
        const segs = spec.split('.').filter(Boolean);
        for (const k of segs.slice(-2)) later(k, abs, spec);
        if (!segs.length) later('__init__', abs, spec);
        continue;
      }
      const relative = spec.charCodeAt(0) === 46 /* . */ || spec.charCodeAt(0) === 47; /* / */
      if (prune && relative) {
        let t = tails.get(spec);
        if (t === undefined) tails.set(spec, (t = tailName(spec)));
        if (t && t !== '.' && t !== '..') {
          later(t, abs, spec);
          continue;
        }
      }
      const t = prune && relative ? resolver.relative(abs, spec) : resolve(abs, spec);
      if (!t) continue;
      explore(t);
      link(abs, spec, t);
    }
  };
  /** A file the walk did not give: read it (inside the root only). */
  const explore = (abs: string): void => {
    if (info.has(abs)) return;
    const n = fs.inside(abs) ? o.readOutside(abs, fs) : undefined;
    info.set(abs, n ?? { marker: false, specs: [] });
    if (!n) return;
    outside.add(abs);
    if (n.marker) reach(abs);
    else index(abs);
  };

  for (const [abs, n] of o.files) (n.marker ? reach(abs) : index(abs));
  const doneNames = new Set<string>();
  while (queue.length) {
    const x = queue.pop()!;
    for (const w of rev.get(x) ?? []) reach(w.from, { spec: w.spec, target: x });
    for (const name of namesOf(x)) {
      if (doneNames.has(name)) continue;
      doneNames.add(name);
      const l = byName.get(name) ?? [];
      for (let i = 0; i < l.length; i += 2) {
        const from = l[i]!;
        const spec = l[i + 1]!;
        if (reaches.has(from)) continue;
        const t = isPy(from) ? resolve(from, spec) : resolver.relative(from, spec);
        if (!t) continue;
        explore(t);
        link(from, spec, t);
      }
    }
  }

  // Loaded: every file that reaches a marker, and (one hop, as before the graph) the modules they import.
  const loaded = new Set<string>();
  for (const abs of reaches) loaded.add(abs);
  const edges = new Map<string, Record<string, string>>();
  // A module outside the walk reached this way (a workspace package's barrel) is followed on: its
  // re-exports lead to the client and the constants (`import * as ai from '@acme/ai'`), a few hops at most.
  const hops = new Map<string, number>();
  const work = [...loaded];
  while (work.length) {
    const abs = work.shift()!;
    const rec: Record<string, string> = {};
    for (const spec of info.get(abs)?.specs ?? []) {
      const t = resolve(abs, spec);
      if (!t) continue;
      rec[spec] = t;
      if (!loaded.has(t)) {
        explore(t);
        if (!fs.inside(t)) continue;
        loaded.add(t);
        const h = (hops.get(abs) ?? 0) + 1;
        if (outside.has(t) && h < 4) {
          hops.set(t, h);
          work.push(t);
        }
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
  /** Shortest import path from a file to a module that builds a client (what "use a client imported from" names). */
  const toClient = (abs: string): string[] | undefined => {
    const prev = new Map<string, { from: string; spec: string }>();
    const seen = new Set([abs]);
    let frontier = [abs];
    for (let depth = 0; depth < 8 && frontier.length; depth++) {
      const nextFrontier: string[] = [];
      for (const f of frontier) {
        for (const [spec, t] of Object.entries(edges.get(f) ?? {})) {
          if (seen.has(t)) continue;
          seen.add(t);
          prev.set(t, { from: f, spec });
          if (info.get(t)?.client) {
            const out: string[] = [];
            for (let cur = t; cur !== abs; cur = prev.get(cur)!.from) out.unshift(prev.get(cur)!.spec, cur);
            return out;
          }
          nextFrontier.push(t);
        }
      }
      frontier = nextFrontier;
    }
    return undefined;
  };
  const chain = (abs: string): string[] | undefined => {
    if (!info.get(abs)?.client) {
      const c = toClient(abs);
      if (c) return c;
    }
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
