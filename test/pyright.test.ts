import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Migrated Python passes pyright with zero new errors: every Python fixture's expected output is
 * checked next to its input (pyright devDependency, standard mode), and may have no error its input
 * does not have, counted per rule (messages quote model ids the migration changes). The machine has
 * no `openai` Python package, so SDK calls are not typed here: the check catches what a migration can
 * break on its own (a name used without its import, a keyword outside a call, a broken expression,
 * an `extra_body` written twice). All Python fixture pairs are checked (about 20 s alone, a minute under load).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CASES = path.join(ROOT, 'fixtures/cases');
const PYRIGHT = path.join(path.dirname(createRequire(import.meta.url).resolve('pyright/package.json')), 'index.js');

function listPy(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? listPy(p) : e.endsWith('.py') ? [p] : [];
  });
}

/** [input, expected] pairs of every case under python*. */
function pairs(): Array<{ input: string; expected: string }> {
  const out: Array<{ input: string; expected: string }> = [];
  for (const group of readdirSync(CASES).filter((g) => g.startsWith('python'))) {
    for (const c of readdirSync(path.join(CASES, group))) {
      const dir = path.join(CASES, group, c);
      for (const e of readdirSync(dir)) {
        const m = /^expected\.([\w-]+)(\.py)?$/.exec(e);
        if (!m) continue;
        const exp = path.join(dir, e);
        if (statSync(exp).isDirectory()) {
          for (const f of listPy(exp)) {
            const input = path.join(dir, 'input', path.relative(exp, f));
            if (existsSync(input)) out.push({ input, expected: f });
          }
        } else if (m[2]) out.push({ input: path.join(dir, 'input.py'), expected: exp });
      }
    }
  }
  return out;
}

interface Diag {
  file: string;
  severity: string;
  rule?: string;
  message: string;
}

function pyright(files: string[]): Diag[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'oam-pyright-'));
  const config = path.join(dir, 'pyrightconfig.json');
  writeFileSync(config, JSON.stringify({ typeCheckingMode: 'standard', pythonVersion: '3.12' }));
  let out: string;
  try {
    out = execFileSync(process.execPath, [PYRIGHT, '--outputjson', '-p', config, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    // pyright exits 1 when it reports errors; its JSON is still on stdout.
    out = (e as { stdout?: string }).stdout ?? '';
  }
  return (JSON.parse(out) as { generalDiagnostics: Diag[] }).generalDiagnostics;
}

describe('migrated Python type-checks (pyright) as well as its input', () => {
  const ps = pairs();
  it('has Python fixture pairs', () => {
    expect(ps.length).toBeGreaterThan(100);
  });
  it('no new pyright errors in any expected output', () => {
    const diags = pyright([...new Set([...ps.map((p) => p.input), ...ps.map((p) => p.expected)])]);
    const errors = (f: string) => {
      const m = new Map<string, number>();
      // Third-party packages are not installed here: an integration package the migration switches to
      // (langchain_deepseek) is unresolved like the one it replaces; the manifest edit adds it.
      for (const d of diags)
        if (d.severity === 'error' && d.rule !== 'reportMissingImports' && path.resolve(d.file) === path.resolve(f)) m.set(d.rule ?? 'syntax', (m.get(d.rule ?? 'syntax') ?? 0) + 1);
      return m;
    };
    const bad: string[] = [];
    for (const p of ps) {
      const before = errors(p.input);
      for (const [rule, n] of errors(p.expected)) {
        if (n > (before.get(rule) ?? 0))
          bad.push(
            `${path.relative(CASES, p.expected)}: ${diags
              .filter((d) => d.severity === 'error' && path.resolve(d.file) === path.resolve(p.expected) && (d.rule ?? 'syntax') === rule)
              .map((d) => d.message.split('\n')[0])
              .join(' | ')}`,
          );
      }
    }
    expect(bad).toEqual([]);
  }, 300_000);
  it('the check can fail: a name used without its import is an error pyright reports', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-pyright-probe-'));
    const f = path.join(dir, 'probe.py');
    writeFileSync(f, 'key = os.environ["DASHSCOPE_API_KEY"]\n');
    expect(pyright([f]).some((d) => d.severity === 'error' && d.rule === 'reportUndefinedVariable')).toBe(true);
  }, 120_000);
});
