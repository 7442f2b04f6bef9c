import { describe, expect, it } from 'vitest';
import { createProgress, progressEnabled } from '../src/engine/progress.js';

/** A fake stderr that records writes. */
function fakeStream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (s: string) => (writes.push(s), true) } };
}

/** Drive a progress line through a read and an analyse phase on a fake clock. */
function drive(p: ReturnType<typeof createProgress>, clock: { t: number }) {
  for (let i = 1; i <= 1000; i++) {
    clock.t += 1;
    p.update('read', i, 1000);
  }
  for (let i = 1; i <= 10; i++) {
    clock.t += 50;
    p.update('analyse', i, 10);
  }
  p.end();
}

describe('progress line', () => {
  it('prints nothing when stderr is not a TTY (pipes, files)', () => {
    const { writes, stream } = fakeStream(false);
    const clock = { t: 0 };
    const p = createProgress({ stream, env: {}, now: () => clock.t });
    expect(p.enabled).toBe(false);
    drive(p, clock);
    expect(writes).toEqual([]);
  });

  it('prints nothing in CI, even on a TTY', () => {
    const { writes, stream } = fakeStream(true);
    const clock = { t: 0 };
    const p = createProgress({ stream, env: { CI: 'true' }, now: () => clock.t });
    drive(p, clock);
    expect(writes).toEqual([]);
    expect(progressEnabled({ stream, env: { CI: '1' } })).toBe(false);
    // CI=false / CI=0 / empty mean "not CI".
    expect(progressEnabled({ stream, env: { CI: 'false' } })).toBe(true);
    expect(progressEnabled({ stream, env: { CI: '0' } })).toBe(true);
    expect(progressEnabled({ stream, env: { CI: '' } })).toBe(true);
  });

  it('prints nothing for JSON output, even on a TTY', () => {
    const { writes, stream } = fakeStream(true);
    const clock = { t: 0 };
    drive(createProgress({ stream, env: {}, json: true, now: () => clock.t }), clock);
    expect(writes).toEqual([]);
  });

  it('on a TTY: waits for the delay, throttles, shows done/total and phase, then erases itself', () => {
    const { writes, stream } = fakeStream(true);
    const clock = { t: 0 };
    const p = createProgress({ stream, env: {}, now: () => clock.t, delayMs: 300, intervalMs: 100 });
    expect(p.enabled).toBe(true);
    drive(p, clock);
    // Nothing before 300 ms; then at most one redraw per 100 ms, plus each phase's last file.
    expect(writes[0]).toBe('\ropenai-migrate: reading 300/1,000 files (30%)\x1b[K');
    expect(writes).toContain('\ropenai-migrate: reading 1,000/1,000 files (100%)\x1b[K');
    expect(writes).toContain('\ropenai-migrate: analysing 2/10 files (20%)\x1b[K');
    expect(writes).toContain('\ropenai-migrate: analysing 10/10 files (100%)\x1b[K');
    expect(writes.length).toBeLessThan(20);
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  it('a short run draws nothing and end() writes nothing', () => {
    const { writes, stream } = fakeStream(true);
    const clock = { t: 0 };
    const p = createProgress({ stream, env: {}, now: () => clock.t });
    p.update('read', 1, 2);
    p.update('read', 2, 2);
    p.end();
    expect(writes).toEqual([]);
  });

  it('fits narrow terminals', () => {
    const { writes, stream } = fakeStream(true, 20);
    const clock = { t: 1000 };
    const p = createProgress({ stream, env: {}, now: () => clock.t, delayMs: 0 });
    p.update('read', 5, 10);
    expect(writes[0]).toBe('\ropenai-migrate: rea\x1b[K');
  });
});
