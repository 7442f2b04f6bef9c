import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, ROOT } from './helpers/cli.js';

/**
 * The V8 code cache for the TypeScript compiler (src/engine/code-cache.ts) and the
 * OPENAI_MIGRATE_TIMING report. The cache may only change how fast a run is, never
 * what it finds: every run below must print the same findings.
 */
const APP = path.join(ROOT, 'fixtures/example-app');
const scan = (env: Record<string, string>) => cli(['scan', '--format', 'json', '.'], { cwd: APP, env: { OPENAI_MIGRATE_TIMING: '1', ...env } });
const cacheNote = (stderr: string) => /code cache for typescript\.js: ([^\n]+)/.exec(stderr)?.[1];
const findings = (stdout: string) => JSON.parse(stdout) as unknown;

describe('code cache for the TypeScript compiler', () => {
  it('is written on the first run, used on the next, rebuilt when corrupt; the findings never change', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-cc-'));
    const first = scan({ OPENAI_MIGRATE_CACHE_DIR: dir });
    expect(first.code).toBe(0);
    expect(cacheNote(first.stderr)).toMatch(/none yet/);
    const files = readdirSync(path.join(dir, 'v8'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^typescript\.js-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/);
    const cacheFile = path.join(dir, 'v8', files[0]!);
    expect(readFileSync(cacheFile).length).toBeGreaterThan(100_000);

    const second = scan({ OPENAI_MIGRATE_CACHE_DIR: dir });
    expect(cacheNote(second.stderr)).toBe('used');
    expect(findings(second.stdout)).toEqual(findings(first.stdout));

    writeFileSync(cacheFile, 'not a V8 code cache');
    const third = scan({ OPENAI_MIGRATE_CACHE_DIR: dir });
    expect(third.code).toBe(0);
    expect(cacheNote(third.stderr)).toMatch(/rejected/);
    expect(findings(third.stdout)).toEqual(findings(first.stdout));
    expect(readFileSync(cacheFile, 'utf8')).not.toBe('not a V8 code cache');
    expect(readdirSync(path.join(dir, 'v8'))).toHaveLength(1); // no temp file left behind
  });

  it('a worker thread that loaded the compiler writes the cache too (it is terminated, so no exit hook runs there)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-cc-'));
    const r = scan({ OPENAI_MIGRATE_CACHE_DIR: dir, OPENAI_MIGRATE_WORKERS: '1' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/js: waiting for the worker/);
    expect(cacheNote(r.stderr)).toBeUndefined(); // the main thread never loaded TypeScript
    expect(readdirSync(path.join(dir, 'v8'))).toEqual([expect.stringMatching(/^typescript\.js-.*\.bin$/)]);
  });

  it('an unusable cache folder or OPENAI_MIGRATE_CACHE_DIR=off changes nothing but the speed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-cc-'));
    const reference = scan({ OPENAI_MIGRATE_CACHE_DIR: 'off' });
    expect(reference.code).toBe(0);
    expect(cacheNote(reference.stderr)).toBe('off');
    // A regular file where the cache folder should be: nothing can be written below it.
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, 'x');
    const blocked = scan({ OPENAI_MIGRATE_CACHE_DIR: blocker });
    expect(blocked.code).toBe(0);
    expect(findings(blocked.stdout)).toEqual(findings(reference.stdout));
    expect(readFileSync(blocker, 'utf8')).toBe('x');
    expect(existsSync(path.join(dir, 'v8'))).toBe(false);
  });
});

describe('OPENAI_MIGRATE_TIMING', () => {
  it('prints the phases on stderr only when set; stdout stays machine-readable', () => {
    const on = scan({ OPENAI_MIGRATE_CACHE_DIR: 'off' });
    expect(on.stderr).toMatch(/openai-migrate timing:/);
    for (const phase of ['walk', 'read \\+ prefilter', 'load TypeScript parser', 'js: parse \\+ transform \\(\\d+\\)', 'total \\(since process start\\)']) {
      // Each phase with the peak RSS reached by its end (which stage raised the peak).
      expect(on.stderr).toMatch(new RegExp(`^  ${phase} +\\d+\\.\\d ms  \\(peak RSS \\d+ MB\\)$`, 'm'));
    }
    expect(() => JSON.parse(on.stdout)).not.toThrow();
    const off = cli(['scan', '--format', 'json', '.'], { cwd: APP, env: { OPENAI_MIGRATE_CACHE_DIR: 'off' } });
    expect(off.stderr).not.toMatch(/timing/);
    expect(off.stdout).toBe(on.stdout);
  });
});
