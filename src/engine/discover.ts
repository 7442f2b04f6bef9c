import { globbySync, isGitIgnoredSync } from 'globby';
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
    // Walk without globby's gitignore option, then filter with its gitignore matcher:
    // the option stats every file (332 ms on the 20k-file bench repo); walk + filter
    // takes about 130 ms for the same result.
    const found = globbySync(patterns, {
      cwd: abs,
      dot: true,
      followSymbolicLinks: false,
      onlyFiles: true,
      ignore: [...DEFAULT_IGNORES, ...(o.exclude ?? [])],
    });
    const ignored = isGitIgnoredSync({ cwd: abs });
    for (const rel of found) {
      if (!o.accept(rel) || ignored(rel)) continue;
      out.add(path.join(abs, rel));
    }
  }
  return [...out].sort();
}
