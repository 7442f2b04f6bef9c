import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

/** The package version (package.json above this module, in src/ and in dist/src/ alike). */
export function toolVersion(): string {
  if (version) return version;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'openai-migrate' && pkg.version) return (version = pkg.version);
    } catch {
      // no package.json here: keep climbing
    }
  }
  return (version = '0.0.0');
}
