import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import { shortName } from '../../providers/index.js';
import { isSupported, unsupportedReason } from '../../rules/endpoints.js';
import { tierLabel } from '../../rules/models.js';
import type { ApiCall } from './analyze.js';
import type { JsContext } from './context.js';
import { isStringLike, propName, unwrap } from './parse.js';

/**
 * Why a call cannot be migrated automatically, or undefined when it can:
 * the provider lacks the endpoint, or the request's model (a literal) has no
 * equivalent at the provider.
 */
export function blockedCall(ctx: JsContext, c: ApiCall): { reason: string; action: string } | undefined {
  const p = ctx.target!.provider;
  if (c.client === 'other' || c.client === 'unresolved' || c.endpoint === 'other') return undefined;
  if (!isSupported(p, c.endpoint)) return unsupportedReason(p, c.endpoint);
  for (const r of c.requests) {
    const m = r.properties.find((x) => propName(x.name) === 'model');
    if (!m || !tsc.isPropertyAssignment(m)) continue;
    const v = unwrap(m.initializer);
    if (!isStringLike(v)) continue;
    const hit = ctx.models!.lookup(v.text);
    if (hit && !hit.target) {
      return {
        reason: `${shortName(p)} has no ${tierLabel(hit.tier)} model to replace ${v.text}`,
        action: `choose one and pass --model ${v.text}=<id>, or keep this call on another service`,
      };
    }
  }
  return undefined;
}
