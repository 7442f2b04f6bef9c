import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/api.js';
import { inventory } from '../src/check/index.js';
import { getProvider } from '../src/providers/index.js';
import { parseRoutes, suggestRoute } from '../src/routing/index.js';
import { loadConfig } from '../src/config.js';
import type { UsageError } from '../src/errors.js';
import { localize } from '../src/i18n/messages.js';
import type { MsgRef } from '../src/i18n/msg.js';
import { cli } from './helpers/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const deepseek = getProvider('deepseek');

describe('--route parsing and validation (E_BAD_VALUE)', () => {
  it('accepts a capability, a provider that serves it and a model of its catalogue', () => {
    const [r] = parseRoutes(['embeddings=qwen:text-embedding-v4'], deepseek);
    expect(r).toMatchObject({ capability: 'embeddings', endpoint: 'embeddings', model: 'text-embedding-v4' });
    expect(r!.target.apiKeyEnv).toBe('DASHSCOPE_API_KEY');
    expect(parseRoutes(['images=zhipu'], deepseek)[0]!.target.provider.id).toBe('zhipu');
  });
  it('refuses an unknown capability, an unknown provider, a provider without the capability, a model not in the catalogue, a capability given twice', () => {
    const err = (specs: string[]) => {
      try {
        parseRoutes(specs, deepseek);
      } catch (e) {
        return e as Error & { code: string };
      }
      throw new Error('no error');
    };
    expect(err(['vectors=qwen'])).toMatchObject({ code: 'E_BAD_VALUE', message: expect.stringMatching(/unknown capability "vectors"/) });
    expect(err(['embeddings=nope'])).toMatchObject({ code: 'E_BAD_VALUE', message: expect.stringMatching(/unknown provider "nope"/) });
    expect(err(['embeddings=moonshot']).message).toMatch(/does not serve embeddings.*Providers that do: qwen/);
    expect(err(['moderation=qwen']).message).toMatch(/No provider profile serves it/);
    expect(err(['embeddings=qwen:text-embedding-3-small']).message).toMatch(/not a qwen model.*text-embedding-v4/);
    expect(err(['embeddings=qwen', 'embeddings=zhipu']).message).toMatch(/routed twice/);
    expect(err(['embeddings']).message).toMatch(/expects <capability>=<provider>/);
    // Each refusal is a message by id (Chinese from src/i18n/catalog/zh.ts), its English text unchanged.
    const cases: Array<[string[], string, RegExp]> = [
      [['vectors=qwen'], 'route.unknownCapability', /未知的能力 "vectors"/],
      [['embeddings=nope'], 'route.unknownProvider', /未知的服务商 "nope"/],
      [['embeddings=moonshot'], 'route.notServed', /不提供 embeddings.*提供该能力的服务商：qwen/],
      [['moderation=qwen'], 'route.notServed', /没有任何服务商配置档案提供该能力/],
      [['embeddings=qwen:text-embedding-3-small'], 'route.unknownModel', /"text-embedding-3-small" 不是配置档案中的 qwen 模型/],
      [['embeddings=qwen', 'embeddings=zhipu'], 'route.twice', /embeddings 被路由了两次/],
      [['embeddings'], 'route.badForm', /格式应为 <能力>=<服务商>/],
    ];
    for (const [specs, id, zh] of cases) {
      const e = err(specs) as UsageError;
      expect(e.ref?.id).toBe(id);
      expect(e.ref?.text).toBe(e.message);
      expect(localize(e.message, e.ref as MsgRef, 'zh')).toMatch(zh);
    }
  });
  it('the CLI prints a route refusal in Chinese under --lang zh (exit 2)', () => {
    const r = cli(['--lang', 'zh', 'scan', '--provider', 'deepseek', '--route', 'embeddings=moonshot', '.'], { cwd: mkdtempSync(path.join(tmpdir(), 'oam-route-zh-')) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[E_BAD_VALUE\].*--route embeddings=moonshot：.* 的 OpenAI 兼容 API 不提供 embeddings/);
  });
  it('suggests a provider that serves a capability the main one lacks', () => {
    expect(suggestRoute(deepseek, 'embeddings')).toBe('--route embeddings=qwen');
    expect(suggestRoute(getProvider('qwen'), 'embeddings')).toBeUndefined();
    expect(suggestRoute(deepseek, 'moderations')).toBeUndefined();
  });
  it('"routes" in the config file: a list or a map', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-routes-'));
    writeFileSync(path.join(dir, '.openai-migrate.json'), JSON.stringify({ provider: 'deepseek', routes: { embeddings: 'qwen:text-embedding-v4' } }));
    expect(loadConfig(dir).config.routes).toEqual(['embeddings=qwen:text-embedding-v4']);
    writeFileSync(path.join(dir, '.openai-migrate.json'), JSON.stringify({ provider: 'deepseek', routes: 3 }));
    expect(() => loadConfig(dir)).toThrow(/"routes" must be/);
  });
});

describe('the example app with --provider deepseek --route embeddings=qwen', () => {
  it('keeps no "no embeddings endpoint" / "stays on OpenAI" follow-up for embeddings, and the plan names the routed file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-example-'));
    cpSync(path.join(ROOT, 'fixtures/example-app'), dir, { recursive: true });
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', routes: ['embeddings=qwen'], dryRun: true });
    const fu = r.files.flatMap((f) => f.followUps.map((u) => u.reason));
    expect(fu.filter((x) => /embeddings endpoint|stays on OpenAI|only used for APIs/.test(x))).toEqual([]);
    const without = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', dryRun: true });
    expect(without.files.flatMap((f) => f.followUps.map((u) => u.reason)).some((x) => /embeddings endpoint/.test(x))).toBe(true);
    const { routingPlan, routeSuggestions } = await import('../src/report/routing-plan.js');
    expect(routingPlan(r)[0]).toMatchObject({ capability: 'embeddings', key: 'DASHSCOPE_API_KEY', models: ['text-embedding-v4'] });
    expect(routingPlan(r)[0]!.files).toContain('src/embed.ts');
    expect(routeSuggestions(without)).toEqual([{ capability: 'embeddings', route: '--route embeddings=qwen', files: 1 }]);
    expect(routeSuggestions(r)).toEqual([]);
  });
});

describe('check --provider deepseek --route embeddings=qwen', () => {
  it('accepts routed embeddings calls and flags an embeddings call left on the main client', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-check-'));
    writeFileSync(
      path.join(dir, 'ok.ts'),
      "import OpenAI from 'openai';\nconst client = new OpenAI({ baseURL: 'https://api.deepseek.com', apiKey: process.env.DEEPSEEK_API_KEY });\nconst embeddingsClient = new OpenAI({ baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1', apiKey: process.env.DASHSCOPE_API_KEY });\nexport const a = () => client.chat.completions.create({ model: 'deepseek-flash', messages: [] });\nexport const b = () => embeddingsClient.embeddings.create({ model: 'text-embedding-v4', input: 'x' });\n",
    );
    writeFileSync(
      path.join(dir, 'bad.ts'),
      "import OpenAI from 'openai';\nconst client = new OpenAI({ baseURL: 'https://api.deepseek.com', apiKey: process.env.DEEPSEEK_API_KEY });\nexport const b = () => client.embeddings.create({ model: 'text-embedding-v4', input: 'x' });\n",
    );
    const r = await inventory({ cwd: dir, paths: ['.'], provider: 'deepseek', routes: ['embeddings=qwen'], failOn: 'warning' });
    const files = new Set(r.failing.map((f) => f.file));
    expect(files.has('ok.ts')).toBe(false);
    expect(files.has('bad.ts')).toBe(true);
  });
});

describe('doctor --route', () => {
  it('checks every routed provider (its key first) and fails when the routed key is missing', async () => {
    const { doctor } = await import('../src/commands/doctor.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-doctor-'));
    const r = await doctor({ provider: 'deepseek', routes: ['embeddings=qwen'], timeout: 1000, cwd: dir, paths: ['.'], scan: false, env: {} });
    expect(r.routes).toEqual([{ capability: 'embeddings', provider: 'qwen', baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1', apiKeyEnv: 'DASHSCOPE_API_KEY', ok: false }]);
    expect(r.checks.some((c) => c.status === 'fail' && c.message.startsWith('[embeddings -> qwen]') && c.message.includes('DASHSCOPE_API_KEY'))).toBe(true);
    expect(r.ok).toBe(false);
  });
});
