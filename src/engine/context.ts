import type { ResolvedTarget } from '../providers/index.js';
import type { ModelMap } from '../models/map.js';
import { EditList } from './edits.js';
import { LineIndex } from './text.js';
import type { Change, ChangeKind, FileContext, LoadedFile } from './types.js';

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
    change(kind: ChangeKind, offset: number, message: string, extra?: Partial<Change>) {
      const { line, column } = lines.pos(offset);
      ctx.changes.push({ kind, line, column, message, transform: extra?.transform ?? kind, ...extra });
    },
    followUp(offset: number, reason: string, action: string) {
      const { line, column } = lines.pos(offset);
      if (ctx.followUps.some((f) => f.line === line && f.reason === reason)) return;
      ctx.followUps.push({ line, column, reason, action, docs: target?.provider.docs });
    },
  };
  return ctx;
}

