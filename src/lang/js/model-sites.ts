import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import { classifyOpenAIModel, isFineTunedOpenAIModel, isGatewayModelId } from '../../models/openai-catalog.js';
import type { JsFacts } from './analyze.js';
import { flattenAccess, isStringLike, propName, unwrap, walk } from './parse.js';
import { otherServiceOf } from '../../rules/adapters.js';
import { isOpenAISpecifier } from '../../rules/clients.js';

/**
 * Where OpenAI model ids sit in a JS/TS file: in request `model` fields, in the
 * constants and config objects they flow from (same module or imported), in
 * ternaries and `||`/`??` defaults, in model-named variables, properties,
 * parameters and literal union types, and in arguments bound to model-named
 * parameters. Only string literals that are known OpenAI ids are sites.
 */
export interface ModelSite {
  lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
  id: string;
}

/**
 * What the project's code does with OpenAI ids, for its test files: `migrated`
 * ids are rewritten somewhere in the code; `ambiguous` ones are also left somewhere
 * (another adapter's default, a lookup). `callee` says what an imported function
 * does with an id: its body rewrites it, keeps it, or does not name it.
 */
export interface TestInfo {
  migrated: ReadonlySet<string>;
  ambiguous: ReadonlySet<string>;
  callee: (local: string, id: string) => 'migrated' | 'left' | undefined;
}

export interface ModelRef {
  /** Import binding the value came through. */
  local: string;
  /** The first property read on it (`ai.MODELS.chat` -> `MODELS`): the export a namespace import names. */
  member?: string;
  /** Every property read on it (`config.openai.embeddingModel` -> `openai`, `embeddingModel`); undefined for a spread. */
  path?: string[];
  /** Sent only through a client whose host the tool cannot resolve (see `undecided`). */
  undecided?: boolean;
}

/** One read of a module's export as a model value by another module: its property path there (undefined: the whole value), and whether its request is undecided. */
export interface ExportRef {
  path?: string[];
  undecided: boolean;
}

export interface ModelSiteResult {
  sites: ModelSite[];
  /** Imported bindings used as model values (resolved across files by the handler). */
  imported: ModelRef[];
  /** Expressions that build a model id dynamically from an OpenAI-looking prefix. */
  dynamic: ts.Node[];
  /** Comparisons that branch on an OpenAI model name (`m === 'gpt-4o'`, `m.startsWith('gpt-')`). */
  branches: ts.Node[];
  /** OpenAI ids in calls on another service's client: reported by scan/check, never rewritten. */
  foreign: ModelSite[];
  /** OpenAI ids sent through a client whose host the tool cannot resolve: left, reported once. */
  undecided: ModelSite[];
  /** Test files: OpenAI ids the migrated code does not use, left as the test wrote them. */
  testLeft?: ModelSite[];
  /**
   * OpenAI ids whose declared type is a closed list of OpenAI ids from a package (tiktoken's
   * `TiktokenModel`, the SDK's `ChatModel`): a provider id there does not compile (TS2322), so they are
   * left and reported. `request`: the same value also reaches a request (or another module reads it).
   */
  pinned: PinnedSite[];
}

export interface PinnedSite extends ModelSite {
  /** The declared type as written (`TiktokenModel`, `OpenAI.ChatModel`). */
  type: string;
  request: boolean;
}

export const MODEL_NAME = /model/i;

/** Matchers and assertion functions whose argument is an expected value. */
const ASSERTIONS = new Set(['toBe', 'toEqual', 'toStrictEqual', 'toContain', 'toMatchObject', 'equal', 'strictEqual', 'deepEqual', 'deepStrictEqual', 'notEqual', 'is']);

/** A direct OpenAI id (a gateway id like `openai/gpt-4o` goes to another service and is never a site). */
export const isOpenAIId = (s: string) => !isGatewayModelId(s) && (classifyOpenAIModel(s) !== undefined || isFineTunedOpenAIModel(s));

/** What collectModelSites is told about the file. */
export interface ModelSiteOptions {
  usesOpenAI: boolean;
  exportedNames: ReadonlySet<string>;
  /** Name of parameter i of an imported function (resolved in its module), when known. */
  importedParam?: (local: string, i: number) => string | undefined;
  /** A test file: what the project's code does with each OpenAI id (see TestInfo). */
  test?: TestInfo;
}

export function collectModelSites(f: JsFacts, opts: ModelSiteOptions): ModelSiteResult {
  if (opts.test) return testModelSites(f, opts, opts.test);
  const st: SiteCollector = { f, out: { sites: [], imported: [], dynamic: [], branches: [], foreign: [], undecided: [], pinned: [] }, seen: new Set(), undecided: false };
  st.request = true;
  // 1. Request `model` fields of API calls on OpenAI-SDK clients.
  requestSites(st);
  // 2. Values other files use as model ids.
  for (const name of opts.exportedNames) {
    const fact = f.exports.get(name);
    if (fact?.kind === 'value') resolveModel(st, fact.node, 0, true);
    else {
      const v = f.values.get(name);
      if (v) resolveModel(st, v, 0, true);
    }
  }
  // 3. Arguments bound to model-named parameters of functions imported from other modules.
  if (opts.importedParam) importedParamSites(st, opts.importedParam);
  st.request = false;
  if (!opts.usesOpenAI) return st.out;
  // 4. Model-named places in a file that uses OpenAI. When its only requests go to clients whose host is unresolved
  // (and it builds no other client), they are undecided like those requests' own ids (gu-benites/studio's
  // `DEFAULT_OPTIONS = { model: 'gpt-4' }`, typed by a union of OpenAI ids, mapped while the client stayed).
  st.undecided = f.calls.length > 0 && f.calls.every((c) => c.client === 'unresolved' || c.client === 'other') && f.constructions.every((c) => c.status === 'unresolved' || c.status === 'other');
  modelNamedSites(st);
  st.undecided = false;
  return st.out;
}

/**
 * A test file's sites: ids the test itself sends to an OpenAI client, and expected values of
 * assertions whose id the code migrates; the other OpenAI ids are left (`testLeft`).
 */
function testModelSites(f: JsFacts, opts: ModelSiteOptions, info: TestInfo): ModelSiteResult {
  // Ids the test itself sends to an OpenAI client follow the value as anywhere else.
  const sent = new Set(collectModelSites(f, { ...opts, usesOpenAI: false, importedParam: undefined, test: undefined }).sites.map((s) => s.lit));
  const r = collectModelSites(f, { ...opts, usesOpenAI: true, test: undefined });
  const follows = new Set<ts.Node>();
  for (const s of r.sites) if (info.migrated.has(s.id) && !info.ambiguous.has(s.id)) follows.add(s.lit);
  // Expected values of assertions (`expect(DEFAULT_MODEL).toBe('gpt-4o')`, `assert.equal(pick('openai'), 'gpt-4o')`):
  // the same value gets the same new value. What the other side holds decides: a call of an imported
  // function whose body migrates (or keeps) this id, else the id's fate in the whole code.
  const have = new Set(r.sites.map((s) => s.lit));
  walk(f.sf, (n) => {
    if (!isStringLike(n) || have.has(n) || !info.migrated.has(n.text) || !isOpenAIId(n.text) || inOtherAdapter(n)) return;
    const call = n.parent;
    if (!call || !tsc.isCallExpression(call) || !call.arguments.includes(n as ts.Expression)) return;
    const callee = unwrap(call.expression);
    const name = tsc.isPropertyAccessExpression(callee) ? callee.name.text : tsc.isIdentifier(callee) ? callee.text : '';
    if (!ASSERTIONS.has(name)) return;
    // expect(X).toBe(lit) / assert.equal(X, lit)
    const inner = tsc.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
    const expectCall =
      inner && tsc.isPropertyAccessExpression(inner) && tsc.isCallExpression(unwrap(inner.expression))
        ? (unwrap(inner.expression) as ts.CallExpression)
        : inner && tsc.isCallExpression(inner)
          ? inner
          : undefined;
    const other = expectCall ? expectCall.arguments[0] : call.arguments.find((a) => a !== n);
    const o = other ? unwrap(other) : undefined;
    const ref = o && tsc.isCallExpression(o) ? unwrap(o.expression) : o;
    const verdict = ref && tsc.isIdentifier(ref) ? info.callee(ref.text, n.text) : undefined;
    r.sites.push({ lit: n, id: n.text });
    if (verdict === 'migrated' || (verdict === undefined && !info.ambiguous.has(n.text))) follows.add(n);
  });
  const keep = (s: ModelSite) => sent.has(s.lit) || follows.has(s.lit);
  return { ...r, sites: r.sites.filter(keep), undecided: [], dynamic: [], branches: [], foreign: [], testLeft: info.migrated.size ? r.sites.filter((s) => !keep(s)) : [] };
}

/** One file's collection: what was found, the literals already looked at, and whether the request being read goes to an unresolved host. */
interface SiteCollector {
  f: JsFacts;
  out: ModelSiteResult;
  seen: Set<ts.Node>;
  undecided: boolean;
  /** Sites found from now on reach a request or another module (not only a model-named place). */
  request?: boolean;
}

function addSite(st: SiteCollector, lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): void {
  if (st.seen.has(lit) || !isOpenAIId(lit.text)) return;
  st.seen.add(lit);
  // Another adapter's code (`groq: { model }`, `case 'openrouter':`, `class GroqProvider`) is never touched.
  if (inOtherAdapter(lit)) return;
  // A constant only a tokenizer reads picks an encoding: tiktoken knows OpenAI names only.
  if (onlyFeedsTokenizer(st.f, lit)) return;
  const type = closedOpenAIType(st.f, lit);
  if (type) {
    st.out.pinned.push({ lit, id: lit.text, type, request: !!st.request });
    return;
  }
  if (st.undecided) st.out.undecided.push({ lit, id: lit.text });
  else st.out.sites.push({ lit, id: lit.text });
}

/** Follow a model value to its literals: ternaries, `||`/`??` defaults, constants, config objects, parameters and their arguments. */
function resolveModel(st: SiteCollector, e: ts.Expression | undefined, depth: number, deep: boolean): void {
  const { f, out } = st;
  if (!e || depth > 6) return;
  e = unwrap(e);
  if (isStringLike(e)) return addSite(st, e);
  if (tsc.isConditionalExpression(e)) {
    resolveModel(st, e.whenTrue, depth + 1, deep);
    resolveModel(st, e.whenFalse, depth + 1, deep);
  } else if (tsc.isBinaryExpression(e) && [tsc.SyntaxKind.BarBarToken, tsc.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
    resolveModel(st, e.left, depth + 1, deep);
    resolveModel(st, e.right, depth + 1, deep);
  } else if (tsc.isIdentifier(e)) {
    const v = f.values.get(e.text);
    if (v) resolveModel(st, v, depth + 1, true);
    else if (f.imports.has(e.text)) out.imported.push({ local: e.text, path: [], undecided: st.undecided });
    else {
      // A parameter with a default: `function ask(model = 'gpt-4o')`.
      const decl = findParameter(f.sf, e.text);
      if (decl?.initializer) resolveModel(st, decl.initializer, depth + 1, deep);
      // and the arguments this file's calls pass for it: `ask(client, q, SUMMARY_MODEL)`.
      for (const a of argumentsFor(f, e)) resolveModel(st, a, depth + 1, deep);
    }
  } else if (tsc.isPropertyAccessExpression(e) || tsc.isElementAccessExpression(e)) {
    const { base, names } = flattenAccess(e);
    if (tsc.isIdentifier(base)) {
      if (f.imports.has(base.text) && !f.values.has(base.text)) {
        out.imported.push({ local: base.text, member: names[0], path: names, undecided: st.undecided });
        return;
      }
      let cur: ts.Expression | undefined = f.values.get(base.text);
      for (const n of names) {
        const o = cur ? unwrap(cur) : undefined;
        if (!o || !tsc.isObjectLiteralExpression(o)) {
          cur = undefined;
          break;
        }
        const p = o.properties.find((x) => propName(x.name) === n);
        cur = p && tsc.isPropertyAssignment(p) ? p.initializer : undefined;
      }
      if (cur) resolveModel(st, cur, depth + 1, true);
    }
  } else if (tsc.isTemplateExpression(e)) {
    if (/^(gpt-|o[134]|text-embedding|dall-e|chatgpt)/.test(e.head.text)) out.dynamic.push(e);
  } else if (deep && (tsc.isObjectLiteralExpression(e) || tsc.isArrayLiteralExpression(e))) {
    const kids = tsc.isObjectLiteralExpression(e) ? e.properties.map((p) => (tsc.isPropertyAssignment(p) ? p.initializer : undefined)) : e.elements;
    for (const k of kids) if (k) resolveModel(st, k, depth + 1, deep);
  } else if (tsc.isBinaryExpression(e) && e.operatorToken.kind === tsc.SyntaxKind.PlusToken) {
    const l = unwrap(e.left);
    if (isStringLike(l) && /^(gpt-|o[134]-?)/.test(l.text)) out.dynamic.push(e);
  }
}

/** Request `model` fields of API calls on OpenAI-SDK clients (and `models.retrieve('gpt-4o')`). */
function requestSites(st: SiteCollector): void {
  const { f, out } = st;
  for (const c of f.calls) {
    if (c.client === 'other' || c.client === 'target') continue;
    // A client whose host cannot be resolved may be another service: its ids are left and reported.
    st.undecided = c.client === 'unresolved';
    for (const req of c.requests) {
      // `{ ...defaults, messages }` with `defaults` imported from a config module
      for (const sp of req.properties) {
        if (tsc.isSpreadAssignment(sp) && tsc.isIdentifier(unwrap(sp.expression))) {
          const local = (unwrap(sp.expression) as ts.Identifier).text;
          if (f.imports.has(local) && !f.values.has(local)) out.imported.push({ local, undecided: st.undecided });
        }
      }
      const p = req.properties.find((x) => propName(x.name) === 'model');
      if (p && tsc.isPropertyAssignment(p)) resolveModel(st, p.initializer, 0, false);
      else if (p && tsc.isShorthandPropertyAssignment(p)) resolveModel(st, p.name, 0, false);
    }
    // models.retrieve('gpt-4o')
    if (c.endpoint === 'modelsList' && c.node.arguments[0]) resolveModel(st, c.node.arguments[0], 0, false);
    st.undecided = false;
  }
  // A literal reported as undecided and also reached from an OpenAI client is a site.
  out.undecided = out.undecided.filter((u) => !out.sites.some((s) => s.lit === u.lit));
}

/**
 * An exported config read by other modules as model values (`config.openai.embeddingModel`): the literals
 * only reads from requests on clients whose host is unresolved reach (`undecided`, found on
 * aditfarhan/rag-agent-project: the embeddings client's base URL comes through a path alias) are left and
 * reported like the importing module's own undecided ids, not mapped. A read whose path cannot be followed
 * here may reach any literal of the export: then nothing moves. `own`: this module's own sites (kept).
 */
export function leaveUndecidedExports(f: JsFacts, r: ModelSiteResult, refs: Map<string, ExportRef[]> | undefined, own: Set<ts.Node>): void {
  if (!refs) return;
  const undecided = new Set<ts.Node>();
  const decided = new Set<ts.Node>();
  for (const [name, list] of refs) {
    const fact = f.exports.get(name);
    const root = fact?.kind === 'value' ? fact.node : f.values.get(name);
    if (!root) continue;
    for (const ref of list) {
      const lits = ref.path ? literalsAt(f, root, ref.path) : undefined;
      if (!lits && !ref.undecided) return;
      for (const l of lits ?? []) (ref.undecided ? undecided : decided).add(l);
    }
  }
  const move = r.sites.filter((s) => undecided.has(s.lit) && !decided.has(s.lit) && !own.has(s.lit));
  if (!move.length) return;
  r.sites = r.sites.filter((s) => !move.includes(s));
  r.undecided.push(...move);
}

/** The model literals the value at `path` inside `root` (object literals, followed through consts) resolves to; undefined when the path cannot be followed. */
function literalsAt(f: JsFacts, root: ts.Expression, path: string[]): Set<ts.Node> | undefined {
  let cur: ts.Expression | undefined = root;
  for (const name of path) {
    let o = unwrap(cur);
    if (tsc.isIdentifier(o) && f.values.has(o.text)) o = unwrap(f.values.get(o.text)!);
    if (!tsc.isObjectLiteralExpression(o)) return undefined;
    if (o.properties.some((p) => tsc.isSpreadAssignment(p))) return undefined;
    const p = o.properties.find((x) => propName(x.name) === name);
    cur = p && tsc.isPropertyAssignment(p) ? p.initializer : undefined;
    if (!cur) return undefined;
  }
  const st: SiteCollector = { f, out: { sites: [], imported: [], dynamic: [], branches: [], foreign: [], undecided: [], pinned: [] }, seen: new Set(), undecided: false };
  const end = unwrap(cur);
  resolveModel(st, cur, 0, tsc.isObjectLiteralExpression(end) || tsc.isArrayLiteralExpression(end) || tsc.isIdentifier(end));
  if (st.out.imported.length) return undefined;
  return new Set(st.out.sites.map((s) => s.lit));
}

/** Arguments bound to model-named parameters of functions imported from other modules. */
function importedParamSites(st: SiteCollector, importedParam: (local: string, i: number) => string | undefined): void {
  const { f } = st;
  walk(f.sf, (n) => {
    if (!tsc.isCallExpression(n) || !tsc.isIdentifier(unwrap(n.expression))) return;
    const local = (unwrap(n.expression) as ts.Identifier).text;
    if (!f.imports.has(local) || f.functions.has(local)) return;
    n.arguments.forEach((a, i) => {
      const arg = unwrap(a);
      if (!isStringLike(arg) || !isOpenAIId(arg.text)) return;
      const name = importedParam(local, i);
      if (name && MODEL_NAME.test(name)) addSite(st, arg);
    });
  });
}

/** Model-named places in a file that uses OpenAI (ids in calls on another service's client are `foreign`), and branches on model names. */
function modelNamedSites(st: SiteCollector): void {
  const { f, out, seen } = st;
  // Calls on clients of another service are left as they are.
  const otherCalls = f.calls.filter((c) => c.client === 'other');
  const inOtherCall = (n: ts.Node) => otherCalls.some((c) => n.pos >= c.node.pos && n.end <= c.node.end);
  walk(f.sf, (n) => {
    if (isStringLike(n) && isOpenAIId(n.text) && !seen.has(n) && inOtherCall(n)) {
      if (inModelNamedPlace(n)) out.foreign.push({ lit: n, id: n.text });
    } else if (isStringLike(n) && isOpenAIId(n.text) && !seen.has(n)) {
      if (inModelNamedPlace(n)) addSite(st, n);
      else if (isModelArgument(f, n)) addSite(st, n);
    }
    // Branching on model names.
    if (
      tsc.isBinaryExpression(n) &&
      [tsc.SyntaxKind.EqualsEqualsEqualsToken, tsc.SyntaxKind.EqualsEqualsToken, tsc.SyntaxKind.ExclamationEqualsEqualsToken, tsc.SyntaxKind.ExclamationEqualsToken].includes(n.operatorToken.kind)
    ) {
      const l = unwrap(n.left);
      const r = unwrap(n.right);
      if ((isStringLike(l) && isOpenAIId(l.text)) || (isStringLike(r) && isOpenAIId(r.text))) out.branches.push(n);
    }
    if (tsc.isCallExpression(n) && tsc.isPropertyAccessExpression(n.expression) && ['startsWith', 'includes', 'endsWith', 'match', 'test'].includes(n.expression.name.text)) {
      const a = n.arguments[0];
      if (a && isStringLike(a) && /^(gpt-|o[134]\b|o[134]-|chatgpt|text-embedding|dall-e)/.test(a.text)) out.branches.push(n);
    }
  });
}

/** A literal whose nearest naming ancestors (variable, property, parameter, type alias) mention "model". */
function inModelNamedPlace(n: ts.Node): boolean {
  let cur: ts.Node = n;
  for (let depth = 0; depth < 8 && cur.parent; depth++) {
    const p: ts.Node = cur.parent;
    if (tsc.isBinaryExpression(p)) {
      const k = p.operatorToken.kind;
      if (k === tsc.SyntaxKind.EqualsToken) {
        const target = unwrap(p.left);
        const name = tsc.isIdentifier(target)
          ? target.text
          : tsc.isPropertyAccessExpression(target)
            ? target.name.text
            : tsc.isElementAccessExpression(target) && isStringLike(target.argumentExpression)
              ? target.argumentExpression.text
              : undefined;
        return !!name && MODEL_NAME.test(name);
      }
      if (k !== tsc.SyntaxKind.BarBarToken && k !== tsc.SyntaxKind.QuestionQuestionToken) return false;
    } else if (tsc.isPropertyAssignment(p) || tsc.isVariableDeclaration(p) || tsc.isParameter(p) || tsc.isPropertyDeclaration(p) || tsc.isBindingElement(p)) {
      const name = propName(p.name);
      if (name && MODEL_NAME.test(name)) return true;
      if (tsc.isPropertyAssignment(p)) {
        cur = p.parent; // the object literal: keep climbing to its name
        continue;
      }
      return false;
    } else if (tsc.isTypeAliasDeclaration(p) || tsc.isEnumMember(p) || tsc.isEnumDeclaration(p) || tsc.isPropertySignature(p)) {
      const name = propName(p.name as ts.PropertyName);
      if (name && MODEL_NAME.test(name)) return true;
      if (tsc.isEnumMember(p)) {
        cur = p;
        continue;
      }
      return false;
    } else if (tsc.isCaseClause(p) || tsc.isReturnStatement(p)) {
      // switch (tier) { case 'pro': return 'o3' } inside a model-named function
      const fn = enclosingFunctionName(p);
      return !!fn && MODEL_NAME.test(fn);
    } else if (
      !(
        tsc.isConditionalExpression(p) ||
        tsc.isParenthesizedExpression(p) ||
        tsc.isAsExpression(p) ||
        tsc.isSatisfiesExpression(p) ||
        tsc.isArrayLiteralExpression(p) ||
        tsc.isObjectLiteralExpression(p) ||
        tsc.isLiteralTypeNode(p) ||
        tsc.isUnionTypeNode(p) ||
        tsc.isArrowFunction(p) ||
        tsc.isTypeAssertionExpression(p)
      )
    ) {
      return false;
    }
    if (tsc.isArrowFunction(p)) {
      const fn = enclosingFunctionName(p.body);
      return !!fn && MODEL_NAME.test(fn);
    }
    cur = p;
  }
  return false;
}

function enclosingFunctionName(n: ts.Node): string | undefined {
  let cur: ts.Node | undefined = n;
  while (cur) {
    if (tsc.isFunctionDeclaration(cur) || tsc.isMethodDeclaration(cur)) return cur.name ? propName(cur.name as ts.PropertyName) : undefined;
    if ((tsc.isArrowFunction(cur) || tsc.isFunctionExpression(cur)) && cur.parent && tsc.isVariableDeclaration(cur.parent)) return propName(cur.parent.name);
    cur = cur.parent;
  }
  return undefined;
}

/**
 * Does a function send requests to OpenAI: a call on an OpenAI/Azure client in
 * its body, or a call to a function of the same file that does (two levels)?
 * Only then is an argument bound to its model-named parameter a model site.
 */
export function functionReachesOpenAI(f: JsFacts, fn: ts.Node, depth = 0): boolean {
  const inside = (n: ts.Node) => n.pos >= fn.pos && n.end <= fn.end;
  if (f.calls.some((c) => (c.client === 'openai' || c.client === 'azure') && inside(c.node))) return true;
  if (depth >= 2) return false;
  let hit = false;
  walk(fn, (n) => {
    if (hit || !tsc.isCallExpression(n) || !tsc.isIdentifier(unwrap(n.expression))) return;
    const callee = f.functions.get((unwrap(n.expression) as ts.Identifier).text);
    if (callee && callee !== fn && functionReachesOpenAI(f, callee, depth + 1)) hit = true;
  });
  return hit;
}

/**
 * Is a literal inside another service's adapter: under a property, variable,
 * function, method or class named for another service, a `case` on another
 * service's name, or the branch of an `if (provider === 'groq')`?
 */
export function inOtherAdapter(n: ts.Node): boolean {
  let cur: ts.Node = n;
  while (cur.parent) {
    const p: ts.Node = cur.parent;
    let name: string | undefined;
    if (
      tsc.isPropertyAssignment(p) ||
      tsc.isVariableDeclaration(p) ||
      tsc.isPropertyDeclaration(p) ||
      tsc.isMethodDeclaration(p) ||
      tsc.isFunctionDeclaration(p) ||
      tsc.isClassDeclaration(p) ||
      tsc.isFunctionExpression(p) ||
      tsc.isClassExpression(p)
    ) {
      name = p.name ? propName(p.name as ts.PropertyName) : undefined;
    } else if (tsc.isCaseClause(p) && isStringLike(unwrap(p.expression))) {
      name = (unwrap(p.expression) as ts.StringLiteral).text;
    } else if (tsc.isIfStatement(p) && cur === p.thenStatement) {
      name = comparedName(p.expression);
    } else if (tsc.isConditionalExpression(p) && cur === p.whenTrue) {
      name = comparedName(p.condition);
    }
    if (name && otherServiceOf(name)) return true;
    cur = p;
  }
  return false;
}

/** `provider === 'groq'` (either side, `==` too): the compared string. */
function comparedName(e: ts.Expression): string | undefined {
  e = unwrap(e);
  if (!tsc.isBinaryExpression(e)) return undefined;
  const k = e.operatorToken.kind;
  if (k !== tsc.SyntaxKind.EqualsEqualsEqualsToken && k !== tsc.SyntaxKind.EqualsEqualsToken) return undefined;
  const l = unwrap(e.left);
  const r = unwrap(e.right);
  return isStringLike(r) ? r.text : isStringLike(l) ? l.text : undefined;
}

/** `ask('gpt-4o', q)` where `function ask(model, q)` is in this file and sends requests to OpenAI. */
function isModelArgument(f: JsFacts, n: ts.Node): boolean {
  const call = n.parent;
  if (!call || !tsc.isCallExpression(call)) return false;
  const i = call.arguments.indexOf(n as ts.Expression);
  if (i < 0) return false;
  const callee = unwrap(call.expression);
  if (!tsc.isIdentifier(callee)) return false;
  const fn = f.functions.get(callee.text);
  const param = fn?.parameters[i];
  const name = param ? propName(param.name) : undefined;
  return !!name && MODEL_NAME.test(name) && functionReachesOpenAI(f, fn!);
}

/** Arguments passed for the parameter `id` names (of its enclosing function) by calls in the same file. */
function argumentsFor(f: JsFacts, id: ts.Identifier): ts.Expression[] {
  let fn: ts.Node | undefined = id.parent;
  while (fn && !tsc.isFunctionLike(fn)) fn = fn.parent;
  if (!fn || !tsc.isFunctionLike(fn)) return [];
  const i = fn.parameters.findIndex((p) => tsc.isIdentifier(p.name) && p.name.text === id.text);
  if (i < 0) return [];
  const name = [...f.functions].find(([, d]) => d === fn)?.[0];
  if (!name) return [];
  const out: ts.Expression[] = [];
  walk(f.sf, (n) => {
    if (tsc.isCallExpression(n) && tsc.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as ts.Identifier).text === name && n.arguments[i] && !tsc.isSpreadElement(n.arguments[i]!))
      out.push(n.arguments[i]!);
  });
  return out;
}

function findParameter(sf: ts.SourceFile, name: string): ts.ParameterDeclaration | undefined {
  let found: ts.ParameterDeclaration | undefined;
  walk(sf, (n) => {
    if (!found && tsc.isParameter(n) && tsc.isIdentifier(n.name) && n.name.text === name && n.initializer) found = n;
  });
  return found;
}

/** The SDK's closed unions of OpenAI ids (`ResponsesModel`, `VideoModel` also admit any string). */
const CLOSED_OPENAI_TYPES = new Set(['ChatModel', 'EmbeddingModel', 'ImageModel', 'AudioModel', 'SpeechModel', 'ModerationModel']);
/** Tokenizer packages whose `TiktokenModel` lists OpenAI ids only (tiktoken, js-tiktoken, @dqbd/tiktoken, their /lite). */
const TIKTOKEN_SPEC = /^(@dqbd\/)?(js-)?tiktoken(\/.*)?$/;

/** Per source file: the run's own closed unions of OpenAI ids (noteClosedIdTypes). */
const appIdTypes = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/**
 * `export type SimpleModel = "gpt-4o" | "gpt-4o-mini"`: type aliases of the run's modules that list OpenAI ids
 * only. A provider id cast to or declared as one is a type error (TS2352/TS2322) and breaks the lookups keyed by
 * them (ourongxing/chatgpt-vercel's CLIENT_MAX_INPUT_TOKENS), so such ids are left like `TiktokenModel` ones.
 * By name across the modules of one group (they are closed under imports); only where the type is imported (a
 * union declared in the same module is rewritten together with its values).
 */
export function noteClosedIdTypes(sfs: readonly ts.SourceFile[]): void {
  const names = new Set<string>();
  for (const sf of sfs) {
    for (const st of sf.statements) {
      if (!tsc.isTypeAliasDeclaration(st) || st.typeParameters?.length) continue;
      const members = tsc.isUnionTypeNode(st.type) ? st.type.types : [st.type];
      const ids = members.map((m) => (tsc.isLiteralTypeNode(m) && tsc.isStringLiteral(m.literal) ? m.literal.text : undefined));
      if (ids.every((x) => x !== undefined && isOpenAIId(x))) names.add(st.name.text);
    }
  }
  for (const sf of sfs) appIdTypes.set(sf, names);
}

/** Is a type node a closed list of OpenAI ids from a package: `TiktokenModel`, `ChatModel`, `OpenAI.ChatModel`, a union of them and literals? */
function closedTypeName(f: JsFacts, t: ts.TypeNode): string | undefined {
  if (tsc.isParenthesizedTypeNode(t)) return closedTypeName(f, t.type);
  if (tsc.isUnionTypeNode(t)) {
    let name: string | undefined;
    for (const m of t.types) {
      if (tsc.isLiteralTypeNode(m) && (tsc.isStringLiteral(m.literal) || tsc.isNoSubstitutionTemplateLiteral(m.literal))) continue;
      const n = closedTypeName(f, m);
      if (!n) return undefined;
      name ??= n;
    }
    return name && t.getText();
  }
  if (!tsc.isTypeReferenceNode(t) || t.typeArguments?.length) return undefined;
  const parts: string[] = [];
  let q: ts.EntityName = t.typeName;
  while (tsc.isQualifiedName(q)) {
    parts.unshift(q.right.text);
    q = q.left;
  }
  // Imported from another module of the app (a union declared here is rewritten with its values by map-model-ids).
  if (!parts.length && f.imports.has(q.text) && appIdTypes.get(f.sf)?.has(q.text)) return t.getText();
  const b = f.imports.get(q.text);
  if (!b) return undefined;
  const leaf = parts.length ? parts[parts.length - 1]! : b.imported;
  // `OpenAI.ChatModel` / `OpenAI.Chat.ChatModel` on the default or namespace import; a named import by its own name.
  if (parts.length && b.imported !== 'default' && b.imported !== '*' && b.imported !== 'OpenAI') return undefined;
  if (isOpenAISpecifier(b.specifier) && CLOSED_OPENAI_TYPES.has(leaf)) return t.getText();
  if (TIKTOKEN_SPEC.test(b.specifier) && leaf === 'TiktokenModel') return t.getText();
  return undefined;
}

/**
 * The closed OpenAI-id type a literal must fit (`const MODEL_NAME: TiktokenModel = 'gpt-4.1-mini'`,
 * `model: ChatModel = 'gpt-4o'` as a parameter or class field, `'gpt-4o' as ChatModel`, a function's
 * declared return type): a provider id there is a type error (TS2322), found on swim-app-backend.
 */
export function closedOpenAIType(f: JsFacts, lit: ts.Node): string | undefined {
  let cur: ts.Node = lit;
  for (let depth = 0; depth < 8 && cur.parent; depth++) {
    const p: ts.Node = cur.parent;
    if (tsc.isAsExpression(p) || tsc.isSatisfiesExpression(p) || tsc.isTypeAssertionExpression(p)) {
      const n = closedTypeName(f, p.type);
      if (n) return n;
    } else if (tsc.isVariableDeclaration(p) || tsc.isParameter(p) || tsc.isPropertyDeclaration(p)) {
      return p.type && p.initializer === cur ? closedTypeName(f, p.type) : undefined;
    } else if (tsc.isReturnStatement(p)) {
      let fn: ts.Node | undefined = p.parent;
      while (fn && !tsc.isFunctionLike(fn)) fn = fn.parent;
      return fn && tsc.isFunctionLike(fn) && fn.type ? closedTypeName(f, fn.type) : undefined;
    } else if (tsc.isArrowFunction(p) && p.body === cur) {
      return p.type ? closedTypeName(f, p.type) : undefined;
    } else if (tsc.isBinaryExpression(p)) {
      const k = p.operatorToken.kind;
      if (k !== tsc.SyntaxKind.BarBarToken && k !== tsc.SyntaxKind.QuestionQuestionToken) return undefined;
    } else if (!(tsc.isParenthesizedExpression(p) || tsc.isConditionalExpression(p) || tsc.isNonNullExpression(p))) {
      return undefined;
    }
    cur = p;
  }
  return undefined;
}

/** Calls of a tokenizer keyed on model names (tiktoken's `encoding_for_model`, js-tiktoken's `encodingForModel`). */
const TOKENIZER_FN = new Set(['encoding_for_model', 'encodingForModel']);

/**
 * `const MODEL = 'gpt-4o'` whose every read is a tokenizer's argument (`encoding_for_model(MODEL)`):
 * the id picks an encoding and never reaches a request; a provider id there makes tiktoken throw.
 * The JS counterpart of the Python rule of the same name.
 */
function onlyFeedsTokenizer(f: JsFacts, lit: ts.Node): boolean {
  let cur: ts.Node = lit;
  while (cur.parent && (tsc.isParenthesizedExpression(cur.parent) || tsc.isAsExpression(cur.parent) || tsc.isSatisfiesExpression(cur.parent))) cur = cur.parent;
  const decl = cur.parent;
  if (!decl || !tsc.isVariableDeclaration(decl) || decl.initializer !== cur || !tsc.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  // Another module may read an export as a model value.
  if (f.exports.has(name)) return false;
  let reads = 0;
  let other = false;
  walk(f.sf, (n) => {
    if (other || !tsc.isIdentifier(n) || n.text !== name || n === decl.name) return;
    const p = n.parent;
    // Property names (`x.MODEL`, `{ MODEL: 1 }`) are not reads of the binding.
    if ((tsc.isPropertyAccessExpression(p) && p.name === n) || (tsc.isPropertyAssignment(p) && p.name === n)) return;
    let arg: ts.Node = n;
    while (arg.parent && (tsc.isParenthesizedExpression(arg.parent) || tsc.isAsExpression(arg.parent) || tsc.isNonNullExpression(arg.parent))) arg = arg.parent;
    const call = arg.parent;
    if (call && tsc.isCallExpression(call) && call.arguments[0] === arg) {
      const callee = unwrap(call.expression);
      const fn = tsc.isIdentifier(callee) ? callee.text : tsc.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (TOKENIZER_FN.has(fn)) {
        reads++;
        return;
      }
    }
    other = true;
  });
  return !other && reads > 0;
}
