import type { Transform } from '../../src/engine/types.js';
import type { EnvContext } from '../../src/lang/env/context.js';
import { renameKeyVar } from './rename-key-var.js';
import { commentOutOpenAISettings } from './comment-out-openai-settings.js';
import { mapModelValues } from './map-model-values.js';

/** Env-file transforms, in the order they run (one scan, shared edit list). */
export const ENV_TRANSFORMS: ReadonlyArray<Transform<EnvContext>> = [renameKeyVar, commentOutOpenAISettings, mapModelValues];
