import { msg, refOf } from '../i18n/msg.js';
import type { Finding } from '../engine/types.js';
import type { LineIndex } from '../engine/text.js';
import { RULES, ruleOf } from '../rules/catalogue.js';

/**
 * In-source suppressions, language-agnostic: the directive must follow a
 * comment opener (`//`, `/*`, a block-comment `*` line, `#`, or `;` opening an
 * INI comment line), so it works in JS/TS, Python, YAML, TOML, INI and env files alike.
 *
 *   // openai-migrate-ignore                          every finding on this line / the next
 *   # openai-migrate-ignore openai-env -- reason      only that rule (comma-separate several)
 *   // openai-migrate-ignore-file openai-model        the whole file
 *
 * A directive alone on its line covers that line and the next one; a
 * trailing directive (after code) covers its own line only. A finding is
 * matched by its start line. Directives that silence nothing are reported
 * as `unused-suppression` warnings.
 */
export interface Suppression {
  line: number;
  column: number;
  /** Covers the whole file. */
  file: boolean;
  /** Rule ids it is limited to; empty = all rules. */
  rules: string[];
  reason?: string;
  /** Lines it covers (line directives). */
  lines: number[];
  used: number;
  /** The directive text, for messages. */
  text: string;
}

const DIRECTIVE = /(?:\/\/|\/\*|^[ \t]*\*|#|^[ \t]*;)[ \t]*(openai-migrate-ignore(-file)?)(?![\w-])([^\n]*)/;

/** Parse every directive of a file. */
export function parseSuppressions(lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  if (!lines.text.includes('openai-migrate-ignore')) return out;
  for (let l = 1; l <= lines.lineCount; l++) {
    const text = lines.lineText(l);
    const m = DIRECTIVE.exec(text);
    if (!m) continue;
    // Drop a closing `*/` / `-->`, then split "rules -- reason".
    const rest = m[3]!.replace(/\s*(\*\/|-->)\s*$/, '');
    const dash = rest.indexOf('--');
    const ruleText = (dash >= 0 ? rest.slice(0, dash) : rest).trim();
    const reason = dash >= 0 ? rest.slice(dash + 2).trim() || undefined : undefined;
    const opener = m.index + (m[0].length - m[0].trimStart().length);
    const standalone = text.slice(0, opener).trim() === '';
    out.push({
      line: l,
      column: m.index + m[0].indexOf(m[1]!) + 1,
      file: !!m[2],
      rules: ruleText ? ruleText.split(/[\s,]+/).filter(Boolean) : [],
      reason,
      lines: standalone ? [l, l + 1] : [l],
      used: 0,
      text: `${m[1]}${ruleText ? ' ' + ruleText : ''}`,
    });
  }
  return out;
}

const covers = (s: Suppression, f: Finding) => (s.file || s.lines.includes(f.line)) && (s.rules.length === 0 || s.rules.includes(f.rule));

export interface SuppressResult {
  kept: Finding[];
  suppressed: Finding[];
  /** `unused-suppression` findings for directives that silenced nothing. */
  unused: Finding[];
}

/** Split a file's findings into kept and suppressed; report unused directives. */
export function applySuppressions(findings: Finding[], lines: LineIndex): SuppressResult {
  const sups = parseSuppressions(lines);
  if (!sups.length) return { kept: findings, suppressed: [], unused: [] };
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    // Line directives first, so a file directive is reported unused when a line one already does the job.
    const hit = sups.find((s) => !s.file && covers(s, f)) ?? sups.find((s) => s.file && covers(s, f));
    if (hit) {
      hit.used++;
      suppressed.push(f);
    } else kept.push(f);
  }
  const unused = sups
    .filter((s) => s.used === 0)
    .map((s): Finding => {
      const unknown = s.rules.filter((r) => !ruleOf(r));
      const m = unknown.length ? msg('find.suppressUnknownRule', { s: s.text, rules: unknown.join(', ') }) : msg('find.suppressUnused', { s: s.text });
      return {
        rule: 'unused-suppression',
        kind: 'unused-suppression',
        level: RULES['unused-suppression'].level,
        line: s.line,
        column: s.column,
        endLine: s.line,
        endColumn: s.column + s.text.length,
        message: m.text,
        msg: refOf(m),
        snippet: lines.lineText(s.line),
      };
    });
  return { kept, suppressed, unused };
}
