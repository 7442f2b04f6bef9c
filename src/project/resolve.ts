import type { Msg } from '../i18n/msg.js';
import path from 'node:path';
import type { ts as TsNamespace } from 'ts-morph';
import { JS_EXTENSIONS } from '../lang/js/extensions.js';
import type { RootFs } from './fs.js';
import { Configs, type ProjectConfig } from './tsconfig.js';
import { workspacePackages, workspaceRoot, type WorkspacePackage } from './workspaces.js';

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
/** Specifiers worth a warning when they do not resolve: code, not styles or images. */
const CODE_SPEC = /(?:^|\/)[^./]+$|\.(?:[cm]?[jt]sx?)$/;

export type Resolution = { file: string } | { unresolved: string } | undefined;

/**
 * JS/TS module resolution as the project's own toolchain does it. Relative
 * specifiers are probed in the compiler's extension order (`./x.js` finds
 * `x.ts`) against files the walk found or a cached stat; aliases (`paths`,
 * `baseUrl`), package.json `"imports"` (`#llm`) and workspace packages (with
 * their `"exports"`) go to the TypeScript compiler's own resolver
 * (`ts.resolveModuleName`, `moduleResolution: bundler`), loaded only when such
 * an import exists. Its host is {@link RootFs}: nothing outside the repository
 * root is read, and a workspace package is seen through a virtual
 * `node_modules/<name>` so no install is needed. Project code is never run.
 */
export class Resolver {
  readonly workspaces: Map<string, WorkspacePackage>;
  readonly configs: Configs;
  private ts: typeof TsNamespace | undefined;
  private host: TsNamespace.ModuleResolutionHost | undefined;
  private readonly caches = new Map<string, { options: TsNamespace.CompilerOptions; cache: TsNamespace.ModuleResolutionCache }>();

  constructor(
    readonly fs: RootFs,
    cwd: string,
    warn: (m: Msg) => void,
  ) {
    this.workspaces = workspacePackages(fs, workspaceRoot(fs, cwd), warn);
    this.configs = new Configs(fs, this.workspaces, warn);
  }

  /** A relative (or absolute) specifier: probed directly. */
  static isRelative(spec: string): boolean {
    return spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || spec.startsWith('/');
  }

  /** Relative import: the file it names, or undefined. `knownOnly`: among the files the walk found (no disk access). */
  relative(fromAbs: string, spec: string, knownOnly = false): string | undefined {
    const base = path.resolve(path.dirname(fromAbs), spec);
    // In a folder the walk listed, its files are the answer; elsewhere (outside the given paths, ignored folders) ask the disk, once per folder first.
    const dir = path.dirname(base);
    const probe = knownOnly || this.fs.walkedDir(dir) ? this.fs.isKnown : this.fs.isDir(dir) ? this.fs.isFile : undefined;
    if (probe) {
      const noExt = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
      if (noExt !== base) for (const e of JS_EXTENSIONS) if (probe(noExt + e)) return noExt + e;
      if (/\.[cm]?[jt]sx?$/.test(base) && probe(base)) return base;
      for (const e of JS_EXTENSIONS) if (probe(base + e)) return base + e;
    }
    const inDir = knownOnly || this.fs.walkedDir(base) ? this.fs.isKnown : this.fs.isDir(base) ? this.fs.isFile : undefined;
    if (inDir) for (const e of JS_EXTENSIONS) if (inDir(path.join(base, 'index' + e))) return path.join(base, 'index' + e);
    return undefined;
  }

  /** The workspace package a bare specifier names, if any. */
  workspaceOf(spec: string): WorkspacePackage | undefined {
    const parts = spec.split('/');
    return this.workspaces.get(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
  }

  /**
   * Could this non-relative specifier name a file of the repository? `#` imports, workspace
   * packages, a `paths` pattern of the governing config, or (with `baseUrl`) a first segment
   * that exists under it. `react` and `node:fs` are not worth the resolver.
   */
  isAlias(fromAbs: string, spec: string): boolean {
    if (spec.startsWith('#')) return true;
    if (spec.startsWith('node:') || spec.includes(':')) return false;
    if (this.workspaceOf(spec)) return true;
    const c = this.configs.forDir(path.dirname(fromAbs));
    if (!c) return false;
    if (c.patterns.some((p) => (p.suffix === '\0exact' ? spec === p.prefix : spec.startsWith(p.prefix) && spec.endsWith(p.suffix)))) return true;
    if (c.baseUrl) {
      const first = path.join(c.baseUrl, spec.split('/')[0]!);
      return this.fs.isDir(first) || JS_EXTENSIONS.some((e) => this.fs.isFile(first + e));
    }
    return false;
  }

  /** Only a catch-all `paths` pattern (`*`) takes this specifier, and no `baseUrl` folder or file names its first segment. */
  private onlyCatchAll(fromAbs: string, spec: string): boolean {
    const c = this.configs.forDir(path.dirname(fromAbs));
    if (!c) return false;
    const hits = c.patterns.filter((p) => (p.suffix === '\0exact' ? spec === p.prefix : spec.startsWith(p.prefix) && spec.endsWith(p.suffix)));
    if (!hits.length || hits.some((p) => p.prefix !== '' || p.suffix !== '')) return false;
    if (!c.baseUrl) return true;
    const first = path.join(c.baseUrl, spec.split('/')[0]!);
    return !(this.fs.isDir(first) || JS_EXTENSIONS.some((e) => this.fs.isFile(first + e)));
  }

  /** Resolve a specifier from a file: the file (inside the root), `unresolved` with why for an alias that names nothing, or undefined for a package outside the repository. */
  resolve(fromAbs: string, spec: string): Resolution {
    if (Resolver.isRelative(spec)) {
      const f = this.relative(fromAbs, spec);
      return f ? { file: f } : undefined;
    }
    if (!this.isAlias(fromAbs, spec)) return undefined;
    const file = this.compiler(fromAbs, spec) ?? this.pathsProbe(fromAbs, spec) ?? this.workspaceEntry(spec);
    if (file && this.fs.inside(file) && !file.includes(NODE_MODULES)) return { file };
    if (!CODE_SPEC.test(spec)) return undefined;
    const ws = this.workspaceOf(spec);
    // `"*": ["./*"]` matches every bare specifier; the compiler falls back to node_modules when it names no file.
    if (!ws && !spec.startsWith('#') && this.onlyCatchAll(fromAbs, spec)) return undefined;
    const why = spec.startsWith('#')
      ? `no matching "imports" entry in ${this.relPkg(fromAbs)}`
      : ws
        ? `workspace package ${ws.name} (${path.relative(this.fs.root, ws.dir)}) has no source file for it`
        : `no file matches its paths/baseUrl entry in ${path.relative(this.fs.root, this.configs.forDir(path.dirname(fromAbs))?.file ?? '') || 'tsconfig.json'}`;
    return { unresolved: why };
  }

  private relPkg(fromAbs: string): string {
    for (let d = path.dirname(fromAbs); this.fs.inside(d); d = path.dirname(d)) {
      if (this.fs.isFile(path.join(d, 'package.json'))) return path.relative(this.fs.root, path.join(d, 'package.json'));
      if (d === this.fs.root) break;
    }
    return 'package.json';
  }

  /**
   * A `paths` alias the compiler does not resolve because of the extension: bundlers (Next.js,
   * Vite) also try `.mjs`/`.cjs` for `@/lib/openai`; the compiler only does for explicit extensions.
   */
  private pathsProbe(fromAbs: string, spec: string): string | undefined {
    const c = this.configs.forDir(path.dirname(fromAbs));
    if (!c?.paths || !c.pathsBase) return undefined;
    for (const [k, targets] of Object.entries(c.paths)) {
      const star = k.indexOf('*');
      const pre = star < 0 ? k : k.slice(0, star);
      const suf = star < 0 ? '' : k.slice(star + 1);
      if (star < 0 ? spec !== k : !(spec.startsWith(pre) && spec.endsWith(suf) && spec.length >= pre.length + suf.length)) continue;
      const hole = star < 0 ? '' : spec.slice(pre.length, spec.length - suf.length);
      for (const t of targets) {
        const abs = path.resolve(c.pathsBase, t.replace('*', hole));
        if (!this.fs.inside(abs)) continue;
        const hit = this.relative(abs + '.probe', './' + path.basename(abs));
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /** A workspace package's source entry when its package.json points at build output that is not there. */
  private workspaceEntry(spec: string): string | undefined {
    const ws = this.workspaceOf(spec);
    if (!ws) return undefined;
    const sub = spec.slice(ws.name.length).replace(/^\//, '');
    for (const base of sub ? [path.join(ws.dir, 'src', sub), path.join(ws.dir, sub)] : [path.join(ws.dir, 'src', 'index'), path.join(ws.dir, 'index')]) {
      for (const e of JS_EXTENSIONS) if (this.fs.isFile(base + e)) return base + e;
      for (const e of JS_EXTENSIONS) if (this.fs.isFile(path.join(base, 'index' + e))) return path.join(base, 'index' + e);
    }
    return undefined;
  }

  /** `<anything>/node_modules/<workspace package>/rest` -> the package's folder + rest. */
  private real(p: string): string {
    const i = p.lastIndexOf(NODE_MODULES);
    if (i < 0) return p;
    const rest = p.slice(i + NODE_MODULES.length).split(path.sep);
    const scoped = rest[0]?.startsWith('@');
    const name = (scoped ? rest.slice(0, 2) : rest.slice(0, 1)).join('/');
    const ws = this.workspaces.get(name);
    return ws ? path.join(ws.dir, ...rest.slice(scoped ? 2 : 1)) : p;
  }

  private compiler(fromAbs: string, spec: string): string | undefined {
    const ts = this.loadTs();
    const config = this.configs.forDir(path.dirname(fromAbs));
    const entry = this.cacheFor(config);
    const r = ts.resolveModuleName(spec, fromAbs, entry.options, this.host!, entry.cache);
    let file = r.resolvedModule?.resolvedFileName;
    if (!file) return undefined;
    file = this.real(file);
    // Declarations (a package's `types` pointing at build output): the source beside them.
    if (file.endsWith('.d.ts')) {
      const src = file.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`).replace(/\.d\.ts$/, '');
      return JS_EXTENSIONS.map((e) => src + e).find((f) => this.fs.isFile(f));
    }
    return file;
  }

  private cacheFor(config: ProjectConfig | undefined) {
    const key = config?.file ?? '';
    let entry = this.caches.get(key);
    if (entry) return entry;
    const ts = this.ts!;
    const options: TsNamespace.CompilerOptions = {
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      allowJs: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      resolvePackageJsonExports: true,
      resolvePackageJsonImports: true,
      baseUrl: config?.baseUrl,
      paths: config?.paths,
      // The folder `paths` are relative to when there is no baseUrl (what the compiler's config parser sets).
      pathsBasePath: config?.pathsBase,
    } as TsNamespace.CompilerOptions;
    entry = { options, cache: ts.createModuleResolutionCache(this.fs.root, (x) => x, options) };
    this.caches.set(key, entry);
    return entry;
  }

  private loadTs(): typeof TsNamespace {
    if (this.ts) return this.ts;
    this.ts = tsSync();
    const fs = this.fs;
    this.host = {
      fileExists: (p) => fs.isFile(this.real(p)),
      readFile: (p) => fs.read(this.real(p)),
      directoryExists: (p) => fs.isDir(this.real(p)),
      realpath: (p) => p,
      getCurrentDirectory: () => fs.root,
    };
    return this.ts;
  }
}

let loaded: typeof TsNamespace | undefined;
/** The compiler the JS/TS handler parses with (src/lang/js/ts.ts), loaded by the graph before the first alias is resolved. */
export async function loadCompiler(): Promise<void> {
  loaded ??= (await import('../lang/js/ts.js')).tsc;
}
function tsSync(): typeof TsNamespace {
  if (!loaded) throw new Error('the TypeScript compiler was not loaded before resolving');
  return loaded;
}

/** Tail name of a specifier (`../lib/openai.js` -> `openai`), for the cheap "could it be one of these files" test. */
export function tailName(spec: string): string {
  const seg = spec.replace(/\/+$/, '').split('/').pop() ?? '';
  return seg.replace(/\.(?:[cm]?[jt]sx?)$/, '');
}
