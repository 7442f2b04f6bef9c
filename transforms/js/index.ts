import type { Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { replaceAzureClient } from './replace-azure-client.js';
import { retargetClientConstruction } from './retarget-client-construction.js';
import { routeCapabilityCalls } from './route-capability-calls.js';
import { renameEnvVars } from './rename-env-vars.js';
import { mapModelIds } from './map-model-ids.js';
import { adjustRequestParams } from './adjust-request-params.js';
import { replaceDeveloperRole } from './replace-developer-role.js';
import { markUnsupportedEndpoints } from './mark-unsupported-endpoints.js';
import { WRAPPER_TRANSFORMS } from './wrappers/index.js';

/** JS/TS transforms, in the order they run on a file (one parse, shared edit list). */
export const JS_TRANSFORMS: ReadonlyArray<Transform<JsContext>> = [
  replaceAzureClient,
  retargetClientConstruction,
  routeCapabilityCalls,
  renameEnvVars,
  mapModelIds,
  adjustRequestParams,
  replaceDeveloperRole,
  markUnsupportedEndpoints,
  ...WRAPPER_TRANSFORMS,
];
