import { stringLiteral } from './values.js';

/** Byte- and line-level helpers. Edits are made on the decoded text; BOM and line endings are kept as found. */

export interface Decoded {
  text: string;
  bom: boolean;
}

const BOM = '\uFEFF';

/** true when the buffer holds a NUL byte in its first 8 KiB (the usual binary sniff). */
export function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8192).indexOf(0) !== -1;
}

/** Decode UTF-8 strictly. Returns undefined when the bytes are not valid UTF-8 (never re-encode such a file). */
export function decodeUtf8(buf: Buffer): Decoded | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return undefined;
  }
  if (text.startsWith(BOM)) return { text: text.slice(1), bom: true };
  return { text, bom: false };
}

export function encodeUtf8(d: Decoded): Buffer {
  return Buffer.from((d.bom ? BOM : '') + d.text, 'utf8');
}

/** Line ending used by the line that contains `offset` (falls back to the file's first one, then LF). */
export function eolAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  if (nl > 0) return text[nl - 1] === '\r' ? '\r\n' : '\n';
  const prev = text.lastIndexOf('\n', offset);
  if (prev > 0) return text[prev - 1] === '\r' ? '\r\n' : '\n';
  return '\n';
}

/** Offsets where each line starts, for offset -> line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  /** 1-based line and column (column counts UTF-16 code units, like editors and SARIF's default). */
  pos(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  lineStart(offset: number): number {
    return this.starts[this.pos(offset).line - 1]!;
  }
  lineText(line: number): string {
    const s = this.starts[line - 1] ?? this.text.length;
    const e = this.starts[line] ?? this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$/, '');
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^[ \t]*/.exec(text.slice(ls, ls + 200));
  return m ? m[0] : '';
}

/** The quote character the file prefers for string literals (' or "), by count. */
export function preferredQuote(text: string): "'" | '"' {
  let single = 0;
  let double = 0;
  const re = /(['"])(?:[^'"\\\n]|\\.)*\1/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) && n++ < 2000) {
    if (m[1] === "'") single++;
    else double++;
  }
  return single > double ? "'" : '"';
}

/** Quote a string for JS/Python source with the given quote (the one writer: src/engine/values.ts). */
export function quote(s: string, q: "'" | '"'): string {
  return stringLiteral(s, 'js', q);
}

/**
 * Does the file end its statements with semicolons? Judged on lines that start a
 * declaration, import or return and end a statement; no evidence means yes.
 */
export function usesSemicolons(text: string): boolean {
  let semi = 0;
  let bare = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!/^(import|export|const|let|var|return)\b/.test(line)) continue;
    if (/[{(,[=>+\-*/&|?:]$/.test(line) || line.endsWith('=>')) continue;
    if (line.endsWith(';')) semi++;
    else bare++;
  }
  return semi >= bare;
}

