import { msg } from '../../i18n/msg.js';
import { envRole } from '../../rules/env.js';
import { addFinding, isOpenAIModelId, MODEL_KEY, OPENAI_URL } from '../config/common.js';
import type { EnvContext } from './context.js';
import { isEnvModelSetting } from './model-setting.js';

/** Findings for scan/check: OpenAI variables set in the file, OpenAI model ids, api.openai.com URLs. Values of key lines are masked. */
export function detectEnv(ctx: EnvContext): void {
  for (const e of ctx.env.entries) {
    const role = envRole(e.name);
    if (role && role !== 'other') {
      addFinding(ctx, 'openai-env', e.nameStart, e.rawEnd, msg('find.sets', { name: e.name }), { api: e.name, secret: role === 'key' ? e.value : undefined });
      continue;
    }
    if ((MODEL_KEY.test(e.name) || role === 'other') && isOpenAIModelId(e.value)) {
      addFinding(ctx, 'openai-model', e.valueStart, e.valueEnd, msg('find.modelIn', { id: e.value, name: e.name }), { model: e.value });
    } else if (isEnvModelSetting(ctx, e)) {
      addFinding(ctx, 'openai-model-setting', e.valueStart, e.valueEnd, msg('find.modelIn', { id: e.value, name: e.name }), { model: e.value });
    } else if (OPENAI_URL.test(e.value)) {
      addFinding(ctx, 'openai-http', e.valueStart, e.valueEnd, msg('find.envPointsAtOpenAI', { name: e.name }), { api: 'http' });
    }
  }
}
