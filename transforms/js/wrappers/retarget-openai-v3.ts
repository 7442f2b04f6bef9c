import { msg, type Msg } from '../../../src/i18n/msg.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../../src/lang/js/ts.js';
import { shortName } from '../../../src/providers/index.js';
import type { Transform, MigrateContext } from '../../../src/engine/types.js';
import type { JsContext } from '../../../src/lang/js/context.js';
import { envName, urlExprStatus } from '../../../src/lang/js/analyze.js';
import { addProperties, removeProperties, replaceValue } from '../../../src/lang/js/edit.js';
import { isStringLike, propName, unwrap } from '../../../src/lang/js/parse.js';
import { quote } from '../../../src/engine/text.js';
import { envRole } from '../../../src/rules/env.js';
import { PARAM_RULE_ENDPOINTS } from '../../../src/rules/params.js';
import {
  addMarker,
  adjustParams,
  blockedReason,
  dropFollowUpsWithin,
  mapModelExpr,
  markWrapperUse,
  MODEL_FOLLOWUP,
  prop,
  skipLiterals,
  targetModelOf,
  valueOf,
} from '../../../src/lang/js/wrappers/common.js';
import { analyzeV3 } from '../../../src/lang/js/wrappers/v3.js';

/** Configuration options only OpenAI / Azure OpenAI understand. */
const DROP_OPTIONS = ['organization', 'azure'];

/**
 * openai-node v3 (`Configuration` / `OpenAIApi`) and its forks `openai-edge`
 * and `azure-openai`: the v3 API is kept and pointed at the provider. v3 sends
 * requests to `${basePath}/chat/completions`, so `basePath` gets the
 * provider's base URL (which already holds its version segment) and `apiKey`
 * the provider's key variable. Request objects of `createChatCompletion` /
 * `createCompletion` get mapped models and the provider's parameter rules;
 * calls to endpoints the provider lacks get a marker.
 */
export const retargetOpenAIV3: Transform<JsContext> = {
  id: 'retarget-openai-v3',
  description: 'Point openai v3 / openai-edge / azure-openai Configuration at the provider (basePath + key); map requests',
  run(ctx) {
    const v3 = analyzeV3(ctx);
    if (!v3) return;
    const t = ctx.target;
    const text = ctx.file.text;
    let migrated = false;
    for (const c of v3.configurations) {
      const at = c.node.getStart();
      if (!c.options) {
        if (c.node.arguments?.length) {
          ctx.followUp(at, msg('client.unresolvedOptionsOnly', { what: 'v3 Configuration' }), msg('client.setBasePath', { url: t.baseURL, env: t.apiKeyEnv }));
          continue;
        }
        // new Configuration() / new Configuration
        const body = `{ basePath: ${quote(t.baseURL, ctx.q)}, apiKey: process.env.${t.apiKeyEnv} }`;
        if (!c.node.arguments) ctx.edits.add(c.node.end, c.node.end, `(${body})`);
        else ctx.edits.add(text.indexOf('(', c.node.expression.end) + 1, text.indexOf('(', c.node.expression.end) + 1, body);
        migrated = true;
        ctx.change('client', at, changeMessage(ctx, v3.pkg), { transform: this.id });
        continue;
      }
      const o = c.options;
      const base = prop(o, 'basePath');
      if (base) {
        const st = urlExprStatus(ctx.facts, valueOf(base)!, ctx.targetHost);
        // Already on the provider or another service: not OpenAI usage.
        if (st === 'target' || st === 'other') continue;
        if (st === 'unresolved') {
          ctx.followUp(base.getStart(), msg('client.unresolvedValue', { what: 'v3 basePath' }), msg('client.checkIs', { url: t.baseURL }));
          continue;
        }
      }
      migrated = true;
      const removed = new Set<ts.ObjectLiteralElementLike>();
      const add: string[] = [];
      for (const p of o.properties) {
        const name = propName(p.name);
        if (!name) continue;
        if (DROP_OPTIONS.includes(name)) {
          removed.add(p);
          ctx.change('client', p.getStart(), msg('client.removedOption', { name }), { transform: this.id });
        } else if (name === 'baseOptions' && /api-key|api-version/.test(p.getText())) {
          // v3-era Azure hack: api-key header and api-version query.
          removed.add(p);
          ctx.change('client', p.getStart(), msg('client.removedAzureBaseOptions'), { transform: this.id });
        }
      }
      const baseURL = quote(t.baseURL, ctx.q);
      if (base && tsc.isPropertyAssignment(base)) replaceValue(ctx.edits, base, baseURL);
      else if (base) ctx.edits.add(base.getStart(), base.end, `basePath: ${baseURL}`);
      else add.push(`basePath: ${baseURL}`);
      const key = prop(o, 'apiKey');
      if (!key) add.push(`apiKey: process.env.${t.apiKeyEnv}`);
      else if (tsc.isPropertyAssignment(key)) {
        const v = unwrap(key.initializer);
        const env = envName(v);
        if (isStringLike(v)) {
          replaceValue(ctx.edits, key, `process.env.${t.apiKeyEnv}`);
          ctx.change('client', key.getStart(), msg('client.hardCodedKey', { env: t.apiKeyEnv }), { transform: this.id });
        } else if (!env || envRole(env) !== 'key') {
          ctx.followUp(
            key.getStart(),
            msg('client.keyComesFrom', { who: 'apiKey', src: key.initializer.getText().slice(0, 60) }),
            msg('client.holdProviderKey', { provider: shortName(t.provider), env: t.apiKeyEnv }),
          );
        }
      }
      removeProperties(text, ctx.edits, o, removed);
      // Env reads inside removed options need no follow-up of their own.
      for (const p of removed) dropFollowUpsWithin(ctx, p, /^reads /);
      addProperties(text, ctx.edits, o, add, removed);
      ctx.change('client', at, changeMessage(ctx, v3.pkg), { transform: this.id });
    }
    if (!migrated && v3.configurations.length) return;
    markWrapperUse(ctx);
    for (const call of v3.calls) {
      const req = call.request;
      const model = req ? valueOf(prop(req, 'model')) : undefined;
      const blocked = blockedReason(ctx, call.endpoint, model);
      if (blocked) {
        // The call stays as it is: no model mapping inside, one follow-up (the marker's).
        skipLiterals(ctx, call.node);
        dropFollowUpsWithin(ctx, call.node, MODEL_FOLLOWUP);
        addMarker(ctx, call.node, blocked.reason, blocked.action, this.id);
        continue;
      }
      if (!req) continue;
      mapModelExpr(ctx, model, this.id);
      if (PARAM_RULE_ENDPOINTS.has(call.endpoint)) adjustParams(ctx, req, targetModelOf(ctx, model), this.id, { wire: true });
    }
  },
};

function changeMessage(ctx: MigrateContext<JsContext>, pkg: string): Msg {
  const t = ctx.target;
  return msg('client.v3Kept', { pkg, provider: shortName(t.provider), url: t.baseURL, env: t.apiKeyEnv });
}
