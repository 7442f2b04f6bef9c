import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/api.js';
import { getProvider, resolveTarget, PROVIDERS, type ProviderProfile } from '../src/providers/index.js';
import { isSupported } from '../src/rules/endpoints.js';
import { rejection, violations, type Seen } from './helpers/contract.js';

/**
 * An AI SDK app (fixtures/apps/ai-sdk: generateText, generateObject with a zod schema, streamText
 * reading usage, embed/embedMany created at import in their own module) migrated for every provider
 * and run with AI SDK 5 and 6 (the `ai-v5`/`ai-v6`, `ai-sdk-v*-*` npm aliases, linked under their
 * real names) against a local server playing the provider (test/helpers/contract.ts rules).
 * Everything is asserted on the requests the server sees.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP = path.join(ROOT, 'fixtures/apps/ai-sdk');
const SCRATCH = mkdtempSync(path.join(tmpdir(), 'openai-migrate-aisdk-'));
const OPENAI = 'https://api.openai.com';
const OPENAI_KEY = 'sk-openai-test';

/** AI SDK major -> the aliased packages installed for it (package name -> alias folder). */
const MAJORS: Record<string, { ai: string; pkgs: Record<string, string> }> = {
  '5': {
    ai: '^5.0.0',
    pkgs: {
      ai: 'ai-v5',
      '@ai-sdk/openai': 'ai-sdk-v5-openai',
      '@ai-sdk/openai-compatible': 'ai-sdk-v5-openai-compatible',
      '@ai-sdk/deepseek': 'ai-sdk-v5-deepseek',
      '@ai-sdk/alibaba': 'ai-sdk-v5-alibaba',
    },
  },
  '6': {
    ai: '^6.0.0',
    pkgs: {
      ai: 'ai-v6',
      '@ai-sdk/openai': 'ai-sdk-v6-openai',
      '@ai-sdk/openai-compatible': 'ai-sdk-v6-openai-compatible',
      '@ai-sdk/deepseek': 'ai-sdk-v6-deepseek',
      '@ai-sdk/alibaba': 'ai-sdk-v6-alibaba',
      '@ai-sdk/moonshotai': 'ai-sdk-v6-moonshotai',
    },
  },
};
const OPENAI_MAJOR: Record<string, string> = { '5': '^2.0.0', '6': '^3.0.0' };

let server: Server;
let port = 0;
const seen: Seen[] = [];
let current: ProviderProfile | undefined;
/** Hosts of routed providers (--route) -> their profile: their requests are judged by the routed provider's rules. */
const routedHosts = new Map<string, ProviderProfile>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const host = req.headers['x-original-host'] as string | undefined;
      seen.push({ host, path: req.url ?? '', auth: req.headers.authorization, body });
      const url = req.url ?? '';
      const model = String(body.model);
      const json = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      // The provider's rejections apply to requests that reach the provider, not to the ones kept on OpenAI.
      const p = host === new URL(OPENAI).host ? undefined : (routedHosts.get(host ?? '') ?? current);
      const rejected = p ? rejection(p, body) : undefined;
      if (rejected) return json(400, { error: { message: rejected, type: 'invalid_request_error' } });
      // DashScope's native embedding API (@ai-sdk/alibaba).
      if (url.includes('/services/embeddings/')) {
        const texts = (body.input as { texts?: string[] })?.texts ?? [];
        return json(200, { output: { embeddings: texts.map((_, text_index) => ({ text_index, embedding: [0.1, 0.2, 0.3] })) }, usage: { total_tokens: 1 }, request_id: 'r' });
      }
      if (url.endsWith('/embeddings')) {
        const n = Array.isArray(body.input) ? body.input.length : 1;
        return json(200, {
          object: 'list',
          model,
          data: Array.from({ length: n }, (_, index) => ({ object: 'embedding', index, embedding: [0.1, 0.2, 0.3] })),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        });
      }
      const sw = p?.requestRules.thinkingInContent;
      const think = sw && body[sw.field] !== sw.value ? '<think>the user wants a short answer</think>' : '';
      const rf = body.response_format as { type?: string } | undefined;
      const content = `${think}${rf ? '{"city":"Paris"}' : 'ok'}`;
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
        res.write(`data: ${JSON.stringify({ ...chunk, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        // Usage arrives only when asked for (stream_options.include_usage), as on OpenAI.
        const so = body.stream_options as { include_usage?: boolean } | undefined;
        if (so?.include_usage) res.write(`data: ${JSON.stringify({ ...chunk, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })}\n\n`);
        res.end('data: [DONE]\n\n');
        return;
      }
      json(200, {
        id: 'r1',
        object: 'chat.completion',
        created: 0,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});

afterAll(() => {
  server?.close();
  rmSync(SCRATCH, { recursive: true, force: true });
});

/** Copy the app for one AI SDK major: package.json names that major, node_modules links the aliased packages. */
function copyApp(major: string, label: string): string {
  const dir = mkdtempSync(path.join(SCRATCH, `${label}-v${major}-`));
  cpSync(APP, dir, { recursive: true });
  const pj = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  pj.dependencies.ai = MAJORS[major]!.ai;
  pj.dependencies['@ai-sdk/openai'] = OPENAI_MAJOR[major];
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pj, null, 2) + '\n');
  mkdirSync(path.join(dir, 'node_modules/@ai-sdk'), { recursive: true });
  for (const [name, alias] of Object.entries({ ...MAJORS[major]!.pkgs, zod: 'zod' })) symlinkSync(path.join(ROOT, 'node_modules', alias), path.join(dir, 'node_modules', name), 'dir');
  return dir;
}

function run(dir: string, env: Record<string, string>, redirect: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', path.join(ROOT, 'test/helpers/redirect-fetch.mjs'), 'src/main.mjs'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH!, OPENAI_API_KEY: OPENAI_KEY, ...env, OAM_E2E_REDIRECT: JSON.stringify(Object.fromEntries(Object.keys(redirect).map((o) => [o, `http://127.0.0.1:${port}`]))) },
        timeout: 30_000,
      },
      (e, out, err) => resolve({ code: e ? 1 : 0, out, err }),
    );
  });
}

/** Whether the provider's own AI SDK package, as installed for this major, has embedding models (read from the package, not the tool). */
async function ownPackageEmbeds(p: ProviderProfile, major: string): Promise<boolean> {
  const own = p.integrations.aiSdk;
  const alias = own && MAJORS[major]!.pkgs[own.package];
  // No own package, or none for this major: @ai-sdk/openai-compatible, which has textEmbeddingModel.
  if (!own || !alias) return true;
  const mod = (await import(path.join(ROOT, 'node_modules', alias, 'dist/index.mjs'))) as Record<string, { embedding?: unknown }>;
  return typeof mod[own.factory]?.embedding === 'function';
}

describe('AI SDK example app: migrated for every provider, run with AI SDK 5 and 6 against the contract server', () => {
  for (const major of Object.keys(MAJORS)) {
    for (const p of PROVIDERS) {
      it(`ai@${major} -> ${p.id}`, async () => {
        const t = resolveTarget(getProvider(p.id));
        const dir = copyApp(major, p.id);
        const r = await migrate({ cwd: dir, paths: ['.'], provider: p.id, force: true });
        expect(r.summary.filesFailed).toBe(0);
        const followUps = (file: string) =>
          r.files
            .find((f) => f.file === file)
            ?.followUps.map((x) => x.reason)
            .join('\n') ?? '';
        const base = new URL(t.baseURL);
        const key = `test-key-for-${p.id}`;
        seen.length = 0;
        current = p;
        const res = await run(dir, { [t.apiKeyEnv]: key }, { [base.origin]: '', [OPENAI]: '' });
        const files = ['src/models.mjs', 'src/search.mjs', 'src/main.mjs'].map((f) => `--- ${f}\n${readFileSync(path.join(dir, f), 'utf8')}`).join('\n');
        // The migrated modules load and the app runs to the end (no throw at import, no rejected request).
        expect(res.code, `${res.err}\n${files}`).toBe(0);
        const out = JSON.parse(res.out.trim().split('\n').pop()!); // AI SDK 6 prints its warnings to stdout
        const chatPath = `${base.pathname.replace(/\/$/, '')}/chat/completions`;
        const chat = seen.filter((s) => s.path.endsWith('/chat/completions'));
        const emb = seen.filter((s) => !s.path.endsWith('/chat/completions'));
        // generateText, generateObject, streamText: Chat Completions on the provider's host, its key, a catalogue model.
        // A provider that does not accept response_format gets it from generateObject all the same: a follow-up says so.
        const rfDropped = 'response_format' in p.params.drop;
        const allowed = (v: string) => !(rfDropped && v === `sent response_format, which ${p.id} does not accept`);
        expect(chat).toHaveLength(3);
        for (const s of chat) expect(violations(p, s, { host: base.host, path: chatPath, key }).filter(allowed)).toEqual([]);
        const think = p.requestRules.thinkingInContent;
        expect(out.text).toBe(think ? '<think>the user wants a short answer</think>ok' : 'ok');
        const c = p.integrations.aiSdkCapabilities;
        // generateObject: the schema travels where the provider documents structured outputs; else JSON mode and a follow-up.
        const obj = chat.find((s) => s.body.response_format)!;
        expect(obj, 'generateObject sends a response_format').toBeDefined();
        const rf = obj.body.response_format as { type: string; json_schema?: { schema?: unknown } };
        const noSchema = /generateObject with a schema: .* sends JSON mode without the schema/;
        if (rfDropped) expect(followUps('src/main.mjs')).toMatch(/generateObject sends response_format, which .* does not accept/);
        else if (rf.type === 'json_schema') {
          expect(rf.json_schema?.schema).toMatchObject({ properties: { city: { type: 'string' } } });
          expect(followUps('src/main.mjs')).not.toMatch(noSchema);
        } else {
          expect(rf.type).toBe('json_object');
          // Some packages put the schema into a system message instead (@ai-sdk/alibaba 1.x).
          const inPrompt = (obj.body.messages as Array<{ role: string; content: unknown }>).some((m) => m.role === 'system' && JSON.stringify(m.content).includes('city'));
          if (inPrompt) expect(followUps('src/main.mjs')).not.toMatch(noSchema);
          else expect(followUps('src/main.mjs')).toMatch(noSchema);
        }
        // Where the provider documents structured outputs, createOpenAICompatible gets supportsStructuredOutputs.
        if (c.structuredOutputs && !p.integrations.aiSdk) expect(rf.type).toBe('json_schema');
        // Thinking text inside the reply (MiniMax without reasoning_split): the object does not parse; a follow-up says why.
        if (think) {
          expect(out.object).toHaveProperty('error');
          expect(followUps('src/main.mjs')).toMatch(new RegExp(`<think>.*${think.field}`));
        } else expect(out.object).toEqual({ city: 'Paris' });
        // Streamed usage: asked for where the provider documents it; else a follow-up (the app reads usage).
        const streamed = chat.find((s) => s.body.stream)!;
        const asked = (streamed.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
        if (c.streamUsage) {
          expect(asked, 'stream_options.include_usage').toBe(true);
          expect(out.streamedTokens).toBe(5);
        } else expect(followUps('src/main.mjs')).toMatch(/usage/);
        // Embeddings: on the provider (its key, an embedding model it serves) where the tool moves them;
        // else kept on @ai-sdk/openai (OpenAI's host and key, package kept) with a marker in the module.
        expect(emb).toHaveLength(2);
        expect([out.indexed, out.dims]).toEqual([2, 3]);
        const moved = isSupported(p, 'embeddings') && c.embedding && (await ownPackageEmbeds(p, major));
        const pj = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
        if (moved) {
          for (const s of emb) {
            expect(s.host).toBe(base.host);
            expect(s.auth).toBe(`Bearer ${key}`);
            expect(p.models.embeddings).toContain(s.body.model);
          }
        } else {
          for (const s of emb) {
            expect(s.host).toBe('api.openai.com');
            expect(s.auth).toBe(`Bearer ${OPENAI_KEY}`);
            expect(s.body.model).toBe('text-embedding-3-small');
          }
          expect(followUps('src/search.mjs')).not.toBe('');
          expect(readFileSync(path.join(dir, 'src/search.mjs'), 'utf8')).toMatch(/openai-migrate/);
          expect(pj.dependencies['@ai-sdk/openai']).toBe(OPENAI_MAJOR[major]);
        }
      }, 60_000);
    }
  }
});

describe('AI SDK example app with --provider deepseek --route embeddings=qwen, AI SDK 5 and 6', () => {
  for (const major of Object.keys(MAJORS)) {
    it(`ai@${major}: chat on DeepSeek, embed/embedMany on Qwen's host with DASHSCOPE_API_KEY and a Qwen embedding model`, async () => {
      const main = getProvider('deepseek');
      const qwen = getProvider('qwen');
      const t = resolveTarget(main);
      const q = resolveTarget(qwen);
      const dir = copyApp(major, 'route-qwen');
      const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', routes: ['embeddings=qwen'], force: true });
      expect(r.summary.filesFailed).toBe(0);
      const base = new URL(t.baseURL);
      const qbase = new URL(q.baseURL);
      seen.length = 0;
      current = main;
      routedHosts.clear();
      routedHosts.set(qbase.host, qwen);
      // OpenAI's origin is not redirected: a request left on OpenAI fails the run.
      // The width follow-up's advice, applied as written to embedMany: the vector width reaches Qwen (1536, not its default 1024).
      const width = r.files.find((f) => f.file === 'src/search.mjs')!.followUps.find((x) => /returns 1024-dimension vectors by default/.test(x.reason));
      const option = /pass (providerOptions: .*\}) to embed\/embedMany/.exec(width?.action ?? '')?.[1];
      expect(option, width?.action).toBeDefined();
      const searchFile = path.join(dir, 'src/search.mjs');
      writeFileSync(searchFile, readFileSync(searchFile, 'utf8').replace('values: docs }', `values: docs, ${option} }`));
      const res = await run(dir, { [t.apiKeyEnv]: 'test-key-deepseek', [q.apiKeyEnv]: 'test-key-dashscope', OPENAI_API_KEY: '' }, { [base.origin]: '', [qbase.origin]: '' });
      routedHosts.clear();
      const files = ['src/models.mjs', 'src/search.mjs', 'src/main.mjs'].map((f) => `--- ${f}\n${readFileSync(path.join(dir, f), 'utf8')}`).join('\n');
      expect(res.code, `${res.err}\n${files}`).toBe(0);
      const out = JSON.parse(res.out.trim().split('\n').pop()!);
      expect([out.indexed, out.dims]).toEqual([2, 3]);
      const chat = seen.filter((s) => s.path.endsWith('/chat/completions'));
      const emb = seen.filter((s) => !s.path.endsWith('/chat/completions'));
      expect(chat).toHaveLength(3);
      for (const s of chat) {
        expect(s.host).toBe(base.host);
        expect(s.auth).toBe('Bearer test-key-deepseek');
      }
      // embedMany and embed: Qwen's host (its OpenAI-compatible or native embeddings path), its key, a Qwen embedding model.
      expect(emb).toHaveLength(2);
      for (const s of emb) {
        expect(s.host).toBe(qbase.host);
        expect(s.auth).toBe('Bearer test-key-dashscope');
        expect(qwen.models.embeddings).toContain(s.body.model);
        // AI SDK 6: @ai-sdk/alibaba 1.x (DashScope's native embeddings API); 5: its 0.0.x has none, so @ai-sdk/openai-compatible.
        if (major === '6') expect(s.path).toMatch(/^\/api\/v1\/services\/embeddings\//);
        else expect(s.path).toBe(`${qbase.pathname}/embeddings`);
      }
      // embedMany (the call given the option) asks for 1536; embed (not given it) does not.
      const widths = emb.map((s) => (s.body.dimensions ?? (s.body.parameters as { dimension?: number } | undefined)?.dimension) as number | undefined);
      expect(widths).toEqual([1536, undefined]);
      // Nothing is left on @ai-sdk/openai: no marker, no "stays on OpenAI" follow-up, the package dropped.
      const search = readFileSync(path.join(dir, 'src/search.mjs'), 'utf8');
      expect(search).not.toMatch(/openai-migrate|@ai-sdk\/openai'/);
      const pj = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      expect(pj.dependencies['@ai-sdk/openai']).toBeUndefined();
      expect(r.files.flatMap((f) => f.followUps.map((x) => x.reason)).filter((x) => /embeddings endpoint|stays on OpenAI/.test(x))).toEqual([]);
      // Qwen's width rule (text-embedding-v4: 1024 by default, accepts 1536): a follow-up naming the value (AI SDK calls are not rewritten for it).
      const fu = r.files.find((f) => f.file === 'src/search.mjs')!.followUps;
      expect(
        fu.some(
          (x) =>
            /text-embedding-v4 returns 1024-dimension vectors by default, text-embedding-3-small returned 1536/.test(x.reason) &&
            /providerOptions: \{ (alibaba: \{ dimension|qwen: \{ dimensions): 1536 \} \}/.test(x.action),
        ),
      ).toBe(true);
    }, 60_000);
  }
});
