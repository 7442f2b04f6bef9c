import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../src/errors.js';

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
    const want = '\n' + Object.entries(ERRORS).map(([id, e]) => `| \`${id}\` | ${e.exit} | ${e.cause} | ${e.fix.replace(/\|/g, '\\|')} |`).join('\n') + '\n';
    if (process.env.UPDATE_README === '1') writeFileSync(file, readme.slice(0, a) + want + readme.slice(b));
    const now = readFileSync(file, 'utf8');
    expect(now.slice(a, now.indexOf('<!-- errors:end -->'))).toBe(want);
  });
});
