import { msg } from '../../src/i18n/msg.js';
import type { Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { blockedCall, featureGapOfCall, markStatement } from '../../src/lang/python/helpers.js';
import { enclosingStatement } from '../../src/lang/python/parse.js';

/**
 * Calls to endpoints the provider lacks stay as they are; a marker comment
 * `# TODO(openai-migrate): <reason>; <action>.` goes once above the statement,
 * and the report lists a manual follow-up.
 */
export const markUnsupportedEndpoints: Transform<PyContext> = {
  id: 'mark-unsupported-endpoints',
  description: 'Mark calls to endpoints the provider does not serve',
  run(ctx) {
    const marked = new Set<number>();
    for (const c of ctx.facts.calls) {
      const b = blockedCall(ctx, c) ?? featureGapOfCall(ctx, c);
      if (!b) continue;
      const st = enclosingStatement(c.node);
      if (!st) continue;
      ctx.followUp(ctx.py.start(c.node), b.reason, b.action);
      if (markStatement(ctx, st, b.reason, b.action, marked)) {
        ctx.change('marker', ctx.py.start(c.node), msg('marker.added', { api: c.path.join('.'), reason: b.reason }), { transform: this.id });
      }
    }
  },
};
