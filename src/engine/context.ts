import type { ResolvedTarget } from '../providers/index.js';
import type { ModelMap } from '../models/map.js';
import { EditList } from './edits.js';
import { LineIndex } from './text.js';
import type { Change, ChangeKind, FileContext, LoadedFile } from './types.js';
import { refOf, textOf, type Text } from '../i18n/msg.js';

/** Build a context for one loaded file. */
export function makeContext(file: LoadedFile, target?: ResolvedTarget, models?: ModelMap): FileContext {
  const lines = new LineIndex(file.text);
  const ctx: FileContext = {
    file,
    lines,
    target,
    models,
    edits: new EditList(),
    changes: [],
    followUps: [],
    findings: [],
    change(kind: ChangeKind, offset: number, message: Text, extra?: Partial<Change>) {
      const { line, column } = lines.pos(offset);
      const ref = refOf(message);
      ctx.changes.push({ kind, line, column, message: textOf(message), ...(ref ? { msg: ref } : {}), transform: extra?.transform ?? kind, ...extra });
    },
    followUp(offset: number, rawReason: Text, rawAction: Text) {
      const { line, column } = lines.pos(offset);
      const reason = textOf(rawReason);
      if (ctx.followUps.some((f) => f.line === line && f.reason === reason)) return;
      const reasonMsg = refOf(rawReason);
      const actionMsg = refOf(rawAction);
      ctx.followUps.push({ line, column, reason, action: textOf(rawAction), ...(reasonMsg ? { reasonMsg } : {}), ...(actionMsg ? { actionMsg } : {}), docs: target?.provider.docs });
    },
  };
  return ctx;
}
