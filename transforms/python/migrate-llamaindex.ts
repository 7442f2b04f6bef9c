import { msg } from '../../src/i18n/msg.js';
import { routeFor } from '../../src/routing/index.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { reachesOpenAI } from '../../src/lang/python/analyze.js';
import { switchImport } from '../../src/lang/python/wrapper-edit.js';
import { editWrapperKwargs } from './wrapper-kwargs.js';
import { blockedWrapper, markWrapper } from './wrapper-markers.js';
import { llamaIndexLegacy, llamaIndexLegacyMoves } from '../../src/lang/python/wrappers.js';

/**
 * LlamaIndex. `llama_index.llms.openai.OpenAI` checks model names against
 * OpenAI's own table and fails on other ids, so it becomes `OpenAILike`
 * (`llama-index-llms-openai-like`) with `api_base`, the key,
 * `is_chat_model=True` (its default would call /completions) and
 * `is_function_calling_model=True` when the provider serves tools;
 * `AzureOpenAI` likewise. `OpenAIEmbedding` becomes `OpenAILikeEmbedding`
 * (`model_name=`); under `--route embeddings=<provider>` it points at the routed provider
 * (its URL, key and model). The default context window of OpenAILike is a follow-up.
 */
export const migrateLlamaIndex: Transform<PyContext> = {
  id: 'migrate-llamaindex',
  description: 'Move LlamaIndex OpenAI LLMs and embeddings to OpenAILike classes on the provider',
  run(ctx) {
    const t = ctx.target;
    const w = ctx.wrappers;
    const marked = new Set<number>();
    const done = new Set<string>();
    for (const b of w.bindings) {
      if (!b.kind.startsWith('li-') || done.has(b.local)) continue;
      done.add(b.local);
      const uses = w.uses.filter((u) => u.binding.local === b.local);
      const live = uses.filter((u) => reachesOpenAI(u.status));
      for (const u of uses)
        if (u.status === 'unresolved') ctx.followUp(ctx.py.start(u.node), msg('client.unresolvedOptionsOnly', { what: b.imported }), msg('client.checkUsesKey', { url: t.baseURL, env: t.apiKeyEnv }));
      if (!live.length) continue;
      const emb = b.kind === 'li-embedding';
      // Embeddings routed to another provider (--route embeddings=qwen): OpenAILikeEmbedding points there.
      const route = emb ? routeFor(t, 'embeddings') : undefined;
      const to = route?.target ?? t;
      const blocked = blockedWrapper(ctx, b.kind, route?.target.provider);
      if (blocked) {
        for (const u of live) markWrapper(ctx, u.node, blocked, marked, this.id);
        continue;
      }
      if (live.length !== uses.length) {
        for (const u of live) ctx.followUp(ctx.py.start(u.node), msg('client.llamaIndexMixed', { cls: b.imported }), msg('client.llamaIndexMixed.todo', { url: to.baseURL }));
        continue;
      }
      const legacy = llamaIndexLegacy(b, ctx.packageFits);
      const [module, cls, pkg] = emb
        ? ['llama_index.embeddings.openai_like', 'OpenAILikeEmbedding', 'llama-index-embeddings-openai-like']
        : legacy
          ? ['llama_index.llms', 'OpenAILike', undefined]
          : ['llama_index.llms.openai_like', 'OpenAILike', 'llama-index-llms-openai-like'];
      if (legacy && !llamaIndexLegacyMoves(b)) {
        // llama-index 0.9: the integration packages (0.10+) do not install; no rewrite rather than a broken import.
        for (const u of live)
          ctx.followUp(ctx.py.start(u.node), msg('llamaIndex.needs010', { pkg: pkg ?? cls }), emb ? msg('llamaIndex.needs010.todoEmbedding') : msg('llamaIndex.needs010.todo', { url: to.baseURL }));
        continue;
      }
      // llama-index 0.9's LLM: its own OpenAILike (no integration package, which would install llama-index-core
      // beside 0.9). The OpenAI LLM would read the `openai` module's key and base, which the migration points at the provider.
      switchImport(ctx, b, module, cls);
      // The same class imported again (a later notebook cell): that import names the new class too, so each cell still runs on its own.
      for (const again of w.bindings) {
        if (again === b || again.local !== b.local || again.nameNode.type === 'aliased_import' || again.stmt.childrenForFieldName('name').length !== 1) continue;
        ctx.edits.add(ctx.py.start(again.stmt), ctx.py.end(again.stmt), `from ${module} import ${cls}`);
      }
      if (pkg) ctx.packages.add(pkg);
      const extra: Record<string, string> = emb ? {} : { is_chat_model: 'is_chat_model=True' };
      if (!emb && t.provider.endpoints.tools === 'yes') extra.is_function_calling_model = 'is_function_calling_model=True';
      for (const u of live) {
        editWrapperKwargs(ctx, u, { baseKw: 'api_base', keyKw: 'api_key', addKey: true, rename: emb ? { model: 'model_name' } : {}, extra, target: route?.target }, this.id);
        const routed = route ? { env: to.apiKeyEnv, route: `${route.capability}=${to.provider.id}` } : {};
        ctx.change('wrapper', ctx.py.start(u.node), msg('client.classOn', { cls: b.imported, to: cls, provider: shortName(to.provider), url: to.baseURL, ...routed }), { transform: this.id });
        if (!emb && !u.kwargs.has('context_window')) {
          ctx.followUp(ctx.py.start(u.node), msg('client.contextWindow'), msg('client.contextWindow.todo'));
        }
      }
    }
  },
};
