import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, cli } from './helpers/cli.js';
import { Reviewer, type ReviewIO } from '../src/interactive/review.js';
import { makeChalk } from '../src/report/text.js';
import type { Change } from '../src/engine/types.js';

/** a.ts: two changes far apart (two hunks); b.ts and c.ts: one hunk each. */
const A = [
  "import OpenAI from 'openai';",
  'const c = new OpenAI();',
  ...Array.from({ length: 9 }, (_, i) => `// padding ${i + 1}`),
  "export const a = () => c.chat.completions.create({ model: 'gpt-4o', messages: [] });",
  '',
].join('\n');
const B = "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const b = () => c.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });\n";
const C = "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const x = () => c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";

function repo(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'oam-interactive-'));
  writeFileSync(path.join(d, 'a.ts'), A);
  writeFileSync(path.join(d, 'b.ts'), B);
  writeFileSync(path.join(d, 'c.ts'), C);
  return d;
}
const read = (d: string, f: string) => readFileSync(path.join(d, f), 'utf8');

/** Scripted answers for the Reviewer (unit level); the tmux tests below drive a real terminal. */
function scripted(answers: string[]): ReviewIO & { text: string } {
  const io = { text: '', write: (s: string) => void (io.text += s), readLine: async () => answers.shift() ?? null };
  return io;
}

describe('Reviewer (scripted answers)', () => {
  const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n';
  const after = 'A\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n';
  const change = (line: number) => ({ kind: 'model', line, column: 1, message: '', transform: 'x' }) as Change;

  it('y/n per hunk writes only the accepted hunk and keeps only its changes', async () => {
    const io = scripted(['y', 'n']);
    const r = new Reviewer(io, makeChalk(false));
    const changes = [change(1), change(12)];
    expect(await r.decide('f.txt', before, after, changes)).toBe('A\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n');
    expect(changes.map((c) => c.line)).toEqual([1]);
    expect(io.text).toContain('(1/2) Apply this hunk to f.txt [y,n,a,q,?]? ');
    expect(r.summary()).toContain('f.txt: 1 of 2 hunks written');
  });

  it('CRLF text: the second hunk alone applies and keeps CRLF', async () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const r = new Reviewer(scripted(['n', 'y']), makeChalk(false));
    expect(await r.decide('w.txt', crlf(before), crlf(after))).toBe(crlf('a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n'));
  });

  it('? prints the help and asks again; unknown keys too; a accepts the rest of every file; end of input = q', async () => {
    const io = scripted(['?', 'x', 'a']);
    const r = new Reviewer(io, makeChalk(false));
    expect(await r.decide('1', before, after)).toBe(after);
    expect(await r.decide('2', before, after)).toBe(after);
    expect(io.text.match(/q - quit/g)).toHaveLength(2);
    const q = new Reviewer(scripted([]), makeChalk(false));
    expect(await q.decide('3', before, after)).toBeNull();
    expect(await q.decide('4', before, after)).toBeNull();
    expect(q.summary()).toContain('0 file(s) accepted, 0 partly accepted, 2 skipped');
  });
});

describe('migrate --interactive without a terminal', () => {
  it('stdin not a TTY: exit 2 with a clear message, nothing written', () => {
    const d = repo();
    const r = cli(['migrate', '-p', 'qwen', '--interactive', '--force', '.'], { cwd: d, input: 'y\ny\ny\ny\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_NOT_A_TTY');
    expect(r.stderr).toContain('stdin is not a TTY');
    expect(r.stdout).not.toContain('Apply this');
    expect(read(d, 'a.ts')).toBe(A);
  });

  it('--interactive with --dry-run is a usage error', () => {
    const r = cli(['migrate', '-p', 'qwen', '--interactive', '--dry-run', '.'], { cwd: repo() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_INTERACTIVE_FLAGS');
  });
});

// ---- A real terminal: tmux on a private socket, keys sent with send-keys, screen read with capture-pane.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SOCK = `oam-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCK, '-f', '/dev/null', ...args], { encoding: 'utf8' });
afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', SOCK, 'kill-server']);
});

let session = 0;
/** Start the CLI in a fresh tmux window (200x60) in `cwd`; returns the session name. */
function startInTmux(cwd: string, args: string[]): string {
  const name = `s${++session}`;
  const cmd = `env -u NO_COLOR FORCE_COLOR= '${process.execPath}' '${BIN}' ${args.join(' ')}; echo EXIT=$?; sleep 120`;
  tmux('new-session', '-d', '-s', name, '-x', '200', '-y', '60', '-c', cwd, cmd);
  return name;
}
const screen = (name: string, escapes = false) => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-J', '-S', '-1000', '-t', name);
async function waitFor(name: string, test: (s: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const s = screen(name);
    if (test(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${screen(name)}`);
}
const prompts = (s: string) => (s.match(/\[y,n,a,q,\?\]\? /g) ?? []).length;
/** Wait for prompt number `n`, then type `key` and Enter. */
async function answer(name: string, n: number, key: string): Promise<string> {
  const s = await waitFor(name, (x) => prompts(x) >= n, `prompt ${n}`);
  tmux('send-keys', '-t', name, key, 'Enter');
  return s;
}

describe.skipIf(!hasTmux)('migrate --interactive in a real terminal (tmux)', () => {
  it('per hunk y/n, per file n/y: only accepted changes are written; the summary says what was skipped', async () => {
    const d = repo();
    const s = startInTmux(d, ['migrate', '-p', 'qwen', '--interactive', '--force', '.']);
    const first = await answer(s, 1, 'y'); // a.ts hunk 1 (client)
    expect(first).toContain('(1/2) Apply this hunk to a.ts');
    // The diff is coloured in the terminal: removals red, additions green.
    const coloured = screen(s, true);
    expect(coloured).toMatch(/\u001b\[31m-const c = new OpenAI\(\);/);
    expect(coloured).toMatch(/\u001b\[32m\+const c = new OpenAI\(\{ baseURL/);
    await answer(s, 2, '?'); // help, then the same prompt again
    const afterHelp = await answer(s, 3, 'n'); // a.ts hunk 2 (model): skip
    expect(afterHelp).toContain('q - quit');
    expect(afterHelp).toContain('(2/2) Apply this hunk to a.ts');
    const bPrompt = await answer(s, 4, 'n'); // b.ts: skip
    expect(bPrompt).toContain('Apply this change to b.ts');
    await answer(s, 5, 'y'); // c.ts: accept
    const end = await waitFor(s, (x) => /EXIT=\d/.test(x), 'exit');
    expect(end).toContain('EXIT=0');
    expect(end).toContain('Interactive review: 1 file(s) accepted, 1 partly accepted, 1 skipped');
    expect(end).toContain('a.ts: 1 of 2 hunks written');
    // Counts cover what was written: a.ts's skipped model hunk and b.ts are not counted.
    expect(end).toContain('edits: 3 (client 2, model 1)');
    expect(end).toContain('b.ts: skipped');
    expect(end).toMatch(/b\.ts\s+skipped in interactive review/);
    expect(prompts(end)).toBe(5);

    expect(read(d, 'a.ts')).toContain("baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1'");
    expect(read(d, 'a.ts')).toContain("model: 'gpt-4o'");
    expect(read(d, 'b.ts')).toBe(B);
    expect(read(d, 'c.ts')).toContain("model: 'qwen3-max'");
  });

  it('q on the first prompt writes nothing; a accepts everything that follows', async () => {
    const d = repo();
    const s = startInTmux(d, ['migrate', '-p', 'qwen', '--interactive', '--force', '.']);
    await answer(s, 1, 'q');
    const end = await waitFor(s, (x) => /EXIT=\d/.test(x), 'exit');
    expect(prompts(end)).toBe(1);
    expect(end).toContain('0 file(s) accepted, 0 partly accepted, 3 skipped');
    expect([read(d, 'a.ts'), read(d, 'b.ts'), read(d, 'c.ts')]).toEqual([A, B, C]);

    const s2 = startInTmux(d, ['migrate', '-p', 'qwen', '--interactive', '--force', '.']);
    await answer(s2, 1, 'a');
    const end2 = await waitFor(s2, (x) => /EXIT=\d/.test(x), 'exit');
    expect(prompts(end2)).toBe(1);
    expect(end2).toContain('3 file(s) accepted, 0 partly accepted, 0 skipped');
    expect(read(d, 'b.ts')).toContain("model: 'qwen-flash'");
  });
});
