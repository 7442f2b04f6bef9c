import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * Which version of a package a rewrite introduces, chosen from the version of
 * the framework the project already has installed.
 *
 * AI SDK provider packages implement one `@ai-sdk/provider` specification
 * major, and `ai` of each major requires one: the table pairs them by that
 * dependency (npm registry, `npm view <pkg>@<v> dependencies`, read 2026-12-06):
 * ai 4 -> provider 1, ai 5 -> 2, ai 6 -> 3, ai 7 -> 4.
 * https://www.npmjs.com/package/ai?activeTab=versions ,
 * https://ai-sdk.dev/docs/migration-guides/migration-guide-5-0 ,
 * https://ai-sdk.dev/docs/migration-guides/migration-guide-6-0
 * LangChain JS provider packages peer-depend on `@langchain/core`
 * (`npm view @langchain/deepseek@<v> peerDependencies`): 0.x needs core >=0.3.58 <0.4,
 * 1.x needs core ^1; no release works with core 0.1/0.2.
 * https://www.npmjs.com/package/@langchain/deepseek?activeTab=versions
 */
interface Anchor {
  /** The installed package whose version decides. */
  name: string;
  /** Its version read as a line of the table (`4`, `0.3`). */
  line: (v: [number, number, number]) => string;
  /** A table line written as a version of this anchor (for "exists for ..." messages). */
  label: (line: string) => string;
}

interface Compat {
  /**
   * Installed packages whose version decides, first found wins. AI SDK projects
   * without a direct `ai` dependency (Mastra, a framework that brings `ai`
   * itself) still pin `@ai-sdk/openai`, whose major N implements
   * `@ai-sdk/provider` N, the specification of `ai` N+3
   * (`npm view @ai-sdk/openai@2 dependencies`: provider 2.0.x, read 2026-12-06).
   */
  anchors: Anchor[];
  /** Anchor version line (`4`, `0.3`) -> range to declare, or null when no release fits. */
  byLine: Record<string, string | null>;
}

const AI: Anchor = { name: 'ai', line: (v) => String(v[0]), label: (l) => `ai@${l}` };
const AI_OPENAI: Anchor = { name: '@ai-sdk/openai', line: (v) => String(v[0] + 3), label: (l) => `@ai-sdk/openai@${Number(l) - 3}` };
const AI_ANCHORS = [AI, AI_OPENAI];
const CORE: Anchor = { name: '@langchain/core', line: (v) => (v[0] === 0 ? `0.${v[1]}` : String(v[0])), label: (l) => `@langchain/core@${l}` };

export const COMPAT: Record<string, Compat> = {
  '@ai-sdk/deepseek': { anchors: AI_ANCHORS, byLine: { '4': '^0.2.16', '5': '^1.0.60', '6': '^2.0.69', '7': '^3.0.56' } },
  '@ai-sdk/openai-compatible': { anchors: AI_ANCHORS, byLine: { '4': '^0.2.16', '5': '^1.0.61', '6': '^2.0.92', '7': '^3.0.97' } },
  '@ai-sdk/alibaba': { anchors: AI_ANCHORS, byLine: { '4': null, '5': '^0.0.6', '6': '^1.0.61', '7': '^2.0.58' } },
  '@ai-sdk/moonshotai': { anchors: AI_ANCHORS, byLine: { '4': null, '5': null, '6': '^2.0.61', '7': '^3.0.60' } },
  '@langchain/deepseek': { anchors: [CORE], byLine: { '0.1': null, '0.2': null, '0.3': '^0.1.0', '1': '^1.1.13' } },
};

/** The newest line of each table: used when the project's anchor version cannot be read. */
export function latestRange(pkg: string): string | undefined {
  const c = COMPAT[pkg];
  if (!c) return undefined;
  const lines = Object.keys(c.byLine).sort((a, b) => Number(a) - Number(b));
  return c.byLine[lines[lines.length - 1]!] ?? undefined;
}

export type Choice =
  | { kind: 'range'; range: string; anchor?: { name: string; version: string; from: string } }
  | { kind: 'none'; anchor: { name: string; version: string; from: string }; fits: string[] }
  | { kind: 'unknown'; range: string; anchorName: string };

/** Pick the range for `pkg` in the project whose package.json is `pkgJsonAbs`. */
export function chooseRange(pkg: string, pkgJsonAbs: string, pkgJsonText: string): Choice | undefined {
  const c = COMPAT[pkg];
  if (!c) return undefined;
  let found: { v: Ver; from: string } | undefined;
  let by = c.anchors[0]!;
  for (const a of c.anchors) {
    found = installedVersion(a.name, pkgJsonAbs, pkgJsonText);
    by = a;
    if (found) break;
  }
  if (!found) return { kind: 'unknown', range: latestRange(pkg)!, anchorName: c.anchors[0]!.name };
  const line = by.line(found.v);
  const anchor = { name: by.name, version: found.v.join('.'), from: found.from };
  if (!(line in c.byLine)) {
    // Newer than the table: the newest line; older: nothing fits.
    const newest = Math.max(...Object.keys(c.byLine).map(Number));
    if (Number(line) > newest) return { kind: 'range', range: latestRange(pkg)!, anchor };
    return { kind: 'none', anchor, fits: fitting(c, by) };
  }
  const r = c.byLine[line];
  return r ? { kind: 'range', range: r, anchor } : { kind: 'none', anchor, fits: fitting(c, by) };
}

const fitting = (c: Compat, by: Anchor) =>
  Object.entries(c.byLine)
    .filter(([, r]) => r)
    .map(([l]) => by.label(l));

type Ver = [number, number, number];

/** `1.2.3`, `^0.3.1`, `~4.0`, `4.x`, `>=0.3.0 <0.4.0`, `npm:ai@5.0.0` -> the lowest version the text names. */
export function parseVersion(spec: string): Ver | undefined {
  const m = /(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(spec.replace(/^npm:[^@]+@/, ''));
  if (!m) return undefined;
  const n = (s?: string) => (s && /^\d+$/.test(s) ? Number(s) : 0);
  return [Number(m[1]), n(m[2]), n(m[3])];
}

/**
 * The installed version of `name` for the project of `pkgJsonAbs`: the lock file
 * first (npm `package-lock.json`, pnpm `pnpm-lock.yaml`, `yarn.lock`, in that
 * folder or the nearest folder above that has one: monorepos keep one lock at
 * the root), then the range in package.json itself.
 */
export function installedVersion(name: string, pkgJsonAbs: string, pkgJsonText: string): { v: Ver; from: string } | undefined {
  const dir = path.dirname(pkgJsonAbs);
  for (let d = dir; ; ) {
    const rel = path.relative(d, dir).split(path.sep).join('/');
    const hit = fromNpmLock(d, rel, name) ?? fromPnpmLock(d, rel, name) ?? fromYarnLock(d, name);
    if (hit) return hit;
    if (existsSync(path.join(d, '.git'))) break;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  try {
    const pkg = JSON.parse(pkgJsonText) as Record<string, Record<string, string> | undefined>;
    for (const f of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const spec = pkg[f]?.[name];
      const v = spec ? parseVersion(spec) : undefined;
      if (v) return { v, from: `package.json (${spec})` };
    }
  } catch {
    // not JSON: nothing to read
  }
  return undefined;
}

/** Lock files are read once per content version (path, size, mtime): a monorepo's files share one lock. */
const READ_CACHE = new Map<string, { sig: string; text: string | undefined }>();

function read(file: string): string | undefined {
  let sig: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return undefined;
    sig = `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
  const hit = READ_CACHE.get(file);
  if (hit && hit.sig === sig) return hit.text;
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  if (READ_CACHE.size > 64) READ_CACHE.clear();
  READ_CACHE.set(file, { sig, text });
  return text;
}

/**
 * Can the project of `fileAbs` install a release of `pkg` that works with its
 * framework version? False only when the version was read and no release fits
 * (the rewrite then keeps the generic OpenAI-compatible route instead).
 */
export function packageFits(fileAbs: string, pkg: string): boolean {
  if (!COMPAT[pkg]) return true;
  const pj = nearestPackageJsonOf(fileAbs);
  if (!pj) return true;
  const text = read(pj);
  if (text === undefined) return true;
  return chooseRange(pkg, pj, text)?.kind !== 'none';
}

/** The range of `pkg` the project of `fileAbs` would get (undefined: not in the table, no package.json, or no release fits). */
export function packageRange(fileAbs: string, pkg: string): string | undefined {
  const pj = COMPAT[pkg] ? nearestPackageJsonOf(fileAbs) : undefined;
  const text = pj ? read(pj) : undefined;
  const c = pj && text !== undefined ? chooseRange(pkg, pj, text) : undefined;
  return c && c.kind !== 'none' ? c.range : undefined;
}

function nearestPackageJsonOf(fileAbs: string): string | undefined {
  for (let d = path.dirname(fileAbs); ; ) {
    const p = path.join(d, 'package.json');
    if (existsSync(p)) return p;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

function fromNpmLock(d: string, rel: string, name: string): { v: Ver; from: string } | undefined {
  const text = read(path.join(d, 'package-lock.json')) ?? read(path.join(d, 'npm-shrinkwrap.json'));
  if (!text) return undefined;
  try {
    const lock = JSON.parse(text) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
    const keys = [rel ? `${rel}/node_modules/${name}` : undefined, `node_modules/${name}`].filter(Boolean) as string[];
    for (const k of keys) {
      const v = lock.packages?.[k]?.version;
      if (v && parseVersion(v)) return { v: parseVersion(v)!, from: `package-lock.json (${v})` };
    }
    const v1 = lock.dependencies?.[name]?.version;
    if (v1 && parseVersion(v1)) return { v: parseVersion(v1)!, from: `package-lock.json (${v1})` };
  } catch {
    // unreadable lock: fall through
  }
  return undefined;
}

function fromPnpmLock(d: string, rel: string, name: string): { v: Ver; from: string } | undefined {
  const text = read(path.join(d, 'pnpm-lock.yaml'));
  if (!text) return undefined;
  try {
    const lock = parseYaml(text) as {
      importers?: Record<string, Record<string, Record<string, { version?: string } | string>>>;
      dependencies?: Record<string, { version?: string } | string>;
      devDependencies?: Record<string, { version?: string } | string>;
    };
    const scopes = [lock.importers?.[rel || '.'], lock.importers?.['.'], { dependencies: lock.dependencies ?? {}, devDependencies: lock.devDependencies ?? {} }];
    for (const s of scopes) {
      if (!s) continue;
      for (const f of ['dependencies', 'devDependencies', 'optionalDependencies']) {
        const e = s[f]?.[name];
        const v = typeof e === 'string' ? e : e?.version;
        if (v && /^\d/.test(v)) return { v: parseVersion(v)!, from: `pnpm-lock.yaml (${v.replace(/\(.*$/, '')})` };
      }
    }
  } catch {
    // unreadable lock: fall through
  }
  return undefined;
}

function fromYarnLock(d: string, name: string): { v: Ver; from: string } | undefined {
  const text = read(path.join(d, 'yarn.lock'));
  if (!text) return undefined;
  const esc = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // Classic: `"ai@^4.0.0", ai@^4.1.0:\n  version "4.3.19"`; berry: `"ai@npm:^4.0.0":\n  version: 4.3.19`.
  const re = new RegExp(`^"?${esc}@[^\\n]*:\\n(?:[ \\t]+[^\\n]*\\n)*?[ \\t]+version:?[ \\t]+"?([0-9][^"\\s]*)`, 'm');
  const m = re.exec(text);
  return m ? { v: parseVersion(m[1]!)!, from: `yarn.lock (${m[1]})` } : undefined;
}

/** The command that brings the lock file back in line with an edited package.json. */
export function syncCommand(pm: 'npm' | 'pnpm' | 'yarn' | 'bun'): string {
  return `${pm} install`;
}
