/**
 * Per-test-file CPU accounting for measuring the suite (docs/performance.md, "Test suite"). Only active
 * when `VITEST_CPU_LOG=<file>` is set: appends one JSON line per test file with its wall time and the CPU
 * seconds of the vitest worker plus its children (spawned CLIs, tsc, npm, python3: those it waited for and
 * those still running), read from /proc (utime, stime, cutime, cstime). Linux only; elsewhere it records nothing.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { getCurrentSuite } from 'vitest/suite';

const out = process.env.VITEST_CPU_LOG;

/** utime + stime + cutime + cstime of a process, in seconds. */
function stat(pid: string): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name: state is field 3, utime 14 ... cstime 17.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return [11, 12, 13, 14].reduce((s, i) => s + Number(f[i]), 0) / 100; // USER_HZ is 100 on Linux
}

/** This process and its children: those it waited for, and those still running (a long-lived checker such as the python3 of helpers/syntax.ts). */
function cpuSeconds(): number | undefined {
  try {
    let total = stat('self');
    for (const tid of readdirSync('/proc/self/task')) {
      for (const pid of readFileSync(`/proc/self/task/${tid}/children`, 'utf8').split(' ').filter(Boolean)) {
        try {
          total += stat(pid);
        } catch {
          // exited meanwhile: then it was waited for and is in cutime
        }
      }
    }
    return total;
  } catch {
    return undefined;
  }
}

if (out) {
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  const file = path.relative(process.cwd(), getCurrentSuite().file?.filepath ?? '');
  afterAll(() => {
    const cpu1 = cpuSeconds();
    if (cpu0 === undefined || cpu1 === undefined) return;
    appendFileSync(out, `${JSON.stringify({ file, wall: (performance.now() - t0) / 1000, cpu: cpu1 - cpu0 })}\n`);
  });
}
