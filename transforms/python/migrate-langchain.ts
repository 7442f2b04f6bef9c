import { routeFor } from '../../src/routing/index.js';
import { writeValue } from '../../src/engine/values.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform, MigrateContext } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { reachesOpenAI } from '../../src/lang/python/analyze.js';
import { pyValueLiterals } from '../../src/lang/python/request-content.js';
import { blockedWrapper, markWrapper } from './wrapper-markers.js';
import { addItems } from '../../src/lang/python/edit.js';
import { baseUrlLit, keyExpr } from '../../src/lang/python/helpers.js';
import { kids, kwargs, stringContentRange, stringValue } from '../../src/lang/python/parse.js';
import { switchImport } from '../../src/lang/python/wrapper-edit.js';
import type { WrapperBinding, WrapperUse } from '../../src/lang/python/wrappers.js';
import { unsupportedReason } from '../../src/rules/endpoints.js';
import { editWrapperKwargs } from './wrapper-kwargs.js';
import { LANGCHAIN_DEFAULT_MODEL, tierLabel } from '../../src/rules/models.js';
import { msg } from '../../src/i18n/msg.js';

/** `init_chat_model` provider keys of maintained integrations (by the integration's module). */
const INIT_PROVIDER: Record<string, string> = { langchain_deepseek: 'deepseek' };

/**
 * LangChain Python. Chat models (`ChatOpenAI`, `AzureChatOpenAI`, from
 * `langchain_openai` or the legacy `langchain.chat_models`) become the
 * provider's maintained integration when its profile names one and the run
 * uses the default region (`langchain_deepseek.ChatDeepSeek`,
 * `langchain_community` `ChatTongyi` / `ChatZhipuAI` / `MoonshotChat`);
 * otherwise they stay `ChatOpenAI` with the provider `base_url` and key.
 * Embeddings and the completion LLM keep their class with the provider URL
 * (embeddings skip OpenAI's tiktoken length check). `init_chat_model` gets the
 * provider prefix or the URL keywords.
 */
export const migrateLangchain: Transform<PyContext> = {
  id: 'migrate-langchain',
  description: "Move LangChain OpenAI chat models and embeddings to the provider's integration or base URL",
  run(ctx) {
    const t = ctx.target;
    const w = ctx.wrappers;
    const lp = t.region === t.provider.defaultRegion ? t.provider.integrations.langchainPy : null;
    // The provider's integration only when a release fits the project's LangChain version (else ChatOpenAI with base_url).
    const integ = lp && ctx.packageFits(lp.package) ? lp : null;
    const marked = new Set<number>();
    const done = new Set<string>();
    for (const b of w.bindings) {
      if (!b.kind.startsWith('lc-') || done.has(b.local)) continue;
      done.add(b.local);
      const uses = w.uses.filter((u) => u.binding.local === b.local);
      for (const u of uses)
        if (u.status === 'unresolved') ctx.followUp(ctx.py.start(u.node), msg('client.unresolvedOptionsOnly', { what: b.imported }), msg('client.checkUsesKey', { url: t.baseURL, env: t.apiKeyEnv }));
      for (const u of uses)
        if (u.azureRuntime)
          ctx.followUp(
            ctx.py.start(u.node),
            msg('azure.runtimeDeployment', { list: u.azureRuntime.text, provider: shortName(t.provider) }),
            msg('azure.runtimeDeployment.todo', { url: t.baseURL, key: t.apiKeyEnv, provider: shortName(t.provider) }),
          );
      const live = uses.filter((u) => reachesOpenAI(u.status));
      if (!live.length) continue;
      const allLive = live.length === uses.length;
      // Embeddings routed to another provider (--route embeddings=qwen): the class points there.
      const route = b.kind.includes('embeddings') ? routeFor(t, 'embeddings') : undefined;
      const blocked = blockedWrapper(ctx, b.kind, route?.target.provider);
      if (blocked) {
        for (const u of live) markWrapper(ctx, u.node, blocked, marked, this.id);
        continue;
      }
      const legacy = b.legacy;
      const viaOpenAI = { baseKw: legacy ? 'openai_api_base' : 'base_url', keyKw: legacy ? 'openai_api_key' : 'api_key', addKey: true };
      if ((b.kind === 'lc-chat' || b.kind === 'lc-azure-chat') && integ && allLive) {
        switchImport(ctx, b, integ.module, integ.chatClass);
        ctx.packages.add(integ.package);
        // Packages the class imports at run time (ChatTongyi: dashscope, ChatZhipuAI: pyjwt).
        for (const r of integ.requires ?? []) ctx.packages.add(r);
        for (const u of live) {
          editWrapperKwargs(ctx, u, { keyKw: 'api_key', addKey: integ.env !== t.apiKeyEnv }, this.id);
          ctx.change('wrapper', ctx.py.start(u.node), msg('client.langchainIntegration', { cls: b.imported, to: integ.chatClass, pkg: integ.package, provider: shortName(t.provider) }), {
            transform: this.id,
          });
        }
        continue;
      }
      if (b.kind.includes('azure') && allLive) toPlainClass(ctx, b);
      for (const u of live) {
        // A completion LLM whose model the provider has nothing for stays where it is, marked (its request would fail there).
        if (b.kind === 'lc-llm' && !completionModelServed(ctx, u)) {
          markWrapper(ctx, u.node, unsupportedReason(t.provider, 'completions'), marked, this.id);
          continue;
        }
        const extra: Record<string, string> = b.kind.includes('embeddings') ? { check_embedding_ctx_length: 'check_embedding_ctx_length=False' } : {};
        const to = route?.target ?? t;
        editWrapperKwargs(ctx, u, { ...viaOpenAI, extra, target: route?.target }, this.id);
        ctx.change(
          'wrapper',
          ctx.py.start(u.node),
          msg('client.classNowCalls', { cls: b.imported, provider: shortName(to.provider), url: to.baseURL, env: to.apiKeyEnv, route: route ? `${route.capability}=${to.provider.id}` : undefined }),
          { transform: this.id },
        );
        if (b.kind === 'lc-llm') ctx.followUp(ctx.py.start(u.node), msg('client.completionLlm', { cls: b.imported, provider: shortName(t.provider) }), msg('client.completionLlm.todo'));
      }
    }
    for (const call of w.initChat) initChatModel(ctx, call, integ?.module, integ?.package, this.id);
  },
};

/** The model LangChain's completion `OpenAI` LLM sends when none is given. */
const LC_LLM_DEFAULT = LANGCHAIN_DEFAULT_MODEL.completions;

/**
 * `OpenAI(temperature=0)` / `OpenAI(model="gpt-3.5-turbo-instruct")` from LangChain: a /completions request with a
 * legacy completion model. Pointed at a provider whose model map has nothing for that id, it would send an OpenAI id
 * to another host (datawhalechina/llm-cookbook: given DeepSeek's host while a follow-up said to keep it on another
 * service). A model that is not a literal is followed through the module's names and conditionals
 * (pyValueLiterals): it moves only when every value it can hold is an id the provider serves; one read at run time
 * (a parameter, an environment variable) stays on OpenAI, marked, like an unserved literal.
 */
function completionModelServed(ctx: MigrateContext<PyContext>, u: WrapperUse): boolean {
  const arg = u.kwargs.get('model') ?? u.kwargs.get('model_name');
  const v = arg?.childForFieldName('value');
  if (!arg) return served(ctx, LC_LLM_DEFAULT);
  if (!v) return false;
  const { lits, complete } = pyValueLiterals(ctx.facts, v);
  return complete && lits.length > 0 && lits.every((l) => served(ctx, stringValue(l)!));
}

/**
 * Literals of the model values LangChain classes that stay on OpenAI take (a class marked for an endpoint the
 * provider lacks, a completion LLM whose model it does not serve): `CHAT_MODEL = "gpt-4o-mini"` feeding
 * `OpenAI(model=CHAT_MODEL)` keeps its OpenAI id there (map-model-ids skips them).
 */
export function keptWrapperModelLiterals(ctx: MigrateContext<PyContext>): Set<number> {
  const out = new Set<number>();
  for (const u of ctx.wrappers.uses) {
    if (!u.binding.kind.startsWith('lc-') || !reachesOpenAI(u.status)) continue;
    const route = u.binding.kind.includes('embeddings') ? routeFor(ctx.target, 'embeddings') : undefined;
    if (!blockedWrapper(ctx, u.binding.kind, route?.target.provider) && !(u.binding.kind === 'lc-llm' && !completionModelServed(ctx, u))) continue;
    const v = (u.kwargs.get('model') ?? u.kwargs.get('model_name'))?.childForFieldName('value');
    if (v) for (const l of pyValueLiterals(ctx.facts, v).lits) out.add(l.id);
  }
  return out;
}

const served = (ctx: MigrateContext<PyContext>, id: string) => {
  const hit = ctx.models.lookup(id);
  return !hit || !!hit.target;
};

/** AzureChatOpenAI -> ChatOpenAI, AzureOpenAIEmbeddings -> OpenAIEmbeddings (same package). */
function toPlainClass(ctx: MigrateContext<PyContext>, b: WrapperBinding): void {
  const plain = b.imported.replace(/^Azure/, '');
  switchImport(ctx, b, b.module.replace(/\.azure_openai$/, '.openai'), plain);
}

/** init_chat_model("openai:gpt-4o") / init_chat_model("gpt-4o", model_provider="openai"). */
function initChatModel(ctx: MigrateContext<PyContext>, call: import('web-tree-sitter').Node, integModule: string | undefined, integPackage: string | undefined, id: string): void {
  const py = ctx.py;
  const t = ctx.target;
  const args = call.childForFieldName('arguments')!;
  const kw = kwargs(call);
  const first = kids(args).find((a) => a.type !== 'keyword_argument' && a.type !== 'comment') ?? kw.get('model')?.childForFieldName('value');
  const s = stringValue(first);
  const providerArg = kw.get('model_provider')?.childForFieldName('value');
  const provider = stringValue(providerArg);
  if (!first || s === undefined) return;
  const prefixed = s.startsWith('openai:');
  const modelId = prefixed ? s.slice('openai:'.length) : s;
  const isOpenAI = prefixed || provider === 'openai' || (!provider && /^(gpt-|o[134]|chatgpt)/.test(modelId));
  if (!isOpenAI) return;
  if (kw.has('base_url') && !/api\.openai\.com/.test(py.src(kw.get('base_url')!))) return;
  const hit = ctx.models.lookup(modelId);
  const mapped = hit?.target ?? modelId;
  if (hit && !hit.target)
    ctx.followUp(py.start(first), msg('model.noTierModel', { provider: shortName(t.provider), tier: tierLabel(hit.tier), id: modelId }), msg('model.chooseAndPass', { id: modelId }));
  const r = stringContentRange(py, first)!;
  const initKey = integModule ? INIT_PROVIDER[integModule] : undefined;
  if (initKey) {
    writeValue(ctx, r.start, r.end, prefixed || !provider ? `${initKey}:${mapped}` : mapped);
    if (providerArg) {
      const pr = stringContentRange(py, providerArg);
      if (pr) writeValue(ctx, pr.start, pr.end, initKey);
    }
    ctx.packages.add(integPackage!);
    for (const r of t.provider.integrations.langchainPy?.requires ?? []) ctx.packages.add(r);
    ctx.change('wrapper', py.start(call), msg('client.initChatModelUses', { model: `${initKey}:${mapped}`, pkg: integPackage! }), { transform: id, from: modelId, to: mapped });
    return;
  }
  writeValue(ctx, r.start, r.end, `${prefixed ? 'openai:' : ''}${mapped}`);
  const add: string[] = [];
  if (kw.has('base_url')) ctx.edits.add(py.start(kw.get('base_url')!.childForFieldName('value')!), py.end(kw.get('base_url')!), baseUrlLit(ctx));
  else add.push(`base_url=${baseUrlLit(ctx)}`);
  if (!kw.has('api_key')) add.push(`api_key=${keyExpr(ctx, py.start(call))}`);
  addItems(py, ctx.edits, args, add);
  ctx.change('wrapper', py.start(call), msg('client.initChatModelCalls', { provider: shortName(t.provider), url: t.baseURL, env: t.apiKeyEnv, model: mapped }), {
    transform: id,
    from: modelId,
    to: mapped,
  });
}
