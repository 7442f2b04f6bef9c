import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { marked } from 'marked';
import { cli } from './helpers/cli.js';
import { mdCode, mdText, paramRow } from '../src/report/migration-report.js';
import { msg, refOf } from '../src/i18n/msg.js';

/** A small app: two files with model ids, parameters to adjust, an images call (follow-up) and a key in .env. */
function app(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'oam-report-'));
  mkdirSync(path.join(d, 'src'));
  writeFileSync(
    path.join(d, 'src/chat.ts'),
    [
      "import OpenAI from 'openai';",
      'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
      'export const ask = (q: string) =>',
      '  client.chat.completions.create({',
      "    model: 'gpt-4o',",
      "    messages: [{ role: 'developer', content: 'x' }, { role: 'user', content: q }],",
      '    temperature: 2,',
      '    max_completion_tokens: 100,',
      '  });',
      "export const small = (q: string) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });",
      "export const picture = () => client.images.generate({ model: 'dall-e-3', prompt: 'a cat' });",
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(d, 'src/other.ts'), "import OpenAI from 'openai';\nconst o = new OpenAI();\nexport const m = () => o.chat.completions.create({ model: 'gpt-4o', messages: [] });\n");
  writeFileSync(path.join(d, '.env'), 'OPENAI_API_KEY=sk-proj-SECRETSECRETSECRET123\n');
  return d;
}

const render = (md: string) => marked.parse(md, { gfm: true, async: false }) as string;

describe('migrate --report', () => {
  it('Markdown: renders as a PR description (table, checklist, <details> diffs), no secret values', () => {
    const d = app();
    const r = cli(['migrate', '-p', 'qwen', '--dry-run', '--report', 'review.md', '.'], { cwd: d, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    const md = readFileSync(path.join(d, 'review.md'), 'utf8');
    // Nothing written in a dry run, except the report itself.
    expect(readFileSync(path.join(d, 'src/chat.ts'), 'utf8')).toContain("model: 'gpt-4o'");
    expect(md).not.toContain('SECRETSECRET');
    expect(md).toContain('`DASHSCOPE_API_KEY`');
    expect(md).toContain('cn-beijing');

    const html = render(md);
    // Summary, models and parameters tables.
    expect((html.match(/<table>/g) ?? []).length).toBe(3);
    expect(html).toMatch(/<td>Files scanned<\/td>\s*<td align="right">3<\/td>/);
    expect(html).toMatch(/<td>Files that would change<\/td>\s*<td align="right">3<\/td>/);
    expect(html).toMatch(/<td><code>gpt-4o<\/code><\/td>\s*<td><code>qwen3-max<\/code><\/td>\s*<td>flagship<\/td>\s*<td align="right">2<\/td>/);
    expect(html).toMatch(/<td><code>max_completion_tokens<\/code><\/td>\s*<td>renamed<\/td>\s*<td>→ max_tokens<\/td>/);
    expect(html).toMatch(/<td><code>temperature<\/code><\/td>\s*<td>clamped<\/td>/);
    // Checklist: one unchecked box per follow-up, with file:line and a docs link.
    const boxes = html.match(/<li><input disabled="" type="checkbox"> ?<code>[^<]+:\d+<\/code> — /g) ?? [];
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('<code>src/chat.ts:11</code>');
    expect(html).toMatch(/<a href="https:\/\/www\.alibabacloud\.com[^"]*">docs<\/a>/);
    // One collapsed diff per changed file, the diff in a code block.
    const details = [...html.matchAll(/<details>\s*<summary><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(details.sort()).toEqual(['.env', 'src/chat.ts', 'src/other.ts']);
    expect((html.match(/<pre><code class="language-diff">/g) ?? []).length).toBe(3);
    expect(html).toContain('+    model: &#39;qwen3-max&#39;,');
    expect(html).toContain('-OPENAI_API_KEY=****');
  });

  it('JSON: the same facts, versioned; the Markdown report works after a real run too', () => {
    const d = app();
    const r = cli(['migrate', '-p', 'deepseek', '--dry-run', '--report', 'review.json', '.'], { cwd: d });
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(path.join(d, 'review.json'), 'utf8'));
    expect(j.version).toBe(1);
    expect(j.provider.id).toBe('deepseek');
    expect(j.dryRun).toBe(true);
    expect(j.env).toEqual([{ name: 'DEEPSEEK_API_KEY', consoleUrl: expect.stringMatching(/^https:/) }]);
    expect(j.models).toContainEqual({ from: 'gpt-4o', to: 'deepseek-v4-pro', tier: 'flagship', count: 2 });
    expect(j.params).toContainEqual(expect.objectContaining({ kind: 'rename', param: 'max_completion_tokens', count: 1 }));
    expect(j.followUps.some((u: { file: string; line: number }) => u.file === 'src/chat.ts' && u.line === 11)).toBe(true);
    expect(JSON.stringify(j)).not.toContain('SECRETSECRET');
    expect(j.summary.filesChanged).toBe(3);

    const w = cli(['migrate', '-p', 'deepseek', '--force', '--report', 'done.md', '.'], { cwd: d });
    expect(w.code).toBe(0);
    const md = readFileSync(path.join(d, 'done.md'), 'utf8');
    expect(md).toContain('| Files changed | 3 |');
    expect(md).not.toContain('Dry run');
  });

  it('rejects other extensions before running (exit 2, nothing written)', () => {
    const d = app();
    const r = cli(['migrate', '-p', 'qwen', '--force', '--report', 'review.txt', '.'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.md or .json');
    expect(existsSync(path.join(d, 'review.txt'))).toBe(false);
    expect(readFileSync(path.join(d, 'src/chat.ts'), 'utf8')).toContain("model: 'gpt-4o'");
  });

  it('cells escape | and backticks: a model id with both is refused up front; mdCode keeps such a value in one cell', () => {
    const d = app();
    const weird = 'my|model`v2';
    const r = cli(['migrate', '-p', 'qwen', '--dry-run', '--allow-unknown-models', '--model', `gpt-4o-mini=${weird}`, '--report', 'r.md', '.'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_BAD_VALUE');
    expect(existsSync(path.join(d, 'r.md'))).toBe(false);
    const html = render(`| a | b |\n| --- | --- |\n| ${mdCode('gpt-4o-mini')} | ${mdCode(weird)} |`);
    const row = html.match(/<tr>\s*<td><code>gpt-4o-mini<\/code><\/td>[\s\S]*?<\/tr>/)?.[0] ?? '';
    expect((row.match(/<td/g) ?? []).length).toBe(2);
    expect(row).toContain('<code>my|model`v2</code>');
  });

  it('mdText/mdCode escape what Markdown would interpret', () => {
    expect(render(`| a |\n| --- |\n| ${mdText('x | y `z` *w*')} |`)).toContain('<td>x | y `z` *w*</td>');
    expect(mdText('max_tokens and _lead')).toBe('max_tokens and \\_lead');
    expect(render(mdCode('a ``b`` c'))).toContain('<code>a ``b`` c</code>');
  });

  it('the parameter table reads the parameter and detail from the change message by id, not its English', () => {
    const reason = msg('param.notDocumented', { provider: 'DeepSeek' });
    const drop = msg('param.removed', { name: 'logprobs', reason });
    expect(paramRow(drop.text, refOf(drop))).toEqual({ param: 'logprobs', detail: 'DeepSeek does not accept or document it', detailMsg: refOf(reason) });
    const rename = msg('param.renamed', { name: 'max_completion_tokens', to: 'max_tokens', reason: 'X uses max_tokens' });
    expect(paramRow(rename.text, refOf(rename))).toEqual({ param: 'max_completion_tokens', detail: '→ max_tokens' });
    const clamp = msg('param.clamped', { name: 'temperature', from: '2', to: '1.99', reason: 'range [0, 2)' });
    expect(paramRow(clamp.text, refOf(clamp))).toEqual({ param: 'temperature', detail: '2 → 1.99' });
    // A notebook cell wraps the change: the parameter is still the one named inside (not "cell").
    const cell = msg('notebook.cellChange', { n: 3, msg: msg('param.engineToModel', { name: 'engine' }) });
    expect(paramRow(cell.text, refOf(cell))).toEqual({ param: 'engine', detail: '→ model' });
    // Text that was not built by id is kept whole; its wording is never parsed.
    expect(paramRow('removed logprobs: not supported by X', undefined)).toEqual({ param: 'removed', detail: 'removed logprobs: not supported by X' });
  });
});

describe('--verbose and --quiet (migrate)', () => {
  it('--verbose: per-file decisions on stderr (why skipped, which transform made which change)', () => {
    const d = app();
    writeFileSync(path.join(d, 'src/plain.ts'), 'export const x = 1;\n');
    writeFileSync(path.join(d, 'src/blob.ts'), 'openai\u0000binary');
    const r = cli(['migrate', '-p', 'qwen', '--dry-run', '--verbose', '.'], { cwd: d, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Per-file decisions:');
    expect(r.stderr).toContain('src/plain.ts: unchanged: no OpenAI usage found');
    expect(r.stderr).toMatch(/src\/blob\.ts: skipped: binary file.*\[W_BINARY\]/);
    expect(r.stderr).toMatch(/src\/chat\.ts: would change: \d+ change\(s\); 2 manual follow-up\(s\)/);
    expect(r.stderr).toMatch(/\n {4}5:\d+ {2}\[map-model-ids\] gpt-4o -> qwen3-max/);
    expect(r.stderr).toMatch(/\n {4}8:\d+ {2}\[adjust-request-params\] max_completion_tokens -> max_tokens/);
    // stdout keeps the diff and summary only.
    expect(r.stdout).not.toContain('Per-file decisions');
    expect(r.stdout).toContain('Dry run');
  });

  it('--quiet: nothing on success; only the errors (stderr) when a file fails', () => {
    const d = app();
    const ok = cli(['migrate', '-p', 'qwen', '--dry-run', '--quiet', '--report', 'r.md', '.'], { cwd: d });
    expect(ok).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(path.join(d, 'r.md'))).toBe(true);
    writeFileSync(path.join(d, 'src/bad.ts'), "import OpenAI from 'openai';\nconst c = new OpenAI({;\n");
    const bad = cli(['migrate', '-p', 'qwen', '--dry-run', '-q', '.'], { cwd: d });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^src\/bad\.ts: \[E_PARSE\] /)]);
  });
});
