import { pyRouteOfCall } from './routing.js';
import { pyJsonObjectPlan } from './request-content.js';
import type { Text } from '../../i18n/msg.js';
import { eolAt, indentAt, quote } from '../../engine/text.js';
import { shortName } from '../../providers/index.js';
import { featureGap, isSupported, support, unsupportedReason } from '../../rules/endpoints.js';
import { MARKER_TAG, markerText } from '../../rules/markers.js';
import { tierLabel } from '../../rules/models.js';
import { dictPairs, type PyCall } from './analyze.js';
import type { EnvStyle, PyContext } from './context.js';
import type { MigrateContext } from '../../engine/types.js';
import { kids, stringValue, unparen, walk, type Node, type PyTree } from './parse.js';
import { msg } from '../../i18n/msg.js';

/** How a file reads environment variables, by what it already uses. */
export function envStyleOf(py: PyTree): EnvStyle {
  const t = py.text;
  const count = (re: RegExp) => (t.match(re) ?? []).length;
  const environ = count(/\bos\.environ\[/g);
  const getenv = count(/\bos\.getenv\(/g);
  const get = count(/\bos\.environ\.get\(/g);
  if (environ || getenv || get) {
    // the most used form; os.environ[...] on a tie (it fails loudly when the key is missing)
    if (getenv > environ && getenv >= get) return 'getenv';
    if (get > environ && get > getenv) return 'environ.get';
    return 'environ';
  }
  if (/^\s*from\s+os\s+import\s+[^\n]*\bgetenv\b/m.test(t)) return 'bare-getenv';
  if (/^\s*from\s+os\s+import\s+[^\n]*\benviron\b/m.test(t)) return 'bare-environ';
  return 'environ';
}

/** Is `name` bound by a top-level import (import os / import os.path / from x import name)? */
function importBinds(py: PyTree, name: string): boolean {
  let hit = false;
  walk(py.root, (n) => {
    if (hit) return false;
    if (n.type === 'import_statement') {
      for (const c of kids(n)) {
        if (c.type === 'dotted_name' && c.text.split('.')[0] === name) hit = true;
        if (c.type === 'aliased_import' && c.childForFieldName('alias')?.text === name) hit = true;
      }
    } else if (n.type === 'import_from_statement') {
      for (const c of n.childrenForFieldName('name')) {
        if (!c) continue;
        const local = c.type === 'aliased_import' ? c.childForFieldName('alias')?.text : c.text;
        if (local === name) hit = true;
      }
    }
  });
  return hit;
}

/** Ask for an import line; it is added once, after the imports that precede `at`. */
export function needImport(ctx: PyContext, line: string, binds: string, at: number): void {
  if (binds && importBinds(ctx.py, binds)) return;
  const have = ctx.needImports.find((x) => x.line === line);
  if (have) have.firstUse = Math.min(have.firstUse, at);
  else ctx.needImports.push({ line, binds, firstUse: at });
}

/** An expression reading the provider key variable, in the file's style (`import os` added when needed). */
export function keyExpr(ctx: MigrateContext<PyContext>, at: number, name = ctx.target.apiKeyEnv): string {
  const q = quote(name, ctx.q);
  switch (ctx.envStyle) {
    case 'bare-getenv':
      return `getenv(${q})`;
    case 'bare-environ':
      return `environ[${q}]`;
    default:
      needImport(ctx, 'import os', 'os', at);
      return ctx.envStyle === 'getenv' ? `os.getenv(${q})` : ctx.envStyle === 'environ.get' ? `os.environ.get(${q})` : `os.environ[${q}]`;
  }
}

/** The provider base URL as a string literal. */
export const baseUrlLit = (ctx: MigrateContext<PyContext>) => quote(ctx.target.baseURL, ctx.q);

/** End of the line holding `pos` (before its line break). */
export function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/**
 * Insert the requested import lines: after the last top-level import that
 * comes before their first use, else at the top (after the docstring and
 * leading comments). Runs after all transforms.
 */
export function insertImports(ctx: PyContext): void {
  if (!ctx.needImports.length) return;
  const text = ctx.py.text;
  const firstUse = Math.min(...ctx.needImports.map((x) => x.firstUse));
  const rank = (l: string) => (l.startsWith('import ') ? 0 : l.startsWith('from ') ? 1 : 2);
  const lines = [...ctx.needImports].sort((a, b) => rank(a.line) - rank(b.line)).map((x) => x.line);
  const top = kids(ctx.py.root);
  let anchor: Node | undefined;
  for (const st of top) {
    if (ctx.py.start(st) > firstUse) break;
    if (isImportLike(st)) anchor = st;
  }
  const eol = eolAt(text, 0);
  if (anchor) {
    const at = lineEnd(text, ctx.py.end(anchor));
    ctx.edits.add(at, at, lines.map((l) => eol + l).join(''));
  } else {
    const first = top.find((st) => st.type !== 'comment' && !(st.type === 'expression_statement' && st.namedChild(0)?.type === 'string'));
    const doc = top.find((st) => st.type === 'expression_statement' && st.namedChild(0)?.type === 'string');
    if (doc && (!first || ctx.py.start(doc) < ctx.py.start(first))) {
      const at = lineEnd(text, ctx.py.end(doc));
      ctx.edits.add(at, at, eol + lines.map((l) => eol + l).join(''));
    } else if (first) {
      const at = ctx.py.start(first);
      ctx.edits.add(at, at, lines.map((l) => l + eol).join('') + eol);
    } else {
      ctx.edits.add(text.length, text.length, (text.length && !text.endsWith('\n') ? eol : '') + lines.map((l) => l + eol).join(''));
    }
  }
  for (const l of lines) if (rank(l) < 2) ctx.change('import', anchor ? ctx.py.end(anchor) : 0, msg('imports.added', { line: l }), { transform: 'add-imports' });
}

/** Imports, and try/if blocks that only import (guarded imports). */
function isImportLike(st: Node): boolean {
  if (st.type === 'import_statement' || st.type === 'import_from_statement' || st.type === 'future_import_statement') return true;
  if (st.type === 'try_statement') {
    const body = st.childForFieldName('body');
    return !!body && kids(body).length > 0 && kids(body).every((k) => isImportLike(k) || k.type === 'comment');
  }
  return false;
}

/** Remove a whole statement (its lines); a statement alone in its block becomes `pass`. */
export function removeStatement(ctx: PyContext, st: Node): void {
  const text = ctx.py.text;
  const block = st.parent;
  const siblings = block ? kids(block).filter((k) => k.type !== 'comment') : [];
  if (block?.type === 'block' && siblings.length === 1) {
    ctx.edits.add(ctx.py.start(st), ctx.py.end(st), 'pass');
    return;
  }
  const s = text.lastIndexOf('\n', ctx.py.start(st) - 1) + 1;
  const onlyIndentBefore = /^[ \t]*$/.test(text.slice(s, ctx.py.start(st)));
  const nl = text.indexOf('\n', ctx.py.end(st));
  const restBlank = /^[ \t\r]*(#[^\n]*)?$/.test(text.slice(ctx.py.end(st), nl < 0 ? text.length : nl));
  if (onlyIndentBefore && restBlank) ctx.edits.add(s, nl < 0 ? text.length : nl + 1, '');
  else ctx.edits.add(ctx.py.start(st), ctx.py.end(st), 'pass');
}

/** Insert a line of code (or a comment) above a statement, at its indentation. */
export function insertAbove(ctx: PyContext, st: Node, line: string): void {
  const text = ctx.py.text;
  const at = ctx.py.start(st);
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  const eol = eolAt(text, at);
  if (/^[ \t]*$/.test(text.slice(ls, at))) ctx.edits.add(ls, ls, indentAt(text, at) + line + eol);
  else ctx.edits.add(at, at, line + eol + indentAt(text, at));
}

/** Insert a line of code below a statement, at its indentation. */
export function insertBelow(ctx: PyContext, st: Node, line: string): void {
  const text = ctx.py.text;
  const at = lineEnd(text, ctx.py.end(st));
  ctx.edits.add(at, at, eolAt(text, at) + indentAt(text, ctx.py.start(st)) + line);
}

/** Put a `# TODO(openai-migrate): ...` marker once above a statement; true when placed now. */
export function markStatement(ctx: MigrateContext<PyContext>, st: Node, reason: Text, action: Text, marked: Set<number>): boolean {
  const text = ctx.py.text;
  const at = ctx.py.start(st);
  if (marked.has(at)) return false;
  marked.add(at);
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  const prev = text.lastIndexOf('\n', ls - 2) + 1;
  if (ls > 0 && text.slice(prev, ls).includes(MARKER_TAG)) return false;
  insertAbove(ctx, st, `# ${markerText(ctx, reason, action)}`);
  return true;
}

/** Why a call cannot be migrated automatically, or undefined when it can. */
export function blockedCall(ctx: MigrateContext<PyContext>, c: PyCall): { reason: Text; action: Text } | undefined {
  // A call moved onto a routed provider's client (--route) is checked against that provider.
  const p = pyRouteOfCall(ctx, c)?.target.provider ?? ctx.target.provider;
  if (c.client === 'other' || c.client === 'unresolved' || c.endpoint === 'other') return undefined;
  if (!isSupported(p, c.endpoint)) return unsupportedReason(p, c.endpoint);
  // legacy v0 calls name the model with engine= (or deployment_id=) until replace-legacy-engine runs
  const kw = c.kwargs.get('model') ?? c.kwargs.get('engine') ?? c.kwargs.get('deployment_id');
  const m = stringValue(kw?.childForFieldName('value'));
  const hit = m ? ctx.models.lookup(m) : undefined;
  if (m && hit && !hit.target) {
    return {
      reason: msg('model.noTierModel', { provider: shortName(p), tier: tierLabel(hit.tier), id: m }),
      // --model removes this marker: only suggest it where the endpoint is fully served
      action:
        support(p, c.endpoint) === 'yes'
          ? msg('model.chooseOne', { id: m })
          : msg('model.checkServes', { provider: shortName(p), note: p.endpointNotes[c.endpoint as keyof typeof p.endpointNotes] ?? 'partly documented', id: m }),
    };
  }
  return undefined;
}

/**
 * The SDK's structured-output helpers: `chat.completions.parse` / `responses.parse` (`beta.` too: the path
 * has it stripped) with a format to parse into (`response_format=`, `text_format=`) or a `**payload` the
 * tool cannot see into. Another object's `.parse()` is not structured output.
 */
function isStructuredParse(c: PyCall): boolean {
  const p = c.path.join('.');
  if (p !== 'chat.completions.parse' && p !== 'responses.parse') return false;
  if (c.kwargs.has('response_format') || c.kwargs.has('text_format')) return true;
  const args = c.node.childForFieldName('arguments');
  const splats = args ? args.namedChildren.filter((a) => a?.type === 'dictionary_splat') : [];
  if (!splats.length) return false;
  // `**payload`: decided by the dicts it resolves to, or fired when one cannot be seen.
  if (c.dicts.length < splats.length) return true;
  return c.dicts.some((d) => dictPairs(d).some((x) => x.key === 'response_format' || x.key === 'text_format'));
}

/**
 * A feature of a served endpoint the call uses and the provider lacks (profile `no`/`unknown`):
 * structured outputs (`.parse()`, `response_format={"type": "json_schema", ...}`, `text_format=`),
 * image edits and variations.
 */
export function featureGapOfCall(ctx: MigrateContext<PyContext>, c: PyCall): { reason: Text; action: Text } | undefined {
  const p = pyRouteOfCall(ctx, c)?.target.provider ?? ctx.target.provider;
  if (c.client === 'other' || c.client === 'unresolved' || c.module) return undefined;
  const leaf = c.path[c.path.length - 1];
  if (c.path[0] === 'images' && (leaf === 'edit' || leaf === 'create_variation')) return featureGap(p, 'imageEdits');
  if (c.endpoint !== 'chat' && c.endpoint !== 'responses') return undefined;
  if (isStructuredParse(c) || c.kwargs.has('text_format')) return featureGap(p, 'jsonSchema');
  const rf = c.kwargs.get('response_format')?.childForFieldName('value');
  const v = rf ? unparen(rf) : undefined;
  // A request the provider's JSON mode serves is rewritten by adjust-request-params (pyJsonObjectPlan).
  if (v?.type === 'dictionary' && dictPairs(v).some((x) => x.key === 'type' && stringValue(x.value) === 'json_schema'))
    return c.client !== 'target' && pyJsonObjectPlan(p, c) ? undefined : featureGap(p, 'jsonSchema');
  if (v?.type === 'call' && /type_to_response_format_param$/.test(v.childForFieldName('function')?.text ?? '')) return featureGap(p, 'jsonSchema');
  return undefined;
}
