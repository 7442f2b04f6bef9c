/**
 * A line scanner for TOML string values with exact offsets. Shapes handled:
 * `[table]` / `[[array.table]]` headers, `key = "basic"` / `key = 'literal'`,
 * dotted and quoted keys, and one-line arrays of strings (`models = ["a", "b"]`).
 * one-line inline tables (`client = { model = "gpt-4o" }`, nested too).
 * Multi-line strings are skipped (never edited).
 */

export interface TomlValue {
  /** Full key path (table path + dotted key), arrays as `[]`. */
  path: string[];
  value: string;
  /** Content range inside the quotes. */
  start: number;
  end: number;
  /** No escapes: the raw content equals the value. */
  plain: boolean;
}

export interface TomlScan {
  values: TomlValue[];
  error?: string;
}

const splitKey = (k: string) => k.split('.').map((s) => s.trim().replace(/^["']|["']$/g, ''));

/** Scan TOML text for string values. */
export function scanToml(text: string): TomlScan {
  const values: TomlValue[] = [];
  let table: string[] = [];
  let pos = 0;
  let lineNo = 0;
  while (pos < text.length) {
    lineNo++;
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end).replace(/\r$/, '');
    const next = end + 1;
    const h = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (/^\s*(#.*)?$/.test(line)) {
      pos = next;
      continue;
    }
    if (h) {
      table = splitKey(h[1]!);
      pos = next;
      continue;
    }
    const kv = /^(\s*)((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*/.exec(line);
    if (!kv) return { values, error: `line ${lineNo}: expected key = value` };
    const path = [...table, ...splitKey(kv[2]!)];
    const vStart = pos + kv[0].length;
    const rest = line.slice(kv[0].length);
    if (rest.startsWith('"""') || rest.startsWith("'''")) {
      // Multi-line string: skip to its closing delimiter.
      const delim = rest.slice(0, 3);
      const close = text.indexOf(delim, vStart + 3);
      if (close < 0) return { values, error: `line ${lineNo}: unterminated multi-line string` };
      const after = text.indexOf('\n', close + 3);
      lineNo += text.slice(pos, close).split('\n').length - 1;
      pos = after < 0 ? text.length : after + 1;
      continue;
    }
    const strings = (s: string, base: number, p: string[]) => {
      const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(s))) {
        const raw = m[1] ?? m[2]!;
        const v = decodeString(m);
        if (!v) continue;
        values.push({ path: p, value: v.value, start: base + m.index + 1, end: base + m.index + 1 + raw.length, plain: v.plain });
      }
    };
    if (rest.startsWith('"') || rest.startsWith("'")) {
      const m = /^("(?:[^"\\]|\\.)*"|'[^']*')\s*(#.*)?$/.exec(rest);
      if (!m) return { values, error: `line ${lineNo}: bad string` };
      strings(m[1]!, vStart, path);
    } else if (rest.startsWith('[') && /\]\s*(#.*)?$/.test(rest)) {
      strings(rest.replace(/#[^"']*$/, ''), vStart, [...path, '[]']);
    } else if (rest.startsWith('[')) {
      // Multi-line array (pyproject `dependencies = [`, `models = [`): its strings, comments blanked so offsets hold.
      const close = arrayEnd(text, vStart);
      if (close < 0) return { values, error: `line ${lineNo}: unterminated array` };
      const seg = blankComments(text.slice(vStart, close));
      if (valueAt(seg, 0, vStart, path, values, 0) < 0) return { values, error: `line ${lineNo}: array not understood` };
      const after = text.indexOf('\n', close);
      lineNo += text.slice(pos, close).split('\n').length - 1;
      pos = after < 0 ? text.length : after + 1;
      continue;
    } else if (rest.startsWith('{')) {
      // Inline table (one line in TOML): `client = { model = "gpt-4o", base_url = "..." }`, nested ones too.
      const r = inlineTable(rest, 0, vStart, path, values);
      if (r < 0 || !/^\s*(#.*)?$/.test(rest.slice(r))) return { values, error: `line ${lineNo}: inline table not understood` };
    }
    pos = next;
  }
  return { values };
}

/** Index after the `]` closing the array that opens at `text[i]` (strings and comments skipped), or -1. */
function arrayEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '#') {
      const nl = text.indexOf('\n', j);
      if (nl < 0) return -1;
      j = nl;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), j);
      const close = triple ? text.indexOf(c.repeat(3), j + 3) : (c === '"' ? /^"(?:[^"\\\n]|\\.)*"/ : /^'[^'\n]*'/).exec(text.slice(j))?.[0].length;
      if (close === undefined || close < 0) return -1;
      j = triple ? close + 2 : j + close - 1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/** Comments replaced by spaces (same length), outside strings. */
function blankComments(s: string): string {
  return s.replace(/"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|#[^\n]*/g, (m) => (m.startsWith('#') ? ' '.repeat(m.length) : m));
}

const STRING = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/;

/** A matched TOML string (group 1 basic, group 2 literal): its value, and whether the source text is that value as is. */
function decodeString(m: RegExpExecArray): { value: string; plain: boolean } | undefined {
  const raw = m[1] ?? m[2]!;
  if (m[1] === undefined || !raw.includes('\\')) return { value: raw, plain: true };
  try {
    return { value: JSON.parse(`"${raw}"`) as string, plain: false };
  } catch {
    return undefined;
  }
}
const KEY = /^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*/;

/** One string value at `s[i]`: pushed to `out`; returns the index after it, or -1. */
function stringAt(s: string, i: number, base: number, path: string[], out: TomlValue[]): number {
  const m = STRING.exec(s.slice(i));
  if (!m) return -1;
  const raw = m[1] ?? m[2]!;
  const v = decodeString(m);
  if (!v) return -1;
  const { value, plain } = v;
  out.push({ path, value, start: base + i + 1, end: base + i + 1 + raw.length, plain });
  return i + m[0].length;
}

/** Any value at `s[i]` (string, inline table, array, scalar); returns the index after it, or -1. */
function valueAt(s: string, i: number, base: number, path: string[], out: TomlValue[], depth: number): number {
  if (depth > 64) return -1;
  const c = s[i];
  if (c === '"' || c === "'") return s.startsWith('"""', i) || s.startsWith("'''", i) ? -1 : stringAt(s, i, base, path, out);
  if (c === '{') return inlineTable(s, i, base, path, out, depth + 1);
  if (c === '[') {
    let j = i + 1;
    for (;;) {
      while (/[\s,]/.test(s[j] ?? '')) j++;
      if (j >= s.length) return -1;
      if (s[j] === ']') return j + 1;
      j = valueAt(s, j, base, [...path, '[]'], out, depth + 1);
      if (j < 0) return -1;
    }
  }
  const m = /^[^,}\]\s#]+/.exec(s.slice(i));
  return m ? i + m[0].length : -1;
}

/** An inline table starting at `s[i] === '{'`: its string values pushed with their key paths; returns the index after `}`, or -1. */
function inlineTable(s: string, i: number, base: number, path: string[], out: TomlValue[], depth = 0): number {
  let j = i + 1;
  for (;;) {
    while (/\s/.test(s[j] ?? '')) j++;
    if (s[j] === '}') return j + 1;
    const k = KEY.exec(s.slice(j));
    if (!k) return -1;
    j += k[0].length;
    j = valueAt(s, j, base, [...path, ...splitKey(k[1]!)], out, depth);
    if (j < 0) return -1;
    while (/\s/.test(s[j] ?? '')) j++;
    if (s[j] === ',') j++;
    else if (s[j] !== '}') return -1;
  }
}
