import { msg } from '../../src/i18n/msg.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform, MigrateContext } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { replaceStringContent } from '../../src/lang/js/edit.js';
import { propName } from '../../src/lang/js/parse.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../src/lang/js/ts.js';
import { blockedCall } from '../../src/lang/js/blocked.js';
import { appFilledKeyClass } from '../../src/lang/js/client-plan.js';
import { tierLabel } from '../../src/rules/models.js';
import { inModelTable } from '../../src/lang/js/model-tables.js';
import { noEquivalentAction } from '../../src/rules/endpoints.js';
import { isTestPath } from '../../src/rules/adapters.js';
import { collapsedIds, collapsedIdsFollowUp } from '../../src/rules/models.js';
import { modelLiterals, requestContent } from '../../src/lang/js/request-content.js';
import { modelForContent, type ContentDecision } from '../../src/rules/content.js';

/**
 * OpenAI model ids become the provider's ids, by tier, wherever the analysis
 * found them (request fields, the constants they flow from, model-named
 * places). An id with no equivalent is left and listed as a follow-up.
 */
export const mapModelIds: Transform<JsContext> = {
  id: 'map-model-ids',
  description: "Replace OpenAI model ids with the provider's ids (by tier)",
  run(ctx) {
    const t = ctx.target;
    const unsupportedCalls = ctx.facts.calls.filter((c) => blockedCall(ctx, c));
    const inUnsupportedCall = (n: ts.Node) => unsupportedCalls.some((c) => n.pos >= c.node.pos && n.end <= c.node.end);
    // Arrays of model names that are lookup tables stay as they are (one follow-up each).
    const isTable = (lit: ts.Node) => inModelTable(ctx, lit);
    // A test file never has two distinct ids collapsed onto one (`isReasoning('o3-mini')` and
    // `isReasoning('gpt-4o')` must stay distinct): then its ids are left and reported once.
    const collapsed = isTestPath(ctx.file.rel)
      ? collapsedIds(
          ctx.models_.sites.map((s) => s.id),
          (id) => ctx.models.lookup(id)?.target ?? undefined,
        )
      : undefined;
    if (collapsed) {
      const note = collapsedIdsFollowUp(collapsed, shortName(t.provider));
      ctx.followUp(ctx.models_.sites[0]!.lit.getStart(), note.reason, note.action);
    }
    const left = ctx.models_.testLeft ?? [];
    if (left.length) {
      ctx.followUp(left[0]!.lit.getStart(), msg('tests.openaiIdsLeft', { ids: [...new Set(left.map((s) => s.id))].join(', ') }), msg('tests.openaiIdsLeft.todo'));
    }
    if (ctx.models_.undecided.length) {
      const u = ctx.models_.undecided;
      ctx.followUp(u[0]!.lit.getStart(), msg('model.unresolvedHost', { ids: [...new Set(u.map((s) => s.id))].join(', ') }), msg('model.unresolvedHost.todo', { provider: shortName(t.provider) }));
    }
    // Ids a closed OpenAI-id type holds (`const MODEL: TiktokenModel = 'gpt-4.1-mini'`): left, one follow-up each.
    for (const s of ctx.models_.pinned) {
      const params = { id: s.id, type: s.type, provider: shortName(t.provider) };
      if (s.request) ctx.followUp(s.lit.getStart(), msg('model.closedTypeRequest', params), msg('model.closedTypeRequest.todo', params));
      else ctx.followUp(s.lit.getStart(), msg('model.closedType', params), msg('model.closedType.todo', params));
    }
    const byContent = contentDecisions(ctx);
    for (const s of collapsed ? [] : ctx.models_.sites) {
      const m = ctx.models.lookup(s.id);
      if (!m) continue;
      // Calls the provider cannot serve are left intact (they are marked instead).
      if (inUnsupportedCall(s.lit)) continue;
      // A settings class whose key field the app fills keeps its URL (retarget-raw-http), so its ids stay with it.
      if (appFilledKeyClass(s.lit)) continue;
      if (isTable(s.lit)) continue;
      const d = m.via === 'tier' ? byContent.get(s.lit) : undefined;
      if (d?.model) {
        replaceStringContent(ctx.edits, s.lit, d.model);
        ctx.change('model', s.lit.getStart(), msg('model.mappedFor', { from: s.id, to: d.model, reason: d.reason! }), { transform: this.id, from: s.id, to: d.model });
      } else if (m.target) {
        if (m.target === s.id) continue;
        replaceStringContent(ctx.edits, s.lit, m.target);
        ctx.change('model', s.lit.getStart(), msg('model.mapped', { from: s.id, to: m.target, tier: tierLabel(m.tier) }), { transform: this.id, from: s.id, to: m.target });
        if (m.tier === 'embeddingSmall' || m.tier === 'embeddingLarge') {
          ctx.followUp(s.lit.getStart(), msg('model.embeddingChanged', { from: s.id, to: m.target }), msg('model.embeddingChanged.todo'));
        }
      } else if (!inUnsupportedCall(s.lit)) {
        ctx.followUp(
          s.lit.getStart(),
          m.tier === 'fine-tuned' ? msg('model.fineTuned', { id: s.id }) : msg('model.noTierModel', { provider: shortName(t.provider), tier: tierLabel(m.tier), id: s.id }),
          m.tier === 'fine-tuned' ? msg('model.noEquivalent.choose', { id: s.id }) : noEquivalentAction(t.provider, m.tier, s.id),
        );
      }
    }
    for (const d of ctx.models_.dynamic) {
      ctx.followUp(d.getStart(), msg('model.dynamic'), msg('model.dynamic.todo', { provider: shortName(t.provider) }));
    }
    for (const b of ctx.models_.branches) {
      ctx.followUp(b.getStart(), msg('model.branches'), msg('model.branches.todo'));
    }
    // Azure: `model` is a deployment name, not a model id.
    for (const c of ctx.facts.calls) {
      if (c.client !== 'azure') continue;
      for (const r of c.requests) {
        const p = r.properties.find((x) => propName(x.name) === 'model');
        if (p && tsc.isPropertyAssignment(p) && tsc.isStringLiteral(p.initializer) && !ctx.models.lookup(p.initializer.text)) {
          ctx.followUp(p.getStart(), msg('model.azureDeployment', { name: p.initializer.text }), msg('model.azureDeployment.todo', { provider: shortName(t.provider), id: t.provider.id }));
        }
      }
    }
  },
};

/**
 * Per model literal, the choice the request content makes (image/audio parts, tools) over the
 * tier map; follow-ups where the content needs a model this file cannot pick (the id comes from
 * another module, or the messages are built at run time).
 */
function contentDecisions(ctx: MigrateContext<JsContext>): Map<ts.Node, ContentDecision> {
  const out = new Map<ts.Node, ContentDecision>();
  const p = ctx.target.provider;
  for (const c of ctx.facts.calls) {
    if (c.endpoint !== 'chat' && c.endpoint !== 'responses') continue;
    if (c.client === 'other' || c.client === 'unresolved' || c.client === 'target') continue;
    const mp = c.requests.flatMap((r) => r.properties).find((x) => propName(x.name) === 'model');
    const expr = mp && tsc.isPropertyAssignment(mp) ? mp.initializer : mp && tsc.isShorthandPropertyAssignment(mp) ? mp.name : undefined;
    if (!mp || !expr) continue;
    const content = requestContent(ctx.facts, c.requests);
    if (content.image === 'no' && content.audio === 'no' && content.file !== 'yes' && !content.tools) continue;
    const { lits: all, complete } = modelLiterals(ctx.facts, expr);
    // An id a closed OpenAI-id type holds stays as it is (its own follow-up says so): no model is chosen for it.
    const pinned = new Set<ts.Node>(ctx.models_.pinned.map((s) => s.lit));
    const lits = all.filter((l) => !pinned.has(l));
    if (all.length && !lits.length && complete) continue;
    const said = new Set<string>();
    const say = (d: ContentDecision) => {
      if (d.followUp && !said.has(d.followUp.reason.text)) {
        said.add(d.followUp.reason.text);
        ctx.followUp(mp.getStart(), d.followUp.reason, d.followUp.action);
      }
    };
    for (const lit of lits) {
      const m = ctx.models.lookup(lit.text);
      if (!m?.target || m.via !== 'tier') continue;
      const d = modelForContent(p, lit.text, m.target, content);
      if (d.model && !out.has(lit)) out.set(lit, d);
      say(d);
    }
    if (!complete) {
      // The id is defined in another module: the literal there is mapped by its tier; name the alternative here.
      for (const id of ctx.modelValues(expr)) {
        if (lits.some((l) => l.text === id)) continue;
        const m = ctx.models.lookup(id);
        if (!m?.target || m.via !== 'tier') continue;
        const d = modelForContent(p, id, m.target, content);
        if (d.model)
          say({
            followUp: {
              reason: msg('content.definedElsewhere', { reason: d.reason!, id, target: m.target }),
              action: msg('content.definedElsewhere.todo', { model: d.model, id }),
            },
          });
        else say(d);
      }
    }
  }
  return out;
}
