import type { ts } from 'ts-morph';
import { tsc } from '../../../src/lang/js/ts.js';
import { shortName } from '../../../src/providers/index.js';
import type { Transform } from '../../../src/engine/types.js';
import type { JsContext } from '../../../src/lang/js/context.js';
import { objectLiteralOf } from '../../../src/lang/js/analyze.js';
import { addProperties, removeProperties, renameKey, replaceValue } from '../../../src/lang/js/edit.js';
import { isStringLike, propName, unwrap } from '../../../src/lang/js/parse.js';
import { quote } from '../../../src/engine/text.js';
import type { EndpointKind } from '../../../src/rules/endpoints.js';
import { addMarker, adjustParams, blockedReason, mapModelExpr, markWrapperUse, prop, skipLiterals, targetModelOf, valueOf } from '../../../src/lang/js/wrappers/common.js';
import { analyzeLangChain, LC_AZURE_FIELDS, LC_PARAM_NAMES, plainClass, type LcConstruction } from '../../../src/lang/js/wrappers/langchain.js';
import { addImportLine, moveBindings, references, type Binding } from '../../../src/lang/js/wrappers/imports.js';
import { droppedPackage, requirePackage } from '../../../src/lang/js/wrappers/deps.js';
import { packageFits } from '../../../src/lang/deps/versions.js';

/** The model LangChain uses when none is given (mapped like any OpenAI id). */
const DEFAULT_MODEL: Record<LcConstruction['kind'], string> = { chat: 'gpt-3.5-turbo', embeddings: 'text-embedding-ada-002', completions: 'gpt-3.5-turbo-instruct' };
const ENDPOINT: Record<LcConstruction['kind'], EndpointKind> = { chat: 'chat', embeddings: 'embeddings', completions: 'completions' };

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
  id: 'replace-langchain-openai',
  description: "Point LangChain OpenAI classes at the provider, or switch to the provider's LangChain package",
  run(ctx) {
    const f = analyzeLangChain(ctx);
    if (!f) return;
    const t = ctx.target;
    const p = t.provider;
    const text = ctx.file.text;
    const q = ctx.q;
    // The provider's LangChain package only when a release works with the project's @langchain/core (else ChatOpenAI + baseURL).
    const integ = p.integrations.langchainJs && packageFits(ctx.file.abs, p.integrations.langchainJs.package) ? p.integrations.langchainJs : null;
    /** binding -> [migrated constructions, all constructions] */
    const perBinding = new Map<Binding, { moved: LcConstruction[]; total: number; to: string; pkg?: string }>();
    for (const c of f.constructions) {
      const entry = perBinding.get(c.binding) ?? { moved: [], total: 0, to: c.className };
      entry.total++;
      perBinding.set(c.binding, entry);
      if (c.status === 'unresolved') {
        ctx.followUp(c.node.getStart(), `${c.className} options or base URL come from a value the tool cannot resolve`, `make sure it uses ${t.baseURL} and ${t.apiKeyEnv}`);
        continue;
      }
      if (c.status !== 'openai' && c.status !== 'azure') continue;
      markWrapperUse(ctx);
      const o = c.options;
      const modelProp = o ? prop(o, 'model', 'modelName') : undefined;
      const blocked = blockedReason(ctx, ENDPOINT[c.kind], valueOf(modelProp));
      if (blocked) {
        skipLiterals(ctx, c.node);
        addMarker(ctx, c.node, blocked.reason, blocked.action, this.id);
        continue;
      }
      const switchTo = c.kind === 'chat' && integ ? integ : undefined;
      entry.to = switchTo ? switchTo.chatClass : plainClass(c.className);
      entry.pkg = switchTo?.package;
      entry.moved.push(c);
      const add: string[] = [];
      const remove = new Set<ts.ObjectLiteralElementLike>();
      // Model: mapped, or LangChain's default made explicit (it is an OpenAI id).
      let model = valueOf(modelProp);
      let deployment: ts.Expression | undefined;
      for (const x of o?.properties ?? []) {
        const n = propName(x.name);
        if (!n || !LC_AZURE_FIELDS.test(n)) continue;
        if (/DeploymentName$|^deploymentName$/.test(n) && tsc.isPropertyAssignment(x)) deployment ??= x.initializer;
        if (n === 'azureOpenAIApiKey' && !prop(o!, 'apiKey', 'openAIApiKey')) renameKey(text, ctx.edits, x as ts.PropertyAssignment, 'apiKey');
        else remove.add(x);
      }
      if (modelProp) {
        mapModelExpr(ctx, model, this.id);
        if (switchTo && propName(modelProp.name) === 'modelName') renameKey(text, ctx.edits, modelProp, 'model');
      } else {
        const dep = deployment ? unwrap(deployment) : undefined;
        const depId = dep && isStringLike(dep) ? dep.text : undefined;
        const hit = depId ? ctx.models.lookup(depId) : undefined;
        const mapped = hit?.target ?? ctx.models.lookup(DEFAULT_MODEL[c.kind])?.target;
        if (mapped) add.push(`model: ${quote(mapped, q)}`);
        if (deployment && !hit) {
          addMarker(ctx, c.node, `Azure deployment ${deployment.getText()} was the model; ${mapped ? `it is now ${mapped}` : 'no model is set'}`, `set the ${shortName(p)} model this deployment stood for`, this.id);
        }
      }
      // Key: the provider's variable.
      const key = o ? prop(o, 'apiKey', 'openAIApiKey') : undefined;
      if (key && switchTo && propName(key.name) === 'openAIApiKey') renameKey(text, ctx.edits, key, 'apiKey');
      if (key && tsc.isPropertyAssignment(key) && isStringLike(unwrap(key.initializer))) {
        replaceValue(ctx.edits, key, `process.env.${t.apiKeyEnv}`);
        ctx.change('wrapper', key.getStart(), `hard-coded key replaced by ${t.apiKeyEnv} (move the secret out of the code)`, { transform: this.id });
      }
      const hasKey = !!key || (o ? !!prop(o, 'azureOpenAIApiKey') : false);
      if (!hasKey && (!switchTo || switchTo.env !== t.apiKeyEnv)) add.push(`apiKey: process.env.${t.apiKeyEnv}`);
      // Base URL: configuration.baseURL (kept classes), none (the integration knows it).
      const confProp = o ? prop(o, 'configuration', 'clientConfig') : undefined;
      const conf = objectLiteralOf(ctx.facts, valueOf(confProp));
      if (conf) {
        const base = prop(conf, 'baseURL', 'basePath');
        const org = conf.properties.filter((x) => ['organization', 'project'].includes(propName(x.name) ?? ''));
        if (switchTo) {
          const gone = new Set<ts.ObjectLiteralElementLike>([...org, ...(base ? [base] : [])]);
          if (gone.size === conf.properties.length && confProp && unwrap(valueOf(confProp)!) === conf) remove.add(confProp);
          else removeProperties(text, ctx.edits, conf, gone);
        } else {
          if (base && tsc.isPropertyAssignment(base)) replaceValue(ctx.edits, base, quote(t.baseURL, q));
          removeProperties(text, ctx.edits, conf, new Set(org));
          if (!base) addProperties(text, ctx.edits, conf, [`baseURL: ${quote(t.baseURL, q)}`], new Set(org));
        }
      } else if (confProp) {
        ctx.followUp(confProp.getStart(), `${c.className} configuration comes from a value the tool cannot resolve`, `set its baseURL to ${t.baseURL}`);
      } else if (!switchTo) add.push(`configuration: { baseURL: ${quote(t.baseURL, q)} }`);
      // Parameters (camelCase fields, OpenAI rules by wire name).
      if (o) {
        const removed = adjustParams(ctx, o, targetModelOf(ctx, model) ?? ctx.models.lookup(DEFAULT_MODEL[c.kind])?.target ?? undefined, this.id, { names: LC_PARAM_NAMES, wire: false, remove });
        addProperties(text, ctx.edits, o, add, removed);
      } else {
        const body = `{ ${add.join(', ')} }`;
        if (!c.node.arguments) ctx.edits.add(c.node.end, c.node.end, `(${body})`);
        else ctx.edits.add(text.indexOf('(', c.node.expression.end) + 1, text.indexOf('(', c.node.expression.end) + 1, body);
      }
      ctx.change(
        'wrapper',
        c.node.getStart(),
        switchTo ? `${c.className} -> ${switchTo.chatClass} from ${switchTo.package}` : `${c.className} now calls ${shortName(p)} (${t.baseURL}) with ${t.apiKeyEnv}`,
        { transform: this.id },
      );
      model = undefined;
    }

    // Imports and class references.
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
    const q0 = f.decls[0] ? (text[f.decls[0].specNode.getStart()] === '"' ? '"' : "'") : q;
    for (const [spec, names] of extraImports) {
      const list = [...names].join(', ');
      addImportLine(ctx, f.decls[0]!.kind === 'esm' ? `import { ${list} } from ${q0}${spec}${q0}${ctx.semi}` : `const { ${list} } = require(${q0}${spec}${q0})${ctx.semi}`);
    }
    if (integ && [...perBinding.values()].some((e) => e.pkg && e.moved.length)) {
      requirePackage(ctx, integ.package);
      const allGone = f.decls.every((d) => d.bindings.every((b) => movesByDecl.get(d)?.moves.has(b)));
      if (allGone) for (const d of f.decls) droppedPackage(ctx, d.spec);
    }
  },
};
