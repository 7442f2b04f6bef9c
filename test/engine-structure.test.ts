import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { functionLengths } from './helpers/function-lengths.js';

/**
 * The engine's files are its stages (issue 17): read.ts (discover -> prefilter ->
 * read), finish.ts (validate -> decide -> diff -> write), run.ts orchestrates. No
 * function in src/engine is longer than 120 lines.
 */
const ENGINE = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'src/engine');

describe('engine structure', () => {
  it('no function in src/engine is over 120 lines', () => {
    const all = readdirSync(ENGINE)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => functionLengths(path.join(ENGINE, f)));
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter(([n]) => n > 120).map(([n, w]) => `${w}: ${n} lines`)).toEqual([]);
  });

  it('the measure can fail: a 121-line function is seen as 121 lines', () => {
    const file = path.join(ENGINE, '..', '..', 'test', '.engine-structure-probe.ts');
    const body = Array.from({ length: 119 }, (_, i) => `  const x${i} = ${i};`).join('\n');
    const text = `function long() {\n${body}\n}\n`;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const fn = sf.statements[0]!;
    expect(sf.getLineAndCharacterOfPosition(fn.end).line - sf.getLineAndCharacterOfPosition(fn.getStart()).line + 1).toBe(121);
  });

  it('run.ts orchestrates the read and finish stages; the stages do not import run.ts for values', () => {
    const run = readFileSync(path.join(ENGINE, 'run.ts'), 'utf8');
    expect(run).toMatch(/from '\.\/read\.js'/);
    expect(run).toMatch(/from '\.\/finish\.js'/);
    expect(run).not.toMatch(/openSync|readSync|writeAtomic|unifiedDiff/);
    for (const stage of ['read.ts', 'finish.ts']) {
      const text = readFileSync(path.join(ENGINE, stage), 'utf8');
      for (const m of text.matchAll(/^import (type )?\{[^}]*\} from '\.\/run\.js'/gm)) expect(m[1], `${stage} imports run.ts`).toBe('type ');
    }
  });
});
