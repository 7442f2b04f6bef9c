import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * A migration that stops the project compiling is not done. Every migrated TypeScript fixture that
 * uses the `openai` package is compiled with `strict: true` against the real openai types, next to
 * its input: the expected output may have no diagnostic its input does not have (unresolved
 * third-party modules fail both the same way). v6 comes from the repo's devDependency; v4 is
 * checked when an `openai-v4` package (npm alias) is installed or OPENAI_V4_DIR points at one.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CASES = path.join(ROOT, 'fixtures/cases');
const TS_EXT = /\.(ts|tsx|mts|cts)$/;
const USES_OPENAI = /from ['"]openai['"]|require\(['"]openai['"]\)/;

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (TS_EXT.test(e) && !e.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** [input file, expected file] pairs of every case under js*, for files that use openai. */
function pairs(): Array<{ input: string; expected: string }> {
  const out: Array<{ input: string; expected: string }> = [];
  for (const group of readdirSync(CASES).filter((g) => g.startsWith('js'))) {
    for (const c of readdirSync(path.join(CASES, group))) {
      const dir = path.join(CASES, group, c);
      for (const e of readdirSync(dir)) {
        const m = /^expected\.([\w-]+)(\.\w+)?$/.exec(e);
        if (!m) continue;
        const exp = path.join(dir, e);
        if (statSync(exp).isDirectory()) {
          for (const f of listTs(exp)) {
            const input = path.join(dir, 'input', path.relative(exp, f));
            if (existsSync(input) && USES_OPENAI.test(readFileSync(f, 'utf8'))) out.push({ input, expected: f });
          }
        } else if (m[2] && TS_EXT.test(m[2])) {
          const input = path.join(dir, `input${m[2]}`);
          if (existsSync(input) && USES_OPENAI.test(readFileSync(exp, 'utf8'))) out.push({ input, expected: exp });
        }
      }
    }
  }
  return out;
}

/**
 * Declaration files under node_modules (TypeScript's libs, @types, each openai version's types) parsed once
 * for all the programs of this file (inputs and outputs, for v4, v5 and v6): a SourceFile is immutable
 * once parsed and bound, and these programs share the options that shape parsing and binding (they differ
 * only in `paths`), as a language service shares them between program versions. Saves re-parsing
 * lib.dom.d.ts and the SDK types five times.
 */
const declarations = new Map<string, ts.SourceFile | undefined>();
function host(options: ts.CompilerOptions): ts.CompilerHost {
  const h = ts.createCompilerHost(options);
  const read = h.getSourceFile.bind(h);
  h.getSourceFile = (fileName, language, onError, shouldCreate) => {
    if (!fileName.includes('/node_modules/')) return read(fileName, language, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(language)}`;
    if (!declarations.has(key)) declarations.set(key, read(fileName, language, onError, shouldCreate));
    return declarations.get(key);
  };
  return h;
}

function diagnostics(files: string[], openaiDir: string): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    baseUrl: ROOT,
    paths: { openai: [openaiDir], 'openai/*': [`${openaiDir}/*`] },
    allowJs: false,
    jsx: ts.JsxEmit.Preserve,
  };
  const program = ts.createProgram(files, options, host(options));
  const out = new Map<string, string[]>();
  for (const f of files) {
    const sf = program.getSourceFile(f);
    if (!sf) continue;
    const ds = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    // Environment globals (Node `process`, Vite `import.meta.env`) are not under test (types: []): keep the messages about the SDK calls.
    out.set(
      f,
      ds
        .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)
        .filter((m) => !/Cannot find name 'process'|Cannot find name 'require'|Cannot find name 'module'|on type 'ImportMeta'/.test(m)),
    );
  }
  return out;
}

function newErrors(openaiDir: string): string[] {
  const ps = pairs();
  const inputs = diagnostics([...new Set(ps.map((p) => p.input))], openaiDir);
  const expected = diagnostics(
    ps.map((p) => p.expected),
    openaiDir,
  );
  const bad: string[] = [];
  // Messages quote model ids and roles the migration changes: compare the count of each error code.
  const codes = (ds: string[]) => ds.reduce((m, d) => m.set(d.split(':')[0]!, (m.get(d.split(':')[0]!) ?? 0) + 1), new Map<string, number>());
  for (const p of ps) {
    const before = codes(inputs.get(p.input) ?? []);
    const after = expected.get(p.expected) ?? [];
    for (const [code, n] of codes(after)) {
      if (n > (before.get(code) ?? 0))
        bad.push(
          `${path.relative(CASES, p.expected)}: ${after
            .filter((d) => d.startsWith(code + ':'))
            .join(' | ')
            .slice(0, 400)}`,
        );
    }
  }
  return bad;
}

const V6 = path.join(ROOT, 'node_modules/openai');
const V4 = process.env.OPENAI_V4_DIR ?? path.join(ROOT, 'node_modules/openai-v4');
const V5 = process.env.OPENAI_V5_DIR ?? path.join(ROOT, 'node_modules/openai-v5');
const version = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;

describe('migrated TypeScript compiles (strict) against the real openai types', () => {
  it('has TypeScript fixtures that use openai', () => {
    expect(pairs().length).toBeGreaterThan(20);
  });
  it(`openai v${JSON.parse(readFileSync(path.join(V6, 'package.json'), 'utf8')).version}: no new diagnostics`, () => {
    expect(newErrors(V6)).toEqual([]);
  }, 180_000);
  // openai-v4 / openai-v5 are devDependencies (npm aliases): CI checks v4, v5 and v6.
  it('openai v4 and v5 are installed (npm aliases openai-v4, openai-v5)', () => {
    expect(version(V4)).toMatch(/^4\./);
    expect(version(V5)).toMatch(/^5\./);
  });
  it('openai v4: no new diagnostics', () => {
    expect(newErrors(V4)).toEqual([]);
  }, 180_000);
  it('openai v5: no new diagnostics', () => {
    expect(newErrors(V5)).toEqual([]);
  }, 180_000);
  it.each([
    ['v4', V4],
    ['v5', V5],
    ['v6', V6],
  ])('the check can fail (%s): a provider field written into a typed request is an excess-property error', (_v, dir) => {
    const probe = path.join(CASES, 'js/thinking-in-content/input.ts');
    const text = readFileSync(probe, 'utf8').replace("model: 'gpt-4o',", "model: 'gpt-4o',\n    reasoning_split: true,");
    const host = ts.createCompilerHost({});
    const orig = host.getSourceFile;
    host.getSourceFile = (f, lang, ...rest) => (path.resolve(f) === probe ? ts.createSourceFile(f, text, lang) : orig.call(host, f, lang, ...rest));
    const program = ts.createProgram(
      [probe],
      {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        baseUrl: ROOT,
        paths: { openai: [dir] },
      },
      host,
    );
    const msgs = program.getSemanticDiagnostics(program.getSourceFile(probe)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    expect(msgs.some((m) => /reasoning_split/.test(m))).toBe(true);
  });
});
