import type { EditList } from '../../engine/edits.js';
import { eolAt, indentAt } from '../../engine/text.js';
import { kids, type Node, type PyTree } from './parse.js';

/**
 * Surgery on comma-separated containers (call argument lists, dict and list
 * literals) by text ranges: add and remove items while keeping the layout
 * (one line, or one item per line), the indentation and the trailing-comma
 * style. Comments inside the container stay where they are.
 */

/** Items of a container: named children except comments. */
export const items = (c: Node): Node[] => kids(c).filter((k) => k.type !== 'comment');

function isMultiline(py: PyTree, c: Node): boolean {
  const first = items(c)[0];
  if (!first) return py.src(c).includes('\n');
  return py.text.slice(py.start(c) + 1, py.start(first)).includes('\n');
}

/** Position right after an item's trailing comma, or undefined when it has none. */
function commaAfter(text: string, end: number): number | undefined {
  let i = end;
  while (i < text.length && /[ \t]/.test(text[i]!)) i++;
  return text[i] === ',' ? i + 1 : undefined;
}

const lineStartOf = (text: string, pos: number) => text.lastIndexOf('\n', pos - 1) + 1;
function lineEndAfter(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}
const onlySpaceBetween = (text: string, a: number, b: number) => /^[ \t]*$/.test(text.slice(a, b));
const restOfLineIsBlank = (text: string, pos: number) => {
  const end = text.indexOf('\n', pos);
  return /^[ \t\r]*$/.test(text.slice(pos, end < 0 ? text.length : end));
};

/** Remove items from a container, all at once (ids of the nodes to remove). */
export function removeItems(py: PyTree, edits: EditList, c: Node, remove: ReadonlySet<number>): void {
  const text = py.text;
  const all = items(c);
  const gone = all.filter((p) => remove.has(p.id));
  if (!gone.length) return;
  const survivors = all.filter((p) => !remove.has(p.id));
  const lastOrig = all[all.length - 1]!;
  if (!survivors.length) {
    edits.add(py.start(c) + 1, py.end(c) - 1, '');
    return;
  }
  const multiline = isMultiline(py, c);
  const lastSurvivor = survivors[survivors.length - 1]!;
  const idx = (n: Node) => all.findIndex((x) => x.id === n.id);
  for (const item of gone) {
    const i = idx(item);
    const start = py.start(item);
    const comma = commaAfter(text, py.end(item));
    if (multiline && onlySpaceBetween(text, lineStartOf(text, start), start) && restOfLineIsBlank(text, comma ?? py.end(item))) {
      // Own line: remove the whole line.
      edits.add(lineStartOf(text, start), lineEndAfter(text, comma ?? py.end(item)), '');
      continue;
    }
    const next = all[i + 1];
    if (idx(lastSurvivor) > i && next) {
      edits.add(start, py.start(next), '');
    } else if (all[i - 1]?.id === lastSurvivor.id || !remove.has(all[i - 1]!.id)) {
      // First of the trailing run: from the end of the last survivor to the end of the run.
      const runEnd = commaAfter(text, py.end(lastOrig)) ?? py.end(lastOrig);
      const lastComma = commaAfter(text, py.end(lastSurvivor));
      const keepTrailing = commaAfter(text, py.end(lastOrig)) !== undefined;
      edits.add(keepTrailing && lastComma !== undefined ? lastComma : py.end(lastSurvivor), runEnd, '');
    }
  }
  // Multi-line without a trailing comma whose last item went: the new last loses its comma.
  if (multiline && remove.has(lastOrig.id) && commaAfter(text, py.end(lastOrig)) === undefined) {
    const pc = commaAfter(text, py.end(lastSurvivor));
    if (pc !== undefined) edits.add(pc - 1, pc, '');
  }
}

/**
 * Add items (source texts). They go before `before` (an item that stays) when
 * given, else after the last surviving item; into an empty container they
 * fill the brackets.
 */
export function addItems(py: PyTree, edits: EditList, c: Node, entries: string[], opts: { before?: Node; removed?: ReadonlySet<number> } = {}): void {
  if (!entries.length) return;
  const text = py.text;
  const removed = opts.removed ?? new Set<number>();
  const survivors = items(c).filter((p) => !removed.has(p.id));
  const open = py.start(c);
  const close = py.end(c) - 1;
  if (!survivors.length) {
    const inner = text.slice(open + 1, close);
    const first = items(c)[0];
    if (inner.includes('\n') && (!first || isMultiline(py, c))) {
      const eol = eolAt(text, open);
      const ind = indentAt(text, open);
      const inner_ = first ? indentAt(text, py.start(first)) : ind + '    ';
      const trailing = first ? commaAfter(text, py.end(items(c)[items(c).length - 1]!)) !== undefined : false;
      edits.add(open + 1, close, eol + entries.map((e) => inner_ + e).join(',' + eol) + (trailing ? ',' : '') + eol + ind);
    } else edits.add(open + 1, close, entries.join(', '));
    return;
  }
  const multiline = isMultiline(py, c);
  if (opts.before) {
    const at = py.start(opts.before);
    if (multiline) {
      const eol = eolAt(text, at);
      const ind = indentAt(text, at);
      edits.add(at, at, entries.map((e) => e + ',' + eol + ind).join(''));
    } else edits.add(at, at, entries.map((e) => e + ', ').join(''));
    return;
  }
  const last = survivors[survivors.length - 1]!;
  const comma = commaAfter(text, py.end(last));
  if (multiline) {
    const eol = eolAt(text, py.start(last));
    const ind = indentAt(text, py.start(last));
    if (comma !== undefined) edits.add(comma, comma, entries.map((e) => eol + ind + e + ',').join(''));
    else edits.add(py.end(last), py.end(last), entries.map((e) => ',' + eol + ind + e).join(''));
  } else if (comma !== undefined) edits.add(comma, comma, entries.map((e) => ' ' + e + ',').join(''));
  else edits.add(py.end(last), py.end(last), entries.map((e) => ', ' + e).join(''));
}

/** Where new keyword arguments go in a call: before the first keyword / `**` argument that stays. */
export function firstKeyword(args: Node, removed: ReadonlySet<number> = new Set()): Node | undefined {
  return items(args).find((a) => !removed.has(a.id) && (a.type === 'keyword_argument' || a.type === 'dictionary_splat'));
}

/** Replace a node's text. */
export function replaceNode(py: PyTree, edits: EditList, n: Node, to: string): void {
  edits.add(py.start(n), py.end(n), to);
}
