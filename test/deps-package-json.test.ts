import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDependency, declaredDependencies, detectPackageManager, installCommand, removeDependency } from '../src/lang/deps/package-json.js';

const PKG = `{
  "name": "app",
  "version": "1.0.0",
  "dependencies": {
    "@ai-sdk/openai": "^2.0.0",
    "express": "^4.19.0",
    "zod": "^3.23.0"
  },
  "devDependencies": {
    "typescript": "^5.4.0"
  }
}
`;

describe('addDependency', () => {
  it('inserts alphabetically into dependencies, keeping indentation and final newline', () => {
    expect(addDependency(PKG, '@ai-sdk/deepseek', '^1.0.0')).toBe(PKG.replace('    "@ai-sdk/openai"', '    "@ai-sdk/deepseek": "^1.0.0",\n    "@ai-sdk/openai"'));
    expect(addDependency(PKG, 'openai', '^6.0.0')).toBe(PKG.replace('    "zod"', '    "openai": "^6.0.0",\n    "zod"'));
  });
  it('appends after the last entry', () => {
    expect(addDependency(PKG, 'zzz', '^1.0.0')).toBe(PKG.replace('"zod": "^3.23.0"', '"zod": "^3.23.0",\n    "zzz": "^1.0.0"'));
  });
  it('is a no-op when already declared (any field)', () => {
    expect(addDependency(PKG, 'express', '^5.0.0')).toBe(PKG);
    expect(addDependency(PKG, 'typescript', '^5.0.0')).toBe(PKG);
  });
  it('keeps tabs, CRLF and a missing final newline', () => {
    const tabs = '{\r\n\t"name": "x",\r\n\t"dependencies": {\r\n\t\t"b": "1"\r\n\t}\r\n}';
    expect(addDependency(tabs, 'a', '^2')).toBe('{\r\n\t"name": "x",\r\n\t"dependencies": {\r\n\t\t"a": "^2",\r\n\t\t"b": "1"\r\n\t}\r\n}');
  });
  it('creates dependencies before devDependencies, or at the end', () => {
    const noDeps = '{\n  "name": "x",\n  "devDependencies": {\n    "vitest": "^4"\n  }\n}\n';
    expect(addDependency(noDeps, 'a', '^1')).toBe('{\n  "name": "x",\n  "dependencies": {\n    "a": "^1"\n  },\n  "devDependencies": {\n    "vitest": "^4"\n  }\n}\n');
    expect(addDependency('{\n    "name": "x"\n}\n', 'a', '^1')).toBe('{\n    "name": "x",\n    "dependencies": {\n        "a": "^1"\n    }\n}\n');
    expect(addDependency('{\n  "dependencies": {}\n}\n', 'a', '^1')).toBe('{\n  "dependencies": {\n    "a": "^1"\n  }\n}\n');
  });
  it('inserts into an unsorted list at the end, and into a one-line list on the same line', () => {
    expect(addDependency('{"dependencies": {"b": "1", "a": "1"}}', 'c', '2')).toBe('{"dependencies": {"b": "1", "a": "1", "c": "2"}}');
    expect(addDependency('{"dependencies": {"a": "1", "c": "1"}}', 'b', '2')).toBe('{"dependencies": {"a": "1", "b": "2", "c": "1"}}');
  });
  it('output stays valid JSON', () => {
    for (const n of ['0', 'm', '~z']) expect(() => JSON.parse(addDependency(PKG, n, '1'))).not.toThrow();
  });
});

describe('removeDependency', () => {
  it('removes a middle, first and last entry with its comma', () => {
    expect(removeDependency(PKG, 'express')).toBe(PKG.replace('    "express": "^4.19.0",\n', ''));
    expect(removeDependency(PKG, '@ai-sdk/openai')).toBe(PKG.replace('    "@ai-sdk/openai": "^2.0.0",\n', ''));
    expect(removeDependency(PKG, 'zod')).toBe(PKG.replace(',\n    "zod": "^3.23.0"', ''));
  });
  it('leaves {} when the only entry goes, and is a no-op for unknown names', () => {
    expect(removeDependency(PKG, 'typescript')).toBe(PKG.replace('{\n    "typescript": "^5.4.0"\n  }', '{}'));
    expect(removeDependency(PKG, 'nope')).toBe(PKG);
  });
  it('round-trips with addDependency', () => {
    expect(removeDependency(addDependency(PKG, 'ky', '^1'), 'ky')).toBe(PKG);
    expect(declaredDependencies(PKG)).toEqual(new Set(['@ai-sdk/openai', 'express', 'zod', 'typescript']));
  });
});

describe('installCommand', () => {
  const project = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-deps-'));
    for (const [f, t] of Object.entries(files)) writeFileSync(path.join(dir, f), t);
    return dir;
  };
  it('picks the package manager by lockfile', () => {
    expect(installCommand(project({ 'package.json': '{}' }), ['@ai-sdk/deepseek'])).toBe('npm install @ai-sdk/deepseek');
    expect(installCommand(project({ 'package.json': '{}', 'package-lock.json': '{}' }), ['a', 'b'])).toBe('npm install a b');
    expect(installCommand(project({ 'pnpm-lock.yaml': '' }), ['a'])).toBe('pnpm add a');
    expect(installCommand(project({ 'yarn.lock': '' }), ['a@^1.2.0'])).toBe('yarn add a@^1.2.0');
    expect(installCommand(project({ 'bun.lockb': '' }), ['a'])).toBe('bun add a');
    expect(installCommand(project({ 'bun.lock': '' }), ['a'])).toBe('bun add a');
  });
  it('prefers the packageManager field', () => {
    expect(detectPackageManager(project({ 'package.json': '{"packageManager": "pnpm@9.1.0"}', 'yarn.lock': '' }))).toBe('pnpm');
  });
  it('quotes ranges the shell would mangle', () => {
    expect(installCommand(project({}), ['a@>=1 <2'])).toBe("npm install 'a@>=1 <2'");
  });
});
