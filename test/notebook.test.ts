import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { buildProgram, maskMagics, readCells, serializeSource, spanAt, usesAsciiEscapes } from '../src/lang/python/notebook-cells.js';

const nb = (cells: unknown[], indent: number | undefined = 1) => JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, indent) + '\n';
const code = (source: string | string[], extra: Record<string, unknown> = {}) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source, ...extra });

describe('notebook cell mapping', () => {
  it('masks magics and shell lines without changing lengths', () => {
    const src = '%pip install openai\n!ls -la\nx = !pwd\nif True:\n    !echo hi there\nprint(1)\nobj?\n';
    const m = maskMagics(src);
    expect(m.length).toBe(src.length);
    expect(m.split('\n').map((l) => l.length)).toEqual(src.split('\n').map((l) => l.length));
    expect(m).toContain('print(1)');
    expect(m).toContain('    pass#');
    expect(m).not.toMatch(/^[%!]/m);
  });

  it('reads code cells only, skips non-Python cell magics, and joins them into one program', () => {
    const text = nb([{ cell_type: 'markdown', metadata: {}, source: ['# t'] }, code(['import os\n', 'x = 1']), code('%%bash\necho hi'), code('y = x + 1')]);
    const cells = readCells(text);
    expect(cells.map((c) => c.index)).toEqual([2, 4]);
    const prog = buildProgram(cells);
    expect(prog.text).toBe('import os\nx = 1\ny = x + 1');
    expect(spanAt(prog.spans, prog.text.indexOf('y'))!.cell.index).toBe(4);
    // an insertion at the end of a cell belongs to that cell
    expect(spanAt(prog.spans, prog.spans[0]!.end)!.cell.index).toBe(2);
  });

  it('re-serialises a list source keeping raw JSON of unchanged lines and the separator', () => {
    const text = nb([code(['a = "caf\\u00e9"\n', 'b = 2\n', 'c = 3'])]).replace('café', 'caf\\u00e9');
    const cell = readCells(text)[0]!;
    const out = serializeSource(text, cell, 'a = "café"\nimport os\nb = 2\nc = 4', usesAsciiEscapes(text));
    expect(out).toBe('[\n    "a = \\"caf\\u00e9\\"\\n",\n    "import os\\n",\n    "b = 2\\n",\n    "c = 4"\n   ]');
  });

  it('re-serialises a string source', () => {
    const text = JSON.stringify({ cells: [code('x = "gpt-4o"')], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const cell = readCells(text)[0]!;
    expect(serializeSource(text, cell, 'x = "qwen3-max"\n', false)).toBe('"x = \\"qwen3-max\\"\\n"');
  });
});

describe('notebook migrate', () => {
  it('reports follow-ups with the cell number and the line inside the cell, and keeps outputs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-nb-'));
    const outputs = [{ name: 'stdout', output_type: 'stream', text: ['gpt-4o says hi\n'] }];
    const text = nb([code(['from openai import OpenAI\n', 'client = OpenAI()']), code(['x = 1\n', 'e = client.embeddings.create(model="text-embedding-3-small", input="x")'], { outputs })]);
    writeFileSync(path.join(dir, 'a.ipynb'), text);
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'moonshot', force: true });
    const f = r.files.find((x) => x.file === 'a.ipynb')!;
    expect(f.status).toBe('changed');
    const fu = f.followUps.find((x) => /embeddings/.test(x.reason))!;
    expect(fu.cell).toBe(2);
    expect(fu.line).toBe(2);
    const after = JSON.parse(readFileSync(path.join(dir, 'a.ipynb'), 'utf8'));
    expect(after.cells[1].outputs).toEqual(outputs);
    expect(after.cells[1].source[1]).toMatch(/^# TODO\(openai-migrate\)/);
    expect(after.cells[0].source.join('')).toContain('base_url="https://api.moonshot.cn/v1"');
  });

  it('leaves a cell that does not parse and still migrates the others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-nb-'));
    writeFileSync(path.join(dir, 'b.ipynb'), nb([code('from openai import OpenAI\nclient = OpenAI()'), code('def broken(:\n    pass')]));
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    const f = r.files[0]!;
    expect(f.status).toBe('changed');
    expect(f.followUps.some((x) => x.cell === 2 && /does not parse/.test(x.reason))).toBe(true);
    const after = JSON.parse(readFileSync(path.join(dir, 'b.ipynb'), 'utf8'));
    expect(after.cells[1].source).toBe('def broken(:\n    pass');
  });
});
