import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, scan } from '../src/api.js';
import { RootFs } from '../src/project/fs.js';
import { parseJsonc } from '../src/project/tsconfig.js';

/** Issue "See the whole project": the project graph, scope and the gate, and bad input. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/openai-migrate.js');
const MONOREPO = path.join(ROOT, 'fixtures/cases/project/monorepo/input');

/** A repository in a temp folder (with `.git`, so its root is known) and a sibling folder outside it. */
function repo(files: Record<string, string>): { dir: string; outside: string } {
  const base = mkdtempSync(path.join(tmpdir(), 'oam-graph-'));
  const dir = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  mkdirSync(path.join(dir, '.git'), { recursive: true });
  mkdirSync(outside);
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return { dir, outside };
}

const CLIENT = "import OpenAI from 'openai';\nexport const openai = new OpenAI();\n";
/** No OpenAI marker: parsed only through the graph. */
const EMBED_USE = (spec: string) =>
  `import { openai } from '${spec}';\nexport const embed = (input: string) => openai.embeddings.create({ model: EMBED, input });\nconst EMBED = process.env.EMBED ?? 'x';\n`;

function cli(cwd: string, args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}

describe('project graph: files without a marker reached at any depth', () => {
  it('follows relative imports through two barrels to the client module', async () => {
    const { dir } = repo({
      'src/lib/openai.ts': CLIENT,
      'src/lib/index.ts': "export * from './openai';\n",
      'src/index.ts': "export { openai as client } from './lib';\n",
      'src/features/search.ts': "import { client } from '..';\nexport const vec = (input: string) => client.embeddings.create({ model: 'm', input });\n",
      'src/features/other.ts': "import { x } from './nothing';\nexport const y = x;\n",
    });
    const r = await scan({ cwd: dir, paths: ['.'] });
    const search = r.files.find((f) => f.file === 'src/features/search.ts')!;
    expect(search.findings.map((f) => f.rule)).toContain('openai-api-call');
    expect(search.via).toEqual(['src/features/search.ts', '..', 'src/index.ts', './lib', 'src/lib/index.ts', './openai', 'src/lib/openai.ts']);
    // A file that imports nothing of the kind is never parsed.
    expect(r.candidates).toBe(4);
  });

  it('resolves baseUrl imports, export default of a factory, namespace imports, dynamic import() and module.exports', async () => {
    const { dir } = repo({
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }',
      'src/ai/factory.ts': "import OpenAI from 'openai';\nexport default function make() { return new OpenAI(); }\n",
      'src/ai/cjs.js': "const OpenAI = require('openai');\nmodule.exports = { llm: new OpenAI() };\n",
      'src/jobs/a.ts': "import make from 'ai/factory';\nconst c = make();\nexport const a = () => c.embeddings.create({ model: 'm', input: 'x' });\n",
      'src/ai/client.ts': CLIENT,
      'src/jobs/b.ts': "import * as ai from 'ai/client';\nexport const b = () => ai.openai.embeddings.create({ model: 'm', input: 'x' });\n",
      'src/jobs/c.ts': "export async function c() { const { llm } = await import('ai/cjs'); return llm.embeddings.create({ model: 'm', input: 'x' }); }\n",
      'src/jobs/d.js': "const { llm } = require('../ai/cjs');\nexports.d = () => llm.embeddings.create({ model: 'm', input: 'x' });\n",
    });
    const r = await scan({ cwd: dir, paths: ['.'] });
    const calls = (f: string) => r.files.find((x) => x.file === f)!.findings.filter((x) => x.rule === 'openai-api-call').length;
    expect(calls('src/jobs/a.ts')).toBe(1);
    expect(calls('src/jobs/c.ts')).toBe(1);
    expect(calls('src/jobs/d.js')).toBe(1);
    expect(calls('src/jobs/b.ts')).toBe(1);
    expect(r.files.find((x) => x.file === 'src/jobs/a.ts')!.via?.[1]).toBe('ai/factory');
    expect(r.graphWarnings).toEqual([]);
  });
});

describe('scope: check and migrate on a sub-folder', () => {
  const stage = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-mono-'));
    cpSync(MONOREPO, dir, { recursive: true });
    return dir;
  };

  it('check apps/worker exits 1 while its calls reach OpenAI through @acme/ai, and 0 after the migration', () => {
    const dir = stage();
    const before = cli(dir, ['check', 'apps/worker']);
    expect(before.code).toBe(1);
    expect(before.out).toContain('openai-via-import');
    expect(before.out).toMatch(/OpenAI model id "gpt-4o-mini" \(defined in packages\/ai\/src\/models\.ts, outside the given paths\)/);
    // Nothing outside the folder is reported.
    expect(before.out).not.toMatch(/^packages\//m);
    expect(cli(dir, ['migrate', '--provider', 'qwen', '--force']).code).toBe(0);
    const after = cli(dir, ['check', 'apps/worker']);
    expect(after.out).toContain('check passed');
    expect(after.code).toBe(0);
  });

  it('migrate apps/worker edits only inside it and lists the outside definitions with the command', async () => {
    const dir = stage();
    const models = readFileSync(path.join(dir, 'packages/ai/src/models.ts'));
    const r = await migrate({ cwd: dir, paths: ['apps/worker'], provider: 'deepseek', force: true });
    expect(readFileSync(path.join(dir, 'packages/ai/src/models.ts')).equals(models)).toBe(true);
    expect(
      r.files
        .filter((f) => f.written)
        .map((f) => f.file)
        .sort(),
    ).toEqual(['apps/worker/src/embed.ts', 'apps/worker/src/job.ts']);
    const outside = r.files.filter((f) => f.errorId === 'W_OUTSIDE_SCOPE');
    expect(outside.map((f) => f.file).sort()).toEqual(['packages/ai/src/client.ts', 'packages/ai/src/models.ts']);
    const m = outside.find((f) => f.file === 'packages/ai/src/models.ts')!;
    expect(m.reason).toContain('gpt-4o-mini -> deepseek-flash');
    expect(m.followUps[0]!.action).toBe('run `openai-migrate migrate --provider deepseek packages/ai/src/models.ts`');
  });

  it('Python: check on a sub-folder exits 1 while its calls reach OpenAI through app.core.llm outside it, and 0 after the migration', () => {
    const dir = stage();
    const before = cli(dir, ['check', 'services/py/app/api']);
    expect(before.code).toBe(1);
    expect(before.out).toMatch(
      /chat\.completions\.create on an OpenAI client imported from app\.core\.llm \(services\/py\/app\/core\/llm\.py, outside the given paths\): requests go to api\.openai\.com +openai-via-import/,
    );
    expect(before.out).toMatch(/OpenAI model id "gpt-4o" \(defined in services\/py\/app\/core\/llm\.py, outside the given paths\)/);
    expect(before.out).not.toMatch(/^services\/py\/app\/core\//m);
    // The whole repository checked: the client's own file reports it, the use site only notes the call.
    const whole = cli(dir, ['scan', 'services/py']).out;
    expect(whole).not.toContain('openai-via-import');
    expect(cli(dir, ['migrate', '--provider', 'deepseek', '--force']).code).toBe(0);
    const after = cli(dir, ['check', 'services/py/app/api']);
    expect(after.out).toContain('check passed');
    expect(after.code).toBe(0);
  });

  it('Python: migrate on a sub-folder lists the outside definitions as W_OUTSIDE_SCOPE with the command', async () => {
    const dir = stage();
    const llm = readFileSync(path.join(dir, 'services/py/app/core/llm.py'));
    const r = await migrate({ cwd: dir, paths: ['services/py/app/api'], provider: 'qwen', force: true });
    expect(readFileSync(path.join(dir, 'services/py/app/core/llm.py')).equals(llm)).toBe(true);
    const outside = r.files.filter((f) => f.errorId === 'W_OUTSIDE_SCOPE');
    expect(outside.map((f) => f.file)).toEqual(['services/py/app/core/llm.py']);
    expect(outside[0]!.reason).toContain('gpt-4o -> qwen3-max');
    expect(outside[0]!.followUps[0]!.action).toBe('run `openai-migrate migrate --provider qwen services/py/app/core/llm.py`');
  });

  it('Python monorepo: a script imports the config.py of its own folder, and an import equally near to two apps links neither (one follow-up)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-pymono-'));
    cpSync(path.join(ROOT, 'fixtures/cases/project/python-monorepo-config/input'), dir, { recursive: true });
    mkdirSync(path.join(dir, '.git'));
    const alpha = readFileSync(path.join(dir, 'apps/alpha/config.py'));
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    // alpha's client goes to GitHub Models: its config is not beta's, whichever comes first.
    expect(readFileSync(path.join(dir, 'apps/alpha/config.py')).equals(alpha)).toBe(true);
    expect(readFileSync(path.join(dir, 'apps/beta/config.py'), 'utf8')).toContain('CHAT_MODEL = "deepseek-flash"');
    const report = r.files.find((f) => f.file === 'tools/report.py')!;
    const amb = report.followUps.filter((f) => f.reason.startsWith('import of config'));
    expect(amb).toHaveLength(1);
    expect(amb[0]!.reason).toContain('(apps/alpha/config.py, apps/beta/config.py)');
    expect(amb[0]!.line).toBe(9);
    // The apps' own imports are not ambiguous.
    expect(r.files.flatMap((f) => f.followUps).filter((f) => f.reason.startsWith('import of'))).toHaveLength(1);
  });

  it('namespaces: a JS factory (`ai.createClient()`) and a Python module alias (`llm.client`) from outside fail the check of the folder', () => {
    const js = mkdtempSync(path.join(tmpdir(), 'oam-ns-'));
    cpSync(path.join(ROOT, 'fixtures/cases/project/js-namespace/input'), js, { recursive: true });
    const jsBefore = cli(js, ['check', 'apps/worker']);
    expect(jsBefore.code).toBe(1);
    expect(jsBefore.out.match(/on an OpenAI client imported from @acme\/ai \(packages\/ai\/src\/client\.ts, outside the given paths\)/g)?.length).toBe(2);
    expect(jsBefore.out).toMatch(/OpenAI model id "gpt-4o" \(defined in packages\/ai\/src\/models\.ts, outside the given paths\)/);
    expect(cli(js, ['migrate', '--provider', 'zhipu', '--force']).code).toBe(0);
    expect(cli(js, ['check', 'apps/worker']).code).toBe(0);

    const py = mkdtempSync(path.join(tmpdir(), 'oam-ns-'));
    cpSync(path.join(ROOT, 'fixtures/cases/project/python-namespace/input'), py, { recursive: true });
    mkdirSync(path.join(py, '.git'));
    const pyBefore = cli(py, ['check', 'app/worker']);
    expect(pyBefore.code).toBe(1);
    expect(pyBefore.out.match(/imported from app\.core\.llm \(app\/core\/llm\.py, outside the given paths\)/g)?.length).toBe(2);
    expect(pyBefore.out).toMatch(/OpenAI model id "gpt-4o-mini" \(defined in app\/core\/llm\.py, outside the given paths\)/);
    expect(cli(py, ['migrate', '--provider', 'moonshot', '--force']).code).toBe(0);
    expect(cli(py, ['check', 'app/worker']).code).toBe(0);
  });

  it('says how many files use OpenAI through which import, and --verbose shows the chain', () => {
    const dir = stage();
    const out = cli(dir, ['scan', '--verbose']).out;
    expect(out).toContain('2 file(s) use OpenAI through @acme/ai');
    expect(out).toContain('via apps/web/src/app/api/chat/route.ts -> @/lib/openai -> apps/web/src/lib/openai.ts');
    expect(out).toContain('via apps/worker/src/embed.ts -> @acme/ai -> packages/ai/src/index.ts -> ./client -> packages/ai/src/client.ts');
  });
});

describe('bad input: a clear warning, the run goes on, nothing outside the repository is read', () => {
  it('a tsconfig.json that does not parse', async () => {
    const { dir } = repo({ 'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] }', 'src/lib/openai.ts': CLIENT, 'src/use.ts': EMBED_USE('@/lib/openai') });
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'qwen', force: true, dryRun: true });
    expect(r.warnings.join('\n')).toMatch(/tsconfig\.json does not parse \(.+\); its paths and baseUrl are ignored/);
    expect(r.files.find((f) => f.file === 'src/lib/openai.ts')!.status).toBe('changed');
  });

  it('an extends outside the repository is not read; a missing one is named', async () => {
    const { dir, outside } = repo({
      'tsconfig.json': '{ "extends": "../outside/tsconfig.base.json" }',
      'app/tsconfig.json': '{ "extends": "./missing.json", "compilerOptions": {} }',
      'src/lib/openai.ts': CLIENT,
      'src/use.ts': EMBED_USE('@x/lib/openai'),
      // A bare import makes the tool read app/tsconfig.json (configs are read when an import needs one).
      'app/use.ts': "import React from 'react';\n" + EMBED_USE('../src/lib/openai'),
    });
    // If the tool read it, `@x/lib/openai` would resolve.
    writeFileSync(path.join(outside, 'tsconfig.base.json'), JSON.stringify({ compilerOptions: { paths: { '@x/*': ['../repo/src/*'] } } }));
    const r = await scan({ cwd: dir, paths: ['.'] });
    const w = r.graphWarnings.join('\n');
    expect(w).toContain('tsconfig.json: "extends": "../outside/tsconfig.base.json" points outside the repository; not read');
    expect(w).toContain('app/tsconfig.json: "extends": "./missing.json" not found in the repository');
    expect(r.files.find((f) => f.file === 'src/use.ts')!.findings).toEqual([]);
    expect(r.files.find((f) => f.file === 'app/use.ts')!.findings.map((f) => f.rule)).toContain('openai-api-call');
  });

  it('a paths cycle, and an alias that resolves to nothing, are warnings naming import and file', async () => {
    const { dir } = repo({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@a/*": ["@b/*"], "@b/*": ["@a/*"], "@/*": ["./src/*"] } } }',
      'src/lib/openai.ts': CLIENT,
      'src/one.ts': EMBED_USE('@a/openai'),
      'src/two.ts': EMBED_USE('@/lib/missing'),
    });
    const r = await scan({ cwd: dir, paths: ['.'] });
    const w = r.graphWarnings.join('\n');
    expect(w).toContain('tsconfig.json: paths "@a/*" -> "@b/*" refers to another alias (a cycle)');
    expect(w).toContain('cannot resolve import "@a/openai" in src/one.ts');
    expect(w).toContain('cannot resolve import "@/lib/missing" in src/two.ts');
    expect(r.files.filter((f) => f.status === 'failed')).toEqual([]);
  });

  it('a catch-all "*": ["./*"] is no cycle and lets packages fall back to node_modules; files that do not name OpenAI are counted, not listed', async () => {
    const { dir } = repo({
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "*": ["./*"], "@/*": ["./src/*"] } } }',
      'src/lib/openai.ts': CLIENT,
      'src/one.ts': "import { z } from 'zod';\n" + EMBED_USE('@/lib/openai'),
      'src/ui/a.ts': "import { x } from '@/ui/missing';\nimport { y } from '@/ui/gone';\nexport const z = [x, y];\n",
    });
    const r = await scan({ cwd: dir, paths: ['.'] });
    expect(r.graphWarnings).toEqual(['2 imports in files that do not name OpenAI cannot be resolved either; usage through them is not followed']);
  });

  it('a workspace glob that matches nothing, and a symlinked workspace package pointing outside', async () => {
    const { dir, outside } = repo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'libs/*'] }),
      'apps/api/package.json': JSON.stringify({ name: 'api' }),
      'apps/api/src/use.ts': EMBED_USE('@acme/ext'),
    });
    mkdirSync(path.join(outside, 'src'));
    writeFileSync(path.join(outside, 'package.json'), JSON.stringify({ name: '@acme/ext', main: 'src/index.ts' }));
    writeFileSync(path.join(outside, 'src/index.ts'), CLIENT);
    symlinkSync(outside, path.join(dir, 'apps/ext'), 'dir');
    const r = await scan({ cwd: dir, paths: ['.'] });
    const w = r.graphWarnings.join('\n');
    expect(w).toContain('workspace glob "libs/*" in package.json workspaces matches no package folder');
    expect(w).toContain('workspace package apps/ext is a symlink; not followed');
    expect(r.files.map((f) => f.file)).not.toContain('apps/ext/src/index.ts');
    expect(r.files.find((f) => f.file === 'apps/api/src/use.ts')!.findings).toEqual([]);
  });

  it('RootFs refuses paths outside the root, also through a symlink', () => {
    const { dir, outside } = repo({ 'a.ts': 'x' });
    writeFileSync(path.join(outside, 'secret.ts'), 'secret');
    symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'link.ts'));
    const fs = new RootFs(dir);
    expect(fs.read(path.join(dir, 'a.ts'))).toBe('x');
    expect(fs.read(path.join(outside, 'secret.ts'))).toBeUndefined();
    expect(fs.read(path.join(dir, 'link.ts'))).toBeUndefined();
    expect(fs.read(path.join(dir, '../outside/secret.ts'))).toBeUndefined();
  });

  it('parses tsconfig JSON with comments and trailing commas', () => {
    expect(parseJsonc('{\n // c\n "a": "x//y", /* b */ "p": ["1",],\n}')).toEqual({ a: 'x//y', p: ['1'] });
    expect(() => parseJsonc('{ "a": ')).toThrow();
  });
});
