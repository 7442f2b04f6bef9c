import { globbySync } from 'globby';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../providers/index.js';

/** Folders and files never worth migrating: dependencies, build output, virtualenvs, minified bundles. */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/.next/**',
  '**/out/**',
  '**/coverage/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/site-packages/**',
  '**/.tox/**',
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

/**
 * Files to consider, as absolute paths (sorted, deduplicated). `.gitignore`
 * files are respected; symlinks are not followed (a link out of the root or a
 * loop can neither leak nor hang the walk). A path given explicitly as a file
 * is taken even when a default ignore would skip it.
 */
export async function discover(o: DiscoverOptions): Promise<string[]> {
  const out = new Set<string>();
  const paths = o.paths.length ? o.paths : ['.'];
  for (const p of paths) {
    const abs = path.resolve(o.cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch {
      throw new UsageError('E_MISSING_PATH', `path not found: ${p}`);
    }
    if (st.isFile()) {
      out.add(abs);
      continue;
    }
    const patterns = o.include?.length ? o.include : ['**/*'];
    // globbySync: about half the time of the async walk with gitignore on (measured on 20k files).
    const found = globbySync(patterns, {
      cwd: abs,
      absolute: true,
      dot: true,
      gitignore: true,
      followSymbolicLinks: false,
      onlyFiles: true,
      ignore: [...DEFAULT_IGNORES, ...(o.exclude ?? [])],
    });
    for (const f of found) {
      const rel = path.relative(abs, f).split(path.sep).join('/');
      if (o.accept(rel)) out.add(f);
    }
  }
  return [...out].sort();
}
