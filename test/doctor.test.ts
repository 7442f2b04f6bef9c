import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { BIN } from './helpers/cli.js';
import { envFiles, findKey, parseDotEnv } from '../src/commands/doctor.js';
import { isLoopback, safeServerText } from '../src/commands/http.js';

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

const served =
  (ids: string[]): Handler =>
  (req, body, res) => {
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
    expect([...m]).toEqual([
      ['A', '1'],
      ['B', 'two # not a comment'],
      ['C', 'three'],
      ['D', ''],
      ['E', 'five'],
    ]);
  });

  it('.env.<mode>.local, .env.local, .env.<mode>, .env: the first that sets the key wins, and the output names it', async () => {
    const d = repo();
    writeFileSync(path.join(d, '.env'), `DASHSCOPE_API_KEY=from-dotenv-${KEY}\n`);
    writeFileSync(path.join(d, '.env.local'), `DASHSCOPE_API_KEY=${KEY}\n`);
    handler = served(['qwen3-max', 'qwen-flash']);
    const r = await doctor([], { cwd: d });
    expect(r.stdout).toContain('DASHSCOPE_API_KEY is set (.env.local;');
    expect(seen[0]!.auth).toBe(`Bearer ${KEY}`);
    expect(r.code).toBe(0);
    // --mode production: .env.production.local > .env.local > .env.production > .env
    writeFileSync(path.join(d, '.env.production.local'), `DASHSCOPE_API_KEY=\n`);
    writeFileSync(path.join(d, '.env.production'), `DASHSCOPE_API_KEY=prod\n`);
    expect(findKey('DASHSCOPE_API_KEY', { cwd: d, env: {}, mode: 'production' })).toMatchObject({ value: KEY, source: '.env.local' });
    // Next.js does not load .env.local in test mode.
    expect(findKey('DASHSCOPE_API_KEY', { cwd: d, env: { NODE_ENV: 'test' } })).toMatchObject({ value: `from-dotenv-${KEY}`, source: '.env' });
    expect(envFiles('production')).toEqual(['.env.production.local', '.env.local', '.env.production', '.env']);
    expect(envFiles('../../etc/passwd')).toEqual(['.env.development.local', '.env.local', '.env.development', '.env']);
    // Missing everywhere: the message lists the files it read.
    const m = await doctor(['--mode', 'staging'], { cwd: repo() });
    expect(m.stdout).toContain('neither in the environment nor in .env.staging.local, .env.local, .env.staging, .env');
  });

  it('HTTP_PROXY/HTTPS_PROXY: requests go through a proxy on 127.0.0.1; NO_PROXY bypasses it; proxy credentials are not printed', async () => {
    const tunnels: string[] = [];
    const proxy = createServer((req, res) => {
      // Absolute-form request (plain HTTP proxying).
      tunnels.push(`GET ${req.url}`);
      const u = new URL(req.url!);
      const up = httpRequest({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode!, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    proxy.on('connect', (req, sock, head) => {
      tunnels.push(`CONNECT ${req.url}`);
      const [host, port] = req.url!.split(':');
      const up = connect(Number(port), host!, () => {
        sock.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(sock);
        sock.pipe(up);
      });
      up.on('error', () => sock.destroy());
      sock.on('error', () => up.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const pport = (proxy.address() as AddressInfo).port;
    const target = new URL(base).host;
    try {
      handler = served(['qwen3-max', 'qwen-flash']);
      const r = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY, HTTP_PROXY: `http://user:proxypass@127.0.0.1:${pport}` } });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(tunnels.length).toBeGreaterThan(0);
      expect(tunnels.every((t) => t.includes(target))).toBe(true);
      expect(seen.map((x) => x.url)).toEqual(['/v1/models', '/v1/chat/completions']);
      expect(r.stdout).toContain(`proxy from the environment (HTTPS_PROXY/HTTP_PROXY): http://127.0.0.1:${pport}`);
      expect(r.stdout).not.toContain('proxypass');
      // Lower-case spelling too (curl's convention).
      tunnels.length = 0;
      const l = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY, http_proxy: `http://127.0.0.1:${pport}` } });
      expect(l.code).toBe(0);
      expect(tunnels.length).toBeGreaterThan(0);
      // NO_PROXY names the host: direct connection, the proxy sees nothing.
      tunnels.length = 0;
      const n = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY, HTTP_PROXY: `http://127.0.0.1:${pport}`, NO_PROXY: '127.0.0.1' } });
      expect(n.code).toBe(0);
      expect(tunnels).toEqual([]);
      expect(seen.length).toBe(2);
      // No proxy variable: direct, as before.
      tunnels.length = 0;
      await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
      expect(tunnels).toEqual([]);
    } finally {
      proxy.closeAllConnections();
      proxy.close();
    }
  });

  it('a server that echoes the key, pieces of it, other tokens and terminal escapes: every message is masked and clean', async () => {
    const other = 'AKIAABCDEFGH1234567890XYZ0abcdEFGH5678ijkl';
    handler = (_q, _b, res) =>
      json(res, 401, {
        error: {
          message: `Incorrect API key provided: ${KEY}. Key ending ECRETVALUE, raw VERYSECRETVALUE, other ${other}, sk-live-abcdefghijklmnop \u001b[2J\u001b[31mred\u001b[0m \u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007 \u001b]0;title\u0007 bell\u0007`,
        },
      });
    const r = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain('rejected (401 Unauthorized)');
    expect(out).toContain('Incorrect API key provided: ****');
    for (const s of ['VERYSECRET', 'ECRETVALUE', other, 'abcdefghijklmnop', 'evil.example', '\u001b', '\u0007']) expect(out).not.toContain(s);
    expect(out).toContain('red');
    expect(out).toContain('link');
    // JSON output too.
    const j = await doctor(['--format', 'json'], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(j.stdout).not.toContain('VERYSECRET');
    expect(j.stdout).not.toContain('\\u001b');
    // A 404 chat probe that echoes the key in its message.
    handler = (req, _b, res) => (req.url === '/v1/models' ? json(res, 200, { data: [{ id: 'qwen-flash' }] }) : json(res, 404, { error: { message: `model not found for key ${KEY}` } }));
    const c = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(c.stdout).toContain('model not found for key ****');
    expect(c.stdout).not.toContain('VERYSECRET');
    expect(safeServerText(`a\u009b31mb\u001bPdcs\u001b\\c`, KEY)).toBe('abc');
  });

  it('a cross-origin redirect is not followed with the key and never reported as accepted; a same-origin one is followed', async () => {
    const got: Array<{ url: string; auth?: string }> = [];
    const elsewhere = createServer((req, res) => {
      got.push({ url: req.url!, auth: req.headers.authorization });
      json(res, 200, { data: [{ id: 'qwen3-max' }] });
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    const eport = (elsewhere.address() as AddressInfo).port;
    try {
      handler = (_q, _b, res) => {
        res.writeHead(302, { location: `http://localhost:${eport}/v1/models?k=${KEY}` });
        res.end();
      };
      const r = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
      expect(r.code).toBe(1);
      expect(got).toEqual([]);
      expect(r.stdout).toContain(`redirect to another origin (http://localhost:${eport}/v1/models)`);
      expect(r.stdout).not.toContain('accepted');
      expect(r.stdout).not.toContain('VERYSECRET');
      // Same origin: followed (the key goes along), and the answer counts.
      handler = (req, body, res) => {
        if (req.url === '/v1/models') {
          res.writeHead(307, { location: '/v1/models/' });
          return res.end();
        }
        if (req.url === '/v1/models/') return served(['qwen3-max', 'qwen-flash'])({ ...req, url: '/v1/models' } as IncomingMessage, body, res);
        return served(['qwen3-max', 'qwen-flash'])(req, body, res);
      };
      const s = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
      expect(s.code, s.stdout).toBe(0);
      expect(seen.map((x) => `${x.url} ${x.auth === `Bearer ${KEY}`}`)).toEqual(['/v1/models true', '/v1/models/ true', '/v1/chat/completions true']);
    } finally {
      elsewhere.closeAllConnections();
      elsewhere.close();
    }
  });

  it('http:// to a host that is not loopback: a warning before the key is sent', async () => {
    expect(isLoopback('http://127.0.0.1:8080/v1')).toBe(true);
    expect(isLoopback('http://localhost/v1')).toBe(true);
    expect(isLoopback('http://[::1]:1/v1')).toBe(true);
    expect(isLoopback('http://10.0.0.5/v1')).toBe(false);
    expect(isLoopback('http://127.0.0.1.evil.example/v1')).toBe(false);
    const r = await doctor(['--base-url', 'http://gateway.invalid/v1', '--timeout', '2000'], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(r.stdout).toContain('! http://gateway.invalid/v1 is plain http:// to another machine');
    const ok = await doctor([], { cwd: repo(), env: { DASHSCOPE_API_KEY: KEY } });
    expect(ok.stdout).not.toContain('plain http://');
  });
});

describe('doctor --base-url is validated before anything is sent', () => {
  const run = (url: string) =>
    new Promise<{ code: number | null; err: string }>((resolve) => {
      const p = spawn(process.execPath, [BIN, 'doctor', '-p', 'deepseek', '--base-url', url], { env: { PATH: process.env.PATH, DEEPSEEK_API_KEY: 'k' } });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('close', (code) => resolve({ code, err }));
    });
  it('refuses other schemes, credentials in the URL and quotes (E_BAD_VALUE, exit 2)', async () => {
    for (const url of ['ftp://example.com/v1', 'https://user:secret@example.com/v1', 'https://example.com/v1"x', 'not a url']) {
      const r = await run(url);
      expect(r.code, url).toBe(2);
      expect(r.err, url).toContain('E_BAD_VALUE');
      expect(r.err, url).not.toContain('secret');
    }
  });
});
