import type { Transform } from '../../../src/engine/types.js';
import type { JsContext } from '../../../src/lang/js/context.js';
import { retargetOpenAIV3 } from './retarget-openai-v3.js';
import { replaceAiSdkOpenAI } from './replace-ai-sdk-openai.js';
import { replaceLangChainOpenAI } from './replace-langchain-openai.js';
import { retargetRawHttp } from './retarget-raw-http.js';
import { markModelBoundCode } from './mark-model-bound-code.js';

/** Transforms for what surrounds the SDK (v3 API, LangChain, AI SDK, raw HTTP, model-bound code); they run after the core ones. */
export const WRAPPER_TRANSFORMS: ReadonlyArray<Transform<JsContext>> = [retargetOpenAIV3, replaceLangChainOpenAI, replaceAiSdkOpenAI, retargetRawHttp, markModelBoundCode];
