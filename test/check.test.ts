import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inventory, fails } from '../src/check/index.js';
import { applySuppressions, parseSuppressions } from '../src/check/suppress.js';
import { parseShard, shardOf } from '../src/check/shard.js';
import { LineIndex } from '../src/engine/text.js';
import type { Finding } from '../src/engine/types.js';
import { jsHandler } from '../src/handlers.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { cli } from './helpers/cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'oam-check-'));
const write = (dir: string, rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
};
const finding = (line: number, rule = 'openai-env'): Finding => ({ rule, kind: rule, level: 'error', line, column: 1, endLine: line, endColumn: 2, message: 'm' });
const CLIENT = "import OpenAI from 'openai';\nexport const c = new OpenAI();\n";

describe('suppressions (language-agnostic by comment prefix)', () => {
  const cases: Array<[string, string]> = [
    ['js line comment', '// openai-migrate-ignore\nX\n'],
    ['js block comment', '/* openai-migrate-ignore openai-env -- legacy */\nX\n'],
    ['python / yaml / env / toml', '# openai-migrate-ignore openai-env -- read by the eval job\nX\n'],
    ['jsdoc-style line', '/**\n * openai-migrate-ignore\n */\nX\n'.replace('\n */\nX', '\nX */')],
  ];
  for (const [name, text] of cases) {
    it(`${name}: a directive on the line above silences the finding`, () => {
      const lines = new LineIndex(text);
      const at = text.split('\n').findIndex((l) => l.includes('X')) + 1;
      const r = applySuppressions([finding(at)], lines);
      expect(r.kept).toEqual([]);
      expect(r.suppressed).toHaveLength(1);
      expect(r.unused).toEqual([]);
    });
  }

  it('parses rule lists and reasons; a trailing directive covers its own line only', () => {
    const text = 'a = 1  # openai-migrate-ignore openai-env, openai-model -- keep for now\nb = 2\n';
    const [s] = parseSuppressions(new LineIndex(text));
    expect(s).toMatchObject({ line: 1, rules: ['openai-env', 'openai-model'], reason: 'keep for now', lines: [1], file: false });
    const r = applySuppressions([finding(1), finding(2), finding(1, 'openai-client')], new LineIndex(text));
    expect(r.suppressed.map((f) => `${f.line} ${f.rule}`)).toEqual(['1 openai-env']);
    expect(r.kept.map((f) => `${f.line} ${f.rule}`)).toEqual(['2 openai-env', '1 openai-client']);
  });

  it('file-level directive, unused and unknown-rule directives, strings are not directives', () => {
    const text = '# openai-migrate-ignore-file openai-model\nx\n# openai-migrate-ignore no-such-rule\ny\ns = "openai-migrate-ignore"\n';
    const r = applySuppressions([finding(2, 'openai-model'), finding(4, 'openai-model'), finding(5)], new LineIndex(text));
    expect(r.suppressed).toHaveLength(2);
    expect(r.kept.map((f) => f.line)).toEqual([5]);
    expect(r.unused).toHaveLength(1);
    expect(r.unused[0]).toMatchObject({ rule: 'unused-suppression', level: 'warning', line: 3 });
    expect(r.unused[0]!.message).toContain('unknown rule (no-such-rule)');
  });

  it('in a real run: suppressed findings are counted, unused ones reported', async () => {
    const d = tmp();
    write(d, 'a.ts', "import OpenAI from 'openai';\n// openai-migrate-ignore openai-client -- evals stay on OpenAI\nexport const c = new OpenAI();\nexport const k = 1; // openai-migrate-ignore\n");
    const r = await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler] });
    expect(r.suppressed).toBe(1);
    expect(r.findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['4 unused-suppression']);
    expect(r.exitCode).toBe(0);
    const all = await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler], suppressions: false });
    expect(all.findings.map((f) => f.rule)).toEqual(['openai-client']);
  });
});

describe('fail-on levels', () => {
  it('error fails on errors only; warning on warnings too; never on nothing', () => {
    expect([fails('error', 'error'), fails('warning', 'error'), fails('note', 'error')]).toEqual([true, false, false]);
    expect([fails('error', 'warning'), fails('warning', 'warning'), fails('note', 'warning')]).toEqual([true, true, false]);
    expect([fails('error', 'never'), fails('warning', 'never')]).toEqual([false, false]);
  });
});

describe('baseline', () => {
  it('moved code stays baselined; a new finding fails; fixed ones are counted', async () => {
    const d = tmp();
    write(d, 'a.ts', CLIENT + 'export const k = process.env.OPENAI_API_KEY;\n');
    const first = await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler], writeBaseline: 'baseline.json' });
    expect(first.baselineWritten).toEqual({ file: 'baseline.json', count: 2 });
    expect(first.exitCode).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(d, 'baseline.json'), 'utf8'));
    expect(doc.findings.map((e: { rule: string }) => e.rule).sort()).toEqual(['openai-client', 'openai-env']);

    // Unrelated edits move the code down and re-indent nothing: still baselined.
    write(d, 'a.ts', '// a header comment\n\n' + CLIENT + '\n\nexport const k = process.env.OPENAI_API_KEY;\n');
    const moved = await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler], baseline: 'baseline.json' });
    expect(moved.exitCode).toBe(0);
    expect(moved.baselined).toBe(2);
    expect(moved.findings).toEqual([]);

    // A second client: new, fails. The old one is still baselined.
    write(d, 'a.ts', CLIENT + 'export const k = process.env.OPENAI_API_KEY;\nexport const c2 = new OpenAI({ timeout: 5 });\n');
    const fresh = await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler], baseline: 'baseline.json' });
    expect(fresh.exitCode).toBe(1);
    expect(fresh.baselined).toBe(2);
    expect(fresh.failing.map((f) => `${f.line} ${f.rule}`)).toEqual(['4 openai-client']);

    // The env read fixed: one stale entry, nothing new.
    write(d, 'a.ts', CLIENT);
    const fixed = await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler], baseline: 'baseline.json' });
    expect(fixed.exitCode).toBe(0);
    expect(fixed.baselineStale).toBe(1);
  });

  it('a duplicate of a baselined line is new (entries are counted, not a set)', async () => {
    const d = tmp();
    write(d, 'a.ts', 'export const a = process.env.OPENAI_API_KEY;\n');
    await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler], writeBaseline: 'b.json' });
    write(d, 'a.ts', 'export const a = process.env.OPENAI_API_KEY;\nexport const a = process.env.OPENAI_API_KEY;\n');
    const r = await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler], baseline: 'b.json' });
    expect([r.baselined, r.failing.length]).toEqual([1, 1]);
  });
});

describe('shards', () => {
  it('parses i/n and rejects bad syntax', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1', 'a/b', '1/0', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard expects/);
  });

  it('the union of all shards equals the full run, each file in exactly one shard, packages kept whole', async () => {
    const d = tmp();
    // A monorepo: 12 packages, each with a client module imported by another file (cross-module flow).
    for (let i = 0; i < 12; i++) {
      write(d, `packages/p${i}/package.json`, '{}');
      write(d, `packages/p${i}/src/client.ts`, CLIENT);
      write(
        d,
        `packages/p${i}/src/use.ts`,
        "import { c } from './client';\nexport const r = c.moderations.create({ input: 'x' });\nexport const m = c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
      );
    }
    write(d, 'scripts/tool.ts', 'export const k = process.env.OPENAI_API_KEY;\n');
    const key = (f: { file: string; line: number; rule: string; fingerprint: string }) => `${f.file}:${f.line} ${f.rule} ${f.fingerprint}`;
    const full = await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler] });
    expect(full.findings.filter((f) => f.rule === 'openai-only-endpoint')).toHaveLength(12);
    const n = 4;
    const parts = [];
    for (let i = 1; i <= n; i++) parts.push(await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler], shard: `${i}/${n}` }));
    const union = parts.flatMap((p) => p.findings.map(key)).sort();
    expect(union).toEqual(full.findings.map(key).sort());
    const files = parts.flatMap((p) => p.result.files.map((f) => f.file)).sort();
    expect(files).toEqual(full.result.files.map((f) => f.file).sort());
    expect(parts.filter((p) => p.findings.length > 0).length).toBeGreaterThan(1);
    for (const p of parts) {
      const pkgs = new Set(p.result.files.map((f) => f.file.split('/').slice(0, 2).join('/')));
      for (const pkg of pkgs) if (pkg.startsWith('packages/')) expect(p.result.files.filter((f) => f.file.startsWith(pkg + '/'))).toHaveLength(2);
    }
  });

  it('is stable: a hash of the unit path', () => {
    expect(shardOf('packages/p1', 4)).toBe(shardOf('packages/p1', 4));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[shardOf(`pkg/${i}`, 4) - 1]!++;
    for (const c of counts) expect(c).toBeGreaterThan(60);
  });
});

describe('github workflow commands', () => {
  it('escapes data and properties as GitHub requires', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
});

describe('check CLI (built: node bin/openai-migrate.js)', () => {
  it('exit 0 clean, 1 with findings, 2 for usage errors', () => {
    const clean = tmp();
    write(clean, 'a.ts', "import OpenAI from 'openai';\nexport const c = new OpenAI({ baseURL: 'https://api.deepseek.com', apiKey: process.env.DEEPSEEK_API_KEY });\n");
    expect(cli(['check', '.'], { cwd: clean }).code).toBe(0);
    const dirty = tmp();
    write(dirty, 'a.ts', CLIENT);
    const r = cli(['check', '.'], { cwd: dirty });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('openai-client');
    expect(cli(['check', '--fail-on', 'never', '.'], { cwd: dirty }).code).toBe(0);
    expect(cli(['check', '--shard', '3/2', '.'], { cwd: dirty }).code).toBe(2);
    expect(cli(['check', '--shard', 'x', '.'], { cwd: dirty }).stderr).toContain('--shard expects');
    expect(cli(['check', '--format', 'xml', '.'], { cwd: dirty }).code).toBe(2);
    expect(cli(['check', '--provider', 'nope', '.'], { cwd: dirty }).code).toBe(2);
    expect(cli(['check', '--fail-on', 'info', '.'], { cwd: dirty }).code).toBe(2);
    expect(cli(['check', '--baseline', 'missing.json', '.'], { cwd: dirty }).code).toBe(2);
  });

  it('--fail-on warning fails on a warning-only tree; --write-baseline then --baseline passes', () => {
    const d = tmp();
    write(d, 'a.ts', "import OpenAI from 'openai';\nexport const c = new OpenAI({ baseURL: process.env.LLM_URL });\n");
    expect(cli(['check', '.'], { cwd: d }).code).toBe(0);
    expect(cli(['check', '--fail-on', 'warning', '.'], { cwd: d }).code).toBe(1);
    write(d, 'b.ts', CLIENT);
    expect(cli(['check', '--write-baseline', 'openai-baseline.json', '.'], { cwd: d }).code).toBe(0);
    const r = cli(['check', '--baseline', 'openai-baseline.json', '--format', 'json', '.'], { cwd: d });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ baselined: 2, findings: 0, passed: true });
  });

  it('--format github prints workflow commands and appends a summary to GITHUB_STEP_SUMMARY', () => {
    const d = tmp();
    write(d, 'a,b.ts', CLIENT);
    const summary = path.join(d, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = cli(['check', '--format', 'github', '.'], { cwd: d, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=a%2Cb\.ts,line=2,endLine=2,col=18,endColumn=29,title=openai-migrate openai-client%3A [^\n]*::OpenAI client without/m);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n## ❌ openai-migrate check failed')).toBe(true);
    expect(md).toContain('| `openai-client` | 1 | error |');
  });

  it('scan --format sarif and markdown; scan never fails on findings', () => {
    const d = tmp();
    write(d, 'a.ts', CLIENT);
    const s = cli(['scan', '--format', 'sarif', '.'], { cwd: d });
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).runs[0].results[0].ruleId).toBe('openai-client');
    const m = cli(['scan', '--format', 'markdown', '-p', 'qwen', '.'], { cwd: d });
    expect(m.stdout).toContain('| 🔴 error | `a.ts:2:18` |');
    expect(m.stdout).toContain('✅ qwen');
  });
});

describe('the gate and model ids handed on through a config', () => {
  it('names an env default id that a module passes to another module’s client, after migrate as before (n3d1117/chatgpt-telegram-bot)', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-envmodel-'));
    writeFileSync(
      path.join(d, 'main.py'),
      "import os\nfrom helper import Helper\n\nconfig = {\n    'api_key': os.environ['OPENAI_API_KEY'],\n    'model': os.environ.get('OPENAI_MODEL', 'gpt-4o'),\n    'temperature': float(os.environ.get('TEMPERATURE', 1.0)),\n}\nHelper(config)\n",
    );
    writeFileSync(
      path.join(d, 'helper.py'),
      "import openai\n\n\nclass Helper:\n    def __init__(self, config):\n        self.config = config\n        self.client = openai.OpenAI(api_key=config['api_key'])\n\n    def ask(self, q):\n        return self.client.chat.completions.create(model=self.config['model'], messages=[{'role': 'user', 'content': q}])\n",
    );
    const { migrate } = await import('../src/api.js');
    await migrate({ cwd: d, paths: ['.'], provider: 'deepseek', force: true });
    expect(readFileSync(path.join(d, 'helper.py'), 'utf8')).toContain("base_url='https://api.deepseek.com'");
    const r = await inventory({ cwd: d, paths: ['.'], provider: 'deepseek' });
    const at = r.findings.filter((f) => f.file === 'main.py').map((f) => `${f.line} ${f.rule} ${f.model}`);
    // The id the migrated client would still send is named; TEMPERATURE's default is not a model.
    expect(at).toEqual(['6 openai-model gpt-4o']);
    expect(r.findings.some((f) => f.file === 'main.py' && fails(f.level, 'error'))).toBe(true);
  });
});
