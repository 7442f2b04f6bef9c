import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/cases');

export interface CaseOptions {
  region?: string;
  models?: string[];
  /** Capability routes (`embeddings=qwen`), as --route. */
  routes?: string[];
  /** Files expected to fail (reported, left byte-identical). */
  expectFailed?: string[];
  /** Files expected to be skipped with a reason (`errorId`), left byte-identical: "file: ID". */
  expectSkipped?: string[];
  note?: string;
}

export interface FixtureCase {
  /** e.g. "js/client-default-import" */
  name: string;
  dir: string;
  /** input file or folder name inside dir */
  input: string;
  isTree: boolean;
  /** provider id -> expected file/folder name */
  expected: Map<string, string>;
  options: CaseOptions;
}

/** Discover fixture cases: fixtures/cases/<group>/<case>/{input.*|input/, expected.<provider>.*|expected.<provider>/, case.json}. */
export function discoverCases(root = FIXTURE_ROOT): FixtureCase[] {
  const out: FixtureCase[] = [];
  if (!existsSync(root)) return out;
  for (const group of readdirSync(root).sort()) {
    const gdir = path.join(root, group);
    if (!statSync(gdir).isDirectory()) continue;
    for (const c of readdirSync(gdir).sort()) {
      const dir = path.join(gdir, c);
      if (!statSync(dir).isDirectory()) continue;
      const entries = readdirSync(dir);
      const input = entries.find((e) => e === 'input' || e.startsWith('input.'));
      if (!input) continue;
      const expected = new Map<string, string>();
      for (const e of entries) {
        const m = /^expected\.([a-z0-9-]+)(\..+)?$/.exec(e);
        if (m) expected.set(m[1]!, e);
      }
      const optsFile = path.join(dir, 'case.json');
      const options = existsSync(optsFile) ? (JSON.parse(readFileSync(optsFile, 'utf8')) as CaseOptions) : {};
      out.push({ name: `${group}/${c}`, dir, input, isTree: statSync(path.join(dir, input)).isDirectory(), expected, options });
    }
  }
  return out;
}

/** Copy a case's input into a fresh temp folder; returns the folder. */
export function stageInput(c: FixtureCase): string {
  const tmp = mkdtempSync(path.join(tmpdir(), 'oam-fixture-'));
  if (c.isTree) cpSync(path.join(c.dir, c.input), tmp, { recursive: true });
  else cpSync(path.join(c.dir, c.input), path.join(tmp, c.input));
  return tmp;
}

/** Relative paths of all files under dir. */
export function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

/** Expected file contents keyed by the staged relative path. */
export function expectedFiles(c: FixtureCase, provider: string): Map<string, Buffer> {
  const exp = path.join(c.dir, c.expected.get(provider)!);
  const m = new Map<string, Buffer>();
  if (c.isTree) for (const f of listFiles(exp)) m.set(f, readFileSync(path.join(exp, f)));
  else m.set(c.input, readFileSync(exp));
  return m;
}

/** UPDATE_FIXTURES=1 writes the tool's output as the expected output (review every diff before committing). */
export function writeExpected(c: FixtureCase, provider: string, staged: string): void {
  const name = c.isTree ? `expected.${provider}` : `expected.${provider}${path.extname(c.input) ? c.input.slice(c.input.indexOf('.')) : ''}`;
  const dest = path.join(c.dir, name);
  if (c.isTree) {
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    cpSync(staged, dest, { recursive: true });
  } else writeFileSync(dest, readFileSync(path.join(staged, c.input)));
}
