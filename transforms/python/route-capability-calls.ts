import { msg } from '../../src/i18n/msg.js';
import type { Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { shortName } from '../../src/providers/index.js';
import { quote, eolAt } from '../../src/engine/text.js';
import { keyExpr, lineEnd, needImport } from '../../src/lang/python/helpers.js';
import { moduleBinding, pyReceiver, pyRoutePlan } from '../../src/lang/python/routing.js';
import { unsupportedReason } from '../../src/rules/endpoints.js';
import { routedClientName, type Route } from '../../src/routing/index.js';
import { walk, type Node } from '../../src/lang/python/parse.js';

/**
 * `--route embeddings=qwen` in Python: calls of a routed capability on a migrated client move onto
 * one client per routed provider, created below the main client (or after the imports when the
 * client is imported): `embeddings_client = OpenAI(base_url="...", api_key=os.environ["DASHSCOPE_API_KEY"])`,
 * `AsyncOpenAI` where the main client is async (or the moved call is awaited).
 */
export const routeCapabilityCalls: Transform<PyContext> = {
  id: 'route-capability-calls',
  description: 'Move calls of a routed capability (--route embeddings=qwen) onto a client for the routed provider',
  run(ctx) {
    const plan = pyRoutePlan(ctx);
    const py = ctx.py;
    const main = ctx.target.provider;
    for (const [c, why] of plan.stuck) {
      const r = ctx.target.routes!.find((x) => x.endpoint === c.endpoint)!;
      ctx.followUp(
        py.start(c.node),
        msg('route.notMoved', { call: c.path.join('.'), provider: shortName(r.target.provider), why }),
        msg('route.notMoved.todo', { url: r.target.baseURL, key: r.target.apiKeyEnv }),
      );
    }
    if (!plan.moves.size) return;
    const text = py.text;
    const taken = new Set<string>();
    walk(py.root, (n) => {
      if (n.type === 'identifier') taken.add(n.text);
    });
    const byProvider = new Map<string, Route[]>();
    for (const r of new Set(plan.moves.values())) byProvider.set(r.target.provider.id, [...(byProvider.get(r.target.provider.id) ?? []), r]);
    const names = new Map<string, string>();
    for (const [pid, routes] of byProvider) {
      const r = routes[0]!;
      let name = routes.length === 1 ? routedClientName(r, 'snake') : `${pid}_client`;
      if (taken.has(name)) name = `${pid}_${name}`;
      for (let i = 2; taken.has(name); i++) name = `${name.replace(/_\d+$/, '')}_${i}`;
      taken.add(name);
      names.set(pid, name);
      const first = [...plan.moves].find(([, x]) => x.target.provider.id === pid)![0];
      const recv = pyReceiver(first)!;
      const built = ctx.facts.constructions.find((k) => moduleBinding(k.node) === recv.text);
      const awaited = [...plan.moves].some(([c, x]) => x.target.provider.id === pid && c.node.parent?.type === 'await');
      let cls: string;
      if (built) cls = built.node.childForFieldName('function')!.text;
      else {
        cls = awaited ? 'AsyncOpenAI' : 'OpenAI';
        needImport(ctx, `from openai import ${cls}`, cls, py.start(first.node));
      }
      const stmtAt = built ? built.node.parent!.parent! : firstCodeStatement(ctx);
      const key = keyExpr(ctx, py.start(first.node), r.target.apiKeyEnv);
      const decl = `${name} = ${cls}(base_url=${quote(r.target.baseURL, ctx.q)}, api_key=${key})`;
      if (built) {
        const at = lineEnd(text, py.end(stmtAt!));
        ctx.edits.add(at, at, eolAt(text, at) + decl);
      } else {
        const at = stmtAt ? py.start(stmtAt) : text.length;
        const eol = eolAt(text, at);
        // Two blank lines before a def or class (PEP 8), one before other code.
        const def = stmtAt && /^(function_definition|class_definition|decorated_definition)$/.test(stmtAt.type);
        ctx.edits.add(at, at, decl + eol + eol + (def ? eol : ''));
      }
      const label = routes.map((x) => x.capability).join(', ');
      ctx.change(
        'client',
        py.start(first.node),
        msg('route.clientCreated', { name, provider: shortName(r.target.provider), url: r.target.baseURL, key: r.target.apiKeyEnv, label, main: shortName(main) }),
        { transform: this.id },
      );
    }
    for (const [c, r] of plan.moves) {
      const recv = pyReceiver(c)!;
      const name = names.get(r.target.provider.id)!;
      ctx.edits.add(py.start(recv), py.end(recv), name);
      ctx.change(
        'client',
        py.start(c.node),
        msg('route.moved', { call: c.path.join('.'), name, provider: shortName(r.target.provider), cap: r.capability, id: r.target.provider.id, reason: unsupportedReason(main, c.endpoint).reason }),
        { transform: this.id },
      );
    }
  },
};

/** The first top-level statement after the imports (and the module docstring). */
function firstCodeStatement(ctx: PyContext): Node | undefined {
  const top = ctx.py.root.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
  const lastImport = ctx.facts.topImports[ctx.facts.topImports.length - 1];
  return top.find(
    (n) =>
      (!lastImport || ctx.py.start(n) > ctx.py.end(lastImport)) &&
      !['import_statement', 'import_from_statement', 'future_import_statement'].includes(n.type) &&
      !(n.type === 'expression_statement' && n.namedChild(0)?.type === 'string'),
  );
}
