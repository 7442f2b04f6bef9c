import type { ts } from 'ts-morph';
import { tsc } from '../ts.js';
import { objectLiteralOf, urlExprStatus, type ClientStatus } from '../analyze.js';
import type { JsContext } from '../context.js';
import { unwrap, walk } from '../parse.js';
import { findImports, type Binding, type ImportDecl } from './imports.js';
import { prop, valueOf } from './common.js';

/**
 * LangChain JS OpenAI classes: `@langchain/openai` and the old
 * `langchain/{chat_models,embeddings,llms}/openai` paths, and the
 * `new ChatOpenAI({...})`-style constructions made with them.
 */
export const LANGCHAIN_PACKAGES = ['@langchain/openai', 'langchain/chat_models/openai', 'langchain/embeddings/openai', 'langchain/llms/openai'];

export type LcKind = 'chat' | 'embeddings' | 'completions';

const CLASSES: Record<string, { kind: LcKind; azure: boolean; plain: string }> = {
  ChatOpenAI: { kind: 'chat', azure: false, plain: 'ChatOpenAI' },
  AzureChatOpenAI: { kind: 'chat', azure: true, plain: 'ChatOpenAI' },
  OpenAIEmbeddings: { kind: 'embeddings', azure: false, plain: 'OpenAIEmbeddings' },
  AzureOpenAIEmbeddings: { kind: 'embeddings', azure: true, plain: 'OpenAIEmbeddings' },
  OpenAI: { kind: 'completions', azure: false, plain: 'OpenAI' },
  AzureOpenAI: { kind: 'completions', azure: true, plain: 'OpenAI' },
};

/** camelCase LangChain fields -> OpenAI wire names (for the parameter rules). */
export const LC_PARAM_NAMES: Record<string, string> = {
  temperature: 'temperature',
  topP: 'top_p',
  maxTokens: 'max_tokens',
  maxCompletionTokens: 'max_completion_tokens',
  frequencyPenalty: 'frequency_penalty',
  presencePenalty: 'presence_penalty',
  n: 'n',
  logitBias: 'logit_bias',
  user: 'user',
  logprobs: 'logprobs',
  topLogprobs: 'top_logprobs',
  reasoningEffort: 'reasoning_effort',
  seed: 'seed',
};

/** Azure-only fields of the LangChain Azure classes. */
export const LC_AZURE_FIELDS = /^(azureOpenAI\w*|azureADTokenProvider|deploymentName|openAIApiVersion|azureOpenAIEndpoint)$/;

export interface LcConstruction {
  node: ts.NewExpression;
  binding: Binding;
  className: string;
  kind: LcKind;
  azure: boolean;
  options?: ts.ObjectLiteralExpression;
  status: ClientStatus;
}

export interface LcFacts {
  decls: ImportDecl[];
  constructions: LcConstruction[];
}

export function analyzeLangChain(ctx: JsContext): LcFacts | undefined {
  const decls = findImports(ctx.sf, (s) => LANGCHAIN_PACKAGES.includes(s));
  if (!decls.length) return undefined;
  const byLocal = new Map<string, Binding>();
  for (const d of decls) for (const b of d.bindings) if (CLASSES[b.imported]) byLocal.set(b.local, b);
  const facts: LcFacts = { decls, constructions: [] };
  walk(ctx.sf, (n) => {
    if (!tsc.isNewExpression(n)) return;
    const e = unwrap(n.expression);
    if (!tsc.isIdentifier(e) || !byLocal.has(e.text)) return;
    const b = byLocal.get(e.text)!;
    const cls = CLASSES[b.imported]!;
    const arg = n.arguments?.[0];
    const options = objectLiteralOf(ctx.facts, arg);
    let status: ClientStatus = cls.azure ? 'azure' : 'openai';
    if (arg && !options) status = 'unresolved';
    const conf = options ? objectLiteralOf(ctx.facts, valueOf(prop(options, 'configuration', 'clientConfig'))) : undefined;
    const base = conf ? valueOf(prop(conf, 'baseURL', 'basePath')) : undefined;
    if (base) {
      const s = urlExprStatus(ctx.facts, base, ctx.targetHost);
      status = s === 'openai' && cls.azure ? 'azure' : s;
    }
    facts.constructions.push({ node: n, binding: b, className: b.imported, kind: cls.kind, azure: cls.azure, options, status });
  });
  return facts;
}

export const plainClass = (name: string) => CLASSES[name]?.plain ?? name;
