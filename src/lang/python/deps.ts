import { msg, type Msg } from '../../i18n/msg.js';
import { existsSync, readFileSync } from 'node:fs';
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

type Ver = [number, number, number];
const toVer = (s: string): Ver | undefined => {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(s);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
};
const lt = (a: Ver, b: Ver) => (a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2]);

/** The folder a manifest serves: its own, or the parent of a `requirements/` folder. */
export function manifestRoot(abs: string): string {
  const dir = path.dirname(abs);
  return path.basename(dir) === 'requirements' ? path.dirname(dir) : dir;
}

/** The manifest folder that owns a code file: the deepest manifest folder at or above it. */
export function ownerOf(fileAbs: string, roots: readonly string[]): string | undefined {
  const dir = path.dirname(fileAbs);
  let best: string | undefined;
  for (const r of roots) if ((dir === r || dir.startsWith(r + path.sep)) && (!best || r.length > best.length)) best = r;
  return best;
}

/** Versions from `poetry.lock` / `uv.lock` (`[[package]]` name + version) in the folder or the nearest above. */
function lockVersions(root: string): { file: string; versions: Map<string, string> } | undefined {
  for (let d = root; ; ) {
    for (const f of ['poetry.lock', 'uv.lock']) {
      const p = path.join(d, f);
      if (!existsSync(p)) continue;
      const versions = new Map<string, string>();
      try {
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/^\[\[package\]\]\s*\nname\s*=\s*"([^"]+)"\s*\nversion\s*=\s*"([^"]+)"/gm)) versions.set(norm(m[1]!), m[2]!);
      } catch {
        continue;
      }
      return { file: path.relative(root, p) || f, versions };
    }
    if (existsSync(path.join(d, '.git'))) return undefined;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Versions the manifests of one folder state: `name==1.2.3`, `name~=1.2`, `name>=1.2`, Poetry `name = "^1.2"`. */
function statedVersions(texts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    for (const m of text.matchAll(/(?:^|["'\s,[])([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:==|~=|>=|===)\s*(\d+(?:\.\d+)*)/gm)) if (!out.has(norm(m[1]!))) out.set(norm(m[1]!), m[2]!);
    for (const m of text.matchAll(/^[ \t]*([A-Za-z0-9][A-Za-z0-9._-]*)[ \t]*=[ \t]*(?:\{[^}\n]*version[ \t]*=[ \t]*)?["'][\^~=>]*[ \t]*(\d+(?:\.\d+)*)/gm))
      if (!out.has(norm(m[1]!))) out.set(norm(m[1]!), m[2]!);
  }
  return out;
}

/** Versions a notebook's own `%pip install` / `!pip install` lines pin (`llama-index==0.9.48`), for pyCompat. */
export function pipInstallVersions(cellTexts: readonly string[]): ((name: string) => { v: Ver; from: string } | undefined) | undefined {
  const lines = cellTexts.flatMap((t) => t.split(/\r?\n/).filter((l) => /^[ \t]*[!%]pip3? install\b/.test(l)));
  if (!lines.length) return undefined;
  const stated = statedVersions(lines.map((l) => l.replace(/^[ \t]*[!%]pip3? install\b/, ' ').replace(/["']/g, ' ')));
  if (!stated.size) return undefined;
  return (name) => {
    const s = stated.get(norm(name));
    return s && toVer(s) ? { v: toVer(s)!, from: `the notebook's pip install (${name}==${s})` } : undefined;
  };
}

/** What the project of one manifest folder has installed or pins, lock file first. */
export function projectVersions(root: string, manifestTexts: readonly string[]): (name: string) => { v: Ver; from: string } | undefined {
  const lock = lockVersions(root);
  const stated = statedVersions(manifestTexts);
  return (name) => {
    const l = lock?.versions.get(norm(name));
    if (l && toVer(l)) return { v: toVer(l)!, from: `${lock!.file} (${l})` };
    const s = stated.get(norm(name));
    return s && toVer(s) ? { v: toVer(s)!, from: `the manifest (${name} ${s})` } : undefined;
  };
}

export type PyChoice = { kind: 'spec'; spec: string; from: string } | { kind: 'none'; why: Msg; fix: Msg } | { kind: 'free' };

/**
 * Which release of a package a rewrite introduces fits the project.
 * langchain-deepseek 0.1.x requires langchain-core >=0.3 <1, 1.x requires
 * langchain-core >=1 (https://pypi.org/project/langchain-deepseek/#history);
 * langchain-openai 0.0/0.1 go with core 0.1/0.2, 0.2/0.3 with core 0.3
 * (https://pypi.org/project/langchain-openai/#history). LlamaIndex integration
 * packages (`llama-index-llms-*`, `llama-index-embeddings-*`) exist from
 * llama-index 0.10 on (the package split:
 * https://docs.llamaindex.ai/en/stable/getting_started/v0_10_0_migration/); 0.9
 * keeps them inside `llama_index.llms`.
 */
export function pyCompat(pkg: string, version: (name: string) => { v: Ver; from: string } | undefined): PyChoice {
  const n = norm(pkg);
  if (n === 'langchain-deepseek') {
    const core = version('langchain-core') ?? version('langchain');
    const viaOpenAI = core ? undefined : version('langchain-openai');
    const line: { v: Ver; from: string } | undefined =
      core ?? (viaOpenAI && { v: (lt(viaOpenAI.v, [0, 2, 0]) ? [0, 2, 0] : viaOpenAI.v[0] >= 1 ? [1, 0, 0] : [0, 3, 0]) as Ver, from: viaOpenAI.from });
    if (!line) return { kind: 'free' };
    if (lt(line.v, [0, 3, 0]))
      return {
        kind: 'none',
        why: msg('deps.why.langchainCore', { from: line.from }),
        fix: msg('deps.fix.langchainCore'),
      };
    return line.v[0] >= 1 ? { kind: 'spec', spec: '>=1,<2', from: line.from } : { kind: 'spec', spec: '>=0.1,<1', from: line.from };
  }
  if (n === 'langchain-community') {
    // langchain-community follows langchain-core's line: 0.0.x with core 0.1, 0.2.x with 0.2, 0.3.x with 0.3, 0.4.x with 1.x
    // (https://pypi.org/project/langchain-community/#history; langchain 0.1 requires langchain-community <0.1).
    const core = version('langchain-core') ?? version('langchain');
    if (!core) return { kind: 'free' };
    const spec = core.v[0] >= 1 ? '>=0.4' : core.v[1] <= 1 ? '>=0.0.20,<0.1' : core.v[1] === 2 ? '>=0.2,<0.3' : '>=0.3,<0.4';
    return { kind: 'spec', spec, from: core.from };
  }
  if (n.startsWith('llama-index-')) {
    const li = version('llama-index-core') ?? version('llama-index');
    if (li && lt(li.v, [0, 10, 0]))
      return {
        kind: 'none',
        why: msg('deps.why.llamaIndex', { pkg, from: li.from }),
        fix: msg('deps.fix.llamaIndex'),
      };
  }
  return { kind: 'free' };
}

/** How the file states versions: most requirement lines pinned with `==`, with lower bounds, or bare names. */
function pinStyle(text: string, base: string): 'exact' | 'bound' | 'bare' {
  if (!/\.(txt|in)$/.test(base)) return /(==|>=|~=|\^)\s*\d/.test(text) ? 'bound' : 'bare';
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z0-9]/.test(l));
  if (!lines.length) return 'bare';
  const exact = lines.filter((l) => /==/.test(l)).length;
  const bound = lines.filter((l) => /(~=|>=)/.test(l)).length;
  if (exact * 2 >= lines.length) return 'exact';
  if ((exact + bound) * 2 >= lines.length) return 'bound';
  return 'bare';
}

/** Add the introduced packages this manifest lacks, in the versions that fit the project, in the file's pinning style. */
export function editManifest(ctx: FileContext, packages: ReadonlySet<string>, version: (name: string) => { v: Ver; from: string } | undefined = () => undefined): void {
  const text = ctx.file.text;
  // Only manifests that declare the OpenAI stack.
  if (!/(^|["'\s[,])(openai|langchain|llama[-_]index)/im.test(text)) return;
  const base = path.posix.basename(ctx.file.rel);
  const style = pinStyle(text, base);
  const unpinned: string[] = [];
  for (const pkg of [...packages].sort()) {
    if (declares(text, pkg)) continue;
    const c = pyCompat(pkg, version);
    if (c.kind === 'none') {
      ctx.followUp(0, msg('deps.notAdded', { pkg, why: c.why }), c.fix);
      continue;
    }
    const spec = c.kind === 'spec' && style !== 'bare' ? c.spec : '';
    const at = insertion(text, base, pkg, spec);
    if (!at) {
      ctx.followUp(0, msg('deps.notDeclared', { pkg }), msg('deps.notDeclared.todo', { pkg: `${pkg}${c.kind === 'spec' ? c.spec : ''}` }));
      continue;
    }
    if (style === 'exact') unpinned.push(pkg + spec);
    for (const a of at) {
      ctx.edits.add(a.offset, a.offset, a.text);
      ctx.change('dependency', a.offset, msg('deps.pyAdded', { pkg: pkg + spec, from: c.kind === 'spec' ? c.from : undefined }), { transform: 'add-python-dependency' });
    }
  }
  if (unpinned.length) ctx.followUp(0, msg('deps.unpinned', { list: unpinned.join(', ') }), msg('deps.unpinned.todo'));
}

/** Ranges of dependency arrays: PEP 621 `dependencies`, optional-dependencies, dependency-groups, uv dev-dependencies; setup.py `install_requires`. */
function dependencyArrays(text: string, base: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const starts: number[] = [];
  if (base === 'setup.py') {
    for (const m of text.matchAll(/\binstall_requires\s*=\s*\[/g)) starts.push(m.index + m[0].length - 1);
  } else {
    let section = '';
    for (const m of text.matchAll(/^[ \t]*(?:\[([^\]\n]+)\][ \t]*$|([A-Za-z0-9_.-]+)[ \t]*=[ \t]*\[)/gm)) {
      if (m[1] !== undefined) {
        section = m[1].trim();
        continue;
      }
      const key = m[2]!;
      const ok =
        (section === 'project' && key === 'dependencies') || section === 'project.optional-dependencies' || section === 'dependency-groups' || (section === 'tool.uv' && key === 'dev-dependencies');
      if (ok) starts.push(m.index + m[0].length - 1);
    }
  }
  for (const st of starts) {
    // The matching bracket, skipping strings and comments.
    let depth = 0;
    for (let i = st; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '"' || ch === "'") {
        const close = text.indexOf(ch, i + 1);
        if (close < 0) break;
        i = close;
      } else if (ch === '#') {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length : nl;
      } else if (ch === '[') depth++;
      else if (ch === ']' && --depth === 0) {
        out.push([st, i]);
        break;
      }
    }
  }
  return out;
}

function insertion(text: string, base: string, pkg: string, spec = ''): Array<{ offset: number; text: string }> | undefined {
  const eol = eolAt(text, 0);
  const arrays = base === 'pyproject.toml' || base === 'setup.py' ? dependencyArrays(text, base) : [];
  for (const rel of relatedTo(pkg)) {
    const name = namePattern(rel);
    const out: Array<{ offset: number; text: string }> = [];
    // Quoted list item inside a dependency array only (never `keywords`, `classifiers`, ...).
    for (const [a, b] of arrays) {
      const re = new RegExp(`(["'])${name}(?![-_.a-z0-9])[^"'\\n]*\\1`, 'gi');
      re.lastIndex = a;
      const m = re.exec(text);
      if (!m || m.index > b) continue;
      const end = m.index + m[0].length;
      const ls = text.lastIndexOf('\n', m.index - 1) + 1;
      const before = text.slice(ls, m.index);
      const q = m[1]!;
      out.push(/^[ \t]*$/.test(before) ? { offset: end, text: `,${eol}${before}${q}${pkg}${spec}${q}` } : { offset: end, text: `, ${q}${pkg}${spec}${q}` });
      break;
    }
    // `name = "..."` table lines: Poetry (in the same pyproject too), Pipfile.
    if (base === 'pyproject.toml' || base === 'Pipfile') {
      const m = new RegExp(`^([ \\t]*)${name}[ \\t]*=.*$`, 'im').exec(text);
      if (m) out.push({ offset: lineEnd(text, m.index), text: `${eol}${m[1]}${pkg} = "${spec || '*'}"` });
    }
    // One requirement per line: requirements*.txt, setup.cfg install_requires.
    if (/\.(txt|in)$/.test(base) || base === 'setup.cfg') {
      const m = new RegExp(`^([ \\t]*)${name}(?![-_.a-z0-9]).*$`, 'im').exec(text);
      if (m) out.push({ offset: lineEnd(text, m.index), text: `${eol}${m[1]}${pkg}${spec}` });
    }
    if (out.length) return out;
  }
  if (/\.(txt|in)$/.test(base)) return [{ offset: text.length, text: (text.length && !text.endsWith('\n') ? eol : '') + pkg + spec + eol }];
  // No related package in a Poetry or Pipfile table: after the table's last entry.
  if (base === 'pyproject.toml' || base === 'Pipfile') {
    const header = new RegExp(`^\\[(${base === 'Pipfile' ? 'packages' : 'tool\\.poetry\\.dependencies'})\\][ \\t]*$`, 'm').exec(text);
    if (header) {
      const next = text.slice(header.index + header[0].length).search(/^\[/m);
      const body = next < 0 ? text.slice(header.index) : text.slice(header.index, header.index + header[0].length + next);
      const entries = [...body.matchAll(/^([ \t]*)[A-Za-z0-9][A-Za-z0-9._-]*[ \t]*=.*$/gm)];
      const last = entries[entries.length - 1];
      if (last) return [{ offset: lineEnd(text, header.index + last.index), text: `${eol}${last[1]}${pkg} = "${spec || '*'}"` }];
    }
  }
  // No related package: after the last item of the first dependency array, in its style.
  const first = arrays[0];
  if (first) {
    const items = [...text.slice(first[0], first[1]).matchAll(/(["'])[^"'\n]*\1/g)];
    const last = items[items.length - 1];
    if (last) {
      const at = first[0] + last.index + last[0].length;
      const ls = text.lastIndexOf('\n', first[0] + last.index - 1) + 1;
      const before = text.slice(ls, first[0] + last.index);
      const q = last[1]!;
      return [/^[ \t]*$/.test(before) ? { offset: at, text: `,${eol}${before}${q}${pkg}${spec}${q}` } : { offset: at, text: `, ${q}${pkg}${spec}${q}` }];
    }
  }
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
