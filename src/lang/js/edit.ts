import { stringContent } from '../../engine/values.js';
import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import type { EditList } from '../../engine/edits.js';
import { eolAt, indentAt } from '../../engine/text.js';
import { walk } from './parse.js';

/**
 * Object-literal surgery by text ranges: add, remove and replace properties
 * while keeping the literal's layout (one line or one property per line),
 * its indentation and its trailing-comma style. No stray blank line or comma.
 */

function isMultiline(text: string, obj: ts.ObjectLiteralExpression): boolean {
  const first = obj.properties[0];
  if (!first) return text.slice(obj.getStart(), obj.end).includes('\n');
  return text.slice(obj.getStart() + 1, first.getStart()).includes('\n');
}

/** Skip spaces, line breaks and comments from pos. */
function skipTrivia(text: string, pos: number): number {
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (text.startsWith('//', pos)) {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? text.length : nl;
    } else if (text.startsWith('/*', pos)) {
      const e = text.indexOf('*/', pos + 2);
      pos = e < 0 ? text.length : e + 2;
    } else return pos;
  }
}

/** Position right after the property's separating comma (which may sit on a later line), or undefined. */
function commaAfter(text: string, p: ts.Node): number | undefined {
  const i = skipTrivia(text, p.end);
  return text[i] === ',' ? i + 1 : undefined;
}

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** End of the line holding pos, after its line break. */
function lineEndAfter(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

/** Only blanks and block comments between a and b (`  /* note *\/ key: value`). */
const onlyTriviaBetween = (text: string, a: number, b: number) => /^[ \t]*$/.test(text.slice(a, b).replace(/\/\*.*?\*\//g, ''));
/** Nothing but blanks (or a trailing comment belonging to this line) up to the line break. */
const restOfLineIsBlank = (text: string, pos: number) => {
  const end = text.indexOf('\n', pos);
  return /^[ \t]*(\/\/[^\n]*|\/\*[^\n]*?\*\/[ \t]*)?\r?$/.test(text.slice(pos, end < 0 ? text.length : end));
};

/**
 * Remove properties from an object literal, all at once (consecutive removals
 * must be planned together so their ranges do not overlap).
 */
export function removeProperties(text: string, edits: EditList, obj: ts.ObjectLiteralExpression, remove: ReadonlySet<ts.ObjectLiteralElementLike>): void {
  const props = obj.properties;
  const gone = props.filter((p) => remove.has(p));
  if (!gone.length) return;
  const survivors = props.filter((p) => !remove.has(p));
  const lastOrig = props[props.length - 1]!;
  if (!survivors.length) {
    // Nothing left: empty the literal.
    edits.add(obj.getStart() + 1, obj.end - 1, '');
    return;
  }
  const multiline = isMultiline(text, obj);
  const lastSurvivor = survivors[survivors.length - 1]!;
  for (const prop of gone) {
    const i = props.indexOf(prop);
    const start = prop.getStart();
    const comma = commaAfter(text, prop);
    if (multiline && onlyTriviaBetween(text, lineStartOf(text, start), start) && restOfLineIsBlank(text, comma ?? prop.end)) {
      // Own line(s): remove whole lines. Comment lines above stay (they may describe more than this property).
      edits.add(lineStartOf(text, start), lineEndAfter(text, comma ?? prop.end), '');
      continue;
    }
    const next = props[i + 1];
    if (props.indexOf(lastSurvivor) > i && next) {
      // A property follows: remove up to it.
      edits.add(start, next.getStart(), '');
    } else if (props[i - 1] === lastSurvivor || !remove.has(props[i - 1]!)) {
      // First of the trailing run: remove from the end of the last survivor to the end of the run.
      const runEnd = commaAfter(text, lastOrig) ?? lastOrig.end;
      const lastComma = commaAfter(text, lastSurvivor);
      const keepTrailing = commaAfter(text, lastOrig) !== undefined;
      edits.add(keepTrailing && lastComma !== undefined ? lastComma : lastSurvivor.end, runEnd, '');
    }
  }
  // Multi-line literal without a trailing comma whose last property went: the new last loses its comma.
  if (multiline && remove.has(lastOrig) && commaAfter(text, lastOrig) === undefined) {
    const pc = commaAfter(text, lastSurvivor);
    if (pc !== undefined) edits.add(pc - 1, pc, '');
  }
}

/** Remove one property. */
export function removeProperty(text: string, edits: EditList, obj: ts.ObjectLiteralExpression, prop: ts.ObjectLiteralElementLike): void {
  removeProperties(text, edits, obj, new Set([prop]));
}

/** Add properties (`key: value` texts) at the start of an object literal. */
export function addProperties(text: string, edits: EditList, obj: ts.ObjectLiteralExpression, entries: string[], removed: ReadonlySet<ts.Node> = new Set()): void {
  if (!entries.length) return;
  const props = obj.properties.filter((p) => !removed.has(p));
  const open = obj.getStart();
  const close = obj.end - 1;
  if (!props.length) {
    const inner = text.slice(open + 1, close);
    if (inner.includes('\n')) {
      const eol = eolAt(text, open);
      const ind = indentAt(text, open);
      const first = obj.properties[0];
      const inner_ = first ? indentAt(text, first.getStart()) : ind + '  ';
      const trailing = first ? commaAfter(text, obj.properties[obj.properties.length - 1]!) !== undefined : false;
      edits.add(open + 1, close, eol + entries.map((e) => inner_ + e).join(',' + eol) + (trailing ? ',' : '') + eol + ind);
    } else edits.add(open + 1, close, ' ' + entries.join(', ') + ' ');
    return;
  }
  // Insert before the first surviving property: independent of trailing-comma
  // style and of removals elsewhere in the same literal.
  const first = props[0]!;
  if (isMultiline(text, obj)) {
    const eol = eolAt(text, first.getStart());
    const ind = indentAt(text, first.getStart());
    edits.add(first.getStart(), first.getStart(), entries.map((e) => e + ',' + eol + ind).join(''));
  } else {
    edits.add(first.getStart(), first.getStart(), entries.map((e) => e + ', ').join(''));
  }
}

/** Replace a property's value expression. */
export function replaceValue(edits: EditList, prop: ts.PropertyAssignment, value: string): void {
  edits.add(prop.initializer.getStart(), prop.initializer.end, value);
}

/** Replace a property's key, keeping quotes when the key was quoted. */
export function renameKey(text: string, edits: EditList, prop: ts.PropertyAssignment | ts.ShorthandPropertyAssignment, to: string): void {
  const n = prop.name;
  if (tsc.isShorthandPropertyAssignment(prop)) {
    edits.add(n.getStart(), n.end, `${to}: ${n.getText()}`);
    return;
  }
  if (tsc.isStringLiteral(n)) {
    const q = text[n.getStart()]!;
    edits.add(n.getStart(), n.end, q + to + q);
  } else edits.add(n.getStart(), n.end, to);
}

/** Replace the content of a string literal, keeping its quotes. */
export function replaceStringContent(edits: EditList, lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, to: string): void {
  const start = lit.getStart();
  const q = lit.getSourceFile().text[start];
  edits.add(start + 1, lit.end - 1, stringContent(to, q === "'" ? 'js-single' : q === '"' ? 'js-double' : 'js-template'));
}

/**
 * Removes the import of `id` when its `replaced` uses (edited away) were all its uses
 * (`import { KEY, MODEL } from './config'` -> `import { MODEL } ...`).
 */
export function removeUnusedImport(sf: ts.SourceFile, text: string, edits: EditList, id: string, replaced: number): void {
  let uses = 0;
  let spec: ts.ImportSpecifier | undefined;
  walk(sf, (n) => {
    if (!tsc.isIdentifier(n) || n.text !== id) return;
    if (tsc.isImportSpecifier(n.parent) && n.parent.name === n) spec = n.parent;
    else if (!(tsc.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(tsc.isPropertyAssignment(n.parent) && n.parent.name === n)) uses++;
  });
  if (!spec || uses !== replaced) return;
  const named = spec.parent;
  const clause = named.parent;
  if (named.elements.length > 1) {
    const i = named.elements.indexOf(spec);
    const next = named.elements[i + 1];
    if (next) edits.add(spec.getStart(), next.getStart(), '');
    else edits.add(named.elements[i - 1]!.end, spec.end, '');
  } else if (!clause.name) {
    const decl = clause.parent;
    const start = decl.getStart();
    const lineEnd = (at: number) => (text.startsWith('\r\n', at) ? at + 2 : text[at] === '\n' ? at + 1 : at);
    let end = lineEnd(decl.end);
    // First in the file or after a blank line: the blank line after it goes too (no blank line left at the top).
    const blankBefore = start === 0 || /(^|\n)\r?\n$/.test(text.slice(Math.max(0, start - 3), start));
    if (blankBefore && end > decl.end) end = lineEnd(end);
    edits.add(start, end, '');
  }
}
