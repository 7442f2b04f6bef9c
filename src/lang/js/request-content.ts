import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import type { JsFacts } from './analyze.js';
import { flattenAccess, isStringLike, literalValue, propName, unwrap, walk } from './parse.js';
import { AUDIO_PART_TYPES, FILE_PART_TYPES, IMAGE_PART_TYPES, type Presence, type RequestContent } from '../../rules/content.js';
import { isOff, type StreamState, type ThinkingState } from '../../rules/thinking.js';
import type { ProviderProfile } from '../../providers/types.js';

/**
 * What a request's messages carry (image / audio parts), as far as the file shows: the
 * `messages` (or Responses `input`) literal, or a variable it names whose initializer and
 * `.push(...)` calls are in this file. A message from a parameter, a call result or another
 * module makes the answer `unknown` unless a known part already says `yes`.
 */
export function requestContent(f: JsFacts, requests: readonly ts.ObjectLiteralExpression[]): RequestContent {
  const found = { image: false, audio: false, file: false, unknown: false };
  let tools = false;
  for (const req of requests) {
    for (const p of req.properties) {
      const name = propName(p.name);
      if ((name === 'tools' || name === 'functions') && (tsc.isPropertyAssignment(p) || tsc.isShorthandPropertyAssignment(p))) tools = true;
      if (name !== 'messages' && name !== 'input') continue;
      if (tsc.isPropertyAssignment(p)) scan(f, p.initializer, found, 0, new Set());
      else if (tsc.isShorthandPropertyAssignment(p)) scan(f, p.name, found, 0, new Set());
    }
  }
  const of = (yes: boolean): Presence => (yes ? 'yes' : found.unknown ? 'unknown' : 'no');
  const text = f.sf.text;
  return { image: of(found.image), audio: of(found.audio), file: of(found.file), tools, imageShapesNearby: /\b(image_url|input_image)\b/.test(text) };
}

type Found = { image: boolean; audio: boolean; file: boolean; unknown: boolean };

function scan(f: JsFacts, e: ts.Expression, found: Found, depth: number, seen: Set<ts.Node>): void {
  if (depth > 8 || seen.has(e)) {
    found.unknown = true;
    return;
  }
  seen.add(e);
  e = unwrap(e);
  if (isStringLike(e) || tsc.isTemplateExpression(e) || tsc.isNumericLiteral(e)) return;
  if (tsc.isArrayLiteralExpression(e)) {
    for (const el of e.elements) scan(f, tsc.isSpreadElement(el) ? el.expression : el, found, depth + 1, seen);
    return;
  }
  if (tsc.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (tsc.isSpreadAssignment(p)) {
        scan(f, p.expression, found, depth + 1, seen);
        continue;
      }
      const name = propName(p.name);
      if (tsc.isPropertyAssignment(p)) {
        const v = unwrap(p.initializer);
        if (name === 'type' && isStringLike(v)) {
          if (IMAGE_PART_TYPES.has(v.text)) found.image = true;
          if (AUDIO_PART_TYPES.has(v.text)) found.audio = true;
          if (FILE_PART_TYPES.has(v.text)) found.file = true;
        } else if (name === 'image_url' || name === 'input_audio') {
          // `{ image_url: { url } }` without a type still carries the part
          if (name === 'image_url') found.image = true;
          else found.audio = true;
        } else if (name === 'content' || name === 'parts') scan(f, p.initializer, found, depth + 1, seen);
      } else if (tsc.isShorthandPropertyAssignment(p) && (name === 'content' || name === 'parts')) scan(f, p.name, found, depth + 1, seen);
    }
    return;
  }
  if (tsc.isIdentifier(e) && stringParameter(e)) return;
  if (tsc.isIdentifier(e) || tsc.isPropertyAccessExpression(e)) {
    const def = definition(f, e);
    if (!def) {
      found.unknown = true;
      return;
    }
    scan(f, def, found, depth + 1, seen);
    // `messages.push({...})` on the same variable in this file
    if (tsc.isIdentifier(e)) for (const arg of pushed(f.sf, e.text)) scan(f, arg, found, depth + 1, seen);
    return;
  }
  if (tsc.isConditionalExpression(e)) {
    scan(f, e.whenTrue, found, depth + 1, seen);
    scan(f, e.whenFalse, found, depth + 1, seen);
    return;
  }
  found.unknown = true;
}

/** `q` declared as a `string` parameter of an enclosing function: text, not parts. */
export function stringParameter(id: ts.Identifier): boolean {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (tsc.isFunctionLike(n)) {
      const p = n.parameters.find((x) => tsc.isIdentifier(x.name) && x.name.text === id.text);
      if (p) return !!p.type && p.type.kind === tsc.SyntaxKind.StringKeyword;
    }
  }
  return false;
}

function definition(f: JsFacts, e: ts.Expression): ts.Expression | undefined {
  const { base, names } = flattenAccess(e);
  if (!tsc.isIdentifier(base)) return undefined;
  let cur = f.values.get(base.text);
  for (const n of names) {
    const o = cur ? unwrap(cur) : undefined;
    if (!o || !tsc.isObjectLiteralExpression(o)) return undefined;
    const p = o.properties.find((x) => propName(x.name) === n);
    cur = p && tsc.isPropertyAssignment(p) ? p.initializer : undefined;
  }
  return cur;
}

function pushed(sf: ts.SourceFile, name: string): ts.Expression[] {
  const out: ts.Expression[] = [];
  walk(sf, (n) => {
    if (!tsc.isCallExpression(n) || !tsc.isPropertyAccessExpression(n.expression)) return;
    const obj = unwrap(n.expression.expression);
    if (tsc.isIdentifier(obj) && obj.text === name && ['push', 'unshift'].includes(n.expression.name.text)) out.push(...n.arguments);
  });
  return out;
}

/**
 * The string literals a request's `model` expression reaches inside this file (direct, ternary
 * branches, `||`/`??`, consts and object properties, `this.x` fields), for per-request model choice.
 * `complete` is false when some value comes from elsewhere (another module, a parameter).
 */
export function modelLiterals(f: JsFacts, e: ts.Expression): { lits: Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral>; complete: boolean } {
  const lits: Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral> = [];
  let complete = true;
  const go = (x: ts.Expression, depth: number): void => {
    if (depth > 8) {
      complete = false;
      return;
    }
    x = unwrap(x);
    if (isStringLike(x)) {
      lits.push(x);
    } else if (tsc.isConditionalExpression(x)) {
      go(x.whenTrue, depth + 1);
      go(x.whenFalse, depth + 1);
    } else if (tsc.isBinaryExpression(x) && (x.operatorToken.kind === tsc.SyntaxKind.BarBarToken || x.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken)) {
      go(x.left, depth + 1);
      go(x.right, depth + 1);
    } else {
      const d = thisField(x) ?? (tsc.isIdentifier(x) || tsc.isPropertyAccessExpression(x) ? definition(f, x) : undefined);
      if (d) go(d, depth + 1);
      else complete = false;
    }
  };
  go(e, 0);
  return { lits, complete };
}

/**
 * `this.model` inside a class: the field's initializer (`model = 'gpt-4o'`) or the one
 * constructor assignment (`this.model = 'gpt-4o'`), when there is exactly one.
 */
export function thisField(e: ts.Expression): ts.Expression | undefined {
  if (!tsc.isPropertyAccessExpression(e) || e.expression.kind !== tsc.SyntaxKind.ThisKeyword) return undefined;
  const name = e.name.text;
  let cls: ts.Node | undefined = e.parent;
  while (cls && !tsc.isClassDeclaration(cls) && !tsc.isClassExpression(cls)) cls = cls.parent;
  if (!cls) return undefined;
  const c = cls as ts.ClassLikeDeclaration;
  const inits: ts.Expression[] = [];
  for (const m of c.members) {
    if (tsc.isPropertyDeclaration(m) && propName(m.name) === name && m.initializer) inits.push(m.initializer);
    if (tsc.isConstructorDeclaration(m) && m.body) {
      walk(m.body, (n) => {
        if (tsc.isBinaryExpression(n) && n.operatorToken.kind === tsc.SyntaxKind.EqualsToken) {
          const l = n.left;
          if (tsc.isPropertyAccessExpression(l) && l.expression.kind === tsc.SyntaxKind.ThisKeyword && l.name.text === name) inits.push(n.right);
        }
      });
    }
  }
  return inits.length === 1 ? inits[0] : undefined;
}

/** The property setting this field, directly or in a spread object literal. */
function fieldValue(o: ts.ObjectLiteralExpression, field: string): ts.ObjectLiteralElementLike | undefined {
  for (const p of o.properties) {
    if (propName(p.name) === field) return p;
    const s = tsc.isSpreadAssignment(p) ? unwrap(p.expression) : undefined;
    const inner = s && tsc.isObjectLiteralExpression(s) ? fieldValue(s, field) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** What the request says about the provider's thinking switch (requestRules.thinking). */
export function thinkingState(prov: ProviderProfile, requests: readonly ts.ObjectLiteralExpression[]): ThinkingState {
  const t = prov.requestRules.thinking;
  if (!t) return 'absent';
  for (const r of requests) {
    const p = fieldValue(r, t.field);
    if (!p) continue;
    if (!tsc.isPropertyAssignment(p)) return 'unknown';
    const v = jsonValue(p.initializer);
    if (v === undefined) return 'unknown';
    return isOff(prov, v) ? 'off' : 'on';
  }
  return 'absent';
}

/** A literal boolean, string, or object of string/boolean literals as JSON; undefined when computed. */
function jsonValue(e: ts.Expression): unknown {
  const x = unwrap(e);
  if (x.kind === tsc.SyntaxKind.TrueKeyword) return true;
  if (x.kind === tsc.SyntaxKind.FalseKeyword) return false;
  if (isStringLike(x)) return (x as ts.StringLiteral).text;
  if (!tsc.isObjectLiteralExpression(x)) return undefined;
  const out: Record<string, unknown> = {};
  for (const p of x.properties) {
    const k = propName(p.name);
    if (!k || !tsc.isPropertyAssignment(p)) return undefined;
    const v = jsonValue(p.initializer);
    if (v === undefined) return undefined;
    out[k] = v;
  }
  return out;
}

/** `stream: true` -> yes; absent or `false` -> no; computed -> unknown. */
export function streamState(requests: readonly ts.ObjectLiteralExpression[]): StreamState {
  for (const r of requests) {
    const p = fieldValue(r, 'stream');
    if (!p) continue;
    if (!tsc.isPropertyAssignment(p)) return 'unknown';
    const v = jsonValue(p.initializer);
    return v === true ? 'yes' : v === false ? 'no' : 'unknown';
  }
  return 'no';
}

/**
 * A `json_schema` request the provider's JSON mode can serve (requestRules.jsonObject, structured
 * outputs not served): `chat.completions.create` (never `.parse()`, which reads the schema back) with
 * `response_format: { type: 'json_schema', json_schema: { schema: X } }` and a `messages` array literal
 * in the same object. Returns the property, the schema expression and the messages array.
 */
export function jsonObjectPlan(
  prov: ProviderProfile,
  c: { endpoint: string; path: string[]; requests: readonly ts.ObjectLiteralExpression[] },
): { rf: ts.PropertyAssignment; schema: ts.Expression; messages: ts.ArrayLiteralExpression } | undefined {
  if (!prov.requestRules.jsonObject || prov.endpoints.jsonSchema === 'yes' || prov.endpoints.jsonObject !== 'yes') return undefined;
  if (c.endpoint !== 'chat' || c.path[c.path.length - 1] !== 'create' || c.requests.length !== 1) return undefined;
  const req = c.requests[0]!;
  const prop = (o: ts.ObjectLiteralExpression, n: string) => {
    const x = o.properties.find((y) => propName(y.name) === n);
    return x && tsc.isPropertyAssignment(x) ? x : undefined;
  };
  const rf = prop(req, 'response_format');
  const v = rf ? unwrap(rf.initializer) : undefined;
  if (!rf || !v || !tsc.isObjectLiteralExpression(v)) return undefined;
  const type = prop(v, 'type');
  if (!type || !isStringLike(unwrap(type.initializer)) || (unwrap(type.initializer) as ts.StringLiteral).text !== 'json_schema') return undefined;
  const js = prop(v, 'json_schema');
  const jv = js ? unwrap(js.initializer) : undefined;
  const schema = jv && tsc.isObjectLiteralExpression(jv) ? prop(jv, 'schema')?.initializer : undefined;
  const m = prop(req, 'messages');
  const messages = m ? unwrap(m.initializer) : undefined;
  if (!schema || !messages || !tsc.isArrayLiteralExpression(messages)) return undefined;
  return { rf, schema, messages };
}

/**
 * Assistant messages with `tool_calls` rebuilt by hand (`{ role: 'assistant', content: m.content, tool_calls: m.tool_calls }`):
 * the object, the returned message it copies (`m`, when `tool_calls` reads it) and whether it names a field.
 * What they need is `roundTripNeed` (src/rules/thinking.ts); migrate and the `--provider` lint both use this.
 */
export function handBuiltAssistantMessages(sf: ts.SourceFile): Array<{ node: ts.ObjectLiteralExpression; source?: ts.Expression; mentions: (field: string) => boolean }> {
  const out: Array<{ node: ts.ObjectLiteralExpression; source?: ts.Expression; mentions: (field: string) => boolean }> = [];
  walk(sf, (n) => {
    if (!tsc.isObjectLiteralExpression(n)) return;
    const role = n.properties.find((x) => propName(x.name) === 'role');
    if (!role || !tsc.isPropertyAssignment(role) || !isStringLike(unwrap(role.initializer)) || (unwrap(role.initializer) as ts.StringLiteral).text !== 'assistant') return;
    const calls = n.properties.find((x) => propName(x.name) === 'tool_calls');
    if (!calls || !tsc.isPropertyAssignment(calls)) return;
    const v = unwrap(calls.initializer);
    const source = tsc.isPropertyAccessExpression(v) && v.name.text === 'tool_calls' ? v.expression : undefined;
    out.push({ node: n, source, mentions: (field) => mentionsField(n, field) });
  });
  return out;
}

/** Whether an object literal has a property `field`, also inside a spread object literal (`...{ field: x }`). */
export function mentionsField(o: ts.ObjectLiteralExpression, field: string): boolean {
  return o.properties.some((p) => {
    if (propName(p.name) === field) return true;
    const s = tsc.isSpreadAssignment(p) ? unwrap(p.expression) : undefined;
    return !!s && tsc.isObjectLiteralExpression(s) && mentionsField(s, field);
  });
}

/** An embeddings request's `dimensions` (absent, a literal, computed) and input count (a literal list's length, one string, or run time). */
export function embeddingRequestShape(req: ts.ObjectLiteralExpression): {
  dims: 'absent' | 'computed' | number;
  inputs: number | 'single' | 'runtime';
  dimsProp?: ts.ObjectLiteralElementLike;
  inputProp?: ts.ObjectLiteralElementLike;
} {
  const dimsProp = req.properties.find((x) => propName(x.name) === 'dimensions');
  const dv = dimsProp && tsc.isPropertyAssignment(dimsProp) ? literalValue(dimsProp.initializer) : undefined;
  const inputProp = req.properties.find((x) => propName(x.name) === 'input');
  let inputs: number | 'single' | 'runtime' = 'single';
  if (inputProp && tsc.isPropertyAssignment(inputProp)) {
    const v = unwrap(inputProp.initializer);
    const single = isStringLike(v) || tsc.isTemplateExpression(v) || (tsc.isIdentifier(v) && stringParameter(v));
    inputs = tsc.isArrayLiteralExpression(v) ? v.elements.length : single ? 'single' : 'runtime';
  }
  return { dims: !dimsProp ? 'absent' : typeof dv === 'number' ? dv : 'computed', inputs, dimsProp, inputProp };
}

/** A width name: `EMBEDDING_DIM`, `EMBED_DIMENSIONS`, `vectorDims`. */
const WIDTH_NAME = /(^|_|[a-z])(dim|dims|dimension|dimensions)$/i;

/**
 * The vector width a file's store declares, when it declares exactly one: `vector(1536)` in SQL text,
 * drizzle's `vector('embedding', { dimensions: 1536 })`, a const named like a width (`EMBEDDING_DIM = 1536`).
 */
export function storedVectorWidth(sf: ts.SourceFile): { width: number; what: string } | undefined {
  const found = new Map<number, string>();
  walk(sf, (n) => {
    if (isStringLike(n) || tsc.isTemplateHead(n) || tsc.isTemplateMiddle(n) || tsc.isTemplateTail(n)) {
      for (const m of n.text.matchAll(/\bvector\s*\(\s*(\d+)\s*\)/gi)) found.set(Number(m[1]), m[0]);
    } else if (tsc.isCallExpression(n) && tsc.isIdentifier(n.expression) && n.expression.text === 'vector') {
      const o = n.arguments[1] && unwrap(n.arguments[1]);
      const d = o && tsc.isObjectLiteralExpression(o) ? o.properties.find((x) => propName(x.name) === 'dimensions') : undefined;
      const v = d && tsc.isPropertyAssignment(d) ? literalValue(d.initializer) : undefined;
      if (typeof v === 'number') found.set(v, `vector(..., { dimensions: ${v} })`);
    } else if (tsc.isVariableDeclaration(n) && tsc.isIdentifier(n.name) && WIDTH_NAME.test(n.name.text) && n.initializer) {
      const v = literalValue(n.initializer);
      if (typeof v === 'number') found.set(v, `${n.name.text} = ${v}`);
    }
  });
  if (found.size !== 1) return undefined;
  const [width, what] = [...found][0]!;
  return { width, what };
}
