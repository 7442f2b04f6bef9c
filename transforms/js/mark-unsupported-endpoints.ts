import { msg } from '../../src/i18n/msg.js';
import type { Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { enclosingStatement, walk } from '../../src/lang/js/parse.js';
import { eolAt, indentAt } from '../../src/engine/text.js';
import { isSupported, unsupportedReason } from '../../src/rules/endpoints.js';
import { MARKER_TAG, markerText } from '../../src/rules/markers.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../src/lang/js/ts.js';
import { clientPlan } from '../../src/lang/js/client-plan.js';
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
      ctx.change('marker', c.node.getStart(), msg('marker.added', { api: c.path.join('.'), reason }), { transform: this.id });
    }
    // Realtime clients from the SDK's realtime modules: `new OpenAIRealtimeWS({ model }, client)`, `OpenAIRealtimeWS.azure(client)`.
    const p = ctx.target.provider;
    if (isSupported(p, 'realtime')) return;
    const realtimeClass = (e: ts.Expression) => tsc.isIdentifier(e) && /^openai\/(beta\/)?realtime\b/.test(ctx.facts.imports.get(e.text)?.specifier ?? '');
    walk(ctx.sf, (n) => {
      const hit =
        (tsc.isNewExpression(n) && realtimeClass(n.expression)) ||
        (tsc.isCallExpression(n) && tsc.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'azure' && realtimeClass(n.expression.expression) && !clientPlan(ctx).kept.size);
      if (!hit) return;
      const st = enclosingStatement(n);
      if (!st || marked.has(st.getStart())) return;
      marked.add(st.getStart());
      const { reason, action } = unsupportedReason(p, 'realtime');
      ctx.followUp(n.getStart(), reason, action);
      const at = st.getStart();
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const prevLineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
      if (lineStart > 0 && text.slice(prevLineStart, lineStart).includes(MARKER_TAG)) return;
      const comment = `// ${markerText(ctx, reason, action)}`;
      if (/^[ \t]*$/.test(text.slice(lineStart, at))) ctx.edits.add(lineStart, lineStart, indentAt(text, at) + comment + eolAt(text, at));
      else ctx.edits.add(at, at, comment + eolAt(text, at) + indentAt(text, at));
      ctx.change('marker', n.getStart(), msg('marker.added', { api: n.expression.getText(), reason }), { transform: this.id });
    });
  },
};
