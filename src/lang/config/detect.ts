import { msg } from '../../i18n/msg.js';
import { envRole } from '../../rules/env.js';
import { addFinding, isOpenAIModelId, MODEL_KEY, OPENAI_URL } from './common.js';
import type { ConfigContext } from './context.js';
import { keyVarWords } from './context.js';
import { yamlEnvEntries } from './env-blocks.js';
import { modelValue } from './model-value.js';
import { configModelSettings } from './model-setting.js';
import { nearestKey } from './sites.js';

const openaiVar = (w: string) => (envRole(w) && envRole(w) !== 'other' ? w : undefined);

/** Findings for scan/check: model ids, api.openai.com URLs, OpenAI variables in env blocks and key references. Values are masked. */
export function detectConfig(ctx: ConfigContext): void {
  const { settings, tables } = ctx.format === 'jsonl' ? { settings: new Set(), tables: new Set() } : configModelSettings(ctx, ctx.sites, (s) => modelValue(s) !== undefined);
  for (const s of ctx.sites) {
    const m = modelValue(s);
    if (m && tables.has(s)) continue; // a list describing models (pricing, capabilities): not a choice to migrate
    if (m) addFinding(ctx, 'openai-model', m.start, m.end, msg('find.model', { id: m.id }), { model: m.id });
    else if (settings.has(s)) {
      if (!tables.has(s)) addFinding(ctx, 'openai-model-setting', s.start, s.end, msg('find.modelIn', { id: s.value, name: nearestKey(s) }), { model: s.value });
    } else if (OPENAI_URL.test(s.value)) addFinding(ctx, 'openai-http', s.start, s.end, msg('find.openaiUrl', { url: s.value.slice(0, 80) }), { api: 'http' });
    else for (const w of keyVarWords(s.value, openaiVar)) addFinding(ctx, 'openai-env', s.start + w.start, s.start + w.end, msg('find.reads', { name: w.from }), { api: w.from });
  }
  if (ctx.docs) {
    for (const e of yamlEnvEntries(ctx.file.text, ctx.docs)) {
      const role = envRole(e.name);
      if (e.shape === 'list' && e.value && e.valueStart !== undefined && (MODEL_KEY.test(e.name) || role === 'other') && isOpenAIModelId(e.value)) {
        addFinding(ctx, 'openai-model', e.valueStart, e.valueEnd!, msg('find.modelIn', { id: e.value, name: e.name }), { model: e.value });
      }
      if (!role || role === 'other') continue;
      addFinding(ctx, 'openai-env', e.nameStart, e.nameEnd, msg('find.sets', { name: e.name }), { api: e.name, secret: role === 'key' ? e.value : undefined });
    }
  }
}
