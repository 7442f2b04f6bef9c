import type { LanguageHandler, Transform } from './engine/types.js';
import { jsHandler as jsDetect } from './lang/js/handler.js';
import { pythonHandler as pythonDetect } from './lang/python/handler.js';
import { envHandler as envDetect } from './lang/env/handler.js';
import { configHandler as configDetect } from './lang/config/handler.js';
import { packageJsonHandler } from './lang/deps/handler.js';

type Registry = () => Promise<ReadonlyArray<Transform<never>>>;

/**
 * A handler from src/lang wired to its transform registry (transforms/<kind>/index.ts),
 * loaded with its first batch. src/lang never imports transforms/: this is the one
 * place the two meet. A handler that runs on a worker thread is imported there from
 * this module (`exportName`), so the worker runs the same wiring.
 */
function withTransforms(handler: LanguageHandler, registry: Registry, exportName: string, config?: Registry): LanguageHandler {
  return {
    ...handler,
    ...(handler.worker && { worker: { module: import.meta.url, export: exportName } }),
    ...(handler.preload && {
      async preload() {
        await handler.preload!();
        await registry();
      },
    }),
    async process(files, opts) {
      return handler.process(files, { ...opts, transforms: await registry(), ...(config && { configTransforms: await config() }) });
    },
  };
}

export const jsHandler = withTransforms(jsDetect, async () => (await import('../transforms/js/index.js')).JS_TRANSFORMS, 'jsHandler');
const configRegistry: Registry = async () => (await import('../transforms/config/index.js')).CONFIG_TRANSFORMS;
// pyproject `[tool.*]` tables and setup.cfg sections (Python's files) get the config transforms too.
export const pythonHandler = withTransforms(pythonDetect, async () => (await import('../transforms/python/index.js')).PY_TRANSFORMS, 'pythonHandler', configRegistry);
export const envHandler = withTransforms(envDetect, async () => (await import('../transforms/env/index.js')).ENV_TRANSFORMS, 'envHandler');
export const configHandler = withTransforms(configDetect, configRegistry, 'configHandler');

/**
 * Every file kind the tool reads, in priority order (the first handler that
 * matches a path owns it). New languages register here.
 */
// package.json goes last: it declares the packages the code handlers' rewrites introduced.
export const HANDLERS: LanguageHandler[] = [jsHandler, pythonHandler, envHandler, configHandler, packageJsonHandler];
