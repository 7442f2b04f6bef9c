import type { PyFacts } from './analyze.js';
import { kids, stringValue, walk, type Node } from './parse.js';
import { mentionsProvider, namesProvider } from '../../rules/adapters.js';

/**
 * Multi-provider apps in Python: where the app already has an adapter for the
 * target provider, which string selects it, and which other services it talks to.
 */

/** What the target is called and where it is served: its names (targetNames) and every region's base URL. */
export interface PyTargetFacts {
  names: readonly string[];
  baseURLs: readonly string[];
}

/**
 * Offset of this file's adapter for the target: a client constructed on the target's host; else (given the target)
 * a module-level constant holding a URL on one of the target's region hosts in a module whose constant name or
 * file/folder name mentions the target (`DEFAULT_API_BASE = "https://api.deepseek.com/v1"` in
 * models/deepseek/deepseek_bot.py: a raw-HTTP adapter, zhayujie/chatgpt-on-wechat), or an import of the target's
 * own SDK package (`import dashscope`, `from zai import ZhipuAiClient`: a top-level module named for the target).
 */
export function pyTargetAdapterAt(f: PyFacts, target?: PyTargetFacts, rel?: string): number | undefined {
  const c = f.constructions.find((x) => x.status === 'target');
  if (c) return f.py.start(c.node);
  if (!target) return undefined;
  const origins = new Set(target.baseURLs.map(originOf).filter((o) => o !== undefined));
  const fileNamed = rel !== undefined && mentionsProvider(rel, target.names);
  for (const st of kids(f.py.root)) {
    if (st.type === 'import_statement' || st.type === 'import_from_statement') {
      const mods = st.type === 'import_from_statement' ? [st.childForFieldName('module_name')] : kids(st).map((k) => (k.type === 'aliased_import' ? k.childForFieldName('name') : k));
      if (mods.some((m) => m?.type === 'dotted_name' && namesProvider(m.text.split('.')[0]!, target.names) && !/^openai$/i.test(m.text.split('.')[0]!))) return f.py.start(st);
      continue;
    }
    const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    const url = stringValue(a.childForFieldName('right'));
    if (left?.type === 'identifier' && url && origins.has(originOf(url) ?? '') && (fileNamed || mentionsProvider(left.text, target.names))) return f.py.start(st);
  }
  return undefined;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * How this file selects the target next to an OpenAI entry: `value` is the provider name it selects it by, `ref` a
 * constant that holds it (resolved against the app's module-level constants, pyProviderConsts), `text` the source
 * that selects, `at` its offset.
 */
export interface PySelection {
  value?: string;
  ref?: string;
  text: string;
  at: number;
}

/**
 * The name this file selects the target by, next to an OpenAI entry: a comparison
 * operand (`provider == "DeepSeek"` in a file that also names OpenAI / ChatGPT),
 * a constant compared with (`bot_type == const.DEEPSEEK`, `bot_type in (const.QWEN, ...)`),
 * a dict key in a dict that also has an OpenAI key, or a module-level name constant next to
 * OpenAI's (`DEEPSEEK = "deepseek"` beside `OPENAI = "openai"`).
 */
export function pyTargetSelection(f: PyFacts, names: readonly string[]): PySelection | undefined {
  const openai = (s: string) => /^(openai|chatgpt|gpt|azure(openai)?)$/i.test(s.replace(/[^a-z]/gi, ''));
  const namesOpenAI = /openai|chatgpt/i.test(f.py.text);
  let found: PySelection | undefined;
  walk(f.py.root, (n: Node) => {
    if (found) return false;
    if (n.type === 'dictionary') {
      const pairs = kids(n).filter((p) => p.type === 'pair');
      const keys = pairs.map((p) => stringValue(p.childForFieldName('key')) ?? '');
      const i = keys.findIndex((k) => namesProvider(k, names));
      if (i >= 0 && keys.some(openai)) found = { value: keys[i], text: keys[i]!, at: f.py.start(pairs[i]!) };
    } else if (n.type === 'comparison_operator' && /==|\bin\b/.test(n.text) && namesOpenAI) {
      // operands, and the members of a tuple / list / set compared with `in`
      const ops = kids(n).flatMap((k) => (['tuple', 'list', 'set'].includes(k.type) ? kids(k) : [k]));
      for (const k of ops) {
        const v = stringValue(k);
        if (v !== undefined && namesProvider(v, names) && /==/.test(n.text)) found = { value: v, text: n.text, at: f.py.start(n) };
        const last = k.type === 'attribute' ? k.childForFieldName('attribute')?.text : k.type === 'identifier' ? k.text : undefined;
        if (!found && last && /^[A-Z][A-Z0-9_]*$/.test(last) && namesProvider(last, names)) found = { ref: last, text: n.text, at: f.py.start(n) };
        if (found) break;
      }
    }
    return undefined;
  });
  if (found) return found;
  const consts = pyProviderConsts(f, names);
  return consts.length && pyModuleConsts(f, true).some(([, v]) => openai(v)) ? { value: consts[0]![1], text: `${consts[0]![0]} = "${consts[0]![1]}"`, at: consts[0]![2] } : undefined;
}

/** Module-level string constants `NAME = "value"` (name, value, offset). */
function pyModuleConsts(f: PyFacts, classes = false): Array<[string, string, number]> {
  const out: Array<[string, string, number]> = [];
  const visit = (body: Node) => {
    for (const st of kids(body)) {
      // members of a top-level class (`class BotType(str, Enum): DEEPSEEK = "deepseek"`), when asked
      const inner = classes && st.type === 'class_definition' ? st.childForFieldName('body') : null;
      if (inner && body.id === f.py.root.id) visit(inner);
      const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
      const v = a ? stringValue(a.childForFieldName('right')) : undefined;
      if (left?.type === 'identifier' && v !== undefined) out.push([left.text, v, f.py.start(st)]);
    }
  };
  visit(f.py.root);
  return out;
}

/**
 * Module-level constants and top-level class members naming the target (`DEEPSEEK = "deepseek"`, `QWEN_DASHSCOPE =
 * "dashscope"`, an enum's `DEEPSEEK = "deepseek"`): what `const.DEEPSEEK` / `BotType.DEEPSEEK` selects.
 */
export function pyProviderConsts(f: PyFacts, names: readonly string[]): Array<[string, string, number]> {
  return pyModuleConsts(f, true).filter(([k, v]) => /^[A-Z][A-Z0-9_]*$/.test(k) && namesProvider(v, names) && mentionsProvider(k, names));
}

/**
 * Model-prefix routing to the target in a module that also names OpenAI: `model.startswith("deepseek")`,
 * `model_type.startswith(("qwen", "qwq"))` (bridge/bridge.py of zhayujie/chatgpt-on-wechat): a model id
 * with that prefix selects the app's target adapter. The prefixes and the offset of the first call.
 */
export function pyTargetRoutes(f: PyFacts, names: readonly string[]): { prefixes: string[]; at: number } | undefined {
  if (!/openai|chatgpt/i.test(f.py.text)) return undefined;
  const prefixes: string[] = [];
  let at = -1;
  walk(f.py.root, (n: Node) => {
    if (n.type !== 'call') return;
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'startswith') return;
    const arg = kids(n.childForFieldName('arguments') ?? n)[0];
    const vals = arg ? (arg.type === 'tuple' ? kids(arg) : [arg]).map((x) => stringValue(x)) : [];
    for (const v of vals) {
      if (v === undefined || !namesProvider(v, names) || prefixes.includes(v)) continue;
      prefixes.push(v);
      if (at < 0) at = f.py.start(n);
    }
  });
  return prefixes.length ? { prefixes, at } : undefined;
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
/** Provider settings of a medium other than chat (`EMBEDDING_PROVIDER`, `TTS_PROVIDER`). */
const MEDIA = /EMBED|IMAGE|VOICE|TTS|STT|ASR|SPEECH|VISION|AUDIO|TRANSCRI/i;
const PREFIXED_PROVIDER_VAR = /^(default|llm|ai|chat|active|selected|current|model)_?provider$/i;

/**
 * Literals that choose OpenAI as the app's default provider: the default of a
 * provider variable read from the environment (`os.getenv("LLM_PROVIDER", "openai")`),
 * a provider-named variable or settings field (`DEFAULT_PROVIDER = "openai"`,
 * `llm_provider: str = "openai"`) or a parameter default (`provider="openai"`).
 */
export function pyDefaultProviderLiterals(f: PyFacts, names?: readonly string[]): Node[] {
  const out: Node[] = [];
  // A parameter default (`provider: str = "openai"`) may choose any kind of provider (embeddings, speech: zhayujie/chatgpt-on-wechat
  // `create_embedding_provider(provider="openai")`): only in a module that selects the target itself.
  let selects: boolean | undefined;
  const params = () => (selects ??= !names || pyTargetSelection(f, names) !== undefined);
  walk(f.py.root, (n: Node) => {
    if (n.type !== 'string' || !OPENAI_NAME.test(stringValue(n) ?? '')) return;
    const p = n.parent;
    if (p?.type === 'argument_list') {
      const call = p.parent;
      const fn = call?.childForFieldName('function')?.text.replace(/\s/g, '') ?? '';
      const args = kids(p);
      const env = stringValue(args[0]) ?? '';
      if (/(^|\.)(getenv|get)$/.test(fn) && args[1]?.id === n.id && /provider/i.test(env) && !MEDIA.test(env)) out.push(n);
    } else if (p?.type === 'assignment' && p.childForFieldName('right')?.id === n.id) {
      const left = p.childForFieldName('left');
      // Module-level or settings names only (`DEFAULT_PROVIDER = "openai"`, `llm_provider: str = "openai"`), never `self.x = ...`.
      const name = left?.type === 'identifier' ? left.text : undefined;
      if (name && PREFIXED_PROVIDER_VAR.test(name)) out.push(n);
    } else if ((p?.type === 'default_parameter' || p?.type === 'typed_default_parameter') && p.childForFieldName('value')?.id === n.id) {
      if (PROVIDER_VAR.test(p.childForFieldName('name')?.text ?? '') && params()) out.push(n);
    }
    return undefined;
  });
  return out;
}
