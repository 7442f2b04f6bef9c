import type { InventoryReport, ReportFinding } from '../check/index.js';
import { getLang, t } from '../i18n/index.js';

/** A message without its closing punctuation (so a template can add exactly one). */
export const bare = (s: string) => s.replace(/[\s.。]+$/u, '');

/** A message as a sentence: exactly one closing period (`。` in Chinese output). */
export const sentence = (s: string, lang: 'en' | 'zh' = 'en') => bare(s) + (lang === 'zh' ? '。' : '.');

/** `sentence` in the language of the output. */
export const localSentence = (s: string) => sentence(s, getLang() === 'zh' ? 'zh' : 'en');

/** Findings for viewers that turn each into an alert (SARIF, annotations, Code Quality): `note`s only with --include-notes. */
export function alertable(r: InventoryReport): ReportFinding[] {
  return r.includeNotes ? r.findings : r.findings.filter((f) => f.level !== 'note');
}

/** Files that failed (could not be read or parsed), as the report lists them. */
export const failedFiles = (r: InventoryReport) => r.result.files.filter((f) => f.status === 'failed');

/**
 * The check's verdict in one line: passed, failed on findings, or failed
 * because files could not be read or parsed (said as such, never as
 * "0 finding(s) at or above error").
 */
export function verdict(r: InventoryReport): string {
  if (!r.exitCode) return t('check.passed', { level: r.failOn });
  if (r.filesFailed) return t('check.failedFiles', { files: r.filesFailed, n: r.failing.length, level: r.failOn });
  return t('check.failed', { n: r.failing.length, level: r.failOn });
}
