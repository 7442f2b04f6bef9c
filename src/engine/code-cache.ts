import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';
import { timingNote } from './timing.js';

/**
 * A V8 code cache for the one large CommonJS file the tool loads: the
 * TypeScript compiler bundled with ts-morph (9 MB). Node 20 has no persistent
 * compile cache (`module.enableCompileCache` came in Node 22), so V8 compiled it
 * at every start: about 110 ms of a run. With the cache the same load takes
 * about 30 ms. The cache is an optimisation only: a missing, stale, corrupt or
 * unwritable cache means the file is compiled as before.
 *
 * Where: `OPENAI_MIGRATE_CACHE_DIR`, else the user's cache folder
 * (`$XDG_CACHE_HOME` or `~/.cache`, `~/Library/Caches` on macOS,
 * `%LOCALAPPDATA%` on Windows) under `openai-migrate/`. `OPENAI_MIGRATE_CACHE_DIR=off`
 * turns it off. The file name holds a hash of the source's path, size and mtime
 * and of the Node/V8 version, so an upgrade of either starts a new cache; V8 also
 * rejects data made by another version or with other flags.
 */
export function cacheDir(): string | undefined {
  const env = process.env.OPENAI_MIGRATE_CACHE_DIR;
  if (env === 'off' || env === '0') return undefined;
  if (env) return path.resolve(env);
  const home = os.homedir();
  let base: string | undefined;
  if (process.platform === 'win32') base = process.env.LOCALAPPDATA;
  else if (process.platform === 'darwin') base = home && path.join(home, 'Library', 'Caches');
  else base = process.env.XDG_CACHE_HOME || (home && path.join(home, '.cache'));
  return base ? path.join(base, 'openai-migrate') : undefined;
}

function cachePathFor(file: string): string | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    return undefined;
  }
  const hash = (parts: unknown[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
  // One cache per installed copy (path), replaced when that copy or Node changes.
  const where = hash([file]);
  const what = hash([st.size, st.mtimeMs, process.version, process.versions.v8, process.arch]);
  return path.join(dir, 'v8', `${path.basename(file)}-${where}-${what}.bin`);
}

/** Write atomically; drop older caches of the same installed file (other installs keep theirs). Any failure is ignored (it is a cache). */
function save(cachePath: string, data: Buffer): void {
  try {
    const dir = path.dirname(cachePath);
    if (!ensureDir(dir)) return;
    // pid and thread: the main thread and a worker of one process may both write a cache.
    const tmp = `${cachePath}.${process.pid}.${threadId}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, cachePath);
    const prefix = path.basename(cachePath).replace(/-[0-9a-f]{16}\.bin$/, '-');
    for (const f of readdirSync(dir)) {
      if (f.startsWith(prefix) && f.endsWith('.bin') && f !== path.basename(cachePath)) rmSync(path.join(dir, f), { force: true });
    }
  } catch {
    // Read-only home, full disk, another process racing: the next run compiles again.
  }
}

/**
 * Create `dir` and its missing parents one level at a time, with a bounded
 * number of steps and no retry: `mkdirSync(..., { recursive: true })` loops
 * forever on Node 20 under /proc and some read-only mounts. false: no cache.
 */
export function ensureDir(dir: string): boolean {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (let i = 0; i < 64; i++) {
    try {
      if (statSync(d).isDirectory()) break;
      return false;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
    missing.unshift(d);
    const up = path.dirname(d);
    if (up === d) return false;
    d = up;
  }
  if (missing.length > 32) return false;
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
  }
  return true;
}

type Loaded = { exports: unknown };

/**
 * `require(file)` with a V8 code cache. The module is registered in
 * `require.cache`, so a later `require` of the same file (ts-morph's own, in
 * tests) gets the same instance. The cache is written when the process exits,
 * so it also holds the functions compiled lazily during the run (the parser).
 */
export function requireWithCodeCache(file: string): unknown {
  const req = createRequire(file);
  const existing = req.cache[file] as Loaded | undefined;
  if (existing) return existing.exports;
  const cachePath = cachePathFor(file);
  let cached: Buffer | undefined;
  if (cachePath) {
    try {
      cached = readFileSync(cachePath);
    } catch {
      cached = undefined;
    }
  }
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData: cached,
    // Let an `import()` inside the file behave as in a normal module (Node >= 20.12).
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  const hit = cached !== undefined && !script.cachedDataRejected;
  timingNote(`code cache for ${path.basename(file)}: ${hit ? 'used' : cached ? 'rejected (rebuilt at exit)' : cachePath ? 'none yet (written at exit)' : 'off'}`);
  const mod = new Module(file) as Module & { filename: string; loaded: boolean; paths: string[] };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths?: (d: string) => string[] })._nodeModulePaths?.(path.dirname(file)) ?? [];
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, req, mod, file, path.dirname(file));
  mod.loaded = true;
  req.cache[file] = mod as unknown as NodeJS.Module;
  if (cachePath && !hit) {
    if (!pending.size) process.once('exit', flushCodeCache);
    pending.set(cachePath, script);
  }
  return mod.exports;
}

/** Caches still to write (made at exit, so they hold the functions compiled during the run). */
const pending = new Map<string, vm.Script>();

/**
 * Write the caches now. A worker thread calls this before it reports back:
 * it is terminated, not exited, so its exit hook would never run.
 */
export function flushCodeCache(): void {
  for (const [cachePath, script] of pending) save(cachePath, script.createCachedData());
  pending.clear();
}
