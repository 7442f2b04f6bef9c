import { quote } from '../../src/engine/text.js';
import type { ResolvedTarget } from '../../src/providers/index.js';
import type { MigrateContext } from '../../src/engine/types.js';
import { writeValue } from '../../src/engine/values.js';
import { shortName } from '../../src/providers/index.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { addItems, removeItems } from '../../src/lang/python/edit.js';
import { keyExpr } from '../../src/lang/python/helpers.js';
import { envRead } from '../../src/lang/python/analyze.js';
import { DEPLOYMENT_KW } from '../../src/lang/python/wrappers.js';
import { stringContentRange, stringValue, unparen, type Node } from '../../src/lang/python/parse.js';
import { isOpenAIId } from '../../src/lang/python/model-sites.js';
import { envRole } from '../../src/rules/env.js';
import { LANGCHAIN_DEFAULT_MODEL, tierLabel } from '../../src/rules/models.js';
import type { WrapperUse } from '../../src/lang/python/wrappers.js';
import { apply } from './adjust-request-params.js';
import { msg } from '../../src/i18n/msg.js';

/** Keywords of wrapper constructors that only OpenAI / Azure OpenAI understand. */
const DROP = [
  'organization',
  'openai_organization',
  'azure_endpoint',
  'api_version',
  'openai_api_version',
  'openai_api_type',
  'api_type',
  'azure_ad_token',
  'azure_ad_token_provider',
  'use_azure_ad',
  'azure_ad_async_token_provider',
];
/** Constructor keywords of chat wrappers that are sent as request parameters. */
const CHAT_PARAMS = new Set(['temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'seed', 'n', 'max_tokens', 'max_completion_tokens', 'logprobs', 'top_logprobs', 'reasoning_effort']);

export interface WrapperKwargsPlan {
  /** Keyword for the base URL (`base_url`, `openai_api_base`, `api_base`), or undefined to drop any. */
  baseKw?: string;
  /** Keyword for the key (`api_key`, `openai_api_key`). */
  keyKw: string;
  /** Add the key keyword when missing. */
  addKey: boolean;
  /** Keywords renamed (old -> new). */
  rename?: Record<string, string>;
  /** Extra keywords to add when missing (`name=value` texts by name). */
  extra?: Record<string, string>;
  /** A routed capability (--route): the routed provider's base URL and key instead of the main ones. */
  target?: ResolvedTarget;
}

/** Retarget one wrapper construction's keyword arguments. */
export function editWrapperKwargs(ctx: MigrateContext<PyContext>, u: WrapperUse, plan: WrapperKwargsPlan, id: string): void {
  const py = ctx.py;
  const t = plan.target ?? ctx.target;
  const base = quote(t.baseURL, ctx.q);
  const args = u.node.childForFieldName('arguments')!;
  const kw = u.kwargs;
  const removed = new Set<number>();
  const add: string[] = [];
  const hasModel = kw.has('model') || kw.has('model_name');
  for (const [name, a] of kw) {
    if (DROP.includes(name)) {
      removed.add(a.id);
      ctx.change('wrapper', py.start(a), msg('client.removedAzureOnly', { name }), { transform: id });
      if (name.includes('ad_token')) ctx.followUp(py.start(a), msg('client.removedAzureAd'), msg('client.removedAzureAd.todo', { pkg: 'azure.identity' }));
    } else if (DEPLOYMENT_KW.includes(name)) {
      if (hasModel) {
        removed.add(a.id);
        ctx.change('wrapper', py.start(a), msg('client.removedDeployment', { name }), { transform: id });
      } else deploymentToModel(ctx, a, id);
    } else if (plan.rename?.[name] && !kw.has(plan.rename[name]!)) {
      const k = a.childForFieldName('name')!;
      ctx.edits.add(py.start(k), py.end(k), plan.rename[name]!);
    }
  }
  // Base URL.
  const baseArg = ['base_url', 'openai_api_base', 'api_base'].map((k) => kw.get(k)).find((x) => x);
  if (plan.baseKw) {
    if (baseArg) ctx.edits.add(py.start(baseArg.childForFieldName('value')!), py.end(baseArg), base);
    else add.push(`${plan.baseKw}=${base}`);
  } else if (baseArg) {
    removed.add(baseArg.id);
    ctx.change('wrapper', py.start(baseArg), msg('client.removedBaseUrl'), { transform: id });
  }
  // Key.
  const keyArg = ['api_key', 'openai_api_key'].map((k) => kw.get(k)).find((x) => x);
  if (keyArg) {
    const v = keyArg.childForFieldName('value')!;
    const k = keyArg.childForFieldName('name')!;
    if (k.text !== plan.keyKw) ctx.edits.add(py.start(k), py.end(k), plan.keyKw);
    const u_ = unparen(v);
    const env = envRead(u_);
    if (stringValue(u_) !== undefined) {
      ctx.edits.add(py.start(v), py.end(v), keyExpr(ctx, py.start(v), t.apiKeyEnv));
      ctx.change('wrapper', py.start(v), msg('client.hardCodedKey', { env: t.apiKeyEnv }), { transform: id });
    } else if (plan.target && env && envRole(env.name) === 'key') {
      // The OpenAI key read becomes the routed provider's key read (rename-env-vars would give it the main provider's).
      ctx.edits.add(py.start(v), py.end(v), keyExpr(ctx, py.start(v), t.apiKeyEnv));
      ctx.change('wrapper', py.start(v), msg('route.keyRenamed', { from: env.name, to: t.apiKeyEnv }), { transform: id });
    } else if (!(env && envRole(env.name) === 'key') && !(u_.type === 'identifier' && envRole(u_.text.toUpperCase()) === 'key')) {
      ctx.followUp(py.start(v), msg('client.keyComesFrom', { who: 'api key', src: py.src(v).slice(0, 60) }), msg('client.holdProviderKey', { provider: shortName(t.provider), env: t.apiKeyEnv }));
    }
  } else if (plan.addKey) add.push(`${plan.keyKw}=${keyExpr(ctx, py.start(u.node), t.apiKeyEnv)}`);
  for (const [name, text] of Object.entries(plan.extra ?? {})) if (!kw.has(name)) add.push(text);
  const defaultModel = !plan.target && !hasModel ? langchainDefaultModel(ctx, u, args, id) : undefined;
  if (defaultModel) add.unshift(`model=${quote(defaultModel, ctx.q)}`);
  // Sampling keywords of chat models reach the provider as request parameters: its rules apply.
  if (u.binding.kind === 'lc-chat' || u.binding.kind === 'lc-azure-chat' || u.binding.kind === 'li-llm' || u.binding.kind === 'li-azure') {
    const mv = stringValue(kw.get('model')?.childForFieldName('value') ?? kw.get('model_name')?.childForFieldName('value'));
    const model = mv === undefined ? defaultModel : (ctx.models.lookup(mv)?.target ?? mv);
    const present = new Set(kw.keys());
    for (const [name, a] of kw) {
      if (!CHAT_PARAMS.has(name) || removed.has(a.id)) continue;
      const act = apply(ctx, name, a.childForFieldName('value')!, model, present, id, a);
      if (act === 'drop' || act === 'extra') removed.add(a.id);
      else if (typeof act === 'object') ctx.edits.add(py.start(a.childForFieldName('name')!), py.end(a.childForFieldName('name')!), act.to);
    }
  }
  removeItems(py, ctx.edits, args, removed);
  addItems(py, ctx.edits, args, add, { removed });
}

/** The model LangChain's `ChatOpenAI` sends when none is given (the community class too). */
const LC_CHAT_DEFAULT = LANGCHAIN_DEFAULT_MODEL.chat;

/**
 * `ChatOpenAI(temperature=0)` names no model: LangChain sends its own default, an OpenAI id the provider does not
 * serve, and `ChatDeepSeek` has no default at all (its `model` is required: the construction raises). The mapped
 * default is written in (as the JS LangChain transform does), unless `**kwargs` may carry a model.
 * Found on datawhalechina/llm-cookbook (community `ChatOpenAI(temperature=0)` given DeepSeek's host).
 */
function langchainDefaultModel(ctx: MigrateContext<PyContext>, u: WrapperUse, args: Node, id: string): string | undefined {
  if (u.binding.kind !== 'lc-chat' || args.namedChildren.some((a) => a?.type === 'dictionary_splat' || a?.type === 'list_splat')) return undefined;
  const hit = ctx.models.lookup(LC_CHAT_DEFAULT);
  if (!hit?.target) return undefined;
  ctx.change('model', ctx.py.start(u.node), msg('model.langchainDefault', { from: LC_CHAT_DEFAULT, to: hit.target, tier: tierLabel(hit.tier) }), {
    transform: id,
    from: LC_CHAT_DEFAULT,
    to: hit.target,
  });
  return hit.target;
}

/** `azure_deployment="gpt-4o"` -> `model="<mapped>"`; a deployment name stays with a follow-up. */
function deploymentToModel(ctx: MigrateContext<PyContext>, a: Node, id: string): void {
  const py = ctx.py;
  const t = ctx.target;
  const k = a.childForFieldName('name')!;
  const v = a.childForFieldName('value')!;
  ctx.edits.add(py.start(k), py.end(k), 'model');
  const s = stringValue(v);
  const hit = s !== undefined && isOpenAIId(s) ? ctx.models.lookup(s) : undefined;
  const r = stringContentRange(py, v);
  if (hit?.target && r) {
    writeValue(ctx, r.start, r.end, hit.target);
    ctx.change('model', py.start(v), msg('model.mapped', { from: s!, to: hit.target, tier: tierLabel(hit.tier) }), { transform: id, from: s, to: hit.target });
  } else {
    ctx.followUp(
      py.start(v),
      s !== undefined ? msg('model.azureDeployment', { name: s }) : msg('model.azureDeploymentExpr', { expr: py.src(v) }),
      msg('model.azureDeployment.todo', { provider: shortName(t.provider), id: t.provider.id }),
    );
  }
  ctx.change('wrapper', py.start(a), `${k.text} -> model`, { transform: id });
}
