import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { chooseRange, installedVersion, parseVersion } from '../src/lang/deps/versions.js';

/** A project folder from a map of relative paths to contents. */
function project(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'oam-vers-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, rel)), { recursive: true });
    writeFileSync(path.join(d, rel), text);
  }
  return d;
}
const pj = (deps: Record<string, string>) => JSON.stringify({ name: 'app', version: '1.0.0', dependencies: deps }, null, 2) + '\n';
const AI_FILE = "import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\n\nexport const run = () => generateText({ model: openai('gpt-4o'), prompt: 'hi' });\n";
const LC_FILE = "import { ChatOpenAI } from '@langchain/openai';\n\nexport const llm = new ChatOpenAI({ model: 'gpt-4o-mini' });\n";

async function run(d: string, provider: string) {
  const r = await migrate({ cwd: d, paths: ['.'], provider, dryRun: true, force: true } as Parameters<typeof migrate>[0]);
  const byFile = (f: string) => r.files.find((x) => x.file === f);
  return { r, byFile };
}

describe('installed versions', () => {
  it('parses ranges and lock entries (npm, pnpm, yarn classic and berry), lock before package.json', () => {
    expect(parseVersion('^4.3.1')).toEqual([4, 3, 1]);
    expect(parseVersion('~0.3')).toEqual([0, 3, 0]);
    expect(parseVersion('>=0.1.10 <0.2')).toEqual([0, 1, 10]);
    expect(parseVersion('5.x')).toEqual([5, 0, 0]);
    expect(parseVersion('latest')).toBeUndefined();
    const text = pj({ ai: '^5.0.0' });
    const npm = project({ 'package.json': text, 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/ai': { version: '4.3.19' } } }) });
    expect(installedVersion('ai', path.join(npm, 'package.json'), text)).toEqual({ v: [4, 3, 19], from: 'package-lock.json (4.3.19)' });
    const pnpm = project({
      'package.json': text,
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      ai:\n        specifier: ^6.0.0\n        version: 6.0.10(zod@3.25.0)\n",
    });
    expect(installedVersion('ai', path.join(pnpm, 'package.json'), text)).toEqual({ v: [6, 0, 10], from: 'pnpm-lock.yaml (6.0.10)' });
    const yarn = project({ 'package.json': text, 'yarn.lock': '"@langchain/core@^0.1.0", "@langchain/core@~0.1.5":\n  version "0.1.63"\n  resolved "x"\n' });
    expect(installedVersion('@langchain/core', path.join(yarn, 'package.json'), text)).toEqual({ v: [0, 1, 63], from: 'yarn.lock (0.1.63)' });
    const berry = project({ 'package.json': text, 'yarn.lock': '__metadata:\n  version: 8\n\n"ai@npm:^7.0.0":\n  version: 7.0.3\n  resolution: "ai@npm:7.0.3"\n' });
    expect(installedVersion('ai', path.join(berry, 'package.json'), text)).toEqual({ v: [7, 0, 3], from: 'yarn.lock (7.0.3)' });
    const none = project({ 'package.json': text });
    expect(installedVersion('ai', path.join(none, 'package.json'), text)).toEqual({ v: [5, 0, 0], from: 'package.json (^5.0.0)' });
  });

  it('AI SDK 4/5/6/7 and LangChain core 0.1/0.3/1.x pick the matching line, or none', () => {
    const at = (deps: Record<string, string>, pkg: string) => {
      const d = project({ 'package.json': pj(deps) });
      return chooseRange(pkg, path.join(d, 'package.json'), pj(deps));
    };
    expect(at({ ai: '^4.1.0' }, '@ai-sdk/deepseek')).toMatchObject({ kind: 'range', range: '^0.2.16' });
    expect(at({ ai: '^5.0.0' }, '@ai-sdk/deepseek')).toMatchObject({ kind: 'range', range: '^1.0.60' });
    expect(at({ ai: '^6.0.0' }, '@ai-sdk/deepseek')).toMatchObject({ kind: 'range', range: '^2.0.69' });
    expect(at({ ai: '^7.0.0' }, '@ai-sdk/deepseek')).toMatchObject({ kind: 'range', range: '^3.0.56' });
    expect(at({ ai: '^4.1.0' }, '@ai-sdk/alibaba')).toMatchObject({ kind: 'none', fits: ['ai@5', 'ai@6', 'ai@7'] });
    expect(at({ ai: '^6.0.0' }, '@ai-sdk/alibaba')).toMatchObject({ kind: 'range', range: '^1.0.61' });
    expect(at({ ai: '^5.0.0' }, '@ai-sdk/moonshotai')).toMatchObject({ kind: 'none' });
    expect(at({}, '@ai-sdk/deepseek')).toMatchObject({ kind: 'unknown', range: '^3.0.56' });
    // No direct `ai` (Mastra and other frameworks bring it): @ai-sdk/openai N implements the spec of ai N+3.
    expect(at({ '@ai-sdk/openai': '^2.0.71', '@mastra/core': '^0.24.5' }, '@ai-sdk/deepseek')).toMatchObject({
      kind: 'range',
      range: '^1.0.60',
      anchor: { name: '@ai-sdk/openai', version: '2.0.71' },
    });
    expect(at({ '@ai-sdk/openai': '^3.0.0' }, '@ai-sdk/deepseek')).toMatchObject({ kind: 'range', range: '^2.0.69' });
    expect(at({ '@ai-sdk/openai': '^2.0.0' }, '@ai-sdk/moonshotai')).toMatchObject({ kind: 'none', fits: ['@ai-sdk/openai@3', '@ai-sdk/openai@4'] });
    expect(at({ ai: '^6.0.0', '@ai-sdk/openai': '^2.0.0' }, '@ai-sdk/deepseek')).toMatchObject({ kind: 'range', range: '^2.0.69', anchor: { name: 'ai' } });
    expect(at({ '@langchain/core': '^0.1.10' }, '@langchain/deepseek')).toMatchObject({ kind: 'none' });
    expect(at({ '@langchain/core': '^0.3.58' }, '@langchain/deepseek')).toMatchObject({ kind: 'range', range: '^0.1.0' });
    expect(at({ '@langchain/core': '^1.0.0' }, '@langchain/deepseek')).toMatchObject({ kind: 'range', range: '^1.1.13' });
  });
});

describe('dependency edits follow the project', () => {
  it('ai@4 from the lock: @ai-sdk/deepseek ^0.2.16; the lock-sync command is named; nothing is installed', async () => {
    const d = project({
      'package.json': pj({ '@ai-sdk/openai': '^1.3.0', ai: '^4.0.0' }),
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/ai': { version: '4.3.19' } } }),
      'src/chat.ts': AI_FILE,
    });
    const { byFile } = await run(d, 'deepseek');
    const p = byFile('package.json')!;
    expect(p.diff).toContain('+    "@ai-sdk/deepseek": "^0.2.16",');
    expect(p.diff).toContain('-    "@ai-sdk/openai": "^1.3.0",');
    expect(p.followUps[0]!.action).toContain('npm install @ai-sdk/deepseek@^0.2.16');
    expect(p.followUps[0]!.action).toContain('package-lock.json back in sync (`npm ci` fails until then); openai-migrate ran no install');
    expect(byFile('src/chat.ts')!.diff).toContain("from '@ai-sdk/deepseek'");
    expect(byFile('src/chat.ts')!.diff).not.toMatch(/^\+.*@ai-sdk\/openai'/m);
  });

  it('Qwen with ai@4 (no @ai-sdk/alibaba release fits): the rewrite uses @ai-sdk/openai-compatible ^0.2.16 instead', async () => {
    const d = project({ 'package.json': pj({ '@ai-sdk/openai': '^1.3.0', ai: '^4.3.0' }), 'src/chat.ts': AI_FILE });
    const { byFile } = await run(d, 'qwen');
    expect(byFile('src/chat.ts')!.diff).toContain("from '@ai-sdk/openai-compatible'");
    expect(byFile('src/chat.ts')!.diff).not.toContain('@ai-sdk/alibaba');
    expect(byFile('package.json')!.diff).toContain('+    "@ai-sdk/openai-compatible": "^0.2.16",');
    // ai@6: the provider's own package, in the ai@6 line.
    const six = project({ 'package.json': pj({ '@ai-sdk/openai': '^2.0.0', ai: '^6.0.0' }), 'src/chat.ts': AI_FILE });
    expect((await run(six, 'qwen')).byFile('package.json')!.diff).toContain('+    "@ai-sdk/alibaba": "^1.0.61",');
  });

  it('LangChain JS core 0.1 keeps ChatOpenAI with the provider URL; 0.3 gets @langchain/deepseek ^0.1.0; 1.x ^1.1.13', async () => {
    const old = project({ 'package.json': pj({ '@langchain/core': '^0.1.10', '@langchain/openai': '^0.0.14' }), 'src/agent.ts': LC_FILE });
    const a = await run(old, 'deepseek');
    expect(a.byFile('src/agent.ts')!.diff).not.toContain('@langchain/deepseek');
    expect(a.byFile('src/agent.ts')!.diff).toContain('api.deepseek.com');
    expect(a.byFile('package.json')?.status ?? 'unchanged').toBe('unchanged');
    const mid = project({ 'package.json': pj({ '@langchain/core': '^0.3.60', '@langchain/openai': '^0.5.0' }), 'src/agent.ts': LC_FILE });
    expect((await run(mid, 'deepseek')).byFile('package.json')!.diff).toMatch(/^\+ {4}"@langchain\/deepseek": "\^0\.1\.0",?$/m);
    const cur = project({ 'package.json': pj({ '@langchain/core': '^1.0.0', '@langchain/openai': '^1.0.0' }), 'src/agent.ts': LC_FILE });
    expect((await run(cur, 'deepseek')).byFile('package.json')!.diff).toMatch(/^\+ {4}"@langchain\/deepseek": "\^1\.1\.13",?$/m);
  });

  it('exact pins stay exact; a monorepo edits only the package.json of the folder whose code imports the package, reading the root lock', async () => {
    const pinned = project({ 'package.json': pj({ '@ai-sdk/openai': '1.3.22', ai: '4.3.19' }), 'src/chat.ts': AI_FILE });
    expect((await run(pinned, 'deepseek')).byFile('package.json')!.diff).toContain('+    "@ai-sdk/deepseek": "0.2.16",');
    const mono = project({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }, null, 2) + '\n',
      'pnpm-lock.yaml':
        "lockfileVersion: '9.0'\nimporters:\n  .: {}\n  packages/web:\n    dependencies:\n      ai:\n        specifier: ^5.0.0\n        version: 5.0.100\n  packages/api:\n    dependencies:\n      '@langchain/core':\n        specifier: ^1.0.0\n        version: 1.1.0\n",
      'packages/web/package.json': pj({ '@ai-sdk/openai': '^2.0.0', ai: '^5.0.0' }),
      'packages/web/src/chat.ts': AI_FILE,
      'packages/api/package.json': pj({ '@langchain/core': '^1.0.0', '@langchain/openai': '^1.0.0' }),
      'packages/api/src/agent.ts': LC_FILE,
      'packages/docs/package.json': pj({ openai: '^6.0.0' }),
    });
    const { byFile } = await run(mono, 'deepseek');
    const web = byFile('packages/web/package.json')!;
    expect(web.diff).toContain('+    "@ai-sdk/deepseek": "^1.0.60",');
    expect(web.diff).not.toContain('@langchain/deepseek');
    expect(web.followUps[0]!.action).toContain('pnpm add @ai-sdk/deepseek@^1.0.60');
    expect(web.followUps[0]!.action).toContain('pnpm-lock.yaml back in sync');
    const api = byFile('packages/api/package.json')!;
    expect(api.diff).toMatch(/^\+ {4}"@langchain\/deepseek": "\^1\.1\.13",?$/m);
    expect(api.diff).not.toContain('@ai-sdk');
    expect(byFile('package.json')?.status ?? 'unchanged').toBe('unchanged');
    expect(byFile('packages/docs/package.json')?.status ?? 'unchanged').toBe('unchanged');
  });
});
