import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import { endpointOf, statusOfUrl, type ClientStatus, type EndpointKind } from '../../rules/clients.js';
export { endpointOf, isOpenAISpecifier, reachesOpenAI, statusOfUrl, type ClientStatus, type EndpointKind } from '../../rules/clients.js';
import { isOpenAISpecifier, THIRD_PARTY_CLIENTS } from '../../rules/clients.js';
import { flattenAccess, isStringLike, propName, unwrap, walk } from './parse.js';

/**
 * What a JS/TS file does with the openai SDK: the bindings of the client class,
 * which values are clients (however they travel), the API calls made on them,
 * and what the file exports and imports (for cross-module flow). Syntactic and
 * scope-light by design: no type checker, so no node_modules are needed.
 */

export interface Construction {
  node: ts.NewExpression;
  azure: boolean;
  status: ClientStatus;
  /** The options object literal (first argument, or the const it names). */
  options?: ts.ObjectLiteralExpression;
  /** Option values the status was derived from. */
  baseURL?: ts.Expression;
  /**
   * Built from the OpenAI class reached through a value the tool does not type (`new (OpenAIClient as unknown
   * as Ctor)(...)` with `OpenAIClient = (await import("openai")).default ?? mod`): status 'unresolved', left
   * as it is (adding `baseURL` could break the cast constructor type), see opaqueClass.
   */
  opaque?: true;
  /** An opaque construction of a third-party OpenAI client class (THIRD_PARTY_CLIENTS): its package. */
  pkg?: string;
}

export interface ApiCall {
  node: ts.CallExpression;
  /** Resource path without a leading `beta`, e.g. ['chat', 'completions', 'create']. */
  path: string[];
  endpoint: EndpointKind;
  client: ClientStatus;
  /** Request object literals: the argument itself, the const it names, and resolved spreads. */
  requests: ts.ObjectLiteralExpression[];
  /** The client binding the call is made on: `openai`, `this.client`; undefined for other shapes. */
  receiver?: string;
}

export interface ImportBinding {
  specifier: string;
  /** 'default', '*', or the exported name. */
  imported: string;
}

export type ExportFact = { kind: 'client'; status: ClientStatus } | { kind: 'factory'; status: ClientStatus } | { kind: 'value'; node: ts.Expression };

export interface Seeds {
  clients: Map<string, ClientStatus>;
  factories: Map<string, ClientStatus>;
  /** Namespace imports (`import * as llm from './ai'`) and the clients the module exports: `llm.openai.chat...`. */
  namespaces?: Map<string, Map<string, ClientStatus>>;
}

export interface JsFacts {
  sf: ts.SourceFile;
  /** Imports or requires `openai` (root or subpath). */
  importsOpenAI: boolean;
  openaiClass: Set<string>;
  azureClass: Set<string>;
  /** Namespace bindings whose `.OpenAI` / `.default` / `.AzureOpenAI` are the classes. */
  namespaces: Set<string>;
  /** `import ... from 'openai'` declarations (named specifiers may need renaming). */
  openaiImports: ts.ImportDeclaration[];
  clients: Map<string, ClientStatus>;
  members: Map<string, ClientStatus>;
  factories: Map<string, ClientStatus>;
  /** `const completions = openai.chat.completions` */
  resourceAliases: Map<string, { status: ClientStatus; prefix: string[] }>;
  constructions: Construction[];
  calls: ApiCall[];
  exports: Map<string, ExportFact>;
  /** `export { a as b } from './x'`, `export * from './x'`. */
  reexports: Array<{ specifier: string; imported: string; exported: string }>;
  imports: Map<string, ImportBinding>;
  /** Top-level and nested const/let/var initializers by name (first wins). */
  values: Map<string, ts.Expression>;
  /** Function declarations by name (for parameter-name lookups). */
  functions: Map<string, ts.SignatureDeclaration>;
}

/** Methods that end an API call path (the leaf of a resource). */
const LEAF =
  /^(create|parse|stream|runTools|runFunctions|generate|edit|createVariation|list|retrieve|update|delete|del|cancel|content|retrieveContent|waitForProcessing|createAndPoll|createAndStream|createAndRun|createAndRunPoll|createAndRunStream|submitToolOutputs|submitToolOutputsAndPoll|submitToolOutputsStream|uploadAndPoll|poll|search|compact|unwrap|verifySignature|pause|resume|listEvents|count)$/;

export function analyzeJs(sf: ts.SourceFile, seeds?: Seeds, targetHost?: string): JsFacts {
  const f: JsFacts = {
    sf,
    importsOpenAI: false,
    openaiClass: new Set(),
    azureClass: new Set(),
    namespaces: new Set(),
    openaiImports: [],
    clients: new Map(seeds?.clients ?? []),
    members: new Map(),
    factories: new Map(seeds?.factories ?? []),
    resourceAliases: new Map(),
    constructions: [],
    calls: [],
    exports: new Map(),
    reexports: [],
    imports: new Map(),
    values: new Map(),
    functions: new Map(),
  };

  walk(sf, (n) => collectDeclaration(f, n));
  collectClientsToFixpoint(f, sf, targetHost);
  walk(sf, (n) => {
    if (!tsc.isNewExpression(n)) return;
    const kind = classKind(f, n.expression);
    if (kind) f.constructions.push(construction(f, n, kind === 'azure', targetHost));
    else if (opaqueClass(f, n.expression)) f.constructions.push({ ...construction(f, n, false, targetHost), status: 'unresolved', opaque: true });
    else {
      const pkg = thirdPartyClass(f, n.expression);
      if (pkg) f.constructions.push({ ...construction(f, n, false, targetHost), status: 'unresolved', opaque: true, pkg });
    }
  });
  walk(sf, (n) => {
    if (tsc.isCallExpression(n)) collectCall(f, n, seeds, targetHost);
  });
  collectExports(f);
  return f;
}

/** Pass 1: imports, requires, declarations (values and functions by name). */
function collectDeclaration(f: JsFacts, n: ts.Node): void {
  if (tsc.isImportDeclaration(n) && isStringLike(n.moduleSpecifier)) {
    const spec = n.moduleSpecifier.text;
    const clause = n.importClause;
    if (isOpenAISpecifier(spec)) {
      f.importsOpenAI = true;
      f.openaiImports.push(n);
    }
    if (!clause) return;
    const typeOnly = clause.isTypeOnly;
    if (clause.name) {
      f.imports.set(clause.name.text, { specifier: spec, imported: 'default' });
      if (isOpenAIRoot(spec)) f.openaiClass.add(clause.name.text);
    }
    const nb = clause.namedBindings;
    if (nb && tsc.isNamespaceImport(nb)) {
      f.imports.set(nb.name.text, { specifier: spec, imported: '*' });
      if (isOpenAIRoot(spec) && !typeOnly) f.namespaces.add(nb.name.text);
    } else if (nb) {
      for (const el of nb.elements) {
        const imported = (el.propertyName ?? el.name).text;
        f.imports.set(el.name.text, { specifier: spec, imported });
        if (isOpenAIRoot(spec)) addClassBinding(f, imported, el.name.text);
      }
    }
  } else if (tsc.isImportEqualsDeclaration(n) && tsc.isExternalModuleReference(n.moduleReference) && isStringLike(n.moduleReference.expression)) {
    const spec = n.moduleReference.expression.text;
    if (isOpenAISpecifier(spec)) {
      f.importsOpenAI = true;
      if (isOpenAIRoot(spec)) {
        f.openaiClass.add(n.name.text);
        f.namespaces.add(n.name.text);
      }
    }
  } else if (tsc.isVariableDeclaration(n) && n.initializer) {
    const init = unwrap(n.initializer);
    const mod = requiredModule(init);
    if (mod !== undefined) {
      if (isOpenAISpecifier(mod.spec)) f.importsOpenAI = true;
      if (isOpenAIRoot(mod.spec)) {
        if (tsc.isIdentifier(n.name)) {
          if (mod.member === undefined || mod.member === 'default' || mod.member === 'OpenAI') {
            f.openaiClass.add(n.name.text);
            if (mod.member === undefined) f.namespaces.add(n.name.text);
          } else if (mod.member === 'AzureOpenAI') f.azureClass.add(n.name.text);
        } else if (tsc.isObjectBindingPattern(n.name)) {
          for (const el of n.name.elements) {
            const imported = propName(el.propertyName) ?? propName(el.name);
            if (imported && tsc.isIdentifier(el.name)) addClassBinding(f, imported, el.name.text);
          }
        }
      } else if (tsc.isIdentifier(n.name)) {
        f.imports.set(n.name.text, { specifier: mod.spec, imported: mod.member ?? '*' });
      } else if (tsc.isObjectBindingPattern(n.name)) {
        for (const el of n.name.elements) {
          const imported = propName(el.propertyName) ?? propName(el.name);
          if (imported && tsc.isIdentifier(el.name)) f.imports.set(el.name.text, { specifier: mod.spec, imported });
        }
      }
    }
    if (tsc.isIdentifier(n.name) && !f.values.has(n.name.text)) f.values.set(n.name.text, n.initializer);
  } else if (tsc.isFunctionDeclaration(n) && n.name) {
    if (!f.functions.has(n.name.text)) f.functions.set(n.name.text, n);
  }
  if (tsc.isVariableDeclaration(n) && tsc.isIdentifier(n.name) && n.initializer) {
    const init = unwrap(n.initializer);
    if ((tsc.isArrowFunction(init) || tsc.isFunctionExpression(init)) && !f.functions.has(n.name.text)) f.functions.set(n.name.text, init);
  }
}

/**
 * Pass 2 (to a fixpoint): which expressions are clients. The first round visits every node
 * and keeps those that can bind a client; later rounds revisit only those.
 */
function collectClientsToFixpoint(f: JsFacts, sf: ts.SourceFile, targetHost: string | undefined): void {
  let sites: ts.Node[] | undefined;
  for (let round = 0; round < 4; round++) {
    const before = f.clients.size + f.members.size + f.factories.size + f.resourceAliases.size;
    if (!sites) {
      const found: ts.Node[] = [];
      walk(sf, (n) => {
        if (!CLIENT_SITE_KINDS.has(n.kind)) return;
        found.push(n);
        collectClients(f, n, targetHost);
      });
      sites = found;
    } else for (const n of sites) collectClients(f, n, targetHost);
    if (f.clients.size + f.members.size + f.factories.size + f.resourceAliases.size === before) break;
  }
}

/** An API call on a client (`openai.chat.completions.create(...)`, `this.client.x.y()`, a resource alias's). */
function collectCall(f: JsFacts, n: ts.CallExpression, seeds: Seeds | undefined, targetHost: string | undefined): void {
  const flat = flattenAccess(n.expression);
  let { base, names } = flat;
  if (!names.length) return;
  let status: ClientStatus | undefined;
  if (base.kind === tsc.SyntaxKind.ThisKeyword) {
    status = f.members.get(names[0]!);
    names = names.slice(1);
  } else status = clientStatus(f, base, targetHost);
  const ns = status === undefined && tsc.isIdentifier(base) ? seeds?.namespaces?.get(base.text)?.get(names[0]!) : undefined;
  if (ns !== undefined) {
    status = ns;
    names = names.slice(1);
  }
  let path = names;
  if (status === undefined && tsc.isIdentifier(base) && f.resourceAliases.has(base.text)) {
    const a = f.resourceAliases.get(base.text)!;
    status = a.status;
    path = [...a.prefix, ...names];
  }
  if (status === undefined) return;
  if (path.length < 2 && !['get', 'post', 'put', 'patch', 'delete'].includes(path[0] ?? '')) return;
  if (!LEAF.test(path[path.length - 1]!) && !['get', 'post', 'put', 'patch', 'delete'].includes(path[0] ?? '')) return;
  const endpoint = endpointOf(path);
  const p = path[0] === 'beta' ? path.slice(1) : path;
  const receiver = base.kind === tsc.SyntaxKind.ThisKeyword ? `this.${flat.names[0]}` : tsc.isIdentifier(base) ? base.text : undefined;
  f.calls.push({ node: n, path: p, endpoint, client: status, requests: requestObjects(f, n.arguments[0]), receiver });
}

function isOpenAIRoot(spec: string): boolean {
  return spec === 'openai' || spec === 'openai/index' || spec === 'openai/index.mjs' || spec === 'openai/src' || spec === 'npm:openai' || spec === 'jsr:@openai/openai';
}

function addClassBinding(f: JsFacts, imported: string, local: string): void {
  if (imported === 'OpenAI' || imported === 'default') f.openaiClass.add(local);
  else if (imported === 'AzureOpenAI') f.azureClass.add(local);
}

/** require('x'), require('x').member, (await import('x')), (await import('x')).member */
function requiredModule(e: ts.Expression): { spec: string; member?: string } | undefined {
  e = unwrap(e);
  if (tsc.isAwaitExpression(e)) e = unwrap(e.expression);
  if (tsc.isCallExpression(e)) {
    const isReq = tsc.isIdentifier(e.expression) && e.expression.text === 'require';
    const isImp = e.expression.kind === tsc.SyntaxKind.ImportKeyword;
    const a = e.arguments[0];
    if ((isReq || isImp) && a && isStringLike(a)) return { spec: a.text };
    return undefined;
  }
  if (tsc.isPropertyAccessExpression(e)) {
    const inner = requiredModule(e.expression);
    if (inner && inner.member === undefined) return { spec: inner.spec, member: e.name.text };
  }
  return undefined;
}

/** 'openai' | 'azure' when `e` names the OpenAI / AzureOpenAI class. */
export function classKind(f: JsFacts, e: ts.Expression): 'openai' | 'azure' | undefined {
  e = unwrap(e);
  if (tsc.isIdentifier(e)) {
    if (f.openaiClass.has(e.text)) return 'openai';
    if (f.azureClass.has(e.text)) return 'azure';
    return undefined;
  }
  if (tsc.isPropertyAccessExpression(e)) {
    const obj = unwrap(e.expression);
    const member = e.name.text;
    const fromNs = tsc.isIdentifier(obj) && (f.namespaces.has(obj.text) || f.openaiClass.has(obj.text));
    const mod = requiredModule(obj);
    if (fromNs || (mod && isOpenAIRoot(mod.spec))) {
      if (member === 'OpenAI' || member === 'default') return 'openai';
      if (member === 'AzureOpenAI') return 'azure';
    }
  }
  return undefined;
}

/**
 * `new (OpenAIClient as unknown as new (o: { apiKey?: string }) => unknown)(...)` where `OpenAIClient` holds the
 * OpenAI class taken from the module at run time: `(mod as X).default ?? mod`, `mod.OpenAI`, with `mod` an
 * `await import("openai")` / `require("openai")` binding. The class the code builds is OpenAI's, but the
 * constructor's type is the app's own (a cast), so no option can be added safely.
 */
function opaqueClass(f: JsFacts, callee: ts.Expression): boolean {
  const e = unwrap(callee);
  if (!tsc.isIdentifier(e)) return false;
  const fromModule = (x: ts.Expression | undefined, depth: number): boolean => {
    if (!x || depth > 4) return false;
    x = unwrap(x);
    if (tsc.isBinaryExpression(x) && (x.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === tsc.SyntaxKind.BarBarToken))
      return fromModule(x.left, depth + 1) || fromModule(x.right, depth + 1);
    if (tsc.isIdentifier(x)) return f.namespaces.has(x.text) || f.openaiClass.has(x.text) || fromModule(f.values.get(x.text), depth + 1);
    if (tsc.isPropertyAccessExpression(x) && (x.name.text === 'default' || x.name.text === 'OpenAI')) {
      const o = unwrap(x.expression);
      const mod = requiredModule(o);
      return (!!mod && isOpenAIRoot(mod.spec) && mod.member === undefined) || (tsc.isIdentifier(o) && f.namespaces.has(o.text));
    }
    return false;
  };
  return fromModule(f.values.get(e.text), 0);
}

/** `new ChatGPTAPI(...)` with the class imported from its package: the package (THIRD_PARTY_CLIENTS). */
function thirdPartyClass(f: JsFacts, callee: ts.Expression): string | undefined {
  const e = unwrap(callee);
  const b = tsc.isIdentifier(e) ? f.imports.get(e.text) : undefined;
  return b && THIRD_PARTY_CLIENTS.find((c) => c.pkg === b.specifier && c.classes.includes(b.imported))?.pkg;
}

function isClientType(f: JsFacts, t: ts.TypeNode | undefined): boolean {
  if (!t) return false;
  if (tsc.isTypeReferenceNode(t)) {
    const n = t.typeName;
    if (tsc.isIdentifier(n)) return f.openaiClass.has(n.text) || f.azureClass.has(n.text);
    if (tsc.isQualifiedName(n) && tsc.isIdentifier(n.left)) {
      return (f.namespaces.has(n.left.text) || f.openaiClass.has(n.left.text)) && (n.right.text === 'OpenAI' || n.right.text === 'AzureOpenAI');
    }
  }
  if (tsc.isUnionTypeNode(t)) return t.types.some((x) => isClientType(f, x));
  return false;
}

/** Status when `e` evaluates to a client, else undefined. */
export function clientStatus(f: JsFacts, e: ts.Expression, targetHost?: string): ClientStatus | undefined {
  e = unwrap(e);
  if (tsc.isAwaitExpression(e)) return clientStatus(f, e.expression, targetHost);
  if (tsc.isIdentifier(e)) return f.clients.get(e.text);
  if (tsc.isPropertyAccessExpression(e) && e.expression.kind === tsc.SyntaxKind.ThisKeyword) return f.members.get(e.name.text);
  if (tsc.isNewExpression(e)) {
    const k = classKind(f, e.expression);
    return k ? construction(f, e, k === 'azure', targetHost).status : undefined;
  }
  if (tsc.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    if (tsc.isIdentifier(callee)) return f.factories.get(callee.text);
    if (tsc.isPropertyAccessExpression(callee) && callee.name.text === 'withOptions') return clientStatus(f, callee.expression, targetHost);
    // A factory of a namespace import (`ai.createClient()`), seeded as `ai.createClient`.
    if (tsc.isPropertyAccessExpression(callee) && tsc.isIdentifier(callee.expression)) return f.factories.get(`${callee.expression.text}.${callee.name.text}`);
  }
  return undefined;
}

function collectClients(f: JsFacts, n: ts.Node, targetHost?: string): void {
  if (tsc.isVariableDeclaration(n) && tsc.isIdentifier(n.name)) {
    const s = n.initializer ? clientStatus(f, n.initializer, targetHost) : undefined;
    if (s) f.clients.set(n.name.text, s);
    else if (isClientType(f, n.type)) f.clients.set(n.name.text, 'openai');
    else if (n.initializer) {
      let { base, names } = flattenAccess(n.initializer);
      let bs = names.length ? clientStatus(f, base, targetHost) : undefined;
      if (base.kind === tsc.SyntaxKind.ThisKeyword && names.length > 1) {
        bs = f.members.get(names[0]!);
        names = names.slice(1);
      }
      if (bs && ['chat', 'completions', 'embeddings', 'responses', 'images', 'audio', 'beta', 'moderations', 'files'].includes(names[0]!)) {
        f.resourceAliases.set(n.name.text, { status: bs, prefix: names });
      }
    }
  } else if (tsc.isParameter(n) && tsc.isIdentifier(n.name)) {
    if (isClientType(f, n.type)) {
      f.clients.set(n.name.text, 'openai');
      // constructor(private client: OpenAI) is also a member
      if (
        n.modifiers?.some(
          (m) => m.kind === tsc.SyntaxKind.PrivateKeyword || m.kind === tsc.SyntaxKind.PublicKeyword || m.kind === tsc.SyntaxKind.ProtectedKeyword || m.kind === tsc.SyntaxKind.ReadonlyKeyword,
        )
      ) {
        f.members.set(n.name.text, 'openai');
      }
    } else if (n.initializer) {
      const s = clientStatus(f, n.initializer, targetHost);
      if (s) f.clients.set(n.name.text, s);
    }
  } else if (tsc.isPropertyDeclaration(n) && n.name && propName(n.name)) {
    const s = n.initializer ? clientStatus(f, n.initializer, targetHost) : undefined;
    if (s) f.members.set(propName(n.name)!, s);
    else if (isClientType(f, n.type)) f.members.set(propName(n.name)!, 'openai');
  } else if (tsc.isBinaryExpression(n) && n.operatorToken.kind === tsc.SyntaxKind.EqualsToken) {
    const s = clientStatus(f, n.right, targetHost);
    if (!s) return;
    const l = unwrap(n.left);
    if (tsc.isPropertyAccessExpression(l) && l.expression.kind === tsc.SyntaxKind.ThisKeyword) f.members.set(l.name.text, s);
    else if (tsc.isIdentifier(l)) f.clients.set(l.text, s);
  } else if (tsc.isFunctionDeclaration(n) || tsc.isArrowFunction(n) || tsc.isFunctionExpression(n) || tsc.isMethodDeclaration(n)) {
    const name = functionName(n);
    if (!name) return;
    let s: ClientStatus | undefined = isClientType(f, n.type) ? 'openai' : undefined;
    if (n.type && tsc.isTypeReferenceNode(n.type) && tsc.isIdentifier(n.type.typeName) && n.type.typeName.text === 'Promise') {
      if (isClientType(f, n.type.typeArguments?.[0])) s = 'openai';
    }
    if (n.body && !tsc.isBlock(n.body)) s = clientStatus(f, n.body, targetHost) ?? s;
    else if (n.body) for (const r of returnedExpressions(n.body)) s = clientStatus(f, r, targetHost) ?? s;
    if (s) f.factories.set(name, s);
  } else if (tsc.isObjectLiteralExpression(n)) {
    // NestJS-style providers: { provide: X, useFactory: () => new OpenAI() } are seen through the factory walk above.
  }
}

/** Node kinds collectClients acts on (the fixpoint rounds after the first visit only these). */
const CLIENT_SITE_KINDS = new Set<ts.SyntaxKind>([
  tsc.SyntaxKind.VariableDeclaration,
  tsc.SyntaxKind.Parameter,
  tsc.SyntaxKind.PropertyDeclaration,
  tsc.SyntaxKind.BinaryExpression,
  tsc.SyntaxKind.FunctionDeclaration,
  tsc.SyntaxKind.ArrowFunction,
  tsc.SyntaxKind.FunctionExpression,
  tsc.SyntaxKind.MethodDeclaration,
]);

/** Expressions of the return statements anywhere in a function body (nested callbacks included), in order; found once per body. */
const returns = new WeakMap<ts.Node, ts.Expression[]>();
function returnedExpressions(body: ts.Block): ts.Expression[] {
  let out = returns.get(body);
  if (!out) {
    const found: ts.Expression[] = [];
    walk(body, (m) => {
      if (tsc.isReturnStatement(m) && m.expression) found.push(m.expression);
    });
    returns.set(body, (out = found));
  }
  return out;
}

function functionName(n: ts.FunctionLikeDeclaration): string | undefined {
  if (n.name && tsc.isIdentifier(n.name)) return n.name.text;
  const p = n.parent;
  if (p && tsc.isVariableDeclaration(p) && tsc.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** Object literal behind an expression: the literal itself or a same-file const initializer. */
export function objectLiteralOf(f: JsFacts, e: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
  if (!e || depth > 3) return undefined;
  e = unwrap(e);
  if (tsc.isObjectLiteralExpression(e)) return e;
  if (tsc.isIdentifier(e)) {
    const v = f.values.get(e.text);
    return v ? objectLiteralOf(f, v, depth + 1) : undefined;
  }
  return undefined;
}

function requestObjects(f: JsFacts, arg: ts.Expression | undefined): ts.ObjectLiteralExpression[] {
  const out: ts.ObjectLiteralExpression[] = [];
  const add = (o: ts.ObjectLiteralExpression | undefined, depth: number) => {
    if (!o || out.includes(o) || depth > 3) return;
    out.push(o);
    for (const p of o.properties) if (tsc.isSpreadAssignment(p)) add(objectLiteralOf(f, p.expression), depth + 1);
  };
  add(objectLiteralOf(f, arg), 0);
  return out;
}

export function findProp(o: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return o.properties.find((p) => (tsc.isPropertyAssignment(p) || tsc.isShorthandPropertyAssignment(p) || tsc.isMethodDeclaration(p)) && propName(p.name) === name);
}

function construction(f: JsFacts, node: ts.NewExpression, azure: boolean, targetHost?: string): Construction {
  const options = objectLiteralOf(f, node.arguments?.[0]);
  if (node.arguments?.[0] && !options) {
    return { node, azure, status: 'unresolved' };
  }
  const prop = options ? (findProp(options, 'baseURL') ?? findProp(options, 'baseUrl') ?? findProp(options, 'basePath')) : undefined;
  const spread = options?.properties.some((p) => tsc.isSpreadAssignment(p));
  if (azure) {
    return { node, azure, status: 'azure', options };
  }
  if (!prop) {
    // A spread may carry the base URL from elsewhere.
    return { node, azure, status: spread ? 'unresolved' : 'openai', options };
  }
  const value = tsc.isPropertyAssignment(prop) ? prop.initializer : tsc.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
  if (!value) return { node, azure, status: 'unresolved', options };
  // basePath / baseUrl are not SDK options: the SDK ignores them and calls OpenAI.
  const misspelled = propName(prop.name) !== 'baseURL';
  const st = urlExprStatus(f, value, targetHost);
  return { node, azure, status: misspelled && st !== 'target' ? 'openai' : st, options, baseURL: value };
}

/** Status of a base-URL expression. */
export function urlExprStatus(f: JsFacts, e: ts.Expression, targetHost?: string, depth = 0): ClientStatus {
  e = unwrap(e);
  if (isStringLike(e)) return statusOfUrl(e.text, targetHost);
  if (tsc.isTemplateExpression(e)) {
    const head = e.head.text;
    if (/^https?:\/\//.test(head)) {
      const s = statusOfUrl(head.replace(/\/?$/, '/x'), targetHost);
      if (s !== 'unresolved') return s;
    }
    // `${process.env.AZURE_OPENAI_ENDPOINT}/openai/v1`
    const text = e.getText();
    if (/AZURE_OPENAI|openai\.azure\.com|\/openai\/deployments\//i.test(text)) return 'azure';
    return 'unresolved';
  }
  if (tsc.isBinaryExpression(e) && (e.operatorToken.kind === tsc.SyntaxKind.BarBarToken || e.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken)) {
    const l = urlExprStatus(f, e.left, targetHost, depth + 1);
    const r = urlExprStatus(f, e.right, targetHost, depth + 1);
    if (l === 'openai' || r === 'openai') return 'openai';
    if (l === r) return l;
    return l === 'unresolved' ? r : l;
  }
  const env = envName(e);
  if (env) {
    if (/^(OPENAI_(BASE_URL|API_BASE|API_HOST|BASE)|OPENAI_PROXY_URL)$/.test(env.replace(/^(NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_)/, ''))) return 'openai';
    if (/AZURE_OPENAI/.test(env)) return 'azure';
    return 'unresolved';
  }
  if (tsc.isIdentifier(e) && depth < 3) {
    const v = f.values.get(e.text);
    if (v) return urlExprStatus(f, v, targetHost, depth + 1);
  }
  return 'unresolved';
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X` -> X */
export function envName(e: ts.Expression): string | undefined {
  e = unwrap(e);
  const { base, names } = flattenAccess(e);
  if (names.length === 2 && names[0] === 'env' && tsc.isIdentifier(base) && (base.text === 'process' || base.text === 'Deno' || base.text === 'Bun')) return names[1];
  if (names.length === 2 && names[0] === 'env' && tsc.isMetaProperty(base)) return names[1];
  if (names.length === 1 && tsc.isPropertyAccessExpression(base) && tsc.isMetaProperty(base.expression)) return undefined;
  // env.X where `env` is bound to the environment: `function f(env = process.env)`,
  // `(env: NodeJS.ProcessEnv)`, `const env = process.env`.
  if (names.length === 1 && tsc.isIdentifier(base) && isEnvObject(base)) return names[0];
  return undefined;
}

const ENV_OBJECT = /^(process\.env|import\.meta\.env|Deno\.env|Bun\.env)$/;

/**
 * For a read `env.X` of an env object validated by a schema declared in this file: the schema entry
 * for X (`X: z.string().default(...)`), and for t3-env the `runtimeEnv` entry (`X: process.env.X`).
 */
export function envSchemaEntries(read: ts.Expression): { schema: ts.ObjectLiteralExpression; entries: ts.ObjectLiteralElementLike[] } | undefined {
  const r = unwrap(read);
  if (!tsc.isPropertyAccessExpression(r) || !tsc.isIdentifier(r.expression)) return undefined;
  const id = r.expression.text;
  let call: ts.Expression | undefined;
  walk(r.getSourceFile(), (n) => {
    if (!call && tsc.isVariableDeclaration(n) && tsc.isIdentifier(n.name) && n.name.text === id && n.initializer && envSchemaOf(n.initializer)) call = n.initializer;
  });
  return call ? schemaEntriesOf(call, r.name.text) : undefined;
}

/**
 * Env objects a module imports from another module of the run (`import { env } from './env'`, where
 * env.ts exports a schema-validated env object): by local name, the schema call in that module.
 * Set by the JS processor before analysis (src/lang/js/process.ts); `env.X` on them reads variable X.
 */
const IMPORTED_ENV = new WeakMap<ts.SourceFile, Map<string, ts.Expression>>();

export function setImportedEnvObjects(sf: ts.SourceFile, objects: Map<string, ts.Expression>): void {
  IMPORTED_ENV.set(sf, objects);
}

/** For a read `env.X` of an env object imported from another module: that module's schema entries for X (nodes of the other file). */
export function importedEnvSchemaEntries(read: ts.Expression): { schema: ts.ObjectLiteralExpression; entries: ts.ObjectLiteralElementLike[] } | undefined {
  const r = unwrap(read);
  if (!tsc.isPropertyAccessExpression(r) || !tsc.isIdentifier(r.expression)) return undefined;
  const call = IMPORTED_ENV.get(r.getSourceFile())?.get(r.expression.text);
  return call ? schemaEntriesOf(call, r.name.text) : undefined;
}

function schemaEntriesOf(call: ts.Expression, name: string): { schema: ts.ObjectLiteralExpression; entries: ts.ObjectLiteralElementLike[] } | undefined {
  const schema = envSchemaOf(call);
  if (!schema) return undefined;
  const entries: ts.ObjectLiteralElementLike[] = [];
  const own = findProp(schema, name);
  if (own) entries.push(own);
  const c = unwrap(call);
  if (tsc.isCallExpression(c) && c.arguments[0] && tsc.isObjectLiteralExpression(unwrap(c.arguments[0]))) {
    const rt = findProp(unwrap(c.arguments[0]) as ts.ObjectLiteralExpression, 'runtimeEnv');
    if (rt && tsc.isPropertyAssignment(rt) && tsc.isObjectLiteralExpression(unwrap(rt.initializer))) {
      const e = findProp(unwrap(rt.initializer) as ts.ObjectLiteralExpression, name);
      if (e) entries.push(e);
    }
  }
  return { schema, entries };
}

/**
 * The schema object of an env object validated from the environment: zod
 * `z.object({ OPENAI_API_KEY: z.string() }).parse(process.env)`, envalid `cleanEnv(process.env, { ... })`,
 * t3-env `createEnv({ server: { ... }, runtimeEnv: process.env })`. Its keys are environment variable
 * names, and `env.X` on the result reads variable X.
 */
export function envSchemaOf(init: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const e = unwrap(init);
  if (!tsc.isCallExpression(e)) return undefined;
  const isEnvArg = (a: ts.Expression) => ENV_OBJECT.test(unwrap(a).getText().replace(/\s/g, ''));
  const callee = e.expression;
  const fn = tsc.isIdentifier(callee) ? callee.text : tsc.isPropertyAccessExpression(callee) ? callee.name.text : '';
  // envalid: cleanEnv(process.env, { ... })
  if (fn === 'cleanEnv' && e.arguments[0] && isEnvArg(e.arguments[0]) && e.arguments[1] && tsc.isObjectLiteralExpression(unwrap(e.arguments[1])))
    return unwrap(e.arguments[1]) as ts.ObjectLiteralExpression;
  // zod: <schema>.parse(process.env), schema = z.object({ ... }) (possibly .extend/.strict/... chained)
  if (fn === 'parse' && tsc.isPropertyAccessExpression(callee) && e.arguments[0] && isEnvArg(e.arguments[0])) {
    for (let o: ts.Expression = unwrap(callee.expression); tsc.isCallExpression(o); ) {
      const c = o.expression;
      if (tsc.isPropertyAccessExpression(c) && c.name.text === 'object' && o.arguments[0] && tsc.isObjectLiteralExpression(unwrap(o.arguments[0])))
        return unwrap(o.arguments[0]) as ts.ObjectLiteralExpression;
      if (!tsc.isPropertyAccessExpression(c)) break;
      o = unwrap(c.expression);
    }
    return undefined;
  }
  // t3-env: createEnv({ server: { ... }, client: { ... }, runtimeEnv: process.env })
  if (fn === 'createEnv' && e.arguments[0] && tsc.isObjectLiteralExpression(unwrap(e.arguments[0]))) {
    const o = unwrap(e.arguments[0]) as ts.ObjectLiteralExpression;
    const server = findProp(o, 'server');
    if (server && tsc.isPropertyAssignment(server) && tsc.isObjectLiteralExpression(unwrap(server.initializer))) return unwrap(server.initializer) as ts.ObjectLiteralExpression;
  }
  return undefined;
}

/** Is this identifier a binding of the environment object (a parameter or const, nearest scope first)? */
export function isEnvObject(id: ts.Identifier): boolean {
  const name = id.text;
  const isEnvInit = (e: ts.Expression | undefined) => !!e && (ENV_OBJECT.test(unwrap(e).getText().replace(/\s/g, '')) || !!envSchemaOf(e));
  const isEnvType = (t: ts.TypeNode | undefined) => !!t && /\b(ProcessEnv|ImportMetaEnv)\b/.test(t.getText());
  for (let p: ts.Node | undefined = id.parent; p; p = p.parent) {
    if (tsc.isFunctionLike(p)) {
      for (const prm of p.parameters) {
        if (tsc.isIdentifier(prm.name) && prm.name.text === name) return isEnvInit(prm.initializer) || isEnvType(prm.type);
      }
    }
    if (tsc.isBlock(p) || tsc.isSourceFile(p) || tsc.isModuleBlock(p)) {
      for (const st of p.statements) {
        if (!tsc.isVariableStatement(st)) continue;
        for (const d of st.declarationList.declarations) {
          if (tsc.isIdentifier(d.name) && d.name.text === name) return isEnvInit(d.initializer) || isEnvType(d.type);
        }
      }
    }
  }
  // `import { env } from './env'`: a schema-validated env object of another module.
  return !!IMPORTED_ENV.get(id.getSourceFile())?.has(name);
}

function collectExports(f: JsFacts): void {
  const sf = f.sf;
  const factOf = (name: string): ExportFact | undefined => {
    const c = f.clients.get(name);
    if (c) return { kind: 'client', status: c };
    const fa = f.factories.get(name);
    if (fa) return { kind: 'factory', status: fa };
    const v = f.values.get(name);
    if (v) return { kind: 'value', node: v };
    return undefined;
  };
  for (const st of sf.statements) {
    const exported = tsc.canHaveModifiers(st) && tsc.getModifiers(st)?.some((m) => m.kind === tsc.SyntaxKind.ExportKeyword);
    const isDefault = tsc.canHaveModifiers(st) && tsc.getModifiers(st)?.some((m) => m.kind === tsc.SyntaxKind.DefaultKeyword);
    if (tsc.isVariableStatement(st) && exported) {
      for (const d of st.declarationList.declarations) {
        if (tsc.isIdentifier(d.name)) {
          const fact = factOf(d.name.text);
          if (fact) f.exports.set(d.name.text, fact);
        }
      }
    } else if (tsc.isFunctionDeclaration(st) && exported && st.name) {
      const fa = f.factories.get(st.name.text);
      if (fa) f.exports.set(isDefault ? 'default' : st.name.text, { kind: 'factory', status: fa });
    } else if (tsc.isExportAssignment(st)) {
      const e = unwrap(st.expression);
      const s = clientStatus(f, e);
      if (s) f.exports.set('default', { kind: 'client', status: s });
      else if (tsc.isIdentifier(e)) {
        const fact = factOf(e.text);
        if (fact) f.exports.set('default', fact);
      } else f.exports.set('default', { kind: 'value', node: e });
    } else if (tsc.isExportDeclaration(st)) {
      const spec = st.moduleSpecifier && isStringLike(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      if (st.exportClause && tsc.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const local = (el.propertyName ?? el.name).text;
          if (spec) f.reexports.push({ specifier: spec, imported: local, exported: el.name.text });
          else {
            const fact = factOf(local);
            if (fact) f.exports.set(el.name.text, fact);
            else if (f.imports.has(local)) {
              const b = f.imports.get(local)!;
              f.reexports.push({ specifier: b.specifier, imported: b.imported, exported: el.name.text });
            }
          }
        }
      } else if (spec && !st.exportClause) f.reexports.push({ specifier: spec, imported: '*', exported: '*' });
    } else if (tsc.isExpressionStatement(st)) {
      // module.exports = client / module.exports.x = client / exports.x = client
      const e = st.expression;
      if (tsc.isBinaryExpression(e) && e.operatorToken.kind === tsc.SyntaxKind.EqualsToken) {
        const { base, names } = flattenAccess(e.left);
        const isModExports = tsc.isIdentifier(base) && ((base.text === 'module' && names[0] === 'exports') || base.text === 'exports');
        if (!isModExports) continue;
        const exportName = base.text === 'module' ? (names[1] ?? 'default') : (names[0] ?? 'default');
        const s = clientStatus(f, e.right);
        if (s) f.exports.set(exportName, { kind: 'client', status: s });
        else if (tsc.isIdentifier(unwrap(e.right))) {
          const fact = factOf((unwrap(e.right) as ts.Identifier).text);
          if (fact) f.exports.set(exportName, fact);
        } else if (tsc.isObjectLiteralExpression(unwrap(e.right)) && exportName === 'default') {
          for (const p of (unwrap(e.right) as ts.ObjectLiteralExpression).properties) {
            const pn = propName(p.name);
            if (!pn) continue;
            const local = tsc.isShorthandPropertyAssignment(p)
              ? p.name.text
              : tsc.isPropertyAssignment(p) && tsc.isIdentifier(unwrap(p.initializer))
                ? (unwrap(p.initializer) as ts.Identifier).text
                : undefined;
            const fact = local ? factOf(local) : undefined;
            if (fact) f.exports.set(pn, fact);
            // module.exports = { llm: { model: 'gpt-4o' } }: an inline value other modules may read
            else if (!local && tsc.isPropertyAssignment(p)) {
              const cs = clientStatus(f, p.initializer);
              f.exports.set(pn, cs ? { kind: 'client', status: cs } : { kind: 'value', node: p.initializer });
            }
          }
        } else {
          // module.exports.config = { ... } / exports.MODEL = 'gpt-4o'
          f.exports.set(exportName, { kind: 'value', node: e.right });
        }
      }
    }
  }
}
