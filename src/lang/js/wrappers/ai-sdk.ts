import type { MigrateContext } from '../../../engine/types.js';
import type { ts } from 'ts-morph';
import { tsc } from '../ts.js';
import type { ResolvedTarget } from '../../../providers/index.js';
import { urlExprStatus, type ClientStatus } from '../analyze.js';
import type { JsContext } from '../context.js';
import { flattenAccess, unwrap, walk } from '../parse.js';
import { findImports, type Binding, type ImportDecl } from './imports.js';
import { prop, valueOf } from './common.js';
import { packageFits, packageRange, parseVersion } from '../../deps/versions.js';

/**
 * Vercel AI SDK usage of `@ai-sdk/openai`: the default `openai` instance,
 * `createOpenAI({...})` instances, and the model-factory calls made on them
 * (`openai('id')`, `openai.chat('id')`, `openai.embedding('id')`, ...).
 */
export const AI_SDK_OPENAI = '@ai-sdk/openai';

/**
 * What each provider package does by default (read from the packages' sources):
 * its base URL and key variable, and how it serves embeddings. A target base
 * URL or key variable that differs from these is passed explicitly.
 */
export const AI_SDK_PACKAGES: Record<
  string,
  {
    defaultBaseURL: string;
    env: string;
    schemaSent?: boolean | RegExp;
    /** dimensionsOption: the embedding model's providerOptions entry for the vector width. */
    embeddings?: { baseURLOption: string; baseURL: (chatBase: string) => string; sinceMajor?: number; dimensionsOption?: string };
  }
> = {
  // schemaSent: generateObject's schema reaches the model (deepseek: JSON mode with the schema in a system message;
  // alibaba: json_schema or, 1.x on models without it, the schema in a system message; moonshotai: json_schema for
  // the model ids matched, else bare JSON mode).
  '@ai-sdk/deepseek': { defaultBaseURL: 'https://api.deepseek.com', env: 'DEEPSEEK_API_KEY', schemaSent: true },
  // Embeddings go to DashScope's native API: `${embeddingBaseURL}/services/embeddings/...`; only from 1.x
  // (the AI SDK 6 line): 0.0.x, the AI SDK 5 line, has no embedding models (`alibaba.embedding` is undefined).
  '@ai-sdk/alibaba': {
    defaultBaseURL: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    env: 'ALIBABA_API_KEY',
    schemaSent: true,
    // The width is `providerOptions.alibaba.dimension` (singular; alibaba-embedding-options.ts), not `dimensions`.
    embeddings: { baseURLOption: 'embeddingBaseURL', baseURL: (b) => new URL(b).origin + '/api/v1', sinceMajor: 1, dimensionsOption: 'dimension' },
  },
  '@ai-sdk/moonshotai': { defaultBaseURL: 'https://api.moonshot.ai/v1', env: 'MOONSHOT_API_KEY', schemaSent: /^(kimi-k|moonshot-v1-(8k|32k|128k|auto)(-vision-preview)?$)/ },
};

export type UsageKind = 'chat' | 'responses' | 'embedding' | 'completion' | 'other';

/** Factory method -> what it creates. */
const METHODS: Record<string, UsageKind> = {
  chat: 'chat',
  languageModel: 'chat',
  responses: 'responses',
  embedding: 'embedding',
  textEmbedding: 'embedding',
  textEmbeddingModel: 'embedding',
  embeddingModel: 'embedding',
  completion: 'completion',
};

export interface AiUsage {
  call: ts.CallExpression;
  /** The callee part to replace (`openai` or `openai.chat`). */
  callee: ts.Expression;
  method?: string;
  kind: UsageKind;
  model?: ts.Expression;
}

export interface AiInstance {
  /** Local name (`openai` for the default instance). */
  local: string;
  binding?: Binding;
  /** `createOpenAI(...)` call for created instances. */
  create?: ts.CallExpression;
  options?: ts.ObjectLiteralExpression;
  status: ClientStatus;
  usages: AiUsage[];
  /** References to the instance that are not factory calls (passed as a value). */
  otherRefs: number;
}

export interface AiFacts {
  decls: ImportDecl[];
  defaultBinding?: Binding;
  createBinding?: Binding;
  instances: AiInstance[];
}

export function analyzeAiSdk(ctx: JsContext): AiFacts | undefined {
  const decls = findImports(ctx.sf, (s) => s === AI_SDK_OPENAI);
  if (!decls.length) return undefined;
  const facts: AiFacts = { decls, instances: [] };
  for (const d of decls)
    for (const b of d.bindings) {
      if (b.imported === 'openai') facts.defaultBinding = b;
      if (b.imported === 'createOpenAI') facts.createBinding = b;
    }
  if (facts.defaultBinding) facts.instances.push({ local: facts.defaultBinding.local, binding: facts.defaultBinding, status: 'openai', usages: [], otherRefs: 0 });
  const createName = facts.createBinding?.local;
  if (createName) {
    walk(ctx.sf, (n) => {
      if (!tsc.isCallExpression(n) || !tsc.isIdentifier(n.expression) || n.expression.text !== createName) return;
      const decl = n.parent && tsc.isVariableDeclaration(n.parent) && tsc.isIdentifier(n.parent.name) ? n.parent : undefined;
      const a = n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
      const options = a && tsc.isObjectLiteralExpression(a) ? a : undefined;
      let status: ClientStatus = a && !options ? 'unresolved' : 'openai';
      const base = options ? valueOf(prop(options, 'baseURL')) : undefined;
      if (base) status = urlExprStatus(ctx.facts, base, ctx.targetHost);
      facts.instances.push({ local: decl ? (decl.name as ts.Identifier).text : '', create: n, options, status, usages: [], otherRefs: 0 });
    });
  }
  // Factory calls on each instance (and inline `createOpenAI({...})('id')`).
  const byName = new Map(facts.instances.filter((i) => i.local).map((i) => [i.local, i]));
  walk(ctx.sf, (n) => {
    if (tsc.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      const inline = facts.instances.find((i) => i.create && callee === i.create);
      if (inline) return void inline.usages.push({ call: n, callee, kind: 'chat', model: n.arguments[0] });
      if (tsc.isIdentifier(callee) && byName.has(callee.text)) {
        return void byName.get(callee.text)!.usages.push({ call: n, callee, kind: 'chat', model: n.arguments[0] });
      }
      const { base, names } = flattenAccess(callee);
      if (tsc.isIdentifier(base) && byName.has(base.text) && names.length >= 1) {
        const method = names.join('.');
        byName.get(base.text)!.usages.push({ call: n, callee, method, kind: names.length === 1 ? (METHODS[names[0]!] ?? 'other') : 'other', model: n.arguments[0] });
      }
    }
  });
  // Other references (an instance passed around as a value).
  walk(ctx.sf, (n) => {
    if (!tsc.isIdentifier(n) || !byName.has(n.text)) return;
    const p = n.parent;
    if (tsc.isImportSpecifier(p) || tsc.isBindingElement(p) || (tsc.isVariableDeclaration(p) && p.name === n)) return;
    if (tsc.isPropertyAccessExpression(p) && p.name === n) return;
    if (tsc.isPropertyAssignment(p) && p.name === n) return;
    const inst = byName.get(n.text)!;
    const used = inst.usages.some((u) => n.pos >= u.callee.pos && n.end <= u.callee.end);
    if (!used) inst.otherRefs++;
  });
  return facts;
}

/**
 * The AI SDK package, factory names and explicit options the target needs (`t`: the main
 * target, or a routed one for `--route embeddings=...`; `compatibleOnly`: @ai-sdk/openai-compatible
 * even where the provider has its own package).
 */
export function aiSdkPlan(ctx: MigrateContext<JsContext>, needsEmbeddings: boolean, t: ResolvedTarget = ctx.target, compatibleOnly = false) {
  // The provider's own package only when a release of it works with the project's `ai` major (else openai-compatible, which has one for each).
  const own = compatibleOnly ? null : t.provider.integrations.aiSdk;
  const ai = own && packageFits(ctx.file.abs, own.package) ? own : null;
  if (ai) {
    const known = AI_SDK_PACKAGES[ai.package];
    const sameBase = !!known && known.defaultBaseURL.replace(/\/$/, '') === t.baseURL.replace(/\/$/, '');
    const sameEnv = (known?.env ?? ai.env) === t.apiKeyEnv;
    // Embedding models exist in the release line the project gets (unknown line: the newest, which has them).
    const line = parseVersion(packageRange(ctx.file.abs, ai.package) ?? '')?.[0];
    const hasEmb = !!known?.embeddings && (known.embeddings.sinceMajor === undefined || line === undefined || line >= known.embeddings.sinceMajor);
    const emb = needsEmbeddings && hasEmb ? known?.embeddings : undefined;
    return {
      pkg: ai.package,
      compatible: false,
      settingsOptions: false,
      instanceName: ai.factory,
      createName: ai.createFactory,
      passBaseURL: !sameBase,
      passKey: !sameEnv,
      extra: (emb && emb.baseURL(t.baseURL) !== emb.baseURL(known!.defaultBaseURL) ? [[emb.baseURLOption, emb.baseURL(t.baseURL)]] : []) as Array<[string, string]>,
      /** Embedding model factory, or undefined when the package has none. */
      embeddingMethod: (m: string) => (hasEmb ? m : undefined),
      chatMethod: undefined as string | undefined,
    };
  }
  // The 0.x line (AI SDK 4) takes neither `includeUsage` nor `supportsStructuredOutputs` as a provider setting (TS2353).
  const line = parseVersion(packageRange(ctx.file.abs, '@ai-sdk/openai-compatible') ?? '')?.[0];
  return {
    pkg: '@ai-sdk/openai-compatible',
    compatible: true,
    settingsOptions: line === undefined || line >= 1,
    instanceName: t.provider.id,
    createName: 'createOpenAICompatible',
    passBaseURL: true,
    passKey: true,
    extra: [] as Array<[string, string]>,
    embeddingMethod: (m: string) => (m === 'embeddingModel' ? m : 'textEmbeddingModel'),
    chatMethod: 'chatModel' as string | undefined,
  };
}
