import { jsonObjectPlan } from './request-content.js';
import type { Text } from '../../i18n/msg.js';
import type { MigrateContext } from '../../engine/types.js';
import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import { shortName } from '../../providers/index.js';
import { featureGap, isSupported, support, unsupportedReason, type Feature } from '../../rules/endpoints.js';
import { tierLabel } from '../../rules/models.js';
import type { ApiCall } from './analyze.js';
import type { JsContext } from './context.js';
import { routeOfCall } from './routing.js';
import { isStringLike, propName, unwrap } from './parse.js';
import { msg } from '../../i18n/msg.js';

/**
 * Why a call cannot be migrated automatically, or undefined when it can:
 * the provider lacks the endpoint, or the request's model (a literal) has no
 * equivalent at the provider.
 */
export function blockedCall(ctx: MigrateContext<JsContext>, c: ApiCall): { reason: Text; action: Text } | undefined {
  const route = routeOfCall(ctx, c);
  const p = route ? route.target.provider : ctx.target.provider;
  if (c.client === 'other' || c.client === 'unresolved' || c.endpoint === 'other') return undefined;
  if (!isSupported(p, c.endpoint)) return unsupportedReason(p, c.endpoint);
  for (const r of c.requests) {
    const m = r.properties.find((x) => propName(x.name) === 'model');
    if (!m || !tsc.isPropertyAssignment(m)) continue;
    const v = unwrap(m.initializer);
    if (!isStringLike(v)) continue;
    const hit = ctx.models.lookup(v.text);
    if (hit && !hit.target) {
      return {
        reason: msg('model.noTierModel', { provider: shortName(p), tier: tierLabel(hit.tier), id: v.text }),
        // --model removes this marker: only suggest it where the endpoint is fully served
        action:
          support(p, c.endpoint) === 'yes'
            ? msg('model.chooseOne', { id: v.text })
            : msg('model.checkServes', { provider: shortName(p), note: p.endpointNotes[c.endpoint as keyof typeof p.endpointNotes] ?? 'partly documented', id: v.text }),
      };
    }
  }
  return undefined;
}

/**
 * A feature of a served endpoint the call uses and the provider lacks (profile `no`/`unknown`):
 * structured outputs (`.parse()`, `response_format: { type: 'json_schema' }`, `zodResponseFormat`,
 * Responses `text.format`), image edits and variations.
 */
export function featureGapOfCall(ctx: MigrateContext<JsContext>, c: ApiCall): { reason: Text; action: Text } | undefined {
  const p = routeOfCall(ctx, c)?.target.provider ?? ctx.target.provider;
  if (c.client === 'other' || c.client === 'unresolved') return undefined;
  const gap = (f: Feature) => featureGap(p, f);
  const leaf = c.path[c.path.length - 1];
  if (c.path[0] === 'images' && (leaf === 'edit' || leaf === 'createVariation')) return gap('imageEdits');
  if (c.endpoint !== 'chat' && c.endpoint !== 'responses') return undefined;
  if (isStructuredParse(c)) return gap('jsonSchema');
  for (const r of c.requests) {
    for (const prop of r.properties) {
      if (!tsc.isPropertyAssignment(prop)) continue;
      const name = propName(prop.name);
      let v = unwrap(prop.initializer);
      if (name === 'text' && tsc.isObjectLiteralExpression(v)) {
        const f = v.properties.find((x) => propName(x.name) === 'format');
        if (!f || !tsc.isPropertyAssignment(f)) continue;
        v = unwrap(f.initializer);
      } else if (name !== 'response_format') continue;
      // A request the provider's JSON mode serves is rewritten by adjust-request-params (jsonObjectPlan).
      if (isJsonSchemaFormat(v)) return c.client !== 'target' && jsonObjectPlan(p, c) ? undefined : gap('jsonSchema');
    }
  }
  return undefined;
}

/**
 * The SDK's structured-output helpers: `chat.completions.parse` / `responses.parse` (`beta.` too: the path
 * has it stripped) with a format to parse into (`response_format`, `text`), or a request the tool cannot
 * see. Another object's `.parse()` (a zod schema, `JSON.parse`, a `chat.completions.parse` with only tools)
 * is not structured output.
 */
function isStructuredParse(c: ApiCall): boolean {
  const p = c.path.join('.');
  if (p !== 'chat.completions.parse' && p !== 'responses.parse') return false;
  if (!c.node.arguments.length) return false;
  if (!c.requests.length) return true;
  return c.requests.some((r) => hasFormat(r.properties));
}

/** A format property, or a spread the tool cannot see into (`...{ reasoning_split: true }`, as a migration writes it, is seen). */
function hasFormat(props: ts.NodeArray<ts.ObjectLiteralElementLike>): boolean {
  return props.some((x) => {
    if (!tsc.isSpreadAssignment(x)) return ['response_format', 'text', 'text_format'].includes(propName(x.name) ?? '');
    const o = unwrap(x.expression);
    return !tsc.isObjectLiteralExpression(o) || hasFormat(o.properties);
  });
}

function isJsonSchemaFormat(v: ts.Expression): boolean {
  if (tsc.isCallExpression(v)) return /(zodResponseFormat|zodTextFormat|jsonSchema\w*Format)$/.test(v.expression.getText());
  if (!tsc.isObjectLiteralExpression(v)) return false;
  const t = v.properties.find((x) => propName(x.name) === 'type');
  return !!t && tsc.isPropertyAssignment(t) && isStringLike(unwrap(t.initializer)) && (unwrap(t.initializer) as ts.StringLiteral).text === 'json_schema';
}
