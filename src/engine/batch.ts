import { UnsafeValueError } from './values.js';
import { msg } from '../i18n/msg.js';
import { handlerError } from '../i18n/reasons.js';
import type { FileContext, HandlerError, HandlerOptions, LanguageHandler } from './types.js';
import { EditConflictError } from './edits.js';

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
    return new Map(
      ctxs.map((c) => {
        const fe = fileError(e, c.file.rel);
        return [c.file.abs, fe.id === 'E_INTERNAL' ? handlerError('E_INTERNAL', msg('file.internal', { error: (e as Error).message })) : fe];
      }),
    );
  }
}

/**
 * The error a handler records for a file whose processing threw: too deep
 * nesting (a stack overflow in a parser or a tree walk) is E_TOO_DEEP, a value
 * the writer refused is E_BAD_VALUE, overlapping edits E_EDIT_CONFLICT, anything
 * else E_INTERNAL. The file stays byte-identical in every case.
 */
export function fileError(e: unknown, file: string): HandlerError {
  const err = e as Error & { code?: string };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return handlerError('E_TOO_DEEP', msg('file.tooDeep', { file }));
  }
  if (err instanceof UnsafeValueError) return handlerError('E_BAD_VALUE', msg('file.refusedValue', { file, value: err.value, syntax: err.syntax, why: err.why }));
  if (err?.code === 'E_BAD_VALUE') return { id: 'E_BAD_VALUE', message: `${file}: ${err.message}; file left unchanged` };
  if (err?.name === 'EditConflictError' || err instanceof EditConflictError) return handlerError('E_EDIT_CONFLICT', msg('file.internalIn', { file, error: err.message }));
  return handlerError('E_INTERNAL', msg('file.internalIn', { file, error: err?.message ?? String(e) }));
}
