import { msg } from '../../src/i18n/msg.js';
import { paramRemoved } from '../../src/rules/params.js';
import { writeValue } from '../../src/engine/values.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { reachesOpenAI } from '../../src/lang/python/analyze.js';
import { removeItems } from '../../src/lang/python/edit.js';
import { stringContentRange, stringValue } from '../../src/lang/python/parse.js';
import { tierLabel } from '../../src/rules/models.js';

/**
 * Legacy v0 calls name the model with `engine=` / `deployment_id=` (Azure
 * deployments, pre-2022 code). Providers read `model`: the keyword is renamed
 * (or dropped when `model=` is also given) and an OpenAI id is mapped; a
 * deployment name is left with a follow-up. Per-call `organization=`,
 * `api_type=` and `api_version=` go.
 */
export const replaceLegacyEngine: Transform<PyContext> = {
  id: 'replace-legacy-engine',
  description: 'Turn engine=/deployment_id= of legacy v0 calls into model=',
  run(ctx) {
    const t = ctx.target;
    for (const c of ctx.facts.calls) {
      if (!c.legacy || !reachesOpenAI(c.client)) continue;
      const args = c.node.childForFieldName('arguments')!;
      const removed = new Set<number>();
      for (const name of ['organization', 'api_type', 'api_version']) {
        const a = c.kwargs.get(name);
        if (a) {
          removed.add(a.id);
          ctx.change('param-drop', ctx.py.start(a), paramRemoved(name, msg('param.azureOnly')), { transform: this.id });
        }
      }
      for (const name of ['engine', 'deployment_id']) {
        const a = c.kwargs.get(name);
        if (!a) continue;
        if (c.kwargs.has('model')) {
          removed.add(a.id);
          ctx.change('param-drop', ctx.py.start(a), paramRemoved(name, msg('param.modelAlreadySet')), { transform: this.id });
          continue;
        }
        const key = a.childForFieldName('name')!;
        ctx.edits.add(ctx.py.start(key), ctx.py.end(key), 'model');
        ctx.change('param-rename', ctx.py.start(a), msg('param.engineToModel', { name }), { transform: this.id });
        const v = a.childForFieldName('value')!;
        const id = stringValue(v);
        const hit = id !== undefined ? ctx.models.lookup(id) : undefined;
        const r = stringContentRange(ctx.py, v);
        if (hit?.target && r) {
          writeValue(ctx, r.start, r.end, hit.target);
          ctx.change('model', ctx.py.start(v), msg('model.mapped', { from: id!, to: hit.target, tier: tierLabel(hit.tier) }), { transform: this.id, from: id, to: hit.target });
        } else if (hit) {
          ctx.followUp(ctx.py.start(v), msg('model.noTierModel', { provider: shortName(t.provider), tier: tierLabel(hit.tier), id: id! }), msg('model.chooseAndPass', { id: id! }));
        } else {
          ctx.followUp(
            ctx.py.start(v),
            msg('client.engineName', { name, value: id !== undefined ? `"${id}"` : ctx.py.src(v) }),
            msg('model.azureDeployment.todo', { provider: shortName(t.provider), id: t.provider.id }),
          );
        }
      }
      removeItems(ctx.py, ctx.edits, args, removed);
    }
  },
};
