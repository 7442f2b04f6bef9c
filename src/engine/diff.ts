import { createTwoFilesPatch } from 'diff';
import { printable } from '../report/escape.js';

/**
 * The unified diff of one file, with bounded work. Lines the two texts share
 * at the start and the end are cut first (linear); jsdiff's Myers algorithm
 * then runs on the middle with an edit budget (`MAX_EDIT_LENGTH`). Above it
 * (a file with thousands of changed lines) Myers grows faster than
 * quadratically, so the diff falls back to a linear one: lines paired by
 * position when the middle has as many lines before as after (the common case:
 * edits inside lines), else one hunk that replaces the whole middle. Either
 * fallback is a correct patch, only less compact.
 */
export const MAX_EDIT_LENGTH = 2000;

export type DiffStrategy = 'myers' | 'aligned' | 'whole';

export function unifiedDiff(file: string, before: string, after: string, context = 3): { text: string; strategy: DiffStrategy } {
  // A line break in a file name would end the header line early: shown as an escape.
  const a = `a/${printable(file)}`;
  const b = `b/${printable(file)}`;
  // Cheap linear look first: texts with as many lines, differing on more lines than the budget, go straight to the linear diff.
  if (pairedChanges(before, after) * 2 > MAX_EDIT_LENGTH) return linearDiff(a, b, before, after, context);
  const fast = createTwoFilesPatch(a, b, before, after, '', '', { context, maxEditLength: MAX_EDIT_LENGTH });
  if (fast !== undefined) return { text: fast, strategy: 'myers' };
  return linearDiff(a, b, before, after, context);
}

/** Lines that differ at the same position, when both texts have as many lines (else 0: unknown). */
export function pairedChanges(before: string, after: string): number {
  const x = before.split('\n');
  const y = after.split('\n');
  if (x.length !== y.length) return 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) n++;
  return n;
}

/** Split keeping the line endings, as jsdiff's line diff sees lines. */
function lines(text: string): string[] {
  const out = text.split('\n').map((l, i, all) => (i < all.length - 1 ? l + '\n' : l));
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function linearDiff(a: string, b: string, before: string, after: string, context: number): { text: string; strategy: DiffStrategy } {
  const x = lines(before);
  const y = lines(after);
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  // One op per line: ' ' kept, '-' removed, '+' added, over the middle.
  const ops: Array<[' ' | '-' | '+', string]> = [];
  const midX = x.slice(pre, x.length - suf);
  const midY = y.slice(pre, y.length - suf);
  const aligned = midX.length === midY.length;
  if (aligned) {
    for (let i = 0; i < midX.length; i++) {
      if (midX[i] === midY[i]) ops.push([' ', midX[i]!]);
      else ops.push(['-', midX[i]!], ['+', midY[i]!]);
    }
  } else {
    for (const l of midX) ops.push(['-', l]);
    for (const l of midY) ops.push(['+', l]);
  }
  // Regroup adjacent '-'/'+' runs of the aligned walk so each run reads as removed-then-added.
  const all: Array<[' ' | '-' | '+', string]> = [
    ...x.slice(Math.max(0, pre - context), pre).map((l) => [' ', l] as [' ', string]),
    ...normalise(ops),
    ...x.slice(x.length - suf, x.length - suf + context).map((l) => [' ', l] as [' ', string]),
  ];
  const startOld = Math.max(0, pre - context);
  const out = [`===================================================================`, `--- ${a}`, `+++ ${b}`];
  // Split into hunks at runs of more than 2*context kept lines.
  let i = 0;
  let oldLine = startOld + 1;
  let newLine = startOld + 1;
  while (i < all.length) {
    // Skip leading kept lines beyond the context.
    let firstChange = i;
    while (firstChange < all.length && all[firstChange]![0] === ' ') firstChange++;
    if (firstChange >= all.length) break;
    const from = Math.max(i, firstChange - context);
    for (let k = i; k < from; k++) {
      oldLine++;
      newLine++;
    }
    let end = firstChange;
    let kept = 0;
    while (end < all.length) {
      if (all[end]![0] === ' ') {
        kept++;
        if (kept > 2 * context) break;
      } else kept = 0;
      end++;
    }
    const stop = Math.min(all.length, end - Math.max(0, kept - context));
    const body = all.slice(from, stop);
    const nOld = body.filter((o) => o[0] !== '+').length;
    const nNew = body.filter((o) => o[0] !== '-').length;
    out.push(`@@ -${nOld ? oldLine : oldLine - 1},${nOld} +${nNew ? newLine : newLine - 1},${nNew} @@`);
    for (const [op, l] of body) {
      out.push(op + l.replace(/\n$/, ''));
      if (!l.endsWith('\n')) out.push('\\ No newline at end of file');
    }
    oldLine += nOld;
    newLine += nNew;
    i = stop;
  }
  return { text: out.join('\n') + '\n', strategy: aligned ? 'aligned' : 'whole' };
}

/** Within each changed run, removed lines first, then added ones (unified-diff convention). */
function normalise(ops: Array<[' ' | '-' | '+', string]>): Array<[' ' | '-' | '+', string]> {
  const out: Array<[' ' | '-' | '+', string]> = [];
  let minus: Array<[' ' | '-' | '+', string]> = [];
  let plus: Array<[' ' | '-' | '+', string]> = [];
  const flush = () => {
    out.push(...minus, ...plus);
    minus = [];
    plus = [];
  };
  for (const o of ops) {
    if (o[0] === '-') minus.push(o);
    else if (o[0] === '+') plus.push(o);
    else {
      flush();
      out.push(o);
    }
  }
  flush();
  return out;
}
