import { ts } from 'ts-morph';
import type { Finding } from '../../engine/types.js';
import { RULES, type RuleId } from '../../rules/catalogue.js';
import { servedByNoProvider } from '../../rules/endpoints.js';
import { envRole } from '../../rules/env.js';
import { PROVIDERS } from '../../providers/index.js';
import { envName, reachesOpenAI } from './analyze.js';
import type { JsContext } from './context.js';
import { isStringLike, walk } from './parse.js';

const OPENAI_URL = /\bapi\.openai\.com\b/;

/** Findings for scan/check, from the same analysis migrate uses. */
export function detectJs(ctx: JsContext): void {
  const f = ctx.facts;
  const add = (rule: RuleId, node: ts.Node, message: string, extra?: Partial<Finding>) => {
    const s = ctx.lines.pos(node.getStart());
    const e = ctx.lines.pos(node.end);
    ctx.findings.push({
      rule,
      kind: rule,
      level: RULES[rule].level,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      message,
      snippet: ctx.lines.lineText(s.line),
      ...extra,
    });
  };
  for (const c of f.constructions) {
    if (c.status === 'openai') add('openai-client', c.node, 'OpenAI client without a provider base URL: requests go to api.openai.com', { api: 'OpenAI' });
    else if (c.status === 'azure') add('azure-openai-client', c.node, 'Azure OpenAI client: requests go to Azure OpenAI', { api: 'AzureOpenAI' });
    else if (c.status === 'unresolved') add('unresolved-base-url', c.node, 'client base URL comes from a value the tool cannot resolve', { api: 'OpenAI' });
  }
  for (const call of f.calls) {
    if (!reachesOpenAI(call.client)) continue;
    const api = call.path.join('.');
    if (servedByNoProvider(PROVIDERS, call.endpoint)) add('openai-only-endpoint', call.node.expression, `${api}: no supported provider serves this API`, { api });
    else add('openai-api-call', call.node.expression, `${api} on an OpenAI client`, { api });
  }
  for (const s of ctx.models_.sites) add('openai-model', s.lit, `OpenAI model id "${s.id}"`, { model: s.id });
  walk(ctx.sf, (n) => {
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && !ts.isPropertyAccessExpression(n.parent)) {
      const name = envName(n);
      if (name && envRole(name) && envRole(name) !== 'other') add('openai-env', n, `reads ${name}`, { api: name });
    } else if ((isStringLike(n) || ts.isTemplateHead(n)) && OPENAI_URL.test(n.text)) {
      // URL literals aimed at OpenAI (fetch/axios/got/... or constants) — except a client's own baseURL, reported above.
      const inClient = f.constructions.some((c) => n.pos >= c.node.pos && n.end <= c.node.end);
      if (!inClient) add('openai-http', n, `URL aimed at the OpenAI API: ${n.text.slice(0, 80)}`, { api: 'http' });
    }
  });
}
