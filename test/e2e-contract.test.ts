import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/api.js';
import { getProvider, resolveTarget, PROVIDERS, type ProviderProfile } from '../src/providers/index.js';
import { perModelRules } from '../src/rules/params.js';

/**
 * End to end: migrate a small multi-file app, then run it with the real `openai`
 * npm package against a local server that plays the provider. The server checks
 * host, path, bearer key (from the provider's variable), model id (from the
 * provider's catalogue) and that no parameter the provider rejects is sent.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Two small apps: ESM modules, and CommonJS with a service class, an options object and config-module values. */
const APPS = [
  { dir: path.join(ROOT, 'fixtures/e2e-app'), main: 'main.mjs', changed: 3, expected: ['ok', 'hi', 'ok'] },
  { dir: path.join(ROOT, 'fixtures/e2e-app-cjs'), main: 'main.js', changed: 3, expected: ['ok', 'ok', 'hi'] },
];
const SCRATCH = mkdtempSync(path.join(tmpdir(), 'openai-migrate-e2e-'));

interface Seen {
  host: string | undefined;
  path: string;
  auth: string | undefined;
  body: Record<string, unknown>;
}

let server: Server;
let port = 0;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      seen.push({ host: req.headers['x-original-host'] as string | undefined, path: req.url ?? '', auth: req.headers.authorization, body });
      const model = String(body.model);
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: { role: 'assistant', content: 'hi' }, finish_reason: null }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'r1', object: 'chat.completion', created: 0, model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
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

function violations(p: ProviderProfile, s: Seen, expect_: { host: string; path: string; key: string }): string[] {
  const v: string[] = [];
  if (s.host !== expect_.host) v.push(`host ${s.host} != ${expect_.host}`);
  if (s.path !== expect_.path) v.push(`path ${s.path} != ${expect_.path}`);
  if (s.auth !== `Bearer ${expect_.key}`) v.push(`authorization ${s.auth}`);
  const catalogue = new Set(Object.values(p.models).flat());
  const model = String(s.body.model);
  if (!catalogue.has(model)) v.push(`model ${model} not in ${p.id}'s catalogue`);
  for (const k of Object.keys(s.body)) {
    if (k in p.params.drop) v.push(`sent ${k}, which ${p.id} does not accept`);
    if (k in p.params.rename && p.params.rename[k] !== k) v.push(`sent ${k}, which ${p.id} reads as ${p.params.rename[k]}`);
    const r = p.params.ranges[k];
    const val = s.body[k];
    if (r && typeof val === 'number') {
      if (r.min !== null && (r.minInclusive ? val < r.min : val <= r.min)) v.push(`${k}=${val} below range`);
      if (r.max !== null && (r.maxInclusive ? val > r.max : val >= r.max)) v.push(`${k}=${val} above range`);
    }
  }
  for (const rule of perModelRules(p, model)) {
    for (const [k, want] of Object.entries(rule.fixed)) if (k in s.body && s.body[k] !== want) v.push(`${k} must be ${want} for ${model}`);
    for (const k of rule.drop) if (k in s.body) v.push(`${model} rejects ${k}`);
  }
  if (p.params.reasoningEffort.kind === 'drop' && 'reasoning_effort' in s.body) v.push('sent reasoning_effort');
  if (p.params.reasoningEffort.kind === 'keep' && 'reasoning_effort' in s.body && !p.params.reasoningEffort.values.includes(String(s.body.reasoning_effort))) {
    v.push(`reasoning_effort=${String(s.body.reasoning_effort)}`);
  }
  const msgs = (s.body.messages as Array<{ role: string }>) ?? [];
  if (msgs.some((m) => m.role === 'developer')) v.push('sent the developer role');
  return v;
}

describe('e2e: migrated app against a local provider contract server', () => {
  const targets: Array<[string, string | undefined]> = [...PROVIDERS.map((p): [string, undefined] => [p.id, undefined]), ['qwen', 'intl'], ['zhipu', 'intl'], ['moonshot', 'intl'], ['doubao', 'byteplus']];
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
      expect(seen).toHaveLength(3);
      const wantPath = `${base.pathname.replace(/\/$/, '')}/chat/completions`;
      for (const s of seen) expect(violations(p, s, { host: base.host, path: wantPath, key })).toEqual([]);
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
            env: { PATH: process.env.PATH, [t.apiKeyEnv]: key, OPENAI_API_KEY: 'sk-must-not-be-used', OAM_E2E_ALIAS: path.join(dir, 'apps/web/src'), OAM_E2E_REDIRECT: JSON.stringify({ [base.origin]: `http://127.0.0.1:${port}` }) },
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

