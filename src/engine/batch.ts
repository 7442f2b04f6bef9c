import type { FileContext, HandlerError, HandlerOptions, LanguageHandler } from './types.js';

/**
 * Run one handler on its batch. Handlers report per-file errors themselves; a
 * throw that escapes one (a bug) fails every file of the batch with
 * E_INTERNAL, and the files stay byte-identical. Used on the main thread, on
 * the worker, and when a worker fails and the main thread takes over.
 */
export async function processBatch(handler: LanguageHandler, ctxs: FileContext[], opts: HandlerOptions): Promise<Map<string, HandlerError>> {
  try {
    return await handler.process(ctxs, opts);
  } catch (e) {
    return new Map(ctxs.map((c) => [c.file.abs, { id: 'E_INTERNAL', message: `internal error: ${(e as Error).message}` }]));
  }
}
