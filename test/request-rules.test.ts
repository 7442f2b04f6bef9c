import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { PROVIDERS } from '../src/providers/index.js';

/** Request rules that reach the user: follow-ups for result-changing edits, cited sources, model choice by content. */
function tmp(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'oam-request-rules-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, rel)), { recursive: true });
    writeFileSync(path.join(d, rel), text);
  }
  return d;
}

async function run(files: Record<string, string>, provider: string, models?: string[]) {
  const d = tmp(files);
  const r = await migrate({ cwd: d, paths: ['.'], provider, force: true, models });
  const out = (rel: string) => readFileSync(path.join(d, rel), 'utf8');
  const followUps = r.files.flatMap((f) => f.followUps.map((u) => `${f.file}:${u.line} ${u.reason} — ${u.action}`));
  const changes = r.files.flatMap((f) => f.changes.map((c) => c.message));
  return { r, out, followUps, changes };
}

const TS_PARAMS = `import OpenAI from 'openai';
const client = new OpenAI();
export async function go(q: string) {
  const r = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: q }],
    n: 3,
    seed: 42,
    logit_bias: { '50256': -100 },
    temperature: 1.8,
  });
  return r.choices.map((c) => c.message.content);
}
`;

describe('drops and clamps that change results are follow-ups citing the rule source', () => {
  it('deepseek: n > 1, seed and logit_bias removed, each a follow-up with the source URL', async () => {
    const { followUps, out } = await run({ 'a.ts': TS_PARAMS }, 'deepseek');
    expect(out('a.ts')).not.toMatch(/\bn: 3|seed|logit_bias/);
    const src = '(source: https://api-docs.deepseek.com/)';
    expect(followUps).toContainEqual(expect.stringMatching(new RegExp(`removed n: .*${src.replace(/[().]/g, '\\$&')} — the response now carries one choice`)));
    expect(followUps).toContainEqual(expect.stringContaining(`removed seed: DeepSeek does not accept or document it ${src} — outputs are no longer reproducible`));
    expect(followUps).toContainEqual(expect.stringContaining(`removed logit_bias: DeepSeek does not accept or document it ${src} — tokens are no longer biased`));
  });

  it('n: 1 removed without a follow-up', async () => {
    const { followUps, changes } = await run({ 'a.ts': TS_PARAMS.replace('n: 3', 'n: 1') }, 'deepseek');
    expect(changes.some((c) => c.startsWith('removed n:'))).toBe(true);
    expect(followUps.some((f) => f.includes('removed n:'))).toBe(false);
  });

  it('a clamped temperature is a follow-up (zhipu range)', async () => {
    const { followUps, out } = await run({ 'a.ts': TS_PARAMS }, 'zhipu');
    expect(out('a.ts')).toContain('temperature: 0.99');
    expect(followUps).toContainEqual(
      expect.stringMatching(/temperature changed from 1\.8 to 0\.99: .* accepts temperature in \(0, 1\) \(source: https:\/\/docs\.z\.ai\/\S+\) — check that the answers still fit/),
    );
  });

  it('Python: the same follow-ups', async () => {
    const py = 'from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o-mini", messages=[], n=2, seed=1, temperature=1.8)\n';
    const { followUps } = await run({ 'a.py': py }, 'moonshot');
    expect(followUps.some((f) => f.includes('removed seed: Moonshot AI (Kimi) does not accept or document it (source: https://platform.moonshot.cn/'))).toBe(true);
    expect(followUps.some((f) => /temperature changed from 1\.8 to 1: kimi-\S+ accepts only temperature = 1 \(source: https:\/\/github\.com\/BerriAI\//.test(f))).toBe(true);
    expect(followUps.some((f) => f.includes('removed n:') && f.includes('make n requests'))).toBe(true);
  });

  it('no message names the internal reference file, for any provider', async () => {
    for (const p of PROVIDERS) {
      const { followUps, changes } = await run(
        {
          'a.ts': TS_PARAMS,
          'b.py':
            'from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model="gpt-4o", messages=[], seed=1, store=True, top_k=3, metadata={}, service_tier="auto", parallel_tool_calls=False, n=2)\n',
        },
        p.id,
      );
      const all = [...followUps, ...changes];
      expect(
        all.filter((m) => /providers\.(md|json)/.test(m)),
        p.id,
      ).toEqual([]);
    }
  });
});

describe('model choice by request content', () => {
  const APP = {
    'lib/models.ts': "export const MODELS = { smart: 'gpt-4o' };\n",
    'a.ts': `import OpenAI from 'openai';
import { MODELS } from './lib/models';
const client = new OpenAI();
export async function viaModule(url: string) {
  return client.chat.completions.create({ model: MODELS.smart, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }] });
}
export async function history(h: OpenAI.ChatCompletionMessageParam[]) {
  return client.chat.completions.create({ model: 'gpt-4.1', messages: h });
}
export async function text(q: string) {
  return client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: q }] });
}
`,
  };

  it('deepseek: an id from another module and run-time messages keep the tier map, with a follow-up naming the vision model', async () => {
    const { followUps, out } = await run(APP, 'deepseek');
    expect(out('lib/models.ts')).toContain("smart: 'deepseek-v4-pro'");
    expect(followUps).toContainEqual(
      expect.stringMatching(
        /^a\.ts:5 the messages carry image parts; deepseek-v4-pro takes no images, deepseek-flash does; the model id gpt-4o is defined elsewhere .* — use deepseek-flash for this request/,
      ),
    );
    expect(followUps).toContainEqual(
      expect.stringMatching(
        /^a\.ts:8 the messages of this gpt-4\.1 request are built at run time and this file builds image parts; deepseek-v4-pro takes no images — send requests that carry images to deepseek-flash/,
      ),
    );
    // a string parameter is text: no follow-up for the third request
    expect(followUps.filter((f) => f.startsWith('a.ts:11'))).toEqual([]);
  });

  it('moonshot: the tier target takes images, nothing to say', async () => {
    const { followUps } = await run(APP, 'moonshot');
    expect(followUps.filter((f) => /image/.test(f))).toEqual([]);
  });

  it('a provider without a vision model: follow-up, the tier map stays', async () => {
    const { followUps, out } = await run(APP, 'baichuan');
    expect(out('lib/models.ts')).toContain("smart: 'Baichuan4-Turbo'");
    expect(followUps).toContainEqual(expect.stringContaining('a.ts:5 the messages carry image parts; Baichuan has no chat model that takes images'));
  });
});

describe('per-model and per-provider rules on every value a parameter can take', () => {
  const files = () => {
    const base = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/cases/js/params-every-value/input');
    return { 'agent.ts': readFileSync(path.join(base, 'agent.ts'), 'utf8'), 'lib/settings.ts': readFileSync(path.join(base, 'lib/settings.ts'), 'utf8') };
  };
  it('moonshot: the rejected branch of a conditional and a constant from another module are follow-ups; temperature fixed through a class field', async () => {
    const { followUps, out } = await run(files(), 'moonshot');
    expect(out('agent.ts')).toContain('      temperature: 1,\n');
    expect(out('lib/settings.ts')).toContain('temperature: 1 }');
    expect(followUps).toContainEqual(
      expect.stringMatching(
        /^agent\.ts:15 Moonshot AI rejects tool_choice: "required" \(source: https:\/\/platform\.moonshot\.cn\/\S+\) \(one branch of tool_choice\) — use another tool_choice value/,
      ),
    );
    expect(followUps).toContainEqual(expect.stringMatching(/^agent\.ts:25 Moonshot AI rejects tool_choice: "required" .*\(the value comes from TOOL_CHOICE\)/));
  });
  it('a provider that accepts required: no follow-up for tool_choice', async () => {
    const { followUps } = await run(files(), 'deepseek');
    expect(followUps.filter((f) => f.includes('tool_choice'))).toEqual([]);
  });
  it('Python: each branch of a conditional keyword', async () => {
    const py =
      'from openai import OpenAI\nclient = OpenAI()\ndef go(strict):\n    return client.chat.completions.create(model="gpt-4o", messages=[], tool_choice="required" if strict else "auto", temperature=0 if strict else 1.8)\n';
    const { followUps, out } = await run({ 'a.py': py }, 'moonshot');
    expect(out('a.py')).toContain(', temperature=1)');
    expect(followUps.some((f) => f.includes('rejects tool_choice: "required"') && f.includes('(one branch of tool_choice)'))).toBe(true);
  });
});

describe('AI SDK capabilities per provider (profile integrations.aiSdkCapabilities)', () => {
  const input = () => readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/cases/js-wrappers/ai-sdk-capabilities/input.ts'), 'utf8');
  it('generateObject with a schema and streamed usage on a package that lacks them: follow-ups citing the source', async () => {
    const { followUps } = await run({ 'a.ts': input() }, 'minimax');
    expect(followUps).toContainEqual(expect.stringMatching(/^a\.ts:8 generateObject with a schema: @ai-sdk\/openai-compatible sends JSON mode without the schema for MiniMax .*\(source: https:\/\//));
    expect(followUps).toContainEqual(expect.stringMatching(/^a\.ts:13 streamText: MiniMax does not document usage on streamed responses/));
    expect(followUps).toContainEqual(expect.stringMatching(/^a\.ts:8 MiniMax returns the model's thinking inside the text .* reasoning_split: true/));
  });
  it('ernie documents both: the options are set, no follow-up', async () => {
    const { followUps, out } = await run({ 'a.ts': input() }, 'ernie');
    expect(out('a.ts')).toContain('supportsStructuredOutputs: true, includeUsage: true');
    expect(followUps.filter((f) => /schema|streamed/.test(f))).toEqual([]);
  });
  it('the embedding flag agrees with the package table the transform uses', async () => {
    const { AI_SDK_PACKAGES } = await import('../src/lang/js/wrappers/ai-sdk.js');
    for (const p of PROVIDERS) {
      const pkg = p.integrations.aiSdk?.package;
      if (pkg) expect(p.integrations.aiSdkCapabilities.embedding, p.id).toBe(!!AI_SDK_PACKAGES[pkg]?.embeddings);
      else expect(p.integrations.aiSdkCapabilities.embedding, p.id).toBe(p.endpoints.embeddings === 'yes');
    }
  });
});

describe('tool loops: reasoning sent back per profile', () => {
  const src = () => readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/cases/js/tool-loop/input.ts'), 'utf8');
  it('minimax wants the whole message back; a provider the reference is silent on is flagged', async () => {
    const mm = await run({ 'a.ts': src() }, 'minimax');
    expect(mm.followUps).toContainEqual(
      expect.stringMatching(
        /^a\.ts:12 an assistant message with tool_calls is rebuilt by hand; MiniMax wants the whole assistant message back .*\(source: https:\/\/platform\.minimax\.io\/\S+\) — push the returned message itself \(msg\)/,
      ),
    );
    const qw = await run({ 'a.ts': src() }, 'qwen');
    expect(qw.followUps).toContainEqual(expect.stringContaining('a.ts:12 an assistant message with tool_calls is rebuilt by hand; Alibaba Cloud Model Studio does not document whether'));
    expect(qw.out('a.ts')).not.toContain('reasoning_content');
    const sn = await run({ 'a.ts': src() }, 'sensenova');
    expect(sn.followUps.filter((f) => f.includes('rebuilt by hand'))).toEqual([]);
  });
});

describe('embeddings, structured output and streamed usage per provider', () => {
  const emb = () => readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/cases/js/embeddings-dims/input.ts'), 'utf8');
  it('zhipu embedding-3 cannot return 1536: follow-ups; qwen batch limit on a run-time input', async () => {
    const z = await run({ 'a.ts': emb() }, 'zhipu');
    expect(z.followUps).toContainEqual(
      expect.stringMatching(/^a\.ts:7 embedding-3 returns 2048-dimension vectors, text-embedding-3-small returned 1536; a store sized for 1536 rejects them \(source: https:\/\/docs\.bigmodel\.cn\//),
    );
    expect(z.followUps).toContainEqual(expect.stringContaining('a.ts:12 embedding-3 accepts dimensions 256, 512, 1024, 2048, not 1536'));
    const q = await run({ 'a.ts': emb() }, 'qwen');
    expect(q.followUps).toContainEqual(expect.stringContaining('a.ts:7 text-embedding-v4 takes at most 10 inputs per request; this input is built at run time'));
    expect(q.followUps.some((f) => f.startsWith('a.ts:12') && f.includes('at most'))).toBe(false);
  });
  it('json_schema and include_usage where the provider does not document them', async () => {
    const src = `import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
const client = new OpenAI();
export const a = (schema: any) => client.chat.completions.parse({ model: 'gpt-4o', messages: [], response_format: zodResponseFormat(schema, 'r') });
export const b = () => client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true, stream_options: { include_usage: true } });
`;
    const d = await run({ 'a.ts': src }, 'deepseek');
    expect(d.followUps).toContainEqual(
      expect.stringMatching(/^a\.ts:4 response_format json_schema: DeepSeek does not document it .*; chat\.completions\.parse\(\) depends on it — use response_format \{ type: "json_object" \}/),
    );
    const e = await run({ 'a.ts': src }, 'ernie');
    expect(e.followUps.filter((f) => /json_schema|include_usage/.test(f))).toEqual([]);
    const m = await run({ 'a.ts': src }, 'minimax');
    expect(m.followUps).toContainEqual(expect.stringContaining('a.ts:5 stream_options.include_usage: MiniMax does not document usage'));
  });
});

describe('thinking switches per profile (requestRules.thinking)', () => {
  const call = (extra: string) => `import OpenAI from 'openai';
const client = new OpenAI();
export async function go(q: string, stream: boolean, mode: 'enabled' | 'disabled') {
  return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }]${extra} });
}
`;
  it('qwen open-weight: off switch on a non-streaming call only; computed stream flag or thinking on -> follow-up', async () => {
    const models = ['gpt-4o-mini=qwen3-32b'];
    const plain = await run({ 'a.ts': call(''), 'b.js': call('').replace(": 'enabled' | 'disabled'", '').replace(': string', '').replace(': boolean', '') }, 'qwen', models);
    expect(plain.out('a.ts')).toContain('...{ enable_thinking: false }');
    expect(plain.out('b.js')).toContain('{ enable_thinking: false, model:');
    expect(plain.changes.some((c) => /enable_thinking.*non-streaming call.*deep-thinking/.test(c))).toBe(true);
    const streamed = await run({ 'a.ts': call(', stream: true') }, 'qwen', models);
    expect(streamed.out('a.ts')).not.toContain('enable_thinking');
    const computed = await run({ 'a.ts': call(', stream') }, 'qwen', models);
    expect(computed.out('a.ts')).not.toContain('enable_thinking');
    expect(computed.followUps.some((f) => /stream flag is computed at run time.*send enable_thinking: false/.test(f))).toBe(true);
    const on = await run({ 'a.ts': call(', ...{ enable_thinking: true }') }, 'qwen', models);
    expect(on.followUps.some((f) => /turns thinking on \(source: [^)]+\) — stream the call or send enable_thinking: false/.test(f))).toBe(true);
    // The tier map's commercial models are not concerned.
    const tier = await run({ 'a.ts': call('') }, 'qwen');
    expect(tier.out('a.ts')).not.toContain('enable_thinking');
  });
  it('moonshot: temperature 0.6 with thinking off, 1 with it on, a follow-up when the switch is computed', async () => {
    const off = await run({ 'a.ts': call(", temperature: 0.3, ...{ thinking: { type: 'disabled' } }") }, 'moonshot');
    expect(off.out('a.ts')).toContain('temperature: 0.6');
    const on = await run({ 'a.ts': call(', temperature: 0.3') }, 'moonshot');
    expect(on.out('a.ts')).toContain('temperature: 1');
    const computed = await run({ 'a.ts': call(', temperature: 0.3, ...{ thinking: { type: mode } }') }, 'moonshot');
    expect(computed.out('a.ts')).toContain('temperature: 0.3');
    expect(computed.followUps.some((f) => /temperature = 1 with thinking on and 0.6 with it off; this call's thinking is computed at run time/.test(f))).toBe(true);
  });
  it('deepseek: deepseek-chat gets thinking disabled; the tier map target (deepseek-flash) is left thinking', async () => {
    const chat = await run({ 'a.ts': call('') }, 'deepseek', ['gpt-4o-mini=deepseek-chat']);
    expect(chat.out('a.ts')).toContain("...{ thinking: { type: 'disabled' } }");
    const tier = await run({ 'a.ts': call('') }, 'deepseek');
    expect(tier.out('a.ts')).not.toContain('thinking');
  });
});

describe('Python twins: embeddings, partial json_schema, streamed usage', () => {
  const read = (rel: string) => readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/cases/python', rel), 'utf8');
  it('qwen: dimensions=1536 added, a run-time batch is a follow-up; zhipu: widths it cannot return are follow-ups', async () => {
    const q = await run({ 'a.py': read('embeddings-dims/input.py') }, 'qwen');
    expect(q.changes.filter((c) => /added dimensions=1536: text-embedding-v4 returns 1024-dimension vectors by default/.test(c))).toHaveLength(2);
    expect(q.followUps.some((f) => /a\.py:9 text-embedding-v4 takes at most 10 inputs per request; this input is built at run time.*send the inputs in batches of 10/.test(f))).toBe(true);
    const z = await run({ 'a.py': read('embeddings-dims/input.py') }, 'zhipu');
    expect(z.followUps.filter((f) => /embedding-3 returns 2048-dimension vectors, text-embedding-3-small returned 1536/.test(f))).toHaveLength(2);
    expect(z.followUps.some((f) => /a\.py:14 embedding-3 accepts dimensions 256, 512, 1024, 2048, not 1536/.test(f))).toBe(true);
  });
  it('json_schema on a provider that serves it on some models, include_usage where usage is not documented', async () => {
    const m = await run({ 'a.py': read('response-shapes/input.py') }, 'moonshot');
    expect(m.followUps.some((f) => /a\.py:11 response_format json_schema: Moonshot.* serves it on some models only/i.test(f))).toBe(true);
    expect(m.followUps.some((f) => /a\.py:18 stream_options include_usage: .*chunk\.usage may be None/.test(f))).toBe(true);
    const q = await run({ 'a.py': read('response-shapes/input.py') }, 'qwen');
    expect(q.followUps.some((f) => /include_usage/.test(f))).toBe(false);
  });
});

describe('file content parts', () => {
  it('JS and Python: a file part is a follow-up naming the provider; the model choice is unchanged', async () => {
    const ts = `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(id: string) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: id } }, { type: 'text', text: 'Summarize' }] }] });
}
`;
    const py = `from openai import OpenAI
client = OpenAI()
def ask(file_id: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": [{"type": "file", "file": {"file_id": file_id}}, {"type": "text", "text": "Summarize"}]}])
`;
    const r = await run({ 'a.ts': ts, 'b.py': py }, 'deepseek');
    expect(r.followUps.filter((f) => /the messages carry file parts .*DeepSeek does not document file parts.*deepseek-v4-pro may reject them/.test(f)).map((f) => f.split(':')[0])).toEqual([
      'a.ts',
      'b.py',
    ]);
    expect(r.out('a.ts')).toContain("model: 'deepseek-v4-pro'");
    const plain = await run({ 'a.ts': ts.replace("{ type: 'file', file: { file_id: id } }, ", '') }, 'deepseek');
    expect(plain.followUps.some((f) => /file parts/.test(f))).toBe(false);
  });
});
