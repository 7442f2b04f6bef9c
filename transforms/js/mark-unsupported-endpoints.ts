import type { Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { enclosingStatement } from '../../src/lang/js/parse.js';
import { eolAt, indentAt } from '../../src/engine/text.js';
import { MARKER_TAG, markerText } from '../../src/rules/endpoints.js';
import { blockedCall, featureGapOfCall } from '../../src/lang/js/blocked.js';

/**
 * Calls to endpoints the provider lacks stay as they are; a marker comment
 * `// TODO(openai-migrate): <reason>` goes once above the statement, and the
 * report lists a manual follow-up.
 */
export const markUnsupportedEndpoints: Transform<JsContext> = {
  id: 'mark-unsupported-endpoints',
  description: 'Mark calls to endpoints the provider does not serve',
  run(ctx) {
    const text = ctx.file.text;
    const marked = new Set<number>();
    for (const c of ctx.facts.calls) {
      const blocked = blockedCall(ctx, c) ?? featureGapOfCall(ctx, c);
      if (!blocked) continue;
      const st = enclosingStatement(c.node);
      if (!st) continue;
      const at = st.getStart();
      if (marked.has(at)) continue;
      marked.add(at);
      const { reason, action } = blocked;
      ctx.followUp(c.node.getStart(), reason, action);
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const prevLineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
      if (lineStart > 0 && text.slice(prevLineStart, lineStart).includes(MARKER_TAG)) continue;
      const ind = indentAt(text, at);
      const eol = eolAt(text, at);
      const comment = `// ${markerText(ctx, reason, action)}`;
      if (/^[ \t]*$/.test(text.slice(lineStart, at))) ctx.edits.add(lineStart, lineStart, ind + comment + eol);
      else ctx.edits.add(at, at, comment + eol + ind);
      ctx.change('marker', c.node.getStart(), `marked ${c.path.join('.')}: ${reason}`, { transform: this.id });
    }
  },
};
