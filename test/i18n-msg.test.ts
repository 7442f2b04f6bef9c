import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { EN } from '../src/i18n/catalog/en.js';
import { ZH } from '../src/i18n/catalog/zh.js';
import { msg, refOf, renderZh, type MsgRef } from '../src/i18n/msg.js';
import { localize } from '../src/i18n/messages.js';
import { maskResults } from '../src/report/mask.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CJK = /[\u4e00-\u9fff]/;
const ID = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/; // the pattern of messageId in schemas/
const helpers = { endpoint: (s: string) => s, tier: (s: string) => s, note: (s: string) => s, prose: (s: string) => s };

/** The parameter names an English entry reads (`p.name`), from its source. */
const paramsOf = (fn: (...a: never[]) => string) => [...new Set([...fn.toString().matchAll(/\bp\.(\w+)/g)].map((m) => m[1]!))];

describe('messages by id: the catalogues', () => {
  it('every id has a Chinese entry, and no Chinese entry lacks an English one', () => {
    const missing = Object.keys(EN).filter((id) => typeof (ZH as Record<string, unknown>)[id] !== 'function');
    expect(missing).toEqual([]);
    expect(Object.keys(ZH).filter((id) => !(id in EN))).toEqual([]);
  });

  it('ids have the form JSON and SARIF promise (schemas/*.schema.json messageId)', () => {
    for (const id of Object.keys(EN)) expect(id).toMatch(ID);
  });

  it('every Chinese entry says something in Chinese and keeps each parameter it is given', () => {
    for (const [id, en] of Object.entries(EN)) {
      const names = paramsOf(en);
      const p: Record<string, string> = {};
      for (const [i, n] of names.entries()) p[n] = `P${i}X`;
      const zh = renderZh({ id, params: p, text: '' }, helpers)!;
      // Joins of two messages are punctuation only; the rest must hold Chinese.
      if (id === 'assess.join') expect(zh).toBe('P0X；P1X');
      else if (id === 'param.lint.followUp') expect(zh).toBe('P0X：P1X；P2X');
      else expect(zh, id).toMatch(CJK);
      for (const n of names) {
        // Parameters that pick the wording (a support level, a kind of model, where a secret goes) may be consumed, not copied.
        if (n === 'support' || n === 'kind' || n === 'where') continue;
        expect(zh, `${id} keeps ${n}`).toContain(p[n]);
      }
    }
  });

  it('msg() gives the English text, and nested messages are translated by their own id', () => {
    const inner = msg('endpoint.missing', { provider: 'DeepSeek', endpoint: 'embeddings' });
    const outer = msg('marker.added', { api: 'embeddings.create', reason: inner });
    expect(String(outer)).toBe('marked embeddings.create: DeepSeek has no OpenAI-compatible embeddings endpoint');
    expect(localize(outer.text, refOf(outer), 'zh')).toBe('已标注 embeddings.create：DeepSeek 没有 OpenAI 兼容的向量（embeddings）接口');
    expect(localize(outer.text, refOf(outer), 'en')).toBe(outer.text);
    // Plain data: a ref survives a structured clone (the worker thread) and JSON.
    const ref = structuredClone(refOf(outer)) as MsgRef;
    expect(localize(ref.text, ref, 'zh')).toBe('已标注 embeddings.create：DeepSeek 没有 OpenAI 兼容的向量（embeddings）接口');
    expect(JSON.parse(JSON.stringify(ref))).toEqual(ref);
  });

  it('a message parameter given as English text goes through the template table', () => {
    const m = msg('assess.followUp', { reason: 'OPENAI_API_KEY -> DEEPSEEK_API_KEY' });
    expect(localize(m.text, refOf(m), 'zh')).toBe('需人工跟进：OPENAI_API_KEY 改为 DEEPSEEK_API_KEY');
  });

  it('secrets in parameters are masked like the text, so a translation cannot print one', () => {
    const secret = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
    const m = msg('assess.renamed', { from: secret, to: 'DEEPSEEK_API_KEY' });
    const files = maskResults([{ file: 'a.ts', changes: [{ message: m.text, msg: refOf(m) }], followUps: [], findings: [] }]);
    const c = files[0]!.changes[0]!;
    expect(c.message).not.toContain(secret);
    expect(JSON.stringify(c.msg)).not.toContain(secret);
    expect(localize(c.message, c.msg, 'zh')).not.toContain(secret);
  });

  it('an unknown id or a missing parameter is a compile error', () => {
    const file = path.join(ROOT, 'src/__msg_typecheck__.ts');
    const source = [
      "import { msg } from './i18n/msg.js';",
      "msg('endpoint.missing', { provider: 'a', endpoint: 'b' });", // fine
      "msg('assess.leftAsIs');", // fine: no parameters
      "msg('no.such.id');", // line 4: unknown id
      "msg('endpoint.missing', { provider: 'a' });", // line 5: missing endpoint
      "msg('assess.leftAsIs', { x: 'y' });", // line 6: parameters it does not take
      '',
    ].join('\n');
    const host = ts.createCompilerHost({});
    const read = host.readFile.bind(host);
    host.readFile = (f) => (path.resolve(f) === file ? source : read(f));
    const exists = host.fileExists.bind(host);
    host.fileExists = (f) => path.resolve(f) === file || exists(f);
    const program = ts.createProgram(
      [file],
      { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true, types: [] },
      host,
    );
    const lines = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .filter((d) => d.file && path.resolve(d.file.fileName) === file)
      .map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1);
    expect([...new Set(lines)].sort()).toEqual([4, 5, 6]);
  }, 60_000);
});
