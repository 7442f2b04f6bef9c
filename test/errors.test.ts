import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS, ExitCode, UsageError, exitCodeFor } from '../src/errors.js';
import { main } from '../src/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('error catalogue', () => {
  it('lists every error id the source raises, with a cause and a fix', () => {
    const ids = new Set<string>();
    for (const f of [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'transforms'))]) {
      if (f.endsWith('errors.ts')) continue;
      for (const m of readFileSync(f, 'utf8').matchAll(/['"`]((?:E|W)_[A-Z][A-Z0-9_]+)['"`]/g)) ids.add(m[1]!);
    }
    expect(ids.size).toBeGreaterThan(10);
    for (const id of ids) expect(ERRORS[id], id).toBeDefined();
    for (const [id, e] of Object.entries(ERRORS)) {
      expect(e.cause.length, id).toBeGreaterThan(10);
      expect(e.fix.length, id).toBeGreaterThan(5);
    }
  });
  it('the docs/errors.md table is the catalogue (UPDATE_README=1 regenerates it)', () => {
    const file = path.join(ROOT, 'docs', 'errors.md');
    const readme = readFileSync(file, 'utf8');
    const a = readme.indexOf('<!-- errors:start -->') + '<!-- errors:start -->'.length;
    const b = readme.indexOf('<!-- errors:end -->');
    expect(a).toBeGreaterThan(50);
    const want =
      '\n' +
      Object.entries(ERRORS)
        .map(([id, e]) => `| \`${id}\` | ${e.exit} | ${e.cause} | ${e.fix.replace(/\|/g, '\\|')} |`)
        .join('\n') +
      '\n';
    if (process.env.UPDATE_README === '1') writeFileSync(file, readme.slice(0, a) + want + readme.slice(b));
    const now = readFileSync(file, 'utf8');
    expect(now.slice(a, now.indexOf('<!-- errors:end -->'))).toBe(want);
  });
  it('the exit code of a thrown error is its catalogue entry', async () => {
    expect(exitCodeFor('E_UNKNOWN_PROVIDER')).toBe(2);
    expect(exitCodeFor('E_PARSE')).toBe(1);
    expect(exitCodeFor('W_BINARY')).toBe(2); // a thrown error never exits 0
    expect(exitCodeFor('E_NOT_IN_THE_CATALOGUE')).toBe(2);
    expect(new UsageError('E_BAD_VALUE', 'x').code).toBe('E_BAD_VALUE');
    expect(new ExitCode(1).code).toBe(1);
    // Every id thrown as a UsageError is a usage error (exit 2) in the catalogue.
    for (const f of [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'transforms'))]) {
      for (const m of readFileSync(f, 'utf8').matchAll(/new UsageError\(\s*['"`]([A-Z_0-9]+)['"`]/g)) expect(ERRORS[m[1]!]?.exit, `${m[1]} in ${f}`).toBe(2);
    }
  });
  it('the CLI exits with the catalogue entry of the error it caught', async () => {
    const entry = ERRORS.E_UNKNOWN_PROVIDER!;
    const saved = entry.exit;
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await main(['migrate', '--dry-run', '--provider', 'nope'])).toBe(2);
      entry.exit = 1;
      expect(await main(['migrate', '--dry-run', '--provider', 'nope'])).toBe(1);
    } finally {
      entry.exit = saved;
      process.stderr.write = write;
    }
  });
});
