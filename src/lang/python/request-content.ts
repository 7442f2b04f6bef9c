import type { PyFacts, PyCall } from './analyze.js';
import { dictOf, dictPairs } from './analyze.js';
import { pyLiteral as literal, stringValue, unparen, walk, type Node } from './parse.js';
import { isOff, type StreamState, type ThinkingState } from '../../rules/thinking.js';
import type { ProviderProfile } from '../../providers/types.js';
import { jsonModeRule } from '../../rules/json-mode.js';
import { AUDIO_PART_TYPES, FILE_PART_TYPES, IMAGE_PART_TYPES, type Presence, type RequestContent } from '../../rules/content.js';

/**
 * Python twin of src/lang/js/request-content.ts: what a call's `messages`/`input` carry, following
 * a name to its assignment and `.append(...)` calls in this file; `unknown` for anything else.
 */
export function pyRequestContent(f: PyFacts, root: Node, c: PyCall): RequestContent {
  const found = { image: false, audio: false, file: false, unknown: false };
  const kw = (k: string) => c.kwargs.get(k)?.childForFieldName('value') ?? c.dicts.flatMap((d) => dictPairs(d)).find((p) => p.key === k)?.value;
  const tools = !!(kw('tools') ?? kw('functions'));
  for (const k of ['messages', 'input']) {
    const v = kw(k);
    if (v) scan(f, root, v, found, 0);
  }
  const of = (yes: boolean): Presence => (yes ? 'yes' : found.unknown ? 'unknown' : 'no');
  return { image: of(found.image), audio: of(found.audio), file: of(found.file), tools, imageShapesNearby: /\b(image_url|input_image)\b/.test(root.text) };
}

type Found = { image: boolean; audio: boolean; file: boolean; unknown: boolean };

function scan(f: PyFacts, root: Node, n: Node, found: Found, depth: number): void {
  if (depth > 8) return void (found.unknown = true);
  n = unparen(n);
  if (n.type === 'string' || n.type === 'concatenated_string' || n.type === 'integer' || n.type === 'float') return;
  if (n.type === 'list' || n.type === 'tuple') {
    for (const el of n.namedChildren) if (el && el.type !== 'comment') scan(f, root, el.type === 'list_splat' ? el.namedChildren[0]! : el, found, depth + 1);
    return;
  }
  if (n.type === 'dictionary') {
    for (const p of dictPairs(n)) {
      if (p.key === 'type') {
        const v = stringValue(p.value);
        if (v && IMAGE_PART_TYPES.has(v)) found.image = true;
        if (v && AUDIO_PART_TYPES.has(v)) found.audio = true;
        if (v && FILE_PART_TYPES.has(v)) found.file = true;
      } else if (p.key === 'image_url') found.image = true;
      else if (p.key === 'input_audio') found.audio = true;
      else if (p.key === 'content') scan(f, root, p.value, found, depth + 1);
    }
    return;
  }
  if (n.type === 'identifier') {
    const init = f.values.get(n.text);
    if (!init) return void (found.unknown = true);
    scan(f, root, init, found, depth + 1);
    for (const arg of appended(root, n.text)) scan(f, root, arg, found, depth + 1);
    return;
  }
  if (n.type === 'conditional_expression') {
    for (const k of n.namedChildren) if (k) scan(f, root, k, found, depth + 1);
    return;
  }
  found.unknown = true;
}

function appended(root: Node, name: string): Node[] {
  const out: Node[] = [];
  walk(root, (n) => {
    if (n.type !== 'call') return;
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'attribute') return;
    const obj = fn.childForFieldName('object');
    const attr = fn.childForFieldName('attribute')?.text;
    if (obj?.type === 'identifier' && obj.text === name && (attr === 'append' || attr === 'extend' || attr === 'insert')) {
      const args = n.childForFieldName('arguments');
      for (const a of args?.namedChildren ?? []) if (a && a.type !== 'comment' && a.type !== 'keyword_argument') out.push(a);
    }
  });
  return out;
}

/** String nodes a call's `model` reaches in this file (literal, conditional, `or`, a module constant). */
export function pyModelLiterals(f: PyFacts, c: PyCall): { lits: Node[]; complete: boolean; at?: Node } {
  const v = c.kwargs.get('model')?.childForFieldName('value') ?? c.dicts.flatMap((d) => dictPairs(d)).find((p) => p.key === 'model')?.value;
  return { ...(v ? pyValueLiterals(f, v) : { lits: [], complete: true }), at: v ?? undefined };
}

/**
 * The string literals a value can hold, through conditionals, `or` and names bound in the module;
 * `complete` is false when some part is computed (a parameter, a call, an attribute).
 */
export function pyValueLiterals(f: PyFacts, v: Node): { lits: Node[]; complete: boolean } {
  const lits: Node[] = [];
  let complete = true;
  const go = (n: Node, depth: number): void => {
    if (depth > 8) {
      complete = false;
      return;
    }
    n = unparen(n);
    if (stringValue(n) !== undefined) lits.push(n);
    else if (n.type === 'conditional_expression') {
      const kids = n.namedChildren.filter((k): k is Node => !!k);
      // `a if cond else b`: the first and last children are the values
      go(kids[0]!, depth + 1);
      go(kids[kids.length - 1]!, depth + 1);
    } else if (n.type === 'boolean_operator') {
      go(n.childForFieldName('left')!, depth + 1);
      go(n.childForFieldName('right')!, depth + 1);
    } else if (n.type === 'identifier' && f.values.get(n.text)) go(f.values.get(n.text)!, depth + 1);
    else complete = false;
  };
  go(v, 0);
  return { lits, complete };
}

/** A literal bool, string, or dict of these as JSON; undefined when computed. */
function pyJson(n: Node): unknown {
  const u = unparen(n);
  if (u.type === 'dictionary') {
    const out: Record<string, unknown> = {};
    for (const p of dictPairs(u)) {
      const v = pyJson(p.value);
      if (v === undefined) return undefined;
      out[p.key] = v;
    }
    return out;
  }
  const l = literal(u);
  return typeof l === 'number' ? undefined : l;
}

/** The provider's thinking switch in `extra_body` or a `**payload` dict: absent, off, on, or computed. */
export function pyThinkingState(f: PyFacts, prov: ProviderProfile, c: PyCall): ThinkingState {
  const t = prov.requestRules.thinking;
  if (!t) return 'absent';
  const ebv = c.kwargs.get('extra_body')?.childForFieldName('value');
  const eb = dictOf(f, ebv);
  const dicts = [
    ...(eb ? [eb] : []),
    ...c.dicts,
    ...c.dicts.flatMap((d) =>
      dictPairs(d)
        .filter((p) => p.key === 'extra_body')
        .map((p) => dictOf(f, p.value))
        .filter((x): x is Node => !!x),
    ),
  ];
  for (const d of dicts) {
    const p = dictPairs(d).find((x) => x.key === t.field);
    if (!p) continue;
    const v = pyJson(p.value);
    return v === undefined ? 'unknown' : isOff(prov, v) ? 'off' : 'on';
  }
  return ebv && !eb ? 'unknown' : 'absent';
}

/** `stream=True` -> yes; absent or `False` -> no; computed -> unknown. */
export function pyStreamState(c: PyCall): StreamState {
  const v = c.kwargs.get('stream')?.childForFieldName('value') ?? c.dicts.flatMap((d) => dictPairs(d)).find((p) => p.key === 'stream')?.value;
  // A `**kwargs` splat the analysis could not resolve may carry `stream`.
  const splats = c.node.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type === 'dictionary_splat').length ?? 0;
  if (!v) return splats > c.dicts.length ? 'unknown' : 'no';
  const l = literal(v);
  return l === true ? 'yes' : l === false ? 'no' : 'unknown';
}

/**
 * `self.model` (or `cls.model`) inside a class: the one value the class gives that attribute, from a
 * class-level `model = ...` or `self.model = ...` in its methods (every assignment: each is a value the
 * request may send); empty when the expression is not such an attribute (Python twin of the JS `thisField`).
 */
export function pySelfField(e: Node): Node[] {
  const u = unparen(e);
  if (u.type !== 'attribute') return [];
  const obj = u.childForFieldName('object');
  const name = u.childForFieldName('attribute')?.text;
  if (!name || (obj?.text !== 'self' && obj?.text !== 'cls')) return [];
  let cls: Node | null = u.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const body = cls?.childForFieldName('body');
  if (!body) return [];
  const inits: Node[] = [];
  walk(body, (n) => {
    // Nested classes have their own attributes.
    if (n.type === 'class_definition' && n.id !== cls!.id) return false;
    if (n.type !== 'assignment') return;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return;
    const classLevel = left.type === 'identifier' && left.text === name && n.parent?.parent?.id === body.id;
    const onSelf = left.type === 'attribute' && left.childForFieldName('object')?.text === 'self' && left.childForFieldName('attribute')?.text === name;
    if (classLevel || onSelf) inits.push(right);
  });
  return inits;
}

/**
 * Python twin of jsonObjectPlan (src/lang/js/request-content.ts): a `json_schema` request the provider's JSON
 * mode can serve (src/rules/json-mode.ts): `chat.completions.create` (never `.parse()`) with keyword arguments
 * `response_format={"type": "json_schema", "json_schema": {"schema": X, ...}}` and `messages=[...]` (a list
 * literal). Returns the `response_format` keyword, its value, the schema expression and the messages list.
 */
export function pyJsonObjectPlan(prov: ProviderProfile, c: PyCall): { rf: Node; value: Node; schema: Node; messages: Node } | undefined {
  if (!jsonModeRule(prov) || c.endpoint !== 'chat' || c.path[c.path.length - 1] !== 'create') return undefined;
  const rf = c.kwargs.get('response_format');
  const rv = rf?.childForFieldName('value');
  const v = rv ? unparen(rv) : undefined;
  if (!rf || !rv || v?.type !== 'dictionary') return undefined;
  const pairs = dictPairs(v);
  if (!pairs.some((x) => x.key === 'type' && stringValue(x.value) === 'json_schema')) return undefined;
  const js = pairs.find((x) => x.key === 'json_schema')?.value;
  const jv = js ? unparen(js) : undefined;
  const schema = jv?.type === 'dictionary' ? dictPairs(jv).find((x) => x.key === 'schema')?.value : undefined;
  const m = c.kwargs.get('messages')?.childForFieldName('value');
  const messages = m ? unparen(m) : undefined;
  if (!schema || messages?.type !== 'list') return undefined;
  return { rf, value: rv, schema, messages };
}

/**
 * Assistant dicts with `tool_calls` rebuilt by hand (`{"role": "assistant", "content": m.content, "tool_calls": m.tool_calls}`):
 * the dict, the returned message it copies (`m`, when `tool_calls` reads it) and whether it has a key.
 * The twin of handBuiltAssistantMessages (src/lang/js/request-content.ts); what they need is roundTripNeed.
 */
export function pyHandBuiltAssistantMessages(root: Node): Array<{ node: Node; source?: Node; mentions: (field: string) => boolean }> {
  const out: Array<{ node: Node; source?: Node; mentions: (field: string) => boolean }> = [];
  walk(root, (n) => {
    if (n.type !== 'dictionary') return;
    const pairs = dictPairs(n);
    if (stringValue(pairs.find((x) => x.key === 'role')?.value) !== 'assistant') return;
    const calls = pairs.find((x) => x.key === 'tool_calls');
    if (!calls) return;
    const v = unparen(calls.value);
    const source = v.type === 'attribute' && v.childForFieldName('attribute')?.text === 'tool_calls' ? (v.childForFieldName('object') ?? undefined) : undefined;
    out.push({ node: n, source, mentions: (field) => pairs.some((x) => x.key === field) });
  });
  return out;
}

/** An embeddings call's `dimensions` (absent, a literal, computed) and input count (a literal list's length, one string, or run time): the twin of embeddingRequestShape. */
export function pyEmbeddingRequestShape(f: PyFacts, c: PyCall): { dims: 'absent' | 'computed' | number; inputs: number | 'single' | 'runtime'; dimsArg?: Node; inputArg?: Node } {
  const dk = c.kwargs.get('dimensions');
  const dv = dk?.childForFieldName('value');
  const dl = dv ? literal(dv) : undefined;
  const ik = c.kwargs.get('input');
  const iv = ik?.childForFieldName('value');
  let inputs: number | 'single' | 'runtime' = 'single';
  if (iv) {
    const x = unparen(iv);
    const init = x.type === 'identifier' ? f.values.get(x.text) : undefined;
    const list = x.type === 'list' ? x : init && unparen(init).type === 'list' ? unparen(init) : undefined;
    if (list) inputs = list.namedChildren.filter((k) => k && k.type !== 'comment').length;
    else if (stringValue(x) !== undefined || x.type === 'string' || (init && stringValue(init) !== undefined)) inputs = 'single';
    else inputs = 'runtime';
  }
  return { dims: !dk ? 'absent' : typeof dl === 'number' ? dl : 'computed', inputs, dimsArg: dk, inputArg: ik };
}

/** A width name: `EMBEDDING_DIM`, `EMBED_DIMENSIONS`, `vector_dims`. */
const WIDTH_NAME = /(^|_|[a-z])(dim|dims|dimension|dimensions)$/i;

/**
 * The vector width a Python file's store declares, when it declares exactly one: `vector(1536)` in SQL
 * text, pgvector's `Vector(1536)`, a module constant named like a width (`EMBEDDING_DIM = 1536`).
 */
export function pyStoredVectorWidth(f: PyFacts, root: Node): { width: number; what: string } | undefined {
  const found = new Map<number, string>();
  walk(root, (n) => {
    if (n.type === 'string') {
      for (const m of n.text.matchAll(/\bvector\s*\(\s*(\d+)\s*\)/gi)) found.set(Number(m[1]), m[0]);
    } else if (n.type === 'call' && /(^|\.)Vector$/.test(n.childForFieldName('function')?.text ?? '')) {
      const a = n.childForFieldName('arguments')?.namedChildren.find((k) => k && k.type !== 'comment');
      const v = a ? literal(a) : undefined;
      if (typeof v === 'number') found.set(v, `Vector(${v})`);
    }
  });
  for (const [name, v] of f.values) {
    const x = WIDTH_NAME.test(name) ? literal(v) : undefined;
    if (typeof x === 'number') found.set(x, `${name} = ${x}`);
  }
  if (found.size !== 1) return undefined;
  const [width, what] = [...found][0]!;
  return { width, what };
}
