import type { ts } from 'ts-morph';
import { tsc } from '../ts.js';
import { objectLiteralOf } from '../analyze.js';
import type { EndpointKind } from '../analyze.js';
import type { JsContext } from '../context.js';
import { flattenAccess, unwrap, walk } from '../parse.js';
import { findImports } from './imports.js';

/**
 * openai-node v3 and its forks (`openai-edge`, `azure-openai`): the
 * `Configuration` / `OpenAIApi` bindings, `new Configuration({...})` sites,
 * the `OpenAIApi` instances and the `createX(...)` calls made on them.
 */
export const V3_PACKAGES = ['openai', 'openai-edge', 'azure-openai'];

/** v3 method -> the endpoint it calls. */
export const V3_METHODS: Record<string, EndpointKind> = {
  createChatCompletion: 'chat',
  createCompletion: 'completions',
  createEmbedding: 'embeddings',
  createImage: 'images',
  createImageEdit: 'images',
  createImageVariation: 'images',
  createTranscription: 'audio',
  createTranslation: 'audio',
  createModeration: 'moderations',
  listModels: 'modelsList',
  retrieveModel: 'modelsList',
  deleteModel: 'fineTuning',
  createFile: 'files',
  listFiles: 'files',
  retrieveFile: 'files',
  deleteFile: 'files',
  downloadFile: 'files',
  createFineTune: 'fineTuning',
  listFineTunes: 'fineTuning',
  retrieveFineTune: 'fineTuning',
  cancelFineTune: 'fineTuning',
  listFineTuneEvents: 'fineTuning',
  createEdit: 'openaiOnly',
  createAnswer: 'openaiOnly',
  createClassification: 'openaiOnly',
  createSearch: 'openaiOnly',
  listEngines: 'openaiOnly',
  retrieveEngine: 'openaiOnly',
};

export interface V3Call {
  node: ts.CallExpression;
  method: string;
  endpoint: EndpointKind;
  request?: ts.ObjectLiteralExpression;
}

export interface V3Facts {
  pkg: string;
  configurations: Array<{ node: ts.NewExpression; options?: ts.ObjectLiteralExpression }>;
  calls: V3Call[];
}

/** v3 usage of a file, or undefined when it has none. */
export function analyzeV3(ctx: JsContext): V3Facts | undefined {
  const decls = findImports(ctx.sf, (s) => V3_PACKAGES.includes(s));
  const config = new Set<string>();
  const api = new Set<string>();
  const ns = new Set<string>();
  let pkg = '';
  for (const d of decls) {
    for (const b of d.bindings) {
      if (b.imported === 'Configuration') config.add(b.local);
      else if (b.imported === 'OpenAIApi') api.add(b.local);
      else if (b.imported === '*') ns.add(b.local);
      else continue;
      pkg ||= d.spec;
    }
  }
  if (!config.size && !api.size && !ns.size) return undefined;
  const isClass = (e: ts.Expression, set: Set<string>, name: string) => {
    e = unwrap(e);
    if (tsc.isIdentifier(e)) return set.has(e.text);
    const { base, names } = flattenAccess(e);
    return tsc.isIdentifier(base) && ns.has(base.text) && names.length === 1 && names[0] === name;
  };
  const facts: V3Facts = { pkg, configurations: [], calls: [] };
  const clients = new Set<string>();
  const members = new Set<string>();
  walk(ctx.sf, (n) => {
    if (tsc.isNewExpression(n) && isClass(n.expression, config, 'Configuration')) {
      facts.configurations.push({ node: n, options: objectLiteralOf(ctx.facts, n.arguments?.[0]) });
    }
    // const openai = new OpenAIApi(config) / this.openai = new OpenAIApi(...) / openai: OpenAIApi = ...
    const isApi = (e: ts.Expression | undefined) => !!e && tsc.isNewExpression(unwrap(e)) && isClass((unwrap(e) as ts.NewExpression).expression, api, 'OpenAIApi');
    if (tsc.isVariableDeclaration(n) && tsc.isIdentifier(n.name) && isApi(n.initializer)) clients.add(n.name.text);
    if (tsc.isPropertyDeclaration(n) && n.name && tsc.isIdentifier(n.name) && isApi(n.initializer)) members.add(n.name.text);
    if (tsc.isBinaryExpression(n) && n.operatorToken.kind === tsc.SyntaxKind.EqualsToken && isApi(n.right)) {
      const l = unwrap(n.left);
      if (tsc.isIdentifier(l)) clients.add(l.text);
      else if (tsc.isPropertyAccessExpression(l) && l.expression.kind === tsc.SyntaxKind.ThisKeyword) members.add(l.name.text);
    }
  });
  walk(ctx.sf, (n) => {
    if (!tsc.isCallExpression(n) || !tsc.isPropertyAccessExpression(n.expression)) return;
    const method = n.expression.name.text;
    const endpoint = V3_METHODS[method];
    if (!endpoint) return;
    const recv = unwrap(n.expression.expression);
    const isClient =
      (tsc.isIdentifier(recv) && clients.has(recv.text)) ||
      (tsc.isPropertyAccessExpression(recv) && recv.expression.kind === tsc.SyntaxKind.ThisKeyword && members.has(recv.name.text)) ||
      (tsc.isNewExpression(recv) && isClass(recv.expression, api, 'OpenAIApi'));
    if (!isClient) return;
    facts.calls.push({ node: n, method, endpoint, request: objectLiteralOf(ctx.facts, n.arguments[0]) });
  });
  return facts;
}
