import { shortName } from '../../src/providers/index.js';
import type { Transform, MigrateContext } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { dictPairs, envRead, reachesOpenAI } from '../../src/lang/python/analyze.js';
import { addItems, firstKeyword, items, removeItems } from '../../src/lang/python/edit.js';
import { baseUrlLit, keyExpr } from '../../src/lang/python/helpers.js';
import { stringValue, unparen, walk, type Node } from '../../src/lang/python/parse.js';
import { quote } from '../../src/engine/text.js';
import { baseUrlVar, envRole, isCanonicalKeyName } from '../../src/rules/env.js';
import { stringContentRange } from '../../src/lang/python/parse.js';
import { settingsBaseVar, settingsFieldOf, settingsRole } from '../../src/lang/python/settings.js';
import { isKeptKeyName, isKeptSettingsClass, pyClientPlan } from '../../src/lang/python/client-plan.js';
import { msg } from '../../src/i18n/msg.js';

/** Options only OpenAI (or Azure OpenAI) understands: removed from the client options. */
export const OPENAI_ONLY_OPTIONS = ['organization', 'project', 'webhook_secret', 'data_residency', 'admin_api_key', 'workload_identity', 'websocket_base_url'];
export const AZURE_OPTIONS = ['azure_endpoint', 'azure_deployment', 'api_version', 'azure_ad_token', 'azure_ad_token_provider'];

/**
 * `OpenAI(...)` / `AsyncOpenAI(...)` / `AzureOpenAI(...)` that reach OpenAI get
 * `base_url="<provider>"` and `api_key=<provider key variable>` (in the file's
 * env-read style); OpenAI-only and Azure-only options go. A client built from
 * a kwargs dict (`OpenAI(**cfg)`) has the dict edited instead. Other options
 * (timeout, max_retries, http_client, default_headers) stay.
 */
export const retargetClientConstruction: Transform<PyContext> = {
  id: 'retarget-client-construction',
  description: "Point OpenAI/AzureOpenAI clients at the provider's base URL and key; drop OpenAI-only options",
  run(ctx) {
    const t = ctx.target;
    const py = ctx.py;
    for (const c of ctx.facts.constructions) {
      const at = py.start(c.node);
      if (c.status === 'unresolved') {
        ctx.followUp(at, msg('client.unresolvedOptions', {}), msg('client.checkClientUses', { url: t.baseURL, env: t.apiKeyEnv }));
        continue;
      }
      if (!reachesOpenAI(c.status)) continue;
      const args = c.node.childForFieldName('arguments');
      if (args?.type !== 'argument_list') continue;
      const dictOnly = c.dict && !items(args).some((a) => a.type !== 'dictionary_splat');
      if (dictOnly) editDict(ctx, c.dict!, c.azure, this.id);
      else editKwargs(ctx, args, c.kwargs, c.azure, this.id);
      ctx.change('client', at, msg('client.nowCalls', { provider: shortName(t.provider), url: t.baseURL, env: t.apiKeyEnv }), { transform: this.id });
    }
  },
};

/** Decide about the `api_key` value: replace a literal, keep an env read / key variable, flag the rest. */
function keyValue(ctx: MigrateContext<PyContext>, v: Node, id: string): 'replace' | 'keep' {
  const u = unparen(v);
  if (stringValue(u) !== undefined) {
    ctx.change('client', ctx.py.start(v), msg('client.hardCodedKey', { env: ctx.target.apiKeyEnv }), { transform: id });
    return 'replace';
  }
  // a key name whose environment read a client staying on OpenAI keeps (client-plan ownKey)
  if (pyClientPlan(ctx).ownKey.has(v.id)) {
    ctx.change('client', ctx.py.start(v), msg('client.keyOwnRead', { from: ctx.py.src(v).slice(0, 60), env: ctx.target.apiKeyEnv }), { transform: id });
    return 'replace';
  }
  const env = envRead(u);
  if (env && envRole(env.name) === 'key') return 'keep';
  // `key = os.getenv("OPENAI_API_KEY")` shared with a library that stays on OpenAI (CrewAI's `LLM(api_key=key)`,
  // pixeltable): the name keeps its OpenAI value (rename-env-vars), so this client reads the provider's key itself.
  const bound = u.type === 'identifier' ? (localBinding(u) ?? ctx.facts.values.get(u.text)) : undefined;
  const boundEnv = bound ? envRead(unparen(bound)) : undefined;
  if (boundEnv && envRole(boundEnv.name) === 'key' && isKeptKeyName(ctx, boundEnv.name)) {
    ctx.change('client', ctx.py.start(v), msg('client.keyOwnRead', { from: ctx.py.src(v).slice(0, 60), env: ctx.target.apiKeyEnv }), { transform: id });
    return 'replace';
  }
  // env["OPENAI_API_KEY"], settings["OPENAI_API_KEY"]: the SDK's own name, renamed as a string
  if (u.type === 'subscript' && isCanonicalKeyName(stringValue(u.childForFieldName('subscript')) ?? '')) return 'keep';
  if (u.type === 'identifier' && envRole(u.text.toUpperCase()) === 'key') return 'keep';
  // API_KEY = os.environ["OPENAI_API_KEY"] earlier in the file
  const init = u.type === 'identifier' ? ctx.facts.values.get(u.text) : undefined;
  const initEnv = init ? envRead(init) : undefined;
  if (initEnv && envRole(initEnv.name) === 'key') return 'keep';
  // a pydantic settings field reading the key (renamed with its class by rename-env-vars)
  const setting = settingsFieldOf(ctx.facts.settings, u);
  // ... unless a client that stays on OpenAI reads the same class: it keeps the OpenAI key, this client reads the provider's itself.
  if (setting && settingsRole(setting.field) === 'key' && isKeptSettingsClass(ctx, setting.cls)) {
    ctx.change('client', ctx.py.start(v), msg('client.keyOwnRead', { from: ctx.py.src(v).slice(0, 60), env: ctx.target.apiKeyEnv }), { transform: id });
    return 'replace';
  }
  if (u.type === 'attribute' && /openai_api_key$/i.test(u.text)) return 'keep';
  if (setting && settingsRole(setting.field) === 'key' && !setting.cls.blocker) return 'keep';
  ctx.followUp(
    ctx.py.start(v),
    msg('client.keyComesFrom', { who: 'api_key', src: ctx.py.src(v).slice(0, 60) }),
    msg('client.holdProviderKey', { provider: shortName(ctx.target.provider), env: ctx.target.apiKeyEnv }),
  );
  return 'keep';
}

/** The value last assigned to a local name before its use, in the enclosing function (`key = os.getenv(...)`). */
function localBinding(id: Node): Node | undefined {
  let fn: Node | null = id.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return undefined;
  let hit: Node | undefined;
  walk(body, (n) => {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.startIndex >= id.startIndex) return false;
    if (n.type === 'assignment' && n.childForFieldName('left')?.text === id.text) hit = n.childForFieldName('right') ?? undefined;
  });
  return hit;
}

function dropOption(ctx: PyContext, name: string, azure: boolean, value: Node | undefined): boolean {
  if (OPENAI_ONLY_OPTIONS.includes(name) || (azure && AZURE_OPTIONS.includes(name))) return true;
  return name === 'default_query' && !!value && /api-version/.test(ctx.py.src(value));
}

function editKwargs(ctx: MigrateContext<PyContext>, args: Node, kw: Map<string, Node>, azure: boolean, id: string): void {
  const py = ctx.py;
  const removed = new Set<number>();
  const add: string[] = [];
  for (const [name, a] of kw) {
    if (dropOption(ctx, name, azure, a.childForFieldName('value') ?? undefined)) {
      removed.add(a.id);
      ctx.change('client', py.start(a), msg('client.removedClientOption', { name }), { transform: id });
      if (name === 'azure_ad_token_provider') ctx.followUp(py.start(a), msg('client.removedAzureAd'), msg('client.removedAzureAd.todo', { pkg: 'azure.identity' }));
    }
  }
  const base = kw.get('base_url');
  if (base) {
    const v = base.childForFieldName('value')!;
    if (azure || !keepOverride(ctx, v, id)) ctx.edits.add(py.start(v), py.end(base), baseUrlLit(ctx));
  } else add.push(`base_url=${baseUrlLit(ctx)}`);
  const key = kw.get('api_key');
  if (!key) add.push(`api_key=${keyExpr(ctx, py.start(args))}`);
  else {
    const v = key.childForFieldName('value')!;
    if (keyValue(ctx, v, id) === 'replace') ctx.edits.add(py.start(v), py.end(v), keyExpr(ctx, py.start(v)));
  }
  removeItems(py, ctx.edits, args, removed);
  addItems(py, ctx.edits, args, add, { before: firstKeyword(args, removed), removed });
}

function editDict(ctx: MigrateContext<PyContext>, d: Node, azure: boolean, id: string): void {
  const py = ctx.py;
  const removed = new Set<number>();
  const add: string[] = [];
  const pairs = dictPairs(d);
  for (const p of pairs) {
    if (dropOption(ctx, p.key, azure, p.value)) {
      removed.add(p.pair.id);
      ctx.change('client', py.start(p.pair), msg('client.removedClientOption', { name: p.key }), { transform: id });
    }
  }
  const k = (s: string) => quote(s, ctx.q);
  const base = pairs.find((p) => p.key === 'base_url');
  if (base) {
    if (azure || !keepOverride(ctx, base.value, id)) ctx.edits.add(py.start(base.value), py.end(base.value), baseUrlLit(ctx));
  } else add.push(`${k('base_url')}: ${baseUrlLit(ctx)}`);
  const key = pairs.find((p) => p.key === 'api_key');
  if (!key) add.push(`${k('api_key')}: ${keyExpr(ctx, py.start(d))}`);
  else if (keyValue(ctx, key.value, id) === 'replace') ctx.edits.add(py.start(key.value), py.end(key.value), keyExpr(ctx, py.start(key.value)));
  removeItems(py, ctx.edits, d, removed);
  addItems(py, ctx.edits, d, add, { before: items(d).find((x) => !removed.has(x.id)), removed });
}

/**
 * A base URL read from an OpenAI base-URL variable is the user's override: kept and renamed
 * to the provider's variable, its default set to the provider's URL
 * (`os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")` ->
 * `os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")`, `os.getenv(...) or "..."`).
 */
export function keepOverride(ctx: MigrateContext<PyContext>, value: Node, id: string): boolean {
  const py = ctx.py;
  const t = ctx.target;
  let v = unparen(value);
  // `settings.openai_base_url`: its class moves the variable and the default (rename-env-vars)
  const setting = settingsFieldOf(ctx.facts.settings, v);
  if (setting && settingsRole(setting.field) === 'baseURL' && !setting.cls.blocker) {
    const from = setting.field.env ?? setting.field.name;
    const to = settingsBaseVar(setting.field, t);
    ctx.change('client', py.start(value), msg('client.baseUrlSettingKept', { expr: py.src(v), cls: setting.cls.name, to, from, url: t.baseURL }), { transform: id, from, to });
    return true;
  }
  let fallback: Node | undefined;
  if (v.type === 'boolean_operator' && v.childForFieldName('operator')?.text === 'or') {
    const right = v.childForFieldName('right');
    if (!right || stringValue(unparen(right)) === undefined) return false;
    fallback = unparen(right);
    v = unparen(v.childForFieldName('left')!);
  }
  const env = envRead(v);
  if (!env || envRole(env.name) !== 'baseURL' || /AZURE/.test(env.name)) return false;
  const r = stringContentRange(py, env.nameNode);
  if (!r) return false;
  const to = baseUrlVar(env.name, t);
  if (v.type === 'subscript' && !fallback) {
    // os.environ["OPENAI_BASE_URL"] has no default: read the provider variable with one
    const obj = v.childForFieldName('value')!;
    ctx.edits.add(py.start(v), py.end(v), `${py.src(obj)}.get(${quote(to, ctx.q)}, ${baseUrlLit(ctx)})`);
  } else {
    ctx.edits.add(r.start, r.end, to);
    const fb = fallback ?? env.fallback;
    if (fb && stringValue(unparen(fb)) !== undefined) ctx.edits.add(py.start(fb), py.end(fb), baseUrlLit(ctx));
    else if (!fb && v.type === 'call') {
      const args = v.childForFieldName('arguments')!;
      ctx.edits.add(py.end(args) - 1, py.end(args) - 1, `, ${baseUrlLit(ctx)}`);
    } else if (fb) return false;
  }
  ctx.change('client', py.start(value), msg('clientKept.baseUrlOverride', { from: env.name, to, url: t.baseURL }), { transform: id, from: env.name, to });
  return true;
}
