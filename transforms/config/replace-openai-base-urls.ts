import { msg } from '../../src/i18n/msg.js';
import { writeValue } from '../../src/engine/values.js';
import type { Transform } from '../../src/engine/types.js';
import { envRole } from '../../src/rules/env.js';
import { OPENAI_BASE_URL_VALUE, OPENAI_URL } from '../../src/lang/config/common.js';
import type { ConfigContext } from '../../src/lang/config/context.js';
import { nearestKey } from '../../src/lang/config/sites.js';
import { yamlEnvEntries } from '../../src/lang/config/env-blocks.js';

/**
 * Config values holding the OpenAI base URL (`https://api.openai.com/v1`,
 * any key: `api_base`, `baseURL`, `endpoint`) get the provider's base URL;
 * other api.openai.com URLs are follow-ups. Values of OpenAI base-URL
 * variables in env blocks are left to the env-block transform.
 */
export const replaceOpenAIBaseUrls: Transform<ConfigContext> = {
  id: 'replace-openai-base-urls',
  description: "Replace api.openai.com base URLs in config values with the provider's base URL",
  run(ctx) {
    const t = ctx.target;
    // Kubernetes `- name: OPENAI_API_BASE_URL` / `value: ...`: the entry's name is a sibling of the value.
    const entries = ctx.format === 'yaml' && ctx.docs ? yamlEnvEntries(ctx.file.text, ctx.docs) : [];
    for (const s of ctx.sites) {
      if (!OPENAI_URL.test(s.value)) continue;
      // Env-block entries (`OPENAI_BASE_URL: ...`, `- OPENAI_BASE_URL=...`) are commented out by rename-env-block-vars.
      const inEnvBlock = ctx.format === 'yaml' && s.path.some((k) => k === 'environment' || k === 'env');
      const entry = entries.find((e) => e.valueStart !== undefined && e.valueEnd !== undefined && s.start >= e.valueStart && s.end <= e.valueEnd);
      const name = entry?.name ?? (s.path[s.path.length - 1] === '[]' ? s.value.split('=')[0]! : nearestKey(s));
      // Still read under its OpenAI name by code that stays on OpenAI: its value stays too.
      if (ctx.codeReads?.has(name)) continue;
      const role = envRole(name);
      if (inEnvBlock && (role === 'baseURL' || role === 'org')) continue;
      if (s.editable && OPENAI_BASE_URL_VALUE.test(s.value)) {
        writeValue(ctx, s.start, s.end, t.baseURL);
        ctx.change('http', s.start, msg('config.baseUrlReplaced', { key: nearestKey(s) || 'value', url: t.baseURL }), { transform: this.id });
      } else {
        ctx.followUp(s.start, msg('config.openaiUrlValue', { key: nearestKey(s) || undefined }), msg('config.openaiUrlValue.todo', { url: t.baseURL }));
      }
    }
  },
};
