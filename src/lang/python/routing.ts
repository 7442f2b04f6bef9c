import { reachesOpenAI, type PyCall } from './analyze.js';
import type { PyContext } from './context.js';
import type { Node } from './parse.js';
import { routeFor, type Route } from '../../routing/index.js';

/**
 * Which calls of a Python file move onto a routed provider's client (`--route`), the twin of
 * src/lang/js/routing.ts: a call moves when it is made on a module-level client of this file
 * (`client = OpenAI()`) or on a client imported at the top (`from app.llm import client`).
 */
export interface PyRoutePlan {
  moves: Map<PyCall, Route>;
  stuck: Map<PyCall, string>;
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

function cannotMove(ctx: PyContext, c: PyCall): string | undefined {
  if (c.module || c.legacy) return 'the call is made on the openai module';
  const id = pyReceiver(c);
  if (!id) return 'the call is not made on a client variable of this file';
  const built = ctx.facts.constructions.find((k) => moduleBinding(k.node) === id.text);
  if (built) return built.azure ? 'the client is an Azure OpenAI client' : undefined;
  if (ctx.facts.imports.has(id.text) && ctx.facts.topImports.some((s) => s.text.includes(id.text))) return undefined;
  return 'the client comes from a parameter or another scope';
}
