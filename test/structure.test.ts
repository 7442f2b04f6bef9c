import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shape of the code: imports only run down the layers. A module may import
 * its own layer or a lower one, never a higher one (a helper needed below moves
 * down; a registry is wired from above, as src/handlers.ts wires the transforms
 * into the language handlers).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Lowest first. The first pattern that matches a file (path from the repository root) gives its layer. */
const LAYERS: Array<[name: string, patterns: RegExp[]]> = [
  ['errors/util', [/^src\/(errors|version|package-info)\.ts$/]],
  [
    'providers/models/rules',
    [
      /^src\/(providers|models|rules|i18n|routing)\//,
      // The engine's vocabulary (types, value checks, text and edit helpers, the
      // per-file context, batch runner and garbage collection) and the report's pure helpers are used by
      // every layer above them.
      /^src\/engine\/(types|values|text|edits|timing|code-cache|batch|context|findings|memory)\.ts$/,
      /^src\/report\/(escape|mask|schema-url|summary)\.ts$/,
    ],
  ],
  ['lang', [/^src\/(lang|project)\//]],
  ['transforms', [/^transforms\//]],
  ['engine', [/^src\/(engine|check)\//, /^src\/(api|config|handlers)\.ts$/]],
  ['report', [/^src\/(report|interactive)\//]],
  ['commands', [/^src\/commands\//]],
  ['cli', [/^src\/(cli|index)\.ts$/]],
];

function layerOf(file: string): number {
  const i = LAYERS.findIndex(([, ps]) => ps.some((p) => p.test(file)));
  if (i < 0) throw new Error(`${file} is in no layer: add it to LAYERS in test/structure.test.ts`);
  return i;
}

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((e) => {
    const p = `${dir}/${e}`;
    return statSync(path.join(ROOT, p)).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports (static, type-only, re-exports and dynamic `import()`), as repository paths. */
function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)).replace(/\.js$/, '.ts'));
  }
  return out;
}

function upward(files: Array<[file: string, text: string]>): string[] {
  const bad: string[] = [];
  for (const [file, text] of files) {
    const from = layerOf(file);
    for (const to of importsOf(file, text)) {
      if (!/^(src|transforms)\//.test(to)) continue;
      const layer = layerOf(to);
      if (layer > from) bad.push(`${file} (${LAYERS[from]![0]}) imports ${to} (${LAYERS[layer]![0]})`);
    }
  }
  return bad;
}

/**
 * The engine's stages (src/engine/ above its vocabulary: read, finish, run, offload...) know no
 * rules: findings, markers included (src/rules/markers.ts), come from the handlers.
 */
function engineRuleImports(files: Array<[file: string, text: string]>): string[] {
  const engine = LAYERS.findIndex(([name]) => name === 'engine');
  return files.flatMap(([file, text]) =>
    /^src\/engine\//.test(file) && layerOf(file) === engine
      ? importsOf(file, text)
          .filter((to) => /^src\/rules\//.test(to))
          .map((to) => `${file} imports ${to}`)
      : [],
  );
}

describe('layers', () => {
  const files = [...sources('src'), ...sources('transforms')].map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')] as [string, string]);

  it('no module imports a higher layer', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(upward(files)).toEqual([]);
  });

  it('the check sees an upward import (static, type-only and dynamic)', () => {
    expect(upward([['src/engine/run.ts', "import { main } from '../cli.js';\n"]])).toEqual(['src/engine/run.ts (engine) imports src/cli.ts (cli)']);
    expect(upward([['src/lang/js/process.ts', "import type { X } from '../../../transforms/js/index.js';\n"]])).toHaveLength(1);
    expect(upward([['src/models/map.ts', "const { x } = await import('../engine/run.js');\n"]])).toHaveLength(1);
    expect(upward([['src/engine/run.ts', "import { UsageError } from '../errors.js';\n"]])).toEqual([]);
    expect(() => layerOf('src/somewhere-new.ts')).toThrow(/no layer/);
  });

  it("the engine's stages import nothing from src/rules/ (markers are found by the handlers)", () => {
    expect(engineRuleImports(files)).toEqual([]);
    // The check sees one; the engine's vocabulary (findings.ts) may name the rule catalogue.
    expect(engineRuleImports([['src/engine/finish.ts', "import { MARKER_TAG } from '../rules/markers.js';\n"]])).toEqual(['src/engine/finish.ts imports src/rules/markers.ts']);
    expect(engineRuleImports([['src/engine/findings.ts', "import { RULES } from '../rules/catalogue.js';\n"]])).toEqual([]);
  });
});

describe('reporter table', () => {
  it("commander's --format choices are the table's rows for each command", async () => {
    const { buildProgram } = await import('../src/cli.js');
    const { REPORTERS, formatsFor } = await import('../src/report/formats.js');
    const program = buildProgram();
    const choices = (name: string) => program.commands.find((c) => c.name() === name)?.options.find((o) => o.long === '--format')?.argChoices;
    for (const command of ['migrate', 'scan', 'check'] as const) {
      expect(choices(command)).toEqual(formatsFor(command));
      for (const f of formatsFor(command)) expect(REPORTERS[f].commands).toContain(command);
    }
    expect(formatsFor('check')).toEqual(['text', 'json', 'sarif', 'github', 'markdown', 'codeclimate', 'junit']);
    expect(formatsFor('migrate')).toEqual(['text', 'json']);
    // Only text is for people: every other format turns the progress line off.
    expect(
      Object.entries(REPORTERS)
        .filter(([, r]) => !r.machine)
        .map(([f]) => f),
    ).toEqual(['text']);
  });
});

/**
 * Functions still over the limit (issue 17: at most 120 lines in src/ and
 * transforms/), each with its length today: it may only shrink, and any other
 * function over 120 lines fails. Remove an entry when its function is split.
 */
const LONG_FUNCTIONS_LEFT: Record<string, number> = {};

describe('function length', () => {
  it('no function in src/ or transforms/ is over 120 lines (but the ones listed, which may only shrink)', async () => {
    const { functionLengths } = await import('./helpers/function-lengths.js');
    const over: string[] = [];
    let measured = 0;
    for (const file of [...sources('src'), ...sources('transforms')]) {
      for (const [n, label] of functionLengths(path.join(ROOT, file))) {
        measured++;
        const key = `${file} ${label.slice(label.indexOf(' ') + 1)}`;
        if (n > (LONG_FUNCTIONS_LEFT[key] ?? 120)) over.push(`${file}:${label.slice(label.indexOf(':') + 1)}: ${n} lines`);
      }
    }
    expect(measured).toBeGreaterThan(1000);
    expect(over).toEqual([]);
  });
});
