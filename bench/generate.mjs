// Deterministic synthetic monorepo for the benchmark (not a test).
// Same seed and size -> byte-identical tree. About 70 lines per file, 40
// packages (a fifth of them Python), about 1 % of files using OpenAI in the
// shapes real code has (`density`: 0.3 for a dense repository where 30 % do), a few files that only mention OpenAI in prose (the
// prefilter's false positives), and a gitignored `generated/` folder with many
// files that every tool must skip.
import { mkdirSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const GENERATOR_VERSION = 3;
const PACKAGES = 40;

/** mulberry32: small deterministic PRNG (the fuzz test uses it too). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'user',
  'order',
  'invoice',
  'cart',
  'session',
  'token',
  'report',
  'metric',
  'event',
  'queue',
  'cache',
  'ledger',
  'account',
  'profile',
  'search',
  'index',
  'payment',
  'shipment',
  'review',
  'tenant',
];
const VERBS = ['load', 'save', 'build', 'parse', 'render', 'compute', 'merge', 'sync', 'validate', 'format', 'resolve', 'collect'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

/** A plain TypeScript module of roughly `lines` lines (no OpenAI marker). */
function tsModule(r, lines, jsx) {
  const noun = pick(r, WORDS);
  const out = [`import { ${pick(r, VERBS)}${cap(pick(r, WORDS))} } from '../util/${pick(r, WORDS)}';`, `import type { Config } from '../config';`, ''];
  out.push(`export interface ${cap(noun)}Record {`, `  id: string;`, `  createdAt: Date;`, `  amount: number;`, `  tags: string[];`, `}`, '');
  let i = 0;
  while (out.length < lines - 6) {
    const verb = pick(r, VERBS);
    const name = `${verb}${cap(noun)}${i++}`;
    out.push(
      `/** ${cap(verb)} ${noun} records for the current tenant. */`,
      `export function ${name}(items: ${cap(noun)}Record[], config: Config): number {`,
      `  let total = 0;`,
      `  for (const item of items) {`,
      `    if (item.tags.includes('${pick(r, WORDS)}')) total += item.amount * ${Math.floor(r() * 100)};`,
      `    else total -= config.threshold ?? ${Math.floor(r() * 10)};`,
      `  }`,
      `  return Math.round(total / Math.max(items.length, 1));`,
      `}`,
      '',
    );
  }
  if (jsx) out.push(`export const ${cap(noun)}View = (p: { rows: ${cap(noun)}Record[] }) => (`, `  <ul className="${noun}-list">{p.rows.map((x) => <li key={x.id}>{x.amount}</li>)}</ul>`, `);`);
  else out.push(`export default { version: ${Math.floor(r() * 1000)} };`);
  return out.join('\n') + '\n';
}

/** A plain CommonJS module. */
function jsModule(r, lines) {
  const noun = pick(r, WORDS);
  const out = [`'use strict';`, `const path = require('node:path');`, `const { ${pick(r, VERBS)} } = require('./${pick(r, WORDS)}');`, ''];
  let i = 0;
  while (out.length < lines - 3) {
    const verb = pick(r, VERBS);
    out.push(
      `// ${verb} ${noun} entries from disk`,
      `function ${verb}${cap(noun)}${i++}(dir, opts = {}) {`,
      `  const file = path.join(dir, '${noun}-' + (opts.suffix || '${pick(r, WORDS)}') + '.json');`,
      `  const limit = opts.limit || ${Math.floor(r() * 500)};`,
      `  return { file, limit, ok: limit > ${Math.floor(r() * 50)} };`,
      `}`,
      '',
    );
  }
  out.push(`module.exports = { name: '${noun}' };`);
  return out.join('\n') + '\n';
}

/** A plain Python module. */
function pyModule(r, lines) {
  const noun = pick(r, WORDS);
  const out = ['from __future__ import annotations', '', 'import dataclasses', 'import logging', '', 'log = logging.getLogger(__name__)', '', ''];
  out.push('@dataclasses.dataclass', `class ${cap(noun)}:`, '    id: str', '    amount: float = 0.0', '', '');
  let i = 0;
  while (out.length < lines - 1) {
    const verb = pick(r, VERBS);
    out.push(
      `def ${verb}_${noun}_${i++}(items: list[${cap(noun)}], threshold: float = ${Math.floor(r() * 10)}) -> float:`,
      `    """${cap(verb)} ${noun} items above the threshold."""`,
      `    total = 0.0`,
      `    for item in items:`,
      `        if item.amount > threshold:`,
      `            total += item.amount * ${Math.floor(r() * 100)}`,
      `    log.debug("${noun} total %s", total)`,
      `    return total`,
      '',
      '',
    );
  }
  return out.join('\n') + '\n';
}

// OpenAI usage, in the shapes real code has.
const OPENAI_TS = [
  (n) =>
    `import OpenAI from 'openai';\n\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n\nexport async function summarize${n}(text: string): Promise<string> {\n  const res = await client.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [\n      { role: 'system', content: 'Summarize the text.' },\n      { role: 'user', content: text },\n    ],\n    temperature: 0.2,\n  });\n  return res.choices[0]?.message?.content ?? '';\n}\n`,
  (n) =>
    `import { OpenAI } from 'openai';\n\nconst openai = new OpenAI();\n\nexport async function* stream${n}(prompt: string) {\n  const stream = await openai.chat.completions.create({\n    model: 'gpt-4o-mini',\n    stream: true,\n    messages: [{ role: 'user', content: prompt }],\n  });\n  for await (const chunk of stream) yield chunk.choices[0]?.delta?.content ?? '';\n}\n`,
  (n) =>
    `import OpenAI from 'openai';\n\nconst client = new OpenAI({\n  apiKey: process.env.OPENAI_API_KEY,\n  baseURL: process.env.OPENAI_BASE_URL,\n});\n\nexport async function embed${n}(input: string[]): Promise<number[][]> {\n  const r = await client.embeddings.create({ model: 'text-embedding-3-small', input });\n  return r.data.map((d) => d.embedding);\n}\n`,
];
const OPENAI_JS = (n) =>
  `const OpenAI = require('openai');\n\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n\nasync function ask${n}(question) {\n  const completion = await client.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [{ role: 'user', content: question }],\n    max_tokens: 512,\n  });\n  return completion.choices[0].message.content;\n}\n\nmodule.exports = { ask${n} };\n`;
const OPENAI_PY = (n) =>
  `import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n\n\ndef ask_${n}(question: str) -> str:\n    resp = client.chat.completions.create(\n        model="gpt-4o",\n        messages=[{"role": "user", "content": question}],\n        temperature=0.3,\n    )\n    return resp.choices[0].message.content or ""\n`;

/** The default share of files that use OpenAI (the sparse bench). */
export const SPARSE_DENSITY = 0.01;

/**
 * Write the repository for `files` tracked files under `dir` (replaced if it
 * exists with another size, density or generator version). `density` is the
 * share of files that use OpenAI; at the default the tree is byte-identical to
 * the one before the knob existed (same random draws). Returns stats.
 */
export function generate(dir, files, seed = 7, density = SPARSE_DENSITY) {
  const stampFile = `${dir}.stamp.json`;
  const statsFile = `${dir}.stats.json`;
  const stamp = JSON.stringify(density === SPARSE_DENSITY ? { v: GENERATOR_VERSION, files, seed } : { v: GENERATOR_VERSION, files, seed, density });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return JSON.parse(readFileSync(statsFile, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const stats = { files, density, lines: 0, bytes: 0, byExt: {}, openai: 0, openaiJs: 0, openaiPy: 0, mentions: 0, ignored: 0 };
  const made = new Set();
  const write = (rel, text, count = true) => {
    const abs = path.join(dir, rel);
    const d = path.dirname(abs);
    if (!made.has(d)) {
      mkdirSync(d, { recursive: true });
      made.add(d);
    }
    writeFileSync(abs, text);
    if (!count) return;
    stats.lines += text.split('\n').length - 1;
    stats.bytes += Buffer.byteLength(text);
    const ext = rel.slice(rel.lastIndexOf('.') + 1);
    stats.byExt[ext] = (stats.byExt[ext] ?? 0) + 1;
  };
  write('.gitignore', 'node_modules/\n**/generated/\n*.log\n', false);
  write('package.json', JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['packages/*'] }, null, 2) + '\n', false);
  for (let i = 0; i < files; i++) {
    const p = i % PACKAGES;
    const py = p % 5 === 4; // 8 of 40 packages are Python services
    const pkg = py ? `services/svc-${String(p).padStart(2, '0')}` : `packages/pkg-${String(p).padStart(2, '0')}`;
    const sub = pick(r, ['core', 'api', 'lib', 'handlers', 'models', 'ui', 'jobs']);
    const lines = 30 + Math.floor(r() * 80); // 30..109, mean about 70
    const uses = r() < density;
    const mention = !uses && r() < 0.004; // prose that only names OpenAI
    if (py) {
      let text = pyModule(r, lines);
      if (uses) (text = OPENAI_PY(i) + '\n\n' + text), stats.openai++, stats.openaiPy++;
      if (mention) (text = `# Note: pricing compared against OpenAI in docs/costs.md\n` + text), stats.mentions++;
      write(`${pkg}/${sub}/mod_${i}.py`, text);
      continue;
    }
    const kind = r();
    if (kind < 0.2) {
      let text = jsModule(r, lines);
      if (uses) (text = OPENAI_JS(i) + '\n' + text.replace(/^'use strict';\n/, '').replace(/module\.exports = /, 'module.exports.extra = ')), stats.openai++, stats.openaiJs++;
      if (mention) (text = `// Compatible with the OpenAI response format.\n` + text), stats.mentions++;
      write(`${pkg}/src/${sub}/file${i}.js`, text);
    } else {
      const jsx = kind < 0.45;
      let text = tsModule(r, lines, jsx);
      if (uses) (text = OPENAI_TS[i % OPENAI_TS.length](i) + '\n' + text.replace(/^export default .*\n$/m, '')), stats.openai++, stats.openaiJs++;
      if (mention) (text = `// Same shape as the OpenAI usage object.\n` + text), stats.mentions++;
      write(`${pkg}/src/${sub}/file${i}.${jsx ? 'tsx' : 'ts'}`, text);
    }
  }
  // Ignored: a generated API client with many files that mention openai (must be skipped).
  const ignored = Math.round(files / 5);
  for (let i = 0; i < ignored; i++) {
    write(`packages/pkg-00/generated/client/model${i}.ts`, `// generated from openapi.yaml (openai-compatible schema)\nexport const model${i} = 'gpt-4o';\n`, false);
  }
  stats.ignored = ignored;
  // A git repository (no commit needed): ripgrep respects .gitignore only inside one.
  try {
    execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
  } catch {
    /* no git: ripgrep would then search the ignored folder too; reported by the bench */
  }
  writeFileSync(statsFile, JSON.stringify(stats));
  writeFileSync(stampFile, stamp);
  return stats;
}
