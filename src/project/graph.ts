import { msg, type Msg } from '../i18n/msg.js';
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
  warnings: Msg[];
}

/** How many unresolved-import warnings are listed one by one (the rest are counted). */
const MAX_UNRESOLVED = 20;

/** One step of a chain: the specifier imported and the file it resolves to. */
interface Step {
  spec: string;
  target: string;
}

const isPy = (abs: string) => abs.endsWith('.py');

/** The names a module can be imported by (its base name; for an index or `__init__`, its folder's too). */
function namesOf(abs: string): string[] {
  const base = path.basename(abs).replace(/\.[^.]+$/, '');
  return base === 'index' || base === '__init__' ? [base, path.basename(path.dirname(abs))] : [base];
}

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
  const g = new GraphWalk(o);
  // The compiler's resolver loads only when some import is an alias worth it.
  if (g.aliasy) await loadCompiler();
  g.walk();
  const { loaded, edges } = g.loadedEdges();
  const chain = chainFinder(g.info, g.via, g.reaches, edges);
  const warnings = g.warnings;
  const unresolved = g.unresolved;
  if (unresolved.length > MAX_UNRESOLVED) warnings.push(...unresolved.slice(0, MAX_UNRESOLVED), msg('graph.moreUnresolved', { n: unresolved.length - MAX_UNRESOLVED }));
  else warnings.push(...unresolved);
  if (g.unmarkedUnresolved) warnings.push(msg('graph.unmarkedUnresolved', { n: g.unmarkedUnresolved }));
  const load = [...loaded].filter((abs) => !o.files.get(abs)?.marker && g.info.get(abs) !== undefined);
  done();
  return { root: g.root, load, outside: new Set([...g.outside].filter((a) => loaded.has(a))), edges, chain, warnings: [...new Map(warnings.map((w) => [w.text, w])).values()] };
}

/** The walk from the marked files back through their importers: which files reach a marker, and through which import. */
class GraphWalk {
  readonly warnings: Msg[] = [];
  readonly unresolved: Msg[] = [];
  /** Unresolved imports of files that do not name OpenAI: counted, not listed (a monorepo's unrelated apps). */
  unmarkedUnresolved = 0;
  readonly root: string;
  readonly fs: RootFs;
  readonly resolver: Resolver;
  readonly py: PyResolver;
  readonly info: Map<string, GraphNode>;
  readonly outside = new Set<string>();
  readonly aliasy: boolean;
  readonly reaches = new Set<string>();
  readonly via = new Map<string, Step>();
  /** Importers waiting on a file: when it reaches a marker, so do they. */
  private readonly rev = new Map<string, Array<{ from: string; spec: string }>>();
  /** Walked files' relative (and Python) imports, unresolved, by the module name they could be: resolved only once a module of that name reaches a marker. Flat `[from, spec, from, spec, ...]` per name: one array per name, no object per import. */
  private readonly byName = new Map<string, string[]>();
  private readonly queue: string[] = [];
  private readonly tails = new Map<string, string>();
  private readonly cache = new Map<string, Map<string, string | null>>();

  constructor(private readonly o: GraphInput) {
    this.root = findRoot(o.cwd);
    this.fs = new RootFs(this.root);
    this.fs.known(o.files, o.scope ?? []);
    this.resolver = new Resolver(this.fs, o.cwd, (m) => this.warnings.push(m));
    this.py = new PyResolver(this.fs);
    this.info = new Map(o.files);
    this.aliasy = [...this.info].some(([abs, n]) => !isPy(abs) && n.specs.some((s) => !Resolver.isRelative(s) && this.resolver.isAlias(abs, s)));
  }

  private rel(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/');
  }

  /** The file an import resolves to (cached per file and specifier); an alias that fails is a warning. */
  resolve(abs: string, spec: string): string | undefined {
    let m = this.cache.get(abs);
    if (!m) this.cache.set(abs, (m = new Map()));
    if (m.has(spec)) return m.get(spec) ?? undefined;
    let file: string | undefined;
    if (isPy(abs)) file = this.py.resolve(abs, spec);
    else if (!this.aliasy && !Resolver.isRelative(spec)) file = undefined;
    else {
      const r = this.resolver.resolve(abs, spec);
      if (r && 'file' in r) file = r.file;
      else if (r && this.info.get(abs)?.marker === false) this.unmarkedUnresolved++;
      else if (r) this.unresolved.push(msg('graph.unresolvedImport', { spec, file: this.rel(abs), why: r.unresolved }));
    }
    m.set(spec, file ?? null);
    return file;
  }

  private reach(abs: string, step?: Step): void {
    if (this.reaches.has(abs)) return;
    this.reaches.add(abs);
    if (step) this.via.set(abs, step);
    this.queue.push(abs);
  }

  private link(from: string, spec: string, t: string): void {
    if (this.reaches.has(t)) return this.reach(from, { spec, target: t });
    const l = this.rev.get(t);
    if (l) l.push({ from, spec });
    else this.rev.set(t, [{ from, spec }]);
  }

  private later(key: string, from: string, spec: string): void {
    const l = this.byName.get(key);
    if (l) l.push(from, spec);
    else this.byName.set(key, [from, spec]);
  }

  /** A file without a marker: its imports, resolved now (aliases, files outside the walk) or later by name (a walked file's relative imports). */
  private index(abs: string): void {
    const specs = this.info.get(abs)!.specs;
    if (!specs.length) return;
    const prune = !this.outside.has(abs);
    const isPyFile = isPy(abs);
    for (const spec of specs) {
      if (prune && isPyFile) {
        // `app.core.llm` may only be llm.py or llm/__init__.py (the last segment, or the one before it for `from x import name`).
        const segs = spec.split('.').filter(Boolean);
        for (const k of segs.slice(-2)) this.later(k, abs, spec);
        if (!segs.length) this.later('__init__', abs, spec);
        continue;
      }
      const relative = spec.charCodeAt(0) === 46 /* . */ || spec.charCodeAt(0) === 47; /* / */
      if (prune && relative) {
        let t = this.tails.get(spec);
        if (t === undefined) this.tails.set(spec, (t = tailName(spec)));
        if (t && t !== '.' && t !== '..') {
          this.later(t, abs, spec);
          continue;
        }
      }
      const t = prune && relative ? this.resolver.relative(abs, spec) : this.resolve(abs, spec);
      if (!t) continue;
      this.explore(t);
      this.link(abs, spec, t);
    }
  }

  /** A file the walk did not give: read it (inside the root only). */
  explore(abs: string): void {
    if (this.info.has(abs)) return;
    const n = this.fs.inside(abs) ? this.o.readOutside(abs, this.fs) : undefined;
    this.info.set(abs, n ?? { marker: false, specs: [] });
    if (!n) return;
    this.outside.add(abs);
    if (n.marker) this.reach(abs);
    else this.index(abs);
  }

  /** Marked files reach; each file that reaches wakes its waiting importers and the imports waiting on its names. */
  walk(): void {
    for (const [abs, n] of this.o.files) n.marker ? this.reach(abs) : this.index(abs);
    const doneNames = new Set<string>();
    while (this.queue.length) {
      const x = this.queue.pop()!;
      for (const w of this.rev.get(x) ?? []) this.reach(w.from, { spec: w.spec, target: x });
      for (const name of namesOf(x)) {
        if (doneNames.has(name)) continue;
        doneNames.add(name);
        const l = this.byName.get(name) ?? [];
        for (let i = 0; i < l.length; i += 2) {
          const from = l[i]!;
          const spec = l[i + 1]!;
          if (this.reaches.has(from)) continue;
          const t = isPy(from) ? this.resolve(from, spec) : this.resolver.relative(from, spec);
          if (!t) continue;
          this.explore(t);
          this.link(from, spec, t);
        }
      }
    }
  }

  /** Loaded: every file that reaches a marker, and (one hop, as before the graph) the modules they import; with each loaded file's resolved imports. */
  loadedEdges(): { loaded: Set<string>; edges: Map<string, Record<string, string>> } {
    const loaded = new Set<string>();
    for (const abs of this.reaches) loaded.add(abs);
    const edges = new Map<string, Record<string, string>>();
    // A module outside the walk reached this way (a workspace package's barrel) is followed on: its
    // re-exports lead to the client and the constants (`import * as ai from '@acme/ai'`), a few hops at most.
    const hops = new Map<string, number>();
    const work = [...loaded];
    while (work.length) {
      const abs = work.shift()!;
      const rec: Record<string, string> = {};
      for (const spec of this.info.get(abs)?.specs ?? []) {
        const t = this.resolve(abs, spec);
        if (!t) continue;
        rec[spec] = t;
        if (!loaded.has(t)) {
          this.explore(t);
          if (!this.fs.inside(t)) continue;
          loaded.add(t);
          const h = (hops.get(abs) ?? 0) + 1;
          if (this.outside.has(t) && h < 4) {
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
      for (const spec of this.info.get(abs)?.specs ?? []) {
        const t = this.resolve(abs, spec);
        if (t) rec[spec] = t;
      }
      edges.set(abs, rec);
    }
    return { loaded, edges };
  }
}

/** `chain(abs)`: how a file reaches a marked module, or better the module that builds its client. */
function chainFinder(info: Map<string, GraphNode>, via: Map<string, Step>, reaches: Set<string>, edges: Map<string, Record<string, string>>): (abs: string) => string[] | undefined {
  /** The next step from a file towards a marked module: the graph's own step, else its first import of a module that reaches one (aliases before relative paths). */
  const next = (abs: string, seen: Set<string>): Step | undefined => {
    const own = via.get(abs);
    if (own) return own;
    const rec = edges.get(abs) ?? {};
    const ok = (s: string) => reaches.has(rec[s]!) && !seen.has(rec[s]!);
    const spec = Object.keys(rec).find((s) => ok(s) && !Resolver.isRelative(s)) ?? Object.keys(rec).find(ok);
    return spec === undefined ? undefined : { spec, target: rec[spec]! };
  };
  return (abs) => {
    if (!info.get(abs)?.client) {
      const c = pathToClient(info, edges, abs);
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
}

/** Shortest import path from a file to a module that builds a client (what "use a client imported from" names). */
function pathToClient(info: Map<string, GraphNode>, edges: Map<string, Record<string, string>>, abs: string): string[] | undefined {
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
}
