import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { makeContext } from '../src/engine/run.js';
import { jsHandler } from '../src/handlers.js';
import { parseJs } from '../src/lang/js/parse.js';
import { getProvider, resolveTarget, PROVIDERS } from '../src/providers/index.js';
import { ModelMap } from '../src/models/map.js';
import { discoverCases } from './helpers/fixtures.js';

/**
 * Property tests over generated variants of the JS fixture inputs: extra
 * comments/whitespace between tokens, CRLF, a BOM-less/BOM text, any provider.
 * For every variant: the tool never throws; if the input parses the output
 * parses; bytes outside the reported edits are unchanged; a second run is a no-op.
 */
const inputs = discoverCases()
  .filter((c) => c.name.startsWith('js/') && !c.isTree)
  .map((c) => ({ name: c.input, text: readFileSync(path.join(c.dir, c.input), 'utf8').replace(/^\uFEFF/, '') }));

async function migrateText(file: string, text: string, providerId: string) {
  const provider = getProvider(providerId);
  const ctx = makeContext({ abs: `/virtual/${file}`, rel: file, text, bom: false }, resolveTarget(provider), new ModelMap(provider));
  const errors = await jsHandler.process([ctx], {});
  return { ctx, errors, out: ctx.edits.apply(text) };
}

/** Token start offsets (safe places to insert trivia). */
function tokenStarts(text: string, file: string): number[] {
  const { sf } = parseJs(file, text);
  const out: number[] = [];
  const visit = (n: ts.Node) => {
    if (n.getChildCount(sf) === 0 && n.kind !== ts.SyntaxKind.EndOfFileToken && n.kind < ts.SyntaxKind.FirstTemplateToken) out.push(n.getStart(sf));
    else if (n.getChildCount(sf) === 0 && n.kind !== ts.SyntaxKind.EndOfFileToken && !ts.isTemplateLiteralKind(n.kind) && !ts.isStringLiteral(n)) out.push(n.getStart(sf));
    n.getChildren(sf).forEach(visit);
  };
  visit(sf);
  return [...new Set(out)].sort((a, b) => a - b);
}

const variant = fc.record({
  input: fc.constantFrom(...inputs),
  provider: fc.constantFrom(...PROVIDERS.map((p) => p.id)),
  crlf: fc.boolean(),
  inserts: fc.array(fc.record({ at: fc.nat(), trivia: fc.constantFrom(' ', '\n', '  ', '/* c */ ', '\n// note\n') }), { maxLength: 6 }),
});

function build(v: { input: { name: string; text: string }; crlf: boolean; inserts: Array<{ at: number; trivia: string }> }): string {
  let text = v.input.text;
  const starts = tokenStarts(text, v.input.name);
  const picks = [...new Set(v.inserts.map((i) => ({ pos: starts[i.at % starts.length]!, trivia: i.trivia })))].sort((a, b) => b.pos - a.pos);
  for (const p of picks) text = text.slice(0, p.pos) + p.trivia + text.slice(p.pos);
  if (v.crlf) text = text.replace(/\r?\n/g, '\r\n');
  return text;
}

describe('properties of migrate on generated inputs', () => {
  it('has inputs', () => expect(inputs.length).toBeGreaterThan(5));

  it('never throws; output parses; untouched bytes stay; second run is a no-op', async () => {
    await fc.assert(
      fc.asyncProperty(variant, async (v) => {
        const text = build(v);
        if (parseJs(v.input.name, text).error) return; // the generator made something invalid: other property covers it
        const { ctx, errors, out } = await migrateText(v.input.name, text, v.provider);
        expect([...errors.values()]).toEqual([]);
        expect(parseJs(v.input.name, out).error).toBeUndefined();
        // Bytes outside the edits are unchanged, in order.
        const edits = [...ctx.edits.all()].sort((a, b) => a.start - b.start || a.end - b.end);
        let pos = 0;
        let outPos = 0;
        for (const e of edits) {
          const keep = text.slice(pos, e.start);
          expect(out.slice(outPos, outPos + keep.length)).toBe(keep);
          outPos += keep.length + e.text.length;
          pos = Math.max(pos, e.end);
        }
        expect(out.slice(outPos)).toBe(text.slice(pos));
        // Line endings: a CRLF file gains no bare LF.
        if (v.crlf) expect(out.replace(/\r\n/g, '')).not.toContain('\n');
        const again = await migrateText(v.input.name, out, v.provider);
        expect(again.out).toBe(out);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), seed: Number(process.env.PROPERTY_SEED ?? 20261125) },
    );
  });

  it('arbitrary text mentioning OpenAI never throws: it migrates or is reported as a parse error', async () => {
    const junk = fc.tuple(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('new OpenAI(', "import OpenAI from 'openai'\n", "{ model: 'gpt-4o' }", 'openai.chat.completions.create('),
      fc.string({ maxLength: 80 }),
    );
    await fc.assert(
      fc.asyncProperty(junk, fc.constantFrom('a.ts', 'a.js', 'a.tsx'), async ([a, b, c], file) => {
        const text = a + b + c;
        const { errors, out, ctx } = await migrateText(file, text, 'qwen');
        const parseError = parseJs(file, text).error;
        if (parseError) {
          expect(errors.get(`/virtual/${file}`)?.id).toBe('E_PARSE');
          expect(ctx.edits.size).toBe(0);
        } else {
          expect([...errors.values()].filter((e) => e.id !== 'E_PARSE')).toEqual([]);
          expect(parseJs(file, out).error).toBeUndefined();
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
