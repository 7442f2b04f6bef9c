import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { maskSecrets } from '../src/report/text.js';
import { cli } from './helpers/cli.js';

describe('secrets are never printed', () => {
  it('masks key-like values in diffs, commented out or not, and sk- keys anywhere', () => {
    const diff = [
      '-OPENAI_API_KEY=sk-proj-abcdefghijklmnop',
      '+# OPENAI_API_KEY=sk-proj-abcdefghijklmnop',
      '+QIANFAN_API_KEY="bce-v3/ALTAK-secretvalue"',
      '   - OPENAI_API_KEY=plainsecret123',
      '+MODEL=gpt-4o',
      "const k = 'sk-abcdefghijkl1234';",
      '+DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}',
    ].join('\n');
    const out = maskSecrets(diff, '.env');
    expect(out).not.toContain('abcdefghijklmnop');
    expect(out).not.toContain('secretvalue');
    expect(out).not.toContain('plainsecret123');
    expect(out).not.toContain('abcdefghijkl1234');
    expect(out).toContain('+MODEL=gpt-4o');
    expect(out).toContain('${DEEPSEEK_API_KEY}');
  });
  it('in code, values that are expressions stay readable; quoted secrets are masked', () => {
    const code = "+  OPENAI_KEY: env.OPENAI_KEY || env.OPENAI_API_KEY,\n+  const API_KEY = 'abcd1234efgh';\n";
    const out = maskSecrets(code, 'src/config.ts');
    expect(out).toContain('OPENAI_KEY: env.OPENAI_KEY || env.OPENAI_API_KEY');
    expect(out).not.toContain('abcd1234efgh');
    // judged per file from the diff headers when no file is given
    const two = '--- a/.env\n+++ b/.env\n-OPENAI_API_KEY=plainsecret123\n--- a/a.ts\n+++ b/a.ts\n+X_TOKEN: y.z,\n';
    const m = maskSecrets(two);
    expect(m).not.toContain('plainsecret123');
    expect(m).toContain('+X_TOKEN: y.z,');
    // A quoted variable name is a reference: the diff of its rename stays readable (TBXark/ChatGPT-Telegram-Workers' key map).
    const renamed = maskSecrets("-    API_KEY: 'OPENAI_API_KEY',\n+    API_KEY: 'DEEPSEEK_API_KEY',\n", 'src/env.ts');
    expect(renamed).toContain("API_KEY: 'OPENAI_API_KEY'");
    expect(renamed).toContain("API_KEY: 'DEEPSEEK_API_KEY'");
    expect(maskSecrets("+  API_KEY: 'AB12_CD34xyz',\n", 'src/env.ts')).not.toContain('AB12_CD34xyz');
  });
  it('text and JSON output of a migration with a real key in .env show no secret', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-sec-'));
    const secret = 'sk-proj-REALSECRETVALUE12345';
    writeFileSync(path.join(d, '.env'), `OPENAI_API_KEY=${secret}\nOTHER_TOKEN=tok_live_9f8e7d6c\n`);
    writeFileSync(path.join(d, 'a.ts'), `import OpenAI from 'openai';\nexport const c = new OpenAI({ apiKey: '${secret}' });\n`);
    for (const format of ['text', 'json']) {
      const r = cli(['migrate', '-p', 'deepseek', '--dry-run', '--format', format, '.', '.env'], { cwd: d, env: { NO_COLOR: '1' } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('REALSECRETVALUE12345');
      expect(r.stdout + r.stderr).not.toContain('tok_live_9f8e7d6c');
    }
  });
});
