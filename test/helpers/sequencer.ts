import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The heaviest test files (CPU seconds measured with VITEST_CPU_LOG, docs/performance.md) start first, in
 * this order, so that two workers end together. Without it a fresh clone has no vitest timing cache and
 * vitest starts the largest files (by bytes) first: a small file holding two minutes of CLI runs could
 * start last and run alone at the end. The other files follow in vitest's own order.
 */
export const HEAVY = [
  'test/offload.test.ts',
  'test/safety-values.test.ts',
  'test/i18n-messages.test.ts',
  'test/e2e-contract.test.ts',
  'test/fixtures.test.ts',
  'test/safety-fs.test.ts',
  'test/typecheck.test.ts',
  'test/key-host.test.ts',
  'test/ai-sdk-app-e2e.test.ts',
  'test/doctor.test.ts',
  'test/apps-e2e.test.ts',
];

export default class HeavyFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (f: TestSpecification) => {
      const i = HEAVY.indexOf(path.relative(root, f.moduleId).split(path.sep).join('/'));
      return i < 0 ? HEAVY.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}
