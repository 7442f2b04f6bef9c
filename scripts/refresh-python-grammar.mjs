#!/usr/bin/env node
// Refresh vendor/tree-sitter-python/ from the tree-sitter-python npm tarball.
//
//   node scripts/refresh-python-grammar.mjs [version]   (default: the version in vendor/tree-sitter-python/VERSION)
//
// Only the prebuilt WebAssembly grammar and its LICENSE are kept: the package's
// native binding has an install script (node-gyp-build), which users of
// openai-migrate should not run. `npm pack` downloads the tarball without running
// any script. The grammar must match the web-tree-sitter ABI in package.json
// (run `npx vitest run test/python` after a refresh).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dest = path.join(root, 'vendor', 'tree-sitter-python');
const version = process.argv[2] ?? readFileSync(path.join(dest, 'VERSION'), 'utf8').trim().split(/\s+/)[0];
const tmp = mkdtempSync(path.join(tmpdir(), 'ts-python-'));
try {
  const out = execFileSync('npm', ['pack', `tree-sitter-python@${version}`, '--json', '--pack-destination', tmp], { encoding: 'utf8' });
  const [{ filename, integrity }] = JSON.parse(out);
  execFileSync('tar', ['-xzf', path.join(tmp, filename), '-C', tmp, 'package/tree-sitter-python.wasm', 'package/LICENSE']);
  copyFileSync(path.join(tmp, 'package', 'tree-sitter-python.wasm'), path.join(dest, 'tree-sitter-python.wasm'));
  copyFileSync(path.join(tmp, 'package', 'LICENSE'), path.join(dest, 'LICENSE'));
  const sha = createHash('sha256')
    .update(readFileSync(path.join(dest, 'tree-sitter-python.wasm')))
    .digest('hex');
  writeFileSync(path.join(dest, 'VERSION'), `${version}\ntarball ${integrity}\nwasm sha256 ${sha}\n`);
  console.log(`vendor/tree-sitter-python: tree-sitter-python@${version} (wasm sha256 ${sha})`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
