import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../src/api.js';

/** `check --provider X` reports the thinking-switch shapes (requestRules.thinking) in code already on the provider. */
async function lint(provider: string, files: Record<string, string>) {
  const d = mkdtempSync(path.join(tmpdir(), 'oam-thinking-lint-'));
  for (const [f, t] of Object.entries(files)) writeFileSync(path.join(d, f), t);
  const r = await scan({ cwd: d, paths: ['.'], provider });
  return r.files.flatMap((f) => f.findings.filter((x) => x.rule === 'provider-param' || x.rule === 'provider-model').map((x) => `${f.file}:${x.line} ${x.rule} ${x.message}`));
}

const js = (base: string, lines: string[]) => [`import OpenAI from 'openai';`, `const client = new OpenAI({ baseURL: '${base}', apiKey: 'k' });`, ...lines, ''].join('\n');
const py = (base: string, lines: string[]) => ['from openai import OpenAI', `client = OpenAI(base_url="${base}", api_key="k")`, ...lines, ''].join('\n');

describe('check --provider: thinking switches in unmigrated code', () => {
  it('qwen: an open-weight Qwen3 call that does not stream and does not turn thinking off (JS and Python)', async () => {
    const base = 'https://dashscope.aliyuncs.com/compatible-mode/v1';
    const got = await lint('qwen', {
      'a.mjs': js(base, [
        `await client.chat.completions.create({ model: 'qwen3-32b', messages: [] });`,
        `await client.chat.completions.create({ model: 'qwen3-32b', messages: [], enable_thinking: false });`,
        `await client.chat.completions.create({ model: 'qwen3-32b', messages: [], stream: true });`,
        `await client.chat.completions.create({ model: 'qwen3-max', messages: [] });`,
      ]),
      'b.py': py(base, [
        'client.chat.completions.create(model="qwen3-32b", messages=[])',
        'client.chat.completions.create(model="qwen3-32b", messages=[], extra_body={"enable_thinking": False})',
        'client.chat.completions.create(model="qwen3-32b", messages=[], stream=True)',
      ]),
    });
    expect(got.filter((g) => /enable_thinking/.test(g)).map((g) => g.split(' ')[0])).toEqual(['a.mjs:3', 'b.py:3']);
    expect(got.find((g) => g.startsWith('a.mjs:3'))).toMatch(/send enable_thinking: false$/);
    expect(got.find((g) => g.startsWith('b.py:3'))).toMatch(/send extra_body=\{"enable_thinking": False\}$/);
  });
  it('moonshot: temperature 1 with thinking off, 0.6 with it on', async () => {
    const base = 'https://api.moonshot.cn/v1';
    const got = await lint('moonshot', {
      'a.mjs': js(base, [
        `await client.chat.completions.create({ model: 'kimi-k2.6', messages: [], temperature: 1, thinking: { type: 'disabled' } });`,
        `await client.chat.completions.create({ model: 'kimi-k2.6', messages: [], temperature: 0.6, thinking: { type: 'disabled' } });`,
        `await client.chat.completions.create({ model: 'kimi-k2.6', messages: [], temperature: 0.6 });`,
      ]),
      'b.py': py(base, [
        'client.chat.completions.create(model="kimi-k2.6", messages=[], temperature=1, extra_body={"thinking": {"type": "disabled"}})',
        'client.chat.completions.create(model="kimi-k2.6", messages=[], temperature=0.6, extra_body={"thinking": {"type": "disabled"}})',
      ]),
    });
    expect(got.filter((g) => /temperature/.test(g)).map((g) => g.replace(/ \(source.*$/, ''))).toEqual([
      'a.mjs:3 provider-param temperature: kimi-k2.6 accepts only temperature = 0.6 with thinking off',
      'a.mjs:5 provider-param temperature: kimi-k2.6 accepts only temperature = 1',
      'b.py:3 provider-param temperature: kimi-k2.6 accepts only temperature = 0.6 with thinking off',
    ]);
  });
  it('deepseek: deepseek-chat without thinking disabled', async () => {
    const base = 'https://api.deepseek.com';
    const got = await lint('deepseek', {
      'a.mjs': js(base, [
        `await client.chat.completions.create({ model: 'deepseek-chat', messages: [] });`,
        `await client.chat.completions.create({ model: 'deepseek-flash', messages: [], thinking: { type: 'disabled' } });`,
      ]),
    });
    expect(got.some((g) => /^a\.mjs:3 provider-model deepseek deprecated model "deepseek-chat": use deepseek-flash/.test(g))).toBe(true);
    expect(got.filter((g) => /thinking/.test(g)).map((g) => g.split(' ')[0])).toEqual(['a.mjs:3']);
    expect(got.find((g) => /thinking/.test(g))).toMatch(/send thinking: \{ type: 'disabled' \}$/);
  });
});
