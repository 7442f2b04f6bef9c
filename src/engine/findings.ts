import { RULES, type RuleId } from '../rules/catalogue.js';
import type { FileContext, Finding } from './types.js';
import { refOf, textOf, type Text } from '../i18n/msg.js';

/**
 * Record a finding for a source range (offsets in the file's text). Shared by
 * every detector so that position, level and snippet are computed one way.
 */
export function addFinding(ctx: FileContext, rule: RuleId, start: number, end: number, message: Text, extra?: Partial<Finding>): void {
  const ref = refOf(message);
  const s = ctx.lines.pos(start);
  const e = ctx.lines.pos(end);
  ctx.findings.push({
    rule,
    kind: rule,
    level: RULES[rule].level,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    message: textOf(message),
    ...(ref ? { msg: ref } : {}),
    snippet: ctx.lines.lineText(s.line),
    ...extra,
  });
}
