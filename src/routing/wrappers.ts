import { shortName } from '../providers/index.js';
import type { MigrateContext } from '../engine/types.js';
import { unsupportedReason } from '../rules/endpoints.js';
import { routeFor } from './index.js';

/**
 * Wrapper sites a route does not move yet (AI SDK embedding models, LlamaIndex classes): the
 * main provider's marker names the route and what to create by hand, instead of only saying
 * the provider lacks the capability.
 */
export function routeNotApplied(ctx: MigrateContext, endpoint: string, what: string): { reason: string; action: string } | undefined {
  const r = routeFor(ctx.target, endpoint);
  if (!r) return undefined;
  const p = ctx.target.provider;
  const pkg = r.target.provider.integrations.aiSdk?.package;
  return {
    reason: `${unsupportedReason(p, endpoint as never).reason}; --route ${r.capability}=${r.target.provider.id} is not applied to ${what} yet`,
    action: `point this ${r.capability} model at ${shortName(r.target.provider)} by hand (${r.target.baseURL}, ${r.target.apiKeyEnv}${what.startsWith('AI SDK') && pkg ? `, or ${pkg}` : ''})`,
  };
}
