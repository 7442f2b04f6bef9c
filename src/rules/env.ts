import type { ResolvedTarget } from '../providers/index.js';

/** Bundler prefixes that expose a variable to browser code; kept when renaming. */
export const PUBLIC_PREFIXES = ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'PUBLIC_', 'NUXT_PUBLIC_'];

export type EnvRole = 'key' | 'baseURL' | 'org' | 'other';

function splitPrefix(name: string): [string, string] {
  for (const p of PUBLIC_PREFIXES) if (name.startsWith(p)) return [p, name.slice(p.length)];
  return ['', name];
}

/** What an OpenAI environment variable holds, or undefined when it is not an OpenAI variable. */
export function envRole(name: string): EnvRole | undefined {
  const [, base] = splitPrefix(name);
  if (/^(OPENAI_API_KEY|OPENAI_KEY|AZURE_OPENAI_API_KEY|AZURE_OPENAI_KEY)$/.test(base)) return 'key';
  if (/^(OPENAI_BASE_URL|OPENAI_API_BASE|OPENAI_API_HOST|OPENAI_BASE|OPENAI_PROXY_URL|AZURE_OPENAI_ENDPOINT)$/.test(base)) return 'baseURL';
  if (/^(OPENAI_ORG_ID|OPENAI_ORGANIZATION|OPENAI_PROJECT_ID|OPENAI_API_VERSION|AZURE_OPENAI_API_VERSION|AZURE_OPENAI_DEPLOYMENT(_NAME)?)$/.test(base)) return 'org';
  if (/^(AZURE_)?OPENAI_/.test(base)) return 'other';
  return undefined;
}

/** New name for a key variable (prefix kept): OPENAI_API_KEY -> DEEPSEEK_API_KEY, VITE_OPENAI_API_KEY -> VITE_DEEPSEEK_API_KEY. */
export function renamedKeyVar(name: string, t: ResolvedTarget): string | undefined {
  if (envRole(name) !== 'key') return undefined;
  const [prefix] = splitPrefix(name);
  return prefix + t.apiKeyEnv;
}

/** OPENAI_API_KEY / AZURE_OPENAI_API_KEY, with or without a bundler prefix (VITE_, NEXT_PUBLIC_, ...): the SDKs' own names. */
export function isCanonicalKeyName(name: string): boolean {
  return /^([A-Z]+_)*?(AZURE_)?OPENAI_API_KEY$/.test(name) && !/^OPENAI_API_KEY_/.test(name);
}

/**
 * The provider's base-URL variable for an OpenAI base-URL override (prefix kept):
 * OPENAI_BASE_URL -> DEEPSEEK_BASE_URL, VITE_OPENAI_API_BASE -> VITE_DASHSCOPE_BASE_URL.
 */
export function baseUrlVar(name: string, t: ResolvedTarget): string {
  const [prefix] = splitPrefix(name);
  return prefix + t.apiKeyEnv.replace(/_(API_KEY|API_PASSWORD|KEY)$/, '') + '_BASE_URL';
}

/**
 * OpenAI and Azure OpenAI clients of a run, as the code handlers planned them (shared in `HandlerOptions.project`):
 * the env-file handler leaves the `AZURE_OPENAI_*` lines, or the OpenAI key line, alone when every such client
 * of the run stays where it is.
 */
export interface ClientRun {
  kept: number;
  migrated: number;
}

export function clientRun(project: Map<string, unknown> | undefined, kind: 'azure' | 'openai'): ClientRun | undefined {
  if (!project) return undefined;
  let s = project.get(`clients:${kind}`) as ClientRun | undefined;
  if (!s) project.set(`clients:${kind}`, (s = { kept: 0, migrated: 0 }));
  return s;
}

/** A variable the env file keeps because every client of its kind in the run stays on OpenAI / Azure. */
export function envVarStays(project: Map<string, unknown> | undefined, name: string): boolean {
  const azure = /^([A-Z]+_)*?AZURE_/.test(name);
  const s = project?.get(`clients:${azure ? 'azure' : 'openai'}`) as ClientRun | undefined;
  return !!s && s.kept > 0 && s.migrated === 0 && (azure || envRole(name) === 'key');
}

/** Counts one client of a run (a code handler, after its plan). */
export function countClient(project: Map<string, unknown> | undefined, azure: boolean, kept: boolean, migrated: boolean): void {
  const s = clientRun(project, azure ? 'azure' : 'openai');
  if (!s) return;
  if (kept) s.kept++;
  else if (migrated) s.migrated++;
}
