import { msg, type Text } from '../../../src/i18n/msg.js';
import type { ts } from 'ts-morph';
import { routeFor, type Route } from '../../../src/routing/index.js';
import { tsc } from '../../../src/lang/js/ts.js';
import { shortName, type ResolvedTarget } from '../../../src/providers/index.js';
import type { Transform, MigrateContext } from '../../../src/engine/types.js';
import type { JsContext } from '../../../src/lang/js/context.js';
import { envName } from '../../../src/lang/js/analyze.js';
import { addProperties, removeProperties, replaceValue } from '../../../src/lang/js/edit.js';
import { flattenAccess, isStringLike, propName, unwrap, walk } from '../../../src/lang/js/parse.js';
import { eolAt, quote } from '../../../src/engine/text.js';
import { isSupported, unsupportedReason } from '../../../src/rules/endpoints.js';
import { cited } from '../../../src/rules/params.js';
import type { ProviderProfile } from '../../../src/providers/types.js';
import { addMarker, adjustParams, blockedReason, mapModelExpr, markWrapperUse, modelLiterals, prop, skipLiterals, targetModelOf } from '../../../src/lang/js/wrappers/common.js';
import { embeddingNeeds } from '../../../src/rules/embeddings.js';
import { aiSdkPlan, AI_SDK_OPENAI, AI_SDK_PACKAGES, analyzeAiSdk, type AiFacts, type AiInstance, type AiUsage } from '../../../src/lang/js/wrappers/ai-sdk.js';
import { addImportLine, declaredNames, isRequireStatement, moveBindings, references, removeStatementLine, type Binding } from '../../../src/lang/js/wrappers/imports.js';
import { droppedPackage, requirePackage } from '../../../src/lang/js/wrappers/deps.js';

/** createOpenAI options only OpenAI understands (AI SDK 4's `compatibility` included). */
const OPENAI_ONLY = ['compatibility', 'organization', 'project'];

const ID = 'replace-ai-sdk-openai';

type Ctx = MigrateContext<JsContext>;
type Plan = ReturnType<typeof aiSdkPlan>;

/** One file's migration: the plan, the instances that move, and what the import rewrite needs to know. */
interface AiRun {
  ctx: Ctx;
  f: AiFacts;
  plan: Plan;
  live: AiInstance[];
  /** Names to import from the new package on a new line. */
  newImports: Set<string>;
  /** `providerOptions.openai` entries removed (beside a model that moved off @ai-sdk/openai). */
  droppedOptions: Set<ts.Node>;
  /** Bindings of the OpenAI imports moved to the new package (to a name; '' when removed as unused). */
  moves: Map<Binding, string>;
  /** ESM imports rewritten whole (their bindings are not moved one by one). */
  rewritten: Set<AiFacts['decls'][number]>;
  /** `const alibaba = createAlibaba({...});`, inserted after the imports (and after any new import line). */
  instanceDecl?: string;
  defaultKept: boolean;
  createKept: boolean;
  /** Some createOpenAI instance was rewritten to the provider's create function. */
  createMoved?: boolean;
  typesKept: boolean;
  /** `--route embeddings=<provider>` where the main provider has no embeddings: embedding models go to this instance. */
  routed?: RoutedEmbeddings;
}

/** The routed provider's AI SDK instance for embedding models (its own package, else @ai-sdk/openai-compatible). */
interface RoutedEmbeddings {
  route: Route;
  plan: Plan;
  /** The instance's local name (`qwen`, `alibaba`). */
  ref: string;
  /** Whether a routed embedding model was rewritten (the instance and its import are then added). */
  used: boolean;
}

/**
 * Vercel AI SDK: `@ai-sdk/openai` becomes the provider's own AI SDK package
 * (`profile.integrations.aiSdk`) or `@ai-sdk/openai-compatible`. Every chat
 * form (`openai(id)`, `.chat`, `.responses`, `.languageModel`) becomes a call
 * of the provider instance, which creates a Chat Completions model (AI SDK 5+
 * `openai(id)` would use the Responses API). Embedding factories move when the
 * provider serves embeddings; images, audio and OpenAI built-in tools stay on
 * `@ai-sdk/openai` with a marker.
 */
export const replaceAiSdkOpenAI: Transform<JsContext> = {
  id: ID,
  description: "Switch @ai-sdk/openai to the provider's AI SDK package or @ai-sdk/openai-compatible",
  run(ctx) {
    const f = analyzeAiSdk(ctx);
    if (!f) return;
    const t = ctx.target;
    const live: AiInstance[] = [];
    for (const i of f.instances) {
      if (i.status === 'unresolved')
        ctx.followUp(
          (i.create ?? i.usages[0]?.call)?.getStart() ?? 0,
          msg('client.unresolvedOptionsOnly', { what: 'createOpenAI' }),
          msg('client.checkProviderUses', { url: t.baseURL, env: t.apiKeyEnv }),
        );
      else if (i.status === 'openai' || i.status === 'azure') live.push(i);
    }
    if (!live.some((i) => i.usages.length || i.create)) return;
    markWrapperUse(ctx);
    const needsEmb = isSupported(t.provider, 'embeddings') && live.some((i) => i.usages.some((u) => u.kind === 'embedding'));
    const r: AiRun = {
      ctx,
      f,
      plan: aiSdkPlan(ctx, needsEmb),
      live,
      newImports: new Set(),
      droppedOptions: new Set(),
      moves: new Map(),
      rewritten: new Set(),
      defaultKept: false,
      createKept: false,
      typesKept: false,
    };
    r.routed = routedEmbeddings(r);
    migrateDefaultInstance(r);
    migrateCreatedInstances(r);
    rewriteWholeImports(r);
    moveBindingsInPlace(r);
    // The main package only when something now imports it (a file whose only models were routed does not).
    const moved = [...r.moves.values()].some((v) => v !== '') || r.newImports.size > 0 || !!r.instanceDecl;
    const mainUsed = (!r.routed?.used && (moved || r.createMoved)) || moved;
    addRoutedInstance(r);
    addImportsAndInstance(r);
    if (mainUsed) requirePackage(ctx, r.plan.pkg);
    const allMoved = f.decls.every((d) => d.bindings.every((b) => r.moves.has(b)));
    // A default `openai` import nothing referenced was removed above: it keeps nothing on @ai-sdk/openai.
    const def = live.find((i) => i.binding);
    const defaultGone = !!def?.binding && r.moves.get(def.binding) === '';
    if (allMoved && (!r.defaultKept || defaultGone) && !r.createKept && !r.typesKept) droppedPackage(ctx, AI_SDK_OPENAI);
    providerOptionsFollowUps(r);
  },
};

/**
 * `createOpenAI({...})` instances this transform leaves on OpenAI whole (every use a factory the provider package lacks,
 * like the `keptOpenAI` twin of an earlier run): rename-env-vars runs first and must not give them the provider's key.
 */
export function keptAiSdkRanges(ctx: Ctx): Array<[number, number]> {
  if (!/['"]@ai-sdk\/openai['"]/.test(ctx.file.text)) return [];
  const f = analyzeAiSdk(ctx);
  if (!f) return [];
  const plan = aiSdkPlan(ctx, false);
  return f.instances
    .filter((i) => i.create && (i.status === 'openai' || i.status === 'azure') && i.usages.length && i.usages.every((u) => usageBlocked(ctx, u, plan)))
    .map((i) => [i.create!.getStart(), i.create!.end] as [number, number]);
}

/** Options the provider needs, as `key: value` texts (for a new instance). */
function optionTexts(r: AiRun, plan: Plan = r.plan, t: ResolvedTarget = r.ctx.target): string[] {
  const q = r.ctx.q;
  const out: string[] = [];
  if (plan.compatible) out.push(`name: ${quote(t.provider.id, q)}`);
  if (plan.passBaseURL) out.push(`baseURL: ${quote(t.baseURL, q)}`);
  if (plan.passKey) out.push(`apiKey: process.env.${t.apiKeyEnv}`);
  for (const [k, v] of plan.extra) out.push(`${k}: ${quote(v, q)}`);
  if (plan === r.plan) out.push(...compatibleOptions(t.provider, plan.compatible && plan.settingsOptions, undefined));
  return out;
}

/** `providerOptions.openai` beside a model that moved off @ai-sdk/openai: nothing reads it any more. */
function dropOpenAIOptions(r: AiRun, u: AiUsage, to: { provider: ProviderProfile; pkg: string } = { provider: r.ctx.target.provider, pkg: r.plan.pkg }): void {
  const { ctx } = r;
  const modelProp = u.call.parent;
  if (!modelProp || !tsc.isPropertyAssignment(modelProp) || propName(modelProp.name) !== 'model' || !tsc.isObjectLiteralExpression(modelProp.parent)) return;
  const po = modelProp.parent.properties.find((x) => tsc.isPropertyAssignment(x) && propName(x.name) === 'providerOptions') as ts.PropertyAssignment | undefined;
  const obj = po && unwrap(po.initializer);
  if (!obj || !tsc.isObjectLiteralExpression(obj)) return;
  const oa = obj.properties.find((x) => tsc.isPropertyAssignment(x) && propName(x.name) === 'openai');
  if (!oa || r.droppedOptions.has(oa)) return;
  r.droppedOptions.add(oa);
  // The only entry: the whole `providerOptions` goes; else just `openai`.
  if (obj.properties.length === 1) removeProperties(ctx.file.text, ctx.edits, modelProp.parent, new Set([po!]));
  else removeProperties(ctx.file.text, ctx.edits, obj, new Set([oa]));
  const shown = oa.getText().replace(/\s+/g, ' ');
  ctx.change('wrapper', oa.getStart(), msg('client.aiSdkOptionsRemoved'), { transform: ID });
  ctx.followUp(
    oa.getStart(),
    msg('aiSdk.openaiOptionsRemoved', { what: shown.length > 120 ? shown.slice(0, 117) + '...' : shown }),
    msg('aiSdk.openaiOptionsRemoved.todo', { provider: shortName(to.provider), pkg: to.pkg }),
  );
}

/** Rewrite one usage to call `ref`; false when it stays on OpenAI (on `kept`, a created instance's OpenAI twin, when given). */
function migrateUsage(r: AiRun, u: AiUsage, ref: string | undefined, kept?: { local: string; name: string }): boolean {
  const { ctx, plan } = r;
  if (isRouted(r, u)) return migrateRoutedUsage(r, u);
  const blocked = usageBlocked(ctx, u, plan);
  if (blocked) {
    skipLiterals(ctx, u.call);
    const base = kept && keptBase(u, kept.local);
    if (base) ctx.edits.add(base.getStart(), base.end, kept!.name);
    addMarker(ctx, u.call, blocked.reason, base ? msg('aiSdk.openaiOnlyFactory.keptInstance', { name: kept!.name }) : blocked.action, ID);
    return false;
  }
  dropOpenAIOptions(r, u);
  if (u.kind === 'embedding') {
    const m = plan.embeddingMethod(u.method!)!;
    if (ref !== undefined) ctx.edits.add(u.callee.getStart(), u.callee.end, `${ref}.${m}`);
    else if (m !== u.method && tsc.isPropertyAccessExpression(u.callee)) ctx.edits.add(u.callee.name.getStart(), u.callee.name.end, m);
  } else if (ref !== undefined && u.callee.getText() !== ref) {
    ctx.edits.add(u.callee.getStart(), u.callee.end, ref);
  } else if (ref === undefined && tsc.isPropertyAccessExpression(u.callee)) {
    // created instance kept under its name: `oa.chat(id)` -> `oa(id)`
    ctx.edits.add(u.callee.expression.end, u.callee.end, '');
  }
  if (u.kind === 'responses') {
    ctx.followUp(u.call.getStart(), msg('aiSdk.responsesNowChat', { call: u.callee.getText() }), msg('aiSdk.responsesNowChat.todo'));
  }
  mapModelExpr(ctx, u.model, ID);
  adjustCallSettings(ctx, u, ID);
  capabilityFollowUps(ctx, u, plan.pkg);
  return true;
}

/** 1. The default `openai` instance: its calls use the provider's instance (imported, or created where options are needed). */
function migrateDefaultInstance(r: AiRun): void {
  const { ctx, plan } = r;
  const def = r.live.find((i) => i.binding);
  if (!def?.usages.length) {
    if (def) r.defaultKept = true;
    return;
  }
  const names = declaredNames(ctx.sf);
  const pick = (n: string) => (names.has(n) ? `${n}Provider` : n);
  const aliased = def.binding!.local !== def.binding!.imported;
  const needCreate = plan.compatible || plan.passBaseURL || plan.passKey || plan.extra.length > 0;
  const ref = needCreate ? pick(plan.instanceName) : aliased ? def.local : pick(plan.instanceName);
  let kept = def.otherRefs > 0;
  for (const u of def.usages) if (!migrateUsage(r, u, ref)) kept = true;
  const p = ctx.target.provider;
  if (def.otherRefs) ctx.followUp(def.binding!.decl.node.getStart(), msg('aiSdk.instanceAsValue', { name: def.local }), msg('aiSdk.instanceAsValue.todo', { provider: shortName(p) }));
  const main = def.usages.filter((u) => !isRouted(r, u));
  // Every use moved to the routed instance: the `openai` import goes.
  if (!kept && !main.length) r.moves.set(def.binding!, '');
  if (main.some((u) => !usageBlocked(ctx, u, plan))) {
    if (needCreate) {
      if (!kept && !aliased) r.moves.set(def.binding!, plan.createName);
      else r.newImports.add(plan.createName);
      r.instanceDecl = `const ${ref} = ${plan.createName}({ ${optionTexts(r).join(', ')} })${ctx.semi}`;
    } else if (!kept) r.moves.set(def.binding!, plan.instanceName);
    else r.newImports.add(plan.instanceName);
    ctx.change('wrapper', main[0]!.call.getStart(), msg('client.aiSdkProvider', { pkg: plan.pkg, provider: shortName(p), url: ctx.target.baseURL, env: ctx.target.apiKeyEnv }), {
      transform: ID,
    });
  }
  r.defaultKept = kept;
}

/** 2. createOpenAI({...}) instances: the provider's create function with the provider's options. */
function migrateCreatedInstances(r: AiRun): void {
  const { ctx, plan } = r;
  const t = ctx.target;
  let anyCreate = false;
  let keptCreate = false;
  for (const i of r.live.filter((x) => x.create)) {
    const c = i.create!;
    // Every use is a factory the provider package lacks (an instance kept for images, `keptOpenAI` of an earlier run):
    // the instance stays on OpenAI as it is, its uses marked.
    if (i.usages.length && i.usages.every((u) => !isRouted(r, u) && usageBlocked(ctx, u, plan))) {
      for (const u of i.usages) migrateUsage(r, u, undefined);
      keptCreate = true;
      continue;
    }
    anyCreate = true;
    // Factories the provider package lacks (`openai.image`, `.transcription`, ...) stay on OpenAI: on a twin of the
    // instance declared after it (`const keptOpenAI = createOpenAI({ apiKey: process.env.OPENAI_API_KEY })`), since the
    // instance itself becomes the provider's (whose type has no `.image`: TS2339 on ggallon/ai-chatbot).
    const st = c.parent && tsc.isVariableDeclaration(c.parent) ? c.parent.parent?.parent : undefined;
    const topLevel = !!st && tsc.isVariableStatement(st) && tsc.isSourceFile(st.parent) && !!i.local && !!r.f.createBinding;
    const blockedUses = topLevel ? i.usages.filter((u) => !isRouted(r, u) && usageBlocked(ctx, u, plan) && keptBase(u, i.local)) : [];
    let kept: { local: string; name: string } | undefined;
    if (blockedUses.length) {
      const names = declaredNames(ctx.sf);
      let name = 'keptOpenAI';
      for (let k = 2; names.has(name); k++) name = `keptOpenAI${k}`;
      kept = { local: i.local, name };
      keptCreate = true;
      const eol = eolAt(ctx.file.text, st!.getStart());
      ctx.edits.add(st!.end, st!.end, `${eol}const ${name} = ${r.f.createBinding!.local}({ apiKey: process.env.OPENAI_API_KEY })${ctx.semi}`);
    }
    ctx.edits.add(c.expression.getStart(), c.expression.end, plan.createName);
    if (!i.options) {
      const opts = optionTexts(r);
      if (opts.length) ctx.edits.add(c.arguments.pos, c.arguments.end, `{ ${opts.join(', ')} }`);
    } else rewriteCreateOptions(r, i.options);
    for (const u of i.usages) migrateUsage(r, u, undefined, kept);
    ctx.change('wrapper', c.getStart(), msg('client.aiSdkCreate', { create: plan.createName, pkg: plan.pkg, provider: shortName(t.provider), url: t.baseURL, env: t.apiKeyEnv }), { transform: ID });
  }
  r.createMoved = anyCreate;
  if (r.f.createBinding) {
    const stillCalled = keptCreate || r.f.instances.some((i) => i.create && !r.live.includes(i));
    if (anyCreate && !stillCalled) r.moves.set(r.f.createBinding, plan.createName);
    else if (anyCreate) r.newImports.add(plan.createName);
    r.createKept = !anyCreate || stillCalled;
  }
}

/** The options object of a createOpenAI call: OpenAI-only options go, name, base URL and key are the provider's. */
function rewriteCreateOptions(r: AiRun, o: ts.ObjectLiteralExpression): void {
  const { ctx, plan } = r;
  const t = ctx.target;
  const p = t.provider;
  const q = ctx.q;
  const removed = new Set<ts.ObjectLiteralElementLike>();
  const add: string[] = [];
  for (const x of o.properties) {
    const n = propName(x.name);
    if (n && (OPENAI_ONLY.includes(n) || (n === 'name' && !plan.compatible))) removed.add(x);
  }
  const nameProp = prop(o, 'name');
  if (plan.compatible) {
    if (nameProp && tsc.isPropertyAssignment(nameProp)) replaceValue(ctx.edits, nameProp, quote(p.id, q));
    else if (!nameProp) add.push(`name: ${quote(p.id, q)}`);
  }
  const base = prop(o, 'baseURL');
  if (base && tsc.isPropertyAssignment(base)) replaceValue(ctx.edits, base, quote(t.baseURL, q));
  else if (!base && plan.passBaseURL) add.push(`baseURL: ${quote(t.baseURL, q)}`);
  const key = prop(o, 'apiKey');
  if (!key && plan.passKey) add.push(`apiKey: process.env.${t.apiKeyEnv}`);
  else if (key && tsc.isPropertyAssignment(key) && isStringLike(unwrap(key.initializer))) replaceValue(ctx.edits, key, `process.env.${t.apiKeyEnv}`);
  else if (key && tsc.isPropertyAssignment(key) && !envName(unwrap(key.initializer)) && !/OPENAI_API_KEY/.test(key.initializer.getText())) {
    ctx.followUp(
      key.getStart(),
      msg('client.keyComesFrom', { who: 'apiKey', src: key.initializer.getText().slice(0, 60) }),
      msg('client.holdProviderKey', { provider: shortName(p), env: t.apiKeyEnv }),
    );
  }
  for (const [k, v] of plan.extra) if (!prop(o, k)) add.push(`${k}: ${quote(v, q)}`);
  add.push(...compatibleOptions(p, plan.compatible && plan.settingsOptions, o));
  removeProperties(ctx.file.text, ctx.edits, o, removed);
  addProperties(ctx.file.text, ctx.edits, o, add, removed);
}

/**
 * 3a. Imports: an ESM import whose every value binding moves or was never referenced is rewritten whole: unused
 * bindings go (an `@ai-sdk/openai` import left behind keeps the package installed for nothing); type-only
 * specifiers stay on '@ai-sdk/openai' (the provider package does not export OpenAI's types).
 */
function rewriteWholeImports(r: AiRun): void {
  const { ctx, plan, moves } = r;
  const text = ctx.file.text;
  for (const d of r.f.decls) {
    if (d.kind !== 'esm') continue;
    const decl = d.node as ts.ImportDeclaration;
    const nb = decl.importClause?.namedBindings;
    if (!nb || !tsc.isNamedImports(nb) || decl.importClause?.name || !nb.elements.length) continue;
    const unused = d.bindings.filter((b) => moves.get(b) === '' || (!moves.has(b) && unreferenced(ctx.sf, b.local)));
    // Type specifiers still referenced once the removed providerOptions.openai entries are gone.
    const inDropped = (n: ts.Node) => [...r.droppedOptions].some((o) => n.getStart() >= o.getStart() && n.end <= o.end);
    const liveTypes = nb.elements.filter((e) => e.isTypeOnly && references(ctx.sf, e.name.text).some((n) => !inDropped(n)));
    const hasTypes = nb.elements.some((e) => e.isTypeOnly);
    if ((!unused.length && !hasTypes) || !d.bindings.every((b) => moves.has(b) || unused.includes(b))) continue;
    const moved = d.bindings.filter((b) => moves.has(b) && moves.get(b) !== '');
    const types = liveTypes.map((e) => e.getText());
    const entries = [...new Set(moved.map((b) => (b.local !== b.imported ? `${moves.get(b)} as ${b.local}` : moves.get(b)!)))];
    for (const n of entries) r.newImports.delete(n);
    const qq = text[d.specNode.getStart()] === '"' ? '"' : "'";
    const eol = eolAt(text, decl.getStart());
    const newLine = entries.length ? `import { ${entries.join(', ')} } from ${qq}${plan.pkg}${qq}${ctx.semi}` : '';
    if (types.length) {
      r.typesKept = true;
      ctx.edits.add(nb.elements[0]!.getStart(), nb.elements[nb.elements.length - 1]!.end, types.join(', '));
      if (newLine) ctx.edits.add(decl.end, decl.end, eol + newLine);
    } else if (newLine) {
      ctx.edits.add(nb.elements[0]!.getStart(), nb.elements[nb.elements.length - 1]!.end, entries.join(', '));
      ctx.edits.add(d.specNode.getStart() + 1, d.specNode.end - 1, plan.pkg);
    } else removeStatementLine(ctx, decl);
    for (const b of unused) moves.set(b, '');
    r.rewritten.add(d);
  }
}

/** 3b. The other moved bindings change in place, in the first import that has them (a name moving twice is listed once). */
function moveBindingsInPlace(r: AiRun): void {
  const byDecl = new Map<AiFacts['decls'][number], Map<Binding, string>>();
  for (const [b, to] of [...r.moves]) {
    if (r.rewritten.has(b.decl)) continue;
    if (to === '') {
      // Only a whole ESM import rewrite removes a binding; elsewhere it stays (unused) and keeps @ai-sdk/openai.
      r.moves.delete(b);
      r.defaultKept = true;
      continue;
    }
    const m = byDecl.get(b.decl) ?? new Map<Binding, string>();
    m.set(b, to);
    byDecl.set(b.decl, m);
  }
  let first = true;
  for (const [d, m] of byDecl) {
    // Two bindings moving to the same name: the second is simply dropped from the list.
    const seen = new Set<string>();
    for (const [b, to] of m) {
      if (seen.has(to)) m.delete(b);
      seen.add(to);
    }
    for (const n of r.newImports) if (seen.has(n)) r.newImports.delete(n);
    if (first) {
      moveBindings(r.ctx, d, m, r.plan.pkg);
      first = false;
    }
  }
}

/** 3c. A new import line for names no binding moved to, and the created instance after the imports. */
function addImportsAndInstance(r: AiRun): void {
  const { ctx, plan, f } = r;
  const text = ctx.file.text;
  if (r.newImports.size) {
    const kind = f.decls[0]!.kind;
    const list = [...r.newImports].join(', ');
    const qq = text[f.decls[0]!.specNode.getStart()] === '"' ? '"' : "'";
    addImportLine(ctx, kind === 'esm' ? `import { ${list} } from ${qq}${plan.pkg}${qq}${ctx.semi}` : `const { ${list} } = require(${qq}${plan.pkg}${qq})${ctx.semi}`);
  }
  const routedDecl = r.routed?.used ? routedInstanceDecl(r, r.routed) : undefined;
  if (routedDecl) r.instanceDecl = r.instanceDecl ? `${r.instanceDecl}${eolAt(text, 0)}${routedDecl}` : routedDecl;
  if (r.instanceDecl) {
    const eol = eolAt(text, 0);
    const decls = ctx.sf.statements.filter((s) => tsc.isImportDeclaration(s) || isRequireStatement(s));
    const after = decls[decls.length - 1];
    if (after) ctx.edits.add(after.end, after.end, eol + eol + r.instanceDecl);
    else ctx.edits.add(0, 0, r.instanceDecl + eol + eol);
  }
}

/**
 * `--route embeddings=<provider>` when the main provider serves no embeddings: embedding models
 * (`openai.embedding(id)`, `oa.textEmbeddingModel(id)`) are created by an instance of the routed
 * provider's AI SDK package, picked as for a main migration (aiSdkPlan with the routed target);
 * @ai-sdk/openai-compatible where that package has no embedding models in the project's line.
 */
function routedEmbeddings(r: AiRun): RoutedEmbeddings | undefined {
  const { ctx } = r;
  if (isSupported(ctx.target.provider, 'embeddings')) return undefined;
  const route = routeFor(ctx.target, 'embeddings');
  if (!route || !r.live.some((i) => i.usages.some((u) => u.kind === 'embedding'))) return undefined;
  let plan = aiSdkPlan(ctx, true, route.target);
  if (!plan.embeddingMethod('embedding') || !route.target.provider.integrations.aiSdkCapabilities.embedding) plan = aiSdkPlan(ctx, true, route.target, true);
  const names = declaredNames(ctx.sf);
  // The file already declares the create function (its own instance of that package): not routed, the marker stays.
  if (names.has(plan.createName)) {
    const first = r.live.flatMap((i) => i.usages).find((u) => u.kind === 'embedding')!;
    ctx.followUp(
      first.call.getStart(),
      msg('route.notMoved', { call: first.callee.getText(), provider: shortName(route.target.provider), why: msg('route.why.instanceExists') }),
      msg('route.notMoved.todo', { url: route.target.baseURL, key: route.target.apiKeyEnv }),
    );
    return undefined;
  }
  let ref = plan.compatible ? route.target.provider.id : plan.instanceName;
  if (names.has(ref) || ref === r.plan.instanceName) ref = `${ref}Embeddings`;
  return { route, plan, ref, used: false };
}

const isRouted = (r: AiRun, u: AiUsage) => !!r.routed && u.kind === 'embedding';

/** An embedding model of a routed instance: `${ref}.${method}(mapped id)` (the model maps with the routed profile). */
function migrateRoutedUsage(r: AiRun, u: AiUsage): boolean {
  const { ctx } = r;
  const ro = r.routed!;
  const p = ro.route.target.provider;
  const m = ro.plan.embeddingMethod(u.method!);
  const blocked = m ? blockedReason(ctx, 'embeddings', u.model, p) : { reason: msg('aiSdk.noEmbeddings', { pkg: ro.plan.pkg }), action: msg('aiSdk.noEmbeddings.todo') };
  if (blocked) {
    skipLiterals(ctx, u.call);
    addMarker(ctx, u.call, blocked.reason, blocked.action, ID);
    return false;
  }
  dropOpenAIOptions(r, u, { provider: p, pkg: ro.plan.pkg });
  ctx.edits.add(u.callee.getStart(), u.callee.end, `${ro.ref}.${m}`);
  routedWidthFollowUps(ctx, u, ro);
  mapModelExpr(ctx, u.model, ID);
  ro.used = true;
  const t = ro.route.target;
  ctx.change(
    'wrapper',
    u.call.getStart(),
    `${u.callee.getText()} -> ${ro.ref}.${m} from ${ro.plan.pkg} (${shortName(p)}, ${t.baseURL}, ${t.apiKeyEnv}; --route ${ro.route.capability}=${p.id}): ${unsupportedReason(ctx.target.provider, 'embeddings').reason}`,
    { transform: ID },
  );
  return true;
}

/**
 * The routed provider's embedding-width rule (embeddingNeeds, as for plain SDK calls): the AI SDK call
 * is not rewritten (the option lives in the package's providerOptions), so a width the store was sized
 * for becomes a follow-up naming the value to send.
 */
function routedWidthFollowUps(ctx: Ctx, u: AiUsage, ro: RoutedEmbeddings): void {
  const ids = [...new Set(modelLiterals(ctx, u.model).map((l) => l.text))];
  if (ids.length !== 1) return;
  // The package's providerOptions key (the instance name for createOpenAICompatible) and width option.
  const key = ro.plan.compatible ? ro.route.target.provider.id : ro.plan.instanceName;
  const opt = AI_SDK_PACKAGES[ro.plan.pkg]?.embeddings?.dimensionsOption ?? 'dimensions';
  for (const n of embeddingNeeds(ro.route.target.provider, ids[0]!, ctx.models.lookup(ids[0]!)?.target, 'absent', 'single')) {
    if (n.kind === 'add-dims') ctx.followUp(u.call.getStart(), n.reason, msg('aiSdk.routedDims.todo', { option: `providerOptions: { ${key}: { ${opt}: ${n.value} } }` }));
    else ctx.followUp(u.call.getStart(), n.reason, n.action);
  }
}

/** The routed instance's create function: imported from its package (with the main names when it is the same package). */
function addRoutedInstance(r: AiRun): void {
  const ro = r.routed;
  if (!ro?.used) return;
  const { ctx } = r;
  if (ro.plan.pkg === r.plan.pkg) r.newImports.add(ro.plan.createName);
  else {
    const d = r.f.decls[0]!;
    const qq = ctx.file.text[d.specNode.getStart()] === '"' ? '"' : "'";
    addImportLine(
      ctx,
      d.kind === 'esm' ? `import { ${ro.plan.createName} } from ${qq}${ro.plan.pkg}${qq}${ctx.semi}` : `const { ${ro.plan.createName} } = require(${qq}${ro.plan.pkg}${qq})${ctx.semi}`,
    );
  }
  requirePackage(ctx, ro.plan.pkg);
}

/** `const qwen = createOpenAICompatible({ name: 'qwen', baseURL: '...', apiKey: process.env.DASHSCOPE_API_KEY });` */
function routedInstanceDecl(r: AiRun, ro: RoutedEmbeddings): string {
  return `const ${ro.ref} = ${ro.plan.createName}({ ${optionTexts(r, ro.plan, ro.route.target).join(', ')} })${r.ctx.semi}`;
}

/** providerOptions.openai left in place: OpenAI-only settings the new provider ignores. */
function providerOptionsFollowUps(r: AiRun): void {
  const { ctx } = r;
  walk(ctx.sf, (n) => {
    if (
      tsc.isPropertyAssignment(n) &&
      !r.droppedOptions.has(n) &&
      propName(n.name) === 'openai' &&
      tsc.isObjectLiteralExpression(n.parent) &&
      tsc.isPropertyAssignment(n.parent.parent) &&
      propName(n.parent.parent.name) === 'providerOptions'
    ) {
      ctx.followUp(n.getStart(), msg('aiSdk.openaiOptions'), msg('aiSdk.openaiOptions.todo', { provider: shortName(ctx.target.provider), pkg: r.plan.pkg }));
    }
  });
}

/** The instance name a usage calls through (`openai` in `openai.image(id)` or `openai(id)`), when it is `local`. */
function keptBase(u: AiUsage, local: string): ts.Identifier | undefined {
  const c = u.callee;
  if (tsc.isIdentifier(c)) return c.text === local ? c : undefined;
  const { base } = flattenAccess(c);
  return tsc.isIdentifier(base) && base.text === local ? base : undefined;
}

/** Why a factory call cannot move to the provider package. */
function usageBlocked(ctx: MigrateContext<JsContext>, u: AiUsage, plan: ReturnType<typeof aiSdkPlan>): { reason: Text; action: Text } | undefined {
  const p = ctx.target.provider;
  if (u.kind === 'chat' || u.kind === 'responses') return blockedReason(ctx, 'chat', u.model);
  if (u.kind === 'embedding') {
    if (!isSupported(p, 'embeddings')) return unsupportedReason(p, 'embeddings');
    if (!plan.embeddingMethod(u.method!) || !p.integrations.aiSdkCapabilities.embedding) return { reason: msg('aiSdk.noEmbeddings', { pkg: plan.pkg }), action: msg('aiSdk.noEmbeddings.todo') };
    return blockedReason(ctx, 'embeddings', u.model);
  }
  if (u.kind === 'completion') {
    return isSupported(p, 'completions') ? { reason: msg('aiSdk.completionModel'), action: msg('aiSdk.completionModel.todo') } : unsupportedReason(p, 'completions');
  }
  return {
    reason: msg('aiSdk.openaiOnlyFactory', { call: u.callee.getText(), pkg: plan.pkg }),
    action: msg('aiSdk.openaiOnlyFactory.todo'),
  };
}

/**
 * createOpenAICompatible options the provider documents (profile aiSdkCapabilities): without
 * `supportsStructuredOutputs` generateObject sends bare JSON mode (no schema), without `includeUsage`
 * streamed calls report no usage. Not in the package's 0.x line (AI SDK 4), whose provider settings have neither.
 */
function compatibleOptions(p: ProviderProfile, compatible: boolean, o: ts.ObjectLiteralExpression | undefined): string[] {
  if (!compatible) return [];
  const c = p.integrations.aiSdkCapabilities;
  const out: string[] = [];
  if (c.structuredOutputs && !(o && prop(o, 'supportsStructuredOutputs'))) out.push('supportsStructuredOutputs: true');
  if (c.streamUsage && !(o && prop(o, 'includeUsage'))) out.push('includeUsage: true');
  return out;
}

/** AI SDK functions whose result depends on a capability of the provider package. */
const OBJECT_FNS = new Set(['generateObject', 'streamObject']);
const STREAM_FNS = new Set(['streamText', 'streamObject']);

/** The AI SDK function a model factory call is passed to (`generateObject({ model: ... })`) and its settings. */
function enclosingAiCall(u: AiUsage): { fn: string; settings: ts.ObjectLiteralExpression } | undefined {
  const pa = u.call.parent;
  if (!pa || !tsc.isPropertyAssignment(pa) || propName(pa.name) !== 'model') return undefined;
  const settings = pa.parent;
  if (!tsc.isObjectLiteralExpression(settings) || !tsc.isCallExpression(settings.parent)) return undefined;
  const callee = unwrap(settings.parent.expression);
  const fn = tsc.isIdentifier(callee) ? callee.text : tsc.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return { fn, settings };
}

/** Follow-ups for calls that need a capability the chosen package lacks for this provider. */
function capabilityFollowUps(ctx: MigrateContext<JsContext>, u: AiUsage, pkg: string): void {
  if (u.kind !== 'chat' && u.kind !== 'responses') return;
  const e = enclosingAiCall(u);
  if (!e) return;
  const p = ctx.target.provider;
  const c = p.integrations.aiSdkCapabilities;
  const provider = shortName(p);
  if (OBJECT_FNS.has(e.fn) && p.params.drop.response_format !== undefined) {
    ctx.followUp(
      e.settings.parent.getStart(),
      msg('aiSdk.objectResponseFormat', { fn: e.fn, provider, reason: msg('param.notDocumented', { provider: p.name }) }),
      msg('aiSdk.objectResponseFormat.todo'),
    );
  } else if (OBJECT_FNS.has(e.fn) && prop(e.settings, 'schema') && !schemaSent(ctx, u, pkg, c.structuredOutputs)) {
    ctx.followUp(e.settings.parent.getStart(), cited(msg('aiSdk.schemaDropped', { fn: e.fn, pkg, provider }), c.url), msg('aiSdk.schemaDropped.todo'));
  }
  const sw = p.requestRules.thinkingInContent;
  if (sw) {
    const field = `${sw.field}: ${sw.value}`;
    ctx.followUp(e.settings.parent.getStart(), cited(msg('aiSdk.thinkingInText', { provider, field, pkg }), sw.url), msg('aiSdk.thinkingInText.todo', { field }));
  }
  if (STREAM_FNS.has(e.fn) && !c.streamUsage && /\busage\b/.test(ctx.file.text)) {
    ctx.followUp(e.settings.parent.getStart(), cited(msg('aiSdk.streamUsage', { fn: e.fn, provider, pkg }), c.url), msg('aiSdk.streamUsage.todo'));
  }
}

/** Whether `pkg` sends generateObject's schema for this model (package facts first, else the profile's table). */
function schemaSent(ctx: MigrateContext<JsContext>, u: AiUsage, pkg: string, documented: boolean): boolean {
  const s = AI_SDK_PACKAGES[pkg]?.schemaSent;
  if (s instanceof RegExp) {
    const model = targetModelOf(ctx, u.model) ?? (u.model && isStringLike(unwrap(u.model)) ? (unwrap(u.model) as ts.StringLiteral).text : undefined);
    return model !== undefined && s.test(model);
  }
  return s ?? documented;
}

/** AI SDK call settings and the OpenAI wire names the provider rules use. */
const AI_SETTINGS: Record<string, string> = {
  temperature: 'temperature',
  topP: 'top_p',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
  seed: 'seed',
  maxTokens: 'max_tokens',
  maxOutputTokens: 'max_tokens',
};

/**
 * `generateText({ model: deepseek('...'), temperature: 0, seed: 1 })`: the call
 * settings go to the provider as request parameters, so the provider's rules
 * apply to them too (GLM rejects temperature 0, Kimi K3 accepts only 1...).
 */
function adjustCallSettings(ctx: MigrateContext<JsContext>, u: AiUsage, transform: string): void {
  if (u.kind !== 'chat' && u.kind !== 'responses') return;
  const pa = u.call.parent;
  if (!pa || !tsc.isPropertyAssignment(pa) || propName(pa.name) !== 'model') return;
  const settings = pa.parent;
  if (!tsc.isObjectLiteralExpression(settings) || !tsc.isCallExpression(settings.parent)) return;
  const model = targetModelOf(ctx, u.model) ?? (u.model && isStringLike(unwrap(u.model)) ? (unwrap(u.model) as ts.StringLiteral).text : undefined);
  adjustParams(ctx, settings, model, transform, { names: AI_SETTINGS, wire: false });
}

/** Not referenced anywhere in the file (shorthand `{ name }` counts as a reference). */
function unreferenced(sf: ts.SourceFile, local: string): boolean {
  if (references(sf, local).length) return false;
  let shorthand = false;
  walk(sf, (n) => {
    if (tsc.isShorthandPropertyAssignment(n) && n.name.text === local) shorthand = true;
  });
  return !shorthand;
}
