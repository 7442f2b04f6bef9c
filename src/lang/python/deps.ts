import path from 'node:path';
import { eolAt } from '../../engine/text.js';
import type { FileContext } from '../../engine/types.js';
import { parsePython } from './parse.js';

/**
 * Dependency manifests: `requirements*.txt`, `pyproject.toml` (PEP 621
 * `dependencies` and Poetry tables), `Pipfile`, `setup.cfg` and `setup.py`
 * `install_requires`. A package a rewrite introduced is added next to the
 * related one it replaces or extends (same indentation, quotes and comma
 * style); `openai` and every other pin stay untouched.
 */
export { isManifest } from './files.js';

const norm = (s: string) => s.toLowerCase().replace(/[_.]/g, '-');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A name pattern matching `-`, `_` and `.` spellings. */
const namePattern = (pkg: string) => norm(pkg).split('-').map(esc).join('[-_.]');

/** Related packages to put a new one next to, best first. */
function relatedTo(pkg: string): string[] {
  if (pkg.startsWith('langchain')) return ['langchain-openai', 'langchain-community', 'langchain', 'openai'];
  if (pkg.startsWith('llama-index')) return ['llama-index-llms-openai', 'llama-index-embeddings-openai', 'llama-index-core', 'llama-index', 'openai'];
  return ['openai'];
}

/** Does the manifest declare `pkg` already (any spelling, any specifier)? */
function declares(text: string, pkg: string): boolean {
  return new RegExp(`(^|["'\\s\\[,])${namePattern(pkg)}(?![-_.a-z0-9])`, 'im').test(text);
}

/** Add the introduced packages this manifest lacks. */
export function editManifest(ctx: FileContext, packages: ReadonlySet<string>): void {
  const text = ctx.file.text;
  // Only manifests that declare the OpenAI stack.
  if (!/(^|["'\s[,])(openai|langchain|llama[-_]index)/im.test(text)) return;
  const base = path.posix.basename(ctx.file.rel);
  for (const pkg of [...packages].sort()) {
    if (declares(text, pkg)) continue;
    const at = insertion(text, base, pkg);
    if (!at) {
      ctx.followUp(0, `the migrated code imports ${pkg}, which this manifest does not declare`, `add ${pkg} to the dependencies`);
      continue;
    }
    for (const a of at) {
      ctx.edits.add(a.offset, a.offset, a.text);
      ctx.change('dependency', a.offset, `added ${pkg} (the migrated code imports it)`, { transform: 'add-python-dependency' });
    }
  }
}

function insertion(text: string, base: string, pkg: string): Array<{ offset: number; text: string }> | undefined {
  const eol = eolAt(text, 0);
  for (const rel of relatedTo(pkg)) {
    const name = namePattern(rel);
    const out: Array<{ offset: number; text: string }> = [];
    // Quoted list item: pyproject `dependencies = [...]`, setup.py `install_requires=[...]`.
    if (base === 'pyproject.toml' || base === 'setup.py') {
      const m = new RegExp(`(["'])${name}(?![-_.a-z0-9])[^"'\\n]*\\1`, 'i').exec(text);
      if (m) {
        const end = m.index + m[0].length;
        const ls = text.lastIndexOf('\n', m.index - 1) + 1;
        const before = text.slice(ls, m.index);
        const q = m[1]!;
        out.push(/^[ \t]*$/.test(before) ? { offset: end, text: `,${eol}${before}${q}${pkg}${q}` } : { offset: end, text: `, ${q}${pkg}${q}` });
      }
    }
    // `name = "..."` table lines: Poetry (in the same pyproject too), Pipfile.
    if (base === 'pyproject.toml' || base === 'Pipfile') {
      const m = new RegExp(`^([ \\t]*)${name}[ \\t]*=.*$`, 'im').exec(text);
      if (m) out.push({ offset: lineEnd(text, m.index), text: `${eol}${m[1]}${pkg} = "*"` });
    }
    // One requirement per line: requirements*.txt, setup.cfg install_requires.
    if (/\.(txt|in)$/.test(base) || base === 'setup.cfg') {
      const m = new RegExp(`^([ \\t]*)${name}(?![-_.a-z0-9]).*$`, 'im').exec(text);
      if (m) out.push({ offset: lineEnd(text, m.index), text: `${eol}${m[1]}${pkg}` });
    }
    if (out.length) return out;
  }
  if (/\.(txt|in)$/.test(base)) return [{ offset: text.length, text: (text.length && !text.endsWith('\n') ? eol : '') + pkg + eol }];
  return undefined;
}

function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** setup.py must still parse; the text formats have no parser here and are edited line-wise. */
export async function validateManifest(text: string, rel: string): Promise<string | undefined> {
  if (!rel.endsWith('.py')) return undefined;
  const r = await parsePython(text);
  r.py?.delete();
  return r.error;
}
