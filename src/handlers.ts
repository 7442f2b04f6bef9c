import type { LanguageHandler } from './engine/types.js';
import { jsHandler } from './lang/js/handler.js';
import { pythonHandler } from './lang/python/handler.js';
import { envHandler } from './lang/env/handler.js';
import { configHandler } from './lang/config/handler.js';
import { packageJsonHandler } from './lang/deps/handler.js';

/**
 * Every file kind the tool reads, in priority order (the first handler that
 * matches a path owns it). New languages register here.
 */
// package.json goes last: it declares the packages the code handlers' rewrites introduced.
export const HANDLERS: LanguageHandler[] = [jsHandler, pythonHandler, envHandler, configHandler, packageJsonHandler];
