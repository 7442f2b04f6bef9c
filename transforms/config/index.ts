import type { Transform } from '../../src/engine/types.js';
import type { ConfigContext } from '../../src/lang/config/context.js';
import { renameEnvBlockVars } from './rename-env-block-vars.js';
import { renameKeyReferences } from './rename-key-references.js';
import { mapConfigModelIds } from './map-model-ids.js';
import { replaceOpenAIBaseUrls } from './replace-openai-base-urls.js';
import { mapBatchModels } from './map-batch-models.js';

/** Config-file transforms, in the order they run (one parse, shared edit list). */
export const CONFIG_TRANSFORMS: ReadonlyArray<Transform<ConfigContext>> = [renameEnvBlockVars, renameKeyReferences, mapConfigModelIds, replaceOpenAIBaseUrls, mapBatchModels];
