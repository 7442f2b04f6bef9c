import fs from 'node:fs';
import path from 'node:path';
import { msg } from '../../i18n/msg.js';
import type { ResolvedTarget } from '../../providers/index.js';
import { type MigrateContext, runRootOf } from '../../engine/types.js';
import { shortName } from '../../providers/index.js';
import { appHeldKey, envRead, reachesOpenAI, urlExprStatus, type PyConstruction } from './analyze.js';
import type { KeptSettings, PyContext } from './context.js';
import type { PyFacts } from './analyze.js';
import { envRole, renamedKeyVar } from '../../rules/env.js';
import { blockedCall } from './helpers.js';
import { isOpenAIId } from './model-sites.js';
import { kids, kwargs, stringValue, unparen, walk, type Node } from './parse.js';
import { settingsFieldOf, settingsRole, type PySettingsClass, type PySettingsField } from './settings.js';
import { foreignOpenAIClients, llamaIndexLegacy, llamaIndexLegacyMoves, type WrapperUse } from './wrappers.js';
import { userEnvKeyWrite, userInputSource } from './user-input.js';

/**
 * Which clients of a Python file are migrated, decided once before the transforms run, so
 * that a client's key and base URL change together or not at all (the twin of the JS/TS plan):
 * - a client whose base URL cannot be resolved, or that calls another service, is left alone, its key included;
 * - Azure clients are migrated all together or not at all: when a deployment or the model of
 *   a call on an Azure client is not an OpenAI id the profile maps, every Azure client of the
 *   file stays on Azure (class, options, key, calls) with one follow-up.
 */
export interface PyClientPlan {
  kept: Map<number, 'azure' | 'unresolved' | 'other' | 'blocked' | 'app-key' | 'shared-key' | 'checked-model'>;
  /** [start, end) ranges whose key reads belong to a client that stays. */
  keptKeyRanges: Array<[number, number]>;
  /** Settings fields (`Settings.openai_api_key`) a client of this file that stays reads. */
  keptFields: Set<string>;
  /**
   * `api_key` values (node ids) of moving clients that read a key variable a staying client keeps (`OPENAI_API_KEY =
   * os.getenv("OPENAI_API_KEY")` read by both): they read the provider's key themselves (retarget-client-construction).
   */
  ownKey: Set<number>;
}

const PLANS = new WeakMap<object, PyClientPlan>();

export function pyClientPlan(ctx: MigrateContext<PyContext>): PyClientPlan {
  let plan = PLANS.get(ctx.facts);
  if (!plan) PLANS.set(ctx.facts, (plan = makePlan(ctx)));
  return plan;
}

function makePlan(ctx: MigrateContext<PyContext>): PyClientPlan {
  const plan: PyClientPlan = { kept: new Map(), keptKeyRanges: [], keptFields: new Set(), ownKey: new Set() };
  for (const c of ctx.facts.constructions) if (c.status === 'unresolved' || c.status === 'other') plan.kept.set(c.node.id, c.appKey ? 'app-key' : c.status);
  appKeyPlan(ctx);
  blockedPlan(ctx, plan);
  azurePlan(ctx, plan);
  sharedKeyPlan(ctx, plan);
  checkedModelPlan(ctx, plan);
  for (const c of ctx.facts.constructions) if (plan.kept.has(c.node.id)) plan.keptKeyRanges.push(...keyRanges(ctx, c));
  // A moving client whose key name is bound to an environment read a staying client keeps (tharika01/HireSight: one
  // `OPENAI_API_KEY = os.getenv("OPENAI_API_KEY")` for an Azure client that moves and an OpenAI client that stays):
  // the read keeps its name, and the moving client reads the provider's key itself.
  for (const c of ctx.facts.constructions) {
    if (plan.kept.has(c.node.id) || !reachesOpenAI(c.status)) continue;
    const v = c.kwargs.get('api_key')?.childForFieldName('value');
    if (!v || unparen(v).type !== 'identifier') continue;
    const kept = valueSources(ctx.facts, v)
      .slice(1)
      .some((src) => {
        const env = envRead(unparen(src));
        const at = ctx.py.start(src);
        return !!env && envRole(env.name) === 'key' && plan.keptKeyRanges.some(([a, b]) => at >= a && ctx.py.end(src) <= b);
      });
    if (kept) plan.ownKey.add(v.id);
  }
  // A class that stays for a key the user enters: its key reads, and the input's default (`st.text_input(..., value=os.getenv("OPENAI_API_KEY"))`).
  for (const u of ctx.wrappers?.uses ?? []) {
    if (u.azureRuntime) plan.keptKeyRanges.push([ctx.py.start(u.node), ctx.py.end(u.node)]);
    if (!u.appKey) continue;
    plan.keptKeyRanges.push([ctx.py.start(u.node), ctx.py.end(u.node)]);
    const src = userInputSource(ctx.facts, u.appKey);
    if (src) plan.keptKeyRanges.push([ctx.py.start(src), ctx.py.end(src)]);
  }
  for (const c of ctx.facts.constructions) {
    const src = c.appKey ? userInputSource(ctx.facts, c.appKey) : undefined;
    if (src) plan.keptKeyRanges.push([ctx.py.start(src), ctx.py.end(src)]);
  }
  // `os.environ["OPENAI_API_KEY"] = <what the user entered>` read by a client that stays: the write keeps its name.
  const envWrite = userEnvKeyWrite(ctx.facts);
  if (envWrite && [...ctx.facts.constructions, ...(ctx.wrappers?.uses ?? [])].some((c) => c.appKey?.id === envWrite.value.id))
    plan.keptKeyRanges.push([ctx.py.start(envWrite.stmt), ctx.py.end(envWrite.stmt)]);
  runtimeInitChat(ctx, plan);
  for (const c of ctx.facts.constructions) {
    if (!plan.kept.has(c.node.id)) continue;
    for (const kw of ['api_key', 'base_url']) {
      const v = c.kwargs.get(kw)?.childForFieldName('value');
      for (const setting of v ? settingsFieldsIn(ctx.facts, valueSources(ctx.facts, v)) : []) plan.keptFields.add(fieldKey(setting.cls, setting.field.name));
    }
  }
  // The module-level client (`openai.api_key = ...`) pointed at a URL the tool cannot resolve or at another service keeps its key.
  const f = ctx.facts;
  const base = (f.moduleConfig.get(f.legacy ? 'api_base' : 'base_url') ?? f.moduleConfig.get(f.legacy ? 'base_url' : 'api_base'))?.[0];
  const azureModule = /azure/i.test(stringValue(f.moduleConfig.get('api_type')?.[0]?.value) ?? '');
  if (base && !azureModule) {
    const st = urlExprStatus(f, base.value, ctx.targetHost);
    if (st === 'unresolved' || st === 'other') for (const k of f.moduleConfig.get('api_key') ?? []) plan.keptKeyRanges.push([ctx.py.start(k.stmt), ctx.py.end(k.stmt)]);
  }
  // The module configuration a kept llama-index 0.9 wrapper reads keeps its key (moduleConfigKeptBy).
  if (moduleConfigKeptBy(ctx)) for (const k of f.moduleConfig.get('api_key') ?? []) plan.keptKeyRanges.push([ctx.py.start(k.stmt), ctx.py.end(k.stmt)]);
  return plan;
}

/**
 * A wrapper that stays on OpenAI and reads the `openai` module's configuration: a llama-index 0.9
 * class without a provider-neutral counterpart there (OpenAIEmbedding), given no api_key / api_base,
 * resolves `openai.api_key` and `openai.base_url` (llama_index/llms/openai_utils.py
 * `resolve_openai_credentials`: param, env, openai module, default). When nothing else calls the module,
 * its configuration stays OpenAI's (retarget-module-client); undefined otherwise.
 */
export function moduleConfigKeptBy(ctx: MigrateContext<PyContext>): WrapperUse | undefined {
  if (ctx.facts.calls.some((c) => c.module)) return undefined;
  return ctx.wrappers.uses.find(
    (u) =>
      reachesOpenAI(u.status) &&
      u.binding.kind.startsWith('li-') &&
      llamaIndexLegacy(u.binding, ctx.packageFits) &&
      !llamaIndexLegacyMoves(u.binding) &&
      !u.kwargs.has('api_key') &&
      !u.kwargs.has('api_base'),
  );
}

/**
 * A client whose key is an OpenAI key the app holds (`OpenAI(api_key=user.openai_api_key)`, analyze.ts appHeldKey)
 * stays on OpenAI, its calls' model ids too (its status is `other` from the analysis on): giving it the provider's
 * host would send that OpenAI key to the provider. One follow-up says how to move it.
 */
function appKeyPlan(ctx: MigrateContext<PyContext>): void {
  const t = ctx.target;
  // clients, and LangChain / LlamaIndex classes (`ChatOpenAI(openai_api_key=profile.openai_key)`)
  const held = [...ctx.facts.constructions, ...(ctx.wrappers?.uses ?? [])].filter((c) => c.appKey);
  for (const c of held) {
    ctx.followUp(
      ctx.py.start(c.node),
      msg('client.appHeldKey', { from: ctx.py.src(userInputSource(ctx.facts, c.appKey!) ?? c.appKey!).slice(0, 60) }),
      msg('client.appHeldKey.todo', { provider: shortName(t.provider), env: t.apiKeyEnv, url: t.baseURL }),
    );
  }
}

/**
 * `init_chat_model(model=LLM_MODEL, api_key=API_KEY)` with the model read at run time: which provider it calls
 * cannot be told, so migrate-langchain leaves it; its key read stays with it (renaming it alone would send the
 * provider's key wherever the model leads, OpenAI by default). One follow-up.
 */
function runtimeInitChat(ctx: MigrateContext<PyContext>, plan: PyClientPlan): void {
  const t = ctx.target;
  for (const call of ctx.wrappers?.initChat ?? []) {
    const kw = kwargs(call);
    const args = call.childForFieldName('arguments');
    const first = (args && kids(args).find((a) => a.type !== 'keyword_argument' && a.type !== 'comment')) ?? kw.get('model')?.childForFieldName('value');
    const provider = stringValue(kw.get('model_provider')?.childForFieldName('value'));
    if (!first || stringValue(first) !== undefined || (provider !== undefined && provider !== 'openai')) continue;
    plan.keptKeyRanges.push(...keyRanges(ctx, { node: call, azure: false, status: 'unresolved', kwargs: kw }));
    ctx.followUp(
      ctx.py.start(call),
      msg('wrapper.initChatRuntime', { expr: ctx.py.src(first).slice(0, 60) }),
      msg('wrapper.initChatRuntime.todo', { provider: shortName(t.provider), id: t.provider.id, url: t.baseURL, env: t.apiKeyEnv }),
    );
  }
}

/**
 * A client whose every call is to an API the provider does not serve (an embeddings-only client on
 * DeepSeek) stays on OpenAI with its OpenAI key: re-pointing it would only break those calls.
 * Its binding is the name or `self.` attribute it is assigned to; calls are matched by that receiver.
 */
function blockedPlan(ctx: MigrateContext<PyContext>, plan: PyClientPlan): void {
  const t = ctx.target;
  for (const c of ctx.facts.constructions) {
    if (!reachesOpenAI(c.status) || c.azure || plan.kept.has(c.node.id)) continue;
    const binding = localBinding(c);
    if (!binding) continue;
    // returned (`return client`), or the name is also bound to another client: its calls are not all here
    let fn: Node | null = c.node.parent;
    while (fn && fn.type !== 'function_definition') fn = fn.parent;
    let elsewhere = ctx.facts.constructions.some((o) => o !== c && localBinding(o) === binding);
    if (fn && !binding.startsWith('self.')) walk(fn, (n) => void (n.type === 'return_statement' && n.namedChildren.some((k) => k?.text === binding) && (elsewhere = true)));
    if (elsewhere) continue;
    const calls = ctx.facts.calls.filter((x) => (x.node.childForFieldName('function')?.text ?? '').startsWith(binding + '.'));
    if (!calls.length || !calls.every((x) => blockedCall(ctx, x))) continue;
    plan.kept.set(c.node.id, 'blocked');
    c.status = 'other';
    ctx.followUp(ctx.py.start(c.node), msg('clientKept.onlyUnserved', { provider: shortName(t.provider) }), msg('clientKept.onlyUnserved.todo'));
  }
}

/** The name or `self.` attribute a client is assigned to, when other modules cannot import it (not a module-level name). */
function localBinding(c: PyConstruction, moduleLevel = false): string | undefined {
  let p = c.node.parent;
  if (p?.type === 'await') p = p.parent;
  if (p?.type !== 'assignment' || p.childForFieldName('right')?.id !== (c.node.parent?.type === 'await' ? c.node.parent.id : c.node.id)) return undefined;
  const binding = p.childForFieldName('left')?.text;
  if (!binding || !/^(self\.)?[A-Za-z_]\w*$/.test(binding)) return undefined;
  // a module-level name other modules may import is not local
  if (!moduleLevel && !binding.startsWith('self.') && p.parent?.parent?.type === 'module') return undefined;
  return binding;
}

/**
 * The expressions a client argument may take its value from: the value itself, and what this module assigns to the
 * name or `self.` attribute it reads (`api_key = key or settings.OPENAI_API_KEY`, `self.api_key = (...)`), one step.
 */
export function valueSources(f: PyFacts, v: Node): Node[] {
  const u = unparen(v);
  const out = [u];
  const name = u.type === 'identifier' || (u.type === 'attribute' && /^self\.[A-Za-z_]\w*$/.test(u.text)) ? u.text : undefined;
  if (!name) return out;
  // `self.x`: assigned in the class that builds the client
  let scope: Node | null = name.startsWith('self.') ? u.parent : null;
  while (scope && scope.type !== 'class_definition') scope = scope.parent;
  walk(scope ?? f.py.root, (n) => {
    if (n.type !== 'assignment' || n.childForFieldName('left')?.text !== name) return;
    const r = n.childForFieldName('right');
    if (r && r.id !== u.id) out.push(r);
  });
  return out;
}

/** The settings fields read anywhere in these expressions (`x or settings.OPENAI_API_KEY or settings.API_KEY`). */
export function settingsFieldsIn(f: PyFacts, nodes: Node[]): Array<{ cls: PySettingsClass; field: PySettingsField }> {
  const out = new Map<string, { cls: PySettingsClass; field: PySettingsField }>();
  for (const e of nodes) {
    walk(e, (n) => {
      if (n.type !== 'attribute' && n.type !== 'call' && n.type !== 'subscript') return;
      const s = settingsFieldOf(f.settings, n);
      if (s) {
        out.set(fieldKey(s.cls, s.field.name), s);
        return false;
      }
    });
  }
  return [...out.values()];
}

/**
 * A client that moves reads its key from a settings field that a client staying on OpenAI or Azure also reads
 * (arc53/DocsGPT: `OPENAI_API_KEY` feeds the chat client and an Azure embeddings client that stays). The field keeps
 * its variable (the staying client needs the OpenAI / Azure key). The moving client reads the provider's key itself
 * (retarget-client-construction keyValue, `client.keyOwnRead`) only where that is safe: the field is its whole
 * `api_key` value and the settings are read from the environment alone; a field the module fills from a dotenv or
 * secrets file (`env_file`, `_env_file=`) is not in `os.environ`, and a key taken through a name or an `or` chain
 * may be another value. Otherwise the client stays as it is, its calls' model ids too, with one follow-up.
 */
function sharedKeyPlan(ctx: MigrateContext<PyContext>, plan: PyClientPlan): void {
  const t = ctx.target;
  const keptClass = (cls: PySettingsClass) => [...cls.fields.keys()].some((k) => ctx.keptSettings?.fields.has(fieldKey(cls, k)) || plan.keptFields.has(fieldKey(cls, k)));
  for (const c of ctx.facts.constructions) {
    if (!reachesOpenAI(c.status) || plan.kept.has(c.node.id)) continue;
    const v = c.kwargs.get('api_key')?.childForFieldName('value');
    if (!v) continue;
    const shared = settingsFieldsIn(ctx.facts, valueSources(ctx.facts, v)).filter((s) => settingsRole(s.field) === 'key' && keptClass(s.cls));
    if (!shared.length) continue;
    const direct = settingsFieldOf(ctx.facts.settings, unparen(v));
    if (direct && !direct.cls.envFile && valueSources(ctx.facts, v).length === 1) continue;
    plan.kept.set(c.node.id, 'shared-key');
    c.status = 'other';
    ctx.followUp(
      ctx.py.start(c.node),
      msg('client.sharedKeySetting', { field: shared.map((s) => `${s.cls.name}.${s.field.name}`).join(', '), provider: shortName(t.provider) }),
      msg('client.sharedKeySetting.todo', { provider: shortName(t.provider), env: t.apiKeyEnv, url: t.baseURL }),
    );
    // Its calls in this module keep their model ids (in the call, or the module constant the call names).
    const binding = localBinding(c, true);
    if (!binding) continue;
    for (const x of ctx.facts.calls) {
      if (!(x.node.childForFieldName('function')?.text ?? '').startsWith(binding + '.')) continue;
      x.client = 'other';
      const a = ctx.py.start(x.node);
      const b = ctx.py.end(x.node);
      const ranges: Array<[number, number]> = [[a, b]];
      // `model=self.model` with `self.model = model or DEFAULT_MODEL`, `model=MODEL`: the constants it names
      const m = x.kwargs.get('model')?.childForFieldName('value');
      for (const src of m ? valueSources(ctx.facts, m) : []) {
        walk(src, (n) => {
          const bound = n.type === 'identifier' ? ctx.facts.values.get(n.text) : undefined;
          if (bound) ranges.push([ctx.py.start(bound), ctx.py.end(bound)]);
        });
      }
      ctx.models_.sites = ctx.models_.sites.filter((site) => !ranges.some(([s0, e0]) => ctx.py.start(site.lit) >= s0 && ctx.py.end(site.lit) <= e0));
    }
  }
}

/**
 * A client whose requests take their model from a parameter the function checks against a list holding OpenAI ids
 * (datawhalechina/llm-universe `generate_qa_pairs.py`: `if model not in llm_list: raise ...` with
 * `llm_list = ['glm-4', ..., 'gpt-3.5-turbo', 'gpt-4', 'gpt-4o']`, `ZhipuAI()` for the GLM ids, `OpenAI()` for the rest).
 * The ids that reach it are that list's OpenAI ids; the list is a membership table the tool leaves (renamed, callers
 * passing `gpt-4o` would be refused), so moved, the client would send OpenAI ids to the provider. It stays on OpenAI,
 * with one follow-up naming the ids.
 */
function checkedModelPlan(ctx: MigrateContext<PyContext>, plan: PyClientPlan): void {
  const t = ctx.target;
  for (const c of ctx.facts.constructions) {
    if (!reachesOpenAI(c.status) || c.azure || plan.kept.has(c.node.id)) continue;
    const binding = localBinding(c, true);
    if (!binding) continue;
    const calls = ctx.facts.calls.filter((x) => (x.node.childForFieldName('function')?.text ?? '').startsWith(binding + '.'));
    let hit: { name: string; list: string; ids: string[] } | undefined;
    for (const x of calls) {
      const m = x.kwargs.get('model')?.childForFieldName('value');
      const u = m ? unparen(m) : undefined;
      if (u?.type !== 'identifier' || ctx.facts.values.has(u.text)) continue;
      let fn: Node | null = x.node.parent;
      while (fn && fn.type !== 'function_definition') fn = fn.parent;
      if (!fn) continue;
      walk(fn, (n) => {
        if (hit || n.type !== 'comparison_operator') return;
        const ops = n.children.filter((k) => k && !k.isNamed).map((k) => k!.text);
        const [left, right] = n.namedChildren;
        if (!ops.some((o) => o === 'in' || o === 'not in') || left?.type !== 'identifier' || left.text !== u.text || !right) return;
        // a guard that restricts the values (`if model not in L: raise ...`, `assert model in L`), not a capability test
        // (`{} if model in NO_TEMPERATURE_MODELS else {...}`: any id may pass)
        const st = n.parent?.type === 'parenthesized_expression' ? n.parent.parent : n.parent;
        const guard =
          (st?.type === 'assert_statement' && ops.includes('in') && !ops.includes('not in')) ||
          (st?.type === 'if_statement' &&
            st.childForFieldName('condition')?.id === (n.parent?.type === 'parenthesized_expression' ? n.parent.id : n.id) &&
            ops.includes('not in') &&
            /^(raise_statement|return_statement)$/.test(kids(st.childForFieldName('consequence')!).at(-1)?.type ?? ''));
        if (!guard) return;
        // `model in llm_list`, `model in llm_list[:3]`
        const r = unparen(right);
        const listName = r.type === 'identifier' ? r.text : r.type === 'subscript' && r.childForFieldName('value')?.type === 'identifier' ? r.childForFieldName('value')!.text : undefined;
        const bound = listName ? ctx.facts.values.get(listName) : undefined;
        const coll = bound ? unparen(bound) : r;
        if (!['list', 'tuple', 'set'].includes(coll.type)) return;
        const ids = coll.namedChildren.map((k) => stringValue(k)).filter((v): v is string => v !== undefined && isOpenAIId(v));
        if (ids.length) hit = { name: u.text, list: listName ?? ctx.py.src(coll).slice(0, 40), ids };
      });
      if (hit) break;
    }
    if (!hit) continue;
    plan.kept.set(c.node.id, 'checked-model');
    c.status = 'other';
    for (const x of calls) x.client = 'other';
    ctx.followUp(
      ctx.py.start(c.node),
      msg('client.modelFromCheckedList', { name: hit.name, list: hit.list, ids: hit.ids.join(', '), provider: shortName(t.provider) }),
      msg('client.modelFromCheckedList.todo', { list: hit.list, provider: shortName(t.provider), url: t.baseURL, env: t.apiKeyEnv }),
    );
  }
}

function azurePlan(ctx: MigrateContext<PyContext>, plan: PyClientPlan): void {
  const t = ctx.target;
  const py = ctx.py;
  // AzureOpenAI, or the OpenAI class pointed at an Azure endpoint.
  const azure = ctx.facts.constructions.filter((c) => (c.azure || c.status === 'azure') && reachesOpenAI(c.status) && !plan.kept.has(c.node.id));
  if (!azure.length) return;
  const calls = ctx.facts.calls.filter((x) => x.client === 'azure' && !x.module);
  const names: string[] = [];
  for (const c of azure) {
    const dep = stringValue(c.kwargs.get('azure_deployment')?.childForFieldName('value'));
    if (dep !== undefined) names.push(dep);
  }
  const runtime: string[] = [];
  for (const x of calls) {
    const v = x.kwargs.get('model')?.childForFieldName('value');
    const s = v ? literalOf(ctx, v) : undefined;
    if (s !== undefined) names.push(s);
    // A deployment name read at run time (`model=deployment`, `model=settings.AZURE_DEPLOYMENT`): no model id to move to.
    else if (v) runtime.push(unparen(v).text);
  }
  // ... or in another module that imports it from here (tharika01/HireSight: `azure_openai_model =
  // os.getenv("AZURE_OPENAI_DEPLOYMENT")` next to the client, passed as `model=` by the module that calls it)
  for (const [name, v] of ctx.facts.values) {
    const env = envRead(unparen(v));
    if (env && /AZURE\w*(DEPLOY|MODEL)/i.test(env.name) && !runtime.includes(name)) runtime.push(name);
  }
  const unknown = [...new Set(names.filter((n) => !ctx.models.lookup(n)?.target))];
  // `AzureOpenAI(api_key=self.azure_api_key)`: an Azure key the app holds; moved, it would go to the provider (as in JS, the clients stay on Azure).
  const held = azure.find((c) => {
    const v = c.kwargs.get('api_key')?.childForFieldName('value');
    return !!v && (appHeldKey(ctx.facts, v, true) || !movableAzureKey(ctx, v));
  });
  if (runtime.length) {
    ctx.followUp(
      py.start(azure[0]!.node),
      msg('azure.runtimeDeployment', { list: [...new Set(runtime)].join(', '), provider: shortName(t.provider) }),
      msg('azure.runtimeDeployment.todo', { url: t.baseURL, key: t.apiKeyEnv, provider: shortName(t.provider) }),
    );
  }
  if (!unknown.length && !runtime.length && !held) {
    // Migrated: a deployment name the user mapped (--model my-deployment=<id>) becomes the model id.
    for (const x of calls) {
      const v = x.kwargs.get('model')?.childForFieldName('value');
      const u = v ? unparen(v) : undefined;
      const s = u ? stringValue(u) : undefined;
      if (u && s !== undefined && ctx.models.lookup(s)?.via === 'override' && !ctx.models_.sites.some((site) => site.lit.id === u.id)) ctx.models_.sites.push({ lit: u, id: s });
    }
    return;
  }
  const deployments = unknown.filter((n) => !ctx.models.lookup(n));
  const list = unknown.map((n) => `"${n}"`).join(', ');
  if (held) {
    const v = held.kwargs.get('api_key')!.childForFieldName('value')!;
    const from = ctx.py.src(userInputSource(ctx.facts, v) ?? v).slice(0, 60);
    const todo = msg('azure.appHeldKey.todo', { provider: shortName(t.provider), env: t.apiKeyEnv, url: t.baseURL });
    ctx.followUp(py.start(held.node), appHeldKey(ctx.facts, v, true) ? msg('azure.appHeldKey', { from }) : msg('azure.keyNotMovable', { from, provider: shortName(t.provider) }), todo);
  } else if (runtime.length) {
    // said above
  } else if (deployments.length) {
    const overrides = deployments.map((n) => `--model ${n}=<id>`).join(' ');
    ctx.followUp(
      py.start(azure[0]!.node),
      msg('azure.deploymentNotModel', { list, provider: shortName(t.provider) }),
      msg('azure.deploymentNotModel.todo', { overrides, provider: shortName(t.provider), id: t.provider.id }),
    );
  } else {
    // OpenAI ids without an equivalent (realtime, audio...): --model would only move the call to a provider that lacks it.
    ctx.followUp(py.start(azure[0]!.node), msg('azure.noEquivalent', { provider: shortName(t.provider), list }), msg('azure.noEquivalent.todo'));
  }

  for (const c of azure) {
    plan.kept.set(c.node.id, 'azure');
    c.status = 'other';
  }
  for (const [name, s] of ctx.facts.clients) if (s === 'azure') ctx.facts.clients.set(name, 'other');
  for (const [name, s] of ctx.facts.members) if (s === 'azure') ctx.facts.members.set(name, 'other');
  for (const x of calls) {
    x.client = 'other';
    const a = py.start(x.node);
    const b = py.end(x.node);
    ctx.models_.sites = ctx.models_.sites.filter((site) => !(py.start(site.lit) >= a && py.end(site.lit) <= b));
  }
}

/**
 * Can the tool give this Azure client's key the provider's variable along with the host? A literal (replaced), a read
 * of a variable it renames (AZURE_OPENAI_API_KEY), a settings field, or a module-level name bound to one of those.
 * Not a field filled by the app (`self.azure_api_key` bound to `os.getenv("AZURE_API_KEY")`, 5zjk5/prompt-engineering):
 * moved, the client would send that Azure key to the provider, so the Azure clients stay (keys go with their endpoints).
 */
function movableAzureKey(ctx: { facts: PyFacts; target: ResolvedTarget }, v: Node, depth = 0): boolean {
  const u = unparen(v);
  if (stringValue(u) !== undefined || settingsFieldOf(ctx.facts.settings, u)) return true;
  const env = envRead(u);
  if (env) return !!renamedKeyVar(env.name, ctx.target);
  if (u.type === 'identifier' && depth < 3) {
    const bound = ctx.facts.values.get(u.text);
    return bound ? movableAzureKey(ctx, bound, depth + 1) : false;
  }
  return false;
}

/**
 * Imports of the frameworks whose OpenAI classes the migration moves (their uses are judged later, per module).
 * Not CrewAI, litellm or DSPy: their model classes pick the service from the model id and are never moved
 * (wrappers.ts foreignLlmCall), so an app built on them alone has nothing that reaches the provider.
 */
const WRAPPER_IMPORT = /^(langchain|langchain_openai|langchain_community|llama_index|instructor|pydantic_ai)(\.|$)/;

/**
 * Libraries that call OpenAI themselves with the key they read from OPENAI_API_KEY (CrewAI's default LLM and its
 * `LLM(model="openai/...")` through litellm, litellm, DSPy, pixeltable's OpenAI functions): a module importing one
 * keeps its OpenAI key names (`os.environ["OPENAI_API_KEY"] = key` hands the key to that library, which the
 * migration leaves on OpenAI). Found on patchy631/ai-engineering-hub (pixeltable-mcp, notebook-lm-clone).
 */
export const ENV_KEY_LIBRARY = /^(crewai|litellm|dspy|pixeltable)(\.|$)/;

/** Does the module import one of ENV_KEY_LIBRARY? */
export function importsEnvKeyLibrary(facts: PyFacts): boolean {
  return [...facts.imports.values()].some((b) => ENV_KEY_LIBRARY.test(b.module || b.name)) || [...facts.moduleAliases.values()].some((m) => ENV_KEY_LIBRARY.test(m));
}

/** Files that mark a Python app's own folder: in a monorepo of apps, each app has its own. */
const APP_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'Pipfile', 'environment.yml'];
const appDirs = new Map<string, string>();

/**
 * The app a module belongs to: the nearest folder at or above it, below the run's root, that holds a manifest
 * (APP_MARKERS), relative to the root ('/'-separated); '' when there is none below the root.
 */
export function pyAppDir(abs: string, rel: string): string {
  // a notebook's cells are analysed as `<notebook>#cells`
  const file = abs.replace(/#cells$/, '');
  // (a run on `../other/app` names its files from the working folder: its apps are looked for below the folder the
  // `..` steps reach, never above it; runRootOf)
  const root = runRootOf({ abs: file, rel: rel.replace(/#cells$/, '') });
  const r = file.slice(root.length).replace(/\\/g, '/');
  let d = r.includes('/') ? r.slice(0, r.lastIndexOf('/')) : '';
  const seen: string[] = [];
  let found = '';
  while (d) {
    const hit = appDirs.get(root + '\0' + d);
    if (hit !== undefined) {
      found = hit;
      break;
    }
    seen.push(d);
    if (APP_MARKERS.some((m) => fs.existsSync(path.join(root, d, m)))) {
      found = d;
      break;
    }
    d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
  }
  for (const s of seen) appDirs.set(root + '\0' + s, found);
  return found;
}

/** Does the module's client reach the run's target already (migrated code)? */
export function reachesTarget(facts: PyFacts, targetHost: string | undefined, text: string): boolean {
  return facts.constructions.some((c) => c.status === 'target') || (!!targetHost && text.includes(targetHost));
}

/**
 * Records, for the run's key-moving rule (appMovesKeys), the app of a module that moves something to the provider
 * and the apps a module's imports reach.
 */
export function recordApps(into: KeptSettings, file: { abs: string; rel: string; imports?: Record<string, string> }, migrates: boolean, atTarget = false): void {
  const app = pyAppDir(file.abs, file.rel);
  if (migrates) (into.migratingApps ??= new Set()).add(app);
  if (migrates || atTarget) (into.reachingApps ??= new Set()).add(app);
  const root = runRootOf(file);
  for (const to of Object.values(file.imports ?? {})) {
    if (!to.startsWith(root)) continue;
    const other = pyAppDir(to, to.slice(root.length));
    if (other === app) continue;
    const links = (into.appImports ??= new Map());
    links.set(app, (links.get(app) ?? new Set()).add(other));
  }
}

/**
 * Do the key reads of this module's app move with a client? Yes when the app (or an app it imports, or the run's
 * root app) has something the migration points at the provider; no in an app of a monorepo that moves nothing
 * (a CrewAI app next to OpenAI apps: its key feeds CrewAI, which stays on OpenAI).
 */
export function appMovesKeys(ctx: PyContext, apps = ctx.keptSettings?.migratingApps): boolean {
  if (!apps) return ctx.keptSettings?.migrates !== false;
  return appReaches(pyAppDir(ctx.file.abs, ctx.file.rel), apps, ctx.keptSettings?.appImports);
}

/** Is `start` (a pyAppDir) one of `apps`, or does it import one (through appImports)? The run's root app: any app. */
export function appReaches(start: string, apps: ReadonlySet<string>, appImports: KeptSettings['appImports']): boolean {
  if (start === '') return apps.size > 0;
  const todo = [start];
  const seen = new Set(todo);
  while (todo.length) {
    const a = todo.pop()!;
    if (apps.has(a)) return true;
    for (const b of appImports?.get(a) ?? []) if (!seen.has(b)) seen.add(b), todo.push(b);
  }
  return false;
}

/**
 * Does this module hold something the migration points at the provider: an OpenAI client (not one the app holds the
 * key of), an Azure client whose key can move with it, a legacy module-level call, a framework wrapper, or an OpenAI
 * URL? Read from the analysis alone (no client plan yet), so a dense run's first pass can answer it too. Without one
 * in the whole run, key reads keep their names (KeptSettings.migrates).
 */
export function migratesSomeClient(facts: PyFacts, target: ResolvedTarget | undefined, text: string): boolean {
  if (!target) return true;
  for (const c of facts.constructions) {
    if (c.status === 'openai' && !c.azure) return true;
    const key = c.kwargs.get('api_key')?.childForFieldName('value');
    if ((c.azure || c.status === 'azure') && reachesOpenAI(c.status) && (!key || (!appHeldKey(facts, key, true) && movableAzureKey({ facts, target }, key)))) return true;
  }
  if (facts.calls.some((x) => x.module && reachesOpenAI(x.client))) return true;
  if ([...facts.imports.values()].some((b) => WRAPPER_IMPORT.test(b.module))) return true;
  return /api\.openai\.com|openai\.azure\.com/.test(text);
}

/** A string literal, or a name bound to one in this file. */
function literalOf(ctx: PyContext, v: Node): string | undefined {
  const u = unparen(v);
  const s = stringValue(u);
  if (s !== undefined) return s;
  if (u.type === 'identifier') {
    const init = ctx.facts.values.get(u.text);
    return init ? stringValue(unparen(init)) : undefined;
  }
  return undefined;
}

/** Where a kept client's key and base URL are read: its arguments, and the assignments its `api_key` and `base_url` names or `self.` attributes come from. */
function keyRanges(ctx: PyContext, c: PyConstruction): Array<[number, number]> {
  const py = ctx.py;
  const out: Array<[number, number]> = [[py.start(c.node), py.end(c.node)]];
  if (c.dict) out.push([py.start(c.dict), py.end(c.dict)]);
  // ... and its base URL's (`self.base_url = base_url or settings.OPENAI_BASE_URL or "https://api.openai.com/v1"`: the URL stays)
  for (const kw of ['api_key', 'base_url']) {
    const v = c.kwargs.get(kw)?.childForFieldName('value');
    for (const r of v ? valueSources(ctx.facts, v).slice(1) : []) out.push([py.start(r), py.end(r)]);
  }
  return out;
}

/** Is this node a key read of a client that stays as it is? */
export function inKeptPyClient(ctx: MigrateContext<PyContext>, n: Node): boolean {
  const s = ctx.py.start(n);
  const e = ctx.py.end(n);
  return pyClientPlan(ctx).keptKeyRanges.some(([a, b]) => s >= a && e <= b);
}

/**
 * Setting names a client that stays (its host unresolved or another service) reads for its key and
 * base URL: `AsyncOpenAI(api_key=config.get("OPENAI_API_KEY"), base_url=config.get("OPENAI_API_BASE", ...))`.
 * Collected over every module of a run, so that the module that fills `config` (or a test's fake
 * config) keeps those names: renaming them there would starve the client that still reads the old name.
 */
export function collectKeptSettings(facts: PyFacts, rel: string, into: KeptSettings, target?: ResolvedTarget): void {
  const dirOf = (r: string) => (r.includes('/') ? r.slice(0, r.lastIndexOf('/')) : '');
  const scope = dirOf(dirOf(rel));
  const add = (m: Map<string, string[]>, name: string) => m.set(name, [...(m.get(name) ?? []), scope]);
  for (const c of facts.constructions) {
    if (c.status !== 'unresolved' && c.status !== 'other') continue;
    for (const [kw, role] of [
      ['api_key', 'key'],
      ['base_url', 'baseURL'],
      ['api_base', 'baseURL'],
    ] as const) {
      const v = c.kwargs.get(kw)?.childForFieldName('value');
      if (!v) continue;
      // `settings.openai_api_key`, also through a name or `self.` attribute: the settings class stays as it is
      for (const setting of settingsFieldsIn(facts, valueSources(facts, v))) into.fields.add(fieldKey(setting.cls, setting.field.name));
      walk(v, (n) => {
        const s = n.type === 'string' ? stringValue(n) : undefined;
        if (s !== undefined && envRole(s) === role) add(role === 'key' ? into.keys : into.bases, s);
      });
    }
  }
  // An Azure client that stays on Azure (azurePlan: a key the tool cannot move, a deployment read at run time) keeps
  // the settings fields its key comes from (arc53/DocsGPT: `api_key = openai_api_key or settings.OPENAI_API_KEY`).
  if (target && azureStaysAt(facts, target)) {
    for (const c of facts.constructions) {
      if (!c.azure && c.status !== 'azure') continue;
      const v = c.kwargs.get('api_key')?.childForFieldName('value');
      for (const setting of v ? settingsFieldsIn(facts, valueSources(facts, v)) : []) into.fields.add(fieldKey(setting.cls, setting.field.name));
    }
  }
  // An Azure client's endpoint setting stays its endpoint, whether the client moves (it then gets the provider's URL
  // itself) or stays.
  for (const c of facts.constructions) {
    if (!c.azure && c.status !== 'azure') continue;
    for (const kw of ['azure_endpoint', 'base_url']) {
      const v = c.kwargs.get(kw)?.childForFieldName('value');
      const setting = v && settingsFieldOf(facts.settings, v);
      if (setting) (into.azureEndpoints ??= new Set()).add(fieldKey(setting.cls, setting.field.name));
    }
  }
  // Read in the client's own module (directly or through a module-level name): that file only keeps the name.
  foreignOpenAIClientKeys(facts, (name) => into.keys.set(name, [...(into.keys.get(name) ?? []), rel]));
  // A module handing the key to a library that calls OpenAI with it (ENV_KEY_LIBRARY) keeps its OpenAI key names.
  if (importsEnvKeyLibrary(facts)) {
    walk(facts.py.root, (n) => {
      const s = n.type === 'string' ? stringValue(n) : undefined;
      if (s !== undefined && envRole(s) === 'key' && /OPENAI/.test(s) && !/AZURE/.test(s)) into.keys.set(s, [...(into.keys.get(s) ?? []), rel]);
    });
  }
  // An OpenAI embeddings wrapper (LangChain, LlamaIndex) stays where the target serves no embeddings
  // and none is routed (it gets a marker): the settings field its key comes from keeps its variable.
  if (target && target.provider.endpoints.embeddings !== 'yes' && !target.routes?.some((r) => r.capability === 'embeddings')) {
    walk(facts.py.root, (n) => {
      if (n.type !== 'call' || !EMBEDDING_WRAPPERS.test(n.childForFieldName('function')?.text ?? '')) return;
      for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) {
        if (a?.type !== 'keyword_argument' || !/^(api_key|openai_api_key)$/.test(a.childForFieldName('name')?.text ?? '')) continue;
        const setting = settingsFieldOf(facts.settings, a.childForFieldName('value')!);
        if (setting) into.fields.add(fieldKey(setting.cls, setting.field.name));
      }
    });
  }
}

/**
 * Do this module's Azure clients stay on Azure, as far as the analysis alone tells (azurePlan decides with the model
 * map too): a key the app holds or the tool cannot move, or a deployment read at run time.
 */
function azureStaysAt(facts: PyFacts, target: ResolvedTarget): boolean {
  const azure = facts.constructions.filter((c) => (c.azure || c.status === 'azure') && reachesOpenAI(c.status));
  if (!azure.length) return false;
  const held = azure.some((c) => {
    const v = c.kwargs.get('api_key')?.childForFieldName('value');
    return !!v && (appHeldKey(facts, v, true) || !movableAzureKey({ facts, target }, v));
  });
  const runtime = facts.calls.some((x) => {
    if (x.client !== 'azure' || x.module) return false;
    const v = x.kwargs.get('model')?.childForFieldName('value');
    if (!v) return false;
    const u = unparen(v);
    return stringValue(u) === undefined && !(u.type === 'identifier' && stringValue(facts.values.get(u.text) ? unparen(facts.values.get(u.text)!) : undefined) !== undefined);
  });
  return held || runtime;
}

/**
 * Another library's OpenAI client (foreignOpenAIClients) keeps calling OpenAI, so the OpenAI key variable it reads keeps
 * its name: renamed, the provider's key went to OpenAI (datawhalechina/llm-cookbook, chromadb's OpenAIEmbeddingFunction).
 * The key is read in the call, or through a module-level name (`openai_api_key = os.environ["OPENAI_API_KEY"]`).
 */
function foreignOpenAIClientKeys(facts: PyFacts, keep: (name: string) => void): void {
  for (const n of foreignOpenAIClients(facts)) {
    for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) {
      if (a?.type !== 'keyword_argument' || !/^(api_key|openai_api_key)$/.test(a.childForFieldName('name')?.text ?? '')) continue;
      let v = unparen(a.childForFieldName('value')!);
      if (v.type === 'identifier') v = facts.values.get(v.text) ?? v;
      walk(v, (x) => {
        const s = x.type === 'string' ? stringValue(x) : undefined;
        if (s !== undefined && envRole(s) === 'key' && /OPENAI/.test(s)) keep(s);
      });
    }
  }
}

/** LangChain's and LlamaIndex's OpenAI embeddings classes, called by name or through their module. */
const EMBEDDING_WRAPPERS = /(^|\.)(OpenAIEmbeddings|OpenAIEmbedding|AzureOpenAIEmbeddings|AzureOpenAIEmbedding)$/;

/**
 * A settings field, named with the module that defines its class: two services of a run may each have a
 * `Settings` class, and one staying on OpenAI says nothing about the other.
 */
export function fieldKey(cls: PySettingsClass, field: string): string {
  return `${cls.origin ?? ''}:${cls.name}.${field}`;
}

/** A key setting a staying client reads (anywhere in the run). */
export function isKeptKeyName(ctx: PyContext, name: string): boolean {
  return governs(ctx, ctx.keptSettings?.keys.get(name));
}

/** Does a client that stays as it is read a field of this settings class (anywhere in the run)? */
export function isKeptSettingsClass(ctx: MigrateContext<PyContext>, cls: PySettingsClass): boolean {
  const here = pyClientPlan(ctx).keptFields;
  return [...cls.fields.keys()].some((f) => ctx.keptSettings?.fields.has(fieldKey(cls, f)) || here.has(fieldKey(cls, f)));
}

/**
 * The default of a field of a settings class that a staying client reads
 * (`openai_base_url: str = "https://api.openai.com/v1"`): the URL stays.
 */
export function inKeptSettingsClass(ctx: MigrateContext<PyContext>, n: Node): boolean {
  if (!ctx.keptSettings?.fields.size && !pyClientPlan(ctx).keptFields.size) return false;
  for (let p = n.parent; p; p = p.parent) {
    if (p.type !== 'class_definition') continue;
    const name = p.childForFieldName('name')?.text;
    const cls = name ? ctx.facts.settings.classes.get(name) : undefined;
    if (cls?.node?.id === p.id && isKeptSettingsClass(ctx, cls)) return true;
  }
  return false;
}

function governs(ctx: PyContext, scopes: string[] | undefined): boolean {
  const rel = ctx.file.rel.replace(/\\/g, '/');
  return !!scopes?.some((d) => d === '' || d === rel || rel.startsWith(d + '/'));
}

/**
 * An OpenAI URL that is the default or the value of a base-URL setting a staying client reads:
 * `config.get("OPENAI_API_BASE", "https://api.openai.com/v1")`, `{"OPENAI_API_BASE": "https://..."}`.
 */
export function isKeptBaseDefault(ctx: PyContext, lit: Node): boolean {
  const bases = ctx.keptSettings?.bases;
  if (!bases?.size) return false;
  const p = lit.parent;
  if (p?.type === 'argument_list') {
    const first = p.namedChildren.find((c) => c && c.type !== 'comment');
    const s = first && first.id !== lit.id ? stringValue(first) : undefined;
    return s !== undefined && governs(ctx, bases.get(s));
  }
  if (p?.type === 'pair' && p.childForFieldName('value')?.id === lit.id) {
    const s = stringValue(p.childForFieldName('key'));
    return s !== undefined && governs(ctx, bases.get(s));
  }
  return false;
}
