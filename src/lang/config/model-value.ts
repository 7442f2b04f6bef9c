import { isOpenAIModelId, MODEL_KEY } from './common.js';
import { isGatewayModelId } from '../../models/openai-catalog.js';
import { nearestKey, type ValueSite } from './sites.js';

/** A model id inside a config value: where it sits and which tool's syntax wraps it. */
export interface ModelValue {
  id: string;
  /** Range of the id inside the file (after any `openai:chat:` prefix). */
  start: number;
  end: number;
  /** promptfoo `openai:chat:gpt-4o`, LiteLLM `openai/gpt-4o`, or a bare id. */
  shape: 'promptfoo' | 'litellm' | 'plain';
}

const PROMPTFOO = /^openai:((chat|completion|embeddings?|responses|assistant):)?/;

/**
 * Model ids in config values. Shapes: a value under a model-named key
 * (`model`, `model_name`, `defaultModel`, arrays under `models`); promptfoo
 * provider ids (`openai:gpt-4o-mini`, `openai:chat:gpt-4o`) under any key;
 * LiteLLM `openai/gpt-4o` under a model key.
 */
export function modelValue(s: ValueSite): ModelValue | undefined {
  const pf = PROMPTFOO.exec(s.value);
  if (pf) {
    const id = s.value.slice(pf[0].length);
    if (isOpenAIModelId(id) && !/[:/]/.test(id)) return { id, start: s.start + pf[0].length, end: s.end, shape: 'promptfoo' };
    return undefined;
  }
  if (!MODEL_KEY.test(nearestKey(s)) || !isOpenAIModelId(s.value)) return undefined;
  // `openai/gpt-4o` is a LiteLLM route only inside `litellm_params`; elsewhere
  // (OpenRouter, GitHub Models, `azure/...`) it is another service's id and stays.
  if (isGatewayModelId(s.value)) return s.value.startsWith('openai/') && s.path.includes('litellm_params') ? { id: s.value, start: s.start, end: s.end, shape: 'litellm' } : undefined;
  return { id: s.value, start: s.start, end: s.end, shape: 'plain' };
}
