import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { globbySync, isGitIgnoredSync } from 'globby';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IGNORES, discover } from '../src/engine/discover.js';
import { jsHandler } from '../src/handlers.js';
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
      [
        '--input-type=module',
        '-e',
        "await import('./dist/src/handlers.js'); const { createRequire } = await import('node:module'); const c = createRequire(import.meta.url).cache; console.log(Object.keys(c).some((k) => /[\\\\/]typescript\\.js$/.test(k)));",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('false');
  });
});

/**
 * The walker is checked against an independent implementation: globby's walk with
 * the same default ignores and include/exclude globs, filtered by globby's
 * `.gitignore` matcher (what discovery used before it became a plain readdir walk).
 */
function oracle(root: string, include?: string[], exclude: string[] = []): string[] {
  const found = globbySync(include?.length ? include : ['**/*'], { cwd: root, dot: true, followSymbolicLinks: false, onlyFiles: true, ignore: [...DEFAULT_IGNORES, ...exclude] });
  const ignored = isGitIgnoredSync({ cwd: root });
  return found.filter((r) => !ignored(r)).sort();
}

/** git itself: untracked files it does not ignore, minus the tool's default ignores. */
function gitOracle(cwd: string): string[] {
  const out = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd, encoding: 'utf8' });
  const defaults = picomatch(DEFAULT_IGNORES, { dot: true });
  return out
    .split('\0')
    .filter((f) => f && !defaults(f))
    .sort();
}

const relAll = (root: string, abs: string[]) => abs.map((f) => path.relative(root, f).split(path.sep).join('/')).sort();

function tree(files: string[], gitignores: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'oam-walk-'));
  execFileSync('git', ['init', '-q'], { cwd: d });
  for (const f of files) {
    mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    writeFileSync(path.join(d, f), 'x\n');
  }
  for (const [dir, text] of Object.entries(gitignores)) {
    mkdirSync(path.join(d, dir), { recursive: true });
    writeFileSync(path.join(d, dir, '.gitignore'), text);
  }
  return d;
}

describe('the readdir walker finds what globby + its gitignore matcher find', () => {
  const FILES = [
    'a.ts',
    'b.log',
    '.env',
    '.env.local',
    '.github/workflows/ci.yml',
    'src/x.ts',
    'src/x.test.ts',
    'src/gen/y.ts',
    'src/gen/keep.ts',
    'src/deep/er/z.py',
    'src/deep/er/z.log',
    'pkg/one/c.ts',
    'pkg/one/tmp/d.ts',
    'pkg/two/tmp/e.ts',
    'pkg/two/build.ts',
    'node_modules/m/i.js',
    'web/dist/f.js',
    'web/app.min.js',
    'types.d.ts',
    'yarn.lock',
    'docs/readme.md',
    'legacy/old.ts',
    'legacy/sub/older.ts',
    'out/o.ts',
    'lib/out.ts',
    'notes/#hash.txt',
    'space dir/s.ts',
  ];
  it('on a hand-made tree with nested, negated and anchored rules', () => {
    const d = tree(FILES, {
      '.': '*.log\nsrc/gen/*\n!src/gen/keep.ts\n/legacy/sub/\n',
      pkg: 'tmp/\n!two/tmp/\n',
      'src/deep': 'er/z.py\n!*.log\n',
      'pkg/two': 'build.ts\n',
      docs: '!*.log\nreadme.md\n',
      notes: '\\#hash.txt\n',
    });
    const got = (opts: { include?: string[]; exclude?: string[] } = {}) => discover({ cwd: d, paths: ['.'], accept: () => true, ...opts }).then((r) => relAll(d, r));
    return Promise.all([
      got().then((r) => expect(r).toEqual(oracle(d))),
      got({ include: ['src/**'] }).then((r) => expect(r).toEqual(oracle(d, ['src/**']))),
      got({ exclude: ['legacy/**', '**/*.test.ts'] }).then((r) => expect(r).toEqual(oracle(d, undefined, ['legacy/**', '**/*.test.ts']))),
    ]).then(async () => {
      // And it is not vacuous: some files are in, some are out for each kind of rule.
      const r = await got();
      expect(r).toContain('src/gen/keep.ts');
      expect(r).toContain('pkg/two/tmp/e.ts');
      expect(r).not.toContain('src/gen/y.ts');
      expect(r).not.toContain('pkg/one/tmp/d.ts');
      expect(r).not.toContain('legacy/sub/older.ts');
      expect(r).not.toContain('notes/#hash.txt');
      expect(r).toContain('lib/out.ts');
      // A deeper .gitignore overrides a shallower one: the root ignores *.log, src/deep re-includes them.
      expect(r).toContain('src/deep/er/z.log');
      expect(r).not.toContain('b.log');
      expect(r).not.toContain('pkg/two/build.ts');
      expect(r).not.toContain('out/o.ts');
    });
  });

  it('a .gitignore above the walked folder (up to the repository root) applies too, with the precedence git gives', async () => {
    const d = tree(['app/src/a.ts', 'app/src/b.gen.ts', 'app/src/keep.gen.ts', 'app/tmp/c.ts', 'app/src/lib/d.ts', 'app/src/lib/e.log'], {
      '.': '*.gen.ts\napp/tmp/\n*.log\n',
      app: '!keep.gen.ts\n/src/lib/d.ts\n',
    });
    const walkRoot = path.join(d, 'app', 'src');
    const r = relAll(walkRoot, await discover({ cwd: walkRoot, paths: ['.'], accept: () => true }));
    expect(r).toEqual(['a.ts', 'keep.gen.ts']);
    expect(r).toEqual(gitOracle(walkRoot));
  });

  it('a deeper .gitignore re-includes a folder a shallower one excluded (found by the property test)', async () => {
    // root: b/* (excludes b/gen); b/.gitignore: !gen/ (re-includes it). git keeps b/gen/x.ts.
    const d = tree(['b/gen/x.ts', 'x.ts'], { '.': 'b/*\n', b: '!gen/\n*.log\n' });
    const r = relAll(d, await discover({ cwd: d, paths: ['.'], accept: () => true }));
    expect(r).toContain('b/gen/x.ts');
    expect(r).toEqual(oracle(d));
    expect(r).toEqual(gitOracle(d));
  });

  it('symlinked files and folders are skipped, as globby does without following links', async () => {
    const d = tree(['real/a.ts'], {});
    symlinkSync(path.join(d, 'real'), path.join(d, 'linkdir'));
    symlinkSync(path.join(d, 'real/a.ts'), path.join(d, 'link.ts'));
    expect(relAll(d, await discover({ cwd: d, paths: ['.'], accept: () => true }))).toEqual(oracle(d));
    expect(oracle(d)).toEqual(['real/a.ts']);
  });

  it('on random trees and random rules (property test)', async () => {
    const seg = fc.constantFrom('a', 'b', 'c', 'gen', 'tmp', 'dist', '.hidden');
    const file = fc.tuple(fc.array(seg, { maxLength: 3 }), fc.constantFrom('x.ts', 'y.py', 'z.log', 'w.min.js', '.env')).map(([dirs, f]) => [...dirs, f].join('/'));
    const rule = fc.oneof(fc.constantFrom('*.log', 'tmp/', '/a', 'gen', 'b/*', '!b/y.py', '**/c/x.ts', '!*.ts', 'a/**/z.log', '*.py', '!gen/', '.hidden/', '*.ts', '!x.ts', '!*.log', '!y.py', 'c/'));
    const where = fc.constantFrom('.', 'a', 'b', 'a/b');
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(file, { minLength: 1, maxLength: 25 }), fc.array(fc.tuple(where, fc.array(rule, { minLength: 1, maxLength: 4 })), { maxLength: 3 }), async (files, ignores) => {
        // A path cannot be both a file and a folder.
        const dirs = new Set(
          files.flatMap((f) =>
            f
              .split('/')
              .slice(0, -1)
              .map((_, i, a) => a.slice(0, i + 1).join('/')),
          ),
        );
        const ok = files.filter((f) => !dirs.has(f));
        const gi: Record<string, string> = {};
        for (const [w, rules] of ignores) gi[w] = (gi[w] ?? '') + rules.join('\n') + '\n';
        const d = tree(ok, gi);
        const got = relAll(d, await discover({ cwd: d, paths: ['.'], accept: () => true }));
        expect(got).toEqual(oracle(d));
        expect(got).toEqual(gitOracle(d));
      }),
      { numRuns: 120, seed: 20261125 },
    );
  });
});

describe('output check', () => {
  it('refuses a rewrite that would bind one import name twice', async () => {
    expect(await jsHandler.validate!("import { A, A } from 'x';\n", 'a.ts')).toMatch(/bind A/);
    expect(await jsHandler.validate!("import { A } from 'x';\nimport { B } from 'y';\n", 'a.ts')).toBeUndefined();
  });
});
