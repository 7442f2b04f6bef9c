import { msg, refOf, type Msg } from '../../../i18n/msg.js';
import type { ts } from 'ts-morph';
import { tsc as tsm } from '../ts.js';
import { findProp, reachesOpenAI, urlExprStatus, type ClientStatus } from '../analyze.js';
import { RULES } from '../../../rules/catalogue.js';
import type { JsContext } from '../context.js';
import { analyzeAiSdk } from './ai-sdk.js';
import { analyzeLangChain } from './langchain.js';
import { analyzeV3 } from './v3.js';

/** scan/check findings for OpenAI usage through wrappers: openai v3 and forks, LangChain JS, the AI SDK. */
export function detectWrappers(ctx: JsContext): void {
  const add = (node: ts.Node, m: Msg, api: string) => {
    const s = ctx.lines.pos(node.getStart());
    const e = ctx.lines.pos(node.end);
    const r = RULES['openai-wrapper'];
    ctx.findings.push({
      rule: r.id,
      kind: r.id,
      level: r.level,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      message: m.text,
      msg: refOf(m),
      api,
      snippet: ctx.lines.lineText(s.line),
    });
  };
  const v3 = analyzeV3(ctx);
  for (const c of v3?.configurations ?? []) {
    // A Configuration whose basePath already points at another service (migrated code) is not OpenAI usage.
    const o = c.options;
    const base = o ? findProp(o, 'basePath') : undefined;
    const azure = o ? findProp(o, 'azure') !== undefined : false;
    if (c.node.arguments?.[0] && !o) continue;
    let status = azure ? 'azure' : 'openai';
    if (!azure && base && tsm.isPropertyAssignment(base)) status = urlExprStatus(ctx.facts, base.initializer, ctx.targetHost);
    if (!reachesOpenAI(status as ClientStatus)) continue;
    add(c.node, msg('find.requestsGo', { what: `${v3!.pkg} v3 Configuration`, to: status === 'azure' ? 'Azure OpenAI' : 'OpenAI' }), `${v3!.pkg}.Configuration`);
  }
  for (const c of analyzeLangChain(ctx)?.constructions ?? []) {
    if (c.status === 'openai' || c.status === 'azure') add(c.node, msg('find.requestsGo', { what: `LangChain ${c.className}`, to: c.status === 'azure' ? 'Azure OpenAI' : 'OpenAI' }), c.className);
  }
  for (const i of analyzeAiSdk(ctx)?.instances ?? []) {
    if (i.status !== 'openai' && i.status !== 'azure') continue;
    if (i.create) add(i.create, msg('find.aiSdkCreate'), 'createOpenAI');
    else for (const u of i.usages) add(u.call, msg('find.requestsGo', { what: `AI SDK ${u.callee.getText()}(...)`, to: 'OpenAI' }), '@ai-sdk/openai');
  }
}
