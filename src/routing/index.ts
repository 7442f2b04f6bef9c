import { findProvider, PROVIDERS, resolveTarget, shortName, UsageError, type ResolvedTarget } from '../providers/index.js';
import type { Endpoint, OpenAITier, ProviderProfile } from '../providers/types.js';
import { isSupported } from '../rules/endpoints.js';
import { msg } from '../i18n/msg.js';

/**
 * Capability routing (`--route embeddings=qwen[:text-embedding-v4]`, `routes` in the config file):
 * calls of one capability go to another provider than the main one, on a client of their own
 * created next to the main one. This module parses and validates routes and answers, for the
 * transforms, `check` and `doctor`, which provider (and model) serves a capability.
 */

/** Capability names users write -> the profile endpoint they stand for. */
export const CAPABILITIES: Record<string, Endpoint> = {
  chat: 'chat',
  embeddings: 'embeddings',
  images: 'images',
  audio: 'audio',
  moderation: 'moderations',
  moderations: 'moderations',
  files: 'files',
  batch: 'batch',
  responses: 'responses',
};

/** The capability name shown for an endpoint (the first name that stands for it). */
export function capabilityName(e: string): string {
  return Object.entries(CAPABILITIES).find(([, v]) => v === e)?.[0] ?? e;
}

/** OpenAI model tiers whose models are used on one endpoint (their mapping follows the route). */
export const TIER_ENDPOINTS: Partial<Record<OpenAITier, Endpoint>> = {
  embeddingSmall: 'embeddings',
  embeddingLarge: 'embeddings',
  image: 'images',
  speechToText: 'audio',
  textToSpeech: 'audio',
  moderation: 'moderations',
  // chat models follow a chat route
  flagship: 'chat',
  fast: 'chat',
  reasoning: 'chat',
  vision: 'chat',
  longContext: 'chat',
  coding: 'chat',
};

export interface Route {
  /** As written (`embeddings=qwen:text-embedding-v4`): what the worker thread re-parses. */
  spec: string;
  capability: string;
  endpoint: Endpoint;
  /** The routed provider, at its default region. */
  target: ResolvedTarget;
  /** The model every routed call uses (`:<model>`); else each OpenAI id is mapped by the routed profile. */
  model?: string;
}

const catalogue = (p: ProviderProfile) => new Set([...Object.values(p.models).flat(), ...Object.keys(p.deprecated)]);

/**
 * Parse and validate route specs (flags first, then the config file's `routes`; a capability
 * given twice keeps the first). Errors (E_BAD_VALUE): an unknown capability or provider, a route
 * to a provider that does not serve the capability, a model not in the routed provider's catalogue.
 */
export function parseRoutes(specs: readonly string[], main: ProviderProfile, where = '--route'): Route[] {
  const out: Route[] = [];
  for (const raw of specs) {
    const spec = raw.trim();
    const m = /^([A-Za-z]+)\s*=\s*([A-Za-z0-9_-]+)(?::(.+))?$/.exec(spec);
    if (!m) throw new UsageError('E_BAD_VALUE', msg('route.badForm', { where, value: JSON.stringify(raw) }));
    const capability = m[1]!.toLowerCase();
    const endpoint = CAPABILITIES[capability];
    if (!endpoint)
      throw new UsageError(
        'E_BAD_VALUE',
        msg('route.unknownCapability', {
          where,
          spec,
          capability: m[1]!,
          list: Object.keys(CAPABILITIES)
            .filter((c) => c !== 'moderations')
            .join(', '),
        }),
      );
    const provider = findProvider(m[2]!);
    if (!provider) throw new UsageError('E_BAD_VALUE', msg('route.unknownProvider', { where, spec, provider: m[2]!, list: PROVIDERS.map((x) => x.id).join(', ') }));
    if (!isSupported(provider, endpoint)) {
      const serving = servingProviders(endpoint).map((p) => p.id);
      throw new UsageError('E_BAD_VALUE', msg('route.notServed', { where, spec, provider: shortName(provider), capability, support: provider.endpoints[endpoint], serving: serving.join(', ') }));
    }
    const model = m[3]?.trim();
    if (model !== undefined && !catalogue(provider).has(model)) {
      const list = modelsFor(provider, endpoint).join(', ') || [...catalogue(provider)].join(', ');
      throw new UsageError('E_BAD_VALUE', msg('route.unknownModel', { where, spec, model, provider: provider.id, asOf: provider.asOf, capability, list }));
    }
    if (out.some((r) => r.endpoint === endpoint)) {
      if (where === '--route') throw new UsageError('E_BAD_VALUE', msg('route.twice', { where, spec, capability }));
      continue;
    }
    if (provider.id === main.id && model === undefined) continue; // routed to the main provider: nothing to do
    out.push({ spec, capability: capabilityName(endpoint), endpoint, target: resolveTarget(provider), model });
  }
  return out;
}

/** Flags first; a capability the flags route keeps the flag's provider over the config file's. */
export function mergeRoutes(flags: readonly string[] | undefined, config: readonly string[] | undefined, main: ProviderProfile): Route[] {
  const fromFlags = parseRoutes(flags ?? [], main);
  const fromConfig = parseRoutes(config ?? [], main, '"routes"').filter((r) => !fromFlags.some((f) => f.endpoint === r.endpoint));
  return [...fromFlags, ...fromConfig];
}

/** The route of an endpoint kind, if any. */
export function routeFor(t: ResolvedTarget | undefined, endpoint: string): Route | undefined {
  return t?.routes?.find((r) => r.endpoint === endpoint);
}

/** The target an endpoint's calls go to: its route's provider, else the main one. */
export function routedTarget(main: ResolvedTarget, endpoint: string): { route?: Route; t: ResolvedTarget; p: ProviderProfile } {
  const route = routeFor(main, endpoint);
  const t = route?.target ?? main;
  return { route, t, p: t.provider };
}

/** The routed model for an OpenAI model of a routed tier: the route's model, else the routed profile's tier map. */
export function routedModel(r: Route, tier: OpenAITier): string | null {
  return r.model ?? r.target.provider.tierMap[tier] ?? null;
}

/** Profiles that fully serve an endpoint, with a model for it where the endpoint has model tiers. */
export function servingProviders(e: Endpoint): ProviderProfile[] {
  const tiers = (Object.entries(TIER_ENDPOINTS) as Array<[OpenAITier, Endpoint]>).filter(([, x]) => x === e).map(([t]) => t);
  return PROVIDERS.filter((p) => p.endpoints[e] === 'yes' && (!tiers.length || tiers.some((t) => p.tierMap[t])));
}

/** The provider's model ids for an endpoint (from its tier map). */
export function modelsFor(p: ProviderProfile, e: Endpoint): string[] {
  const tiers = (Object.entries(TIER_ENDPOINTS) as Array<[OpenAITier, Endpoint]>).filter(([, x]) => x === e).map(([t]) => t);
  return [...new Set(tiers.map((t) => p.tierMap[t]).filter((x): x is string => !!x))];
}

/** `--route` to suggest for an endpoint the main provider lacks (the first profile that serves it), or undefined. */
export function suggestRoute(main: ProviderProfile, e: string): string | undefined {
  const endpoint = Object.values(CAPABILITIES).find((x) => x === e);
  if (!endpoint || isSupported(main, endpoint)) return undefined;
  const p = servingProviders(endpoint).find((x) => x.id !== main.id);
  return p ? `--route ${capabilityName(endpoint)}=${p.id}` : undefined;
}

/** Variable name of the routed client: `embeddingsClient` / `embeddings_client`. */
export function routedClientName(r: Route, style: 'camel' | 'snake'): string {
  return style === 'camel' ? `${r.capability}Client` : `${r.capability}_client`;
}
