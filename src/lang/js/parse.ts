import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import { batchBytes } from './batches.js';

/**
 * JS/TS parsing. ts-morph's bundled TypeScript compiler parses each candidate
 * file once; transforms read the raw compiler nodes (exact offsets, no wrapper
 * objects). The script kind follows the extension: `.ts/.mts/.cts` without JSX
 * (so `<T>x` casts parse), `.tsx/.js/.jsx/.mjs/.cjs` with it.
 */
export { JS_EXTENSIONS } from './extensions.js';
import { isSfc, maskSfc, unclosedScript } from './extensions.js';

export function scriptKindFor(file: string): ts.ScriptKind {
  const ext = file.slice(file.lastIndexOf('.')).toLowerCase();
  switch (ext) {
    case '.ts':
    case '.mts':
    case '.cts':
      return tsc.ScriptKind.TS;
    case '.tsx':
      return tsc.ScriptKind.TSX;
    default:
      return tsc.ScriptKind.JSX;
  }
}

export interface ParseResult {
  sf: ts.SourceFile;
  /** First syntax error, as "line:column message". */
  error?: string;
  /** Where a Vue/Svelte `<script>` block opens without a `</script>` ("line:column"), when that is the error. */
  unclosed?: string;
}

/** Trees parsed ahead of `process` (on a worker, while the main thread reads): taken once, by path and exact text. */
const preparsed = new Map<string, { text: string; result: ParseResult }>();
/** Text bytes of the trees parsed ahead: at most one sub-batch's worth (src/lang/js/batches.ts), so a dense run's trees do not pile up here. */
let preparsedBytes = 0;

export function preparse(file: string, text: string): void {
  if (preparsedBytes + text.length > batchBytes()) return;
  preparsedBytes += text.length;
  preparsed.set(file, { text, result: parseFresh(file, text) });
}

export function parseJs(file: string, text: string): ParseResult {
  const hit = preparsed.get(file);
  if (hit) {
    preparsed.delete(file);
    preparsedBytes -= hit.text.length;
    if (hit.text === text) return hit.result;
  }
  return parseFresh(file, text);
}

/**
 * The output check's parse (handler.ts validate): the same syntax errors as {@link parseJs}, without what only
 * the transforms read: no parent pointers (a walk over every node) and no JSDoc parsing (its errors never reach
 * the parse diagnostics: TypeScript keeps them apart). The tree answers `statements` and positions only.
 */
export function parseForCheck(file: string, text: string): ParseResult {
  return parseFresh(file, text, true);
}

function parseFresh(file: string, text: string, check = false): ParseResult {
  // Vue/Svelte: parse the <script> blocks in place (same offsets), as TypeScript.
  const sfc = isSfc(file);
  const unclosed = sfc ? unclosedScript(text) : -1;
  const sf = tsc.createSourceFile(
    file,
    sfc ? maskSfc(text) : text,
    check ? { languageVersion: tsc.ScriptTarget.Latest, jsDocParsingMode: tsc.JSDocParsingMode.ParseNone } : tsc.ScriptTarget.Latest,
    !check,
    sfc ? tsc.ScriptKind.TS : scriptKindFor(file),
  );
  if (unclosed >= 0) {
    // A `<script>` with no `</script>`: its code would be invisible to the scan (a silent pass), so the file is an error.
    const { line, character } = sf.getLineAndCharacterOfPosition(unclosed);
    return { sf, error: `${line + 1}:${character + 1} <script> block is not closed (no </script>)`, unclosed: `${line + 1}:${character + 1}` };
  }
  const diags = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (diags.length) {
    const d = diags[0]!;
    const { line, character } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
    return { sf, error: `${line + 1}:${character + 1} ${tsc.flattenDiagnosticMessageText(d.messageText, ' ')}` };
  }
  return { sf };
}

/** Strip parentheses, `as`, `satisfies`, `!` and `<T>` casts. */
export function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    if (tsc.isParenthesizedExpression(e) || tsc.isAsExpression(e) || tsc.isNonNullExpression(e) || tsc.isTypeAssertionExpression(e) || tsc.isSatisfiesExpression(e)) e = e.expression;
    else return e;
  }
}

/** Name of a property / binding as text when static. */
export function propName(n: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!n) return undefined;
  if (tsc.isIdentifier(n) || tsc.isPrivateIdentifier(n)) return n.text;
  if (tsc.isStringLiteral(n) || tsc.isNumericLiteral(n) || tsc.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (tsc.isComputedPropertyName(n) && (tsc.isStringLiteral(n.expression) || tsc.isNoSubstitutionTemplateLiteral(n.expression))) return n.expression.text;
  return undefined;
}

export function isStringLike(n: ts.Node): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return tsc.isStringLiteral(n) || tsc.isNoSubstitutionTemplateLiteral(n);
}

/** `a.b.c` / `a?.b['c']` -> { base: a, names: ['b', 'c'] }. */
export function flattenAccess(e: ts.Expression): { base: ts.Expression; names: string[] } {
  const names: string[] = [];
  let cur = unwrap(e);
  for (;;) {
    if (tsc.isPropertyAccessExpression(cur)) {
      names.unshift(cur.name.text);
      cur = unwrap(cur.expression);
    } else if (tsc.isElementAccessExpression(cur) && isStringLike(cur.argumentExpression)) {
      names.unshift(cur.argumentExpression.text);
      cur = unwrap(cur.expression);
    } else return { base: cur, names };
  }
}

/**
 * A file's nodes in walk order, listed on its first whole-file walk: analysis,
 * detection and each transform walk the whole tree again (about ten walks per
 * file), and going down an array is several times cheaper than
 * `forEachChild` down the tree. Held as long as the tree is (a WeakMap).
 */
const preorder = new WeakMap<ts.SourceFile, ts.Node[]>();

/** Visit `node` and every node under it, parents before children (a whole file from its cached list). */
export function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  if (tsc.isSourceFile(node)) {
    let nodes = preorder.get(node);
    if (!nodes) {
      const list: ts.Node[] = [];
      const add = (n: ts.Node): void => {
        list.push(n);
        tsc.forEachChild(n, add);
      };
      add(node);
      preorder.set(node, (nodes = list));
    }
    for (const n of nodes) visit(n);
    return;
  }
  const rec = (n: ts.Node): void => {
    visit(n);
    tsc.forEachChild(n, rec);
  };
  rec(node);
}

/** The statement that holds `n` directly in a block, a module or a case clause. */
export function enclosingStatement(n: ts.Node): ts.Statement | undefined {
  let cur: ts.Node | undefined = n;
  while (cur) {
    const p: ts.Node | undefined = cur.parent;
    if (p && (tsc.isBlock(p) || tsc.isSourceFile(p) || tsc.isModuleBlock(p) || tsc.isCaseClause(p) || tsc.isDefaultClause(p)) && tsc.isStatement(cur as ts.Node as ts.Statement)) {
      return cur as ts.Statement;
    }
    cur = p;
  }
  return undefined;
}

/** Literal value of an expression (numbers, negative numbers, strings, booleans), else undefined. */
export function literalValue(e: ts.Expression): number | string | boolean | undefined {
  e = unwrap(e);
  if (tsc.isNumericLiteral(e)) return Number(e.text);
  if (tsc.isPrefixUnaryExpression(e) && e.operator === tsc.SyntaxKind.MinusToken && tsc.isNumericLiteral(e.operand)) return -Number(e.operand.text);
  if (isStringLike(e)) return e.text;
  if (e.kind === tsc.SyntaxKind.TrueKeyword) return true;
  if (e.kind === tsc.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** A name two top-level imports bind (a rewrite that would not compile), or undefined. */
export function duplicateImportBinding(sf: ts.SourceFile): string | undefined {
  const seen = new Set<string>();
  const add = (n: string): string | undefined => {
    if (seen.has(n)) return n;
    seen.add(n);
    return undefined;
  };
  for (const st of sf.statements) {
    if (!tsc.isImportDeclaration(st) || !st.importClause) continue;
    const c = st.importClause;
    if (c.name && add(c.name.text)) return c.name.text;
    const nb = c.namedBindings;
    if (nb && tsc.isNamespaceImport(nb) && add(nb.name.text)) return nb.name.text;
    if (nb && tsc.isNamedImports(nb)) for (const el of nb.elements) if (add(el.name.text)) return el.name.text;
  }
  return undefined;
}
