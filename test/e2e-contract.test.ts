import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/api.js';
import { getProvider, resolveTarget, PROVIDERS, type ProviderProfile } from '../src/providers/index.js';
import { isOff } from '../src/rules/thinking.js';
import { rejection, violations, type Seen } from './helpers/contract.js';

/**
 * End to end: migrate a small multi-file app, then run it with the real `openai`
 * npm package against a local server that plays the provider. The server checks
 * host, path, bearer key (from the provider's variable), model id (from the
 * provider's catalogue) and that no parameter the provider rejects is sent.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Two small apps: ESM modules, and CommonJS with a service class, an options object and config-module values. */
const APPS = [
  { dir: path.join(ROOT, 'fixtures/e2e-app'), main: 'main.mjs', changed: 3, expected: ['ok', 'hi', 'ok', 'ok'], requests: 5 },
  { dir: path.join(ROOT, 'fixtures/e2e-app-cjs'), main: 'main.js', changed: 3, expected: ['ok', null, 'hi'], requests: 3 },
];
const SCRATCH = mkdtempSync(path.join(tmpdir(), 'openai-migrate-e2e-'));

let server: Server;
let port = 0;
const seen: Seen[] = [];
/** The provider the server plays in the running test. */
let current: ProviderProfile | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      seen.push({ host: req.headers['x-original-host'] as string | undefined, path: req.url ?? '', auth: req.headers.authorization, body });
      const p = current;
      const model = String(body.model);
      // The provider's own rejections (HTTP 400), as the profile records them.
      const rejected = p ? rejection(p, body) : undefined;
      if (rejected) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: rejected, type: 'invalid_request_error' } }));
        return;
      }
      // Thinking text inside content unless the provider's switch is sent (MiniMax reasoning_split).
      const sw = p?.requestRules.thinkingInContent;
      const think = sw && body[sw.field] !== sw.value ? '<think>the user wants a short answer</think>' : '';
      const messages = (body.messages as Array<Record<string, unknown>>) ?? [];
      if ((req.url ?? '').endsWith('/embeddings')) {
        const n = Array.isArray(body.input) ? body.input.length : 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'list',
            model,
            data: Array.from({ length: n }, (_, index) => ({ object: 'embedding', index, embedding: [0.1, 0.2] })),
            usage: { prompt_tokens: 1, total_tokens: 1 },
          }),
        );
        return;
      }
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: { role: 'assistant', content: `${think}hi` }, finish_reason: null }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      // A tool loop: the first turn asks for a tool call (with reasoning text, as thinking models return it).
      const reasoning = p?.requestRules.reasoningRoundTrip?.kind === 'field' ? { [p.requestRules.reasoningRoundTrip.field]: 'I should look up the time.' } : {};
      const message =
        body.tools && !messages.some((m) => m.role === 'tool')
          ? { role: 'assistant', content: think || null, ...reasoning, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'now', arguments: '{}' } }] }
          : { role: 'assistant', content: `${think}ok` };
      res.end(
        JSON.stringify({
          id: 'r1',
          object: 'chat.completion',
          created: 0,
          model,
          choices: [{ index: 0, message, finish_reason: 'tool_calls' in message ? 'tool_calls' : 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  mkdirSync(SCRATCH, { recursive: true });
});

afterAll(() => {
  server?.close();
  rmSync(SCRATCH, { recursive: true, force: true });
});

describe('e2e: migrated app against a local provider contract server', () => {
  const targets: Array<[string, string | undefined]> = [
    ...PROVIDERS.map((p): [string, undefined] => [p.id, undefined]),
    ['qwen', 'intl'],
    ['zhipu', 'intl'],
    ['moonshot', 'intl'],
    ['doubao', 'byteplus'],
  ];
  for (const app of APPS)
    for (const [id, region] of targets) {
      it(`${path.basename(app.dir)} runs on ${id}${region ? ` (${region})` : ''}`, async () => {
        const p = getProvider(id);
        const t = resolveTarget(p, region);
        const dir = mkdtempSync(path.join(SCRATCH, `${id}-`));
        cpSync(app.dir, dir, { recursive: true });
        // The app's bare `import 'openai'` resolves to the real package installed for this repo (openai has no dependencies).
        mkdirSync(path.join(dir, 'node_modules'));
        symlinkSync(path.join(ROOT, 'node_modules/openai'), path.join(dir, 'node_modules/openai'), 'dir');
        const r = await migrate({ cwd: dir, paths: ['.'], provider: id, region, force: true });
        expect(r.summary.filesFailed).toBe(0);
        expect(r.summary.filesChanged).toBe(app.changed);

        const base = new URL(t.baseURL);
        const key = `test-key-for-${id}`;
        seen.length = 0;
        current = p;
        const stdout = await new Promise<string>((resolve, reject) => {
          execFile(
            process.execPath,
            ['--import', path.join(ROOT, 'test/helpers/redirect-fetch.mjs'), app.main],
            {
              cwd: dir,
              env: { PATH: process.env.PATH, [t.apiKeyEnv]: key, OPENAI_API_KEY: 'sk-must-not-be-used', OAM_E2E_REDIRECT: JSON.stringify({ [base.origin]: `http://127.0.0.1:${port}` }) },
              timeout: 20_000,
            },
            (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
          );
        });
        expect(JSON.parse(stdout)).toEqual(app.expected);
        expect(seen).toHaveLength(app.requests);
        const wantPath = `${base.pathname.replace(/\/$/, '')}/chat/completions`;
        for (const s of seen) expect(violations(p, s, { host: base.host, path: wantPath, key })).toEqual([]);
      });
    }
});

describe('the contract server rejects what each provider rejects', () => {
  const asst = { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'now', arguments: '{}' } }] };
  it('a tool-loop turn without reasoning_content (deepseek, moonshot), but not on a provider that does not want it', () => {
    const body = { model: 'deepseek-v4-pro', messages: [{ role: 'user', content: 'x' }, asst, { role: 'tool', tool_call_id: 'c', content: '1' }] };
    expect(rejection(getProvider('deepseek'), body)).toBe('400 Missing reasoning_content field in the assistant message');
    expect(rejection(getProvider('deepseek'), { ...body, messages: [body.messages[0], { ...asst, reasoning_content: 'r' }, body.messages[2]] })).toBeUndefined();
    expect(rejection(getProvider('moonshot'), { ...body, model: 'kimi-k3' })).toMatch(/reasoning_content/);
    expect(rejection(getProvider('sensenova'), { ...body, model: 'sensenova-6.7-flash-lite' })).toBeUndefined();
  });
  it('images on a text-only model, tools on a model without tools, rejected values, json_schema, embedding batch size', () => {
    const img = { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] };
    expect(rejection(getProvider('deepseek'), { model: 'deepseek-v4-pro', messages: [img] })).toMatch(/image/);
    expect(rejection(getProvider('deepseek'), { model: 'deepseek-flash', messages: [img] })).toBeUndefined();
    expect(rejection(getProvider('yi'), { model: 'yi-lightning', messages: [], tools: [{}] })).toMatch(/tools/);
    expect(rejection(getProvider('moonshot'), { model: 'kimi-k3', messages: [], tool_choice: 'required' })).toMatch(/tool_choice/);
    expect(rejection(getProvider('sensenova'), { model: 'sensenova-6.7-flash-lite', messages: [], response_format: { type: 'json_schema' } })).toMatch(/unavailable/);
    expect(rejection(getProvider('qwen'), { model: 'text-embedding-v4', input: Array.from({ length: 11 }, () => 'x') })).toMatch(/larger than 10/);
    expect(rejection(getProvider('qwen'), { model: 'text-embedding-v4', input: Array.from({ length: 10 }, () => 'x') })).toBeUndefined();
  });
  it('thinking switches: Qwen3 open-weight non-streaming without enable_thinking false; Kimi temperature per thinking mode', () => {
    const q = getProvider('qwen');
    expect(rejection(q, { model: 'qwen3-32b', messages: [] })).toMatch(/enable_thinking must be set to false/);
    expect(rejection(q, { model: 'qwen3-32b', messages: [], enable_thinking: true })).toMatch(/enable_thinking/);
    expect(rejection(q, { model: 'qwen3-32b', messages: [], enable_thinking: false })).toBeUndefined();
    expect(rejection(q, { model: 'qwen3-32b', messages: [], stream: true })).toBeUndefined();
    expect(rejection(q, { model: 'qwen3-max', messages: [] })).toBeUndefined();
    const k = getProvider('moonshot');
    expect(rejection(k, { model: 'kimi-k2.6', messages: [], temperature: 0.6 })).toBe('invalid temperature: only 1 is allowed for this model');
    expect(rejection(k, { model: 'kimi-k2.6', messages: [], temperature: 1, thinking: { type: 'disabled' } })).toBe('invalid temperature: only 0.6 is allowed for this model');
    expect(rejection(k, { model: 'kimi-k2.6', messages: [], temperature: 0.6, thinking: { type: 'disabled' } })).toBeUndefined();
    expect(rejection(k, { model: 'kimi-k2.6', messages: [], temperature: 1 })).toBeUndefined();
  });
  it('DeepSeek: json_schema rejected; json_object without the word json in the prompt rejected', () => {
    const d = getProvider('deepseek');
    const user = { role: 'user', content: 'Where is the Louvre?' };
    expect(rejection(d, { model: 'deepseek-flash', messages: [user], response_format: { type: 'json_schema', json_schema: { schema: {} } } })).toMatch(/unavailable/);
    expect(rejection(d, { model: 'deepseek-flash', messages: [user], response_format: { type: 'json_object' } })).toMatch(/must contain the word 'json'/);
    expect(rejection(d, { model: 'deepseek-flash', messages: [{ role: 'system', content: 'Reply in json.' }, user], response_format: { type: 'json_object' } })).toBeUndefined();
  });
});

/**
 * Thinking switches end to end: a migrated ESM app whose requests the contract server would answer
 * with the provider's 400 without the rule (Qwen3 open-weight non-streaming, Kimi thinking off with
 * a temperature), and DeepSeek's old non-thinking id sent with thinking disabled.
 */
describe('e2e: thinking switches reach the provider accepted', () => {
  const APP = `import OpenAI from 'openai';
const client = new OpenAI();
const a = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], temperature: 0.3 });
const b = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], temperature: 0.3, thinking: { type: 'disabled' } });
const c = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Where is the Louvre?' }], response_format: { type: 'json_schema', json_schema: { name: 'city', schema: { type: 'object', properties: { city: { type: 'string' } } } } } });
console.log(JSON.stringify([a.choices[0].message.content, b.choices[0].message.content, c.choices[0].message.content]));
`;
  const cases: Array<[string, string[], (b: Record<string, unknown>) => boolean]> = [
    ['qwen', ['gpt-4o-mini=qwen3-32b'], (b) => b.enable_thinking === false],
    ['moonshot', [], (b) => b.model === 'kimi-k2.6'],
    ['deepseek', ['gpt-4o-mini=deepseek-chat'], (b) => isOff(getProvider('deepseek'), b.thinking)],
  ];
  for (const [id, models, sent] of cases) {
    it(`${id}${models.length ? ` (${models.join(', ')})` : ''}`, async () => {
      const p = getProvider(id);
      const t = resolveTarget(p, undefined);
      const dir = mkdtempSync(path.join(SCRATCH, `thinking-${id}-`));
      writeFileSync(path.join(dir, 'main.mjs'), APP);
      mkdirSync(path.join(dir, 'node_modules'));
      symlinkSync(path.join(ROOT, 'node_modules/openai'), path.join(dir, 'node_modules/openai'), 'dir');
      const r = await migrate({ cwd: dir, paths: ['.'], provider: id, force: true, models });
      expect(r.summary.filesChanged).toBe(1);
      const base = new URL(t.baseURL);
      seen.length = 0;
      current = p;
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--import', path.join(ROOT, 'test/helpers/redirect-fetch.mjs'), 'main.mjs'],
          { cwd: dir, env: { PATH: process.env.PATH, [t.apiKeyEnv]: 'k', OAM_E2E_REDIRECT: JSON.stringify({ [base.origin]: `http://127.0.0.1:${port}` }) }, timeout: 20_000 },
          (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}\n${readFileSync(path.join(dir, 'main.mjs'), 'utf8')}`)) : resolve(out)),
        );
      });
      expect(JSON.parse(stdout)).toEqual(['ok', 'ok', 'ok']);
      expect(seen).toHaveLength(3);
      expect(sent(seen[0]!.body)).toBe(true);
    });
  }
});
/**
 * The project graph end to end (issue "See the whole project"): a workspace monorepo whose
 * Next.js routes get the client through the `@/` alias and a `#llm` barrel, and whose worker
 * gets `createClient()` and `MODELS` from the workspace package `@acme/ai`. After the migration
 * every call (two routes, one worker job) must reach the provider with a provider model id
 * and without parameters it rejects. The test plays npm (a `node_modules/@acme/ai` link, as a
 * workspace install makes) and the bundler (`@/`, test/helpers/alias-loader.mjs).
 */
describe('e2e: workspace monorepo (aliases, #imports, workspace package) against the contract server', () => {
  const MONO = path.join(ROOT, 'fixtures/e2e-monorepo');
  for (const id of PROVIDERS.map((p) => p.id)) {
    it(`routes and worker reach ${id}`, async () => {
      const p = getProvider(id);
      const t = resolveTarget(p, undefined);
      const dir = mkdtempSync(path.join(SCRATCH, `mono-${id}-`));
      cpSync(MONO, dir, { recursive: true });
      const r = await migrate({ cwd: dir, paths: ['.'], provider: id, force: true });
      expect(r.summary.filesFailed).toBe(0);
      // The client modules, the route with literal ids, the worker's dropped parameters, the model constants.
      const changed = r.files.filter((f) => f.status === 'changed').map((f) => f.file);
      expect(changed).toEqual(expect.arrayContaining(['apps/web/src/lib/openai.mjs', 'apps/web/src/app/api/chat/route.mjs', 'packages/ai/src/client.mjs', 'packages/ai/src/models.mjs']));
      mkdirSync(path.join(dir, 'node_modules/@acme'), { recursive: true });
      symlinkSync(path.join(ROOT, 'node_modules/openai'), path.join(dir, 'node_modules/openai'), 'dir');
      symlinkSync(path.join(dir, 'packages/ai'), path.join(dir, 'node_modules/@acme/ai'), 'dir');
      const base = new URL(t.baseURL);
      const key = `test-key-for-${id}`;
      seen.length = 0;
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--import', path.join(ROOT, 'test/helpers/redirect-fetch.mjs'), '--import', path.join(ROOT, 'test/helpers/alias-loader.mjs'), 'main.mjs'],
          {
            cwd: dir,
            env: {
              PATH: process.env.PATH,
              [t.apiKeyEnv]: key,
              OPENAI_API_KEY: 'sk-must-not-be-used',
              OAM_E2E_ALIAS: path.join(dir, 'apps/web/src'),
              OAM_E2E_REDIRECT: JSON.stringify({ [base.origin]: `http://127.0.0.1:${port}` }),
            },
            timeout: 20_000,
          },
          (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
        );
      });
      expect(JSON.parse(stdout)).toEqual(['ok', 'ok', 'ok']);
      expect(seen).toHaveLength(3);
      const wantPath = `${base.pathname.replace(/\/$/, '')}/chat/completions`;
      for (const s of seen) expect(violations(p, s, { host: base.host, path: wantPath, key })).toEqual([]);
    });
  }
});

/**
 * Capability routing (--route embeddings=qwen, docs/routing.md): DeepSeek serves no embeddings.
 * After `migrate --provider deepseek --route embeddings=qwen` the app's chat calls reach DeepSeek
 * with DEEPSEEK_API_KEY and a DeepSeek model, its embeddings calls (on an imported client and on a
 * local one) reach Qwen's host with DASHSCOPE_API_KEY and a Qwen embedding model.
 */
describe('e2e: capability routing (chat on DeepSeek, embeddings on Qwen) against the contract server', () => {
  it('routed embeddings reach the routed provider, chat the main one', async () => {
    const main = resolveTarget(getProvider('deepseek'));
    const routed = resolveTarget(getProvider('qwen'));
    const dir = mkdtempSync(path.join(SCRATCH, 'routing-'));
    cpSync(path.join(ROOT, 'fixtures/e2e-routing-app'), dir, { recursive: true });
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(path.join(ROOT, 'node_modules/openai'), path.join(dir, 'node_modules/openai'), 'dir');
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', routes: ['embeddings=qwen'], force: true });
    expect(r.summary.filesFailed).toBe(0);
    expect(r.files.flatMap((f) => f.followUps).filter((f) => /embeddings endpoint/.test(f.reason))).toEqual([]);
    const mb = new URL(main.baseURL);
    const rb = new URL(routed.baseURL);
    seen.length = 0;
    current = undefined;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', path.join(ROOT, 'test/helpers/redirect-fetch.mjs'), 'main.mjs'],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH,
            [main.apiKeyEnv]: 'test-key-main',
            [routed.apiKeyEnv]: 'test-key-routed',
            OPENAI_API_KEY: 'sk-must-not-be-used',
            OAM_E2E_REDIRECT: JSON.stringify({ [mb.origin]: `http://127.0.0.1:${port}`, [rb.origin]: `http://127.0.0.1:${port}` }),
          },
          timeout: 20_000,
        },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
      );
    });
    expect(JSON.parse(stdout)).toEqual(['ok', 2, 1, 'ok']);
    expect(seen).toHaveLength(4);
    const chat = seen.filter((s) => s.path.endsWith('/chat/completions'));
    const emb = seen.filter((s) => s.path.endsWith('/embeddings'));
    expect(chat).toHaveLength(2);
    expect(emb).toHaveLength(2);
    for (const s of chat) expect(violations(main.provider, s, { host: mb.host, path: `${mb.pathname.replace(/\/$/, '')}/chat/completions`, key: 'test-key-main' })).toEqual([]);
    for (const s of emb) {
      expect(violations(routed.provider, s, { host: rb.host, path: `${rb.pathname.replace(/\/$/, '')}/embeddings`, key: 'test-key-routed' })).toEqual([]);
      expect(routed.provider.models.embeddings).toContain(s.body.model);
      expect(rejection(routed.provider, s.body)).toBeUndefined();
    }
  });
});
