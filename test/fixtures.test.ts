import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { migrate } from '../src/api.js';
import { discoverCases, expectedFiles, listFiles, stageInput, writeExpected } from './helpers/fixtures.js';
import { syntaxCheck } from './helpers/syntax.js';

/**
 * The one fixture loop: every case under fixtures/cases, every provider it has
 * an expected output for. The tool's output must equal the expected bytes, the
 * expected output must parse, and a second run on it must change nothing.
 */
const cases = discoverCases();
const UPDATE = process.env.UPDATE_FIXTURES === '1';

describe('fixture pairs', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const c of cases) {
    for (const provider of [...c.expected.keys()].sort()) {
      it(`${c.name} [${provider}]`, async () => {
        const dir = stageInput(c);
        const r = await migrate({ cwd: dir, paths: ['.'], provider, force: true, region: c.options.region, models: c.options.models, routes: c.options.routes });
        const failed = r.files
          .filter((f) => f.status === 'failed')
          .map((f) => f.file)
          .sort();
        expect(
          failed,
          JSON.stringify(
            r.files.filter((f) => f.status === 'failed'),
            null,
            1,
          ),
        ).toEqual((c.options.expectFailed ?? []).sort());
        const skipped = r.files
          .filter((f) => f.status === 'skipped' && f.errorId)
          .map((f) => `${f.file}: ${f.errorId}`)
          .sort();
        expect(skipped, 'files skipped with a reason').toEqual((c.options.expectSkipped ?? []).sort());
        if (UPDATE) writeExpected(c, provider, dir);
        const expected = expectedFiles(c, provider);
        const actualFiles = listFiles(dir);
        expect(actualFiles).toEqual([...expected.keys()].sort());
        for (const [rel, want] of expected) {
          const got = readFileSync(path.join(dir, rel));
          if (!got.equals(want)) {
            const patch = createTwoFilesPatch(`expected/${rel}`, `actual/${rel}`, want.toString('utf8'), got.toString('utf8'));
            expect.fail(`${c.name} [${provider}] ${rel} differs from the expected output:\n${patch}`);
          }
          // Files the tool leaves alone (failed or skipped, byte-identical to the input) need not parse.
          const leftAlone = [...(c.options.expectFailed ?? []), ...(c.options.expectSkipped ?? []).map((x) => x.split(':')[0]!)].includes(rel);
          if (leftAlone) continue;
          const err = await syntaxCheck(rel, want.toString('utf8'));
          expect(err, `expected output ${rel} must parse`).toBeUndefined();
        }
        // Idempotency: the tool run on its own output changes nothing.
        const again = await migrate({ cwd: dir, paths: ['.'], provider, force: true, region: c.options.region, models: c.options.models, routes: c.options.routes });
        const changedAgain = again.files.filter((f) => f.status === 'changed');
        expect(
          changedAgain.map((f) => `${f.file}\n${f.diff}`),
          'second run must be a no-op',
        ).toEqual([]);
      });
    }
  }
});
