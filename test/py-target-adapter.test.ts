import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { parsePython } from '../src/lang/python/parse.js';
import { analyzePython } from '../src/lang/python/analyze.js';
import { pyDefaultProviderLiterals, pyProviderConsts, pyTargetAdapterAt, pyTargetRoutes, pyTargetSelection } from '../src/lang/python/adapters.js';
import { getProvider } from '../src/providers/index.js';
import { targetNames } from '../src/rules/adapters.js';

const facts = async (src: string) => analyzePython((await parsePython(src)).py!, undefined, 'api.deepseek.com');
const target = (id: string) => {
  const p = getProvider(id);
  return { names: targetNames(p), baseURLs: Object.values(p.regions).map((r) => r.baseURL) };
};
const lineOf = (src: string, at: number | undefined) => (at === undefined ? undefined : src.slice(0, at).split('\n').length);

describe('Python target adapters written with raw HTTP or the target SDK (zhayujie/chatgpt-on-wechat)', () => {
  const raw = 'import requests\n\nDEFAULT_API_BASE = "https://api.deepseek.com/v1"\n';
  it('a URL constant on the target host in a module whose file or folder is named for the target', async () => {
    const f = await facts(raw);
    expect(lineOf(raw, pyTargetAdapterAt(f, target('deepseek'), 'models/deepseek/bot.py'))).toBe(3);
    expect(lineOf(raw, pyTargetAdapterAt(f, target('deepseek'), 'models/deepseek_bot.py'))).toBe(3);
  });
  it('the same constant in a generic module is no adapter; a constant named for the target is', async () => {
    expect(pyTargetAdapterAt(await facts(raw), target('deepseek'), 'app/settings.py')).toBeUndefined();
    const named = 'DEEPSEEK_URL = "https://api.deepseek.com"\n';
    expect(lineOf(named, pyTargetAdapterAt(await facts(named), target('deepseek'), 'app/settings.py'))).toBe(1);
    // another provider's host, and the target's host in a function (not a module-level constant)
    expect(pyTargetAdapterAt(await facts('QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'), target('deepseek'), 'models/deepseek/x.py')).toBeUndefined();
    expect(pyTargetAdapterAt(await facts('def f():\n    base = "https://api.deepseek.com"\n'), target('deepseek'), 'models/deepseek/x.py')).toBeUndefined();
  });
  it("the target's own SDK package imported: dashscope for Qwen, zai / zhipuai for Zhipu, not for another target", async () => {
    const qwen = 'import json\nimport dashscope\n';
    expect(lineOf(qwen, pyTargetAdapterAt(await facts(qwen), target('qwen'), 'bot.py'))).toBe(2);
    expect(pyTargetAdapterAt(await facts(qwen), target('deepseek'), 'bot.py')).toBeUndefined();
    const glm = 'from zai import ZhipuAiClient\n';
    expect(lineOf(glm, pyTargetAdapterAt(await facts(glm), target('zhipu'), 'bot.py'))).toBe(1);
    expect(pyTargetAdapterAt(await facts('from openai import OpenAI\n'), target('zhipu'), 'zhipu/bot.py')).toBeUndefined();
  });
});

describe('Python selections of the target', () => {
  const factory =
    'from common import const\n\ndef create_bot(bot_type):\n    if bot_type in (const.OPENAI, const.CHATGPT):\n        return 1\n    elif bot_type == const.DEEPSEEK:\n        return 2\n    elif bot_type in (const.QWEN, const.QWEN_DASHSCOPE):\n        return 3\n';
  it('a comparison with a constant naming the target (==, in a tuple): the constant to resolve', async () => {
    expect(pyTargetSelection(await facts(factory), targetNames(getProvider('deepseek')))).toMatchObject({ ref: 'DEEPSEEK', text: 'bot_type == const.DEEPSEEK' });
    expect(pyTargetSelection(await facts(factory), targetNames(getProvider('qwen')))).toMatchObject({ ref: 'QWEN' });
    expect(pyTargetSelection(await facts(factory), targetNames(getProvider('zhipu')))).toBeUndefined();
    // without OpenAI in the module, a comparison is no choice between OpenAI and the target
    expect(pyTargetSelection(await facts('def f(t):\n    return t == const.DEEPSEEK\n'), targetNames(getProvider('deepseek')))).toBeUndefined();
  });
  it('module-level name constants next to OpenAI’s, and the values they hold', async () => {
    const consts = 'OPENAI = "openai"\nDEEPSEEK = "deepseek"\nDEEPSEEK_V4_FLASH = "deepseek-v4-flash"\nZHIPU_AI = "zhipu"\n';
    const f = await facts(consts);
    expect(pyProviderConsts(f, targetNames(getProvider('deepseek'))).map(([k, v]) => [k, v])).toEqual([['DEEPSEEK', 'deepseek']]);
    expect(pyProviderConsts(f, targetNames(getProvider('zhipu'))).map(([k, v]) => [k, v])).toEqual([['ZHIPU_AI', 'zhipu']]);
    expect(pyTargetSelection(f, targetNames(getProvider('deepseek')))).toMatchObject({ value: 'deepseek' });
    expect(pyTargetSelection(await facts('DEEPSEEK = "deepseek"\nCLAUDE = "claude"\n'), targetNames(getProvider('deepseek')))).toBeUndefined();
    // an enum's members hold the value a `BotType.DEEPSEEK` comparison selects
    const en = await facts('from enum import Enum\n\n\nclass BotType(str, Enum):\n    OPENAI = "openai"\n    DEEPSEEK = "deepseek"\n');
    expect(pyProviderConsts(en, targetNames(getProvider('deepseek'))).map(([k, v]) => [k, v])).toEqual([['DEEPSEEK', 'deepseek']]);
  });
  it('model-prefix routing in a module that names OpenAI', async () => {
    const bridge =
      'btype = {"chat": const.OPENAI}\nif model.startswith("deepseek"):\n    btype["chat"] = const.DEEPSEEK\nif model.startswith(("qwen", "qwq")):\n    btype["chat"] = const.QWEN\nif model.startswith("glm"):\n    pass\n';
    expect(pyTargetRoutes(await facts(bridge), targetNames(getProvider('deepseek')))?.prefixes).toEqual(['deepseek']);
    expect(pyTargetRoutes(await facts(bridge), targetNames(getProvider('qwen')))?.prefixes).toEqual(['qwen']);
    expect(pyTargetRoutes(await facts(bridge), targetNames(getProvider('zhipu')))?.prefixes).toEqual(['glm']);
    expect(pyTargetRoutes(await facts('if model.startswith("deepseek"):\n    pass\n'), targetNames(getProvider('deepseek')))).toBeUndefined();
  });
  it('a provider parameter default is a default-provider setting only in a module that selects the target', async () => {
    const names = targetNames(getProvider('deepseek'));
    const embed = 'def create_embedding_provider(provider: str = "openai", model=None):\n    if provider == "openai":\n        return 1\n';
    expect(pyDefaultProviderLiterals(await facts(embed), names)).toHaveLength(0);
    expect(pyDefaultProviderLiterals(await facts(embed))).toHaveLength(1);
    const chat = 'def make_chat(provider="openai"):\n    if provider == "openai":\n        return 1\n    if provider == "deepseek":\n        return 2\n';
    expect(pyDefaultProviderLiterals(await facts(chat), names)).toHaveLength(1);
    expect(pyDefaultProviderLiterals(await facts('import os\nP = os.getenv("EMBEDDING_PROVIDER", "openai")\n'), names)).toHaveLength(0);
  });
});

const tmp = (files: Record<string, string>) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oam-pyadapt-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
};

describe('an app with the target adapter is left whole, and only that app', () => {
  const fixture = path.join(__dirname, '..', 'fixtures', 'cases', 'project', 'python-existing-target-raw-http', 'input');
  it('one follow-up names the adapter and how the app selects it; code, config and env files stay', async () => {
    const src = Object.fromEntries(
      [
        'models/deepseek/deepseek_bot.py',
        'models/bot_factory.py',
        'common/const.py',
        'bridge/bridge.py',
        'models/openai/openai_http_client.py',
        'models/chatgpt/chat_gpt_bot.py',
        'agent/memory/embedding.py',
        'voice/openai/openai_voice.py',
        'config.py',
        'config-template.json',
        'docker/docker-compose.yml',
        '.env.example',
        'requirements.txt',
      ].map((rel) => [rel, readFileSync(path.join(fixture, rel), 'utf8')]),
    );
    const dir = tmp(src);
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    expect(r.files.filter((f) => f.changes.length).map((f) => f.file)).toEqual([]);
    const notes = r.files.flatMap((f) => f.followUps.map((u) => `${u.reason} — ${u.action}`));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('models/deepseek/deepseek_bot.py:9, selected by "deepseek"');
    expect(notes[0]).toContain('bot_type == const.DEEPSEEK (models/bot_factory.py:8)');
    expect(notes[0]).toContain('an id starting with "deepseek" (routed at bridge/bridge.py:18)');
  });
  it('another Python project of the run (its own requirements.txt) is migrated as before', async () => {
    const dir = tmp({
      'bot/requirements.txt': 'requests\n',
      // (a module is read when it names OpenAI or a module read imports it: the real adapter's docstring says OpenAI-compatible)
      'bot/models/deepseek/deepseek_bot.py': '"""DeepSeek bot: OpenAI-compatible."""\nDEFAULT_API_BASE = "https://api.deepseek.com/v1"\n\n\nclass DeepSeekBot:\n    pass\n',
      'bot/models/factory.py':
        'from common import const\n\ndef create(t):\n    if t == const.OPENAI:\n        return 1\n    if t == const.DEEPSEEK:\n        from models.deepseek.deepseek_bot import DeepSeekBot\n        return DeepSeekBot()\n',
      'bot/common/const.py': 'OPENAI = "openai"\nDEEPSEEK = "deepseek"\n',
      'bot/voice/openai_voice.py': 'from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o-mini", messages=[])\n',
      'bot/config.json': '{ "open_ai_api_base": "https://api.openai.com/v1" }\n',
      'tool/requirements.txt': 'openai\n',
      'tool/main.py': 'from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o-mini", messages=[])\n',
      'tool/config.json': '{ "open_ai_api_base": "https://api.openai.com/v1" }\n',
    });
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    const changed = r.files
      .filter((f) => f.changes.length)
      .map((f) => f.file.replace(/\\/g, '/'))
      .sort();
    expect(changed).toEqual(['tool/config.json', 'tool/main.py']);
  });
});
