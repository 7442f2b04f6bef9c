import { msg, type Msg } from '../../i18n/msg.js';
import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import { reachesOpenAI, type ApiCall } from './analyze.js';
import type { JsContext } from './context.js';
import { localBinding } from './client-plan.js';
import { isStringLike, propName, unwrap, walk } from './parse.js';
import { routeFor, type Route } from '../../routing/index.js';
import type { ResolvedTarget } from '../../providers/index.js';
import type { CrossModule, ParsedModule } from './cross-module.js';
import type { ModelSiteResult } from './model-sites.js';

/**
 * Which calls of a JS/TS file move onto a routed provider's client (`--route`), decided once
 * before the transforms run (the model ids in a routed call map with the routed profile, the
 * endpoint check reads the routed profile). A call moves when it is made on a module-level
 * client of this file (`const client = new OpenAI()`) or on a client imported into an ES
 * module (`import { openai } from './lib/openai'`); other shapes (`this.client`, a parameter)
 * keep today's behaviour: the main provider's marker, with a word about the route.
 */
export interface RoutePlan {
  /** Calls that move, with their route. */
  moves: Map<ApiCall, Route>;
  /** Calls of a routed capability that cannot move, with the reason. */
  stuck: Map<ApiCall, Msg>;
  /**
   * Module-level clients used for nothing but calls of one route (an embeddings-only client):
   * the client itself is pointed at the routed provider, its calls stay on it.
   */
  whole: Map<ts.NewExpression, Route>;
}

const PLANS = new WeakMap<object, RoutePlan>();

export function routePlan(ctx: JsContext): RoutePlan {
  let plan = PLANS.get(ctx.facts);
  if (!plan) PLANS.set(ctx.facts, (plan = makePlan(ctx)));
  return plan;
}

/** The route a call goes to (moved, or on a client retargeted whole), or undefined. */
export function routeOfCall(ctx: JsContext, c: ApiCall): Route | undefined {
  if (!ctx.target?.routes?.length) return undefined;
  const plan = routePlan(ctx);
  const moved = plan.moves.get(c);
  if (moved) return moved;
  const r = routeFor(ctx.target, c.endpoint);
  if (!r || !c.receiver) return undefined;
  for (const [k, route] of plan.whole) if (route === r && localBinding(k) === c.receiver) return r;
  return undefined;
}

/** The leftmost identifier of a call's callee (`client` of `client.embeddings.create`). */
export function receiverNode(c: ApiCall): ts.Identifier | undefined {
  let e: ts.Expression = c.node.expression;
  while (tsc.isPropertyAccessExpression(e) || tsc.isElementAccessExpression(e) || tsc.isParenthesizedExpression(e) || tsc.isNonNullExpression(e)) e = e.expression;
  return tsc.isIdentifier(e) ? e : undefined;
}

function makePlan(ctx: JsContext): RoutePlan {
  const plan: RoutePlan = { moves: new Map(), stuck: new Map(), whole: new Map() };
  if (!ctx.target?.routes?.length) return plan;
  const esm = ctx.sf.statements.some((s) => tsc.isImportDeclaration(s));
  for (const c of ctx.facts.calls) {
    const r = routeFor(ctx.target, c.endpoint);
    if (!r || !reachesOpenAI(c.client)) continue;
    const why = cannotMove(ctx, c, esm);
    if (why) plan.stuck.set(c, why);
    else plan.moves.set(c, r);
  }
  // Clients whose every use is a moved call of one route: retargeted whole, nothing moves.
  const byReceiver = new Map<string, ApiCall[]>();
  for (const c of plan.moves.keys()) byReceiver.set(c.receiver!, [...(byReceiver.get(c.receiver!) ?? []), c]);
  for (const [name, moved] of byReceiver) {
    const built = ctx.facts.constructions.find((k) => localBinding(k.node) === name);
    if (!built || ctx.facts.exports.has(name) || new Set(moved.map((c) => plan.moves.get(c))).size !== 1) continue;
    let uses = 0;
    walk(ctx.sf, (n) => {
      if (tsc.isIdentifier(n) && n.text === name) uses++;
    });
    if (uses !== moved.length + 1) continue; // the declaration and the moved calls only
    plan.whole.set(built.node, plan.moves.get(moved[0]!)!);
    for (const c of moved) plan.moves.delete(c);
  }
  // A call that stays keeps its OpenAI model id as it is (the routed profile's id would be wrong on the main client).
  for (const c of plan.stuck.keys()) {
    const s = c.node.getStart();
    const inside = (site: { lit: ts.Node }) => site.lit.getStart() >= s && site.lit.end <= c.node.end;
    ctx.models_.foreign.push(...ctx.models_.sites.filter(inside));
    ctx.models_.sites = ctx.models_.sites.filter((site) => !inside(site));
  }
  return plan;
}

function cannotMove(ctx: Pick<JsContext, 'facts' | 'sf'>, c: ApiCall, esm: boolean): Msg | undefined {
  const id = receiverNode(c);
  if (!id || !c.receiver || c.receiver !== id.text) return msg('route.why.notClientVar');
  const built = ctx.facts.constructions.find((k) => localBinding(k.node) === id.text);
  if (built) {
    if (built.azure) return msg('route.why.azure');
    const st = statementOf(built.node);
    if (!st || st.parent !== ctx.sf) return msg('route.why.notTopLevel');
    return undefined;
  }
  if (ctx.facts.imports.has(id.text) && esm) return undefined;
  return msg('route.why.otherScope');
}

/**
 * Model ids a routed call that cannot move reads from elsewhere (a const of its module or of
 * another one): the call still reaches the main provider, so the id is mapped with the main
 * profile, not the routed one. Such sites leave the sites to map (kept as `foreign`, like the
 * ids written inside the call: the main provider has no model of a capability it does not
 * serve). An id a moved call reads too keeps the routed mapping.
 */
export function unrouteStuckModels(parsed: Map<string, ParsedModule>, cross: CrossModule, siteMap: Map<string, ModelSiteResult>, target: ResolvedTarget | undefined): void {
  if (!target?.routes?.length) return;
  const stuck = new Map<string, ts.Node[]>();
  const moving = new Map<string, ts.Node[]>();
  for (const [abs, p] of parsed) {
    const esm = p.sf.statements.some((s) => tsc.isImportDeclaration(s));
    for (const c of p.facts.calls) {
      if (!routeFor(target, c.endpoint) || !reachesOpenAI(c.client)) continue;
      const into = cannotMove(p, c, esm) ? stuck : moving;
      for (const req of c.requests) {
        const m = req.properties.find((x) => tsc.isPropertyAssignment(x) && propName(x.name) === 'model') as ts.PropertyAssignment | undefined;
        for (const d of m ? definitions(cross, abs, m.initializer) : []) into.set(d.abs, [...(into.get(d.abs) ?? []), d.node]);
      }
    }
  }
  const within = (n: ts.Node, outer: ts.Node[] | undefined) => !!outer?.some((o) => n.getStart() >= o.getStart() && n.end <= o.end);
  for (const [abs, nodes] of stuck) {
    const r = siteMap.get(abs);
    if (!r) continue;
    const off = r.sites.filter((s) => within(s.lit, nodes) && !within(s.lit, moving.get(abs)));
    r.foreign.push(...off);
    r.sites = r.sites.filter((s) => !off.includes(s));
  }
}

/** Where a model value is defined, following consts and imports across modules (both sides of `?:`, `||`, `??`). */
function definitions(cross: CrossModule, abs: string, e: ts.Expression, depth = 0): Array<{ abs: string; node: ts.Expression }> {
  if (depth > 8) return [];
  e = unwrap(e);
  if (isStringLike(e)) return [];
  if (tsc.isConditionalExpression(e)) return [...definitions(cross, abs, e.whenTrue, depth + 1), ...definitions(cross, abs, e.whenFalse, depth + 1)];
  if (tsc.isBinaryExpression(e) && (e.operatorToken.kind === tsc.SyntaxKind.BarBarToken || e.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken)) {
    return [...definitions(cross, abs, e.left, depth + 1), ...definitions(cross, abs, e.right, depth + 1)];
  }
  const d = cross.definitionOf(abs, e);
  return d ? [d, ...definitions(cross, d.abs, d.node, depth + 1)] : [];
}

export function statementOf(n: ts.Node): ts.Statement | undefined {
  let p: ts.Node | undefined = n;
  while (p && !tsc.isVariableStatement(p)) p = p.parent;
  return p as ts.Statement | undefined;
}

/** Identifiers of the file (to pick a client name that is free). */
export function fileIdentifiers(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  walk(sf, (n) => {
    if (tsc.isIdentifier(n)) out.add(n.text);
  });
  return out;
}

/** A construction of this file already pointed at the routed provider's host: its binding is reused. */
export function existingRoutedClient(ctx: JsContext, r: Route): string | undefined {
  const host = new URL(r.target.baseURL).host;
  for (const k of ctx.facts.constructions) {
    const b = k.baseURL && tsc.isExpression(k.baseURL) ? k.baseURL : undefined;
    if (!b || !isStringLike(b)) continue;
    try {
      if (new URL(b.text).host === host && localBinding(k.node) && !localBinding(k.node)!.includes('.')) return localBinding(k.node);
    } catch {
      /* not a URL */
    }
  }
  return undefined;
}
