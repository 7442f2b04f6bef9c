import { msg, type Text } from '../../../i18n/msg.js';
import type { MigrateContext } from '../../../engine/types.js';
import type { ts } from 'ts-morph';
import { tsc } from '../ts.js';
import { shortName, type ProviderProfile, type ResolvedTarget } from '../../../providers/index.js';
import { eolAt, indentAt } from '../../../engine/text.js';
import { isSupported, unsupportedReason, type EndpointKind } from '../../../rules/endpoints.js';
import { MARKER_TAG, markerText } from '../../../rules/markers.js';
import { paramAction, paramClamped, paramRemoved, paramRenamed, resultFollowUp } from '../../../rules/params.js';
import { tierLabel } from '../../../rules/models.js';
import { collectModelSites, type ModelSiteResult } from '../model-sites.js';
import type { JsContext } from '../context.js';
import { removeProperties, renameKey, replaceStringContent } from '../edit.js';
import { enclosingStatement, isStringLike, literalValue, propName, unwrap } from '../parse.js';
export { literalValue };

/**
 * Helpers shared by the wrapper transforms (openai v3, LangChain, AI SDK, raw
 * HTTP, model-bound code): model mapping with the core's rules, parameter
 * rules from `src/rules/params.ts`, marker comments placed once per statement.
 * State per file lives in a WeakMap so transforms stay independent.
 */
interface WrapperState {
  /** Literals already mapped (by any wrapper transform). */
  mapped: Set<ts.Node>;
  /** Statement starts that got a marker in this run. */
  marked: Set<number>;
  /** Model sites for files the core does not treat as OpenAI users. */
  sites?: ModelSiteResult;
  /** The file holds wrapper or raw-HTTP OpenAI usage. */
  usesWrapper: boolean;
}

const STATE = new WeakMap<JsContext, WrapperState>();

export function state(ctx: JsContext): WrapperState {
  let s = STATE.get(ctx);
  if (!s) STATE.set(ctx, (s = { mapped: new Set(), marked: new Set(), usesWrapper: false }));
  return s;
}

/** The file is done: its state (which holds syntax nodes) goes, as its tree does; the engine keeps the context until the run ends. */
export function forgetState(ctx: JsContext): void {
  STATE.delete(ctx);
}

/** Say that the file uses OpenAI through a wrapper (so model-named places get mapped too). */
export function markWrapperUse(ctx: JsContext): void {
  state(ctx).usesWrapper = true;
}

/** Is this literal handled by the core's map-model-ids transform? */
function coreSite(ctx: JsContext, n: ts.Node): boolean {
  return ctx.models_.sites.some((s) => s.lit === n);
}

/** String literals an expression can evaluate to: the literal, a same-file const, both arms of `?:`, `||`, `??`. */
export function modelLiterals(ctx: MigrateContext<JsContext>, e: ts.Expression | undefined, depth = 0): Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral> {
  if (!e || depth > 5) return [];
  e = unwrap(e);
  if (isStringLike(e)) return [e];
  if (tsc.isConditionalExpression(e)) return [...modelLiterals(ctx, e.whenTrue, depth + 1), ...modelLiterals(ctx, e.whenFalse, depth + 1)];
  if (tsc.isBinaryExpression(e) && [tsc.SyntaxKind.BarBarToken, tsc.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
    return [...modelLiterals(ctx, e.left, depth + 1), ...modelLiterals(ctx, e.right, depth + 1)];
  }
  if (tsc.isIdentifier(e)) {
    const v = ctx.facts.values.get(e.text);
    return v ? modelLiterals(ctx, v, depth + 1) : [];
  }
  return [];
}

/** The provider model a model expression ends up as (first literal, mapped), for per-model parameter rules. */
export function targetModelOf(ctx: MigrateContext<JsContext>, e: ts.Expression | undefined): string | undefined {
  const lit = modelLiterals(ctx, e)[0];
  if (!lit) return undefined;
  return ctx.models.lookup(lit.text)?.target ?? lit.text;
}

/**
 * Map one model literal with the core's rules: OpenAI id -> provider id by
 * tier (change), embeddings -> re-embed follow-up, no equivalent -> follow-up.
 * Literals the core transform already handles are skipped (no double edit).
 */
export function mapModelLiteral(ctx: MigrateContext<JsContext>, lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, transform: string): void {
  const st = state(ctx);
  if (st.mapped.has(lit) || coreSite(ctx, lit)) return;
  st.mapped.add(lit);
  const m = ctx.models.lookup(lit.text);
  if (!m) return;
  const t = ctx.target;
  if (m.target) {
    if (m.target === lit.text) return;
    replaceStringContent(ctx.edits, lit, m.target);
    ctx.change('model', lit.getStart(), msg('model.mapped', { from: lit.text, to: m.target, tier: tierLabel(m.tier) }), { transform, from: lit.text, to: m.target });
    if (m.tier === 'embeddingSmall' || m.tier === 'embeddingLarge') {
      ctx.followUp(lit.getStart(), msg('model.embeddingChanged', { from: lit.text, to: m.target }), msg('model.embeddingChanged.todo'));
    }
  } else {
    ctx.followUp(
      lit.getStart(),
      m.tier === 'fine-tuned' ? msg('model.fineTuned', { id: lit.text }) : msg('model.noTierModel', { provider: shortName(t.provider), tier: tierLabel(m.tier), id: lit.text }),
      msg('model.noEquivalent.choose', { id: lit.text }),
    );
  }
}

/** Map every model literal behind an expression. */
export function mapModelExpr(ctx: MigrateContext<JsContext>, e: ts.Expression | undefined, transform: string): void {
  for (const lit of modelLiterals(ctx, e)) mapModelLiteral(ctx, lit, transform);
}

/** Mark literals the caller must not map (e.g. inside a call left on OpenAI). */
export function skipLiterals(ctx: JsContext, node: ts.Node): void {
  const st = state(ctx);
  const visit = (n: ts.Node): void => {
    if (isStringLike(n)) st.mapped.add(n);
    tsc.forEachChild(n, visit);
  };
  visit(node);
}

/**
 * Model sites of a file that uses OpenAI only through wrappers (the core maps
 * model-named places only in files that use the SDK): computed with the core's
 * collector as if the file used the SDK.
 */
export function wrapperSites(ctx: JsContext): ModelSiteResult | undefined {
  const st = state(ctx);
  if (ctx.usesOpenAI || !st.usesWrapper) return undefined;
  st.sites ??= collectModelSites(ctx.facts, { usesOpenAI: true, exportedNames: new Set() });
  return st.sites;
}

/**
 * Insert `// TODO(openai-migrate): <reason>; <action>.` once above the
 * statement holding `node`, and record the follow-up. Idempotent: a marker
 * already on the line above (from an earlier run) is not repeated.
 */
export function addMarker(ctx: MigrateContext<JsContext>, node: ts.Node, reason: Text, action: Text, transform: string, followUp = true): void {
  if (followUp) ctx.followUp(node.getStart(), reason, action);
  const st = enclosingStatement(node);
  if (!st) return;
  const text = ctx.file.text;
  const at = st.getStart();
  const s = state(ctx);
  if (s.marked.has(at)) return;
  s.marked.add(at);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const prevLineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  if (lineStart > 0 && text.slice(prevLineStart, lineStart).includes(MARKER_TAG)) return;
  // The core's endpoint marker may already go on this line in this run.
  if (ctx.edits.all().some((e) => e.start === e.end && (e.start === lineStart || e.start === at) && e.text.includes(MARKER_TAG))) return;
  const ind = indentAt(text, at);
  const eol = eolAt(text, at);
  const comment = `// ${markerText(ctx, reason, action)}`;
  if (/^[ \t]*$/.test(text.slice(lineStart, at))) ctx.edits.add(lineStart, lineStart, ind + comment + eol);
  else ctx.edits.add(at, at, comment + eol + ind);
  ctx.change('marker', node.getStart(), msg('marker.addedHere', { reason }), { transform });
}

/** Drop follow-ups another transform left inside `node` (the marker's follow-up replaces them: one per site). */
export function dropFollowUpsWithin(ctx: MigrateContext<JsContext>, node: ts.Node, pattern: RegExp): void {
  const from = ctx.lines.pos(node.getStart()).line;
  const to = ctx.lines.pos(node.end).line;
  for (let i = ctx.followUps.length - 1; i >= 0; i--) {
    const f = ctx.followUps[i]!;
    if (f.line >= from && f.line <= to && pattern.test(f.reason)) ctx.followUps.splice(i, 1);
  }
}

/**
 * Apply the provider's parameter rules to a request-shaped object literal.
 * `names` maps the literal's keys to the OpenAI wire names the rules use
 * (LangChain's `topP` -> `top_p`) and back for renames; keys not in `names`
 * are taken as wire names when `wire` is true, else skipped.
 */
export function adjustParams(
  ctx: MigrateContext<JsContext>,
  obj: ts.ObjectLiteralExpression,
  model: string | undefined,
  transform: string,
  opts: { names?: Record<string, string>; wire: boolean; skip?: ReadonlySet<string>; remove?: ReadonlySet<ts.ObjectLiteralElementLike>; target?: ResolvedTarget },
): Set<ts.ObjectLiteralElementLike> {
  // A routed construction (--route) follows the routed provider's rules.
  const t = opts.target ?? ctx.target;
  const text = ctx.file.text;
  const toWire = (k: string) => opts.names?.[k] ?? (opts.wire ? k : undefined);
  const fromWire = (w: string) => (opts.names ? Object.entries(opts.names).find(([, v]) => v === w)?.[0] : undefined) ?? (opts.wire ? w : undefined);
  const present = new Set<string>();
  for (const p of obj.properties) {
    const k = propName(p.name);
    const w = k ? toWire(k) : undefined;
    if (w) present.add(w);
  }
  // Removals the caller planned on the same literal go in the same removeProperties call.
  const drop = new Set<ts.ObjectLiteralElementLike>(opts.remove ?? []);
  for (const p of obj.properties) {
    if (drop.has(p)) continue;
    if (!tsc.isPropertyAssignment(p) && !tsc.isShorthandPropertyAssignment(p)) continue;
    const key = propName(p.name);
    if (!key || opts.skip?.has(key)) continue;
    const name = toWire(key);
    if (!name || name === 'model' || name === 'messages') continue;
    const value = tsc.isPropertyAssignment(p) ? literalValue(p.initializer) : undefined;
    const a = paramAction(t.provider, name, value, model, present);
    switch (a.kind) {
      case 'keep':
        break;
      case 'drop': {
        drop.add(p);
        ctx.change('param-drop', p.getStart(), paramRemoved(key, a.reason), { transform });
        const fu = resultFollowUp(key, a);
        if (fu) ctx.followUp(p.getStart(), fu.reason, fu.action);
        break;
      }
      case 'rename': {
        const to = fromWire(a.to);
        if (!to) break;
        renameKey(text, ctx.edits, p, to);
        ctx.change('param-rename', p.getStart(), paramRenamed(key, to, a.reason), { transform });
        break;
      }
      case 'set':
        if (tsc.isPropertyAssignment(p)) {
          const v = p.initializer;
          const q = text[v.getStart()]!;
          const newText = typeof a.value === 'number' ? String(a.value) : q + a.value + q;
          ctx.edits.add(v.getStart(), v.end, newText);
          ctx.change('param-clamp', p.getStart(), paramClamped(key, v.getText(), newText, a.reason), { transform });
          const fu = resultFollowUp(key, a, v.getText(), newText);
          if (fu) ctx.followUp(p.getStart(), fu.reason, fu.action);
        }
        break;
      case 'followUp':
        ctx.followUp(p.getStart(), a.reason, a.action);
        break;
    }
  }
  removeProperties(text, ctx.edits, obj, drop);
  return drop;
}

/** Property assignment by name (first match). */
export function prop(o: ts.ObjectLiteralExpression, ...names: string[]): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
  for (const n of names) {
    const p = o.properties.find((x) => (tsc.isPropertyAssignment(x) || tsc.isShorthandPropertyAssignment(x)) && propName(x.name) === n);
    if (p) return p as ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
  }
  return undefined;
}

/** Value expression of a property (the name itself for shorthand). */
export function valueOf(p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined): ts.Expression | undefined {
  if (!p) return undefined;
  return tsc.isPropertyAssignment(p) ? p.initializer : p.name;
}

/**
 * Why a call on `endpoint` with this model cannot be migrated, or undefined:
 * the provider lacks the endpoint, or the model (a literal) has no equivalent.
 */
export function blockedReason(ctx: MigrateContext<JsContext>, endpoint: EndpointKind, model: ts.Expression | undefined, provider?: ProviderProfile): { reason: Text; action: Text } | undefined {
  const p = provider ?? ctx.target.provider;
  if (!isSupported(p, endpoint)) return unsupportedReason(p, endpoint);
  for (const lit of modelLiterals(ctx, model)) {
    const hit = ctx.models.lookup(lit.text);
    if (hit && !hit.target) {
      return {
        reason: msg('model.noTierModel', { provider: shortName(p), tier: tierLabel(hit.tier), id: lit.text }),
        action: msg('model.chooseOne', { id: lit.text }),
      };
    }
  }
  return undefined;
}

/** Follow-ups the core leaves on model literals it could not map ("has no ... model to replace"). */
export const MODEL_FOLLOWUP = /has no .* model to replace|cannot be mapped|embedding model changed/;
