import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { makeContext } from '../src/engine/context.js';
import type { FileContext, Transform } from '../src/engine/types.js';
import { pyImportBatches } from '../src/lang/python/batches.js';
import { processor } from '../src/lang/python/process.js';
import { getProvider, resolveTarget } from '../src/providers/index.js';
import { ModelMap } from '../src/models/map.js';

/**
 * Dense runs (issue 19), Python side: a large batch of `.py` modules is cut into
 * import-connected sub-batches (src/lang/python/batches.ts) after a first pass for the
 * app-wide facts. That the output does not change is proven over every fixture with
 * one-byte sub-batches in test/js-batches.test.ts (the same runs cut both handlers).
 */
function ctx(rel: string, text: string, imports?: Record<string, string>): FileContext {
  return makeContext({ abs: path.join('/repo', rel), rel, text, bom: false, imports });
}

describe('Python import-connected sub-batches', () => {
  it('keeps modules that import each other (relative, by dotted suffix, through the graph, bare names) together, in batch order', () => {
    const pad = (s: string) => s + '\n'.padEnd(100, '#');
    const files = [
      ctx('app/main.py', pad('from .llm import ask')),
      ctx('tools/x.py', pad('X = 1')),
      ctx('app/llm.py', pad('from app.core import settings')),
      ctx('svc/y.py', pad('from shared import z'), { shared: '/repo/lib/shared/__init__.py' }),
      ctx('app/core/__init__.py', pad('VALUE = 2')),
      ctx('lib/shared/__init__.py', pad('z = 3')),
      ctx('bot/run.py', pad('from .conf import cfg')),
      ctx('other/cfg.py', pad('MODEL = "gpt-4o"')),
      ctx('lonely.py', pad('print(1)')),
    ];
    const batches = pyImportBatches(files, 150).map((b) => b.map((c) => c.file.rel));
    expect(batches).toEqual([
      ['app/main.py', 'app/llm.py', 'app/core/__init__.py'],
      ['tools/x.py'],
      ['svc/y.py', 'lib/shared/__init__.py'],
      // `cfg` is also looked up alone when `.conf.cfg` names no module: any `cfg.py` of the batch
      ['bot/run.py', 'other/cfg.py'],
      ['lonely.py'],
    ]);
    expect(pyImportBatches(files, 10_000)).toEqual([files]);
  });

  it('links `import openai` to a local openai.py only where Python would import it instead of the SDK', () => {
    const pad = (s: string) => s + '\n'.padEnd(100, '#');
    const files = [
      // graph known (imports given), `openai` unresolved: the SDK
      ctx('app/stt.py', pad('import openai\nfrom openai import OpenAI'), {}),
      ctx('app/llm/providers/openai.py', pad('import openai')),
      // no graph: the script's own folder holds openai.py, Python imports it
      ctx('scripts/run.py', pad('import openai')),
      ctx('scripts/openai.py', pad('KEY = 1')),
      // no graph, openai.py in a folder that is not on its path: the SDK
      ctx('tools/go.py', pad('from openai import OpenAI')),
      // the graph resolved it: linked
      ctx('svc/main.py', pad('import openai'), { openai: '/repo/svc/lib/openai.py' }),
      ctx('svc/lib/openai.py', pad('X = 2')),
    ];
    expect(pyImportBatches(files, 150).map((b) => b.map((c) => c.file.rel))).toEqual([
      ['app/stt.py'],
      ['app/llm/providers/openai.py'],
      ['scripts/run.py', 'scripts/openai.py'],
      ['tools/go.py'],
      ['svc/main.py', 'svc/lib/openai.py'],
    ]);
  });
});

describe('memory of a dense Python batch', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  afterEach(() => {
    delete process.env.OPENAI_MIGRATE_BATCH_BYTES;
  });

  /** Peak live heap growth (after a full collection) a transform sees while the handler works through 6 large modules. */
  async function peakGrowth(batchBytes: string): Promise<{ peak: number; changed: string[] }> {
    process.env.OPENAI_MIGRATE_BATCH_BYTES = batchBytes;
    const body = Array.from({ length: 200 }, (_, i) => `def f${i}(a, b):\n    o = {"k": a + ${i}, "s": b + "x"}\n    return [o["s"], "y"] if o["k"] > 2 else None\n`).join('\n');
    const provider = getProvider('deepseek');
    const target = resolveTarget(provider);
    const models = new ModelMap(provider);
    const files = Array.from({ length: 6 }, (_, i) =>
      makeContext(
        { abs: `/repo/m${i}.py`, rel: `m${i}.py`, text: `from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o", messages=[])\n${body}`, bom: false },
        target,
        models,
      ),
    );
    gc();
    const base = v8.getHeapStatistics().used_heap_size;
    let peak = 0;
    const probe: Transform = {
      id: 'probe',
      description: 'measures the live heap',
      run() {
        gc();
        peak = Math.max(peak, v8.getHeapStatistics().used_heap_size - base);
      },
    };
    const mapIds = (await import('../transforms/python/index.js')).PY_TRANSFORMS.find((t) => t.id === 'map-model-ids')!;
    const errors = await processor.process(files, { transforms: [probe, mapIds] as Transform[] });
    expect(errors.size).toBe(0);
    return { peak: peak / 2 ** 20, changed: files.map((f) => f.edits.apply(f.file.text)) };
  }

  it('holds the analysis of one sub-batch at a time, not of the whole batch, and edits the same', async () => {
    const whole = await peakGrowth('100000000');
    const cut = await peakGrowth('30000');
    expect(cut.changed).toEqual(whole.changed);
    expect(cut.changed[0]).toContain('model="deepseek-');
    expect(whole.peak).toBeGreaterThan(3 * cut.peak);
  }, 120_000);
});
