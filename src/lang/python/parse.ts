import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language as TsLanguage, Node, Parser as TsParser, Tree } from 'web-tree-sitter';
import { LineIndex } from '../../engine/text.js';
import { Utf8Offsets } from './offsets.js';

export type { Node } from 'web-tree-sitter';

/**
 * Python parsing with web-tree-sitter and the WebAssembly grammar of
 * `tree-sitter-python`, vendored in `vendor/tree-sitter-python/` (the npm
 * package also carries a native binding with an install script; only its
 * `.wasm` is used, refreshed by `scripts/refresh-python-grammar.mjs`). The
 * runtime and the grammar load lazily, once per process, on the first Python
 * candidate.
 */
let loading: Promise<{ parser: TsParser; utf8: boolean }> | undefined;

async function load(): Promise<{ parser: TsParser; utf8: boolean }> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const lang: TsLanguage = await Language.load(grammarPath());
  const parser = new Parser();
  parser.setLanguage(lang);
  // Probe which unit node offsets come in: after "é" the identifier sits at
  // UTF-16 index 5 and at UTF-8 byte 6.
  const probe = parser.parse('"é"\nx\n');
  const x = probe?.rootNode.descendantsOfType('identifier')[0];
  const utf8 = x?.startIndex === 6;
  probe?.delete();
  return { parser, utf8 };
}

/** The vendored grammar: `vendor/` at the package root, found from `src/` (tests) and `dist/src/` (the build). */
export function grammarPath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = path.join(dir, 'vendor', 'tree-sitter-python', 'tree-sitter-python.wasm');
    if (existsSync(p)) return p;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('vendor/tree-sitter-python/tree-sitter-python.wasm is missing from the package');
    dir = up;
  }
}

/** The loaded parser (shared by every Python file of the process). */
export function pythonParser(): Promise<{ parser: TsParser; utf8: boolean }> {
  loading ??= load();
  return loading;
}

/** One parsed Python text with offset helpers in JS string (UTF-16) units. */
export class PyTree {
  readonly root: Node;
  private readonly conv?: Utf8Offsets;

  constructor(
    readonly tree: Tree,
    readonly text: string,
    utf8: boolean,
  ) {
    this.root = tree.rootNode;
    if (utf8) this.conv = new Utf8Offsets(text);
  }

  /** Start offset of a node in the text (UTF-16 index). */
  start(n: Node): number {
    return this.conv ? this.conv.toIndex(n.startIndex) : n.startIndex;
  }

  end(n: Node): number {
    return this.conv ? this.conv.toIndex(n.endIndex) : n.endIndex;
  }

  /** Source text of a node. */
  src(n: Node): string {
    return this.text.slice(this.start(n), this.end(n));
  }

  delete(): void {
    this.tree.delete();
  }
}

export interface PyParse {
  py?: PyTree;
  /** First syntax error as "line:column message". */
  error?: string;
}

/** Parse Python source; on a syntax error return its position (first ERROR / MISSING node). */
export async function parsePython(text: string): Promise<PyParse> {
  const { parser, utf8 } = await pythonParser();
  const tree = parser.parse(text);
  if (!tree) return { error: '1:1 the parser returned no tree' };
  const py = new PyTree(tree, text, utf8);
  if (py.root.hasError) {
    const bad = firstError(py.root);
    const at = bad ? py.start(bad) : 0;
    const { line, column } = new LineIndex(text).pos(at);
    const what = bad?.isMissing ? `missing "${bad.type}"` : 'invalid syntax';
    py.delete();
    return { error: `${line}:${column} ${what}` };
  }
  return { py };
}

function firstError(n: Node): Node | undefined {
  if (n.isError || n.isMissing) return n;
  for (const c of n.children) {
    if (!c) continue;
    if (c.isError || c.isMissing || c.hasError) {
      const hit = firstError(c);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * Named nodes of a tree in pre-order, built once per tree with a tree cursor.
 * The analysis and the transforms walk each Python tree about fifteen times; a
 * web-tree-sitter `namedChildren` call builds new node objects across the wasm
 * boundary every time, which made walking most of the Python phase.
 */
interface Preorder {
  nodes: Node[];
  /** Index just past each node's subtree. */
  end: Int32Array;
  /** Node id -> index. */
  index: Map<number, number>;
}

const preorders = new WeakMap<Tree, Preorder>();

function preorderOf(tree: Tree): Preorder {
  let o = preorders.get(tree);
  if (o) return o;
  const nodes: Node[] = [];
  const ends: number[] = [];
  const index = new Map<number, number>();
  const cursor = tree.walk();
  const visit = (): void => {
    const named = cursor.nodeIsNamed;
    let at = -1;
    if (named) {
      const node = cursor.currentNode;
      // Node types are read on every node of every walk; each read crossed into wasm.
      // A tree never changes, so the walked node objects carry their type as a value.
      Object.defineProperty(node, 'type', { value: cursor.nodeType, enumerable: false });
      at = nodes.length;
      nodes.push(node);
      ends.push(0);
      index.set(node.id, at);
    }
    if (cursor.gotoFirstChild()) {
      do visit();
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    if (named) ends[at] = nodes.length;
  };
  try {
    visit();
  } finally {
    cursor.delete();
  }
  o = { nodes, end: Int32Array.from(ends), index };
  preorders.set(tree, o);
  return o;
}

/** The walk as it was defined: recursion over `namedChildren` (kept as the reference in tests). */
export function walkDirect(n: Node, visit: (n: Node) => boolean | void): void {
  if (visit(n) === false) return;
  for (const c of n.namedChildren) if (c) walkDirect(c, visit);
}

/** Pre-order walk over named nodes; return false from visit to skip a subtree. */
export function walk(n: Node, visit: (n: Node) => boolean | void): void {
  const o = preorderOf(n.tree);
  const start = o.index.get(n.id);
  if (start === undefined) return walkDirect(n, visit);
  const stop = o.end[start]!;
  for (let i = start; i < stop; ) i = visit(o.nodes[i]!) === false ? o.end[i]! : i + 1;
}

/** Named children, without nulls. */
export const kids = (n: Node): Node[] => n.namedChildren.filter((c): c is Node => c !== null);

/** Strip parentheses. */
export function unparen(n: Node): Node {
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

/** `a.b.c` -> { base: a, names: ['b','c'] } (calls in the middle stop the chain). */
export function flattenAttr(n: Node): { base: Node; names: string[] } {
  const names: string[] = [];
  let cur = unparen(n);
  while (cur.type === 'attribute') {
    const a = cur.childForFieldName('attribute');
    const o = cur.childForFieldName('object');
    if (!a || !o) break;
    names.unshift(a.text);
    cur = unparen(o);
  }
  return { base: cur, names };
}

/** Value of a plain string literal (no interpolation, no bytes), else undefined. */
export function stringValue(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  n = unparen(n);
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const c of kids(n)) {
      const v = stringValue(c);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (n.type !== 'string') return undefined;
  const start = n.child(0);
  if (!start || /[bBfFtT]/.test(start.text)) return undefined;
  const raw = /[rR]/.test(start.text);
  let out = '';
  for (const c of kids(n)) {
    if (c.type === 'string_content') out += raw ? c.text : unescapePy(c.text);
    else if (c.type === 'interpolation') return undefined;
  }
  return out;
}

function unescapePy(s: string): string {
  const m: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', '\n': '' };
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[\s\S])/g, (all, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return m[e] ?? all;
  });
}

/** The content range of a simple string literal (inside the quotes), for in-place replacement. */
export function stringContentRange(py: PyTree, n: Node): { start: number; end: number } | undefined {
  n = unparen(n);
  if (n.type !== 'string') return undefined;
  const s = n.child(0);
  const e = n.child(n.childCount - 1);
  if (!s || !e || s.type !== 'string_start' || e.type !== 'string_end') return undefined;
  return { start: py.end(s), end: py.start(e) };
}

/** Keyword arguments of a call by name. */
export function kwargs(call: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return out;
  for (const a of kids(args)) {
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name');
      if (name) out.set(name.text, a);
    }
  }
  return out;
}

/** The statement that holds `n` directly in a block or the module. */
export function enclosingStatement(n: Node): Node | undefined {
  let cur: Node | null = n;
  while (cur) {
    const p: Node | null = cur.parent;
    if (p && (p.type === 'block' || p.type === 'module')) return cur;
    cur = p;
  }
  return undefined;
}

export const isString = (n: Node | null | undefined): n is Node => !!n && (unparen(n).type === 'string' || unparen(n).type === 'concatenated_string');

/** Literal value of an expression (numbers, negative numbers, strings, booleans), else undefined. */
export function pyLiteral(v: Node): number | string | boolean | undefined {
  const u = unparen(v);
  if (u.type === 'integer' || u.type === 'float') return Number(u.text.replace(/_/g, ''));
  if (u.type === 'unary_operator' && u.text.startsWith('-')) {
    const n = Number(u.text.slice(1).trim());
    return Number.isNaN(n) ? undefined : -n;
  }
  if (u.type === 'true') return true;
  if (u.type === 'false') return false;
  return stringValue(u);
}
