import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inventory } from '../src/check/index.js';
import { jsHandler } from '../src/handlers.js';
import { RULES } from '../src/rules/catalogue.js';

/**
 * Each rule has a positive and a negative fixture under fixtures/check/rules/<rule>/.
 * Positive files annotate every expected finding with a trailing `expect: <rule>`
 * comment; the detected (line, rule) pairs must equal the annotations exactly
 * (notes from openai-api-call are only compared in that rule's own folder).
 * Negative files (look-alike SDKs, comments and strings that mention OpenAI,
 * already-migrated clients) must produce no error or warning at all.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/check');

const annotations = (text: string) =>
  text
    .split('\n')
    .flatMap((l, i) => [...l.matchAll(/expect: ([a-z-]+)/g)].map((m) => `${i + 1} ${m[1]}`))
    .sort();

async function findingsOf(dir: string, file: string, provider?: string) {
  const r = await inventory({ cwd: dir, paths: [file], handlers: [jsHandler], provider });
  return r.findings;
}

describe('rule fixtures', () => {
  const rules = readdirSync(path.join(ROOT, 'rules')).sort();
  it('cover every language-neutral detector rule', () => {
    // openai-model-setting is about config files, not code: test/config-model-settings.test.ts covers it.
    const wanted = Object.keys(RULES).filter((r) => !r.startsWith('provider-') && r !== 'openai-wrapper' && r !== 'openai-model-setting');
    expect(rules).toEqual(wanted.sort());
  });
  for (const rule of rules) {
    const dir = path.join(ROOT, 'rules', rule);
    it(`${rule}: positive`, async () => {
      const want = annotations(readFileSync(path.join(dir, 'pos.ts'), 'utf8'));
      expect(want.some((w) => w.endsWith(` ${rule}`))).toBe(true);
      const got = (await findingsOf(dir, 'pos.ts'))
        .filter((f) => rule === 'openai-api-call' || f.rule !== 'openai-api-call')
        .map((f) => `${f.line} ${f.rule}`)
        .sort();
      expect(got).toEqual(want);
    });
    it(`${rule}: negative`, async () => {
      const got = (await findingsOf(dir, 'neg.ts')).filter((f) => f.level !== 'note' || f.rule === rule);
      expect(got.map((f) => `${f.line} ${f.rule} ${f.message}`)).toEqual([]);
    });
  }

  it('provider-model / provider-param / provider-unsupported lint deepseek code with --provider deepseek', async () => {
    const dir = path.join(ROOT, 'provider-rules');
    const want = annotations(readFileSync(path.join(dir, 'pos.ts'), 'utf8'));
    const got = (await findingsOf(dir, 'pos.ts', 'deepseek')).map((f) => `${f.line} ${f.rule}`).sort();
    expect(got).toEqual(want);
    const param = (await findingsOf(dir, 'pos.ts', 'deepseek')).find((f) => f.rule === 'provider-param' && f.line === 5)!;
    expect(param.message).toMatch(/^seed: .*remove it$/);
    expect((await findingsOf(dir, 'neg.ts', 'deepseek')).filter((f) => f.level !== 'note')).toEqual([]);
    // Without --provider there is nothing to lint: migrated code is not OpenAI usage.
    expect((await findingsOf(dir, 'pos.ts')).filter((f) => f.level !== 'note')).toEqual([]);
  });
});
