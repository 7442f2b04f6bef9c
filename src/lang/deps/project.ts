import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project-level dependency step. JS/TS rewrites record, per nearest
 * `package.json`, which packages their files now import and which OpenAI
 * wrapper packages they stopped importing; the package.json handler (which
 * runs after the code handlers) declares the new ones and removes the old ones
 * only when no file under that package.json still imports them.
 */
export interface DepNeeds {
  add: Set<string>;
  dropped: Set<string>;
  /** Package roots still imported by migrated files under this package.json. */
  stillUsed: Set<string>;
}

const KEY = 'deps';

export function depsState(project: Map<string, unknown> | undefined): Map<string, DepNeeds> | undefined {
  if (!project) return undefined;
  let m = project.get(KEY) as Map<string, DepNeeds> | undefined;
  if (!m) project.set(KEY, (m = new Map()));
  return m;
}

/** The closest package.json at or above the file's folder. */
export function nearestPackageJson(fileAbs: string): string | undefined {
  let dir = path.dirname(fileAbs);
  for (;;) {
    const p = path.join(dir, 'package.json');
    if (existsSync(p)) return p;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`; relative and node: specifiers -> undefined. */
export function packageRoot(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Version ranges for packages a rewrite may introduce, from the npm registry as read
 * for shared/reference/providers.md (source key NPM, 2026-11-25). AI SDK provider
 * packages must match the project's `ai` major version: the report says so.
 */
export const KNOWN_RANGES: Record<string, string> = {
  '@ai-sdk/deepseek': '^3.0.56',
  '@ai-sdk/alibaba': '^2.0.58',
  '@ai-sdk/moonshotai': '^3.0.60',
  '@ai-sdk/openai-compatible': '^3.0.92',
  '@langchain/deepseek': '^1.1.13',
};
