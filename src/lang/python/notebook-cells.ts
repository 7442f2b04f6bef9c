import { field, scanJson, type JValue } from './json-scan.js';

/**
 * Notebook cell mapping: read the code cells of an `.ipynb` (keeping raw JSON
 * offsets), mask IPython magics and shell lines so the cells parse as Python,
 * join them into one program (cells share one namespace), map program offsets
 * back to cells, and re-serialise a changed cell source in the file's own
 * layout (list of lines or one string; unchanged lines keep their raw JSON).
 */
export interface NotebookCell {
  /** 1-based position among all cells. */
  index: number;
  source: JValue;
  /** Decoded source. */
  text: string;
}

/** Cell magics whose body is not Python. */
const FOREIGN_CELL_MAGIC = /^%%(?!time\b|timeit\b|capture\b|prun\b|debug\b|python3?\b)\S+/;

/** Code cells of a notebook (cell_type "code", Python source). */
export function readCells(json: string): NotebookCell[] {
  const root = scanJson(json);
  // nbformat 4: `cells[]` with `source`; nbformat 3: `worksheets[].cells[]` with `input` (numbered on across worksheets).
  const lists: Array<{ items: JValue[] }> = [];
  const cells = field(root, 'cells');
  if (cells?.kind === 'array') lists.push(cells);
  const sheets = field(root, 'worksheets');
  if (sheets?.kind === 'array')
    for (const w of sheets.items) {
      const c = field(w, 'cells');
      if (c?.kind === 'array') lists.push(c);
    }
  const out: NotebookCell[] = [];
  let n = 0;
  for (const list of lists)
    list.items.forEach((c) => {
      const i = n++;
      const type = field(c, 'cell_type');
      const source = field(c, 'source') ?? field(c, 'input');
      if (type?.kind !== 'string' || type.value !== 'code' || !source) return;
      let text: string;
      if (source.kind === 'string') text = source.value;
      else if (source.kind === 'array' && source.items.every((x) => x.kind === 'string')) text = source.items.map((x) => (x as { value: string }).value).join('');
      else return;
      if (FOREIGN_CELL_MAGIC.test(text.trimStart())) return;
      out.push({ index: i + 1, source, text });
    });
  return out;
}

/**
 * Replace IPython-only lines with same-length Python: `%magic`, `!shell`,
 * `%%cell` magic headers, `x = !cmd` / `x = %magic` and `obj?` help become
 * comments (or `pass#...` inside an indented block, so the block stays valid).
 */
export function maskMagics(src: string): string {
  return src.replace(/^([ \t]*)([^\n]*)$/gm, (line, ind: string, body: string) => {
    const magic = /^(%|!)/.test(body) || /^[A-Za-z_][\w.]*\s*=\s*[!%]/.test(body) || /^[\w.]+\?\??\s*$/.test(body.replace(/\r$/, ''));
    if (!magic) return line;
    const cr = body.endsWith('\r') ? '\r' : '';
    const b = cr ? body.slice(0, -1) : body;
    if (ind.length && b.length >= 5) return ind + 'pass#' + ' '.repeat(b.length - 5) + cr;
    return ind + '#' + ' '.repeat(Math.max(0, b.length - 1)) + cr;
  });
}

export interface ProgramSpan {
  cell: NotebookCell;
  /** Program offsets of the cell text: [start, end). The separator sits at `end`. */
  start: number;
  end: number;
}

/** Join the cells (masked) into one program, one line break between cells. */
export function buildProgram(cells: NotebookCell[]): { text: string; spans: ProgramSpan[] } {
  let text = '';
  const spans: ProgramSpan[] = [];
  for (const c of cells) {
    if (text.length) text += '\n';
    spans.push({ cell: c, start: text.length, end: text.length + c.text.length });
    text += maskMagics(c.text);
  }
  return { text, spans };
}

/** The span holding a program offset (an offset at a cell's end belongs to that cell). */
export function spanAt(spans: ProgramSpan[], offset: number): ProgramSpan | undefined {
  return spans.find((s) => offset >= s.start && offset <= s.end);
}

const splitLines = (s: string): string[] => (s.length ? s.match(/[^\n]*\n|[^\n]+$/g)! : []);

/** Quote a string as JSON, escaping non-ASCII when the file does. */
function jsonString(s: string, asciiOnly: boolean): string {
  const j = JSON.stringify(s);
  return asciiOnly ? j.replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) : j;
}

/** Does the notebook escape non-ASCII characters (json ensure_ascii)? */
export function usesAsciiEscapes(json: string): boolean {
  return /\\u[0-9a-fA-F]{4}/.test(json) && !/[^\x00-\x7f]/.test(json);
}

/** New raw JSON for a cell source whose decoded text becomes `next`. */
export function serializeSource(json: string, cell: NotebookCell, next: string, asciiOnly: boolean): string {
  const src = cell.source;
  if (src.kind === 'string') return jsonString(next, asciiOnly);
  if (src.kind !== 'array') throw new Error('unexpected source kind');
  const oldRaw = src.items.map((x) => json.slice(x.start, x.end));
  const oldLines = splitLines(cell.text);
  const newLines = splitLines(next);
  // Lines with the same content keep their raw JSON (LCS match, in order).
  const reuse = lcsMap(oldLines, newLines);
  const aligned = oldLines.length === src.items.length && src.items.every((x, i) => x.kind === 'string' && x.value === oldLines[i]);
  const raws = newLines.map((l, i) => (reuse[i] !== undefined && aligned ? oldRaw[reuse[i]!]! : jsonString(l, asciiOnly)));
  const first = src.items[0];
  if (!first) return '[' + raws.join(', ') + ']';
  const open = json.slice(src.start + 1, first.start);
  const last = src.items[src.items.length - 1]!;
  const close = json.slice(last.end, src.end - 1);
  const sep = src.items.length > 1 ? json.slice(src.items[0]!.end, src.items[1]!.start) : ',' + open;
  return '[' + open + raws.join(sep) + close + ']';
}

/** For each line of b, the index of the equal line of a it is matched to (longest common subsequence). */
function lcsMap(a: string[], b: string[]): Array<number | undefined> {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const out: Array<number | undefined> = new Array(m).fill(undefined);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out[j] = i;
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}
