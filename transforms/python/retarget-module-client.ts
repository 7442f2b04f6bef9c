import { msg } from '../../src/i18n/msg.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { envRead, moduleAppKey, reachesOpenAI, urlExprStatus } from '../../src/lang/python/analyze.js';
import { userInputSource } from '../../src/lang/python/user-input.js';
import { insertBelow, keyExpr, baseUrlLit, needImport, removeStatement } from '../../src/lang/python/helpers.js';
import { stringValue, unparen } from '../../src/lang/python/parse.js';
import { envRole } from '../../src/rules/env.js';
import { keepOverride } from './retarget-client-construction.js';
import { moduleConfigKeptBy } from '../../src/lang/python/client-plan.js';

/** Module attributes that only mean something to OpenAI / Azure OpenAI. */
const DROP_V1 = ['organization', 'project', 'webhook_secret', 'admin_api_key', 'api_version', 'azure_endpoint', 'azure_ad_token', 'azure_ad_token_provider'];
const DROP_V0 = ['organization', 'api_version'];

/**
 * The module-level client: `openai.api_key = ...` then
 * `openai.chat.completions.create(...)` (v1), or the legacy v0 module API
 * (`openai.ChatCompletion.create`, `openai.api_base`). Both honour module
 * attributes at run time, so the configuration is pointed at the provider in
 * place: `openai.base_url` (v1) or `openai.api_base` (v0, which keeps working
 * with openai<1), the key from the provider's variable, OpenAI/Azure-only
 * attributes removed (`openai.api_type = "azure"` too).
 */
export const retargetModuleClient: Transform<PyContext> = {
  id: 'retarget-module-client',
  description: "Point the module-level openai client (v1 and legacy v0) at the provider's base URL and key",
  run(ctx) {
    const f = ctx.facts;
    const t = ctx.target;
    if (!f.modules.size) return;
    const cfg = f.moduleConfig;
    const calls = f.calls.filter((c) => c.module);
    if (!calls.length && !cfg.has('api_key') && !cfg.has('base_url') && !cfg.has('api_base') && !cfg.has('api_type')) return;
    const legacy = f.legacy;
    const baseAttr = legacy ? 'api_base' : 'base_url';
    const baseAssign = (cfg.get(baseAttr) ?? cfg.get(legacy ? 'base_url' : 'api_base'))?.[0];
    const azure = /azure/i.test(stringValue(cfg.get('api_type')?.[0]?.value) ?? '');
    const status = azure ? 'azure' : baseAssign ? urlExprStatus(f, baseAssign.value, ctx.targetHost) : 'openai';
    if (status === 'unresolved') {
      ctx.followUp(ctx.py.start(baseAssign!.stmt), msg('client.unresolvedValue', { what: `openai.${baseAttr}` }), msg('client.checkIsKey', { url: t.baseURL, env: t.apiKeyEnv }));
      return;
    }
    if (!reachesOpenAI(status)) return;
    const mod = [...f.modules][0]!;
    // `openai.api_key = api_key` from what the user entered (analyze.ts moduleAppKey): the module client stays on OpenAI.
    const held = status === 'openai' ? moduleAppKey(f) : undefined;
    if (held) {
      ctx.followUp(
        ctx.py.start(held),
        msg('client.appHeldKey', { from: ctx.py.src(userInputSource(f, held) ?? held).slice(0, 60) }),
        msg('client.appHeldKey.todo', { provider: shortName(t.provider), env: t.apiKeyEnv, url: t.baseURL }),
      );
      return;
    }
    // Only libraries read the module's configuration, and one of them stays on OpenAI (a llama-index 0.9
    // OpenAIEmbedding, which has no provider-neutral counterpart there and reads `openai.api_key` /
    // `openai.base_url` when given no key or base): the configuration stays OpenAI's, or that wrapper would
    // send the provider's key and an OpenAI id to the provider. The migrated wrappers carry their own base and key.
    const keptReader = moduleConfigKeptBy(ctx);
    if (keptReader) {
      const at = cfg.get('api_key')?.[0]?.stmt ?? baseAssign?.stmt ?? keptReader.node;
      ctx.followUp(ctx.py.start(at), msg('client.moduleConfigKept', { mod, cls: keptReader.binding.imported }), msg('client.moduleConfigKept.todo', { provider: shortName(t.provider) }));
      return;
    }
    const id = this.id;
    // OpenAI/Azure-only attributes.
    for (const attr of [...(legacy ? DROP_V0 : DROP_V1), 'api_type']) {
      for (const a of cfg.get(attr) ?? []) {
        removeStatement(ctx, a.stmt);
        ctx.change('client', ctx.py.start(a.stmt), msg('client.removedAzureOnly', { name: `${mod}.${attr}` }), { transform: id });
      }
    }
    // The key.
    const keyAssign = cfg.get('api_key')?.[0];
    if (keyAssign) {
      const v = unparen(keyAssign.value);
      const env = envRead(v);
      if (stringValue(v) !== undefined) {
        ctx.edits.add(ctx.py.start(keyAssign.value), ctx.py.end(keyAssign.value), keyExpr(ctx, ctx.py.start(keyAssign.value)));
        ctx.change('client', ctx.py.start(keyAssign.stmt), msg('client.hardCodedKey', { env: t.apiKeyEnv }), { transform: id });
      } else if (!(env && envRole(env.name) === 'key') && !(v.type === 'identifier' && envRole(v.text.toUpperCase()) === 'key')) {
        ctx.followUp(
          ctx.py.start(keyAssign.stmt),
          msg('client.keyComesFrom', { who: `${mod}.api_key`, src: ctx.py.src(keyAssign.value).slice(0, 60) }),
          msg('client.holdProviderKey', { provider: shortName(t.provider), env: t.apiKeyEnv }),
        );
      }
    }
    // The base URL.
    const how = legacy ? msg('client.legacyModuleKept', { mod, provider: shortName(t.provider) }) : msg('client.moduleNowCalls', { provider: shortName(t.provider), url: t.baseURL, env: t.apiKeyEnv });
    if (baseAssign) {
      // openai.base_url = os.getenv("OPENAI_BASE_URL", "...") keeps the override, renamed to the provider's variable.
      if (azure || !keepOverride(ctx, baseAssign.value, id)) ctx.edits.add(ctx.py.start(baseAssign.value), ctx.py.end(baseAssign.value), baseUrlLit(ctx));
      ctx.change('client', ctx.py.start(baseAssign.stmt), how, { transform: id });
      return;
    }
    const line = `${mod}.${baseAttr} = ${baseUrlLit(ctx)}`;
    if (keyAssign) insertBelow(ctx, keyAssign.stmt, line);
    else {
      // No configuration in the file: set both right after the imports.
      const first = Math.min(...calls.map((c) => ctx.py.start(c.node)));
      const key = keyExpr(ctx, first);
      needImport(ctx, line, '', first);
      needImport(ctx, `${mod}.api_key = ${key}`, '', first);
    }
    ctx.change('client', ctx.py.start(keyAssign?.stmt ?? calls[0]!.node), how, { transform: id });
  },
};
