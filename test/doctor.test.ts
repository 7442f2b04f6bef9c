import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { BIN } from './helpers/cli.js';
import { parseDotEnv } from '../src/commands/doctor.js';

/**
 * `doctor` against a local OpenAI-compatible server on 127.0.0.1 (never the
 * internet). The CLI runs as a child process asynchronously so this process
 * can answer its requests.
 */

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let handler: Handler = (_q, _b, res) => res.end();
const seen: Array<{ method: string; url: string; auth?: string; body: string }> = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const KEY = 'sk-test-VERYSECRETVALUE';
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** A repo whose migration to qwen uses qwen3-max (gpt-4o) and qwen-flash (gpt-4o-mini). */
function repo(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'oam-doctor-'));
  writeFileSync(
    path.join(d, 'app.ts'),
    "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const a = () => c.chat.completions.create({ model: 'gpt-4o', messages: [] });\nexport const b = () => c.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });\n",
  );
  return d;
}

function doctor(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  seen.length = 0;
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, 'doctor', '-p', 'qwen', '--base-url', base, ...args], {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const served = (ids: string[]): Handler => (req, body, res) => {
  if (req.url === '/v1/models') return json(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model' })) });
  if (req.url === '/v1/chat/completions') {
    const m = JSON.parse(body).model as string;
    if (!ids.includes(m)) return json(res, 404, { error: { message: `The model \`${m}\` does not exist`, code: 'model_not_found' } });
    return json(res, 200, { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'p' }, finish_reason: 'length' }] });
  }
  json(res, 404, { error: { message: 'not found' } });
};

describe('doctor', () => {
  it('success: key from .env accepted, one-token chat, every model the repo uses is served (exit 0)', async () => {
    const d = repo();
    writeFileSync(path.join(d, '.env'), `# keys\nDASHSCOPE_API_KEY="${KEY}"\n`);
    handler = served(['qwen3-max', 'qwen-flash', 'qwen-plus']);
    const r = await doctor([], { cwd: d });
    expect(r.stdout).toContain('DASHSCOPE_API_KEY is set (.env');
    expect(r.stdout).toContain('the key was accepted');
    expect(r.stdout).toMatch(/✓ qwen3-max is served \(used for gpt-4o\)/);
    expect(r.stdout).toMatch(/✓ qwen-flash is served \(used for gpt-4o-mini\)/);
    expect(r.stdout).toContain('All checks passed.');
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('VERYSECRET');
    // The key is sent as a bearer token; the probe asks for one token.
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /v1/models', 'POST /v1/chat/completions']);
    expect(seen[0]!.auth).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(seen[1]!.body)).toMatchObject({ max_tokens: 1, model: expect.stringMatching(/^qwen/) });
  });

  it('key missing: says which variable and where to get one, makes no request (exit 1)', async () => {
    const r = await doctor([], { cwd: repo(), env: { OPENAI_API_KEY: 'sk-old' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DASHSCOPE_API_KEY is not set');
    expect(r.stdout).toContain('OPENAI_API_KEY is set, but the migrated code reads DASHSCOPE_API_KEY');
    expect(r.stdout).toContain('1 problem(s) found.');
    expect(seen).toHaveLength(0);
  });

  it('401: the key was rejected, with the region hint (qwen has several regions)', async () => {
    handler = (_q, _b, res) => json(res, 401, { error: { message: 'Incorrect API key provided.', code: 'invalid_api_key' } });
    const r = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('rejected (401 Unauthorized)');
    expect(r.stdout).toContain('Incorrect API key provided.');
    expect(r.stdout).toMatch(/keys are per region: this run uses region cn-beijing.*ap-southeast-1/);
    expect(r.stdout).toContain('--region');
    expect(r.stdout).not.toContain('VERYSECRET');
    // --quiet: only the failed check, on stderr.
    const q = await doctor(['--quiet'], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(q.code).toBe(1);
    expect(q.stdout).toBe('');
    expect(q.stderr.trim().split('\n')).toEqual([expect.stringContaining('rejected (401 Unauthorized)')]);
  });

  it('404 model: a model the repo uses is not served (exit 1, names the model and the fix)', async () => {
    handler = served(['qwen-flash', 'qwen-plus']);
    const r = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ the chat completion with qwen3-max was rejected \(HTTP 404\): The model `qwen3-max` does not exist/);
    expect(r.stdout).toMatch(/✗ qwen3-max is not in the models list of this key \(used for gpt-4o\)/);
    expect(r.stdout).toMatch(/✓ qwen-flash is served/);
  });

  it('429 and 403: clear messages, exit 1', async () => {
    handler = (_q, _b, res) => json(res, 429, { error: { message: 'Requests rate limit exceeded' } });
    const a = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(a.code).toBe(1);
    expect(a.stdout).toContain('429 Too Many Requests');
    expect(a.stdout).toContain('rate limited or out of quota');
    handler = (_q, _b, res) => json(res, 403, { error: { message: 'Access denied, account in arrears' } });
    const b = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(b.code).toBe(1);
    expect(b.stdout).toContain('403 Forbidden');
    expect(b.stdout).toContain('account in arrears');
  });

  it('timeout: --timeout is honoured and the message says so (exit 1)', async () => {
    handler = () => undefined; // never answers
    const t0 = Date.now();
    const r = await doctor(['--timeout', '300'], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+\/v1\/models within 300 ms/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('no models list (404 on /models): the chat probe still checks the key; other models cannot be checked (exit 0)', async () => {
    handler = (req, body, res) => (req.url === '/v1/models' ? json(res, 404, { error: { message: 'no' } }) : served(['qwen3-max'])(req, body, res));
    const r = await doctor(['--format', 'json'], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ok).toBe(true);
    expect(j.models).toEqual([
      { id: 'qwen3-max', served: true, usedFor: ['gpt-4o'] },
      { id: 'qwen-flash', served: null, usedFor: ['gpt-4o-mini'] },
    ]);
  });

  it('an empty repo checks the default model map', async () => {
    handler = served(['qwen3-max', 'qwen-flash']);
    const d = mkdtempSync(path.join(tmpdir(), 'oam-doctor-empty-'));
    const r = await doctor([], { cwd: d, env: { DASHSCOPE_API_KEY: KEY } });
    expect(r.stdout).toContain('checking the default model map');
    // Entries of the default map the key does not list are warnings, not failures.
    expect(r.stdout).toMatch(/! \S+ is not in the models list/);
    expect(r.code).toBe(0);
  });

  it('parseDotEnv: export, quotes, comments', () => {
    const m = parseDotEnv('# c\nexport A=1\nB="two # not a comment"\nC=three # comment\nD=\n  E = \'five\'\n');
    expect([...m]).toEqual([['A', '1'], ['B', 'two # not a comment'], ['C', 'three'], ['D', ''], ['E', 'five']]);
  });
});
