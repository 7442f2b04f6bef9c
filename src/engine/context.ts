import type { ResolvedTarget } from '../providers/index.js';
import type { ModelMap } from '../models/map.js';
import { EditList } from './edits.js';
import { LineIndex } from './text.js';
import type { Change, ChangeKind, FileContext, LoadedFile } from './types.js';
import { refOf, textOf, type Text } from '../i18n/msg.js';

/** Build a context for one loaded file. */
export function makeContext(file: LoadedFile, target?: ResolvedTarget, models?: ModelMap, lines = new LineIndex(file.text)): FileContext {
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

/** Keys of a context that stay its own when a draft's results are taken (the recorders are bound to their context). */
const OWN_KEYS = new Set(['change', 'followUp']);

/**
 * A draft of a context that has recorded nothing yet: same file, target, models and line index (and whatever
 * else the engine hung on it), its own empty edits, changes, follow-ups and findings. A handler works on drafts
 * when it may have to throw the work away (a dense run's first pass skipped on a guess, src/lang/js/process.ts);
 * {@link takeDraft} then gives the context what the draft recorded. Undefined when the context already holds
 * something (a draft would lose it).
 */
export function draftOf(ctx: FileContext): FileContext | undefined {
  if (ctx.edits.size || ctx.changes.length || ctx.followUps.length || ctx.findings.length) return undefined;
  const d = makeContext(ctx.file, ctx.target, ctx.models, ctx.lines) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(ctx)) if (!(k in d)) d[k] = v;
  return d as unknown as FileContext;
}

/** The context takes what its draft recorded (edits, changes, follow-ups, findings, anything else set on it). */
export function takeDraft(ctx: FileContext, draft: FileContext): void {
  const c = ctx as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(draft)) if (!OWN_KEYS.has(k)) c[k] = v;
}
