import { describe, expect, it } from 'vitest';
import { isEnvFile, parseEnv } from '../src/lang/env/parse.js';

describe('parseEnv', () => {
  it('reads names, values and exact ranges (export, quotes, inline comments, CRLF)', () => {
    const text = '# c\r\nexport A="x y" # note\r\nB = plain # note\r\nC=\'q\'\r\nD=\r\n';
    const { entries, error } = parseEnv(text);
    expect(error).toBeUndefined();
    expect(entries.map((e) => [e.name, e.value, e.quote, e.exported])).toEqual([
      ['A', 'x y', '"', true],
      ['B', 'plain', '', false],
      ['C', 'q', "'", false],
      ['D', '', '', false],
    ]);
    for (const e of entries) {
      expect(text.slice(e.nameStart, e.nameEnd)).toBe(e.name);
      expect(text.slice(e.valueStart, e.valueEnd)).toBe(e.value);
    }
  });
  it('handles multi-line double-quoted values and skips other shell lines', () => {
    const { entries } = parseEnv('source_up\nKEY="line1\nline2"\nNEXT=1\n');
    expect(entries.map((e) => [e.name, e.multiline])).toEqual([
      ['KEY', true],
      ['NEXT', false],
    ]);
  });
  it('reports an unterminated quote', () => {
    expect(parseEnv('A="open\n').error).toMatch(/unterminated/);
  });
});

describe('isEnvFile', () => {
  it('matches env files, not code or config with env in the name', () => {
    for (const f of ['.env', '.env.example', '.env.local', 'apps/web/.env.production', '.env.development.template', 'prod.env', '.envrc', 'env.example']) expect(isEnvFile(f), f).toBe(true);
    for (const f of ['.env.ts', 'env.ts', 'src/.env.d.ts', 'environment.yml', '.env.json', 'envoy.yaml', 'env.py']) expect(isEnvFile(f), f).toBe(false);
  });
});
