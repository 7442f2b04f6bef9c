import type { FileContext } from '../../engine/types.js';
import { isFeatureKey, isSettingModelId, settingsFile } from '../config/model-setting.js';
import type { EnvEntry } from './parse.js';

/**
 * A variable whose name names a model's feature (`LLM`, `FAST_LLM`, `EMBEDDING`,
 * `CHAT_DEPLOYMENT` is not one) and whose value is an OpenAI id of the catalogue,
 * in an env file that is not test data: judged like config settings
 * (src/lang/config/model-setting.ts). Names with "MODEL" are the older rule's.
 */
export function isEnvModelSetting(ctx: FileContext, e: EnvEntry): boolean {
  return !e.multiline && isFeatureKey(e.name) && isSettingModelId(e.value) && settingsFile(ctx.file.rel, []);
}
