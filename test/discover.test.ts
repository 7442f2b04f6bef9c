import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discover } from '../src/engine/discover.js';
import { jsHandler } from '../src/lang/js/handler.js';
import { ROOT } from './helpers/cli.js';

const SRC = "import OpenAI from 'openai';\nexport const c = new OpenAI();\n";

describe('discovery', () => {
  it('respects .gitignore (root and nested) and the default ignores', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-disc-'));
    execFileSync('git', ['init', '-q'], { cwd: d });
    const files = ['src/a.ts', 'src/gen/b.ts', 'pkg/c.ts', 'pkg/tmp/d.ts', 'node_modules/x/e.ts', 'dist/f.js', 'web/g.min.js', 'types.d.ts'];
    for (const f of files) {
      mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
      writeFileSync(path.join(d, f), SRC);
    }
    writeFileSync(path.join(d, '.gitignore'), 'src/gen/\n');
    writeFileSync(path.join(d, 'pkg/.gitignore'), 'tmp/\n');
    const found = await discover({ cwd: d, paths: ['.'], accept: (r) => jsHandler.matches(r) });
    expect(found.map((f) => path.relative(d, f).split(path.sep).join('/'))).toEqual(['pkg/c.ts', 'src/a.ts']);
  });

  it('a file given by path is taken even when an ignore rule would skip it', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-disc-'));
    mkdirSync(path.join(d, 'dist'));
    writeFileSync(path.join(d, 'dist/f.js'), SRC);
    const found = await discover({ cwd: d, paths: ['dist/f.js'], accept: () => true });
    expect(found).toEqual([path.join(d, 'dist/f.js')]);
  });

  it('loading the handlers does not load the TypeScript compiler (it loads on the first JS/TS candidate)', () => {
    const r = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "await import('./dist/src/handlers.js'); const { createRequire } = await import('node:module'); const c = createRequire(import.meta.url).cache; console.log(Object.keys(c).some((k) => /[\\\\/]typescript\\.js$/.test(k)));"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('false');
  });
});

describe('output check', () => {
  it('refuses a rewrite that would bind one import name twice', async () => {
    expect(await jsHandler.validate!("import { A, A } from 'x';\n", 'a.ts')).toMatch(/bind A/);
    expect(await jsHandler.validate!("import { A } from 'x';\nimport { B } from 'y';\n", 'a.ts')).toBeUndefined();
  });
});
