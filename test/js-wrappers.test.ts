import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, scan } from '../src/api.js';
import { PROVIDERS } from '../src/providers/index.js';
import { AI_SDK_PACKAGES } from '../src/lang/js/wrappers/ai-sdk.js';
import { endpointOfPath, splitBase } from '../src/lang/js/wrappers/http.js';

const project = (files: Record<string, string>) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oam-wrappers-'));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
};

describe('wrapper rules', () => {
  it('maps OpenAI paths to endpoints', () => {
    expect(endpointOfPath('/chat/completions')).toBe('chat');
    expect(endpointOfPath('/embeddings')).toBe('embeddings');
    expect(endpointOfPath('/images/generations')).toBe('images');
    expect(endpointOfPath('/vector_stores/x')).toBe('assistants');
    expect(endpointOfPath('')).toBeUndefined();
  });

  it('splits provider bases that end in a version segment', () => {
    expect(splitBase('https://api.deepseek.com')).toEqual({ origin: 'https://api.deepseek.com', host: 'api.deepseek.com', path: '' });
    expect(splitBase('https://open.bigmodel.cn/api/paas/v4').path).toBe('/api/paas/v4');
    expect(splitBase('https://ark.cn-beijing.volces.com/api/v3/').path).toBe('/api/v3');
  });

  it('knows the defaults of every AI SDK package a profile names', () => {
    for (const p of PROVIDERS) {
      const ai = p.integrations.aiSdk;
      if (!ai) continue;
      const known = AI_SDK_PACKAGES[ai.package];
      expect(known, `${p.id}: ${ai.package}`).toBeDefined();
      expect(known!.env).toBe(ai.env);
    }
  });
});

describe('wrappers end to end', () => {
  it('passes baseURL to an AI SDK package whose default region differs (qwen intl vs cn)', async () => {
    const src = "import { openai } from '@ai-sdk/openai';\nexport const m = openai('gpt-4o');\n";
    const intl = await migrate({ cwd: project({ 'a.ts': src }), paths: ['.'], provider: 'qwen', region: 'intl', force: true, dryRun: true });
    const cn = await migrate({ cwd: project({ 'a.ts': src }), paths: ['.'], provider: 'qwen', force: true, dryRun: true });
    // The package's default base is the international one: only the key variable differs there.
    expect(intl.files[0]!.diff).toContain('createAlibaba({ apiKey: process.env.DASHSCOPE_API_KEY })');
    expect(cn.files[0]!.diff).toContain("baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1'");
  });

  it('leaves files that already call a provider alone', async () => {
    const dir = project({
      'a.ts': "import { deepseek } from '@ai-sdk/deepseek';\nexport const m = deepseek('deepseek-chat');\n",
      'b.ts': "export const r = fetch('https://api.deepseek.com/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'deepseek-chat', messages: [] }) });\n",
    });
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true, dryRun: true });
    expect(r.files.filter((f) => f.status === 'changed')).toEqual([]);
  });

  it('reports wrapper usage in scan', async () => {
    const dir = project({ 'a.ts': "import { ChatOpenAI } from '@langchain/openai';\nexport const llm = new ChatOpenAI({ model: 'gpt-4o' });\n" });
    const r = await scan({ cwd: dir, paths: ['.'] });
    const rules = r.files.flatMap((f) => f.findings.map((x) => x.rule));
    expect(rules).toContain('openai-wrapper');
  });
});
