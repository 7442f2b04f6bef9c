import { appendFileSync } from 'node:fs';
import { printable } from './escape.js';
import type { InventoryReport } from '../check/index.js';
import { ruleOf } from '../rules/catalogue.js';
import { renderMarkdown } from './markdown.js';
import { t } from '../i18n/index.js';
import { localizeMessage as lm, localizeRuleTitle } from '../i18n/messages.js';

/** Escape a workflow-command message (GitHub: `%`, CR, LF); other control characters (ESC...) are shown as escapes. */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => printable(c));

/** Escape a workflow-command property value (also `:` and `,`). */
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

/**
 * `--format github`: one workflow command per finding, which GitHub Actions
 * shows as an annotation on the file and line (`::error file=...,line=...::msg`).
 * Columns: `col` is the first column, `endColumn` the last one (inclusive), only
 * given when the finding is on one line.
 */
export function renderGithub(r: InventoryReport): string {
  const out: string[] = [];
  for (const f of r.findings) {
    const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `endLine=${f.endLine}`, `col=${f.column}`];
    if (f.endLine === f.line && f.endColumn > f.column) props.push(`endColumn=${f.endColumn - 1}`);
    props.push(`title=${escapeProperty(`openai-migrate ${f.rule}: ${localizeRuleTitle(f.rule, ruleOf(f.rule)?.title ?? f.kind)}`)}`);
    out.push(`::${COMMAND[f.level]} ${props.join(',')}::${escapeData(t('gh.line', { message: lm(f.message), fix: lm(f.fix), help: f.help }))}`);
  }
  for (const x of r.result.files.filter((y) => y.status === 'failed')) {
    out.push(`::error file=${escapeProperty(x.file)},title=${escapeProperty(`openai-migrate ${x.errorId}`)}::${escapeData(lm(x.reason ?? 'failed'))}`);
  }
  const verdict = `openai-migrate ${r.exitCode ? t('check.failed', { n: r.failing.length, level: r.failOn }) : t('check.passed', { level: r.failOn })}`;
  out.push(t('gh.summary', { verdict, n: r.findings.length, suppressed: r.suppressed, baselined: r.baselined }));
  return out.join('\n') + '\n';
}

/** Append the Markdown report to `$GITHUB_STEP_SUMMARY` when it is set (a no-op elsewhere). */
export function writeStepSummary(r: InventoryReport, command: 'scan' | 'check', env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  appendFileSync(file, renderMarkdown(r, command) + '\n');
  return true;
}
