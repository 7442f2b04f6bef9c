import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inventory, type InventoryOptions } from '../src/check/index.js';
import { jsHandler } from '../src/handlers.js';
import { findingsJson } from '../src/report/json.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderGithub } from '../src/report/github.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderFindingsText } from '../src/report/text.js';

/**
 * Snapshot of every output format on the fixture tree fixtures/check/tree
 * (clients, Azure, unresolved base URL, raw URL, env reads, models, an
 * OpenAI-only endpoint, a TODO marker, look-alike SDK, suppressions, docs).
 * Expected files live in fixtures/check/expected/; regenerate with
 * UPDATE_SNAPSHOTS=1 and read every one before committing it.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/check');
const TREE = path.join(ROOT, 'tree');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

async function report(o: Partial<InventoryOptions> = {}) {
  // Only the JS handler: the snapshot must not move when other file kinds get handlers.
  const r = await inventory({ cwd: TREE, paths: ['.'], handlers: [jsHandler], ...o });
  r.tool.version = '0.0.0-test';
  // Paths are relative to the repository root (this checkout); the SARIF base URI names it: keep the snapshot machine-independent.
  r.root = '/repo';
  return r;
}

function snapshot(name: string, actual: string) {
  const file = path.join(ROOT, 'expected', name);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`missing snapshot ${name}: run with UPDATE_SNAPSHOTS=1 and read it`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('scan/check formats on fixtures/check/tree', () => {
  it('text (scan)', async () => snapshot('scan.txt', renderFindingsText(await report({ failOn: 'never' }), false, 'scan')));
  it('text (check --provider deepseek)', async () => snapshot('check.deepseek.txt', renderFindingsText(await report({ provider: 'deepseek' }), false, 'check')));
  it('json (scan)', async () => snapshot('scan.json', JSON.stringify(findingsJson(await report({ failOn: 'never' })), null, 2) + '\n'));
  it('sarif (check)', async () => snapshot('check.sarif', JSON.stringify(renderSarif(await report()), null, 2) + '\n'));
  it('github (check)', async () => snapshot('check.github.txt', renderGithub(await report())));
  it('markdown (check --provider qwen)', async () => snapshot('check.qwen.md', renderMarkdown(await report({ provider: 'qwen' }), 'check')));
});
