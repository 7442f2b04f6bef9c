import type { ValueSite } from './sites.js';

/**
 * An INI line scanner with exact offsets (`.ini`, `.cfg`): `[section]`
 * headers, `key = value` and `key: value` lines, `;` / `#` comment lines and
 * ` ;` / ` #` inline comments, values optionally in '...' or "...". Indented
 * continuation lines make the value they continue not editable. Lines it does
 * not understand are left alone: INI has no grammar to fail.
 */
export function iniSites(text: string): ValueSite[] {
  const out: ValueSite[] = [];
  let section: string[] = [];
  let pos = 0;
  let last: ValueSite | undefined;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end).replace(/\r$/, '');
    const next = end + 1;
    if (/^\s*([;#].*)?$/.test(line)) {
      pos = next;
      continue;
    }
    if (/^[ \t]/.test(line) && last) {
      // A continuation line: the value spans lines, so it is reported, never edited.
      last.editable = false;
      pos = next;
      continue;
    }
    last = undefined;
    const h = /^\s*\[([^\]]+)\]\s*([;#].*)?$/.exec(line);
    if (h) {
      section = [h[1]!.trim()];
      pos = next;
      continue;
    }
    const kv = /^([^=:;#\s][^=:]*?)\s*[=:]\s*/.exec(line);
    if (kv) {
      let raw = line.slice(kv[0].length);
      const c = /\s[;#]/.exec(raw);
      if (c) raw = raw.slice(0, c.index);
      raw = raw.replace(/\s+$/, '');
      let start = pos + kv[0].length;
      let value = raw;
      const q = /^(["'])(.*)\1$/.exec(raw);
      if (q) {
        value = q[2]!;
        start++;
      }
      if (value) {
        last = { path: [...section, kv[1]!.trim()], value, start, end: start + value.length, editable: true };
        out.push(last);
      }
    }
    pos = next;
  }
  return out;
}
