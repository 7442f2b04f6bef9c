import { msg, type Msg } from '../../i18n/msg.js';
import { reachesOpenAI, type PyCall } from './analyze.js';
import type { PyContext } from './context.js';
import { unparen, type Node } from './parse.js';
import type { PyFacts } from './analyze.js';
import type { PyModelSites } from './model-sites.js';
import type { ResolvedTarget } from '../../providers/index.js';
import { routeFor, type Route } from '../../routing/index.js';

/**
 * Which calls of a Python file move onto a routed provider's client (`--route`), the twin of
 * src/lang/js/routing.ts: a call moves when it is made on a module-level client of this file
 * (`client = OpenAI()`) or on a client imported at the top (`from app.llm import client`).
 */
export interface PyRoutePlan {
  moves: Map<PyCall, Route>;
  stuck: Map<PyCall, Msg>;
}

const PLANS = new WeakMap<object, PyRoutePlan>();

export function pyRoutePlan(ctx: PyContext): PyRoutePlan {
  let plan = PLANS.get(ctx.facts);
  if (!plan) PLANS.set(ctx.facts, (plan = makePlan(ctx)));
  return plan;
}

export function pyRouteOfCall(ctx: PyContext, c: PyCall): Route | undefined {
  if (!ctx.target?.routes?.length) return undefined;
  return pyRoutePlan(ctx).moves.get(c);
}

/** The leftmost identifier of a call's function (`client` of `client.embeddings.create`). */
export function pyReceiver(c: PyCall): Node | undefined {
  let e: Node | null = c.node.childForFieldName('function');
  while (e && e.type === 'attribute') e = e.childForFieldName('object');
  return e?.type === 'identifier' ? e : undefined;
}

/** `name = OpenAI(...)` at the module's top level: the construction's binding. */
export function moduleBinding(n: Node): string | undefined {
  const a = n.parent;
  if (a?.type !== 'assignment' || a.childForFieldName('right')?.id !== n.id) return undefined;
  const left = a.childForFieldName('left');
  if (left?.type !== 'identifier' || a.parent?.type !== 'expression_statement' || a.parent.parent?.type !== 'module') return undefined;
  return left.text;
}

function makePlan(ctx: PyContext): PyRoutePlan {
  const plan: PyRoutePlan = { moves: new Map(), stuck: new Map() };
  if (!ctx.target?.routes?.length) return plan;
  for (const c of ctx.facts.calls) {
    const r = routeFor(ctx.target, c.endpoint);
    if (!r || !reachesOpenAI(c.client)) continue;
    const why = cannotMove(ctx, c);
    if (why) plan.stuck.set(c, why);
    else plan.moves.set(c, r);
  }
  return plan;
}

function cannotMove(ctx: Pick<PyContext, 'facts'>, c: PyCall): Msg | undefined {
  if (c.module || c.legacy) return msg('route.why.openaiModule');
  const id = pyReceiver(c);
  if (!id) return msg('route.why.notClientVar');
  const built = ctx.facts.constructions.find((k) => moduleBinding(k.node) === id.text);
  if (built) return built.azure ? msg('route.why.azure') : undefined;
  if (ctx.facts.imports.has(id.text) && ctx.facts.topImports.some((s) => s.text.includes(id.text))) return undefined;
  return msg('route.why.otherScope');
}

/**
 * Model ids a routed call that cannot move reads from a constant (of its module, or imported
 * from another one): the call still reaches the main provider, so the id is not mapped with the
 * routed profile; it leaves the sites to map (`unrouted`: reported by scan, left as written, like
 * the ids inside the call). An id a moved call reads too keeps the routed mapping. The twin of
 * unrouteStuckModels in src/lang/js/routing.ts.
 */
export function pyUnrouteStuckModels(
  modules: Map<string, { facts: PyFacts }>,
  siteMap: Map<string, PyModelSites>,
  target: ResolvedTarget | undefined,
  resolveImport: (abs: string, local: string) => { abs: string; name: string } | undefined,
): void {
  if (!target?.routes?.length) return;
  const stuck = new Map<string, Node[]>();
  const moving = new Map<string, Node[]>();
  for (const [abs, m] of modules) {
    for (const c of m.facts.calls) {
      if (!routeFor(target, c.endpoint) || !reachesOpenAI(c.client)) continue;
      const into = cannotMove(m, c) ? stuck : moving;
      const v = c.kwargs.get('model')?.childForFieldName('value');
      const e = v ? unparen(v) : undefined;
      if (e?.type !== 'identifier') continue;
      const local = m.facts.values.get(e.text);
      const hit = local ? { abs, node: local } : defined(modules, resolveImport(abs, e.text));
      if (hit) into.set(hit.abs, [...(into.get(hit.abs) ?? []), hit.node]);
    }
  }
  const within = (n: Node, outer: Node[] | undefined) => !!outer?.some((o) => n.startIndex >= o.startIndex && n.endIndex <= o.endIndex);
  for (const [abs, nodes] of stuck) {
    const r = siteMap.get(abs);
    if (!r) continue;
    const off = r.sites.filter((s) => within(s.lit, nodes) && !within(s.lit, moving.get(abs)));
    (r.unrouted ??= []).push(...off);
    r.sites = r.sites.filter((s) => !off.includes(s));
  }
}

function defined(modules: Map<string, { facts: PyFacts }>, hit: { abs: string; name: string } | undefined): { abs: string; node: Node } | undefined {
  const node = hit && modules.get(hit.abs)?.facts.values.get(hit.name);
  return node ? { abs: hit!.abs, node } : undefined;
}
