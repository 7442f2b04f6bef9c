import { msg } from '../../src/i18n/msg.js';
import { writeValue } from '../../src/engine/values.js';
import type { Transform } from '../../src/engine/types.js';
import { isOpenAIModelId, mapModelAt, MODEL_KEY, OPENAI_BASE_URL_VALUE, OPENAI_URL } from '../../src/lang/config/common.js';
import { isGatewayModelId } from '../../src/models/openai-catalog.js';
import { entryRole, type EnvContext } from '../../src/lang/env/context.js';
import { isEnvModelSetting } from '../../src/lang/env/model-setting.js';
import { keyValueMismatch } from '../../src/lang/config/model-setting.js';
import { shortName } from '../../src/providers/index.js';
import { otherServiceOf } from '../../src/rules/adapters.js';

/**
 * Values of model variables (`OPENAI_MODEL=gpt-4o`, `CHAT_MODEL="gpt-4o-mini"`,
 * `FAST_LLM=gpt-4o-mini`, `EMBEDDING=text-embedding-3-small`) get the provider's model id; other variables holding the OpenAI base URL
 * (`LLM_BASE_URL=https://api.openai.com/v1`) get the provider's base URL.
 */
export const mapModelValues: Transform<EnvContext> = {
  id: 'map-env-model-values',
  description: "Replace OpenAI model ids and base URLs in env values with the provider's",
  run(ctx) {
    const t = ctx.target;
    for (const e of ctx.env.entries) {
      const role = entryRole(ctx, e.name);
      if (role && role !== 'other') continue; // handled by the key / settings transforms
      // The code that reads it keeps its OpenAI default (it stays on OpenAI): the value stays with it.
      if (ctx.modelsLeft?.has(e.name) && isOpenAIModelId(e.value)) continue;
      // CrewAI's default LLM reads it with OPENAI_API_KEY and calls OpenAI: the provider's id would go there.
      if (ctx.libraryReads?.has(e.name) && isOpenAIModelId(e.value)) {
        ctx.followUp(e.valueStart, msg('env.libraryModel', { name: e.name, id: e.value }), msg('env.libraryModel.todo', { name: e.name, env: t.apiKeyEnv, url: t.baseURL }));
        continue;
      }
      // `GITHUB_MODEL=gpt-4o` (GitHub Models), `OPENROUTER_MODEL=...`: another service's setting, whose code stays on it.
      if (otherServiceOf(e.name) && isOpenAIModelId(e.value)) continue;
      if ((MODEL_KEY.test(e.name) || role === 'other') && isOpenAIModelId(e.value)) {
        // Read by code that moved and by code that stays on OpenAI (another library's client): mapped for the first, said for the second.
        if (ctx.splitModels?.has(e.name) && !isGatewayModelId(e.value)) ctx.followUp(e.valueStart, msg('env.splitModel', { name: e.name }), msg('env.splitModel.todo', { name: e.name, id: e.value }));
        // `openai/gpt-4o` (OpenRouter, GitHub Models, LiteLLM routes) is another service's id.
        if (isGatewayModelId(e.value)) continue;
        mapModelAt(ctx, e.valueStart, e.valueEnd, e.value, this.id);
      } else if (isEnvModelSetting(ctx, e)) {
        // `LLM=gpt-4o`, `EMBEDDING=text-embedding-3-small`: judged by name and value together.
        const why = keyValueMismatch(e.name, e.value);
        if (why) ctx.followUp(e.valueStart, why, msg('setting.wrongKind.todo', { provider: shortName(t.provider) }));
        else mapModelAt(ctx, e.valueStart, e.valueEnd, e.value, this.id);
      } else if (OPENAI_BASE_URL_VALUE.test(e.value)) {
        writeValue(ctx, e.valueStart, e.valueEnd, t.baseURL);
        ctx.change('http', e.valueStart, msg('config.baseUrlReplaced', { key: e.name, url: t.baseURL }), { transform: this.id });
      } else if (OPENAI_URL.test(e.value)) {
        ctx.followUp(e.valueStart, msg('config.openaiUrlValue', { key: e.name }), msg('config.openaiUrlValue.todo', { url: t.baseURL }));
      }
    }
  },
};
