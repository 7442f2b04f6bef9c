import { appMovesKeys, pyAppDir } from '../../src/lang/python/client-plan.js';
import { msg } from '../../src/i18n/msg.js';
import { writeValue } from '../../src/engine/values.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform, MigrateContext } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { blockedCall } from '../../src/lang/python/helpers.js';
import { inUnmigratedWrapper } from './wrapper-markers.js';
import { keptWrapperModelLiterals } from './migrate-langchain.js';
import { stringContentRange, stringValue, unparen, walk, type Node } from '../../src/lang/python/parse.js';
import { isOpenAIId } from '../../src/lang/python/model-sites.js';
import { collapsedIds, collapsedIdsFollowUp, isModelLookupTable, tierLabel } from '../../src/rules/models.js';
import { noEquivalentAction } from '../../src/rules/endpoints.js';
import { isTestPath } from '../../src/rules/adapters.js';
import { pyModelLiterals, pyRequestContent } from '../../src/lang/python/request-content.js';
import { modelForContent, type ContentDecision } from '../../src/rules/content.js';
import { reachesOpenAI } from '../../src/lang/python/analyze.js';
import { envModelDefaultSites } from '../../src/lang/python/detect.js';

/**
 * OpenAI model ids become the provider's ids, by tier, wherever the analysis
 * found them (request keywords and keys, the constants they flow from,
 * model-named places). An id with no equivalent is left and listed.
 */
/**
 * Nothing in this module's app moves to the provider (a CrewAI app of a monorepo whose other apps move): its ids reach
 * what stays (CrewAI's `LLM(model=settings.llm_model)` calls OpenAI), so they stay too, said once.
 */
function appLeftAlone(ctx: MigrateContext<PyContext>): boolean {
  if (!ctx.keptSettings?.reachingApps?.size || appMovesKeys(ctx, ctx.keptSettings.reachingApps)) return false;
  const sites = ctx.models_.sites;
  if (sites[0]) {
    const ids = [...new Set(sites.map((s) => s.id))].join(', ');
    ctx.followUp(ctx.py.start(sites[0].lit), msg('model.appNotMigrated', { ids, app: pyAppDir(ctx.file.abs, ctx.file.rel) }), msg('model.appNotMigrated.todo'));
  }
  return true;
}

export const mapModelIds: Transform<PyContext> = {
  id: 'map-model-ids',
  description: "Replace OpenAI model ids with the provider's ids (by tier)",
  run(ctx) {
    const t = ctx.target;
    const py = ctx.py;
    if (appLeftAlone(ctx)) return;
    const blocked = ctx.facts.calls.filter((c) => blockedCall(ctx, c));
    const inBlocked = (n: Node) => blocked.some((c) => py.start(n) >= py.start(c.node) && py.end(n) <= py.end(c.node));
    // Lists/sets/tuples of model names that are lookup tables stay as they are (one follow-up each).
    const tables = new Map<number, boolean>();
    const isTable = (lit: Node): boolean => {
      const coll = lit.parent;
      if (!coll || !['list', 'set', 'tuple'].includes(coll.type)) return false;
      if (!tables.has(coll.id)) {
        const items = coll.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
        const values = items.map((c) => stringValue(c));
        // A set literal is a membership table (`VISION = {"gpt-4o", ...}`): never a configured choice.
        const table =
          values.every((v) => v !== undefined) &&
          (coll.type === 'set' ||
            membershipTable(ctx, coll) ||
            isModelLookupTable(values as string[], (v) => {
              const m = ctx.models.lookup(v);
              return m ? m.target : undefined;
            }));
        tables.set(coll.id, table);
        if (table) ctx.followUp(py.start(coll), msg('model.lookupTable'), msg('model.lookupTable.todo', { provider: shortName(t.provider) }));
      }
      return tables.get(coll.id)!;
    };
    // A test file never has two distinct ids collapsed onto one: then its ids are left and reported once.
    const collapsed = isTestPath(ctx.file.rel)
      ? collapsedIds(
          ctx.models_.sites.map((s) => s.id),
          (id) => ctx.models.lookup(id)?.target ?? undefined,
        )
      : undefined;
    if (collapsed) {
      const note = collapsedIdsFollowUp(collapsed, shortName(t.provider));
      ctx.followUp(py.start(ctx.models_.sites[0]!.lit), note.reason, note.action);
    }
    const left = ctx.models_.testLeft ?? [];
    if (left.length) {
      ctx.followUp(py.start(left[0]!.lit), msg('tests.openaiIdsLeft', { ids: [...new Set(left.map((s) => s.id))].join(', ') }), msg('tests.openaiIdsLeft.todo'));
    }
    if (ctx.models_.undecided.length) {
      const u = ctx.models_.undecided;
      ctx.followUp(py.start(u[0]!.lit), msg('model.unresolvedHost', { ids: [...new Set(u.map((s) => s.id))].join(', ') }), msg('model.unresolvedHost.todo', { provider: shortName(t.provider) }));
    }
    reportAzureFlags(ctx);
    const keptWrapperIds = keptWrapperModelLiterals(ctx);
    const byContent = contentDecisions(ctx);
    for (const s of collapsed ? [] : ctx.models_.sites) {
      const m = ctx.models.lookup(s.id);
      if (!m) continue;
      if (isTable(s.lit)) continue;
      const r = stringContentRange(py, s.lit);
      // Calls the provider cannot serve are left intact (they are marked instead), and so are wrappers left on OpenAI (llama-index 0.9).
      if (inBlocked(s.lit) || inUnmigratedWrapper(ctx, s.lit) || keptWrapperIds.has(s.lit.id)) continue;
      const d = m.via === 'tier' ? byContent.get(s.lit.id) : undefined;
      if (d?.model && r) {
        ctx.edits.add(r.start, r.end, d.model);
        ctx.change('model', py.start(s.lit), msg('model.mappedFor', { from: s.id, to: d.model, reason: d.reason! }), { transform: this.id, from: s.id, to: d.model });
      } else if (m.target) {
        if (m.target === s.id || !r) continue;
        writeValue(ctx, r.start, r.end, m.target);
        ctx.change('model', py.start(s.lit), msg('model.mapped', { from: s.id, to: m.target, tier: tierLabel(m.tier) }), { transform: this.id, from: s.id, to: m.target });
        if (m.tier === 'embeddingSmall' || m.tier === 'embeddingLarge') {
          ctx.followUp(py.start(s.lit), msg('model.embeddingChanged', { from: s.id, to: m.target }), msg('model.embeddingChanged.todo'));
        }
      } else if (!inBlocked(s.lit)) {
        ctx.followUp(
          py.start(s.lit),
          m.tier === 'fine-tuned' ? msg('model.fineTuned', { id: s.id }) : msg('model.noTierModel', { provider: shortName(t.provider), tier: tierLabel(m.tier), id: s.id }),
          m.tier === 'fine-tuned' ? msg('model.noEquivalent.choose', { id: s.id }) : noEquivalentAction(t.provider, m.tier, s.id),
        );
      }
    }
    for (const d of ctx.models_.dynamic) ctx.followUp(py.start(d), msg('model.dynamic'), msg('model.dynamic.todo', { provider: shortName(t.provider) }));
    // `os.getenv("OPENAI_MODEL", "gpt-4o-mini")` handed on to code the tool cannot follow (check reports it too).
    for (const d of envModelDefaultSites(ctx)) {
      const to = ctx.models.lookup(d.id)?.target;
      ctx.followUp(
        py.start(d.node),
        msg('model.envDefaultLeft', { name: d.name, id: d.id }),
        msg('model.envDefaultLeft.todo', { provider: shortName(t.provider), to: to ?? `<${shortName(t.provider)} id>` }),
      );
    }
    for (const b of ctx.models_.branches) ctx.followUp(py.start(b), msg('model.branches'), msg('model.branches.todo'));
    // `model=self.model` set from a constructor parameter: the ids the callers pass are not followed (another module's
    // `Chat(model=OPENAI_MODEL)`, found on Shinichi-Nakagawa/sample-restful-openai). Said once per class.
    const saidClasses = new Set<string>();
    for (const c of ctx.facts.calls) {
      if (c.client !== 'openai' || inBlocked(c.node)) continue;
      const from = constructorModel(c.kwargs.get('model')?.childForFieldName('value') ?? undefined);
      if (!from || saidClasses.has(from.cls)) continue;
      saidClasses.add(from.cls);
      ctx.followUp(
        py.start(c.node),
        msg('model.fromConstructor', { expr: from.expr, cls: from.cls }),
        msg('model.fromConstructor.todo', { cls: from.cls, provider: shortName(t.provider), id: t.provider.id }),
      );
    }
    // Azure: `model` is a deployment name, not a model id.
    for (const c of ctx.facts.calls) {
      if (c.client !== 'azure') continue;
      const v = c.kwargs.get('model')?.childForFieldName('value');
      const id = stringValue(v);
      if (v && id !== undefined && !isOpenAIId(id) && !ctx.models.lookup(id)?.target) {
        ctx.followUp(py.start(v), msg('model.azureDeployment', { name: id }), msg('model.azureDeployment.todo', { provider: shortName(t.provider), id: t.provider.id }));
      }
    }
  },
};

/**
 * `model=self.model` where the class sets `self.model = model` from a parameter of its constructor with no literal
 * default: the id comes from the class's callers.
 */
function constructorModel(v: Node | undefined): { expr: string; cls: string } | undefined {
  const u = v ? unparen(v) : undefined;
  if (u?.type !== 'attribute' || u.childForFieldName('object')?.text !== 'self') return undefined;
  let cls: Node | null = u.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  if (!cls) return undefined;
  const attr = u.childForFieldName('attribute')!.text;
  let init: Node | undefined;
  walk(cls, (n) => {
    if (init) return false;
    if (n.type === 'function_definition' && n.childForFieldName('name')?.text === '__init__') init = n;
  });
  if (!init) return undefined;
  let param: string | undefined;
  walk(init, (n) => {
    if (param !== undefined || n.type !== 'assignment' || n.childForFieldName('left')?.text.replace(/\s+/g, '') !== `self.${attr}`) return;
    const r = n.childForFieldName('right');
    if (r?.type === 'identifier') param = r.text;
  });
  if (!param) return undefined;
  for (const p of init.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const name = p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.namedChildren.find((k) => k?.type === 'identifier'))?.text;
    if (name !== param) continue;
    // a literal default is a site of its own (model-sites.ts)
    if (stringValue(p.childForFieldName('value')) !== undefined) return undefined;
    const name_ = cls.childForFieldName('name')?.text ?? '';
    // built in this module too: its callers' literal ids are model-named keywords, sites of their own
    let local = false;
    walk(u.tree.rootNode, (n) => {
      if (local) return false;
      if (n.type === 'call' && n.childForFieldName('function')?.text === name_) local = true;
    });
    return local ? undefined : { expr: u.text, cls: name_ };
  }
  return undefined;
}

/**
 * A tuple or list bound to a name the module tests membership in (`if model not in VISION_MODELS:`), directly or
 * through a concatenation (`ALL = GPT_4 + VISION_MODELS`): a lookup table whatever its size. Mapped, the single
 * `("gpt-4o",)` stopped matching the configured `gpt-4o` (n3d1117/chatgpt-telegram-bot raised NotImplementedError).
 */
function membershipTable(ctx: MigrateContext<PyContext>, coll: Node): boolean {
  const name = boundName(coll);
  if (!name) return false;
  let m = testedNames.get(ctx);
  if (!m) testedNames.set(ctx, (m = namesTestedIn(ctx.py.root)));
  return m.tested.has(name) || (m.concat.get(name) ?? []).some((n) => m!.tested.has(n));
}

/** Per context: the names the module tests membership in, and the names each is concatenated into (one walk). */
const testedNames = new WeakMap<object, { tested: Set<string>; concat: Map<string, string[]> }>();

function namesTestedIn(root: Node): { tested: Set<string>; concat: Map<string, string[]> } {
  const tested = new Set<string>();
  const concat = new Map<string, string[]>();
  walk(root, (n) => {
    if (n.type === 'comparison_operator') {
      const ops = n.children.filter((c) => c && !c.isNamed).map((c) => c!.text);
      const right = n.namedChildren[1];
      if (ops.some((o) => o === 'in' || o === 'not in') && right?.type === 'identifier') tested.add(right.text);
    } else if (n.type === 'binary_operator' && n.parent?.type === 'assignment') {
      const to = n.parent.childForFieldName('left');
      if (to?.type !== 'identifier') return;
      walk(n, (x) => {
        if (x.type === 'identifier') concat.set(x.text, [...(concat.get(x.text) ?? []), to.text]);
      });
    }
  });
  return { tested, concat };
}

/** `NAME = (...)` / `NAME: T = [...]`: the name a collection literal is bound to. */
function boundName(coll: Node): string | undefined {
  const a = unparen(coll).parent;
  const left = a?.type === 'assignment' && a.childForFieldName('right')?.id === coll.id ? a.childForFieldName('left') : undefined;
  return left?.type === 'identifier' ? left.text : undefined;
}

/** Per model string (node id), the choice the request content makes over the tier map (see src/rules/content.ts). */
function contentDecisions(ctx: MigrateContext<PyContext>): Map<number, ContentDecision> {
  const out = new Map<number, ContentDecision>();
  const p = ctx.target.provider;
  for (const c of ctx.facts.calls) {
    if ((c.endpoint !== 'chat' && c.endpoint !== 'responses') || !reachesOpenAI(c.client)) continue;
    const content = pyRequestContent(ctx.facts, ctx.py.root, c);
    if (content.image === 'no' && content.audio === 'no' && content.file !== 'yes' && !content.tools) continue;
    const { lits, complete, at } = pyModelLiterals(ctx.facts, c);
    if (!at) continue;
    const said = new Set<string>();
    const say = (d: ContentDecision) => {
      if (d.followUp && !said.has(d.followUp.reason.text)) {
        said.add(d.followUp.reason.text);
        ctx.followUp(ctx.py.start(at), d.followUp.reason, d.followUp.action);
      }
    };
    for (const lit of lits) {
      const id = stringValue(lit)!;
      const m = ctx.models.lookup(id);
      if (!m?.target || m.via !== 'tier') continue;
      const d = modelForContent(p, id, m.target, content);
      if (d.model && !out.has(lit.id)) out.set(lit.id, d);
      say(d);
    }
    if (!complete && !lits.length && content.image === 'yes' && p.tierMap.vision) {
      say({
        followUp: {
          reason: msg('content.imageElsewhere', { vision: p.tierMap.vision }),
          action: msg('content.imageElsewhere.todo', { vision: p.tierMap.vision }),
        },
      });
    }
  }
  return out;
}

/** The ids left for a call that picks Azure by a flag, and a flagged class's own default (model-sites.ts): one follow-up each. */
function reportAzureFlags(ctx: MigrateContext<PyContext>): void {
  const t = ctx.target;
  const py = ctx.py;
  const az = ctx.models_.azureFlag;
  if (az) {
    const callee = az.call.childForFieldName('function')?.text ?? '';
    ctx.followUp(
      py.start(az.sites[0]!.lit),
      msg('model.azureFlag', { ids: [...new Set(az.sites.map((s) => s.id))].join(', '), call: `${callee}(..., ${az.flag})` }),
      msg('model.azureFlag.todo', { provider: shortName(t.provider) }),
    );
  }
  const ad = ctx.models_.azureDefault;
  if (ad) {
    ctx.followUp(
      py.start(ad.sites[0]!.lit),
      msg('model.azureFlagDefault', { ids: [...new Set(ad.sites.map((s) => s.id))].join(', '), fn: ownerName(ad.fn), flag: ad.flag }),
      msg('model.azureFlagDefault.todo', { provider: shortName(t.provider), flag: ad.flag }),
    );
  }
}

/** `def __init__` names its class (`ChatOpenAIModel`), another function itself. */
function ownerName(fn: Node): string {
  const name = fn.childForFieldName('name')?.text ?? '';
  if (name !== '__init__') return name;
  let p: Node | null = fn.parent;
  while (p && p.type !== 'class_definition') p = p.parent;
  return p?.childForFieldName('name')?.text ?? name;
}
