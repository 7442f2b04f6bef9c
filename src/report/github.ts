import { appendFileSync } from 'node:fs';
import { printable } from './escape.js';
import type { InventoryReport } from '../check/index.js';
import { ruleOf } from '../rules/catalogue.js';
import { renderMarkdown } from './markdown.js';
import { t } from '../i18n/index.js';
import { localize, localizeMessage as lm, localizeRuleTitle } from '../i18n/messages.js';
import { alertable, bare, failedFiles, localSentence, verdict } from './verdict.js';

/** Escape a workflow-command message (GitHub: `%`, CR, LF); other control characters (ESC...) are shown as escapes. */
export const escapeData = (s: string) =>
  s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => printable(c));

/** Escape a workflow-command property value (also `:` and `,`). */
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

/** GitHub shows at most this many annotations of each level (error, warning, notice) per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * `--format github`: one workflow command per finding, which GitHub Actions
 * shows as an annotation on the file and line (`::error file=...,line=...::msg`).
 * Columns: `col` is the first column, `endColumn` the last one (inclusive), only
 * given when the finding is on one line.
 *
 * GitHub drops annotations past 10 of a level in a step, so each level gets at
 * most 10: files that failed first, then findings; when there are more, the
 * 10th says how many more there are and that the job summary lists them.
 * `note`s are left out unless --include-notes.
 */
export function renderGithub(r: InventoryReport): string {
  const out: string[] = [];
  const byLevel: Record<'error' | 'warning' | 'notice', string[]> = { error: [], warning: [], notice: [] };
  for (const x of failedFiles(r)) {
    byLevel.error.push(`::error file=${escapeProperty(x.file)},title=${escapeProperty(`openai-migrate ${x.errorId}`)}::${escapeData(localSentence(localize(x.reason ?? 'failed', x.reasonMsg)))}`);
  }
  for (const f of alertable(r)) {
    const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `endLine=${f.endLine}`, `col=${f.column}`];
    if (f.endLine === f.line && f.endColumn > f.column) props.push(`endColumn=${f.endColumn - 1}`);
    props.push(`title=${escapeProperty(`openai-migrate ${f.rule}: ${localizeRuleTitle(f.rule, ruleOf(f.rule)?.title ?? f.kind)}`)}`);
    byLevel[COMMAND[f.level]].push(`::${COMMAND[f.level]} ${props.join(',')}::${escapeData(t('gh.line', { message: bare(localize(f.message, f.msg)), fix: bare(lm(f.fix)), help: f.help }))}`);
  }
  for (const [level, lines] of Object.entries(byLevel)) {
    if (lines.length <= ANNOTATIONS_PER_LEVEL) out.push(...lines);
    else {
      out.push(...lines.slice(0, ANNOTATIONS_PER_LEVEL - 1));
      out.push(`::${level} title=openai-migrate::${escapeData(t('md.moreAnnotations', { n: lines.length - (ANNOTATIONS_PER_LEVEL - 1) }))}`);
    }
  }
  out.push(t('gh.summary', { verdict: `openai-migrate ${verdict(r)}`, n: r.findings.length, suppressed: r.suppressed, baselined: r.baselined }));
  return out.join('\n') + '\n';
}

/** Append the Markdown report to `$GITHUB_STEP_SUMMARY` when it is set (a no-op elsewhere). */
export function writeStepSummary(r: InventoryReport, command: 'scan' | 'check', env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  appendFileSync(file, renderMarkdown(r, command, { limit: 50, howTo: true }) + '\n');
  return true;
}
