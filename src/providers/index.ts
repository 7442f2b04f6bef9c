import type { ProviderProfile, Region } from './types.js';
import { UsageError } from '../errors.js';
import { deepseek } from './deepseek.js';
import { qwen } from './qwen.js';
import { zhipu } from './zhipu.js';
import { moonshot } from './moonshot.js';
import { doubao } from './doubao.js';
import { minimax } from './minimax.js';
import { stepfun } from './stepfun.js';
import { ernie } from './ernie.js';
import { hunyuan } from './hunyuan.js';
import { yi } from './yi.js';
import { sensenova } from './sensenova.js';
import { baichuan } from './baichuan.js';
import { spark } from './spark.js';
import { siliconflow } from './siliconflow.js';

export * from './types.js';

/** Every provider, in the order of shared/reference/providers.md. */
export const PROVIDERS: readonly ProviderProfile[] = [deepseek, qwen, zhipu, moonshot, doubao, minimax, stepfun, ernie, hunyuan, yi, sensenova, baichuan, spark, siliconflow];

/** Kept for library users who imported it from here; it lives in src/errors.ts. */
export { UsageError };

/** Display name without the parenthetical: "Moonshot AI (Kimi)" -> "Moonshot AI". */
export const shortName = (p: ProviderProfile) => p.name.replace(/\s*\(.*\)\s*$/, '');

/** Find a provider by id or alias (case-insensitive). */
export function findProvider(idOrAlias: string): ProviderProfile | undefined {
  const key = idOrAlias.trim().toLowerCase();
  return PROVIDERS.find((p) => p.id === key || p.aliases.some((a) => a.toLowerCase() === key));
}

export function getProvider(idOrAlias: string): ProviderProfile {
  const p = findProvider(idOrAlias);
  if (!p) {
    throw new UsageError('E_UNKNOWN_PROVIDER', `unknown provider "${idOrAlias}". Valid ids: ${PROVIDERS.map((x) => x.id).join(', ')}`);
  }
  return p;
}

export interface ResolvedTarget {
  provider: ProviderProfile;
  region: string;
  baseURL: string;
  apiKeyEnv: string;
  /** Capability routes (`--route embeddings=qwen`): src/routing/index.ts. */
  routes?: import('../routing/index.js').Route[];
}

/** Resolve `--region` (name or alias; default: the profile's default region). */
export function resolveTarget(provider: ProviderProfile, regionArg?: string): ResolvedTarget {
  let name = provider.defaultRegion;
  if (regionArg) {
    const key = regionArg.trim().toLowerCase();
    const hit = Object.entries(provider.regions).find(([n, r]) => n.toLowerCase() === key || r.aliases.some((a) => a.toLowerCase() === key));
    if (!hit) {
      const valid = Object.entries(provider.regions)
        .map(([n, r]) => (r.aliases.length ? `${n} (${r.aliases.join(', ')})` : n))
        .join('; ');
      throw new UsageError('E_UNKNOWN_REGION', `unknown region "${regionArg}" for ${provider.id}. Valid regions: ${valid}`);
    }
    name = hit[0];
  }
  const region: Region = provider.regions[name]!;
  return { provider, region: name, baseURL: region.baseURL, apiKeyEnv: region.apiKeyEnv ?? provider.apiKeyEnv };
}

/** Every base URL host any profile uses: a client pointed at one of them is not OpenAI usage. */
export function providerHosts(): Set<string> {
  const hosts = new Set<string>();
  for (const p of PROVIDERS) for (const r of Object.values(p.regions)) hosts.add(new URL(r.baseURL).host);
  return hosts;
}
