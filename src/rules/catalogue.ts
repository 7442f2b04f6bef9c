import type { Level } from '../engine/types.js';
import { docsUrl } from '../package-info.js';

/**
 * The rule catalogue shared by scan, check and migrate reports. Ids are
 * stable (baselines, suppressions and SARIF results refer to them); add new
 * rules, never rename one.
 */
export interface Rule {
  id: string;
  level: Level;
  /** What the rule is about (groups rules in reports; a finding's `kind` is its rule id). */
  category: RuleCategory;
  title: string;
  /** How to fix it, one line. `<id>` stands for the provider id. */
  fix: string;
}

export type RuleCategory = 'client' | 'http' | 'env' | 'model' | 'endpoint' | 'todo' | 'api-call' | 'wrapper' | 'provider' | 'suppression';

/** The rule reference shipped in the package (`docs/rules.md`, generated from this catalogue by test/readme.test.ts). */
export const HELP_BASE = docsUrl('rules.md');

export const RULES = {
  'openai-client': {
    id: 'openai-client',
    level: 'error',
    category: 'client',
    title: 'OpenAI SDK client that calls api.openai.com',
    fix: 'run `openai-migrate migrate --provider <id>` to point it at the provider',
  },
  'azure-openai-client': {
    id: 'azure-openai-client',
    level: 'error',
    category: 'client',
    title: 'Azure OpenAI client',
    fix: 'run `openai-migrate migrate --provider <id>` to turn it into a provider client',
  },
  'unresolved-base-url': {
    id: 'unresolved-base-url',
    level: 'warning',
    category: 'client',
    title: 'client whose base URL the tool cannot resolve',
    fix: 'make sure the base URL is a provider URL, or add `openai-migrate-ignore unresolved-base-url -- <reason>`',
  },
  'openai-http': { id: 'openai-http', level: 'error', category: 'http', title: 'raw HTTP call or URL aimed at api.openai.com', fix: "use the provider's base URL and key" },
  'openai-env': {
    id: 'openai-env',
    level: 'error',
    category: 'env',
    title: 'reads an OpenAI environment variable',
    fix: "read the provider's key variable instead (`openai-migrate migrate --provider <id>` renames it)",
  },
  'openai-model': { id: 'openai-model', level: 'error', category: 'model', title: 'OpenAI model id', fix: 'map it to a provider model (`openai-migrate models --provider <id>`)' },
  'openai-only-endpoint': {
    id: 'openai-only-endpoint',
    level: 'error',
    category: 'endpoint',
    title: 'API that no Chinese provider serves',
    fix: 'rebuild this feature on the provider (see the follow-up) or remove it',
  },
  'migrate-todo': { id: 'migrate-todo', level: 'error', category: 'todo', title: 'manual follow-up left by openai-migrate', fix: 'do what the TODO says, then delete the comment' },
  'openai-via-import': {
    id: 'openai-via-import',
    level: 'error',
    category: 'client',
    title: 'API call on an OpenAI client imported from outside the checked paths',
    fix: 'migrate the module that builds the client (`openai-migrate migrate --provider <id> <its path>`)',
  },
  'openai-api-call': { id: 'openai-api-call', level: 'note', category: 'api-call', title: 'API call on an OpenAI client', fix: 'migrating the client migrates this call' },
  'openai-wrapper': {
    id: 'openai-wrapper',
    level: 'error',
    category: 'wrapper',
    title: 'framework OpenAI integration (LangChain, AI SDK, LlamaIndex)',
    fix: 'run `openai-migrate migrate --provider <id>`',
  },
  'provider-unsupported': {
    id: 'provider-unsupported',
    level: 'error',
    category: 'provider',
    title: 'the provider does not serve this',
    fix: 'rebuild the call on an API the provider serves, or keep it on another service',
  },
  'provider-model': { id: 'provider-model', level: 'warning', category: 'provider', title: 'model id the provider does not list', fix: 'use a model id from `openai-migrate models --provider <id>`' },
  'provider-param': {
    id: 'provider-param',
    level: 'error',
    category: 'provider',
    title: 'parameter or value the provider rejects',
    fix: 'remove the parameter or change the value as the message says',
  },
  'unused-suppression': {
    id: 'unused-suppression',
    level: 'warning',
    category: 'suppression',
    title: 'openai-migrate-ignore comment that silences nothing',
    fix: 'delete the comment (or fix its rule id)',
  },
  'openai-model-setting': {
    id: 'openai-model-setting',
    level: 'error',
    category: 'model',
    title: 'OpenAI model id in a config setting named by what it is used for (`chat:`, `embedding:`, `FAST_LLM=`)',
    fix: 'run `openai-migrate migrate --provider <id>` to map it, or set the provider model by hand where the follow-up says so',
  },
} satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/** The catalogue entry of a rule id; handlers may report ids the catalogue does not know yet. */
export function ruleOf(id: string): Rule | undefined {
  return (RULES as Record<string, Rule>)[id];
}

/** Help link of a rule: its section of docs/rules.md for this version of the package. */
export const ruleHelp = (id: string) => `${HELP_BASE}#${id}`;

/** The rule's fix text, with the provider id filled in when known. */
export function ruleFix(id: string, provider?: string): string {
  const fix = ruleOf(id)?.fix ?? 'see the message';
  return provider ? fix.replace(/<id>/g, provider) : fix;
}
