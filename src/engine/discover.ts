import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { UsageError } from '../providers/index.js';

/** Folders never worth migrating (dependencies, build output, virtualenvs): skipped wherever they are. */
export const IGNORED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.next', 'out', 'coverage', '.venv', 'venv', '__pycache__', 'site-packages', '.tox']);

/** Files never worth migrating: minified bundles, type declarations, lock files. */
const IGNORED_FILE = /(?:\.min\.m?js|\.bundle\.js|\.d\.ts)$|^(?:package-lock\.json|pnpm-lock\.yaml|yarn\.lock)$/;

/** The default ignores as globs (for the README and for tools that want the same set). */
export const DEFAULT_IGNORES = [
  ...[...IGNORED_DIRS].map((d) => `**/${d}/**`),
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.bundle.js',
  '**/*.d.ts',
  '**/package-lock.json',
  '**/pnpm-lock.yaml',
  '**/yarn.lock',
];

export interface DiscoverOptions {
  cwd: string;
  paths: string[];
  include?: string[];
  exclude?: string[];
  /** Keep only files some handler owns. */
  accept: (rel: string) => boolean;
}

interface Rules {
  /** Folder the `.gitignore` sits in, relative to the walk root with a trailing `/` ('' for the root itself). */
  base: string;
  ig: Ignore;
}

/**
 * `.gitignore` rules the way git applies them: every `.gitignore` from the
 * repository root down to a file's folder, the deepest one that has a say
 * (ignores or re-includes) deciding; a folder that is ignored is not entered,
 * so nothing below it can be re-included. Files above the walk root (up to
 * the repository root, found by its `.git`) count too.
 */
class GitIgnores {
  private readonly byDir = new Map<string, Rules[]>();

  constructor(private readonly root: string) {
    // .gitignore files between the repository root and the walk root apply with their own base.
    const above: { dir: string; text: string }[] = [];
    let dir = root;
    for (;;) {
      const parent = path.dirname(dir);
      const isRepoRoot = exists(path.join(dir, '.git'));
      if (dir !== root) {
        const text = readText(path.join(dir, '.gitignore'));
        if (text !== undefined) above.unshift({ dir, text });
      }
      if (isRepoRoot || parent === dir) break;
      dir = parent;
    }
    if (!exists(path.join(dir, '.git'))) above.length = 0; // not in a repository: only files under the root count
    this.outer = above.map(({ dir: d, text }) => ({ prefix: path.relative(d, root).split(path.sep).join('/') + '/', ig: ignore().add(text.replace(/^\uFEFF/, '')) }));
  }

  /** Rules from above the walk root, with the walk root's path relative to each. */
  private readonly outer: { prefix: string; ig: Ignore }[];

  /** Rules in force inside `dirRel` ('' or 'a/b/'), given the folder's entries (to spot its `.gitignore`). */
  enter(dirRel: string, entries: Dirent[] | undefined): Rules[] {
    const parentRel = dirRel === '' ? undefined : dirRel.slice(0, dirRel.slice(0, -1).lastIndexOf('/') + 1);
    const inherited = parentRel === undefined ? [] : (this.byDir.get(parentRel) ?? this.enter(parentRel, undefined));
    let own: Rules | undefined;
    const hasFile = entries ? entries.some((e) => e.name === '.gitignore' && !e.isDirectory()) : true;
    if (hasFile) {
      const text = readText(path.join(this.root, dirRel, '.gitignore'));
      if (text !== undefined) own = { base: dirRel, ig: ignore().add(text.replace(/^\uFEFF/, '')) };
    }
    const rules = own ? [...inherited, own] : inherited;
    this.byDir.set(dirRel, rules);
    return rules;
  }

  /** Is `rel` (a path under the walk root; folders end in `/`) ignored, given the rules of its folder? */
  ignored(rel: string, rules: Rules[]): boolean {
    for (let i = rules.length - 1; i >= 0; i--) {
      const r = rules[i]!;
      const res = r.ig.test(rel.slice(r.base.length));
      if (res.ignored) return true;
      if (res.unignored) return false;
    }
    for (let i = this.outer.length - 1; i >= 0; i--) {
      const o = this.outer[i]!;
      const res = o.ig.test(o.prefix + rel);
      if (res.ignored) return true;
      if (res.unignored) return false;
    }
    return false;
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function readText(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** `--exclude` patterns ending in `/**` also prune the folder they name, so it is never read. */
function excludeMatchers(patterns: string[]): { file: (rel: string) => boolean; dir: (rel: string) => boolean } {
  const opts = { dot: true };
  const file = patterns.length ? picomatch(patterns, opts) : () => false;
  const dirPatterns = patterns.filter((p) => p.endsWith('/**')).map((p) => p.slice(0, -3));
  const dir = dirPatterns.length ? picomatch(dirPatterns, opts) : () => false;
  return { file, dir };
}

/**
 * Files to consider, as absolute paths (sorted, deduplicated). `.gitignore`
 * files are respected; symlinks are not followed (a link out of the root or a
 * loop can neither leak nor hang the walk). A path given explicitly as a file
 * is taken even when a default ignore would skip it.
 *
 * A plain `readdir` walk: ignored folders (defaults, `.gitignore`, `--exclude
 * dir/**`) are never entered and no file is stat'ed. On the 20,000-file bench
 * repository it takes about 30 ms where globby with its gitignore filter took
 * about 250 ms; `test/discover.test.ts` checks that both find the same files.
 */
export async function discover(o: DiscoverOptions): Promise<string[]> {
  const out = new Set<string>();
  const paths = o.paths.length ? o.paths : ['.'];
  const include = o.include?.length ? picomatch(o.include, { dot: true }) : undefined;
  const exclude = excludeMatchers(o.exclude ?? []);
  for (const p of paths) {
    const abs = path.resolve(o.cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError('E_MISSING_PATH', `path not found: ${p}`);
    }
    if (st.isFile()) {
      out.add(abs);
      continue;
    }
    const git = new GitIgnores(abs);
    // String concatenation, not path.join (which normalises each of 20,000 paths again).
    const prefix = abs.endsWith(path.sep) ? abs : abs + path.sep;
    const toAbs = path.sep === '/' ? (rel: string) => prefix + rel : (rel: string) => prefix + rel.split('/').join(path.sep);
    const walk = (dirRel: string): void => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dirRel ? toAbs(dirRel) : abs, { withFileTypes: true });
      } catch {
        return; // unreadable folder: nothing to migrate in it
      }
      const rules = git.enter(dirRel, entries);
      for (const e of entries) {
        const rel = dirRel + e.name;
        if (e.isDirectory()) {
          if (IGNORED_DIRS.has(e.name) || exclude.dir(rel) || git.ignored(rel + '/', rules)) continue;
          walk(rel + '/');
        } else if (e.isFile()) {
          if (IGNORED_FILE.test(e.name) || !o.accept(rel) || (include && !include(rel)) || exclude.file(rel) || git.ignored(rel, rules)) continue;
          out.add(toAbs(rel));
        }
        // Symlinks and other entries are skipped.
      }
    };
    walk('');
  }
  return [...out].sort();
}
