import { msg } from '../../i18n/msg.js';
import { addFinding } from '../../engine/findings.js';
import { reachesOpenAI } from './analyze.js';
import type { PyContext } from './context.js';

/** Where a file's OpenAI client comes from when it is defined outside the given paths. */
export interface PyOrigin {
  /** The module as the file imports it (`app.core.llm`). */
  spec: string;
  /** The defining file, relative. */
  file: string;
}

/** An OpenAI model id a request of the file reads from a module outside the given paths. */
export interface PyOutsideModel {
  start: number;
  end: number;
  id: string;
  file: string;
}

/**
 * Usage in the given paths that reaches OpenAI through a Python module outside
 * them (`check app/worker` where `app/core/llm.py` builds the client): the
 * outside module is read-only and reports nothing itself, so the use site says
 * it, as the JS side does (src/lang/js/outside.ts). A call on a client imported
 * from outside is an error (`openai-via-import`, instead of the note
 * `openai-api-call`) unless the file builds its own OpenAI client; a request
 * whose model id is an OpenAI id defined outside is `openai-model`.
 */
export function reportPyOutsideUse(ctx: PyContext, origin: PyOrigin | undefined, models: PyOutsideModel[]): void {
  const ownClient = ctx.facts.constructions.some((c) => c.status === 'openai');
  if (origin && !ownClient) {
    for (const call of ctx.facts.calls) {
      if (!reachesOpenAI(call.client) || call.module) continue;
      const api = call.path.join('.');
      const start = ctx.py.start(call.node);
      const line = ctx.lines.pos(start).line;
      ctx.findings = ctx.findings.filter((f) => !(f.rule === 'openai-api-call' && f.line === line));
      addFinding(ctx, 'openai-via-import', start, ctx.py.end(call.node), msg('find.outsideClientCall', { api, spec: origin.spec, file: origin.file }), { api, endpoint: call.endpoint });
    }
  }
  for (const m of models) addFinding(ctx, 'openai-model', m.start, m.end, msg('find.outsideModel', { id: m.id, file: m.file }), { model: m.id });
}
