import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../src/api.js';
import { localize } from '../src/i18n/messages.js';

/** Each reported line's message in Chinese (by its id). */
const zhOf = new Map<string, string>();

/** `check --provider X` reports the thinking-switch shapes (requestRules.thinking) in code already on the provider. */
async function lint(provider: string, files: Record<string, string>) {
  const d = mkdtempSync(path.join(tmpdir(), 'oam-thinking-lint-'));
  for (const [f, t] of Object.entries(files)) writeFileSync(path.join(d, f), t);
  const r = await scan({ cwd: d, paths: ['.'], provider });
  return r.files.flatMap((f) =>
    f.findings
      .filter((x) => x.rule === 'provider-param' || x.rule === 'provider-model')
      .map((x) => {
        const line = `${f.file}:${x.line} ${x.rule} ${x.message}`;
        zhOf.set(line, localize(x.message, x.msg, 'zh'));
        return line;
      }),
  );
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

describe('check --provider: tool loops and embedding widths in unmigrated code (#14)', () => {
  it('deepseek: an assistant message rebuilt by hand without reasoning_content (JS and Python); one that sends it back is not flagged', async () => {
    const base = 'https://api.deepseek.com';
    const got = await lint('deepseek', {
      'a.mjs': js(base, [
        `const r = await client.chat.completions.create({ model: 'deepseek-v4-pro', messages, tools });`,
        `const msg = r.choices[0].message;`,
        `messages.push({ role: 'assistant', content: msg.content, tool_calls: msg.tool_calls });`,
        `messages.push({ role: 'assistant', content: msg.content, tool_calls: msg.tool_calls, reasoning_content: msg.reasoning_content });`,
      ]),
      'b.py': py(base, [
        'r = client.chat.completions.create(model="deepseek-v4-pro", messages=messages, tools=tools)',
        'msg = r.choices[0].message',
        'messages.append({"role": "assistant", "content": msg.content, "tool_calls": msg.tool_calls})',
        'messages.append({"role": "assistant", "content": msg.content, "tool_calls": msg.tool_calls, "reasoning_content": msg.reasoning_content})',
      ]),
      // Not on DeepSeek: no chat call on a DeepSeek client in this file.
      'c.mjs': [`const messages = [];`, `messages.push({ role: 'assistant', content: m.content, tool_calls: m.tool_calls });`, ''].join('\n'),
    });
    const loops = got.filter((g) => /tool_calls/.test(g));
    expect(loops.map((g) => g.split(' ')[0])).toEqual(['a.mjs:5', 'b.py:5']);
    for (const g of loops)
      expect(g).toMatch(
        /provider-param an assistant message with tool_calls is rebuilt by hand without reasoning_content; DeepSeek answers .*400.* on the next turn .*; add reasoning_content from the returned message$/,
      );
  });
  it('minimax wants the whole message back; sensenova wants it left out (no finding)', async () => {
    const msgs = [
      `const r = await client.chat.completions.create({ model: 'm', messages });`,
      `messages.push({ role: 'assistant', content: r.choices[0].message.content, tool_calls: r.choices[0].message.tool_calls });`,
    ];
    const mm = await lint('minimax', { 'a.mjs': js('https://api.minimaxi.com/v1', msgs) });
    expect(mm.filter((g) => /tool_calls/.test(g))).toEqual([
      expect.stringMatching(/^a\.mjs:4 provider-param .*wants the whole assistant message back.*push the returned message itself \(r\.choices\[0\]\.message\) instead of a copy$/),
    ]);
    const sn = await lint('sensenova', { 'a.mjs': js('https://api.sensenova.cn/compatible-mode/v2', msgs) });
    expect(sn.filter((g) => /tool_calls/.test(g))).toEqual([]);
  });
  it('qwen: text-embedding-v4 without dimensions next to a vector(1536) store; a width it does not accept; more than 10 inputs (JS and Python); inputs built at run time are not findings', async () => {
    const base = 'https://dashscope.aliyuncs.com/compatible-mode/v1';
    const got = await lint('qwen', {
      'a.mjs': js(base, [
        `await db.query('CREATE TABLE docs (id serial, embedding vector(1536))');`,
        `await client.embeddings.create({ model: 'text-embedding-v4', input: texts });`,
        `await client.embeddings.create({ model: 'text-embedding-v4', input: texts, dimensions: 1536 });`,
        `await client.embeddings.create({ model: 'text-embedding-v3', input: texts });`,
        `await client.embeddings.create({ model: 'text-embedding-v4', input: ['a','b','c','d','e','f','g','h','i','j','k'], dimensions: 1000 });`,
      ]),
      'b.py': py(base, [
        'EMBEDDING_DIM = 1536',
        'client.embeddings.create(model="text-embedding-v4", input=texts)',
        'client.embeddings.create(model="text-embedding-v4", input=texts, dimensions=EMBEDDING_DIM)',
        'client.embeddings.create(model="text-embedding-v4", input=["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"], dimensions=1536)',
      ]),
      // No store width declared here: only the per-request checks apply.
      'c.mjs': js(base, [`await client.embeddings.create({ model: 'text-embedding-v4', input: 'x' });`]),
    });
    const emb = got.filter((g) => /embedding|dimension|inputs/.test(g)).map((g) => g.replace(/ \(source: [^)]+\)/, ''));
    expect(emb).toEqual([
      'a.mjs:4 provider-param text-embedding-v4 returns 1024-dimension vectors by default, the vector store here expects 1536 (vector(1536)); send dimensions: 1536',
      'a.mjs:6 provider-param text-embedding-v3 returns 1024-dimension vectors, the vector store here expects 1536 (vector(1536)); a store sized for 1536 rejects them; resize the vector column or index and re-embed stored vectors',
      'a.mjs:7 provider-param text-embedding-v4 accepts dimensions 64, 128, 256, 512, 768, 1024, 1536, 2048, not 1000; choose an accepted width, resize the vector column or index and re-embed stored vectors',
      'a.mjs:7 provider-param text-embedding-v4 takes at most 10 inputs per request; this request sends 11; send the inputs in batches of 10',
      'b.py:4 provider-param text-embedding-v4 returns 1024-dimension vectors by default, the vector store here expects 1536 (EMBEDDING_DIM = 1536); send dimensions=1536',
      'b.py:6 provider-param text-embedding-v4 takes at most 10 inputs per request; this request sends 11; send the inputs in batches of 10',
    ]);
    // The same rules in Chinese (by message id).
    for (const g of got.filter((x) => /vector store here/.test(x))) expect(zhOf.get(g)).toMatch(/向量存储/);
  });
});
