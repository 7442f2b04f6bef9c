import { msg, type Text } from '../../../src/i18n/msg.js';
import type { ts } from 'ts-morph';
import { routeNotApplied } from '../../../src/routing/wrappers.js';
import { tsc } from '../../../src/lang/js/ts.js';
import { shortName } from '../../../src/providers/index.js';
import type { Transform, MigrateContext } from '../../../src/engine/types.js';
import type { JsContext } from '../../../src/lang/js/context.js';
import { envName } from '../../../src/lang/js/analyze.js';
import { addProperties, removeProperties, replaceValue } from '../../../src/lang/js/edit.js';
import { isStringLike, propName, unwrap, walk } from '../../../src/lang/js/parse.js';
import { eolAt, quote } from '../../../src/engine/text.js';
import { isSupported, unsupportedReason } from '../../../src/rules/endpoints.js';
import { cite } from '../../../src/rules/params.js';
import type { ProviderProfile } from '../../../src/providers/types.js';
import { addMarker, adjustParams, blockedReason, mapModelExpr, markWrapperUse, prop, skipLiterals, targetModelOf } from '../../../src/lang/js/wrappers/common.js';
import { aiSdkPlan, AI_SDK_OPENAI, analyzeAiSdk, type AiInstance, type AiUsage } from '../../../src/lang/js/wrappers/ai-sdk.js';
import { addImportLine, declaredNames, isRequireStatement, moveBindings, references, removeStatementLine, type Binding } from '../../../src/lang/js/wrappers/imports.js';
import { droppedPackage, requirePackage } from '../../../src/lang/js/wrappers/deps.js';

/** createOpenAI options only OpenAI understands (AI SDK 4's `compatibility` included). */
const OPENAI_ONLY = ['compatibility', 'organization', 'project'];

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
  id: 'replace-ai-sdk-openai',
  description: "Switch @ai-sdk/openai to the provider's AI SDK package or @ai-sdk/openai-compatible",
  run(ctx) {
    const f = analyzeAiSdk(ctx);
    if (!f) return;
    const t = ctx.target;
    const p = t.provider;
    const text = ctx.file.text;
    const q = ctx.q;
    const live: AiInstance[] = [];
    for (const i of f.instances) {
      if (i.status === 'unresolved') ctx.followUp((i.create ?? i.usages[0]?.call)?.getStart() ?? 0, 'createOpenAI options come from a value the tool cannot resolve', `make sure this provider uses ${t.baseURL} and ${t.apiKeyEnv}`);
      else if (i.status === 'openai' || i.status === 'azure') live.push(i);
    }
    if (!live.some((i) => i.usages.length || i.create)) return;
    markWrapperUse(ctx);
    const needsEmb = isSupported(p, 'embeddings') && live.some((i) => i.usages.some((u) => u.kind === 'embedding'));
    const plan = aiSdkPlan(ctx, needsEmb);
    const names = declaredNames(ctx.sf);
    const pick = (n: string) => (names.has(n) ? `${n}Provider` : n);
    const newImports = new Set<string>();

    // Options the provider needs, as `key: value` texts (for a new instance).
    const optionTexts = (): string[] => {
      const out: string[] = [];
      if (plan.compatible) out.push(`name: ${quote(p.id, q)}`);
      if (plan.passBaseURL) out.push(`baseURL: ${quote(t.baseURL, q)}`);
      if (plan.passKey) out.push(`apiKey: process.env.${t.apiKeyEnv}`);
      for (const [k, v] of plan.extra) out.push(`${k}: ${quote(v, q)}`);
      out.push(...compatibleOptions(p, plan.compatible, undefined));
      return out;
    };

    /** `providerOptions.openai` beside a model that moved off @ai-sdk/openai: nothing reads it any more. */
    const droppedOptions = new Set<ts.Node>();
    const dropOpenAIOptions = (u: AiUsage) => {
      const modelProp = u.call.parent;
      if (!modelProp || !tsc.isPropertyAssignment(modelProp) || propName(modelProp.name) !== 'model' || !tsc.isObjectLiteralExpression(modelProp.parent)) return;
      const po = modelProp.parent.properties.find((x) => tsc.isPropertyAssignment(x) && propName(x.name) === 'providerOptions') as ts.PropertyAssignment | undefined;
      const obj = po && unwrap(po.initializer);
      if (!obj || !tsc.isObjectLiteralExpression(obj)) return;
      const oa = obj.properties.find((x) => tsc.isPropertyAssignment(x) && propName(x.name) === 'openai');
      if (!oa || droppedOptions.has(oa)) return;
      droppedOptions.add(oa);
      // The only entry: the whole `providerOptions` goes; else just `openai`.
      if (obj.properties.length === 1) removeProperties(text, ctx.edits, modelProp.parent, new Set([po!]));
      else removeProperties(text, ctx.edits, obj, new Set([oa]));
      const shown = oa.getText().replace(/\s+/g, ' ');
      ctx.change('wrapper', oa.getStart(), 'removed providerOptions.openai (read only by @ai-sdk/openai)', { transform: this.id });
      ctx.followUp(oa.getStart(), msg('aiSdk.openaiOptionsRemoved', { what: shown.length > 120 ? shown.slice(0, 117) + '...' : shown }), msg('aiSdk.openaiOptionsRemoved.todo', { provider: shortName(p), pkg: plan.pkg }));
    };

    /** Rewrite one usage to call `ref`; false when it stays on OpenAI. */
    const migrateUsage = (u: AiUsage, ref: string | undefined): boolean => {
      const blocked = usageBlocked(ctx, u, plan);
      if (blocked) {
        skipLiterals(ctx, u.call);
        addMarker(ctx, u.call, blocked.reason, blocked.action, this.id);
        return false;
      }
      dropOpenAIOptions(u);
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
      mapModelExpr(ctx, u.model, this.id);
      adjustCallSettings(ctx, u, this.id);
      capabilityFollowUps(ctx, u, plan.pkg);
      return true;
    };

    const moves = new Map<Binding, string>();
    let defaultKept = false;
    /** `const alibaba = createAlibaba({...});`, inserted after the imports (and after any new import line). */
    let instanceDecl: string | undefined;
    let createKept = false;

    // 1. The default `openai` instance.
    const def = live.find((i) => i.binding);
    if (def?.usages.length) {
      const aliased = def.binding!.local !== def.binding!.imported;
      const needCreate = plan.compatible || plan.passBaseURL || plan.passKey || plan.extra.length > 0;
      const ref = needCreate ? pick(plan.instanceName) : aliased ? def.local : pick(plan.instanceName);
      let kept = def.otherRefs > 0;
      for (const u of def.usages) if (!migrateUsage(u, ref)) kept = true;
      if (def.otherRefs) ctx.followUp(def.binding!.decl.node.getStart(), msg('aiSdk.instanceAsValue', { name: def.local }), msg('aiSdk.instanceAsValue.todo', { provider: shortName(p) }));
      if (def.usages.some((u) => !usageBlocked(ctx, u, plan))) {
        if (needCreate) {
          if (!kept && !aliased) moves.set(def.binding!, plan.createName);
          else newImports.add(plan.createName);
          instanceDecl = `const ${ref} = ${plan.createName}({ ${optionTexts().join(', ')} })${ctx.semi}`;
        } else if (!kept) moves.set(def.binding!, plan.instanceName);
        else newImports.add(plan.instanceName);
        ctx.change('wrapper', def.usages[0]!.call.getStart(), `AI SDK openai provider -> ${plan.pkg} (${shortName(p)}, ${t.baseURL}, ${t.apiKeyEnv}); chat models use Chat Completions`, { transform: this.id });
      }
      defaultKept = kept;
    } else if (def) defaultKept = true;

    // 2. createOpenAI({...}) instances.
    let anyCreate = false;
    for (const i of live.filter((x) => x.create)) {
      anyCreate = true;
      const c = i.create!;
      ctx.edits.add(c.expression.getStart(), c.expression.end, plan.createName);
      const o = i.options;
      if (!o) {
        const opts = optionTexts();
        if (opts.length) ctx.edits.add(c.arguments.pos, c.arguments.end, `{ ${opts.join(', ')} }`);
      } else {
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
          ctx.followUp(key.getStart(), `apiKey comes from ${key.initializer.getText().slice(0, 60)}`, `make it hold a ${shortName(p)} key (${t.apiKeyEnv})`);
        }
        for (const [k, v] of plan.extra) if (!prop(o, k)) add.push(`${k}: ${quote(v, q)}`);
        add.push(...compatibleOptions(p, plan.compatible, o));
        removeProperties(text, ctx.edits, o, removed);
        addProperties(text, ctx.edits, o, add, removed);
      }
      for (const u of i.usages) migrateUsage(u, undefined);
      ctx.change('wrapper', c.getStart(), `createOpenAI -> ${plan.createName} from ${plan.pkg} (${shortName(p)}, ${t.baseURL}, ${t.apiKeyEnv})`, { transform: this.id });
    }
    if (f.createBinding) {
      const stillCalled = f.instances.some((i) => i.create && !live.includes(i));
      if (anyCreate && !stillCalled) moves.set(f.createBinding, plan.createName);
      else if (anyCreate) newImports.add(plan.createName);
      createKept = !anyCreate || stillCalled;
    }

    // 3. Imports: move bindings in place where the OpenAI ones are no longer used, else add a line.
    // An ESM import whose every value binding moves or was never referenced is rewritten whole: unused
    // bindings go (an `@ai-sdk/openai` import left behind keeps the package installed for nothing); type-only
    // specifiers stay on '@ai-sdk/openai' (the provider package does not export OpenAI's types).
    const rewritten = new Set<(typeof f.decls)[number]>();
    let typesKept = false;
    for (const d of f.decls) {
      if (d.kind !== 'esm') continue;
      const decl = d.node as ts.ImportDeclaration;
      const nb = decl.importClause?.namedBindings;
      if (!nb || !tsc.isNamedImports(nb) || decl.importClause?.name || !nb.elements.length) continue;
      const unused = d.bindings.filter((b) => !moves.has(b) && unreferenced(ctx.sf, b.local));
      // Type specifiers still referenced once the removed providerOptions.openai entries are gone.
      const inDropped = (r: ts.Node) => [...droppedOptions].some((o) => r.getStart() >= o.getStart() && r.end <= o.end);
      const liveTypes = nb.elements.filter((e) => e.isTypeOnly && references(ctx.sf, e.name.text).some((r) => !inDropped(r)));
      const hasTypes = nb.elements.some((e) => e.isTypeOnly);
      if ((!unused.length && !hasTypes) || !d.bindings.every((b) => moves.has(b) || unused.includes(b))) continue;
      const moved = d.bindings.filter((b) => moves.has(b));
      const types = liveTypes.map((e) => e.getText());
      const entries = [...new Set(moved.map((b) => (b.local !== b.imported ? `${moves.get(b)} as ${b.local}` : moves.get(b)!)))];
      for (const n of entries) newImports.delete(n);
      const qq = text[d.specNode.getStart()] === '"' ? '"' : "'";
      const eol = eolAt(text, decl.getStart());
      const newLine = entries.length ? `import { ${entries.join(', ')} } from ${qq}${plan.pkg}${qq}${ctx.semi}` : '';
      if (types.length) {
        typesKept = true;
        ctx.edits.add(nb.elements[0]!.getStart(), nb.elements[nb.elements.length - 1]!.end, types.join(', '));
        if (newLine) ctx.edits.add(decl.end, decl.end, eol + newLine);
      } else if (newLine) {
        ctx.edits.add(nb.elements[0]!.getStart(), nb.elements[nb.elements.length - 1]!.end, entries.join(', '));
        ctx.edits.add(d.specNode.getStart() + 1, d.specNode.end - 1, plan.pkg);
      } else removeStatementLine(ctx, decl);
      for (const b of unused) moves.set(b, '');
      rewritten.add(d);
    }
    const byDecl = new Map<(typeof f.decls)[number], Map<Binding, string>>();
    for (const [b, to] of moves) {
      if (rewritten.has(b.decl)) continue;
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
      for (const n of newImports) if (seen.has(n)) newImports.delete(n);
      if (first) {
        moveBindings(ctx, d, m, plan.pkg);
        first = false;
      }
    }
    if (newImports.size) {
      const kind = f.decls[0]!.kind;
      const list = [...newImports].join(', ');
      const qq = text[f.decls[0]!.specNode.getStart()] === '"' ? '"' : "'";
      addImportLine(ctx, kind === 'esm' ? `import { ${list} } from ${qq}${plan.pkg}${qq}${ctx.semi}` : `const { ${list} } = require(${qq}${plan.pkg}${qq})${ctx.semi}`);
    }
    if (instanceDecl) {
      const eol = eolAt(text, 0);
      const decls = ctx.sf.statements.filter((s) => tsc.isImportDeclaration(s) || isRequireStatement(s));
      const after = decls[decls.length - 1];
      if (after) ctx.edits.add(after.end, after.end, eol + eol + instanceDecl);
      else ctx.edits.add(0, 0, instanceDecl + eol + eol);
    }
    requirePackage(ctx, plan.pkg);
    const allMoved = f.decls.every((d) => d.bindings.every((b) => moves.has(b)));
    // A default `openai` import nothing referenced was removed above: it keeps nothing on @ai-sdk/openai.
    const defaultGone = !!def?.binding && moves.get(def.binding) === '';
    if (allMoved && (!defaultKept || defaultGone) && !createKept && !typesKept) droppedPackage(ctx, AI_SDK_OPENAI);
    // providerOptions.openai: OpenAI-only settings the new provider ignores.
    walk(ctx.sf, (n) => {
      if (tsc.isPropertyAssignment(n) && !droppedOptions.has(n) && propName(n.name) === 'openai' && tsc.isObjectLiteralExpression(n.parent) && tsc.isPropertyAssignment(n.parent.parent) && propName(n.parent.parent.name) === 'providerOptions') {
        ctx.followUp(n.getStart(), msg('aiSdk.openaiOptions'), msg('aiSdk.openaiOptions.todo', { provider: shortName(p), pkg: plan.pkg }));
      }
    });
  },
};

/** Why a factory call cannot move to the provider package. */
function usageBlocked(ctx: MigrateContext<JsContext>, u: AiUsage, plan: ReturnType<typeof aiSdkPlan>): { reason: Text; action: Text } | undefined {
  const p = ctx.target.provider;
  if (u.kind === 'chat' || u.kind === 'responses') return blockedReason(ctx, 'chat', u.model);
  if (u.kind === 'embedding') {
    if (!isSupported(p, 'embeddings')) return routeNotApplied(ctx, 'embeddings', 'AI SDK embedding models') ?? unsupportedReason(p, 'embeddings');
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
 * streamed calls report no usage.
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
  const src = cite(c.url);
  if (OBJECT_FNS.has(e.fn) && prop(e.settings, 'schema') && !c.structuredOutputs) {
    ctx.followUp(e.settings.parent.getStart(), `${e.fn} with a schema: ${pkg} sends JSON mode without the schema for ${shortName(p)} (structured outputs are not documented)${src}`, 'describe the JSON shape in the prompt and validate the result (the schema still parses it)');
  }
  const sw = p.requestRules.thinkingInContent;
  if (sw) {
    ctx.followUp(e.settings.parent.getStart(), `${shortName(p)} returns the model's thinking inside the text (<think>...</think>) unless ${sw.field}: ${sw.value} is in the request body; ${pkg} does not send it${cite(sw.url)}`, `send ${sw.field}: ${sw.value} with each request (a provider option your AI SDK version passes into the body), or strip the <think> block from the text`);
  }
  if (STREAM_FNS.has(e.fn) && !c.streamUsage && /\busage\b/.test(ctx.file.text)) {
    ctx.followUp(e.settings.parent.getStart(), `${e.fn}: ${shortName(p)} does not document usage on streamed responses through ${pkg}; usage may be empty${src}`, 'count tokens another way, or read usage from a non-streamed call');
  }
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
