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
  if (/^(OPENAI_BASE_URL|OPENAI_API_BASE|OPENAI_API_BASE_URL|OPENAI_API_HOST|OPENAI_BASE|OPENAI_PROXY_URL|AZURE_OPENAI_ENDPOINT)$/.test(base)) return 'baseURL';
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
 * The name a value is read by (`profile.openai_api_key`, `request.headers["x-openai-key"]`, `user.azureOpenAIKey`)
 * looks like an OpenAI (or Azure OpenAI) key the app holds: a user setting or a stored value, not an environment
 * read the tool renames (OPENAI_API_KEY, the SDKs' own name, is read from the environment or a config mapping).
 * Its client stays where it is: giving it the provider's host would send that OpenAI key to the provider.
 * Used by the JS/TS and Python client plans.
 */
export function isAppHeldKeyName(name: string): boolean {
  return /open_?ai|azure/i.test(name) && /key/i.test(name) && !isCanonicalKeyName(name);
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
 * Key of the run's shared facts (`HandlerOptions.project`): variables a settings class read under an app prefix
 * (`APP_OPENAI_API_KEY`) that the migrated code now reads under the provider's name, for the env-file handler.
 */
export const SETTINGS_ENV = 'settings-env';
