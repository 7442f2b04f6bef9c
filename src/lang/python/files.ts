import path from 'node:path';

/** Which files the Python handler owns besides `.py`: kept apart from the analysis so matching loads nothing. */
export const isNotebook = (rel: string) => /\.ipynb$/i.test(rel);

/** Python dependency manifests (requirements files, pyproject.toml, Pipfile, setup.cfg/setup.py). */
export function isManifest(rel: string): boolean {
  const base = path.posix.basename(rel);
  return /^requirements.*\.(txt|in)$/i.test(base) || (/\.txt$/.test(base) && /(^|\/)requirements\//.test(rel)) || ['pyproject.toml', 'Pipfile', 'setup.cfg', 'setup.py'].includes(base);
}
