import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package as a user gets it: `npm pack`, then `npm install <tarball>` into an
 * empty folder (dependencies from the local npm cache, else the registry), then
 * the installed bin. npm must not print an install-script warning (npm 11 lists
 * every package with an unapproved install script, including `prepare`).
 * `npm pack --ignore-scripts` packs the `dist/` that `pretest` compiled (prepack
 * would compile it again), so the test costs one install (~10 s warm).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall', 'prepare'];

describe('packed tarball', () => {
  it('installs into an empty folder without install scripts and runs', () => {
    expect(existsSync(path.join(ROOT, 'dist/src/cli.js')), 'dist/ is built (npm test compiles it first)').toBe(true);
    const tmp = mkdtempSync(path.join(tmpdir(), 'omig-pack-'));
    try {
      const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' })) as Array<{
        filename: string;
        files: Array<{ path: string }>;
        unpackedSize: number;
      }>;
      const files = new Set(packed[0]!.files.map((f) => f.path));
      for (const f of [
        'LICENSE',
        'CHANGELOG.md',
        'README.md',
        'docs/rules.md',
        'docs/ci.md',
        'vendor/tree-sitter-python/tree-sitter-python.wasm',
        'vendor/tree-sitter-python/LICENSE',
        'bin/openai-migrate.js',
        'dist/src/cli.js',
      ]) {
        expect(files.has(f), `${f} in the tarball`).toBe(true);
      }
      expect([...files].filter((f) => /^(test|fixtures|src|bench|scripts|\.changeset)\//.test(f))).toEqual([]);
      expect(packed[0]!.unpackedSize).toBeLessThan(3_000_000);

      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
      expect(Object.keys(pkg.scripts).filter((s) => INSTALL_HOOKS.includes(s))).toEqual([]);
      expect(pkg.dependencies['tree-sitter-python']).toBeUndefined();

      const app = path.join(tmp, 'app');
      execFileSync('mkdir', [app]);
      writeFileSync(path.join(app, 'package.json'), '{ "name": "empty-app", "private": true }\n');
      const inst = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(tmp, packed[0]!.filename)], { cwd: app, encoding: 'utf8' });
      expect(inst.status, inst.stderr).toBe(0);
      const npmOut = inst.stdout + inst.stderr;
      expect(npmOut).not.toMatch(/install[- ]scripts?/i);
      expect(npmOut).not.toMatch(/node-gyp|prepare/i);
      // No installed package declares an install hook (web-tree-sitter included).
      const lock = JSON.parse(readFileSync(path.join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
      expect(
        Object.entries(lock.packages)
          .filter(([, p]) => p.hasInstallScript)
          .map(([k]) => k),
      ).toEqual([]);
      expect(existsSync(path.join(app, 'node_modules/tree-sitter-python'))).toBe(false);

      const bin = path.join(app, 'node_modules', '.bin', 'openai-migrate');
      const run = (args: string[]) => spawnSync(bin, args, { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const version = run(['--version']);
      expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
      const providers = run(['providers']);
      expect(providers.status).toBe(0);
      expect(providers.stdout).toMatch(/deepseek/);
      // A dry run over a JS and a Python file: the Python grammar loads from the installed package.
      const fixture = path.join(tmp, 'fixture');
      execFileSync('mkdir', [fixture]);
      writeFileSync(path.join(fixture, 'app.py'), 'from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o", messages=[])\n');
      writeFileSync(path.join(fixture, 'app.js'), "import OpenAI from 'openai';\nconst client = new OpenAI();\nawait client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n");
      const dry = run(['migrate', '--provider', 'deepseek', '--dry-run', '--force', fixture]);
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/app\.py/);
      expect(dry.stdout).toMatch(/api\.deepseek\.com/);
      expect(dry.stdout).toMatch(/deepseek-chat|deepseek-v/);
      expect(readFileSync(path.join(fixture, 'app.py'), 'utf8')).toContain('gpt-4o');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 240_000);
});
