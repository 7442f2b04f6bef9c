import { msg } from '../../src/i18n/msg.js';
import type { MigrateContext, Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../src/lang/js/ts.js';
import { walk } from '../../src/lang/js/parse.js';
import type { ApiCall } from '../../src/lang/js/analyze.js';
import { shortName } from '../../src/providers/index.js';
import { quote, eolAt } from '../../src/engine/text.js';
import { localBinding } from '../../src/lang/js/client-plan.js';
import { existingRoutedClient, fileIdentifiers, receiverNode, routePlan, statementOf } from '../../src/lang/js/routing.js';
import { unsupportedReason } from '../../src/rules/endpoints.js';
import { routedClientName, type Route } from '../../src/routing/index.js';
import { keyRead } from './retarget-client-construction.js';

/**
 * `--route embeddings=qwen`: calls of a routed capability on a migrated client move onto one
 * client per routed provider, created next to the main client (or after the imports when the
 * client is imported), in the file's quotes, semicolons and env-read style:
 * `const embeddingsClient = new OpenAI({ baseURL: '...', apiKey: process.env.DASHSCOPE_API_KEY });`.
 * A client of this file already pointed at the routed host is reused. Their model ids map with
 * the routed profile (ModelMap routes) and the routed provider's rules apply (adjust-request-params).
 */
export const routeCapabilityCalls: Transform<JsContext> = {
  id: 'route-capability-calls',
  description: 'Move calls of a routed capability (--route embeddings=qwen) onto a client for the routed provider',
  run(ctx) {
    const plan = routePlan(ctx);
    const main = ctx.target.provider;
    for (const [c, why] of plan.stuck) {
      const r = ctxRoute(ctx, c.endpoint)!;
      ctx.followUp(
        c.node.getStart(),
        msg('route.notMoved', { call: c.path.join('.'), provider: shortName(r.target.provider), why }),
        msg('route.notMoved.todo', { url: r.target.baseURL, key: r.target.apiKeyEnv }),
      );
    }
    if (!plan.moves.size) return;
    const text = ctx.file.text;
    const taken = fileIdentifiers(ctx.sf);
    /** Routed provider id -> the client variable calls move onto. */
    const names = new Map<string, string>();
    const byProvider = new Map<string, Route[]>();
    for (const r of new Set(plan.moves.values())) byProvider.set(r.target.provider.id, [...(byProvider.get(r.target.provider.id) ?? []), r]);
    const creations: Array<{ at: number; text: string }> = [];
    let cls: string | undefined;
    let importNeeded = false;
    for (const [pid, routes] of byProvider) {
      const r = routes[0]!;
      const reuse = existingRoutedClient(ctx, r);
      if (reuse) {
        names.set(pid, reuse);
        continue;
      }
      let name = routes.length === 1 ? routedClientName(r, 'camel') : `${pid}Client`;
      if (taken.has(name)) name = `${pid}${name[0]!.toUpperCase()}${name.slice(1)}`;
      for (let i = 2; taken.has(name); i++) name = `${name.replace(/\d+$/, '')}${i}`;
      taken.add(name);
      names.set(pid, name);
      // Next to the main client of the first moved call, else after the imports.
      const first = [...plan.moves].find(([, x]) => x.target.provider.id === pid)![0];
      const recv = receiverNode(first)!;
      const built = ctx.facts.constructions.find((k) => localBinding(k.node) === recv.text);
      if (!cls) {
        if (built && !built.azure) cls = built.node.expression.getText();
        else if (ctx.facts.openaiClass.size) cls = [...ctx.facts.openaiClass][0];
        else {
          cls = taken.has('OpenAI') ? 'RoutedOpenAI' : 'OpenAI';
          importNeeded = true;
        }
      }
      const kw = built ? ((statementOf(built.node) as import('ts-morph').ts.VariableStatement).declarationList.getText().match(/^(const|let|var)/)?.[1] ?? 'const') : 'const';
      const decl = `${kw === 'var' ? 'var' : 'const'} ${name} = new ${cls}({ baseURL: ${quote(r.target.baseURL, ctx.q)}, apiKey: ${keyRead(text, r.target.apiKeyEnv)} })${ctx.semi}`;
      const at = built ? statementOf(built.node)!.end : afterImports(ctx);
      const eol = eolAt(text, at);
      creations.push({ at, text: built ? `${eol}${decl}` : `${eol}${decl}${eol}` });
      const label = routes.map((x) => x.capability).join(', ');
      ctx.change('client', at, msg('route.clientCreated', { name, provider: shortName(r.target.provider), url: r.target.baseURL, key: r.target.apiKeyEnv, label, main: shortName(main) }), {
        transform: this.id,
      });
    }
    if (importNeeded) {
      const at = afterImports(ctx);
      ctx.edits.add(at, at, `import ${cls === 'OpenAI' ? 'OpenAI' : `{ OpenAI as ${cls} }`} from ${quote('openai', ctx.q)}${ctx.semi}${eolAt(text, at)}`);
      ctx.change('import', at, msg('route.importClient', { cls: String(cls) }), { transform: this.id });
    }
    for (const cr of creations) ctx.edits.add(cr.at, cr.at, cr.text);
    dropUnusedImports(ctx, [...plan.moves.keys()]);
    for (const [c, r] of plan.moves) {
      const recv = receiverNode(c)!;
      const name = names.get(r.target.provider.id)!;
      ctx.edits.add(recv.getStart(), recv.end, name);
      ctx.change(
        'client',
        c.node.getStart(),
        msg('route.moved', { call: c.path.join('.'), name, provider: shortName(r.target.provider), cap: r.capability, id: r.target.provider.id, reason: unsupportedReason(main, c.endpoint).reason }),
        { transform: this.id },
      );
    }
  },
};

function ctxRoute(ctx: MigrateContext<JsContext>, endpoint: string): Route | undefined {
  return ctx.target.routes?.find((r) => r.endpoint === endpoint);
}

/** Start of the line after the last import (the new import and client go there). */
function afterImports(ctx: JsContext): number {
  let end = 0;
  for (const s of ctx.sf.statements) if (tsc.isImportDeclaration(s) || tsc.isImportEqualsDeclaration(s)) end = s.end;
  const nl = ctx.file.text.indexOf('\n', end);
  return nl < 0 ? ctx.file.text.length : nl + 1;
}

/** An imported client now used by nothing (all its calls moved): its import goes when it is the declaration's only binding. */
function dropUnusedImports(ctx: JsContext, moved: ApiCall[]): void {
  const counts = new Map<string, number>();
  for (const c of moved) if (ctx.facts.imports.has(c.receiver!)) counts.set(c.receiver!, (counts.get(c.receiver!) ?? 0) + 1);
  for (const [name, n] of counts) {
    let uses = 0;
    walk(ctx.sf, (x) => {
      if (tsc.isIdentifier(x) && x.text === name) uses++;
    });
    if (uses !== n + 1) continue;
    const decl = ctx.sf.statements.find(
      (s): s is ts.ImportDeclaration =>
        tsc.isImportDeclaration(s) &&
        !!s.importClause &&
        !s.importClause.name &&
        !!s.importClause.namedBindings &&
        tsc.isNamedImports(s.importClause.namedBindings) &&
        s.importClause.namedBindings.elements.length === 1 &&
        s.importClause.namedBindings.elements[0]!.name.text === name,
    );
    if (!decl) continue;
    const text = ctx.file.text;
    const start = decl.getStart();
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const nl = text.indexOf('\n', decl.end);
    if (text.slice(lineStart, start).trim() || (nl >= 0 && text.slice(decl.end, nl).trim())) continue;
    ctx.edits.add(lineStart, nl < 0 ? text.length : nl + 1, '');
    ctx.change('import', start, msg('route.importRemoved', { name }), { transform: routeCapabilityCalls.id });
  }
}
