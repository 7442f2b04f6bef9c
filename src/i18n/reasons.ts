import { refOf, type Msg, type MsgRef } from './msg.js';

/** What a file result and a handler error hold (src/engine/types.ts FileResult, HandlerError); structural, so this stays below the engine. */
type FileResult = { reason?: string; reasonMsg?: MsgRef };
type HandlerError = { id: string; message: string; msg?: MsgRef; skip?: boolean };

/** A file's reason (skipped, failed) with its message id, as `FileResult` fields. */
export const reasonOf = (m: Msg): Pick<FileResult, 'reason' | 'reasonMsg'> => ({ reason: m.text, reasonMsg: refOf(m) });

/** Set why a file was skipped or failed, keeping the message id for translation. */
export function setReason(res: FileResult, m: Msg): void {
  res.reason = m.text;
  res.reasonMsg = refOf(m);
}

/** A handler's error for one file, with the message id next to the English text. */
export const handlerError = (id: string, m: Msg, skip?: boolean): HandlerError => ({ id, message: m.text, msg: refOf(m), ...(skip ? { skip } : {}) });

/** A follow-up's reason and action with their ids (for follow-ups built outside `ctx.followUp`). */
export const followUpOf = (reason: Msg, action: Msg) => ({ reason: reason.text, action: action.text, reasonMsg: refOf(reason), actionMsg: refOf(action) });
