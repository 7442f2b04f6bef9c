import type { PyFacts } from './analyze.js';
import { kids, stringValue, walk, type Node } from './parse.js';
import { namesProvider } from '../../rules/adapters.js';

/**
 * Multi-provider apps in Python: where the app already has an adapter for the
 * target provider, which string selects it, and which other services it talks to.
 */

/** Offset of this file's adapter for the target: a client constructed on the target's host. */
export function pyTargetAdapterAt(f: PyFacts): number | undefined {
  const c = f.constructions.find((x) => x.status === 'target');
  return c ? f.py.start(c.node) : undefined;
}

/**
 * The name this file selects the target by, next to an OpenAI entry: a comparison
 * operand (`provider == "DeepSeek"` in a file that also names OpenAI / ChatGPT) or
 * a dict key in a dict that also has an OpenAI key.
 */
export function pyTargetSelection(f: PyFacts, names: readonly string[]): string | undefined {
  const openai = (s: string) => /^(openai|chatgpt|gpt|azure(openai)?)$/i.test(s.replace(/[^a-z]/gi, ''));
  let found: string | undefined;
  walk(f.py.root, (n: Node) => {
    if (found) return false;
    if (n.type === 'dictionary') {
      const keys = kids(n)
        .filter((p) => p.type === 'pair')
        .map((p) => stringValue(p.childForFieldName('key')) ?? '');
      const t = keys.find((k) => namesProvider(k, names));
      if (t && keys.some(openai)) found = t;
    } else if (n.type === 'comparison_operator' && /==/.test(n.text)) {
      const s = kids(n)
        .map((k) => stringValue(k))
        .find((v) => v !== undefined && namesProvider(v, names));
      if (s && /openai|chatgpt/i.test(f.py.text)) found = s;
    }
    return undefined;
  });
  return found;
}

/** Hosts and modules of other services this file talks to (for the multi-provider summary). */
export function pyOtherAdapterHints(f: PyFacts): string[] {
  const out: string[] = [];
  for (const c of f.constructions) if (c.status === 'other' && !c.appKey && c.baseUrl) out.push(c.baseUrl.text);
  for (const b of f.imports.values()) if (LLM_MODULE.test(b.module || b.name)) out.push(b.module || b.name);
  return out;
}

/** Modules of other LLM services' SDKs and framework adapters. */
const LLM_MODULE = /^(anthropic|groq|mistralai|cohere|ollama|together|google\.generativeai|google\.genai|boto3|langchain_(anthropic|groq|google_genai|mistralai|ollama|cohere|aws|deepseek))(\.|$)/;

const OPENAI_NAME = /^(openai|chatgpt|gpt|azure[-_ ]?openai)$/i;
/** A provider-choosing name: a bare `provider` only for parameters and environment fallbacks (an adapter's own `self.provider = "OpenAI"` is its label). */
const PROVIDER_VAR = /^(default|llm|ai|chat|active|selected|current|model)?_?provider$/i;
const PREFIXED_PROVIDER_VAR = /^(default|llm|ai|chat|active|selected|current|model)_?provider$/i;

/**
 * Literals that choose OpenAI as the app's default provider: the default of a
 * provider variable read from the environment (`os.getenv("LLM_PROVIDER", "openai")`),
 * a provider-named variable or settings field (`DEFAULT_PROVIDER = "openai"`,
 * `llm_provider: str = "openai"`) or a parameter default (`provider="openai"`).
 */
export function pyDefaultProviderLiterals(f: PyFacts): Node[] {
  const out: Node[] = [];
  walk(f.py.root, (n: Node) => {
    if (n.type !== 'string' || !OPENAI_NAME.test(stringValue(n) ?? '')) return;
    const p = n.parent;
    if (p?.type === 'argument_list') {
      const call = p.parent;
      const fn = call?.childForFieldName('function')?.text.replace(/\s/g, '') ?? '';
      const args = kids(p);
      if (/(^|\.)(getenv|get)$/.test(fn) && args[1]?.id === n.id && /provider/i.test(stringValue(args[0]) ?? '')) out.push(n);
    } else if (p?.type === 'assignment' && p.childForFieldName('right')?.id === n.id) {
      const left = p.childForFieldName('left');
      // Module-level or settings names only (`DEFAULT_PROVIDER = "openai"`, `llm_provider: str = "openai"`), never `self.x = ...`.
      const name = left?.type === 'identifier' ? left.text : undefined;
      if (name && PREFIXED_PROVIDER_VAR.test(name)) out.push(n);
    } else if ((p?.type === 'default_parameter' || p?.type === 'typed_default_parameter') && p.childForFieldName('value')?.id === n.id) {
      if (PROVIDER_VAR.test(p.childForFieldName('name')?.text ?? '')) out.push(n);
    }
    return undefined;
  });
  return out;
}
