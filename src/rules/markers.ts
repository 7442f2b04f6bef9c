import { maskSecrets } from '../report/mask.js';
import { textOf, type Text } from '../i18n/msg.js';
import { RULES } from './catalogue.js';
import type { FileContext, HandlerError } from '../engine/types.js';

/**
 * `TODO(openai-migrate)` markers: the text a transform writes above a call it cannot migrate, and the
 * finder that reports the markers a file holds (rule migrate-todo). The language handlers call
 * `findMarkers` on their batch once they have processed it; the engine knows nothing of markers.
 */
export const MARKER_TAG = 'TODO(openai-migrate)';

const FULL_MARKERS = new WeakMap<object, Set<string>>();

/**
 * Marker text for a call that cannot be migrated (without comment syntax). The
 * first marker for a reason in a file says what to do; later ones for the same
 * reason only say why (the report lists every site with its action), so a file
 * with twenty Assistants calls does not carry twenty copies of the advice.
 */
export function markerText(file: object, rawReason: Text, rawAction: Text): string {
  // A comment holds one line: line breaks (and `*/`) in a reason would end it early and put the rest in code; secrets are masked.
  // The marker is code: it carries the English text.
  const safe = (s: Text) =>
    maskSecrets(textOf(s))
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
      .replace(/\*\//g, '* /');
  const reason = safe(rawReason);
  const action = safe(rawAction);
  let seen = FULL_MARKERS.get(file);
  if (!seen) FULL_MARKERS.set(file, (seen = new Set()));
  if (seen.has(reason)) return `${MARKER_TAG}: ${reason} (see above).`;
  seen.add(reason);
  return `${MARKER_TAG}: ${reason}; ${action}.`;
}

/**
 * Markers left in the files of a processed batch are findings (rule migrate-todo), one per line,
 * after the file's other findings. Files the handler failed, and files outside the given paths
 * (read only to follow imports), are left out.
 */
export function findMarkers(files: readonly FileContext[], errors: ReadonlyMap<string, HandlerError>): void {
  for (const ctx of files) if (!ctx.file.outside && !errors.has(ctx.file.abs)) fileMarkers(ctx);
}

function fileMarkers(ctx: FileContext): void {
  const text = ctx.file.text;
  let i = text.indexOf(MARKER_TAG);
  while (i >= 0) {
    const s = ctx.lines.pos(i);
    if (!ctx.findings.some((f) => f.rule === 'migrate-todo' && f.line === s.line)) {
      ctx.findings.push({
        rule: 'migrate-todo',
        kind: 'migrate-todo',
        level: RULES['migrate-todo'].level,
        line: s.line,
        column: s.column,
        endLine: s.line,
        endColumn: s.column + MARKER_TAG.length,
        message: ctx.lines
          .lineText(s.line)
          .trim()
          .replace(/^(\/\/|#)\s*/, ''),
        snippet: ctx.lines.lineText(s.line),
      });
    }
    i = text.indexOf(MARKER_TAG, i + MARKER_TAG.length);
  }
}
