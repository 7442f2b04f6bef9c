import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeContext } from '../src/engine/run.js';
import { pythonHandler } from '../src/handlers.js';
import { getProvider, resolveTarget, PROVIDERS } from '../src/providers/index.js';
import { ModelMap } from '../src/models/map.js';
import { discoverCases } from './helpers/fixtures.js';

/**
 * Property tests for Python, over variants of the Python fixture inputs: comment
 * and blank lines inserted between lines, CRLF, any provider. For every variant:
 * the tool never throws; if the input parses the output parses; bytes outside
 * the edits stay; a second run changes nothing.
 */
const inputs = discoverCases()
  .filter((c) => c.name.startsWith('python/') && !c.isTree)
  .map((c) => ({ name: c.input, text: readFileSync(path.join(c.dir, c.input), 'utf8').replace(/^\uFEFF/, '') }));

async function migrateText(text: string, providerId: string) {
  const provider = getProvider(providerId);
  const ctx = makeContext({ abs: '/virtual/input.py', rel: 'input.py', text, bom: false }, resolveTarget(provider), new ModelMap(provider));
  const errors = await pythonHandler.process([ctx], {});
  return { ctx, errors, out: ctx.edits.apply(text) };
}

const parses = async (text: string) => (await pythonHandler.validate!(text, 'input.py')) === undefined;

const variant = fc.record({
  input: fc.constantFrom(...inputs),
  provider: fc.constantFrom(...PROVIDERS.map((p) => p.id)),
  crlf: fc.boolean(),
  inserts: fc.array(fc.record({ line: fc.nat(), text: fc.constantFrom('# note', '', '    # indented note', '#openai gpt-4o in a comment') }), { maxLength: 5 }),
});

function build(v: { input: { text: string }; crlf: boolean; inserts: Array<{ line: number; text: string }> }): string {
  const lines = v.input.text.split('\n');
  for (const ins of [...v.inserts].sort((a, b) => b.line - a.line)) lines.splice(ins.line % (lines.length + 1), 0, ins.text);
  const text = lines.join('\n');
  return v.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
}

describe('properties of migrate on generated Python inputs', () => {
  it('has inputs', () => expect(inputs.length).toBeGreaterThan(5));

  it('never throws; output parses; untouched bytes stay; second run is a no-op', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(variant, async (v) => {
        const text = build(v);
        if (!(await parses(text))) return; // an indented comment line can end a block early: skip such variants
        checked++;
        const { ctx, errors, out } = await migrateText(text, v.provider);
        expect([...errors.values()]).toEqual([]);
        expect(await parses(out)).toBe(true);
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
        if (v.crlf) expect(out.replace(/\r\n/g, '')).not.toContain('\n');
        const again = await migrateText(out, v.provider);
        expect(again.out).toBe(out);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 120), seed: Number(process.env.PROPERTY_SEED ?? 20261125) },
    );
    // Most variants must be valid Python, or the property proves little.
    expect(checked).toBeGreaterThan(Number(process.env.PROPERTY_RUNS ?? 120) / 2);
  });
});
