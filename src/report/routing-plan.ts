import type { MigrateResult } from '../api.js';
import { shortName } from '../providers/index.js';
import { isSupported } from '../rules/endpoints.js';
import { capabilityName, modelsFor, suggestRoute, CAPABILITIES } from '../routing/index.js';

export interface RoutingPlanRow {
  capability: string;
  provider: string;
  baseURL: string;
  key: string;
  consoleUrl: string;
  /** Routed model ids the run wrote (else the route's model / the profile's models for it). */
  models: string[];
  /** Files whose calls now go to the routed provider. */
  files: string[];
}

/** capability -> provider -> model -> files, from a migration's routes and changes. */
export function routingPlan(r: MigrateResult): RoutingPlanRow[] {
  const routes = r.target.routes ?? [];
  return routes.map((route) => {
    const files = r.files
      .filter((f) =>
        f.changes.some(
          (c) => c.message.includes(`--route ${route.capability}=${route.target.provider.id}`) || ((c.kind === 'client' || c.kind === 'wrapper') && c.message.includes(`(${route.target.baseURL})`)),
        ),
      )
      .map((f) => f.file);
    const written = new Set(r.summary.models.filter((m) => route.model === m.to || modelsFor(route.target.provider, route.endpoint).includes(m.to)).map((m) => m.to));
    return {
      capability: route.capability,
      provider: shortName(route.target.provider),
      baseURL: route.target.baseURL,
      key: route.target.apiKeyEnv,
      consoleUrl: route.target.provider.consoleUrl,
      models: written.size ? [...written] : route.model ? [route.model] : modelsFor(route.target.provider, route.endpoint),
      files,
    };
  });
}

/** Without a route: capabilities the run found the provider lacks, with the `--route` that would serve them. */
export function routeSuggestions(r: MigrateResult): Array<{ capability: string; route: string; files: number }> {
  const main = r.target.provider;
  const routed = new Set((r.target.routes ?? []).map((x) => x.endpoint));
  const files = new Map<string, Set<string>>();
  for (const f of r.files) {
    for (const x of f.findings) {
      const e = x.endpoint;
      if (!e || routed.has(e as never) || !Object.values(CAPABILITIES).includes(e as never) || isSupported(main, e as never)) continue;
      files.set(e, (files.get(e) ?? new Set()).add(f.file));
    }
  }
  const out: Array<{ capability: string; route: string; files: number }> = [];
  for (const [e, set] of files) {
    const route = suggestRoute(main, e);
    if (route) out.push({ capability: capabilityName(e), route, files: set.size });
  }
  return out;
}
