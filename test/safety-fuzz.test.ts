import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, ROOT } from './helpers/cli.js';
import { listFiles } from './helpers/fixtures.js';
import { syntaxCheck } from './helpers/syntax.js';
import { rng } from '../bench/generate.mjs';

/**
 * A bounded fuzz run over mutated fixture inputs (issue 21): a fixed seed, a
 * small count in CI (`OPENAI_MIGRATE_FUZZ=<n>` for a longer run). Each mutant
 * is migrated for real (`--force`); the run must not crash (exit 0 or 1, no
 * E_INTERNAL), every file it wrote must still parse when its input did, and
 * every file it did not change (failed, skipped) must be byte-identical.
 */
const COUNT = Number(process.env.OPENAI_MIGRATE_FUZZ ?? 60);
const SEED = 0x5eed21;
/** mulberry32, the bench generator's deterministic PRNG. */
const prng: (seed: number) => () => number = rng;

const INSERTS = [
  '"',
  "'",
  '`',
  '${',
  '}',
  '{',
  '(',
  ')',
  '[',
  ']',
  ',',
  ';',
  '\n',
  '\r\n',
  '\\',
  '#',
  '//',
  '/*',
  '*/',
  ' ',
  '\t',
  'gpt-4o',
  'sk-' + 'A1b2C3d4E5f6G7h8I9',
  'OPENAI_API_KEY',
  'api.openai.com',
  '\u001b[31m',
  '\u2028',
  'é',
  '"""',
  ':',
  '=',
  '- ',
  '\u0000',
];

function mutate(text: string, rnd: () => number): string {
  let s = text;
  const n = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const len = Math.floor(rnd() * 12);
    switch (Math.floor(rnd() * 4)) {
      case 0: // delete a range
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 1: // duplicate a range
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      case 2: // insert a token
        s = s.slice(0, at) + INSERTS[Math.floor(rnd() * INSERTS.length)] + s.slice(at);
        break;
      default: {
        // swap two lines
        const lines = s.split('\n');
        const i = Math.floor(rnd() * lines.length);
        const j = Math.floor(rnd() * lines.length);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        s = lines.join('\n');
      }
    }
  }
  return s;
}

describe('fuzz: mutated fixtures', () => {
  it(`${COUNT} mutants (seed ${SEED.toString(16)}): no crash, written files parse, failed and skipped files byte-identical`, async () => {
    const rnd = prng(SEED);
    const inputs: string[] = [];
    const casesRoot = path.join(ROOT, 'fixtures/cases');
    for (const f of listFiles(casesRoot)) if (/\/input(\/|\.)/.test(f) && statSync(path.join(casesRoot, f)).size < 64_000) inputs.push(f);
    inputs.sort();
    expect(inputs.length).toBeGreaterThan(50);
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-fuzz-'));
    const written = new Map<string, string>();
    for (let i = 0; i < COUNT; i++) {
      const src = inputs[Math.floor(rnd() * inputs.length)]!;
      const base = path.basename(src).replace(/^input/, 'm');
      const rel = `m${i}/${base === 'm' ? 'file' : base}`.replace(/\/m\./, '/m.');
      const text = mutate(readFileSync(path.join(casesRoot, src), 'utf8'), rnd);
      mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
      written.set(rel, text);
    }
    const r = spawnSync(process.execPath, [BIN, 'migrate', '-p', 'qwen', '--force', '--format', 'json', '.', ...[...written.keys()].filter((f) => /\.env/.test(f))], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      timeout: 240_000,
    });
    expect(r.stderr).not.toMatch(/internal error/i);
    expect([0, 1], r.stderr).toContain(r.status);
    const j = JSON.parse(r.stdout) as { files: Array<{ file: string; status: string; errorId?: string; reason?: string }> };
    const byFile = new Map(j.files.map((f) => [f.file, f]));
    let changed = 0;
    for (const [rel, before] of written) {
      const res = byFile.get(rel);
      const after = readFileSync(path.join(dir, rel), 'utf8');
      expect(res?.errorId, `${rel}: ${res?.reason}`).not.toBe('E_INTERNAL');
      if (res?.status === 'changed') {
        changed++;
        // A mutant that parsed before must parse after (the tool re-parses before writing).
        if (!(await syntaxCheck(rel, before))) expect(await syntaxCheck(rel, after), `${rel}\n${after}`).toBeUndefined();
      } else {
        expect(after, `${rel} (${res?.status} ${res?.errorId ?? ''})`).toBe(before);
      }
    }
    // The mutants still exercise the rewrites (the test would notice a run that changes nothing).
    // (Since the tree fixtures came in, many inputs are files of an app tree (a package.json, a registry, an
    // adapter of another service) that no migration changes by themselves: 10 of the 60 seeded mutants change.)
    expect(changed).toBeGreaterThan(COUNT / 8);
  }, 300_000);
});
