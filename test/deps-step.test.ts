import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { FIXTURE_ROOT } from './helpers/fixtures.js';

describe('package.json step', () => {
  it('reports the install command for the project package manager', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-deps-'));
    cpSync(path.join(FIXTURE_ROOT, 'js-deps/wrapper-packages/input'), d, { recursive: true });
    const npm = await migrate({ cwd: d, paths: ['.'], provider: 'deepseek', dryRun: true });
    const fu = npm.files.find((f) => f.file === 'package.json')!.followUps[0]!;
    // ai ^6 and @langchain/core ^1 in package.json (the fixture's lock lists no packages): the ai@6 and core@1 lines.
    expect(fu.reason).toContain('@ai-sdk/deepseek@^2.0.69');
    expect(fu.action).toContain('npm install @ai-sdk/deepseek@^2.0.69 @langchain/deepseek@^1.1.13');
    writeFileSync(path.join(d, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\n');
    const pnpm = await migrate({ cwd: d, paths: ['.'], provider: 'deepseek', dryRun: true });
    expect(pnpm.files.find((f) => f.file === 'package.json')!.followUps[0]!.action).toContain('pnpm add @ai-sdk/deepseek@^2.0.69');
  });
  it('leaves package.json alone when no rewrite needs a package', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-deps-'));
    writeFileSync(path.join(d, 'package.json'), '{ "dependencies": { "openai": "^4.0.0" } }\n');
    writeFileSync(path.join(d, 'a.ts'), "import OpenAI from 'openai';\nexport const c = new OpenAI();\n");
    const r = await migrate({ cwd: d, paths: ['.'], provider: 'qwen', dryRun: true });
    expect(r.files.find((f) => f.file === 'package.json')!.status).toBe('unchanged');
  });
});
