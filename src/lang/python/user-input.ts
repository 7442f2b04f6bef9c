import { flattenAttr, kids, stringValue, unparen, walk, type Node } from './parse.js';
import type { PyFacts } from './analyze.js';

/**
 * Where a client's key comes from the app's user at run time, followed through local names, parameters and
 * `self` fields of one module: a Streamlit `st.sidebar.text_input("OpenAI API Key", type="password")` (also with
 * `value=os.getenv(...)`: the user may still paste an OpenAI key), `input()`, `getpass()`, a Gradio callback's
 * parameter (every parameter of a function wired to a Gradio component is a component's value), a request header,
 * query or body field (a FastAPI `Header()`/`Body()` parameter, `request.headers[...]`, a route handler's
 * parameter). That key is an OpenAI key the user pasted: moving its client would send it to the provider, so the
 * client stays on OpenAI (analyze.ts appHeldKey). A key read from the environment or the app's secrets still moves.
 * Returns the expression the key comes from (for the follow-up), or undefined.
 */
export function userInputSource(f: PyFacts, v: Node, depth = 0): Node | undefined {
  if (depth > 4) return undefined;
  const u = unparen(v);
  switch (u.type) {
    case 'boolean_operator':
      return userInputSource(f, u.childForFieldName('left')!, depth + 1) ?? userInputSource(f, u.childForFieldName('right')!, depth + 1);
    case 'conditional_expression':
      for (const c of kids(u)) {
        const s = userInputSource(f, c, depth + 1);
        if (s) return s;
      }
      return undefined;
    case 'call': {
      const fn = u.childForFieldName('function');
      if (!fn) return undefined;
      if (isInputCall(f, fn)) return u;
      // `request.headers.get("x-openai-key")`, `request.get_json()["key"]`
      if (fn.type === 'attribute' && requestRead(fn.childForFieldName('object')!)) return u;
      // `x.strip()`, `str(x)`: the value passes through
      if (fn.type === 'attribute' && /^(strip|lstrip|rstrip|get)$/.test(fn.childForFieldName('attribute')?.text ?? '')) {
        const obj = fn.childForFieldName('object')!;
        if (fn.childForFieldName('attribute')?.text !== 'get') return userInputSource(f, obj, depth + 1);
        return sessionState(obj) && sessionValue(f, u, depth) ? u : undefined;
      }
      if (fn.type === 'identifier' && fn.text === 'str') {
        const a = u.childForFieldName('arguments')?.namedChild(0);
        return a ? userInputSource(f, a, depth + 1) : undefined;
      }
      return undefined;
    }
    case 'subscript':
    case 'attribute': {
      if (requestRead(u)) return u;
      const obj = u.childForFieldName(u.type === 'attribute' ? 'object' : 'value')!;
      if (sessionState(obj)) return sessionValue(f, u, depth) ? u : undefined;
      // `self.api_key` set in a method of the class from a value the user gave
      if (u.type === 'attribute' && unparen(obj).type === 'identifier' && unparen(obj).text === 'self') {
        const field = u.childForFieldName('attribute')!.text;
        for (const a of assignmentsTo(f.py.root, `self.${field}`)) {
          const s = userInputSource(f, a.value, depth + 1);
          if (s) return s;
        }
      }
      // `body.openai_api_key` on a route handler's request model or a Gradio callback's value
      const { base } = flattenAttr(u.type === 'attribute' ? u : obj);
      if (base.type === 'identifier' && base.text !== 'self') {
        for (let fn = enclosingFunction(u); fn; fn = enclosingFunction(fn)) {
          const p = parameterOf(fn, base.text);
          if (p) return entryParameter(f, fn, p) ? u : undefined;
        }
      }
      return undefined;
    }
    case 'identifier':
      return identifierSource(f, u, depth);
    default:
      return undefined;
  }
}

/** `st.text_input(...)`, `st.sidebar.text_input(...)`, `col.text_input(...)`, `input(...)`, `getpass(...)`, `getpass.getpass(...)`. */
function isInputCall(f: PyFacts, fn: Node): boolean {
  if (fn.type === 'identifier') {
    if (fn.text === 'input') return true;
    return fn.text === 'getpass' || f.imports.get(fn.text)?.module === 'getpass';
  }
  if (fn.type !== 'attribute') return false;
  const name = fn.childForFieldName('attribute')?.text ?? '';
  if (name === 'text_input' || name === 'chat_input') return /\bstreamlit\b/.test(f.py.text);
  return name === 'getpass' && flattenAttr(fn).base.text === 'getpass';
}

/** `request.headers[...]`, `request.json["key"]`, `req.query_params.get(...)`, `request.form`, `request.args`, `request.get_json()`. */
function requestRead(n: Node): boolean {
  let cur = unparen(n);
  while (cur.type === 'subscript' || cur.type === 'call') cur = unparen(cur.type === 'subscript' ? cur.childForFieldName('value')! : cur.childForFieldName('function')!);
  const text = cur.text.replace(/\s+/g, '');
  return /^(self\.)?(request|req)\.(headers|json|form|args|values|cookies|query_params|path_params|get_json|data|GET|POST|META)\b/.test(text);
}

/** `st.session_state` (or `streamlit.session_state`). */
function sessionState(n: Node): boolean {
  return /^(st|streamlit)\.session_state$/.test(unparen(n).text.replace(/\s+/g, ''));
}

/**
 * `st.session_state["openai_api_key"]`: set in the module from a value the user gave, or bound by a widget's
 * `key=` (`st.text_input("OpenAI API Key", key="openai_api_key")` stores what the user typed there).
 */
function sessionValue(f: PyFacts, n: Node, depth: number): boolean {
  const name = n.type === 'attribute' ? n.childForFieldName('attribute')?.text : stringValue(n.childForFieldName('subscript'));
  if (n.type === 'call') {
    const a = n.childForFieldName('arguments')?.namedChild(0);
    return !!a && sessionKeyFromUser(f, stringValue(a), depth);
  }
  return sessionKeyFromUser(f, name, depth);
}

function sessionKeyFromUser(f: PyFacts, name: string | undefined, depth: number): boolean {
  if (!name) return false;
  let hit = false;
  walk(f.py.root, (n) => {
    if (hit) return false;
    if (n.type === 'call' && isInputCall(f, n.childForFieldName('function')!) && stringValue(kwargValue(n, 'key')) === name) hit = true;
    else if (n.type === 'assignment') {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (!l || !r || !sessionState(l.childForFieldName(l.type === 'attribute' ? 'object' : 'value') ?? l)) return;
      const k = l.type === 'attribute' ? l.childForFieldName('attribute')?.text : stringValue(l.childForFieldName('subscript'));
      if (k === name && userInputSource(f, r, depth + 1)) hit = true;
    }
  });
  return hit;
}

function kwargValue(call: Node, name: string): Node | undefined {
  for (const a of kids(call.childForFieldName('arguments') ?? call)) if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value') ?? undefined;
  return undefined;
}

/** `name = value` statements whose target is exactly `target` (plain or annotated), under `root`. */
function assignmentsTo(root: Node, target: string): Array<{ stmt: Node; value: Node }> {
  const out: Array<{ stmt: Node; value: Node }> = [];
  walk(root, (n) => {
    if (n.type !== 'assignment') return;
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (l && r && l.text.replace(/\s+/g, '') === target) out.push({ stmt: n, value: r });
  });
  return out;
}

function enclosingFunction(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

/** A local name: its assignments in the enclosing function before the use, else a parameter, else the module's binding. */
function identifierSource(f: PyFacts, id: Node, depth: number): Node | undefined {
  const name = id.text;
  for (let fn = enclosingFunction(id); fn; fn = enclosingFunction(fn)) {
    const body = fn.childForFieldName('body');
    const local = body ? assignmentsTo(body, name).filter((a) => a.stmt.startIndex < id.startIndex && enclosingFunction(a.stmt)?.id === fn.id) : [];
    if (local.length) {
      for (const a of local) {
        const s = userInputSource(f, a.value, depth + 1);
        if (s) return s;
      }
      return undefined;
    }
    const param = parameterOf(fn, name);
    if (param) return parameterSource(f, fn, param, depth);
  }
  // module level: every assignment of the name outside functions
  for (const a of assignmentsTo(f.py.root, name)) {
    if (enclosingFunction(a.stmt)) continue;
    const s = userInputSource(f, a.value, depth + 1);
    if (s) return s;
  }
  return undefined;
}

interface Param {
  node: Node;
  index: number;
  default?: Node;
}

function parameterOf(fn: Node, name: string): Param | undefined {
  const params = kids(fn.childForFieldName('parameters')!);
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? kids(p).find((c) => c.type === 'identifier'));
    if (id?.text === name) return { node: p, index: i, default: p.childForFieldName('value') ?? undefined };
  }
  return undefined;
}

const ROUTE_DECORATOR = /^@\s*\w+(\.\w+)*\.(get|post|put|patch|delete|route|websocket|api_route)\s*\(/;
const GRADIO_EVENT = /^(click|submit|change|input|then|success|upload|select|blur|load|stream|like|release)$/;

function parameterSource(f: PyFacts, fn: Node, p: Param, depth: number): Node | undefined {
  // FastAPI `x_openai_key: str = Header(...)` / `Body(...)` / `Form(...)` / `Query(...)` / `Cookie(...)`
  const d = p.default ? unparen(p.default) : undefined;
  const dfn = d?.type === 'call' ? d.childForFieldName('function') : undefined;
  if (dfn && /^(fastapi\.)?(Header|Body|Form|Query|Cookie)$/.test(dfn.text)) return d;
  if (dfn && /^(fastapi\.)?(Depends|Security)$/.test(dfn.text)) return undefined;
  const name = fn.childForFieldName('name')?.text ?? '';
  if (entryParameter(f, fn, p)) return p.node;
  // a helper: what its callers in this module pass
  if (!name || depth > 3) return undefined;
  const cls = name === '__init__' ? enclosingClassName(fn) : undefined;
  const method = fn.parent?.type === 'block' && fn.parent.parent?.type === 'class_definition';
  const shift = method ? 1 : 0;
  const pname = p.node.type === 'identifier' ? p.node.text : (p.node.childForFieldName('name') ?? kids(p.node).find((c) => c.type === 'identifier'))?.text;
  let found: Node | undefined;
  walk(f.py.root, (n) => {
    if (found) return false;
    if (n.type !== 'call') return;
    const callee = n.childForFieldName('function');
    const ok = cls ? callee?.text === cls : callee?.type === 'identifier' ? callee.text === name : callee?.type === 'attribute' && method && callee.childForFieldName('attribute')?.text === name;
    if (!ok) return;
    const args = kids(n.childForFieldName('arguments')!);
    const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === pname);
    const pos = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment')[p.index - shift];
    const arg = kw?.childForFieldName('value') ?? (pos && pos.type !== 'list_splat' && pos.type !== 'dictionary_splat' ? pos : undefined);
    if (arg) found = userInputSource(f, arg, depth + 1);
  });
  return found;
}

/** A route handler's parameter (a query, path or body field of the request) or a Gradio callback's (a component's value). */
function entryParameter(f: PyFacts, fn: Node, p: Param): boolean {
  const d = p.default ? unparen(p.default) : undefined;
  if (d?.type === 'call' && /^(fastapi\.)?(Depends|Security)$/.test(d.childForFieldName('function')?.text ?? '')) return false;
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  if (decorated && kids(decorated).some((c) => c.type === 'decorator' && ROUTE_DECORATOR.test(c.text))) return true;
  return /\bgradio\b/.test(f.py.text) && gradioCallback(f, fn.childForFieldName('name')?.text ?? '');
}

function enclosingClassName(fn: Node): string | undefined {
  for (let p = fn.parent; p; p = p.parent) if (p.type === 'class_definition') return p.childForFieldName('name')?.text;
  return undefined;
}

/** The function is handed to Gradio: `gr.ChatInterface(fn, ...)`, `btn.click(fn, inputs=[...])`, `fn=respond`. */
function gradioCallback(f: PyFacts, name: string): boolean {
  if (!name) return false;
  let hit = false;
  walk(f.py.root, (n) => {
    if (hit) return false;
    if (n.type !== 'call') return;
    const callee = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    if (!callee || !args) return;
    const event = callee.type === 'attribute' && GRADIO_EVENT.test(callee.childForFieldName('attribute')?.text ?? '');
    const gr = /^(gr|gradio)\./.test(callee.text);
    if (!event && !gr) return;
    for (const a of kids(args)) {
      const v = a.type === 'keyword_argument' ? (a.childForFieldName('name')?.text === 'fn' ? a.childForFieldName('value') : undefined) : a;
      if (v && unparen(v).text === name) hit = true;
    }
  });
  return hit;
}

/**
 * `os.environ["OPENAI_API_KEY"] = openai_api_key` with a value the user entered (a common Streamlit shape before
 * `OpenAI()` or `ChatOpenAI()` with no key): clients of the module that read OPENAI_API_KEY read the user's key.
 */
export function userEnvKeyWrite(f: PyFacts): { stmt: Node; value: Node } | undefined {
  if (!/OPENAI_API_KEY["']\s*\]\s*=[^=]/.test(f.py.text)) return undefined;
  let hit: { stmt: Node; value: Node } | undefined;
  walk(f.py.root, (n) => {
    if (hit) return false;
    if (n.type !== 'assignment') return;
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (l?.type !== 'subscript' || !r || !/^(os\.)?environ$/.test(l.childForFieldName('value')?.text ?? '') || stringValue(l.childForFieldName('subscript')) !== 'OPENAI_API_KEY') return;
    if (userInputSource(f, r)) hit = { stmt: n, value: r };
  });
  return hit;
}
