import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's own package.json, found upward from `src/` (tests) or `dist/src/` (the build). */
function ownPackageJson(): { name: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'openai-migrate' && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      // no package.json here: keep walking up
    }
    const up = path.dirname(dir);
    if (up === dir) return { name: 'openai-migrate', version: '0.0.0' };
    dir = up;
  }
}

export const PACKAGE = ownPackageJson();

/**
 * Where the shipped docs can be read for this exact version: every file under
 * `docs/` is in the published tarball, and the registry's CDN serves it.
 */
export const docsUrl = (file: string) => `https://unpkg.com/${PACKAGE.name}@${PACKAGE.version}/docs/${file}`;
