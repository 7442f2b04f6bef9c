/**
 * Multi-provider apps: names that say a piece of code belongs to another
 * service's adapter (a registry entry `groq: {...}`, `case "openrouter":`,
 * `class AnthropicProvider`, `GROQ_MODEL = ...`), and test-file paths.
 * Kept free of any parser so the JS/TS and Python analyses share it.
 */

/**
 * Services other than OpenAI / Azure OpenAI that apps put next to OpenAI. A name
 * containing one of these (as a word or camel/snake part) marks another adapter.
 */
const OTHER_SERVICES = [
  'openrouter',
  'groq',
  'grok',
  'xai',
  'anthropic',
  'claude',
  'together',
  'fireworks',
  'cerebras',
  'mistral',
  'gemini',
  'google',
  'vertex',
  'ollama',
  'bedrock',
  'deepseek',
  'qwen',
  'dashscope',
  'zhipu',
  'glm',
  'moonshot',
  'kimi',
  'perplexity',
  'cohere',
  'replicate',
  'huggingface',
  'lmstudio',
  'vllm',
  'litellm',
  'github',
  'deepinfra',
  'siliconflow',
  'doubao',
  'volcengine',
  'baichuan',
  'minimax',
  'hunyuan',
  'ernie',
  'qianfan',
  'sambanova',
  'novita',
  'hyperbolic',
  'nvidia',
  'portkey',
  'helicone',
];

/** Split an identifier or string into lower-case words (`createOpenRouterClient` -> create, open, router, client). */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The other service a name belongs to (`groq`, `openrouter` for `OPEN_ROUTER_MODEL`
 * or `openRouterModel`), or undefined when the name is neutral or OpenAI's own.
 */
export function otherServiceOf(name: string): string | undefined {
  const w = words(name);
  const joined = w.join('');
  for (const s of OTHER_SERVICES) {
    if (s.length <= 3) {
      if (w.includes(s)) return s;
    } else if (w.includes(s) || (s === 'openrouter' && joined.includes('openrouter')) || (s === 'lmstudio' && joined.includes('lmstudio')) || (s === 'huggingface' && joined.includes('huggingface'))) {
      return s;
    }
  }
  return undefined;
}

/** Does a provider-name string (registry key, switch case, `provider === "..."`) name the given profile? */
export function namesProvider(name: string, ids: readonly string[]): boolean {
  const w = words(name).join('');
  return ids.some((id) => w === id.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * Looser than namesProvider: one word of the name holds one of the names (3+ characters): `DEEPSEEK_BASE_URL`,
 * `CHATGLM_BASE_URL` (glm), an enum member `ChatGLM`. For names already tied to the target by something else
 * (a constant holding the target's host, an enum next to OpenAI).
 */
export function mentionsProvider(name: string, ids: readonly string[]): boolean {
  const w = words(name);
  const ns = ids.map((n) => n.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((n) => n.length >= 3);
  return ns.some((n) => w.some((x) => x.includes(n)));
}

/** Is this (repository-relative) path a test file or inside a test folder? */
export function isTestPath(rel: string): boolean {
  const p = rel.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(base)) return true;
  if (/^test_.*\.py$/.test(base) || /_test\.py$/.test(base) || base === 'conftest.py') return true;
  return /(^|\/)(__tests__|tests?|spec)\//.test(p);
}

/** Names an app may use for the target provider in its own registry or switch (`deepseek`, `DeepSeek`, `dashscope`...). */
export function targetNames(p: { id: string; name: string; aliases: string[]; integrations: { aiSdk: { factory: string } | null } }): string[] {
  const short = p.name.replace(/\s*\(.*\)\s*$/, '');
  return [...new Set([p.id, ...p.aliases, short, ...(p.integrations.aiSdk ? [p.integrations.aiSdk.factory] : [])])];
}

/** Other services named in a list of hosts / package names, sorted, without the target's own names. */
export function otherServices(texts: Iterable<string>, target: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    const s = otherServiceOf(t);
    if (s && !namesProvider(s, target)) out.add(s);
  }
  return [...out].sort();
}

/**
 * Where an app's own adapter for the target governs: the folder that holds both the target adapter and
 * the setting that selects it (a registry, a factory). Only files under it count as that app's OpenAI
 * adapter or default-provider setting, so one app's DeepSeek adapter says nothing about another app (or
 * another fixture) in the same run. `selectionNear` says whether a file may hold that app's selection:
 * the target adapter's folder (and below) or the folder right above it (not its other subfolders).
 */
export function adapterScope(targetRel: string): {
  selectionNear: (rel: string) => boolean;
  within: (selectionRel: string, appRoot?: (dir: string) => string | undefined) => (rel: string) => boolean;
  rootOf: (selectionRel: string, appRoot?: (dir: string) => string | undefined) => string;
} {
  const dirOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
  const under = (dir: string, rel: string) => dir === '' || rel.startsWith(dir + '/');
  const targetDir = dirOf(targetRel);
  const near = dirOf(targetDir);
  // `appRoot` (optional): the app's root folder at or above their common folder (a language's project root),
  // when the whole app is the scope rather than the common folder.
  const rootOf = (selectionRel: string, appRoot?: (dir: string) => string | undefined) => {
    const a = targetDir.split('/');
    const b = dirOf(selectionRel).split('/');
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const common = a.slice(0, i).join('/');
    return appRoot?.(common) ?? common;
  };
  return {
    selectionNear: (rel) => under(targetDir, rel) || (targetDir !== '' && dirOf(rel) === near),
    within: (selectionRel, appRoot) => {
      const root = rootOf(selectionRel, appRoot);
      return (rel) => under(root, rel);
    },
    rootOf,
  };
}

/** An app's own adapter for the target, the setting that selects it, and the folder it governs. */
export interface TargetAdapter {
  rel: string;
  line: number;
  selection: string;
  /** The file that selects it. */
  selectionRel?: string;
  /** How the app selects it, for the note (a language fills it in: the comparison, a model-prefix route). */
  how?: { by: string; prefixes?: string; routeAt?: string };
  /** The folder it governs (run-relative, '' for the run's root). */
  root?: string;
  /** Does a file belong to this app (its OpenAI adapter is left, its default-provider setting switched)? */
  inScope: (rel: string) => boolean;
  /** `file:line` of the default-provider settings in scope. */
  defaultsAt: string[];
}

/**
 * Every target adapter of a run, each with its own scope (several apps of a monorepo, several fixtures):
 * one shared search for the JS/TS and Python batches. `adapterLine` says where a module holds the
 * target's adapter, `selectionOf` the provider name a module selects it by, `defaultsOf` the
 * default-provider settings a module holds. Test files neither hold adapters nor defaults.
 */
export function findTargetAdapters<M extends { rel: string }>(
  mods: readonly M[],
  adapterLine: (m: M) => number | undefined,
  selectionOf: (m: M) => string | undefined,
  defaultsOf: (m: M) => string[],
  /** The app's root folder at or above a folder (adapterScope's `within`); the common folder when absent. */
  appRoot?: (dir: string) => string | undefined,
): TargetAdapter[] {
  const out: TargetAdapter[] = [];
  const code = mods.filter((m) => !isTestPath(m.rel));
  for (const m of code) {
    const line = adapterLine(m);
    if (line === undefined || out.some((a) => a.inScope(m.rel))) continue;
    const scope = adapterScope(m.rel);
    const selector = mods.find((q) => scope.selectionNear(q.rel) && selectionOf(q) !== undefined);
    const selection = selector ? selectionOf(selector) : undefined;
    if (!selector || !selection) continue;
    const inScope = scope.within(selector.rel, appRoot);
    out.push({ rel: m.rel, line, selection, selectionRel: selector.rel, root: scope.rootOf(selector.rel, appRoot), inScope, defaultsAt: code.filter((q) => inScope(q.rel)).flatMap(defaultsOf) });
  }
  return out;
}

/** The multi-provider view of a run's batch, and which of its once-per-app notes were said. */
export interface AdapterPlan<T> {
  target: T | undefined;
  /** Other services' adapters found in the app's code (test files aside). */
  others: Set<string>;
  adapters: TargetAdapter[];
  adapterSaid: Set<TargetAdapter>;
  othersSaid: boolean;
}

/** What a language's analysis says of one module, for {@link planAdapters}. */
export interface AdapterProbe<M> {
  /** Names in the module that may mark another service's adapter. */
  hints: (m: M) => Iterable<string>;
  /** Line of the module's own adapter for the target, if it holds one. */
  adapterLine: (m: M) => number | undefined;
  /** The provider name the module selects the target by. */
  selection: (m: M, names: string[]) => string | undefined;
  /** `file:line` of the module's default-provider settings. */
  defaults: (m: M) => string[];
  /** The app's root folder at or above a folder: the target adapter then governs the whole app (Python: its project root). */
  appRoot?: (dir: string) => string | undefined;
}

/**
 * Multi-provider apps, for the JS/TS and Python batches alike: an adapter for the target next to the
 * OpenAI one (then the OpenAI adapter is left and the selection is reported), or other services'
 * adapters (only the OpenAI one is migrated: said once).
 */
export function planAdapters<T extends { provider: Parameters<typeof targetNames>[0] }, M extends { rel: string }>(target: T | undefined, mods: readonly M[], probe: AdapterProbe<M>): AdapterPlan<T> {
  const names = target ? targetNames(target.provider) : [];
  const others = new Set<string>();
  if (target) for (const m of mods) if (!isTestPath(m.rel)) for (const s of otherServices(probe.hints(m), names)) others.add(s);
  const adapters = target ? findTargetAdapters(mods, probe.adapterLine, (m) => probe.selection(m, names), probe.defaults, probe.appRoot) : [];
  return { target, others, adapters, adapterSaid: new Set(), othersSaid: false };
}

/** Run fact (HandlerOptions.project): the absolute folders of apps whose own adapter for the target the code handlers found. */
const TARGET_ADAPTER_APPS = 'target-adapter-apps';

/** Records the apps (absolute folders) whose target adapter governs them: their config and env files are left too. */
export function recordTargetAdapterApps(project: Map<string, unknown> | undefined, roots: Iterable<string>): void {
  if (!project) return;
  const all = new Set((project.get(TARGET_ADAPTER_APPS) as string[] | undefined) ?? []);
  for (const r of roots) all.add(r);
  if (all.size) project.set(TARGET_ADAPTER_APPS, [...all]);
}

/**
 * Is a config or env file inside an app that already has the target's adapter (recordTargetAdapterApps)? Its OpenAI
 * settings belong to the OpenAI adapter, which stays: pointing them at the target would send the OpenAI key there.
 */
export function inTargetAdapterApp(project: Map<string, unknown> | undefined, fileAbs: string): boolean {
  const roots = (project?.get(TARGET_ADAPTER_APPS) as string[] | undefined) ?? [];
  const f = fileAbs.replace(/\\/g, '/');
  return roots.some((r) => f.startsWith(r.replace(/\\/g, '/').replace(/\/*$/, '/')));
}
