import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:fast`: the unit and CLI suites, without the end-to-end apps, the
 * sweeps over every fixture case (the fixtures themselves, worker vs main thread and
 * one-byte sub-batches (offload.test.ts),
 * type-checking migrated outputs, messages and key/host pairs of every fixture), the
 * real-terminal review, `doctor` against a local server, and the safety suites that
 * spawn the CLI per hostile input. From a clean CI run's per-file durations: the
 * whole suite is ~334 s of test-file time, these ~78 s (about 40 s on two workers). `npm test`
 * still runs everything (CI runs `npm test`).
 */
export const SLOW = [
  'test/fixtures.test.ts',
  'test/offload.test.ts',
  'test/typecheck.test.ts',
  'test/typecheck-outputs.test.ts',
  'test/i18n-messages.test.ts',
  'test/key-host.test.ts',
  'test/apps-e2e.test.ts',
  'test/python-e2e.test.ts',
  'test/e2e-contract.test.ts',
  'test/interactive.test.ts',
  'test/doctor.test.ts',
  'test/safety-fs.test.ts',
  'test/safety-values.test.ts',
  // Timed on 2026-12-06 (issue 17): each of these took 20-55 s of test-file time in the fast tier.
  'test/ai-sdk-app-e2e.test.ts', // end to end: every provider's migrated AI SDK app against a local server
  'test/check-migrated.test.ts', // sweep: every JS/Python fixture migrated, then checked
  'test/pyright.test.ts', // sweep: pyright over every Python fixture's expected output
  'test/package.test.ts', // end to end: npm pack, install from the tarball, run the bin
  'test/ci-gate.test.ts', // end to end: real git repositories, the GitHub Action's script as the runner runs it
  'test/code-cache.test.ts', // performance: cold and warm CLI runs with the V8 code cache
  'test/safety-fuzz.test.ts', // fuzz: generated hostile inputs
  'test/schemas.test.ts', // end to end: every JSON output of real CLI runs against its shipped schema
  'test/project-graph.test.ts', // end to end: CLI runs over temp repositories and the monorepo fixture
];

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...SLOW] } }));
