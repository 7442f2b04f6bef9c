import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { EditList, EditConflictError } from '../src/engine/edits.js';
import { addProperties, removeProperties } from '../src/lang/js/edit.js';
import { parseJs, propName, walk } from '../src/lang/js/parse.js';

/** Parse `const o = {...}` and apply an edit to the literal. */
function run(src: string, remove: string[], add: string[] = []): string {
  const { sf } = parseJs('x.ts', src);
  let obj: ts.ObjectLiteralExpression | undefined;
  walk(sf, (n) => {
    if (!obj && ts.isObjectLiteralExpression(n)) obj = n;
  });
  const edits = new EditList();
  const gone = new Set(obj!.properties.filter((p) => remove.includes(propName(p.name)!)));
  removeProperties(src, edits, obj!, gone);
  addProperties(src, edits, obj!, add, gone);
  return edits.apply(src);
}

describe('object literal edits', () => {
  it('single line: middle, last, consecutive, all', () => {
    expect(run('const o = { a: 1, b: 2, c: 3 };', ['b'])).toBe('const o = { a: 1, c: 3 };');
    expect(run('const o = { a: 1, b: 2, c: 3 };', ['c'])).toBe('const o = { a: 1, b: 2 };');
    expect(run('const o = { a: 1, b: 2, c: 3 };', ['b', 'c'])).toBe('const o = { a: 1 };');
    expect(run('const o = { a: 1, b: 2, c: 3 };', ['a', 'b'])).toBe('const o = { c: 3 };');
    expect(run('const o = { a: 1, b: 2, c: 3, };', ['c'])).toBe('const o = { a: 1, b: 2, };');
    expect(run('const o = { a: 1 };', ['a'])).toBe('const o = {};');
  });
  it('multi line: no stray blank line or comma, trailing-comma style kept', () => {
    expect(run('const o = {\n  a: 1,\n  b: 2,\n  c: 3,\n};', ['b'])).toBe('const o = {\n  a: 1,\n  c: 3,\n};');
    expect(run('const o = {\n  a: 1,\n  b: 2\n};', ['b'])).toBe('const o = {\n  a: 1\n};');
    expect(run('const o = {\n  a: 1,\n  b: 2,\n  c: 3\n};', ['b', 'c'])).toBe('const o = {\n  a: 1\n};');
    expect(run('const o = {\r\n  a: 1,\r\n  b: 2,\r\n};', ['a'])).toBe('const o = {\r\n  b: 2,\r\n};');
  });
  it('comments above a removed property stay', () => {
    expect(run('const o = {\n  // note\n  a: 1,\n  b: 2,\n};', ['a'])).toBe('const o = {\n  // note\n  b: 2,\n};');
  });
  it('adds before the first surviving property, in the literal layout', () => {
    expect(run('const o = { a: 1, b: 2 };', ['a'], ['x: 1'])).toBe('const o = { x: 1, b: 2 };');
    expect(run('const o = {\n\tb: 2,\n};', [], ['x: 1', 'y: 2'])).toBe('const o = {\n\tx: 1,\n\ty: 2,\n\tb: 2,\n};');
    expect(run('const o = {};', [], ['x: 1'])).toBe('const o = { x: 1 };');
    expect(run('const o = {\n  a: 1,\n  b: 2,\n};', ['a', 'b'], ['x: 1'])).toBe('const o = {\n  x: 1,\n};');
  });
});

describe('EditList', () => {
  it('drops edits inside a replaced range, rejects partial overlaps', () => {
    const e = new EditList();
    e.add(0, 10, 'X');
    e.add(2, 4, 'inner');
    expect(e.apply('0123456789AB')).toBe('XAB');
    const f = new EditList();
    f.add(0, 5, '');
    expect(() => f.add(3, 8, '')).toThrow(EditConflictError);
  });
  it('inserts at one offset keep their order', () => {
    const e = new EditList();
    e.add(1, 1, 'a');
    e.add(1, 1, 'b');
    expect(e.apply('xy')).toBe('xaby');
  });
});
