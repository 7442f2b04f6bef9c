import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_TRANSFORMS } from '../transforms/index.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../transforms');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('index.ts') ? [p] : [];
  });
}

describe('transform registry', () => {
  const registered = new Set(ALL_TRANSFORMS.flatMap((g) => g.transforms));
  it('every transform exported from transforms/ is registered (no orphan transforms)', async () => {
    let seen = 0;
    for (const f of files(DIR)) {
      const mod = (await import(f)) as Record<string, unknown>;
      for (const [name, v] of Object.entries(mod)) {
        if (v && typeof v === 'object' && 'id' in v && 'run' in v && typeof (v as { run: unknown }).run === 'function') {
          seen++;
          expect(registered.has(v as never), `${path.relative(DIR, f)}: ${name}`).toBe(true);
        }
      }
    }
    expect(seen).toBeGreaterThan(20);
  });
  it('ids are kebab-case and unique within a kind', () => {
    for (const g of ALL_TRANSFORMS) {
      const ids = g.transforms.map((t) => t.id);
      expect(new Set(ids).size, g.kind).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
    }
  });
});
