import { msg } from '../../i18n/msg.js';
import { addFinding } from '../../engine/findings.js';
import { classifyOpenAIModel } from '../../models/openai-catalog.js';
import type { JsContext } from './context.js';
import type { CrossModule } from './cross-module.js';
import { tsc } from './ts.js';
import { propName } from './parse.js';

/**
 * Usage in the given paths that reaches OpenAI through a module outside them
 * (`check apps/worker` where the client and the model ids live in `packages/ai`):
 * those modules are read-only and report nothing themselves, so the use site
 * says it. A call on a client or factory imported from outside is an error
 * (`openai-via-import`, instead of the note `openai-api-call`), and so is a
 * request whose model id is an OpenAI id defined outside (`openai-model`).
 */
export function reportOutsideUse(ctx: JsContext, cross: CrossModule): void {
  const abs = ctx.file.abs;
  const origins = cross.outsideClients(abs);
  const rel = (f: string) => cross.relOf(f);
  const ownClient = ctx.facts.constructions.some((c) => c.status === 'openai');
  for (const call of ctx.facts.calls) {
    if (call.client !== 'openai') continue;
    const api = call.path.join('.');
    const start = call.node.expression.getStart();
    if (origins.length && !ownClient) {
      const o = origins[0]!;
      ctx.findings = ctx.findings.filter((f) => !(f.rule === 'openai-api-call' && f.line === ctx.lines.pos(start).line));
      addFinding(ctx, 'openai-via-import', start, call.node.expression.end, msg('find.outsideClientCall', { api, spec: o.spec, file: rel(o.file) }), { api, endpoint: call.endpoint });
    }
    for (const req of call.requests) {
      const m = req.properties.find((x) => propName(x.name) === 'model');
      if (!m || !tsc.isPropertyAssignment(m)) continue;
      for (const d of cross.stringDefinitions(abs, m.initializer)) {
        if (d.abs === abs || !cross.isOutside(d.abs) || !classifyOpenAIModel(d.text)) continue;
        addFinding(ctx, 'openai-model', m.initializer.getStart(), m.initializer.end, msg('find.outsideModel', { id: d.text, file: rel(d.abs) }), { model: d.text });
      }
    }
  }
}
