import { msg } from '../../i18n/msg.js';
import type { PyContext } from './context.js';
import { importedAt } from './analyze.js';
import { insertBelow, lineEnd, removeStatement } from './helpers.js';
import { walk, type Node } from './parse.js';
import type { WrapperBinding } from './wrappers.js';

/** Import lines already written per file (a second class switching to the same import reuses it). */
const ADDED = new WeakMap<PyContext, Set<string>>();
/** Names already switched out of each multi-name import statement (by statement id). */
const REMOVED = new WeakMap<PyContext, Map<number, Set<number>>>();

/**
 * Point an imported wrapper class at another module/class:
 * `from langchain_openai import ChatOpenAI` -> `from langchain_deepseek import ChatDeepSeek`.
 * The name leaves a shared import (the new import goes right below it), an
 * alias is kept, and unaliased references are renamed. Returns the local name.
 */
export function switchImport(ctx: PyContext, b: WrapperBinding, module: string, cls: string): string {
  const py = ctx.py;
  const aliased = b.nameNode.type === 'aliased_import';
  const alias = aliased ? b.nameNode.childForFieldName('alias')!.text : undefined;
  const line = `from ${module} import ${cls}${alias ? ` as ${alias}` : ''}`;
  const names = b.stmt.childrenForFieldName('name').filter((c): c is Node => !!c);
  const added = ADDED.get(ctx) ?? new Set<string>();
  ADDED.set(ctx, added);
  // Already imported by this very statement (`from langchain_openai import AzureChatOpenAI, ChatOpenAI`
  // switching AzureChatOpenAI to ChatOpenAI): only the old name goes.
  const inSameStatement = !alias && b.module === module && names.some((n) => n.type === 'dotted_name' && n.text === cls);
  const dup = added.has(line) || inSameStatement;
  added.add(line);
  if (names.length === 1 && dup) removeStatement(ctx, b.stmt);
  else if (names.length === 1) {
    ctx.edits.add(py.start(b.stmt), py.end(b.stmt), line);
  } else {
    // Several names: drop this one relative to the names still there (earlier calls may have
    // dropped neighbours); when none is left, the statement goes and the lines below replace it.
    const removed = REMOVED.get(ctx) ?? new Map<number, Set<number>>();
    REMOVED.set(ctx, removed);
    const gone = removed.get(b.stmt.id) ?? new Set<number>();
    removed.set(b.stmt.id, gone);
    const left = names.filter((n) => !gone.has(n.id));
    gone.add(b.nameNode.id);
    const i = left.findIndex((n) => n.id === b.nameNode.id);
    if (!dup) insertBelow(ctx, b.stmt, line);
    if (left.length === 1) {
      // Remove the statement and the line break before it; the inserted lines start with their own.
      const text = py.text;
      const ls = text.lastIndexOf('\n', py.start(b.stmt) - 1);
      const from = ls >= 0 && text[ls - 1] === '\r' ? ls - 1 : ls >= 0 ? ls : py.start(b.stmt);
      ctx.edits.add(from, lineEnd(text, py.end(b.stmt)), '');
    } else if (i < left.length - 1) ctx.edits.add(py.start(b.nameNode), py.start(left[i + 1]!), '');
    else ctx.edits.add(py.end(left[i - 1]!), py.end(b.nameNode), '');
  }
  ctx.change('import', py.start(b.stmt), msg('client.importSwitched', { cls: b.imported, from: b.module, to: cls, module }), { transform: 'switch-wrapper-import' });
  if (!alias) renameRefs(ctx, b.local, cls, b.module);
  return alias ?? cls;
}

/** Rename references to a local name (not attribute or keyword names, not inside imports). */
export function renameRefs(ctx: PyContext, from: string, to: string, module?: string): void {
  if (from === to) return;
  walk(ctx.py.root, (n) => {
    if (n.type === 'import_from_statement' || n.type === 'import_statement') return false;
    if (n.type !== 'identifier' || n.text !== from) return;
    // The name imported again from another module above this reference (a notebook's later `from openai import OpenAI`) is that one.
    const at = module === undefined ? undefined : importedAt(ctx.facts, from, n.startIndex);
    if (at !== undefined && at !== module) return;
    const p = n.parent;
    if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) return;
    if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return;
    ctx.edits.add(ctx.py.start(n), ctx.py.end(n), to);
  });
}
