import type { FileContext } from '../../engine/types.js';
import type { EnvRole } from '../../rules/env.js';
import type { PyComposedUse } from './composed-urls.js';
import type { PyFacts } from './analyze.js';
import type { PyModelSites } from './model-sites.js';
import type { WrapperFacts } from './wrappers.js';
import type { PyTree } from './parse.js';

/** How the file reads environment variables (new reads follow it). */
export type EnvStyle = 'environ' | 'getenv' | 'environ.get' | 'bare-getenv' | 'bare-environ';

/** What a Python transform sees: the file context, its single parse, and the analysis. */
export interface PyContext extends FileContext {
  py: PyTree;
  facts: PyFacts;
  wrappers: WrapperFacts;
  /** The file talks to OpenAI (SDK, wrapper, or an api.openai.com URL). */
  usesOpenAI: boolean;
  models_: PyModelSites;
  q: "'" | '"';
  targetHost?: string;
  envStyle: EnvStyle;
  /** Import lines transforms need (added once, after the existing imports). */
  needImports: Array<{ line: string; binds: string; firstUse: number }>;
  /** Packages a rewrite introduced (for requirements / pyproject). */
  packages: Set<string>;
  /** Does a release of `pkg` fit the project that owns this file (LangChain / LlamaIndex versions)? */
  packageFits: (pkg: string) => boolean;
  /** Settings that clients staying as they are (in any module of the run) read: not renamed, their OpenAI defaults kept. */
  keptSettings?: KeptSettings;
  /** Prefixed settings variables the settings classes stopped reading (`APP_OPENAI_API_KEY`: 'key'), for the env files. */
  settingsEnv: Map<string, EnvRole>;
  /** URLs composed from a host-only OpenAI base and a `/v1/...` path (composed-urls.ts), as far as this module holds their parts. */
  composed: PyComposed;
}

/** One module's share of the run's composed URLs. */
export interface PyComposed {
  uses: PyComposedUse[];
  paths: Array<{ start: number; rest: string }>;
  hosts: number[];
}

/**
 * Names of key and base-URL settings (env variables, config keys) read by clients that stay as they are,
 * each with the folders it governs (the staying client's folder and its parent's tree: one app, not
 * another app or fixture of the same run).
 */
export interface KeptSettings {
  keys: Map<string, string[]>;
  bases: Map<string, string[]>;
  /**
   * pydantic settings fields (`Settings.openai_api_key`) such a client reads: their class stays as it is. Kept apart
   * from the variable names, which would also stop other modules' reads of OPENAI_API_KEY from being renamed.
   */
  fields: Set<string>;
  /**
   * Base-URL variables the run moves to the provider's name outside clients (`os.getenv("OPENAI_BASE_URL",
   * "https://api.openai.com/v1")` in a config module, rename-env-vars): their names written as strings
   * elsewhere (`monkeypatch.setenv("OPENAI_BASE_URL", ...)` in a test) move too.
   */
  movedBases?: Set<string>;
  /**
   * Some module of the run has a client, wrapper, module-level call or URL the migration moves to the provider
   * (migratesSomeClient). False when every OpenAI client stays (host unresolved, an Azure key that cannot move):
   * then no key read is renamed, as renaming it alone would send the provider's key to OpenAI (kharvd/gpt-cli).
   */
  migrates?: boolean;
  /**
   * The apps (client-plan.ts pyAppDir: a folder with its own manifest) whose modules have something that moves to
   * the provider, and the apps each app's modules import: in an app that moves nothing, key reads keep their
   * names (appMovesKeys), as `migrates` does for the whole run.
   */
  migratingApps?: Set<string>;
  /** The apps with something that moves or already calls the provider (the model-id rule of map-model-ids). */
  reachingApps?: Set<string>;
  appImports?: Map<string, Set<string>>;
  /**
   * Settings fields an Azure client reads as its endpoint (`AzureOpenAI(azure_endpoint=settings.OPENAI_API_BASE)`):
   * they never take the provider's URL (arc53/DocsGPT: the Azure endpoint field got DeepSeek's URL as its default).
   */
  azureEndpoints?: Set<string>;
}
