import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, scan } from '../src/api.js';
import { isPlaceholder, maskSecrets, maskValue } from '../src/lang/config/common.js';

const SECRET = 'sk-proj-9Xc2Lm7Qp0Rt5Vw8Yz1Ab4De';
const ZHIPU_STYLE = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.AbCdEfGhIjKlMnOp';

describe('secret masking', () => {
  it('masks sk- keys, bearer tokens and long opaque tokens', () => {
    expect(maskSecrets(`OPENAI_API_KEY=${SECRET}`)).toBe('OPENAI_API_KEY=sk-****');
    expect(maskSecrets('Authorization: Bearer abcdef123456')).toBe('Authorization: Bearer ****');
    expect(maskSecrets(`KEY=${ZHIPU_STYLE}`)).toBe('KEY=a1b****');
  });
  it('leaves model ids, URLs and variable names alone', () => {
    for (const s of ['model: gpt-4o-realtime-preview-2024-12-17', 'url: https://api.openai.com/v1/chat/completions', 'AZURE_OPENAI_DEPLOYMENT_NAME=x']) expect(maskSecrets(s)).toBe(s);
  });
  it('masks a whole key value but not placeholders or references', () => {
    expect(maskValue('OPENAI_API_KEY="abc123secret"', 'abc123secret')).toBe('OPENAI_API_KEY="****"');
    expect(maskValue('OPENAI_API_KEY=your_openai_api_key', 'your_openai_api_key')).toBe('OPENAI_API_KEY=your_openai_api_key');
    expect(maskValue('K: ${{ secrets.OPENAI_API_KEY }}', '${{ secrets.OPENAI_API_KEY }}')).toBe('K: ${{ secrets.OPENAI_API_KEY }}');
  });
  it('tells placeholders from real values', () => {
    for (const v of ['', 'sk-your-key-here', 'your_openai_api_key', '<your key>', 'xxx', 'sk-xxxxxxxx', 'changeme', '...']) expect(isPlaceholder(v), v).toBe(true);
    for (const v of [SECRET, ZHIPU_STYLE, '$(pass show openai)', 'abc123']) expect(isPlaceholder(v), v).toBe(false);
  });
});

describe('no secret reaches a message, follow-up, finding or snippet', () => {
  const project = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-secret-'));
    writeFileSync(path.join(dir, '.env'), `OPENAI_API_KEY=${SECRET}\nOPENAI_MODEL=gpt-4o\n`);
    writeFileSync(path.join(dir, 'docker-compose.yml'), `services:\n  a:\n    environment:\n      OPENAI_API_KEY: ${SECRET}\n      - X=1\n`.replace('      - X=1\n', '      X: "1"\n'));
    mkdirSync(path.join(dir, 'k'));
    writeFileSync(path.join(dir, 'k', 'app.env'), `export OPENAI_API_KEY="${ZHIPU_STYLE}"\n`);
    return dir;
  };
  const strip = (files: Array<{ diff?: string }>) => JSON.stringify(files.map(({ diff: _d, ...rest }) => rest));
  it('migrate (every provider id used in fixtures) and scan', async () => {
    for (const provider of ['deepseek', 'qwen', 'zhipu']) {
      const r = await migrate({ cwd: project(), paths: ['.'], provider, dryRun: true });
      const json = strip(r.files);
      expect(json).toContain('OPENAI_API_KEY');
      expect(json).not.toContain(SECRET.slice(3));
      expect(json).not.toContain(ZHIPU_STYLE.slice(4, 20));
      expect(r.files.filter((f) => f.status === 'changed').length).toBe(3);
    }
    const s = await scan({ cwd: project(), paths: ['.'] });
    const json = JSON.stringify(s);
    expect(json).toContain('openai-env');
    expect(json).not.toContain(SECRET.slice(3));
    expect(json).not.toContain(ZHIPU_STYLE.slice(4, 20));
  });
  it('the migrated files never copy the secret to a new line', async () => {
    const dir = project();
    await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    const { readFileSync } = await import('node:fs');
    const env = readFileSync(path.join(dir, '.env'), 'utf8');
    expect(env.split('\n').filter((l) => l.includes(SECRET))).toEqual([`# OPENAI_API_KEY=${SECRET}`]);
    expect(readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8')).not.toContain(SECRET);
  });
});
