import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../src/engine/run.js';
import { HANDLERS } from '../src/handlers.js';
import { jsHandler } from '../src/handlers.js';
import { getProvider, resolveTarget } from '../src/providers/index.js';
import { ModelMap } from '../src/models/map.js';
import type { LanguageHandler } from '../src/engine/types.js';
import { spawnSync } from 'node:child_process';
import { cli, ROOT } from './helpers/cli.js';

/**
 * The JS/TS handler can run on a worker thread (src/engine/offload.ts). A worker
 * may change how fast a run is, never what it finds or writes: the same runs
 * with the worker forced on and off must print byte-identical output.
 */
const CASES = path.join(ROOT, 'fixtures/cases');
const TIMING = { OPENAI_MIGRATE_TIMING: '1', OPENAI_MIGRATE_CACHE_DIR: 'off' };

/**
 * The reference: the CLI on the main thread, whole batches. Each run over every fixture costs ~8 CPU s;
 * the worker-thread sweep below and the sub-batch sweep (issue 19, moved here from js-batches.test.ts)
 * compare against the same runs, so each is made once per file.
 */
const references = new Map<string, ReturnType<typeof cli>>();
function mainThread(args: string[]): ReturnType<typeof cli> {
  const key = JSON.stringify(args);
  let r = references.get(key);
  if (!r) references.set(key, (r = cli(args, { env: { ...TIMING, OPENAI_MIGRATE_WORKERS: '0' } })));
  return r;
}

const SCAN = ['scan', '--format', 'json', CASES];
const dryRun = (provider: string) => ['migrate', '--provider', provider, '--dry-run', '--format', 'json', CASES];

describe('worker thread vs main thread', () => {
  const runs: Array<[string, string[]]> = [
    ['scan', SCAN],
    ['check --provider kimi', ['check', '--format', 'sarif', '--provider', 'kimi', '--fail-on', 'never', CASES]],
    ['migrate --dry-run deepseek', dryRun('deepseek')],
    ['migrate --dry-run qwen', dryRun('qwen')],
    ['migrate --dry-run zhipu', dryRun('zhipu')],
  ];
  for (const [name, args] of runs) {
    it(`${name}: same output over every fixture`, () => {
      const off = mainThread(args);
      const on = cli(args, { env: { ...TIMING, OPENAI_MIGRATE_WORKERS: '1' } });
      expect(off.code).toBe(on.code);
      expect(on.stdout).toBe(off.stdout);
      // Not vacuous: the worker did the JS/TS work in one run and not in the other.
      expect(on.stderr).toMatch(/^ {2}js: waiting for the worker/m);
      expect(on.stderr).not.toMatch(/worker failed/);
      expect(off.stderr).not.toMatch(/waiting for the worker/);
      expect(off.stderr).toMatch(/^ {2}js: parse \+ transform \(\d+\)/m);
      expect(on.stdout.length).toBeGreaterThan(10_000);
    }, 120_000); // two CLI runs over every fixture: ~25 s each on a loaded 2-core machine
  }
});

/**
 * Dense runs (issue 19): the JS/TS handler cuts a large batch into import-connected sub-batches of
 * bounded text (src/lang/js/batches.ts, unit-tested in js-batches.test.ts) after a first pass for the
 * app-wide facts, so its memory is bounded by a sub-batch, and what it finds and writes does not change.
 */
describe('sub-batches change nothing', () => {
  const runs: Array<[string, string[]]> = [
    ['scan', SCAN],
    ['migrate --dry-run deepseek', dryRun('deepseek')],
    ['migrate --dry-run qwen', dryRun('qwen')],
  ];
  for (const [name, args] of runs) {
    it(`${name}: same output over every fixture with one-byte sub-batches (JS/TS and Python)`, () => {
      const whole = mainThread(args);
      const cut = cli(args, { env: { ...TIMING, OPENAI_MIGRATE_WORKERS: '0', OPENAI_MIGRATE_BATCH_BYTES: '1' } });
      expect(cut.code).toBe(whole.code);
      expect(cut.stdout).toBe(whole.stdout);
      // Not vacuous: the batch was cut in one run (into many sub-batches) and not in the other.
      expect(Number(/js: (\d+) import-connected sub-batches/.exec(cut.stderr)?.[1])).toBeGreaterThan(100);
      expect(Number(/python: (\d+) import-connected sub-batches/.exec(cut.stderr)?.[1])).toBeGreaterThan(100);
      expect(whole.stderr).not.toMatch(/sub-batches/);
      expect(whole.stdout.length).toBeGreaterThan(10_000);
    }, 180_000); // up to two CLI runs over every fixture
  }
});

describe('writing with the worker', () => {
  it('migrate (not a dry run) writes byte-identical trees with the worker on and off', () => {
    const trees = ['0', '1'].map((w) => {
      const dir = mkdtempSync(path.join(tmpdir(), `oam-offload-${w}-`));
      cpSync(CASES, dir, { recursive: true });
      const r = cli(['migrate', '--provider', 'moonshot', '--force', '--format', 'json', '.'], { cwd: dir, env: { ...TIMING, OPENAI_MIGRATE_WORKERS: w } });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).summary.filesChanged).toBeGreaterThan(50);
      return dir;
    });
    const files = (readdirSync(trees[0]!, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(trees[0]!, path.join(e.parentPath, e.name)));
    expect(files.length).toBeGreaterThan(100);
    let changed = 0;
    for (const f of files) {
      const a = readFileSync(path.join(trees[0]!, f));
      expect(readFileSync(path.join(trees[1]!, f)).equals(a), f).toBe(true);
      if (!readFileSync(path.join(CASES, f)).equals(a)) changed++;
    }
    expect(changed).toBeGreaterThan(50);
  }, 120_000); // two migrations of every fixture
});

describe('a run that ends in an error', () => {
  it('does not leave the worker keeping the process alive', () => {
    // A progress callback throws while files are being read: the worker has started but has no batch yet
    // (it waits for one). The process must still exit on its own (it hung before run() cancelled workers).
    const script = `
      import { run } from ${JSON.stringify(path.join(ROOT, 'dist/src/engine/run.js'))};
      import { HANDLERS } from ${JSON.stringify(path.join(ROOT, 'dist/src/handlers.js'))};
      import { getProvider, resolveTarget } from ${JSON.stringify(path.join(ROOT, 'dist/src/providers/index.js'))};
      import { ModelMap } from ${JSON.stringify(path.join(ROOT, 'dist/src/models/map.js'))};
      const p = getProvider('deepseek');
      try {
        await run({ cwd: ${JSON.stringify(CASES)}, paths: ['js', 'python'], write: false, maxFileSize: 1 << 21, handlers: HANDLERS, target: resolveTarget(p), models: new ModelMap(p), workers: true, onProgress: (phase, done) => { if (phase === 'read' && done === 20) throw new Error('boom'); } });
      } catch (e) { console.log('caught', e.message); }
    `;
    // From a file: with `-e` Node exits when the evaluated module ends, worker or not.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'oam-offload-exit-')), 'run.mjs');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
    expect(r.error).toBeUndefined(); // no timeout
    expect(r.stdout.trim()).toBe('caught boom');
    expect(r.status).toBe(0);
  });
});

describe('a worker that fails', () => {
  it('the handler runs on the main thread instead and the result is the same', async () => {
    const provider = getProvider('deepseek');
    const base = { cwd: CASES, paths: ['js'], write: false, maxFileSize: 2 << 20, target: resolveTarget(provider), models: new ModelMap(provider) };
    const broken: LanguageHandler = { ...jsHandler, worker: { module: 'file:///nonexistent/openai-migrate-handler.js', export: 'jsHandler' } };
    const handlers = HANDLERS.map((h) => (h === jsHandler ? broken : h));
    const fallback = await run({ ...base, handlers, workers: true });
    const direct = await run({ ...base, handlers: HANDLERS, workers: false });
    expect(fallback.files.length).toBeGreaterThan(50);
    expect(fallback.files.filter((f) => f.status === 'changed').length).toBeGreaterThan(20);
    expect(fallback.files.map(({ diff, status, findings, followUps }) => ({ diff, status, findings, followUps }))).toEqual(
      direct.files.map(({ diff, status, findings, followUps }) => ({ diff, status, findings, followUps })),
    );
  }, 120_000); // two in-process runs over the JS fixtures
});

describe('a handler that throws (a bug)', () => {
  it('fails its own files with E_INTERNAL, on the main thread and after a failed worker; the other handlers still run', async () => {
    const provider = getProvider('deepseek');
    const base = { cwd: CASES, paths: ['js', 'python'], write: false, maxFileSize: 2 << 20, target: resolveTarget(provider), models: new ModelMap(provider) };
    const buggy: LanguageHandler = {
      ...jsHandler,
      worker: { module: 'file:///nonexistent/openai-migrate-handler.js', export: 'jsHandler' },
      process: async () => {
        throw new Error('bug in a transform');
      },
    };
    const handlers = HANDLERS.map((h) => (h === jsHandler ? buggy : h));
    for (const workers of [false, true]) {
      const r = await run({ ...base, handlers, workers });
      const js = r.files.filter((f) => /\.(ts|tsx|js|mjs|cjs)$/.test(f.file) && f.status !== 'unchanged' && f.status !== 'skipped');
      expect(js.length, `workers: ${workers}`).toBeGreaterThan(20);
      for (const f of js) expect(f, f.file).toMatchObject({ status: 'failed', errorId: 'E_INTERNAL', reason: 'internal error: bug in a transform' });
      expect(r.files.filter((f) => f.file.endsWith('.py') && f.status === 'changed').length, `workers: ${workers}`).toBeGreaterThan(5);
    }
  }, 120_000); // four in-process runs over the JS and Python fixtures (33 s under load 19 hit the 30 s default)
});
