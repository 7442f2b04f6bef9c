/**
 * A small JSON reader that keeps the raw offsets of every value, so a
 * notebook's cell sources can be rewritten in place without re-serialising
 * the rest of the file (layout, key order and escapes stay as they are).
 */
export type JValue =
  | { kind: 'object'; start: number; end: number; entries: Array<{ key: string; value: JValue }> }
  | { kind: 'array'; start: number; end: number; items: JValue[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'other'; start: number; end: number };

export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function scanJson(text: string): JValue {
  let i = 0;
  const ws = () => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new JsonScanError(`${what} at offset ${i}`, i);
  };
  const value = (): JValue => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: Array<{ key: string; value: JValue }> = [];
      ws();
      if (text[i] === '}') return { kind: 'object', start, end: ++i, entries };
      for (;;) {
        ws();
        const k = value();
        if (k.kind !== 'string') fail('expected a key');
        ws();
        if (text[i++] !== ':') fail('expected ":"');
        entries.push({ key: (k as { value: string }).value, value: value() });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return { kind: 'object', start, end: ++i, entries };
        else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JValue[] = [];
      ws();
      if (text[i] === ']') return { kind: 'array', start, end: ++i, items };
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return { kind: 'array', start, end: ++i, items };
        else fail('expected "," or "]"');
      }
    }
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) fail('unterminated string');
      i++;
      return { kind: 'string', start, end: i, value: JSON.parse(text.slice(start, i)) as string };
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail('unexpected character');
    i += m![0].length;
    return { kind: 'other', start, end: i };
  };
  const v = value();
  ws();
  if (i < text.length) fail('trailing characters');
  return v;
}

export const field = (o: JValue | undefined, key: string): JValue | undefined => (o?.kind === 'object' ? o.entries.find((e) => e.key === key)?.value : undefined);
