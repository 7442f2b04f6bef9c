import type { ts } from 'ts-morph';
import { tsc as tsm } from './ts.js';
import type { FileContext } from '../../engine/types.js';
import type { ClientStatus, JsFacts } from './analyze.js';
import { thisField } from './request-content.js';
import { functionReachesOpenAI } from './model-sites.js';
import { flattenAccess, isStringLike, propName, unwrap, walk } from './parse.js';
import { relativeCandidates } from './batches.js';

export interface ParsedModule {
  ctx: FileContext;
  sf: ts.SourceFile;
  facts: JsFacts;
}

type ExportFact = JsFacts['exports'] extends Map<string, infer V> ? V : never;
type Located = { abs: string; node: ts.Expression };

/**
 * Values across the modules of one JS/TS batch: what a module exports (through
 * re-exports and barrels), what an import binding names, where a model id or a
 * parameter is defined (a const or an object property, here or in the module it
 * is imported from), and request defaults spread from another module. Imports
 * are followed where the project graph resolved them (aliases, `#imports`,
 * workspace packages: `ctx.file.imports`), relative ones also without it.
 */
export class CrossModule {
  constructor(private readonly parsed: Map<string, ParsedModule>) {}

  /** A parsed module's path as the report shows it (relative to the cwd). */
  relOf(abs: string): string {
    return this.parsed.get(abs)?.ctx.file.rel ?? abs;
  }

  /** Read only to follow imports (outside the given paths). */
  isOutside(abs: string): boolean {
    const f = this.parsed.get(abs)?.ctx.file;
    return !!f?.outside && !f.unchanged;
  }

  /** The parsed module a specifier of `from` names. */
  target(from: string, spec: string): string | undefined {
    const r = this.parsed.get(from)?.ctx.file.imports?.[spec];
    if (r && this.parsed.has(r)) return r;
    return relativeCandidates(from, spec).find((c) => this.parsed.has(c));
  }

  /** What `abs` exports as `name`, following re-exports (`export * from`, `export { a as b } from`). */
  lookupExport(abs: string, name: string, depth = 0): { abs: string; fact: ExportFact } | undefined {
    const p = this.parsed.get(abs);
    if (!p || depth > 8) return undefined;
    const fact = p.facts.exports.get(name);
    if (fact) return { abs, fact };
    for (const r of p.facts.reexports) {
      if (r.exported !== name && r.exported !== '*') continue;
      const t = this.target(abs, r.specifier);
      if (!t) continue;
      const hit = this.lookupExport(t, r.exported === '*' ? name : r.imported, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The export an import binding (`local`) of `abs` names. */
  resolveImport(abs: string, local: string): { abs: string; fact: ExportFact } | undefined {
    const b = this.parsed.get(abs)?.facts.imports.get(local);
    if (!b) return undefined;
    const t = this.target(abs, b.specifier);
    return t ? this.lookupExport(t, b.imported === '*' ? 'default' : b.imported) : undefined;
  }

  /** The clients a namespace import (`import * as llm from './ai'`) exposes, by export name. */
  namespaceClients(abs: string, local: string): Map<string, ClientStatus> {
    return new Map([...this.namespaceExports(abs, local)].filter(([, e]) => e.kind === 'client').map(([n, e]) => [n, e.status]));
  }

  /** The clients and client factories a namespace import exposes (`ai.openai`, `ai.createClient()`), by export name, with the module defining each. */
  namespaceExports(abs: string, local: string): Map<string, { kind: 'client' | 'factory'; status: ClientStatus; abs: string }> {
    const out = new Map<string, { kind: 'client' | 'factory'; status: ClientStatus; abs: string }>();
    const b = this.parsed.get(abs)?.facts.imports.get(local);
    const t = b?.imported === '*' ? this.target(abs, b.specifier) : undefined;
    const m = t ? this.parsed.get(t) : undefined;
    if (!m) return out;
    const names = new Set(m.facts.exports.keys());
    for (const r of m.facts.reexports) if (r.exported !== '*') names.add(r.exported);
    // `export * from './client'`: the names the starred modules export.
    for (const r of m.facts.reexports) {
      const s = r.exported === '*' ? this.target(t!, r.specifier) : undefined;
      if (s) for (const n of this.parsed.get(s)!.facts.exports.keys()) names.add(n);
    }
    for (const name of names) {
      const hit = this.lookupExport(t!, name);
      if (hit?.fact.kind === 'client' || hit?.fact.kind === 'factory') out.set(name, { kind: hit.fact.kind, status: hit.fact.status as ClientStatus, abs: hit.abs });
    }
    return out;
  }

  /** Parameter names of imported functions: `chat('gpt-4o', q)` where `export function chat(model, q)`. */
  importedParam(abs: string): (local: string, i: number) => string | undefined {
    return (local, i) => {
      const b = this.parsed.get(abs)?.facts.imports.get(local);
      if (!b) return undefined;
      const t = this.target(abs, b.specifier);
      const fn = t ? this.parsed.get(t)!.facts.functions.get(b.imported === 'default' ? local : b.imported) : undefined;
      const param = fn?.parameters[i];
      // Only a function that sends requests to OpenAI makes its model parameter a model site.
      return param && functionReachesOpenAI(this.parsed.get(t!)!.facts, fn!) ? propName(param.name) : undefined;
    };
  }

  /** The expression that defines `x` / `x.a.b` (a const initializer or an object property), here or in the module it is imported from; one step, callers recurse. */
  definitionOf(abs: string, e: ts.Expression): Located | undefined {
    const f = this.parsed.get(abs)?.facts;
    if (!f) return undefined;
    const { base, names } = flattenAccess(e);
    if (!tsm.isIdentifier(base)) return undefined;
    let cur: Located | undefined;
    const local = f.values.get(base.text);
    let rest = names;
    if (local) cur = { abs, node: local };
    else if (f.imports.get(base.text)?.imported === '*' && names.length) {
      // `ai.MODELS.smart` through `import * as ai from '@acme/ai'`: the export named first.
      const t = this.target(abs, f.imports.get(base.text)!.specifier);
      const hit = t ? this.lookupExport(t, names[0]!) : undefined;
      if (hit?.fact.kind === 'value') cur = { abs: hit.abs, node: hit.fact.node };
      rest = names.slice(1);
    } else {
      const hit = this.resolveImport(abs, base.text);
      if (hit?.fact.kind === 'value') cur = { abs: hit.abs, node: hit.fact.node };
    }
    for (const n of rest) {
      if (!cur) return undefined;
      const o = unwrap(cur.node);
      if (!tsm.isObjectLiteralExpression(o)) return undefined;
      const p = o.properties.find((x) => propName(x.name) === n);
      cur = p && tsm.isPropertyAssignment(p) ? { abs: cur.abs, node: p.initializer } : undefined;
    }
    return cur;
  }

  /** Possible string values of an expression, following consts and imports across modules. */
  valuesOf(abs: string, e: ts.Expression, depth = 0): string[] {
    if (!this.parsed.has(abs) || depth > 8) return [];
    e = unwrap(e);
    if (isStringLike(e)) return [e.text];
    if (tsm.isConditionalExpression(e)) return [...this.valuesOf(abs, e.whenTrue, depth + 1), ...this.valuesOf(abs, e.whenFalse, depth + 1)];
    if (tsm.isBinaryExpression(e) && (e.operatorToken.kind === tsm.SyntaxKind.BarBarToken || e.operatorToken.kind === tsm.SyntaxKind.QuestionQuestionToken)) {
      return [...this.valuesOf(abs, e.left, depth + 1), ...this.valuesOf(abs, e.right, depth + 1)];
    }
    const cur = this.definitionOf(abs, e);
    return cur ? this.valuesOf(cur.abs, cur.node, depth + 1) : [];
  }

  /** The numeric literal behind an expression (`llm.temperature`, `TEMP`), across modules: where a parameter's value is defined, so a clamp edits the definition, not the call. */
  literalOf(abs: string, e: ts.Expression, depth = 0): Located | undefined {
    if (!this.parsed.has(abs) || depth > 8) return undefined;
    e = unwrap(e);
    if (tsm.isNumericLiteral(e) || (tsm.isPrefixUnaryExpression(e) && tsm.isNumericLiteral(e.operand))) return depth ? { abs, node: e } : undefined;
    const cur = this.definitionOf(abs, e);
    return cur ? this.literalOf(cur.abs, cur.node, depth + 1) : undefined;
  }

  /** Clients and factories still aimed at OpenAI that `abs` imports from a module outside the given paths (read-only). */
  outsideClients(abs: string): Array<{ spec: string; file: string }> {
    const p = this.parsed.get(abs);
    const out: Array<{ spec: string; file: string }> = [];
    for (const [local, b] of p?.facts.imports ?? []) {
      if (b.imported === '*') {
        // A namespace import: any client or factory it exposes that is defined outside.
        const e = [...this.namespaceExports(abs, local).values()].find((x) => x.status === 'openai' && this.parsed.get(x.abs)!.ctx.file.outside && !this.parsed.get(x.abs)!.ctx.file.unchanged);
        if (e) out.push({ spec: b.specifier, file: e.abs });
        continue;
      }
      const hit = this.resolveImport(abs, local);
      if (!hit || (hit.fact.kind !== 'client' && hit.fact.kind !== 'factory') || hit.fact.status !== 'openai') continue;
      const def = this.parsed.get(hit.abs)!.ctx.file;
      if (def.outside && !def.unchanged) out.push({ spec: b.specifier, file: def.abs });
    }
    return out;
  }

  /** The string literals an expression may take, where they are defined (across modules). */
  stringDefinitions(abs: string, e: ts.Expression, depth = 0): Array<{ abs: string; text: string }> {
    if (!this.parsed.has(abs) || depth > 8) return [];
    e = unwrap(e);
    if (isStringLike(e)) return [{ abs, text: e.text }];
    if (tsm.isConditionalExpression(e)) return [...this.stringDefinitions(abs, e.whenTrue, depth + 1), ...this.stringDefinitions(abs, e.whenFalse, depth + 1)];
    const cur = this.definitionOf(abs, e);
    return cur ? this.stringDefinitions(cur.abs, cur.node, depth + 1) : [];
  }

  /** The string literal behind an expression in another definition (`BASE` -> `'https://...'`), across modules. */
  stringOf(abs: string, e: ts.Expression, depth = 0): { abs: string; lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral } | undefined {
    if (depth > 8) return undefined;
    e = unwrap(e);
    if (isStringLike(e)) return depth ? { abs, lit: e } : undefined;
    const cur = this.definitionOf(abs, e);
    return cur ? this.stringOf(cur.abs, cur.node, depth + 1) : undefined;
  }

  /** Chat/completions calls of OpenAI clients in the batch. */
  private *chatCalls(): Generator<[string, JsFacts['calls'][number]]> {
    for (const [abs, p] of this.parsed) {
      for (const c of p.facts.calls) {
        if ((c.endpoint !== 'chat' && c.endpoint !== 'completions') || (c.client !== 'openai' && c.client !== 'azure')) continue;
        yield [abs, c];
      }
    }
  }

  /** Parameters whose literal lives in another module, by the file that defines them (with the models of the request that uses them). */
  foreignParams(): Map<string, Array<{ name: string; node: ts.Expression; models: string[] }>> {
    const out = new Map<string, Array<{ name: string; node: ts.Expression; models: string[] }>>();
    for (const [abs, c] of this.chatCalls()) {
      const modelProp = c.requests.flatMap((r) => r.properties).find((x) => propName(x.name) === 'model');
      const modelExpr = modelProp && tsm.isPropertyAssignment(modelProp) ? modelProp.initializer : undefined;
      const models = modelExpr ? this.valuesOf(abs, modelExpr) : [];
      // `model: this.model`: the class field's value (src/lang/js/request-content.ts).
      const field = modelExpr && !models.length ? thisField(unwrap(modelExpr)) : undefined;
      if (field) models.push(...this.valuesOf(abs, field));
      for (const r of c.requests) {
        for (const prop of r.properties) {
          if (!tsm.isPropertyAssignment(prop)) continue;
          const name = propName(prop.name);
          if (!name || name === 'model' || name === 'messages') continue;
          const lit = this.literalOf(abs, prop.initializer);
          if (!lit) continue;
          const list = out.get(lit.abs) ?? [];
          if (!list.some((x) => x.node === lit.node && x.name === name)) list.push({ name, node: lit.node, models });
          out.set(lit.abs, list);
        }
      }
    }
    return out;
  }

  /** Request defaults spread from other modules (`create({ ...DEFAULTS, messages })`), by the file that defines them. */
  foreignRequests(): Map<string, ts.ObjectLiteralExpression[]> {
    const out = new Map<string, ts.ObjectLiteralExpression[]>();
    for (const [abs, c] of this.chatCalls()) {
      for (const req of c.requests) {
        for (const sp of req.properties) {
          if (!tsm.isSpreadAssignment(sp) || !tsm.isIdentifier(unwrap(sp.expression))) continue;
          const hit = this.resolveImport(abs, (unwrap(sp.expression) as ts.Identifier).text);
          if (hit?.fact.kind !== 'value') continue;
          const o = unwrap(hit.fact.node);
          if (!tsm.isObjectLiteralExpression(o)) continue;
          const list = out.get(hit.abs) ?? [];
          if (!list.includes(o)) list.push(o);
          out.set(hit.abs, list);
        }
      }
    }
    return out;
  }

  /**
   * Chat request bodies built in another module: `fetch(`${base}/v1/chat/completions`, init)` in a module that
   * names api.openai.com, with `init` a call of an imported function (`generatePayload(key, messages)`) whose
   * body is `JSON.stringify({ model, messages })`: the body objects of that function, by the module that
   * defines it (anse-app/chatgpt-demo). retarget-raw-http maps their models there.
   */
  foreignBodies(): Map<string, ts.ObjectLiteralExpression[]> {
    const out = new Map<string, ts.ObjectLiteralExpression[]>();
    for (const [abs, p] of this.parsed) {
      if (!/api\.openai\.com/.test(p.ctx.file.text)) continue;
      const f = p.facts;
      walk(p.sf, (n) => {
        if (tsm.isCallExpression(n) && tsm.isIdentifier(n.expression) && n.expression.text === 'fetch' && n.arguments.length >= 2) {
          const url = n.arguments[0]!.getText();
          if (/\/v1\/chat\/completions\b/.test(url)) {
            let init: ts.Expression = unwrap(n.arguments[1]!);
            if (tsm.isIdentifier(init) && f.values.has(init.text)) init = unwrap(f.values.get(init.text)!);
            const callee = tsm.isCallExpression(init) && tsm.isIdentifier(init.expression) ? init.expression.text : undefined;
            const b = callee ? f.imports.get(callee) : undefined;
            const t = b ? this.target(abs, b.specifier) : undefined;
            const fn = t ? this.parsed.get(t)?.facts.functions.get(b!.imported === 'default' ? callee! : b!.imported) : undefined;
            if (t && fn) {
              const list = out.get(t) ?? [];
              const add = (x: ts.Node): void => {
                if (tsm.isCallExpression(x) && x.expression.getText() === 'JSON.stringify' && x.arguments[0]) {
                  const o = unwrap(x.arguments[0]);
                  const names = tsm.isObjectLiteralExpression(o) ? o.properties.map((q) => (q.name ? propName(q.name) : undefined)) : [];
                  if (tsm.isObjectLiteralExpression(o) && names.includes('model') && names.includes('messages') && !list.includes(o)) list.push(o);
                }
              };
              walk(fn, add);
              if (list.length) out.set(t, list);
            }
          }
        }
      });
    }
    return out;
  }
}
