import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './helpers/cli.js';
import { PROVIDERS } from '../src/providers/index.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'oam-cli-'));
const SRC = "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const r = c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";

describe('cli', () => {
  it('--help lists the commands and exits 0', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['migrate', 'scan', 'check', 'providers', 'models']) expect(r.stdout).toContain(c);
  });

  it('unknown provider: exit 2 and the valid ids', () => {
    const d = tmp();
    const r = cli(['migrate', '--provider', 'nope', '--dry-run', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown provider "nope"');
    for (const p of PROVIDERS) expect(r.stderr).toContain(p.id);
  });

  it('unknown region lists the valid ones; missing path is a usage error', () => {
    const d = tmp();
    const a = cli(['migrate', '-p', 'qwen', '--region', 'mars', '--dry-run', d]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('ap-southeast-1');
    const b = cli(['migrate', '-p', 'qwen', '--dry-run', path.join(d, 'missing')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('path not found');
  });

  it('aliases resolve: glm, kimi, dashscope, baidu, tencent, 01ai, volcengine, iflytek, sensetime', () => {
    const r = cli(['providers', '--format', 'json']);
    const rows = JSON.parse(r.stdout).providers as Array<{ id: string; aliases: string[] }>;
    expect(rows).toHaveLength(14);
    const want: Record<string, string> = {
      glm: 'zhipu',
      kimi: 'moonshot',
      dashscope: 'qwen',
      alibaba: 'qwen',
      bailian: 'qwen',
      baidu: 'ernie',
      qianfan: 'ernie',
      tencent: 'hunyuan',
      '01ai': 'yi',
      lingyi: 'yi',
      volcengine: 'doubao',
      ark: 'doubao',
      bytedance: 'doubao',
      iflytek: 'spark',
      sensetime: 'sensenova',
    };
    for (const [alias, id] of Object.entries(want)) expect(rows.find((p) => p.aliases.includes(alias))?.id, alias).toBe(id);
  });

  it('--transform runs only the named transforms and rejects unknown ids with the valid ones', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'a.ts'), SRC);
    const only = cli(['migrate', '-p', 'deepseek', '--dry-run', '--transform', 'map-model-ids', d], { env: { NO_COLOR: '1' } });
    expect(only.code).toBe(0);
    expect(only.stdout).toContain("+export const r = c.chat.completions.create({ model: 'deepseek-v4-pro'");
    expect(only.stdout).not.toContain('baseURL');
    const bad = cli(['migrate', '-p', 'deepseek', '--dry-run', '--transform', 'nope', d]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('E_UNKNOWN_TRANSFORM');
    expect(bad.stderr).toContain('retarget-client-construction');
  });

  it('models prints the map with overrides applied', () => {
    const r = cli(['models', '-p', 'deepseek', '--model', 'gpt-4o=deepseek-flash', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).models as Array<{ openai: string; target: string | null; tier: string }>;
    expect(rows.find((x) => x.openai === 'gpt-4o')?.target).toBe('deepseek-flash');
    expect(rows.find((x) => x.openai === 'gpt-4o-mini')?.target).toBe('deepseek-flash');
    expect(rows.find((x) => x.openai === 'text-embedding-3-small')?.target).toBeNull();
  });

  it('a --model target the provider does not list is a usage error listing the valid ids, unless allowed', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'a.ts'), SRC);
    const r = cli(['migrate', '-p', 'deepseek', '--dry-run', '--model', 'gpt-4o=deepseek-v9', d], { env: { NO_COLOR: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_UNKNOWN_MODEL');
    expect(r.stderr).toContain('deepseek-v4-pro');
    const ok = cli(['migrate', '-p', 'deepseek', '--dry-run', '--allow-unknown-models', '--model', 'gpt-4o=deepseek-v9', d], { env: { NO_COLOR: '1' } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("model: 'deepseek-v9'");
  });

  it('dry run writes nothing, prints a diff; colour only when asked', () => {
    const d = tmp();
    const f = path.join(d, 'a.ts');
    writeFileSync(f, SRC);
    const plain = cli(['migrate', '-p', 'deepseek', '--dry-run', d], { env: { NO_COLOR: '1' } });
    expect(plain.code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(SRC);
    expect(plain.stdout).toContain("-export const r = c.chat.completions.create({ model: 'gpt-4o'");
    expect(plain.stdout).toContain("+export const r = c.chat.completions.create({ model: 'deepseek-v4-pro'");
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const coloured = cli(['migrate', '-p', 'deepseek', '--dry-run', d], { env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(/\u001b\[32m\+/);
    // The flags override the environment, before or after the command; the last one wins.
    expect(cli(['--no-color', 'migrate', '-p', 'deepseek', '--dry-run', d], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
    expect(cli(['migrate', '-p', 'deepseek', '--dry-run', '--no-color', d], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
    expect(cli(['migrate', '-p', 'deepseek', '--dry-run', '--color', d], { env: { NO_COLOR: '1' } }).stdout).toMatch(/\u001b\[32m\+/);
  });

  it('a file that does not parse is reported, left byte-identical, others migrate, exit 1', () => {
    const d = tmp();
    const bad = "import OpenAI from 'openai';\nconst c = new OpenAI({;\n";
    writeFileSync(path.join(d, 'bad.ts'), bad);
    writeFileSync(path.join(d, 'good.ts'), SRC);
    const r = cli(['migrate', '-p', 'qwen', '--force', d]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bad\.ts.*E_PARSE.*2:\d+/);
    expect(readFileSync(path.join(d, 'bad.ts'), 'utf8')).toBe(bad);
    expect(readFileSync(path.join(d, 'good.ts'), 'utf8')).toContain("model: 'qwen3-max'");
  });

  it('refuses to write into a dirty git work tree unless --force; dry run needs no --force', () => {
    const d = tmp();
    const git = (...a: string[]) => execFileSync('git', a, { cwd: d, stdio: 'ignore' });
    git('init', '-q');
    git('config', 'user.email', 't@t');
    git('config', 'user.name', 't');
    writeFileSync(path.join(d, 'a.ts'), SRC);
    git('add', '.');
    git('commit', '-qm', 'init');
    writeFileSync(path.join(d, 'a.ts'), SRC + '// local edit\n');
    const refused = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('E_DIRTY_TREE');
    expect(refused.stderr).toMatch(/--force/);
    expect(readFileSync(path.join(d, 'a.ts'), 'utf8')).toBe(SRC + '// local edit\n');
    expect(cli(['migrate', '-p', 'deepseek', '--dry-run', '.'], { cwd: d }).code).toBe(0);
    expect(cli(['migrate', '-p', 'deepseek', '--force', '.'], { cwd: d }).code).toBe(0);
    expect(readFileSync(path.join(d, 'a.ts'), 'utf8')).toContain('deepseek-v4-pro');
  });

  it('--format json is one versioned object with changes and follow-ups', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'a.ts'), SRC + "export const e = c.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });\n");
    const r = cli(['migrate', '-p', 'deepseek', '--dry-run', '--format', 'json', d]);
    const j = JSON.parse(r.stdout);
    expect(j.version).toBe(1);
    expect(j.provider).toBe('deepseek');
    expect(j.summary.filesChanged).toBe(1);
    expect(j.followUps[0].reason).toMatch(/embeddings/);
    expect(j.files[0].changes.map((c: { kind: string }) => c.kind)).toContain('model');
  });

  it('scan --format json gives findings with file, line, column, kind, message', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'a.ts'), SRC);
    const r = cli(['scan', '--format', 'json', '.'], { cwd: d });
    const j = JSON.parse(r.stdout);
    const f = j.findings.find((x: { rule: string }) => x.rule === 'openai-client');
    expect(f).toMatchObject({ file: 'a.ts', line: 2, column: 11, kind: 'openai-client' });
    expect(j.findings.find((x: { rule: string }) => x.rule === 'openai-model')).toMatchObject({ file: 'a.ts', line: 3 });
  });

  it('a git-ignored .env is named in a warning (never read or printed), and migrates when passed explicitly', () => {
    const d = tmp();
    execFileSync('git', ['init', '-q'], { cwd: d });
    writeFileSync(path.join(d, '.gitignore'), '.env\n');
    writeFileSync(path.join(d, '.env'), 'OPENAI_API_KEY=sk-proj-verysecretvalue42\n');
    writeFileSync(path.join(d, 'a.ts'), SRC);
    const r = cli(['migrate', '-p', 'qwen', '--dry-run', '.'], { cwd: d, env: { NO_COLOR: '1' } });
    expect(r.stdout).toContain('.env was not migrated (ignored by git): set DASHSCOPE_API_KEY there');
    expect(r.stdout).not.toContain('verysecretvalue42');
    const e = cli(['migrate', '-p', 'qwen', '--dry-run', '.env'], { cwd: d, env: { NO_COLOR: '1' } });
    expect(e.stdout).toContain('+DASHSCOPE_API_KEY=');
    expect(e.stdout).not.toContain('verysecretvalue42');
  });

  it('non-interactive: never waits for stdin', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'a.ts'), SRC);
    const r = cli(['migrate', '-p', 'deepseek', '--force', d], { input: '' });
    expect(r.code).toBe(0);
  });
});
