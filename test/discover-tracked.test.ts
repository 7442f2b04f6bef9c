import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discover } from '../src/engine/discover.js';
import { migrate } from '../src/api.js';

/** Git does not ignore tracked files; neither does the walk (a committed `.env.example` matched by `.env*`). */
function repo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oam-tracked-'));
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '.');
  writeFileSync(path.join(dir, '.gitignore'), '.env*\nconfig/\n');
  writeFileSync(path.join(dir, '.env.example'), 'OPENAI_API_KEY=\n');
  writeFileSync(path.join(dir, '.env.local'), 'OPENAI_API_KEY=\n');
  mkdirSync(path.join(dir, 'config'));
  writeFileSync(path.join(dir, 'config/app.env'), 'OPENAI_API_KEY=\n');
  writeFileSync(path.join(dir, 'config/other.env'), 'OPENAI_API_KEY=\n');
  git('add', '-f', '.gitignore', '.env.example', 'config/app.env');
  git('commit', '-qm', 'init');
  return dir;
}

describe('tracked files matched by .gitignore', () => {
  it('are walked (also inside an ignored folder); untracked ignored files are not', async () => {
    const dir = repo();
    const files = (await discover({ cwd: dir, paths: ['.'], accept: () => true })).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    expect(files).toEqual(['.env.example', '.gitignore', 'config/app.env']);
  });

  it('a tracked .env.example is migrated', async () => {
    const dir = repo();
    await migrate({ cwd: dir, paths: ['.'], provider: 'qwen', force: true });
    expect(readFileSync(path.join(dir, '.env.example'), 'utf8')).toMatch(/^DASHSCOPE_API_KEY=$/m);
    expect(readFileSync(path.join(dir, '.env.local'), 'utf8')).toBe('OPENAI_API_KEY=\n');
  });
});
