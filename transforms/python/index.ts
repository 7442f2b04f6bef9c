import type { Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { replaceAzureClient } from './replace-azure-client.js';
import { retargetClientConstruction } from './retarget-client-construction.js';
import { retargetModuleClient } from './retarget-module-client.js';
import { routeCapabilityCalls } from './route-capability-calls.js';
import { replaceLegacyEngine } from './replace-legacy-engine.js';
import { renameEnvVars } from './rename-env-vars.js';
import { mapModelIds } from './map-model-ids.js';
import { adjustRequestParams } from './adjust-request-params.js';
import { replaceDeveloperRole } from './replace-developer-role.js';
import { markUnsupportedEndpoints } from './mark-unsupported-endpoints.js';
import { migrateLangchain } from './migrate-langchain.js';
import { migrateLlamaIndex } from './migrate-llamaindex.js';
import { retargetRawHttp } from './retarget-raw-http.js';

/** Python transforms, in the order they run on a file (one parse, shared edit list). */
export const PY_TRANSFORMS: ReadonlyArray<Transform<PyContext>> = [
  replaceAzureClient,
  retargetClientConstruction,
  retargetModuleClient,
  routeCapabilityCalls,
  replaceLegacyEngine,
  renameEnvVars,
  mapModelIds,
  adjustRequestParams,
  replaceDeveloperRole,
  markUnsupportedEndpoints,
  migrateLangchain,
  migrateLlamaIndex,
  retargetRawHttp,
];
