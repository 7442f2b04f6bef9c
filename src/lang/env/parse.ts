/**
 * A dotenv / `.envrc` line scanner with exact offsets. Shapes handled:
 * blank lines, `# comments`, `NAME=value`, `export NAME=value`, spaces around
 * `=`, unquoted values with a trailing ` # comment`, and '...', "..." and
 * `...` quoted values (double and backtick quotes may span lines).
 */

export interface EnvEntry {
  /** Offset of the line start and of the end of the entry (before its line break). */
  lineStart: number;
  end: number;
  exported: boolean;
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The value as written (quotes included) and its range. */
  raw: string;
  rawStart: number;
  rawEnd: number;
  quote: '' | '"' | "'" | '`';
  /** The value without quotes and its range (inside the quotes). */
  value: string;
  valueStart: number;
  valueEnd: number;
  multiline: boolean;
}

export interface EnvParse {
  entries: EnvEntry[];
  /** First malformed line, as "line N: why". */
  error?: string;
}

const NAME = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;

/** Scan an env file. An unterminated quote or text after a closing quote makes `error` (the file is left alone). */
export function parseEnv(text: string): EnvParse {
  const entries: EnvEntry[] = [];
  let pos = 0;
  let lineNo = 1;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    if (/^\s*(#.*)?$/.test(line)) {
      pos = lineEnd + 1;
      lineNo++;
      continue;
    }
    const m = NAME.exec(line);
    if (!m) {
      // Other shell lines (`.envrc`: `source_up`, `use nix`, `dotenv`): not entries, left as they are.
      pos = lineEnd + 1;
      lineNo++;
      continue;
    }
    const nameStart = pos + m[1]!.length + (m[2]?.length ?? 0);
    const name = m[3]!;
    const rawStart = pos + m[0].length;
    const q = text[rawStart];
    let entry: EnvEntry;
    if (q === '"' || q === "'" || q === '`') {
      // Quoted value: find the closing quote (backslash escapes inside double quotes).
      let i = rawStart + 1;
      while (i < text.length && text[i] !== q) {
        if (text[i] === '\\' && q === '"') i++;
        if (text[i] === '\n' && q === "'") break;
        i++;
      }
      if (text[i] !== q) return { entries, error: `line ${lineNo}: unterminated ${q} quote` };
      const multiline = text.slice(rawStart, i).includes('\n');
      const endNl = text.indexOf('\n', i);
      const end = endNl < 0 ? text.length : text[endNl - 1] === '\r' ? endNl - 1 : endNl;
      const rest = text.slice(i + 1, end);
      if (!/^\s*(#.*)?$/.test(rest)) return { entries, error: `line ${lineNo}: text after the closing quote` };
      entry = {
        lineStart: pos,
        end,
        exported: !!m[2],
        name,
        nameStart,
        nameEnd: nameStart + name.length,
        raw: text.slice(rawStart, i + 1),
        rawStart,
        rawEnd: i + 1,
        quote: q,
        value: text.slice(rawStart + 1, i),
        valueStart: rawStart + 1,
        valueEnd: i,
        multiline,
      };
      lineNo += text.slice(pos, end).split('\n').length - 1;
      pos = endNl < 0 ? text.length : endNl + 1;
    } else {
      // Unquoted value: up to ` #` (inline comment) or the end of the line, trailing spaces trimmed.
      const lineText = text.slice(rawStart, pos + line.length);
      const c = /\s#/.exec(lineText);
      const rawText = (c ? lineText.slice(0, c.index) : lineText).replace(/[ \t]+$/, '');
      entry = {
        lineStart: pos,
        end: pos + line.length,
        exported: !!m[2],
        name,
        nameStart,
        nameEnd: nameStart + name.length,
        raw: rawText,
        rawStart,
        rawEnd: rawStart + rawText.length,
        quote: '',
        value: rawText,
        valueStart: rawStart,
        valueEnd: rawStart + rawText.length,
        multiline: false,
      };
      pos = lineEnd + 1;
    }
    entries.push(entry);
    lineNo++;
  }
  return { entries };
}

/** Env-file names: `.env`, `.env.*` (example, local, production, `*.template`), `*.env`, `.envrc`, `env.example`. */
export function isEnvFile(rel: string): boolean {
  const base = rel.split('/').pop()!.toLowerCase();
  if (/\.(m|c)?(j|t)sx?$|\.(py|json|ya?ml|toml|md|sh|ps1|bat|go|rs|rb|java|kt|php|lock)$/.test(base)) return false;
  return base === '.env' || base.startsWith('.env.') || base === '.envrc' || base.endsWith('.env') || /^env\.(example|sample|template|local)$/.test(base);
}
