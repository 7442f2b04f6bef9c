import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { inventory } from '../src/check/index.js';
import { PROVIDERS } from '../src/providers/index.js';
import { ENDPOINTS, OPENAI_TIERS } from '../src/providers/types.js';
import { RULES, ruleFix } from '../src/rules/catalogue.js';
import { ERRORS } from '../src/errors.js';
import { endpointLabel } from '../src/rules/endpoints.js';
import { tierLabel } from '../src/rules/models.js';
import { ENDPOINT_ZH, localize, localizeMessage, localizeTier, TIER_ZH } from '../src/i18n/messages.js';
import { msg, refOf, type Msg, type MsgRef } from '../src/i18n/msg.js';
import { cited } from '../src/rules/params.js';
import { ERRORS_ZH, RULES_ZH } from '../src/i18n/catalogues-zh.js';
import { NOTES_ZH } from '../src/i18n/notes-zh.js';
import { discoverCases, stageInput } from './helpers/fixtures.js';
import { cli, ROOT } from './helpers/cli.js';

const CJK = /[\u4e00-\u9fff]/;
const zh = (m: string) => localizeMessage(m, 'zh');
/** A message built by id, in Chinese (its English text checked first). */
const zhMsg = (m: Msg, english: string) => {
  expect(m.text).toBe(english);
  return localize(m.text, refOf(m), 'zh');
};
/** A swept message in Chinese: by its id when it has one, else through the template table. */
const zhSeen = (m: string) => localize(m, refs.get(m), 'zh');

/** Every message the analysis and the transforms produce over the fixtures, by where it came from (with its id, when built by id). */
const seen = new Map<string, Set<string>>();
const refs = new Map<string, MsgRef>();
const add = (kind: string, m: string | undefined, ref?: MsgRef) => {
  if (!m) return;
  const s = seen.get(kind) ?? new Set<string>();
  s.add(m);
  seen.set(kind, s);
  if (ref) refs.set(m, ref);
};
const all = () => [...seen.entries()].flatMap(([k, s]) => [...s].map((m) => ({ kind: k, m })));

beforeAll(async () => {
  const dirs = discoverCases().map((c) => ({ dir: stageInput(c), opts: c.options }));
  const app = mkdtempSync(path.join(tmpdir(), 'oam-i18n-app-'));
  cpSync(path.join(ROOT, 'fixtures/example-app'), app, { recursive: true });
  dirs.push({ dir: app, opts: {} });
  for (const { dir, opts } of dirs) {
    for (const p of PROVIDERS) {
      const region = opts.region && Object.keys(p.regions).includes(opts.region) ? opts.region : undefined;
      const r = await migrate({ cwd: dir, provider: p.id, region, models: opts.models, dryRun: true });
      for (const f of r.files) {
        for (const u of f.followUps) add('follow-up reason', u.reason, u.reasonMsg), add('follow-up action', u.action, u.actionMsg);
        for (const c of f.changes) add('change', c.message, c.msg);
        for (const x of f.findings) add('finding', x.message, x.msg);
        if (f.status !== 'unchanged' && f.status !== 'changed') add('file reason', f.reason, f.reasonMsg);
      }
      const inv = await inventory({ cwd: dir, provider: p.id, region, models: opts.models });
      for (const f of inv.findings) add('finding', f.message, f.msg), add('rule fix', f.fix), add('assessment', f.provider?.migrate, f.provider?.migrateMsg);
    }
    const plain = await inventory({ cwd: dir });
    for (const f of plain.findings) add('finding', f.message, f.msg), add('rule fix', f.fix);
  }
}, 300_000);

describe('localizeMessage over every fixture (all providers)', () => {
  it('collected the message kinds it is meant to cover', () => {
    for (const k of ['follow-up reason', 'follow-up action', 'change', 'finding', 'rule fix', 'assessment']) expect(seen.get(k)?.size ?? 0, k).toBeGreaterThan(5);
  });

  it('no untranslated message: a template matches each one, and the result has Chinese text', () => {
    const untranslated = all().filter(({ m }) => zhSeen(m) === m || !CJK.test(zhSeen(m)));
    expect(untranslated).toEqual([]);
  });

  it('identifiers, paths, URLs, variable names, quoted values and code spans survive translation', () => {
    const keep = (m: string) => [
      ...(m.match(/https?:\/\/[^\s,)]+/g) ?? []).map((u) => u.replace(/[.;:]+$/, '')),
      ...(m.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g) ?? []),
      ...(m.match(/`[^`]+`/g) ?? []),
      ...(m.match(/"[^"]*"/g) ?? []),
      ...(m.match(/\b(?:gpt|o\d|text-embedding|whisper|tts|dall-e)[\w.-]*/g) ?? []),
    ];
    const lost: string[] = [];
    for (const { m } of all()) for (const k of keep(m)) if (!zhSeen(m).includes(k)) lost.push(`${k} in: ${m}`);
    expect(lost).toEqual([]);
  });

  it('English (and any other language) gets the message back unchanged', () => {
    for (const { m } of all()) expect(localize(m, refs.get(m), 'en')).toBe(m);
    expect(localizeMessage('something no template knows', 'zh')).toBe('something no template knows');
  });
});

describe('exact translations', () => {
  it('endpoints, models, params, env and clients', () => {
    expect(zhMsg(msg('endpoint.missing', { provider: 'DeepSeek', endpoint: 'embeddings' }), 'DeepSeek has no OpenAI-compatible embeddings endpoint')).toBe(
      'DeepSeek 没有 OpenAI 兼容的向量（embeddings）接口',
    );
    const audio = msg('endpoint.missing', { provider: 'Alibaba Cloud Model Studio', endpoint: 'audio (transcription / speech)', note: 'audio in/out only via omni chat models' });
    expect(zhMsg(audio, 'Alibaba Cloud Model Studio has no OpenAI-compatible audio (transcription / speech) endpoint (audio in/out only via omni chat models)')).toBe(
      'Alibaba Cloud Model Studio 没有 OpenAI 兼容的音频（转写 / 语音合成）接口（音频输入/输出只能通过 omni 对话模型）',
    );
    const noModel = msg('model.noTierModel', { provider: 'Moonshot AI', tier: 'embedding-small', id: 'text-embedding-3-small' });
    expect(zhMsg(noModel, 'Moonshot AI has no embedding-small model to replace text-embedding-3-small')).toBe('Moonshot AI 没有可替换 text-embedding-3-small 的小型向量模型');
    expect(zhMsg(msg('model.mapped', { from: 'gpt-4o', to: 'qwen3-max', tier: 'flagship' }), 'gpt-4o -> qwen3-max (flagship)')).toBe('gpt-4o 改为 qwen3-max（旗舰）');
    expect(zh('OPENAI_API_KEY -> DASHSCOPE_API_KEY')).toBe('OPENAI_API_KEY 改为 DASHSCOPE_API_KEY');
    const fixed = msg('param.fixed', { label: 'kimi-k3', name: 'temperature', value: '1' });
    expect(zhMsg(msg('param.clamped', { name: 'temperature', from: '1.5', to: '1', reason: fixed }), 'temperature: 1.5 -> 1 (kimi-k3 accepts only temperature = 1)')).toBe(
      'temperature：1.5 改为 1（kimi-k3 只接受 temperature = 1）',
    );
    const calls = msg('client.nowCalls', { provider: 'DeepSeek', url: 'https://api.deepseek.com', env: 'DEEPSEEK_API_KEY' });
    expect(zhMsg(calls, 'client now calls DeepSeek (https://api.deepseek.com) with DEEPSEEK_API_KEY')).toBe('客户端现在调用 DeepSeek（https://api.deepseek.com），使用 DEEPSEEK_API_KEY');
    const cell = msg('notebook.cellChange', { n: 3, msg: msg('client.roleDeveloper', { role: 'system' }) });
    expect(zhMsg(cell, 'cell 3: message role developer -> system')).toBe('第 3 个单元格：消息角色 developer 改为 system');
    const seed = msg('param.removed', { name: 'seed', reason: cited(msg('param.notDocumented', { provider: 'DeepSeek' }), 'https://api-docs.deepseek.com/') });
    expect(zhMsg(seed, 'removed seed: DeepSeek does not accept or document it (source: https://api-docs.deepseek.com/)')).toBe(
      '已删除 seed：DeepSeek 不接受该参数，文档中也没有（来源：https://api-docs.deepseek.com/）',
    );
  });

  it('a full provider name with "; " inside parentheses, and assessments joined with "; "', () => {
    const zhipu = msg('param.notDocumented', { provider: 'Zhipu AI (GLM; BigModel in China, Z.ai internationally)' });
    const store = msg('param.removed', { name: 'store', reason: cited(zhipu, 'https://docs.z.ai/guides/overview/concept-param.md') });
    expect(zhMsg(store, 'removed store: Zhipu AI (GLM; BigModel in China, Z.ai internationally) does not accept or document it (source: https://docs.z.ai/guides/overview/concept-param.md)')).toBe(
      '已删除 store：Zhipu AI (GLM; BigModel in China, Z.ai internationally) 不接受该参数，文档中也没有（来源：https://docs.z.ai/guides/overview/concept-param.md）',
    );
    // A joined assessment: one part by id, one English text through the template table.
    const joined = msg('assess.followUp', {
      reason: msg('assess.join', { msg: 'OPENAI_API_KEY -> DEEPSEEK_API_KEY', msg2: msg('param.rejectsValue', { provider: 'DeepSeek', name: 'tool_choice', value: 'required' }) }),
    });
    expect(zhMsg(joined, 'follow-up: OPENAI_API_KEY -> DEEPSEEK_API_KEY; DeepSeek rejects tool_choice: "required"')).toBe(
      '需人工跟进：OPENAI_API_KEY 改为 DEEPSEEK_API_KEY；DeepSeek 不接受 tool_choice: "required"',
    );
    const two = msg('assess.join', { msg: 'azure_deployment -> model', msg2: msg('client.removedAzureOnly', { name: 'api_version' }) });
    expect(zhMsg(two, 'azure_deployment -> model; removed api_version (OpenAI/Azure only)')).toBe('azure_deployment 改为 model；已删除 api_version（仅 OpenAI/Azure 使用）');
  });

  it('findings, rule fixes and error catalogue lines', () => {
    expect(zhMsg(msg('find.modelIn', { id: 'gpt-4o', name: 'OPENAI_MODEL' }), 'OpenAI model id "gpt-4o" in OPENAI_MODEL')).toBe('OpenAI 模型 ID "gpt-4o"（在 OPENAI_MODEL 中）');
    expect(zhMsg(msg('find.apiCall', { api: 'chat.completions.create' }), 'chat.completions.create on an OpenAI client')).toBe('OpenAI 客户端上的 chat.completions.create 调用');
    expect(zh(ruleFix('openai-client', 'qwen'))).toBe('运行 `openai-migrate migrate --provider qwen`，把它指向服务商');
    expect(zh(ruleFix('openai-model'))).toBe('映射到服务商的模型（`openai-migrate models --provider <id>`）');
    expect(zh(ERRORS.E_PARSE!.fix)).toBe(ERRORS_ZH.E_PARSE!.fix);
    expect(localizeTier('long-context', 'zh')).toBe('长上下文');
  });
});

describe('Chinese tables are complete', () => {
  it('every rule and every error id has its Chinese lines, and every rule fix and error line translates', () => {
    expect(Object.keys(RULES_ZH).sort()).toEqual(Object.keys(RULES).sort());
    expect(Object.keys(ERRORS_ZH).sort()).toEqual(Object.keys(ERRORS).sort());
    for (const id of Object.keys(RULES)) for (const p of [undefined, 'deepseek']) expect(zh(ruleFix(id, p)), id).toMatch(CJK);
    for (const e of Object.values(ERRORS))
      expect(
        [zh(e.cause), zh(e.fix)].every((s) => CJK.test(s)),
        e.cause,
      ).toBe(true);
  });

  it('every endpoint label, tier label and provider note has an entry', () => {
    for (const e of [...ENDPOINTS, 'openaiOnly']) if (endpointLabel(e) !== e || e === 'files' || e === 'batch') expect(ENDPOINT_ZH[endpointLabel(e)], e).toBeDefined();
    for (const tier of [...OPENAI_TIERS, 'fine-tuned']) expect(TIER_ZH[tierLabel(tier)], tier).toBeDefined();
    const missing: string[] = [];
    for (const p of PROVIDERS) {
      for (const n of Object.values(p.endpointNotes)) if (n && !NOTES_ZH[n]) missing.push(`${p.id} endpoint note: ${n}`);
      for (const r of p.params.perModel) if (!NOTES_ZH[r.note]) missing.push(`${p.id} per-model note: ${r.note}`);
      const re = p.params.reasoningEffort;
      if (re.kind === 'drop' && !NOTES_ZH[re.note]) missing.push(`${p.id} reasoning_effort note: ${re.note}`);
      // Drop reasons are built by id from the provider's name (src/rules/params.ts): the profile must say the same.
      const standard = msg('param.notDocumented', { provider: p.name }).text;
      for (const d of Object.values(p.params.drop)) if (d !== standard) missing.push(`${p.id} drop reason not in the standard wording: ${d}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('Chinese output of migrate and scan (CLI)', () => {
  const app = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-i18n-cli-'));
    cpSync(path.join(ROOT, 'fixtures/example-app'), d, { recursive: true });
    return d;
  };

  it('migrate --lang zh --dry-run prints Chinese follow-ups; the diff (code) stays as written', () => {
    const r = cli(['--lang', 'zh', 'migrate', '-p', 'moonshot', '--dry-run', '.'], { cwd: app(), env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    // Six: the example app also has a Groq client, so one note says only the OpenAI adapter was migrated.
    expect(r.stdout).toContain('需人工跟进（6）：');
    expect(r.stdout).toContain('src/embed.ts:5:21  Moonshot AI 没有 OpenAI 兼容的向量（embeddings）接口 — 改用提供向量接口的服务（例如 qwen 的 text-embedding-v4），并重新生成已存储的向量');
    // Moonshot has no embeddings endpoint: --model would only drop the follow-up and leave a call it cannot serve.
    expect(r.stdout).toContain('src/config.ts:3:32  Moonshot AI 没有可替换 text-embedding-3-small 的小型向量模型 — 把这个调用留在其他服务上');
    expect(r.stdout).not.toContain('--model text-embedding-3-small=<id>');
    // The marker written into the code is code: English.
    expect(r.stdout).toContain("+    // TODO(openai-migrate): Moonshot AI has no OpenAI-compatible moderations endpoint; use the provider's content-safety service or remove the call.");
    expect(r.stdout).not.toMatch(/no OpenAI-compatible embeddings endpoint —/);
  });

  it('--verbose change messages and the Markdown report checklist in Chinese; --format json stays English', () => {
    const d = app();
    const r = cli(['migrate', '-p', 'qwen', '--dry-run', '--verbose', '--report', 'r.md', '.'], { cwd: d, env: { LANG: 'zh_CN.UTF-8', NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\[map-model-ids\] gpt-4o 改为 qwen3-max（旗舰）/);
    const md = readFileSync(path.join(d, 'r.md'), 'utf8');
    expect(md).toMatch(/- \[ \] `src\/reasoner\.ts:\d+` — Alibaba Cloud Model Studio 没有 OpenAI 兼容的内容审核（moderations）接口 — 改用服务商的内容安全服务，或删除该调用/);
    expect(md).toMatch(/\| `gpt-4o` \| `qwen3-max` \| 旗舰 \|/);
    const j = cli(['migrate', '-p', 'qwen', '--dry-run', '--format', 'json', '.'], { cwd: d, env: { LANG: 'zh_CN.UTF-8' } });
    const reasons = (JSON.parse(j.stdout) as { files: Array<{ followUps: Array<{ reason: string }> }> }).files.flatMap((f) => f.followUps.map((u) => u.reason));
    expect(reasons).toContain('Alibaba Cloud Model Studio has no OpenAI-compatible moderations endpoint');
    expect(reasons.join('\n')).not.toMatch(CJK);
  });

  it('scan/check text, Markdown and GitHub annotations in Chinese; SARIF stays English', () => {
    const d = app();
    const s = cli(['--lang', 'zh', 'scan', '-p', 'qwen', '.'], { cwd: d, env: { NO_COLOR: '1' } });
    expect(s.stdout).toContain('设置了 OPENAI_API_KEY  openai-env');
    expect(s.stdout).toContain('qwen 可以承接；migrate 会：OPENAI_API_KEY 改为 DASHSCOPE_API_KEY');
    expect(s.stdout).toContain('修复方法：');
    expect(s.stdout).not.toContain('How to fix');
    const c = cli(['--lang', 'zh', 'check', '.'], { cwd: d, env: { NO_COLOR: '1' } });
    expect(c.code).toBe(1);
    expect(c.stdout).toMatch(/检查未通过：\d+ 个问题达到或高于 error 级别/);
    const m = cli(['--lang', 'zh', 'check', '--format', 'markdown', '.'], { cwd: d });
    expect(m.stdout).toContain('| 类别 | 数量 | 级别 | 修复方法 |');
    expect(m.stdout).toContain('OpenAI 客户端上的 chat.completions.create 调用');
    const g = cli(['--lang', 'zh', 'check', '--format', 'github', '.'], { cwd: d });
    expect(g.stdout).toMatch(/::error file=src\/azure\.ts,.*title=openai-migrate azure-openai-client%3A Azure OpenAI 客户端::Azure OpenAI 客户端：请求会发往 Azure OpenAI。修复：/);
    const sarif = cli(['--lang', 'zh', 'check', '--format', 'sarif', '.'], { cwd: d });
    expect(sarif.stdout).not.toMatch(CJK);
  });

  it('providers and models listings, and the fix line of an error', () => {
    expect(cli(['--lang', 'zh', 'providers']).stdout).toContain('  区域 global (默认): https://api.deepseek.com  密钥变量 DEEPSEEK_API_KEY');
    expect(cli(['--lang', 'zh', 'models', '-p', 'qwen']).stdout).toMatch(/gpt-4o\s+-> qwen3-max\s+旗舰/);
    const e = cli(['--lang', 'zh', 'migrate', '-p', 'nope', '--dry-run', '.'], { cwd: app() });
    expect(e.stderr).toContain('  解决办法：从 `openai-migrate providers` 中选择一个 ID');
  });
});
