/**
 * A small JSON / JSONC parser that keeps exact offsets, for minimal edits at
 * value ranges. Accepts `//` and `/* *\/` comments and trailing commas (JSONC);
 * strings keep their raw range so an edit never re-escapes anything.
 */

export type JNode = JObject | JArray | JString | JOther;

export interface JObject {
  type: 'object';
  start: number;
  end: number;
  props: JProp[];
}
export interface JArray {
  type: 'array';
  start: number;
  end: number;
  items: JNode[];
}
export interface JString {
  type: 'string';
  start: number;
  end: number;
  /** Decoded value. */
  value: string;
  /** The raw text between the quotes equals the value (no escapes): safe to edit in place. */
  plain: boolean;
}
export interface JOther {
  type: 'other';
  start: number;
  end: number;
  raw: string;
}
export interface JProp {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JNode;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parse one JSON(C) value filling the whole text (leading/trailing space and comments allowed). */
export function parseJson(text: string): JNode {
  let i = 0;
  const fail = (why: string): never => {
    throw new JsonSyntaxError(why, i);
  };
  const skip = () => {
    for (;;) {
      while (i < text.length && /[ \t\r\n\uFEFF]/.test(text[i]!)) i++;
      if (text.startsWith('//', i)) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length : nl + 1;
      } else if (text.startsWith('/*', i)) {
        const e = text.indexOf('*/', i + 2);
        if (e < 0) fail('unterminated comment');
        i = e + 2;
      } else return;
    }
  };
  const str = (): JString => {
    const start = i;
    i++;
    let plain = true;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        plain = false;
        i++;
      } else if (text[i] === '\n') fail('line break in a string');
      i++;
    }
    if (text[i] !== '"') fail('unterminated string');
    i++;
    let value: string;
    try {
      value = JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('bad string escape');
    }
    return { type: 'string', start, end: i, value, plain };
  };
  const value = (depth: number): JNode => {
    if (depth > 200) fail('nested too deeply');
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const props: JProp[] = [];
      skip();
      while (text[i] !== '}') {
        if (text[i] !== '"') fail('expected a key');
        const k = str();
        skip();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        props.push({ key: k.value, keyStart: k.start, keyEnd: k.end, value: value(depth + 1) });
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== '}') fail('expected "," or "}"');
      }
      i++;
      return { type: 'object', start, end: i, props };
    }
    if (c === '[') {
      i++;
      const items: JNode[] = [];
      skip();
      while (text[i] !== ']') {
        items.push(value(depth + 1));
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== ']') fail('expected "," or "]"');
      }
      i++;
      return { type: 'array', start, end: i, items };
    }
    if (c === '"') return str();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return { type: 'other', start, end: i, raw: m[0] };
  };
  const root = value(0);
  skip();
  if (i < text.length) fail('text after the value');
  return root;
}

/** Offset -> "line:column" for error messages. */
export function where(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

/** Visit every property of every object, with the key path leading to it. */
export function walkProps(node: JNode, fn: (p: JProp, path: string[], parent: JObject) => void, path: string[] = []): void {
  if (node.type === 'object') {
    for (const p of node.props) {
      fn(p, path, node);
      walkProps(p.value, fn, [...path, p.key]);
    }
  } else if (node.type === 'array') {
    for (const it of node.items) walkProps(it, fn, [...path, '[]']);
  }
}
