import { stringContent } from '../../src/engine/values.js';
import { isMap, isPair, isScalar } from 'yaml';
import type { Transform, MigrateContext } from '../../src/engine/types.js';
import { eolAt } from '../../src/engine/text.js';
import { shortName } from '../../src/providers/index.js';
import { mapModelAt } from '../../src/lang/config/common.js';
import type { ConfigContext } from '../../src/lang/config/context.js';
import { modelValue } from '../../src/lang/config/model-value.js';
import { nearestKey, type ValueSite } from '../../src/lang/config/sites.js';
import { configModelSettings, keyValueMismatch } from '../../src/lang/config/model-setting.js';
import { msg } from '../../src/i18n/msg.js';
import { looksLikeOpenAIModel } from '../../src/models/openai-catalog.js';

const BASE_KEYS = ['api_base', 'base_url', 'api_base_url'];

/** LiteLLM block map without a base URL: the line to insert after the `model:` line (same indentation as `model`). */
function litellmBaseLine(ctx: MigrateContext<ConfigContext>, s: ValueSite): { at: number; text: string } | 'has-base' | undefined {
  const m = s.map;
  if (!m || !isMap(m) || m.flow || !s.pair || !isScalar(s.pair.key) || !s.pair.key.range || !s.scalar?.range) return undefined;
  if (m.items.some((p) => isPair(p) && isScalar(p.key) && BASE_KEYS.includes(String(p.key.value)))) return 'has-base';
  const text = ctx.file.text;
  const keyStart = s.pair.key.range[0];
  const col = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
  const nl = text.indexOf('\n', s.scalar.range[1]);
  if (nl < 0) return undefined;
  const at = text[nl - 1] === '\r' ? nl - 1 : nl;
  return { at, text: `${eolAt(text, keyStart)}${' '.repeat(col)}api_base: ${stringContent(ctx.target.baseURL, 'yaml-plain')}` };
}

/**
 * OpenAI model ids in config values get the provider's ids (by tier). Shapes:
 * a value under a model-named key (`"model": "gpt-4o"`, `model_name: gpt-4o-mini`,
 * `model = "gpt-4o"`, arrays under `models`); LiteLLM `model: openai/gpt-4o`
 * (prefix kept, `api_base` added when the entry has none); promptfoo
 * `openai:chat:gpt-4o` (id mapped, a follow-up says to set the base URL);
 * settings named by feature (`chat: gpt-4o`, `models: { embedding: ... }`,
 * src/lang/config/model-setting.ts). Pricing and capability lists stay.
 */
export const mapConfigModelIds: Transform<ConfigContext> = {
  id: 'map-config-model-ids',
  description: "Replace OpenAI model ids in JSON/YAML/TOML/INI config values with the provider's ids",
  run(ctx) {
    if (ctx.format === 'jsonl') return;
    const t = ctx.target;
    const { settings, tables } = configModelSettings(ctx, ctx.sites, (s) => modelValue(s) !== undefined);
    const tableNoted = new Set<string>();
    for (const s of ctx.sites) {
      if (tables.has(s)) {
        // A price key's sibling text that names no model (translations.json's "help_description") is not one of its entries.
        if (!settings.has(s) && modelValue(s) === undefined && !looksLikeOpenAIModel(s.value)) continue;
        // Pricing and capability lists describe OpenAI's models: one follow-up per list, no edit.
        const group = s.path.join('.');
        if (!tableNoted.has(group)) ctx.followUp(s.start, msg('model.lookupTable'), msg('model.lookupTable.todoFile', { provider: shortName(t.provider) }));
        tableNoted.add(group);
        continue;
      }
      // `"azure_embedding_model_name": "text-embedding-ada-002"`: an Azure deployment's setting goes with the Azure
      // client, which stays on Azure unless its deployments map to provider models (GaiZhenbiao/ChuanhuChatGPT).
      if (/azure/i.test(nearestKey(s)) && modelValue(s) !== undefined) {
        ctx.followUp(s.start, msg('config.azureModelSetting', { key: nearestKey(s) }), msg('config.azureModelSetting.todo', { provider: shortName(t.provider) }));
        continue;
      }
      if (settings.has(s)) {
        // `chat: gpt-4o`, `embedding: text-embedding-3-small`: judged by key and value; mapped unless they disagree.
        const why = keyValueMismatch(nearestKey(s), s.value);
        if (why) ctx.followUp(s.start, why, msg('setting.wrongKind.todo', { provider: shortName(t.provider) }));
        else if (!s.editable) ctx.followUp(s.start, msg('config.modelIdNotEditable', { id: s.value }), msg('config.modelIdNotEditable.todo', { provider: shortName(t.provider) }));
        else mapModelAt(ctx, s.start, s.end, s.value, this.id);
        continue;
      }
      const m = modelValue(s);
      if (!m) continue;
      if (!s.editable) {
        ctx.followUp(s.start, msg('config.modelIdNotEditable', { id: m.id }), msg('config.modelIdNotEditable.todo', { provider: shortName(t.provider) }));
        continue;
      }
      if (m.shape === 'litellm') {
        const base = ctx.format === 'yaml' ? litellmBaseLine(ctx, s) : undefined;
        const done = mapModelAt(ctx, m.start, m.end, m.id, this.id, base !== undefined);
        if (done && base && base !== 'has-base') {
          ctx.edits.add(base.at, base.at, base.text);
          ctx.change('config', base.at, msg('config.litellmApiBase', { url: t.baseURL }), { transform: this.id });
        }
      } else if (m.shape === 'promptfoo') {
        if (mapModelAt(ctx, m.start, m.end, m.id, this.id, true)) {
          ctx.followUp(s.start, msg('config.promptfoo'), msg('config.promptfoo.todo', { url: t.baseURL, env: t.apiKeyEnv }));
        }
      } else mapModelAt(ctx, m.start, m.end, m.id, this.id);
    }
  },
};
