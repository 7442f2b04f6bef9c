import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { providersMarkdown } from '../src/report/providers-table.js';
import { ALL_TRANSFORMS } from '../transforms/index.js';
import { RULES, ruleHelp } from '../src/rules/catalogue.js';

const ruleFixText = (id: string) => ((RULES as Record<string, { fix?: string }>)[id]?.fix ?? '').replace(/\|/g, '\\|');

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');
/** Where the generated rule table lives (the README links to it). */
const CI_DOC = path.join(path.dirname(README), 'docs', 'ci.md');
/** Where every transform is documented. */
const TRANSFORMS_DOC = path.join(path.dirname(README), 'docs', 'transforms.md');

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
  it('docs/ci.md rules table matches the catalogue', () => {
    const text = readFileSync(CI_DOC, 'utf8');
    const a = text.indexOf('<!-- rules:start');
    const aEnd = text.indexOf('-->', a) + 3;
    const b = text.indexOf('<!-- rules:end -->');
    expect(a).toBeGreaterThan(0);
    const rows = Object.values(RULES).map((r) => `| <a id="rules-${r.id}"></a>\`${r.id}\` | ${r.level} | ${r.title} | ${ruleFixText(r.id)} |`);
    const want = '\n| rule | level | what | fix |\n| --- | --- | --- | --- |\n' + rows.join('\n') + '\n';
    if (process.env.UPDATE_README === '1') writeFileSync(CI_DOC, text.slice(0, aEnd) + want + text.slice(b));
    const now = readFileSync(CI_DOC, 'utf8');
    expect(now.slice(aEnd, now.indexOf('<!-- rules:end -->'))).toBe(want);
  });
  it('docs/rules.md (the page rule help links open) has a section per rule', () => {
    const file = path.join(path.dirname(README), 'docs', 'rules.md');
    const want =
      '# openai-migrate rules\n\nGenerated from `src/rules/catalogue.ts` (test/readme.test.ts checks it). `scan`, `check` and SARIF results link here.\n' +
      Object.values(RULES)
        .map(
          (r) =>
            `\n## ${r.id}\n\n<a id="${r.id}"></a>Level: ${r.level}. ${r.title}.\n\nHow to fix: ${ruleFixText(r.id).replace(/\\\|/g, '|')}.\n\nSilence one occurrence with a comment on the line or the line above: \`openai-migrate-ignore ${r.id} -- <reason>\`.\n`,
        )
        .join('');
    if (process.env.UPDATE_README === '1') writeFileSync(file, want);
    expect(readFileSync(file, 'utf8')).toBe(want);
    for (const r of Object.values(RULES)) expect(ruleHelp(r.id)).toMatch(new RegExp(`^https://unpkg\\.com/openai-migrate@\\d+\\.\\d+\\.\\d+[^/]*/docs/rules\\.md#${r.id}$`));
  });
  it('docs/transforms.md documents every transform', () => {
    const text = readFileSync(TRANSFORMS_DOC, 'utf8');
    for (const g of ALL_TRANSFORMS) for (const t of g.transforms) expect(text, `${g.kind} ${t.id}`).toContain(`\`${t.id}\``);
  });
  it('first screen has the two commands', () => {
    const head = readFileSync(README, 'utf8').split('\n').slice(0, 15).join('\n');
    expect(head).toContain('npx openai-migrate migrate --provider deepseek --dry-run fixtures/example-app');
    expect(head).toContain('npm test');
  });
  it('README stays a front door (at most ~14 KB; the details live in docs/)', () => {
    expect(readFileSync(README).length).toBeLessThanOrEqual(14 * 1024);
  });
});
