import type { ts } from 'ts-morph';
import { routedTarget } from '../../../src/routing/index.js';
import { tsc } from '../../../src/lang/js/ts.js';
import { shortName, type ResolvedTarget } from '../../../src/providers/index.js';
import type { ProviderProfile } from '../../../src/providers/types.js';
import type { MigrateContext, Transform } from '../../../src/engine/types.js';
import type { JsContext } from '../../../src/lang/js/context.js';
import { objectLiteralOf } from '../../../src/lang/js/analyze.js';
import { addProperties, removeProperties, renameKey, replaceValue } from '../../../src/lang/js/edit.js';
import { isStringLike, propName, unwrap } from '../../../src/lang/js/parse.js';
import { quote } from '../../../src/engine/text.js';
import type { EndpointKind } from '../../../src/rules/endpoints.js';
import { addMarker, adjustParams, blockedReason, mapModelExpr, markWrapperUse, modelLiterals, prop, skipLiterals, targetModelOf, valueOf } from '../../../src/lang/js/wrappers/common.js';
import { analyzeLangChain, LC_AZURE_FIELDS, LC_PARAM_NAMES, plainClass, type LcConstruction, type LcFacts } from '../../../src/lang/js/wrappers/langchain.js';
import { addImportLine, moveBindings, references, type Binding } from '../../../src/lang/js/wrappers/imports.js';
import { droppedPackage, requirePackage } from '../../../src/lang/js/wrappers/deps.js';
import { packageFits } from '../../../src/lang/deps/versions.js';
import { msg, type Text } from '../../../src/i18n/msg.js';
import { LANGCHAIN_DEFAULT_MODEL, tierLabel } from '../../../src/rules/models.js';

/** The model LangChain uses when none is given (mapped like any OpenAI id). */
const DEFAULT_MODEL: Record<LcConstruction['kind'], string> = LANGCHAIN_DEFAULT_MODEL;
const ENDPOINT: Record<LcConstruction['kind'], EndpointKind> = { chat: 'chat', embeddings: 'embeddings', completions: 'completions' };

const ID = 'replace-langchain-openai';

type Integration = NonNullable<ProviderProfile['integrations']['langchainJs']>;
type Ctx = MigrateContext<JsContext>;

/** Per imported class binding: the constructions migrated, how many there are, and the class (and package) they now use. */
interface BindingUse {
  moved: LcConstruction[];
  total: number;
  to: string;
  pkg?: string;
}

/** One construction being migrated: the target it reaches (routed or not) and the options to add and remove. */
interface LcEdit {
  ctx: Ctx;
  c: LcConstruction;
  o: ts.ObjectLiteralExpression | undefined;
  t: ResolvedTarget;
  p: ProviderProfile;
  switchTo: Integration | undefined;
  add: string[];
  remove: Set<ts.ObjectLiteralElementLike>;
}

/**
 * LangChain JS: where the profile names a maintained integration
 * (`integrations.langchainJs`, e.g. `@langchain/deepseek` ChatDeepSeek) chat
 * classes switch to it (`model`, `apiKey` field names); otherwise the OpenAI
 * classes stay with `configuration: { baseURL }` and `apiKey` from the
 * provider's key variable. Azure classes become the plain ones. Models are
 * mapped, parameters follow the provider's rules, embeddings on a provider
 * without them get a marker.
 */
export const replaceLangChainOpenAI: Transform<JsContext> = {
  id: ID,
  description: "Point LangChain OpenAI classes at the provider, or switch to the provider's LangChain package",
  run(ctx) {
    const f = analyzeLangChain(ctx);
    if (!f) return;
    const p0 = ctx.target.provider;
    // The provider's LangChain package only when a release works with the project's @langchain/core (else ChatOpenAI + baseURL).
    const integ = p0.integrations.langchainJs && packageFits(ctx.file.abs, p0.integrations.langchainJs.package) ? p0.integrations.langchainJs : null;
    const perBinding = new Map<Binding, BindingUse>();
    for (const c of f.constructions) {
      const entry = perBinding.get(c.binding) ?? { moved: [], total: 0, to: c.className };
      entry.total++;
      perBinding.set(c.binding, entry);
      migrateConstruction(ctx, c, integ, entry);
    }
    rewriteImports(ctx, f, perBinding, integ);
  },
};

/**
 * `new OpenAI({ temperature: 0 })` (the completion LLM) names no model: LangChain sends gpt-3.5-turbo-instruct, which
 * no provider's map replaces. Pointed at the provider it would send that OpenAI id there, so it stays, marked, as
 * when the id is written out (blockedReason).
 */
function defaultModelBlocked(ctx: Ctx, c: LcConstruction, p: ProviderProfile): { reason: Text; action: Text } | undefined {
  const id = DEFAULT_MODEL[c.kind];
  const hit = ctx.models.lookup(id);
  if (!hit || hit.target) return undefined;
  return { reason: msg('model.noTierModel', { provider: shortName(p), tier: tierLabel(hit.tier), id }), action: msg('model.chooseOne', { id }) };
}

/**
 * `new OpenAI({ model: process.env.COMPLETION_MODEL })`, `new OpenAI({ modelName })` (the completion LLM) whose model
 * is not a literal the tool can follow: the id it sends is an OpenAI completion model the map has nothing for, so
 * pointed at the provider it would send that id there. It stays on OpenAI, marked (the Python rule is
 * completionModelServed). A model whose values are all known (constants, imports) is judged by them.
 */
function runtimeCompletionModel(ctx: Ctx, c: LcConstruction, modelProp: NonNullable<ReturnType<typeof prop>>, p: ProviderProfile): { reason: Text; action: Text } | undefined {
  if (c.kind !== 'completions') return undefined;
  const v = valueOf(modelProp);
  if (!v) return undefined;
  const u = unwrap(v);
  if (isStringLike(u)) return undefined;
  const values = ctx.modelValues(u);
  // An id defined in another module that the map has nothing for (blockedReason reads this module's literals only).
  const unmapped = values.find((id) => ctx.models.lookup(id) && !ctx.models.lookup(id)!.target);
  if (unmapped) {
    const hit = ctx.models.lookup(unmapped)!;
    return { reason: msg('model.noTierModel', { provider: shortName(p), tier: tierLabel(hit.tier), id: unmapped }), action: msg('model.chooseOne', { id: unmapped }) };
  }
  if (values.length) return undefined;
  return {
    reason: msg('client.completionModelRuntime', { cls: c.className, from: u.getText().slice(0, 60), provider: shortName(p) }),
    action: msg('client.completionModelRuntime.todo', { provider: shortName(p) }),
  };
}

/** Why a construction stays on OpenAI (an endpoint or a model the provider it would reach lacks), or undefined. */
function blockedOf(ctx: Ctx, c: LcConstruction): { reason: Text; action: Text } | undefined {
  const { p } = routedTarget(ctx.target, ENDPOINT[c.kind]);
  const modelProp = c.options ? prop(c.options, 'model', 'modelName') : undefined;
  return blockedReason(ctx, ENDPOINT[c.kind], valueOf(modelProp), p) ?? (modelProp ? runtimeCompletionModel(ctx, c, modelProp, p) : defaultModelBlocked(ctx, c, p));
}

/**
 * The options of the LangChain OpenAI classes this transform will leave on OpenAI (blockedOf): rename-env-vars runs
 * first and must not give them the provider's key (`new OpenAIEmbeddings({ openAIApiKey: process.env.OPENAI_API_KEY })`
 * on DeepSeek, which has no embeddings: found on Tlotliso-Wiinc/simple-chat-app-with-sockets).
 */
export function keptLangChainRanges(ctx: Ctx): Array<[number, number]> {
  const f = analyzeLangChain(ctx);
  if (!f) return [];
  return f.constructions.filter((c) => (c.status === 'openai' || c.status === 'azure') && blockedOf(ctx, c)).map((c) => [c.node.getStart(), c.node.end] as [number, number]);
}

/** One construction: a follow-up, a marker, or its options pointed at the provider (or the integration class). */
function migrateConstruction(ctx: Ctx, c: LcConstruction, integ: Integration | null, entry: BindingUse): void {
  if (c.status === 'unresolved') {
    ctx.followUp(c.node.getStart(), msg('client.unresolvedOptions', { cls: c.className }), msg('client.checkUses', { url: ctx.target.baseURL, env: ctx.target.apiKeyEnv }));
    return;
  }
  if (c.status !== 'openai' && c.status !== 'azure') return;
  markWrapperUse(ctx);
  const { route, t, p } = routedTarget(ctx.target, ENDPOINT[c.kind]); // a routed capability (--route): the routed provider's URL and key
  const o = c.options;
  const modelProp = o ? prop(o, 'model', 'modelName') : undefined;
  const blocked = blockedOf(ctx, c);
  if (blocked) {
    skipLiterals(ctx, c.node);
    addMarker(ctx, c.node, blocked.reason, blocked.action, ID);
    return;
  }
  const switchTo = c.kind === 'chat' && integ && !route ? integ : undefined;
  entry.to = switchTo ? switchTo.chatClass : plainClass(c.className);
  entry.pkg = switchTo?.package;
  entry.moved.push(c);
  const e: LcEdit = { ctx, c, o, t, p, switchTo, add: [], remove: new Set() };
  const model = valueOf(modelProp);
  modelAndAzureFields(e, modelProp, model);
  keyField(e);
  baseURLField(e);
  writeOptions(e, model);
  ctx.change(
    'wrapper',
    c.node.getStart(),
    switchTo
      ? msg('client.classFrom', { cls: c.className, to: switchTo.chatClass, pkg: switchTo.package })
      : msg('client.classNowCalls', { cls: c.className, provider: shortName(p), url: t.baseURL, env: t.apiKeyEnv, route: route ? `${route.capability}=${p.id}` : undefined }),
    { transform: ID },
  );
}

/** Azure fields go (its key becomes `apiKey`); the model is mapped, or LangChain's default (an OpenAI id) or the Azure deployment made explicit. */
function modelAndAzureFields(e: LcEdit, modelProp: ReturnType<typeof prop>, model: ts.Expression | undefined): void {
  const { ctx, c, o } = e;
  const text = ctx.file.text;
  let deployment: ts.Expression | undefined;
  for (const x of o?.properties ?? []) {
    const n = propName(x.name);
    if (!n || !LC_AZURE_FIELDS.test(n)) continue;
    if (/DeploymentName$|^deploymentName$/.test(n) && tsc.isPropertyAssignment(x)) deployment ??= x.initializer;
    if (n === 'azureOpenAIApiKey' && !prop(o!, 'apiKey', 'openAIApiKey')) renameKey(text, ctx.edits, x as ts.PropertyAssignment, 'apiKey');
    else e.remove.add(x);
  }
  if (modelProp) {
    mapModelExpr(ctx, model, ID);
    modelFromElsewhere(ctx, c, model);
    if (e.switchTo && propName(modelProp.name) === 'modelName') renameKey(text, ctx.edits, modelProp, 'model');
    return;
  }
  const dep = deployment ? unwrap(deployment) : undefined;
  const depId = dep && isStringLike(dep) ? dep.text : undefined;
  const hit = depId ? ctx.models.lookup(depId) : undefined;
  const mapped = hit?.target ?? ctx.models.lookup(DEFAULT_MODEL[c.kind])?.target;
  if (mapped) e.add.push(`model: ${quote(mapped, ctx.q)}`);
  // LangChain's default embedding model written out as the provider's: stored vectors came from the OpenAI one.
  if (mapped && c.kind === 'embeddings' && !deployment) {
    const from = DEFAULT_MODEL[c.kind];
    ctx.followUp(c.node.getStart(), msg('model.embeddingChanged', { from, to: mapped }), msg('model.embeddingChanged.todo'));
  }
  if (deployment && !hit) {
    addMarker(ctx, c.node, msg('client.deploymentWasModel', { deployment: deployment.getText(), model: mapped ?? undefined }), msg('client.deploymentWasModel.todo', { provider: shortName(e.p) }), ID);
  }
}

/**
 * `new ChatOpenAI({ model: CHAT_MODEL })` with CHAT_MODEL imported: the literal is in another module, which this
 * transform does not edit (found while checking LangChain completion LLMs). Said, with the ids it should become.
 */
function modelFromElsewhere(ctx: Ctx, c: LcConstruction, model: ts.Expression | undefined): void {
  if (!model || modelLiterals(ctx, model).length) return;
  const u = unwrap(model);
  if (!tsc.isIdentifier(u) && !tsc.isPropertyAccessExpression(u)) return;
  const ids = [...new Set(ctx.modelValues(u))].filter((id) => ctx.models.lookup(id)?.target && ctx.models.lookup(id)!.target !== id);
  if (!ids.length) return;
  ctx.followUp(
    model.getStart(),
    msg('wrapper.modelElsewhere', { cls: c.className, from: u.getText().slice(0, 60), ids: ids.join(', ') }),
    msg('wrapper.modelElsewhere.todo', { to: ids.map((id) => `${id} -> ${ctx.models.lookup(id)!.target}`).join(', ') }),
  );
}

/** Key: the provider's variable (a hard-coded key replaced, a missing one added unless the integration reads it). */
function keyField(e: LcEdit): void {
  const { ctx, o, t, switchTo } = e;
  const key = o ? prop(o, 'apiKey', 'openAIApiKey') : undefined;
  if (key && switchTo && propName(key.name) === 'openAIApiKey') renameKey(ctx.file.text, ctx.edits, key, 'apiKey');
  if (key && tsc.isPropertyAssignment(key) && isStringLike(unwrap(key.initializer))) {
    replaceValue(ctx.edits, key, `process.env.${t.apiKeyEnv}`);
    ctx.change('wrapper', key.getStart(), msg('client.hardCodedKey', { env: t.apiKeyEnv }), { transform: ID });
  }
  const hasKey = !!key || (o ? !!prop(o, 'azureOpenAIApiKey') : false);
  if (!hasKey && (!switchTo || switchTo.env !== t.apiKeyEnv)) e.add.push(`apiKey: process.env.${t.apiKeyEnv}`);
}

/** Base URL: configuration.baseURL (kept classes), none (the integration knows it). */
function baseURLField(e: LcEdit): void {
  const { ctx, c, o, t, switchTo } = e;
  const text = ctx.file.text;
  const q = ctx.q;
  const confProp = o ? prop(o, 'configuration', 'clientConfig') : undefined;
  const conf = objectLiteralOf(ctx.facts, valueOf(confProp));
  if (conf) {
    const base = prop(conf, 'baseURL', 'basePath');
    const org = conf.properties.filter((x) => ['organization', 'project'].includes(propName(x.name) ?? ''));
    if (switchTo) {
      const gone = new Set<ts.ObjectLiteralElementLike>([...org, ...(base ? [base] : [])]);
      if (gone.size === conf.properties.length && confProp && unwrap(valueOf(confProp)!) === conf) e.remove.add(confProp);
      else removeProperties(text, ctx.edits, conf, gone);
    } else {
      if (base && tsc.isPropertyAssignment(base)) replaceValue(ctx.edits, base, quote(t.baseURL, q));
      removeProperties(text, ctx.edits, conf, new Set(org));
      if (!base) addProperties(text, ctx.edits, conf, [`baseURL: ${quote(t.baseURL, q)}`], new Set(org));
    }
  } else if (confProp) {
    ctx.followUp(confProp.getStart(), msg('client.unresolvedConfiguration', { cls: c.className }), msg('client.setBaseUrl', { url: t.baseURL }));
  } else if (!switchTo) e.add.push(`configuration: { baseURL: ${quote(t.baseURL, q)} }`);
}

/** Parameters (camelCase fields, OpenAI rules by wire name), then the added and removed fields written (or a whole options object). */
function writeOptions(e: LcEdit, model: ts.Expression | undefined): void {
  const { ctx, c, o } = e;
  const text = ctx.file.text;
  if (o) {
    const removed = adjustParams(ctx, o, targetModelOf(ctx, model) ?? ctx.models.lookup(DEFAULT_MODEL[c.kind])?.target ?? undefined, ID, {
      names: LC_PARAM_NAMES,
      wire: false,
      remove: e.remove,
      target: e.t,
    });
    addProperties(text, ctx.edits, o, e.add, removed);
  } else {
    const body = `{ ${e.add.join(', ')} }`;
    if (!c.node.arguments) ctx.edits.add(c.node.end, c.node.end, `(${body})`);
    else ctx.edits.add(text.indexOf('(', c.node.expression.end) + 1, text.indexOf('(', c.node.expression.end) + 1, body);
  }
}

/** Imports and class references: whole bindings move (or are renamed in place); partly migrated ones get an extra import. */
function rewriteImports(ctx: Ctx, f: LcFacts, perBinding: Map<Binding, BindingUse>, integ: Integration | null): void {
  const text = ctx.file.text;
  const movesByDecl = new Map<(typeof f.decls)[number], { moves: Map<Binding, string>; keepAs: Map<Binding, string>; pkg?: string }>();
  const extraImports = new Map<string, Set<string>>();
  for (const [b, e] of perBinding) {
    if (!e.moved.length || (e.to === b.imported && !e.pkg)) continue;
    const aliased = b.local !== b.imported;
    const slot = movesByDecl.get(b.decl) ?? { moves: new Map<Binding, string>(), keepAs: new Map<Binding, string>(), pkg: undefined as string | undefined };
    movesByDecl.set(b.decl, slot);
    const allMoved = e.moved.length === e.total;
    if (allMoved) {
      if (e.pkg) slot.moves.set(b, e.to);
      else slot.keepAs.set(b, e.to);
      slot.pkg = e.pkg ?? slot.pkg;
      if (!aliased) for (const r of references(ctx.sf, b.local)) ctx.edits.add(r.getStart(), r.end, e.to);
    } else {
      const spec = e.pkg ?? b.decl.spec;
      const set = extraImports.get(spec) ?? new Set();
      set.add(e.to);
      extraImports.set(spec, set);
      for (const c of e.moved) ctx.edits.add(c.node.expression.getStart(), c.node.expression.end, e.to);
    }
  }
  for (const [d, s] of movesByDecl) moveBindings(ctx, d, s.moves, s.pkg ?? d.spec, s.keepAs);
  const q0 = f.decls[0] ? (text[f.decls[0].specNode.getStart()] === '"' ? '"' : "'") : ctx.q;
  for (const [spec, names] of extraImports) {
    const list = [...names].join(', ');
    addImportLine(ctx, f.decls[0]!.kind === 'esm' ? `import { ${list} } from ${q0}${spec}${q0}${ctx.semi}` : `const { ${list} } = require(${q0}${spec}${q0})${ctx.semi}`);
  }
  if (integ && [...perBinding.values()].some((e) => e.pkg && e.moved.length)) {
    requirePackage(ctx, integ.package);
    const allGone = f.decls.every((d) => d.bindings.every((b) => movesByDecl.get(d)?.moves.has(b)));
    if (allGone) for (const d of f.decls) droppedPackage(ctx, d.spec);
  }
}
