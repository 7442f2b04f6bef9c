import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import HeavyFirst from './test/helpers/sequencer.js';

// Vitest's default leaves one core free, which on a 2-core CI machine means one worker and a serial suite
// (measured: ~195 s with one worker). The suites are independent processes (pool: forks), so use every core.
const workers = Math.max(1, Number(process.env.VITEST_MAX_WORKERS) || availableParallelism());

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: workers,
    sequence: { sequencer: HeavyFirst },
    // VITEST_CPU_LOG=<file>: one JSON line per test file with its wall and CPU seconds (docs/performance.md).
    setupFiles: process.env.VITEST_CPU_LOG ? ['test/helpers/cpu-log.ts'] : [],
  },
});
