import { msg } from '../../../src/i18n/msg.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../../src/lang/js/ts.js';
import { shortName } from '../../../src/providers/index.js';
import type { Transform } from '../../../src/engine/types.js';
import type { JsContext } from '../../../src/lang/js/context.js';
import { flattenAccess, propName, unwrap, walk } from '../../../src/lang/js/parse.js';
import { addMarker, mapModelLiteral, state, wrapperSites } from '../../../src/lang/js/wrappers/common.js';
import { findImports } from '../../../src/lang/js/wrappers/imports.js';
import { inModelTable } from '../../../src/lang/js/model-tables.js';
import { modelLiterals as literalsOf } from '../../../src/lang/js/request-content.js';

const TOKENIZERS = ['tiktoken', 'tiktoken/lite', '@dqbd/tiktoken', '@dqbd/tiktoken/lite', 'js-tiktoken', 'js-tiktoken/lite'];
const FOR_MODEL = new Set(['encoding_for_model', 'encodingForModel']);

/**
 * What no rewrite can make right gets a marker comment and one follow-up per
 * site: tokenizers keyed on model names (`encoding_for_model(model)` now fed a
 * provider id), code branching on OpenAI model names (the core lists the
 * follow-up; this adds the marker), Azure deployment names used as model ids.
 * Files that use OpenAI only through wrappers or raw HTTP also get the core's
 * model-named-place mapping here.
 */
export const markModelBoundCode: Transform<JsContext> = {
  id: 'mark-model-bound-code',
  description: 'Mark tokenizers, model-name branches and Azure deployment names the provider models break',
  run(ctx) {
    const t = ctx.target;
    const p = t.provider;
    // Wrapper-only files: model-named places, dynamic ids and branches, as the core does for SDK files.
    const extra = wrapperSites(ctx);
    if (extra) {
      for (const s of extra.sites) if (!inModelTable(ctx, s.lit)) mapModelLiteral(ctx, s.lit, this.id);
      for (const d of extra.dynamic) ctx.followUp(d.getStart(), msg('model.dynamic'), msg('model.dynamic.todo', { provider: shortName(p) }));
    }
    const branches = extra ? extra.branches : ctx.usesOpenAI ? ctx.models_.branches : [];
    for (const b of branches) {
      // The core already lists the follow-up for SDK files: add only the marker there.
      addMarker(ctx, b, msg('model.branches'), msg('model.branches.todo'), this.id, !!extra);
    }
    // Tokenizers keyed on a model name.
    const decls = findImports(ctx.sf, (s) => TOKENIZERS.includes(s));
    if (decls.length) {
      const fns = new Set<string>();
      const ns = new Set<string>();
      for (const d of decls)
        for (const b of d.bindings) {
          if (FOR_MODEL.has(b.imported)) fns.add(b.local);
          if (b.imported === '*' || b.imported === 'default') ns.add(b.local);
        }
      const mapped = state(ctx).mapped;
      const coreSites = new Set<ts.Node>(ctx.models_.sites.map((s) => s.lit));
      walk(ctx.sf, (n) => {
        if (!tsc.isCallExpression(n)) return;
        const { base, names } = flattenAccess(n.expression);
        const isFn = (tsc.isIdentifier(base) && !names.length && fns.has(base.text)) || (tsc.isIdentifier(base) && ns.has(base.text) && names.length === 1 && FOR_MODEL.has(names[0]!));
        if (!isFn || !n.arguments[0]) return;
        const arg = unwrap(n.arguments[0]);
        const { lits, complete } = literalsOf(ctx.facts, arg);
        // A literal OpenAI id left as it is still works (also behind a constant the tool leaves); a value
        // it cannot follow, or a mapped id, is a provider model now.
        const fed = !complete || lits.some((l) => coreSites.has(l) || (mapped.has(l) && ctx.models.lookup(l.text)?.target));
        if (!fed) return;
        addMarker(ctx, n, msg('tokenizer.openaiNamesOnly', { fn: names[0] ?? base.getText(), provider: shortName(p) }), msg('tokenizer.openaiNamesOnly.todo', { provider: shortName(p) }), this.id);
      });
    }
    // Azure deployment names used as the model (the core lists the follow-up).
    for (const c of ctx.facts.calls) {
      if (c.client !== 'azure') continue;
      for (const r of c.requests) {
        const m = r.properties.find((x) => propName(x.name) === 'model');
        if (m && tsc.isPropertyAssignment(m) && tsc.isStringLiteral(m.initializer) && !ctx.models.lookup(m.initializer.text)) {
          addMarker(ctx, m, msg('model.azureDeployment', { name: m.initializer.text }), msg('model.azureDeployment.todoFrom', { provider: shortName(p), id: p.id }), this.id, false);
        }
      }
    }
  },
};
