import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { providersMarkdown } from '../src/report/providers-table.js';
import { JS_TRANSFORMS } from '../transforms/js/index.js';

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');

describe('README stays in sync with the code', () => {
  it('provider table matches the profiles', () => {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf('<!-- providers:start');
    const startEnd = text.indexOf('-->', start) + 3;
    const end = text.indexOf('<!-- providers:end -->');
    expect(start).toBeGreaterThan(0);
    const want = '\n' + providersMarkdown() + '\n';
    if (process.env.UPDATE_README === '1') writeFileSync(README, text.slice(0, startEnd) + want + text.slice(end));
    expect(readFileSync(README, 'utf8').slice(startEnd, readFileSync(README, 'utf8').indexOf('<!-- providers:end -->'))).toBe(want);
  });
  it('documents every JS transform', () => {
    const text = readFileSync(README, 'utf8');
    for (const t of JS_TRANSFORMS) expect(text, t.id).toContain(`\`${t.id}\``);
  });
  it('first screen has the two commands', () => {
    const head = readFileSync(README, 'utf8').split('\n').slice(0, 15).join('\n');
    expect(head).toContain('npx openai-migrate migrate --provider deepseek --dry-run fixtures/example-app');
    expect(head).toContain('npm test');
  });
});
