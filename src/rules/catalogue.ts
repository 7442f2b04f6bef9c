import type { Level } from '../engine/types.js';

/** The rule catalogue shared by scan, check and migrate reports. Ids are stable. */
export interface Rule {
  id: string;
  level: Level;
  title: string;
  /** How to fix it, one line. */
  fix: string;
}

export const HELP_BASE = 'https://www.npmjs.com/package/openai-migrate#rules';

export const RULES = {
  'openai-client': { id: 'openai-client', level: 'error', title: 'OpenAI SDK client that calls api.openai.com', fix: 'run `openai-migrate migrate --provider <id>` to point it at the provider' },
  'azure-openai-client': { id: 'azure-openai-client', level: 'error', title: 'Azure OpenAI client', fix: 'run `openai-migrate migrate --provider <id>` to turn it into a provider client' },
  'unresolved-base-url': { id: 'unresolved-base-url', level: 'warning', title: 'client whose base URL the tool cannot resolve', fix: 'make sure the base URL is a provider URL, or add `openai-migrate-ignore` with a reason' },
  'openai-http': { id: 'openai-http', level: 'error', title: 'raw HTTP call or URL aimed at api.openai.com', fix: "use the provider's base URL and key" },
  'openai-env': { id: 'openai-env', level: 'error', title: 'reads an OpenAI environment variable', fix: "read the provider's key variable instead" },
  'openai-model': { id: 'openai-model', level: 'error', title: 'OpenAI model id', fix: 'map it to a provider model (`openai-migrate models --provider <id>`)' },
  'openai-only-endpoint': { id: 'openai-only-endpoint', level: 'error', title: 'API that no Chinese provider serves', fix: 'rebuild this feature on the provider (see the follow-up) or remove it' },
  'migrate-todo': { id: 'migrate-todo', level: 'error', title: 'manual follow-up left by openai-migrate', fix: 'do what the TODO says, then delete the comment' },
  'openai-api-call': { id: 'openai-api-call', level: 'note', title: 'API call on an OpenAI client', fix: 'migrating the client migrates this call' },
  'openai-wrapper': { id: 'openai-wrapper', level: 'error', title: 'framework OpenAI integration (LangChain, AI SDK, LlamaIndex)', fix: 'run `openai-migrate migrate --provider <id>`' },
  'provider-unsupported': { id: 'provider-unsupported', level: 'error', title: 'the provider does not serve this', fix: 'see the message' },
  'provider-model': { id: 'provider-model', level: 'warning', title: 'model id the provider does not list', fix: 'use a model id from `openai-migrate models --provider <id>`' },
  'provider-param': { id: 'provider-param', level: 'error', title: 'parameter or value the provider rejects', fix: 'run `openai-migrate migrate --provider <id>` or change the value' },
} satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

export const ruleHelp = (id: string) => `${HELP_BASE}-${id}`;
