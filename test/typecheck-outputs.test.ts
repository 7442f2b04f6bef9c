import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { discoverCases, listFiles } from './helpers/fixtures.js';
import { ROOT } from './helpers/cli.js';

/**
 * Migrated TypeScript must still type-check. Every js/ fixture case whose TypeScript input
 * type-checks under `strict` against the real `openai` package types (the project's
 * dependency) must give expected outputs that type-check too, for every provider: no
 * half-migrated client (TS2353 `endpoint`/`apiVersion` on `OpenAI`, an AzureOpenAI type
 * left on an OpenAI value). Packages the fixtures import but the project does not install
 * are declared as loose modules.
 */
const SHIMS = `declare module '@azure/identity' {
  export class DefaultAzureCredential {}
  export function getBearerTokenProvider(c: unknown, scope: string): () => Promise<string>;
}
declare module 'tiktoken' {
  export type TiktokenModel = 'gpt-4o' | 'gpt-4o-mini' | 'gpt-4.1' | 'gpt-4.1-mini' | 'gpt-3.5-turbo';
  export function encoding_for_model(model: TiktokenModel): { encode(text: string): Uint32Array; free(): void };
}
`;

function diagnostics(root: string): Map<string, string[]> {
  const files = listFiles(root)
    .filter((f) => /\.(m|c)?tsx?$/.test(f))
    .map((f) => path.join(root, f));
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules/@types')],
    skipLibCheck: true,
    baseUrl: root,
    paths: { openai: [path.join(ROOT, 'node_modules/openai')], 'openai/*': [path.join(ROOT, 'node_modules/openai/*')] },
  });
  const out = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (!d.file) continue;
    const rel = path.relative(root, d.file.fileName).split(path.sep).join('/');
    if (rel.startsWith('..') || rel === 'shims.d.ts') continue;
    const list = out.get(rel) ?? [];
    list.push(`TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    out.set(rel, list);
  }
  return out;
}

describe('migrated TypeScript type-checks (tsc --strict, real openai types)', () => {
  it('the check sees a half-migrated Azure client (TS2353)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-tsc-neg-'));
    try {
      writeFileSync(
        path.join(dir, 'a.ts'),
        "import { OpenAI } from 'openai';\nexport const c = new OpenAI({ baseURL: 'https://api.deepseek.com', endpoint: 'https://x.openai.azure.com', apiVersion: '2024-10-21' });\n",
      );
      expect(diagnostics(dir).get('a.ts')?.[0]).toMatch(/^TS2353 /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('every js/ fixture whose input type-checks has outputs that type-check, for every provider', () => {
    const cases = discoverCases().filter((c) => c.name.startsWith('js/') && !c.isTree && /\.ts$/.test(c.input));
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-tsc-'));
    try {
      const inputs = path.join(dir, 'in');
      mkdirSync(inputs, { recursive: true });
      writeFileSync(path.join(inputs, 'shims.d.ts'), SHIMS);
      for (const c of cases) cpSync(path.join(c.dir, c.input), path.join(inputs, c.name.replace('/', '__'), 'input.ts'));
      const inErr = diagnostics(inputs);
      const clean = cases.filter((c) => !inErr.has(`${c.name.replace('/', '__')}/input.ts`));
      // The check must cover the client shapes this work is about.
      expect(clean.map((c) => c.name)).toEqual(expect.arrayContaining(['js/azure-client', 'js/azure-client-mapped', 'js/client-keys', 'js/partial-clients', 'js/closed-model-types']));
      const outputs = path.join(dir, 'out');
      mkdirSync(outputs, { recursive: true });
      writeFileSync(path.join(outputs, 'shims.d.ts'), SHIMS);
      for (const c of clean) for (const [p, e] of c.expected) cpSync(path.join(c.dir, e), path.join(outputs, `${c.name.replace('/', '__')}__${p}`, 'input.ts'));
      const outErr = diagnostics(outputs);
      expect(Object.fromEntries(outErr)).toEqual({});
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
