import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJson, type JObject, type JProp } from '../config/json.js';

/**
 * `package.json` dependency edits as minimal text edits: the file's
 * indentation, key order, line endings and final newline are kept; a new
 * dependency goes into `dependencies` in alphabetical position.
 */

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

function root(text: string): JObject {
  const r = parseJson(text);
  if (r.type !== 'object') throw new Error('package.json: expected an object');
  return r;
}

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

/** Leading whitespace of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

/** One indentation step of the file (two spaces when it cannot tell). */
function indentUnit(text: string, obj: JObject): string {
  const first = obj.props[0];
  if (!first) return '  ';
  const ind = lineIndent(text, first.keyStart);
  return ind || '  ';
}

/** A top-level dependency field given more than once (`"dependencies": {...}, "dependencies": {...}`), or undefined. */
export function duplicateDependencyFields(pkgJsonText: string): { key: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const p of root(pkgJsonText).props) counts.set(p.key, (counts.get(p.key) ?? 0) + 1);
  for (const k of DEP_FIELDS) if ((counts.get(k) ?? 0) > 1) return { key: k, count: counts.get(k)! };
  return undefined;
}

/** Names declared in any dependency field. */
export function declaredDependencies(pkgJsonText: string): Set<string> {
  const out = new Set<string>();
  for (const p of root(pkgJsonText).props) {
    if ((DEP_FIELDS as readonly string[]).includes(p.key) && p.value.type === 'object') for (const d of p.value.props) out.add(d.key);
  }
  return out;
}

/**
 * Add `"name": "range"` to `dependencies` (created after the last top-level
 * key, or before `devDependencies`, when missing). Returns the text unchanged
 * when the package is already declared in any dependency field.
 */
export function addDependency(pkgJsonText: string, name: string, range: string): string {
  const text = pkgJsonText;
  const obj = root(text);
  if (declaredDependencies(text).has(name)) return text;
  const eol = eolOf(text);
  const unit = indentUnit(text, obj);
  const entry = `${JSON.stringify(name)}: ${JSON.stringify(range)}`;
  const deps = obj.props.find((p) => p.key === 'dependencies');
  if (deps && deps.value.type === 'object') {
    const d = deps.value;
    if (!d.props.length) {
      // Shape: "dependencies": {}
      const ind = lineIndent(text, deps.keyStart);
      return splice(text, d.start, d.end, `{${eol}${ind}${unit}${entry}${eol}${ind}}`);
    }
    const sorted = d.props.every((p, i) => i === 0 || d.props[i - 1]!.key <= p.key);
    const before = sorted ? d.props.find((p) => p.key > name) : undefined;
    const sameLine = !text.slice(d.start, d.props[0]!.keyStart).includes('\n');
    if (before) {
      // Shape: insert before the first key that sorts after the new one.
      const sep = sameLine ? ' ' : eol + lineIndent(text, before.keyStart);
      return splice(text, before.keyStart, before.keyStart, `${entry},${sep}`);
    }
    // Shape: append after the last entry.
    const last = d.props[d.props.length - 1]!;
    const sep = sameLine ? ' ' : eol + lineIndent(text, last.keyStart);
    const comma = commaAfter(text, last);
    if (comma !== undefined) return splice(text, comma, comma, `${sep}${entry},`);
    return splice(text, last.value.end, last.value.end, `,${sep}${entry}`);
  }
  // Shape: no dependencies field: add one before devDependencies, else after the last key.
  const dev = obj.props.find((p) => p.key === 'devDependencies');
  const block = (ind: string) => `"dependencies": {${eol}${ind}${unit}${entry}${eol}${ind}}`;
  if (dev) {
    const ind = lineIndent(text, dev.keyStart);
    return splice(text, dev.keyStart, dev.keyStart, `${block(ind)},${eol}${ind}`);
  }
  const last = obj.props[obj.props.length - 1];
  if (!last) return splice(text, obj.start, obj.end, `{${eol}${unit}${block(unit)}${eol}}`);
  const ind = lineIndent(text, last.keyStart);
  return splice(text, last.value.end, last.value.end, `,${eol}${ind}${block(ind)}`);
}

/** Remove `name` from every dependency field that declares it (its line, and the comma that went with it). */
export function removeDependency(pkgJsonText: string, name: string): string {
  let text = pkgJsonText;
  for (const field of DEP_FIELDS) {
    const f = root(text).props.find((p) => p.key === field);
    if (f?.value.type !== 'object') continue;
    const d = f.value;
    const idx = d.props.findIndex((p) => p.key === name);
    if (idx < 0) continue;
    const p = d.props[idx]!;
    if (d.props.length === 1) {
      text = splice(text, d.start, d.end, '{}');
      continue;
    }
    if (idx < d.props.length - 1) {
      // Not the last entry: from its key to the next key.
      text = splice(text, p.keyStart, d.props[idx + 1]!.keyStart, '');
    } else {
      // The last entry: from the end of the previous value (its comma included) to the end of this one.
      const prev = d.props[idx - 1]!;
      const end = commaAfter(text, p) ?? p.value.end;
      text = splice(text, prev.value.end, end, commaAfter(text, p) !== undefined ? ',' : '');
    }
  }
  return text;
}

function commaAfter(text: string, p: JProp): number | undefined {
  let i = p.value.end;
  while (i < text.length && /[ \t]/.test(text[i]!)) i++;
  return text[i] === ',' ? i + 1 : undefined;
}

const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** The project's package manager: `packageManager` in package.json, else the lockfile, else npm. */
export function detectPackageManager(projectDir: string): PackageManager {
  try {
    const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { packageManager?: string };
    const m = /^(npm|pnpm|yarn|bun)@/.exec(pkg.packageManager ?? '');
    if (m) return m[1] as PackageManager;
  } catch {
    // no or unreadable package.json: fall through to lockfiles
  }
  const has = (f: string) => existsSync(path.join(projectDir, f));
  if (has('bun.lockb') || has('bun.lock')) return 'bun';
  if (has('pnpm-lock.yaml')) return 'pnpm';
  if (has('yarn.lock')) return 'yarn';
  return 'npm';
}

/** The command that installs `packages` (names, optionally `name@range`) with the project's package manager. */
export function installCommand(projectDir: string, packages: string[], manager?: PackageManager): string {
  const pm = manager ?? detectPackageManager(projectDir);
  const args = packages.map((p) => (/^[\w@/.^~<>=*-]+$/.test(p) && !/[<>]/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`)).join(' ');
  return `${pm === 'npm' ? 'npm install' : `${pm} add`} ${args}`;
}
