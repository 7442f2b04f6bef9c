import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { run } from '../src/engine/run.js';
import type { FileContext, LanguageHandler } from '../src/engine/types.js';

/**
 * Memory of a run (issue 19): once a handler's files are finished (validated,
 * diffed), the engine keeps only their results (changes, findings, follow-ups,
 * diff), never their contexts: the texts and line indexes can be collected
 * while the next handler works.
 */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const TEXT_A = 'use openai here\n'.repeat(50);

function handler(id: string, ext: string, process: LanguageHandler['process']): LanguageHandler {
  return { id, matches: (r) => r.endsWith(ext), prefilter: (t) => t.includes('openai'), process };
}

describe('engine memory', () => {
  it("a finished handler's contexts are collectable while the next handler runs, and its results hold no text", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-memory-'));
    for (let i = 0; i < 5; i++) writeFileSync(path.join(dir, `f${i}.a`), TEXT_A + i);
    writeFileSync(path.join(dir, 'g.b'), 'openai\n');
    const refs: Array<WeakRef<FileContext>> = [];
    const texts: Array<WeakRef<object>> = [];
    let alive = -1;
    const a = handler('a', '.a', async (ctxs) => {
      for (const c of ctxs) {
        refs.push(new WeakRef(c));
        texts.push(new WeakRef(c.lines));
        // A change and a finding: the result keeps these (copies of data), not the context.
        c.edits.add(0, 3, 'USE');
        c.change('model', 0, 'changed');
        c.findings.push({ rule: 'r', kind: 'k', level: 'note', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'm' });
      }
      return new Map();
    });
    const b = handler('b', '.b', async () => {
      // `a` is finished: nothing of its contexts should be reachable from the engine now.
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((r) => setImmediate(r));
      }
      alive = refs.filter((r) => r.deref() !== undefined).length + texts.filter((r) => r.deref() !== undefined).length;
      return new Map();
    });
    const result = await run({ cwd: dir, paths: ['.'], handlers: [a, b], write: false, maxFileSize: 1 << 20, workers: false });
    expect(refs).toHaveLength(5);
    expect(alive).toBe(0);
    const changed = result.files.filter((f) => f.status === 'changed');
    expect(changed).toHaveLength(5);
    for (const f of changed) {
      expect(f.diff).toContain('+USE openai here');
      expect(f.changes).toHaveLength(1);
      expect(f.findings).toHaveLength(1);
      // The finished record: plain data, no text of the file beyond its diff.
      expect(Object.keys(f).sort()).toEqual(['changes', 'diff', 'file', 'findings', 'followUps', 'status']);
      expect(JSON.stringify(f)).not.toContain(TEXT_A.slice(0, 200));
    }
  });

  it('can fail: a context kept by the handler itself stays alive (the probe sees it)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-memory-'));
    writeFileSync(path.join(dir, 'f.a'), TEXT_A);
    writeFileSync(path.join(dir, 'g.b'), 'openai\n');
    const kept: FileContext[] = [];
    let ref: WeakRef<FileContext> | undefined;
    let alive = false;
    const a = handler('a', '.a', async (ctxs) => {
      kept.push(...ctxs);
      ref = new WeakRef(ctxs[0]!);
      return new Map();
    });
    const b = handler('b', '.b', async () => {
      gc();
      alive = ref?.deref() !== undefined;
      return new Map();
    });
    await run({ cwd: dir, paths: ['.'], handlers: [a, b], write: false, maxFileSize: 1 << 20, workers: false });
    expect(alive).toBe(true);
    expect(kept).toHaveLength(1);
  });
});
