/**
 * A line scanner for TOML string values with exact offsets. Shapes handled:
 * `[table]` / `[[array.table]]` headers, `key = "basic"` / `key = 'literal'`,
 * dotted and quoted keys, and one-line arrays of strings (`models = ["a", "b"]`).
 * Multi-line strings and inline tables are skipped (never edited).
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
        let value = raw;
        let plain = true;
        if (m[1] !== undefined && raw.includes('\\')) {
          plain = false;
          try {
            value = JSON.parse(`"${raw}"`) as string;
          } catch {
            continue;
          }
        }
        values.push({ path: p, value, start: base + m.index + 1, end: base + m.index + 1 + raw.length, plain });
      }
    };
    if (rest.startsWith('"') || rest.startsWith("'")) {
      const m = /^("(?:[^"\\]|\\.)*"|'[^']*')\s*(#.*)?$/.exec(rest);
      if (!m) return { values, error: `line ${lineNo}: bad string` };
      strings(m[1]!, vStart, path);
    } else if (rest.startsWith('[') && /\]\s*(#.*)?$/.test(rest)) {
      strings(rest.replace(/#[^"']*$/, ''), vStart, [...path, '[]']);
    }
    pos = next;
  }
  return { values };
}
