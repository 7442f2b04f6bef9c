import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parse `--shard i/n` (1 <= i <= n); a usage error (exit 2) otherwise. */
export function parseShard(spec: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 10000) {
    throw new UsageError('E_BAD_SHARD', `--shard expects <i>/<n> with 1 <= i <= n (for example 2/4), got "${spec}"`);
  }
  return { index, count };
}

/** Files that mark a package root: files under one root always land in the same shard. */
const MANIFESTS = ['package.json', 'deno.json', 'pyproject.toml', 'setup.py', 'setup.cfg', 'go.mod', 'Cargo.toml'];

/**
 * Which shard a file belongs to. The unit is the file's package (the nearest
 * folder, up to cwd, that holds a manifest), hashed by its path relative to
 * cwd: relative imports inside a package stay in one shard, so cross-module
 * analysis (clients and model ids flowing between files) sees the same files
 * as a full run, and the union of all shards equals the full run. A repo
 * without nested packages is one unit.
 */
export function shardSelector(cwd: string, shard: Shard): (rel: string) => boolean {
  const rootCache = new Map<string, string>();
  const packageRoot = (dir: string): string => {
    const hit = rootCache.get(dir);
    if (hit !== undefined) return hit;
    let root: string;
    if (dir === '' || dir === '.') root = '.';
    else if (MANIFESTS.some((m) => existsSync(path.join(cwd, dir, m)))) root = dir;
    else root = packageRoot(path.posix.dirname(dir));
    rootCache.set(dir, root);
    return root;
  };
  return (rel) => {
    // Files outside cwd (../x) are their own unit.
    const unit = rel.startsWith('../') ? rel : packageRoot(path.posix.dirname(rel));
    return shardOf(unit, shard.count) === shard.index;
  };
}

/** 1-based shard of a unit key (stable across machines and runs). */
export function shardOf(key: string, count: number): number {
  const h = createHash('sha1').update(key).digest();
  return (h.readUInt32BE(0) % count) + 1;
}
