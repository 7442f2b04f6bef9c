import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import type { MigrateContext } from '../../engine/types.js';
import type { JsContext } from './context.js';
import { isStringLike } from './parse.js';
import { msg } from '../../i18n/msg.js';
import { shortName } from '../../providers/index.js';
import { isModelLookupTable } from '../../rules/models.js';

/** Per context: each array literal judged once (and its follow-up said once), whichever transform asks first. */
const judged = new WeakMap<object, Map<ts.Node, boolean>>();

/**
 * Is this model literal an entry of a lookup table (capabilities, prices, a UI's list of OpenAI models) rather than a
 * configured choice? Then it stays as it is, with one follow-up per table: mapped, its entries collapse onto a few
 * provider ids (ChatGPTNextWeb/NextChat's `openaiModels` became 32 copies of two ids) or stop matching what the code
 * tests. Asked by map-model-ids and by mark-model-bound-code (files that reach OpenAI through raw HTTP or wrappers).
 */
export function inModelTable(ctx: MigrateContext<JsContext>, lit: ts.Node): boolean {
  // `MODEL_TOKEN_LIMITS = { 'gpt-4': 8192, 'gpt-4-32k': 32768, ... }`: the keys of an object keyed by ids.
  const keyOf = lit.parent && tsc.isPropertyAssignment(lit.parent) && lit.parent.name === lit ? lit.parent.parent : undefined;
  if (keyOf && tsc.isObjectLiteralExpression(keyOf)) return objectKeyedByIds(ctx, keyOf);
  const arr = lit.parent;
  if (!arr || !tsc.isArrayLiteralExpression(arr)) return false;
  let tables = judged.get(ctx);
  if (!tables) judged.set(ctx, (tables = new Map()));
  const known = tables.get(arr);
  if (known !== undefined) return known;
  const values = arr.elements.filter(isStringLike).map((e) => e.text);
  const table =
    values.length === arr.elements.length &&
    (membershipTable(ctx, arr) ||
      isModelLookupTable(values, (v) => {
        const m = ctx.models.lookup(v);
        return m ? m.target : undefined;
      }));
  tables.set(arr, table);
  if (table) ctx.followUp(arr.getStart(), msg('model.lookupTable'), msg('model.lookupTable.todo', { provider: shortName(ctx.target.provider) }));
  return table;
}

/**
 * An array the code tests membership in (`VISION_MODELS.includes(model)`, `new Set([...])`, `new Set(NAME)`): a lookup
 * table whatever its size. Mapped, the single `['gpt-4o']` stopped matching the configured `gpt-4o`.
 */
function membershipTable(ctx: MigrateContext<JsContext>, arr: ts.ArrayLiteralExpression): boolean {
  let at: ts.Node = arr;
  while (tsc.isAsExpression(at.parent) || tsc.isSatisfiesExpression(at.parent) || tsc.isParenthesizedExpression(at.parent)) at = at.parent;
  if (isSet(at.parent)) return true;
  const decl = at.parent;
  if (!tsc.isVariableDeclaration(decl) || !tsc.isIdentifier(decl.name)) return false;
  let tested = testedNames.get(ctx);
  if (!tested) testedNames.set(ctx, (tested = namesTestedIn(ctx.sf)));
  return tested.has(decl.name.text);
}

const isSet = (n: ts.Node) => tsc.isNewExpression(n) && /^(Readonly)?Set$/.test(n.expression.getText());

/** Per context: the names the file tests membership in (`NAME.includes(x)`, `new Set(NAME)`), found with one walk. */
const testedNames = new WeakMap<object, Set<string>>();

function namesTestedIn(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (tsc.isIdentifier(n)) {
      const p = n.parent;
      if ((tsc.isPropertyAccessExpression(p) && p.expression === n && MEMBERSHIP.test(p.name.text) && tsc.isCallExpression(p.parent)) || isSet(p)) out.add(n.text);
    }
    tsc.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const MEMBERSHIP = /^(includes|indexOf|lastIndexOf|some|every|find|findIndex|has)$/;

/**
 * An object keyed by model ids whose keys would collide once mapped (two OpenAI ids onto one provider id, or onto a key
 * already there): mapped, the object literal has duplicate keys (TS1117; at run time the last one wins). Left as a
 * lookup table with its follow-up (gu-benites/studio's MODEL_TOKEN_LIMITS).
 */
function objectKeyedByIds(ctx: MigrateContext<JsContext>, obj: ts.ObjectLiteralExpression): boolean {
  let tables = judged.get(ctx);
  if (!tables) judged.set(ctx, (tables = new Map()));
  const known = tables.get(obj);
  if (known !== undefined) return known;
  const keys = obj.properties.map((p) => (p.name && (isStringLike(p.name) || tsc.isIdentifier(p.name)) ? p.name.text : undefined));
  const after = keys.map((k) => (k === undefined ? undefined : (ctx.models.lookup(k)?.target ?? k)));
  const mapped = after.filter((k): k is string => k !== undefined);
  const table = new Set(mapped).size < mapped.length;
  tables.set(obj, table);
  if (table) ctx.followUp(obj.getStart(), msg('model.lookupTable'), msg('model.lookupTable.todo', { provider: shortName(ctx.target.provider) }));
  return table;
}
