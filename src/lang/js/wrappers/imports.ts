import type { ts } from 'ts-morph';
import { tsc } from '../ts.js';
import type { JsContext } from '../context.js';
import { isStringLike, propName, unwrap, walk } from '../parse.js';
import { eolAt } from '../../../engine/text.js';

/**
 * Import bindings of given packages, for ESM (`import { a as b } from 'x'`,
 * default and namespace imports) and CommonJS (`const { a } = require('x')`,
 * `const x = require('x')`), and text edits that move bindings to another
 * package while keeping the rest of the declaration.
 */
export interface Binding {
  /** Exported name: 'default', '*', or a named export. */
  imported: string;
  local: string;
  /** The specifier / binding element (undefined for default and namespace bindings). */
  node: ts.ImportSpecifier | ts.BindingElement | undefined;
  decl: ImportDecl;
}

export interface ImportDecl {
  /** The import declaration, or the variable statement holding the require. */
  node: ts.ImportDeclaration | ts.VariableStatement;
  spec: string;
  specNode: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
  kind: 'esm' | 'cjs';
  bindings: Binding[];
}

/** Import declarations whose module specifier satisfies `test`. */
export function findImports(sf: ts.SourceFile, test: (spec: string) => boolean): ImportDecl[] {
  const out: ImportDecl[] = [];
  for (const st of sf.statements) {
    if (tsc.isImportDeclaration(st) && isStringLike(st.moduleSpecifier) && test(st.moduleSpecifier.text)) {
      const d: ImportDecl = { node: st, spec: st.moduleSpecifier.text, specNode: st.moduleSpecifier, kind: 'esm', bindings: [] };
      const c = st.importClause;
      if (c?.isTypeOnly) continue;
      if (c?.name) d.bindings.push({ imported: 'default', local: c.name.text, node: undefined, decl: d });
      const nb = c?.namedBindings;
      if (nb && tsc.isNamespaceImport(nb)) d.bindings.push({ imported: '*', local: nb.name.text, node: undefined, decl: d });
      else if (nb) for (const el of nb.elements) if (!el.isTypeOnly) d.bindings.push({ imported: (el.propertyName ?? el.name).text, local: el.name.text, node: el, decl: d });
      out.push(d);
    }
  }
  // CommonJS anywhere (top level or inside functions); most files have no `require(` at all.
  if (!/\brequire\s*\(/.test(sf.text)) return out;
  walk(sf, (n) => {
    if (!tsc.isVariableStatement(n) || n.declarationList.declarations.length !== 1) return;
    const v = n.declarationList.declarations[0]!;
    if (!v.initializer) return;
    const init = unwrap(v.initializer);
    if (!tsc.isCallExpression(init) || !tsc.isIdentifier(init.expression) || init.expression.text !== 'require') return;
    const a = init.arguments[0];
    if (!a || !isStringLike(a) || !test(a.text)) return;
    const d: ImportDecl = { node: n, spec: a.text, specNode: a, kind: 'cjs', bindings: [] };
    if (tsc.isIdentifier(v.name)) d.bindings.push({ imported: '*', local: v.name.text, node: undefined, decl: d });
    else if (tsc.isObjectBindingPattern(v.name)) {
      for (const el of v.name.elements) {
        const imported = propName(el.propertyName) ?? propName(el.name);
        if (imported && tsc.isIdentifier(el.name)) d.bindings.push({ imported, local: el.name.text, node: el, decl: d });
      }
    }
    out.push(d);
  });
  return out;
}

/** Local names of a file (to avoid collisions when introducing one). */
export function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  walk(sf, (n) => {
    if (
      (tsc.isVariableDeclaration(n) ||
        tsc.isFunctionDeclaration(n) ||
        tsc.isClassDeclaration(n) ||
        tsc.isParameter(n) ||
        tsc.isBindingElement(n) ||
        tsc.isImportSpecifier(n) ||
        tsc.isImportClause(n) ||
        tsc.isNamespaceImport(n)) &&
      n.name &&
      tsc.isIdentifier(n.name)
    ) {
      names.add(n.name.text);
    }
  });
  return names;
}

/** Identifier references to a local binding (not property names, not declarations of other things). */
export function references(sf: ts.SourceFile, local: string): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  walk(sf, (n) => {
    if (!tsc.isIdentifier(n) || n.text !== local) return;
    const p = n.parent;
    if (tsc.isImportSpecifier(p) || tsc.isImportClause(p) || tsc.isNamespaceImport(p) || tsc.isBindingElement(p)) return;
    if ((tsc.isPropertyAccessExpression(p) || tsc.isQualifiedName(p)) && (p as ts.PropertyAccessExpression).name === n) return;
    if ((tsc.isPropertyAssignment(p) || tsc.isPropertyDeclaration(p) || tsc.isMethodDeclaration(p) || tsc.isPropertySignature(p)) && p.name === n) return;
    if (tsc.isShorthandPropertyAssignment(p)) return;
    out.push(n);
  });
  return out;
}

/**
 * Move some named bindings of a declaration to `newSpec` under new exported
 * names. When every binding moves, the declaration is rewritten in place
 * (specifier and names); otherwise the moved specifiers leave it and a new
 * declaration of the same kind is inserted after it. Aliased bindings keep
 * their local name; the others take the new name (callers rename references).
 */
export function moveBindings(ctx: JsContext, d: ImportDecl, moves: Map<Binding, string>, newSpec: string, keepAs: ReadonlyMap<Binding, string> = new Map()): void {
  const text = ctx.file.text;
  const q = text[d.specNode.getStart()] === '"' ? '"' : "'";
  const named = d.bindings.filter((b) => b.node);
  const all = d.bindings.every((b) => moves.has(b));
  const gone_ = (b: Binding) => moves.has(b);
  const entry = (b: Binding, to: string) => (b.local !== b.imported ? (d.kind === 'esm' ? `${to} as ${b.local}` : `${to}: ${b.local}`) : to);
  if (!moves.size) {
    // Renames only. When one lands on a name the list already has, write the list once, deduplicated.
    const final = named.map((b) => (keepAs.has(b) ? entry(b, keepAs.get(b)!) : b.node!.getText()));
    if (new Set(final).size < final.length) {
      ctx.edits.add(named[0]!.node!.getStart(), named[named.length - 1]!.node!.end, [...new Set(final)].join(', '));
    } else for (const [b, to] of keepAs) ctx.edits.add(b.node!.getStart(), b.node!.end, entry(b, to));
    return;
  }
  for (const [b, to] of keepAs) if (!gone_(b)) ctx.edits.add(b.node!.getStart(), b.node!.end, entry(b, to));
  // Two bindings may land on one name (AzureChatOpenAI and ChatOpenAI both -> ChatDeepSeek): list it once.
  const uniq = (xs: string[]) => [...new Set(xs)];
  if (all && named.length === d.bindings.length) {
    const first = named[0]!.node!;
    const last = named[named.length - 1]!.node!;
    ctx.edits.add(first.getStart(), last.end, uniq(named.map((b) => entry(b, moves.get(b)!))).join(', '));
    ctx.edits.add(d.specNode.getStart() + 1, d.specNode.end - 1, newSpec);
    return;
  }
  // Remove moved specifiers from the list (kept ones rewritten in one edit), then add a sibling declaration.
  const els = named;
  const gone = els.filter((b) => moves.has(b));
  const keep = els.filter((b) => !moves.has(b));
  if (!keep.length && d.bindings.some((b) => !b.node)) {
    // `import Default, { A } from 'x'` with A moving: drop the braces part.
    const nb = (d.node as ts.ImportDeclaration).importClause!;
    ctx.edits.add(nb.name!.end, nb.namedBindings!.end, '');
  } else if (gone.length) {
    const first = els[0]!.node!;
    const last = els[els.length - 1]!.node!;
    ctx.edits.add(first.getStart(), last.end, uniq(keep.map((b) => (keepAs.has(b) ? entry(b, keepAs.get(b)!) : b.node!.getText()))).join(', '));
  }
  const names = uniq(gone.map((b) => entry(b, moves.get(b)!))).join(', ');
  const eol = eolAt(text, d.node.getStart());
  const line =
    d.kind === 'esm'
      ? `import { ${names} } from ${q}${newSpec}${q}${ctx.semi}`
      : `${(d.node as ts.VariableStatement).declarationList.getText().split(/\s/)[0]} { ${names} } = require(${q}${newSpec}${q})${ctx.semi}`;
  ctx.edits.add(d.node.end, d.node.end, eol + line);
}

/** Insert a full import line after the last top-level import (or at the top). */
export function addImportLine(ctx: JsContext, line: string): void {
  const text = ctx.file.text;
  const imports = ctx.sf.statements.filter((s) => tsc.isImportDeclaration(s) || isRequireStatement(s));
  const eol = eolAt(text, 0);
  if (imports.length) {
    const last = imports[imports.length - 1]!;
    ctx.edits.add(last.end, last.end, eol + line);
  } else {
    const first = ctx.sf.statements[0];
    const at = first ? first.getStart() : 0;
    ctx.edits.add(at, at, line + eol);
  }
}

export function isRequireStatement(s: ts.Statement): boolean {
  if (!tsc.isVariableStatement(s)) return false;
  return s.declarationList.declarations.some((d) => {
    const i = d.initializer && unwrap(d.initializer);
    return !!i && tsc.isCallExpression(i) && tsc.isIdentifier(i.expression) && i.expression.text === 'require';
  });
}

/** Does the file still reference `local` outside the given nodes? */
export function stillUsed(sf: ts.SourceFile, local: string, except: ReadonlySet<ts.Node>): boolean {
  return references(sf, local).some((r) => !except.has(r));
}

/** Remove a whole import statement (its line). */
export function removeStatementLine(ctx: JsContext, st: ts.Node): void {
  const text = ctx.file.text;
  const ls = text.lastIndexOf('\n', st.getStart() - 1) + 1;
  const nl = text.indexOf('\n', st.end);
  ctx.edits.add(ls, nl < 0 ? st.end : nl + 1, '');
}
