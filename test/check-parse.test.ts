import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { duplicateImportBinding, parseForCheck, parseJs } from '../src/lang/js/parse.js';
import { jsHandler } from '../src/lang/js/handler.js';
import { ROOT } from './helpers/cli.js';

/**
 * The output check parses each changed JS/TS file without parent pointers and without JSDoc (parseForCheck,
 * issue 19: a tenth of a dense run's CPU was that second parse). Its verdict must be the full parse's, for
 * valid and broken files alike: every JS/TS fixture input, and each cut and spliced at many offsets.
 */
const JS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|vue|svelte)$/;

function inputs(): Array<{ rel: string; text: string }> {
  const root = path.join(ROOT, 'fixtures/cases');
  const out: Array<{ rel: string; text: string }> = [];
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]) {
    const rel = path.relative(root, path.join(e.parentPath, e.name));
    if (e.isFile() && JS.test(rel) && !rel.endsWith('.d.ts') && /(^|\/)input(\.|\/)/.test(rel)) out.push({ rel, text: readFileSync(path.join(root, rel), 'utf8') });
  }
  return out;
}

const verdict = (r: ReturnType<typeof parseJs>) => r.error ?? (duplicateImportBinding(r.sf) ? `dup ${duplicateImportBinding(r.sf)}` : undefined);

describe('the output check parse (parseForCheck) gives the full parse verdict', () => {
  it('on every JS/TS fixture input, whole, cut and spliced', () => {
    const files = inputs();
    expect(files.length).toBeGreaterThan(150);
    let broken = 0;
    let compared = 0;
    for (const { rel, text } of files) {
      const variants = [text];
      // Cut and spliced in the middle (deterministic): unclosed blocks, stray tokens, a broken JSDoc comment.
      const at = Math.floor(text.length / 2);
      variants.push(text.slice(0, at), `${text.slice(0, at)} } /** @param {string */ ${text.slice(at + 7)}`);
      variants.push(`import { a } from 'x';\nimport { a } from 'y';\n${text}`);
      for (const v of variants) {
        const full = verdict(parseJs(rel, v));
        expect(verdict(parseForCheck(rel, v)), `${rel} (${v.length} chars)`).toBe(full);
        if (full) broken++;
        compared++;
      }
    }
    // Not vacuous: many broken variants, and the check said the same of each.
    expect(broken).toBeGreaterThan(compared / 4);
  }, 120_000);

  it('a JSDoc syntax error is not a file error in either parse (.js and .ts)', async () => {
    const text = '/**\n * @param {string\n * @returns {\n */\nexport function f(a) {\n  return a;\n}\n';
    for (const rel of ['a.js', 'a.ts']) {
      expect(parseJs(rel, text).error).toBeUndefined();
      expect(await jsHandler.validate!(text, rel)).toBeUndefined();
      expect(await jsHandler.validate!(`${text}}\n`, rel)).toBe(parseJs(rel, `${text}}\n`).error);
    }
  });
});
