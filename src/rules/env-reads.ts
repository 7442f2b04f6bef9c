import { existsSync } from 'node:fs';
import path from 'node:path';
import { envRole } from './env.js';

/**
 * Which OpenAI environment variables (and provider key / base-URL variables) the code reads once it is migrated
 * (the text that will be on disk: rewritten, or unchanged when nothing applied).
 * Env files follow it: a variable some code still reads under its OpenAI name
 * is neither renamed nor commented out (the code that stays on OpenAI, or that
 * the tool could not migrate, would lose it).
 *
 * Read from the final text, so every transform's decision is already in it:
 * - explicit reads: the name as a whole string literal (`os.getenv("X")`,
 *   `process.env["X"]`, a project's `getenv_required("X")`, a schema key), a
 *   property access (`process.env.X`, `env.X`, `import.meta.env.X`), or an
 *   object key (`X: z.string()`);
 * - implicit reads: an OpenAI SDK client built without a key or base URL reads
 *   the SDK's default variables (openai-node and openai-python read
 *   OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID; the Azure
 *   clients AZURE_OPENAI_API_KEY, AZURE_OPENAI_ENDPOINT, OPENAI_API_VERSION);
 *   LangChain's OpenAI classes and the AI SDK's default `openai` provider read
 *   OPENAI_API_KEY.
 * Comment lines are ignored; a name only inside prose (`"OPENAI_API_KEY not
 * set"`) is not a read.
 */
/** Where a variable name may be: the token around one of these is read whole. */
const ANCHOR = /OPENAI|_API_KEY|_API_PASSWORD|_BASE_URL/g;
/** Key and base-URL variables of any provider (DEEPSEEK_API_KEY, SPARK_API_PASSWORD, DASHSCOPE_BASE_URL): whether the migrated code reads the new name. */
const PROVIDER_VAR = /_(API_KEY|API_PASSWORD|BASE_URL)$/;
const isNameChar = (c: string | undefined) => !!c && /[A-Z0-9_]/.test(c);

export function envReadsIn(text: string, lang: 'js' | 'python'): Set<string> {
  const out = new Set<string>();
  const comment = lang === 'js' ? /^\s*(\/\/|\/\*|\*)/ : /^\s*#/;
  const inComment = (i: number) => comment.test(text.slice(text.lastIndexOf('\n', i) + 1, i + 1));
  let last = -1;
  for (const a of text.matchAll(ANCHOR)) {
    let i = a.index;
    if (i <= last) continue;
    while (isNameChar(text[i - 1])) i--;
    let end = a.index + a[0].length;
    while (isNameChar(text[end])) end++;
    last = end;
    const name = text.slice(i, end);
    if (!/^[A-Z]/.test(name) || !(envRole(name) || PROVIDER_VAR.test(name)) || /[\w$]/.test(text[i - 1] ?? '') || inComment(i)) continue;
    const quote = /(\\?['"`])$/.exec(text.slice(Math.max(0, i - 2), i))?.[1];
    const rest = text.slice(end, end + 8);
    const literal = !!quote && rest.startsWith(quote);
    const property = text[i - 1] === '.';
    const objectKey = lang === 'js' && /^\s*\??:/.test(rest) && /[{,]\s*$/.test(text.slice(Math.max(0, i - 200), i));
    if (literal || property || objectKey) out.add(name);
  }
  if (/OpenAI|@ai-sdk\/openai/.test(text)) for (const name of implicitReads(text, lang, inComment)) out.add(name);
  if (lang === 'python') for (const name of libraryEnvReads(text)) out.add(name);
  return out;
}

/**
 * Variables a Python library reads by itself to call OpenAI, for a module that imports it: CrewAI's default LLM
 * (an Agent without `llm=`) takes its model from OPENAI_MODEL_NAME or MODEL, its base URL from BASE_URL,
 * OPENAI_API_BASE or OPENAI_BASE_URL, and the key of the provider its model id names (OPENAI_API_KEY for an
 * unprefixed or `openai/` id), through litellm, which reads OPENAI_API_KEY for `LLM(model="openai/...")` without a key
 * (https://docs.crewai.com/en/learn/llm-connections, crewAI src/crewai/utilities/llm_utils.py
 * `_llm_via_environment_or_fallback`); litellm and DSPy read OPENAI_API_KEY and OPENAI_API_BASE / OPENAI_BASE_URL.
 * Those libraries stay on OpenAI after a run (the tool does not rewrite them): an env file keeps these values.
 */
export function libraryEnvReads(text: string): string[] {
  const imports = (m: string) => new RegExp(`^[ \\t]*(from[ \\t]+${m}\\b|import[ \\t]+${m}\\b)`, 'm').test(text);
  if (imports('crewai')) return ['OPENAI_API_KEY', 'OPENAI_MODEL_NAME', 'MODEL', 'OPENAI_API_BASE', 'OPENAI_BASE_URL'];
  if (imports('litellm') || imports('dspy')) return ['OPENAI_API_KEY', 'OPENAI_API_BASE', 'OPENAI_BASE_URL'];
  return [];
}

const SDK_DEFAULTS = { key: 'OPENAI_API_KEY', base: 'OPENAI_BASE_URL', extra: ['OPENAI_ORG_ID', 'OPENAI_PROJECT_ID'] };
const AZURE_DEFAULTS = { key: 'AZURE_OPENAI_API_KEY', base: 'AZURE_OPENAI_ENDPOINT', extra: ['OPENAI_API_VERSION'] };

function implicitReads(code: string, lang: 'js' | 'python', inComment: (i: number) => boolean): string[] {
  const out: string[] = [];
  const ctor =
    lang === 'js' ? /\bnew\s+(OpenAI|AzureOpenAI|ChatOpenAI|OpenAIEmbeddings)\s*\(/g : /(?<![\w.])(?:openai\.)?(OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|ChatOpenAI|OpenAIEmbeddings)\s*\(/g;
  const keyArg = lang === 'js' ? /\b(apiKey|openAIApiKey)\b/ : /\b(api_key|openai_api_key)\s*=/;
  const baseArg = lang === 'js' ? /\b(baseURL|endpoint|configuration)\b/ : /\b(base_url|azure_endpoint|openai_api_base)\s*=/;
  for (const m of code.matchAll(ctor)) {
    if (inComment(m.index)) continue;
    const args = balanced(code, m.index + m[0].length - 1);
    if (args === undefined || /^\s*\.\.\./.test(args)) continue;
    const spread = lang === 'js' ? /\.\.\.|^\s*[A-Za-z_$][\w$.]*\s*$/.test(args) : /\*\*/.test(args);
    if (spread && !keyArg.test(args)) continue; // options from a variable: not decidable here, explicit reads cover them
    const d = m[1]!.includes('Azure') ? AZURE_DEFAULTS : SDK_DEFAULTS;
    if (!keyArg.test(args)) out.push(d.key);
    if (!baseArg.test(args) && !/Chat|Embeddings/.test(m[1]!)) out.push(d.base, ...d.extra);
  }
  // The AI SDK's default provider instance reads OPENAI_API_KEY.
  const aiSdk = lang === 'js' ? /import\s*\{[^}]*\bopenai\b[^}]*\}\s*from\s*['"]@ai-sdk\/openai['"]/.exec(code) : null;
  if (aiSdk && !inComment(aiSdk.index)) out.push('OPENAI_API_KEY');
  return out;
}

/** The argument text of the call whose `(` is at `open`, or undefined when unbalanced. Strings are skipped. */
function balanced(code: string, open: number): string | undefined {
  let depth = 0;
  let quote = '';
  for (let i = open; i < code.length && i < open + 4000; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return code.slice(open + 1, i);
    }
  }
  return undefined;
}

/**
 * Model variables whose default the code holds, read from the migrated text: `process.env.X || "gpt-4o"`,
 * `env.X ?? 'id'`, `X: z.string().default("id")`. `openai`: defaults still an OpenAI id (the code that reads X
 * stays on OpenAI: a client whose host is unresolved, an endpoint the provider lacks); `other`: another id.
 * An env file leaves a model variable whose code keeps only OpenAI defaults (found on aditfarhan/rag-agent-project:
 * OPENAI_EMBEDDING_MODEL mapped while its only client stayed on OpenAI).
 */
export function modelDefaultsIn(text: string, isOpenAIId: (id: string) => boolean): { openai: Set<string>; other: Set<string> } {
  const out = { openai: new Set<string>(), other: new Set<string>() };
  const add = (name: string, value: string) => {
    if (!/MODEL|LLM|EMBEDDING/.test(name)) return;
    (isOpenAIId(value) ? out.openai : out.other).add(name);
  };
  for (const m of text.matchAll(/(?:\benv|\.env)\s*(?:\.\s*([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])\s*(?:\|\||\?\?)\s*(['"`])([^'"`\n]+)\3/g)) add(m[1] ?? m[2]!, m[4]!);
  for (const m of text.matchAll(/\b([A-Z][A-Z0-9_]*)['"]?\s*:\s*z\.[^\n]*?\.default\(\s*(['"`])([^'"`\n]+)\2/g)) add(m[1]!, m[3]!);
  return out;
}

const MODELS_KEY = 'model-defaults';
const SPLIT_KEY = 'py-model-defaults';

/**
 * Python model variables read with a default (`os.environ.get("OPENAI_MODEL", "gpt-4o")`, `os.getenv(...)`), from the
 * migrated text: an OpenAI id where the code that reads it stays on OpenAI, another id where it moved.
 */
export function pyModelDefaultsIn(text: string, isOpenAIId: (id: string) => boolean): { openai: Set<string>; other: Set<string> } {
  const out = { openai: new Set<string>(), other: new Set<string>() };
  for (const m of text.matchAll(/(?:getenv|environ\.get)\(\s*(['"])([A-Z][A-Z0-9_]*)\1\s*,\s*(['"])([^'"\n]+)\3\s*\)/g)) {
    if (!/MODEL/.test(m[2]!)) continue;
    (isOpenAIId(m[4]!) ? out.openai : out.other).add(m[2]!);
  }
  return out;
}

/** Records a Python file's model defaults (pyModelDefaultsIn) for the env files' split-variable note. */
export function recordPyModelDefaults(project: Map<string, unknown> | undefined, fileAbs: string, d: { openai: Set<string>; other: Set<string> }): void {
  if (!project || (!d.openai.size && !d.other.size)) return;
  let m = project.get(SPLIT_KEY) as Map<string, { openai: Set<string>; other: Set<string> }> | undefined;
  if (!m) project.set(SPLIT_KEY, (m = new Map()));
  m.set(fileAbs, d);
}

/**
 * Model variables the Python code of an env file's folder (envReadsFor's scope) reads both with an OpenAI default (code
 * that stays on OpenAI) and with another id (code moved to the provider): one value cannot serve both.
 */
export function splitModelVarsFor(project: Map<string, unknown> | undefined, envFileAbs: string): Set<string> {
  const m = project?.get(SPLIT_KEY) as Map<string, { openai: Set<string>; other: Set<string> }> | undefined;
  const out = new Set<string>();
  if (!m?.size) return out;
  const dir = path.dirname(envFileAbs) + path.sep;
  const under = [...m].filter(([f]) => f.startsWith(dir));
  const openai = new Set<string>();
  const other = new Set<string>();
  for (const [, d] of under.length ? under : [...m]) {
    for (const n of d.openai) openai.add(n);
    for (const n of d.other) other.add(n);
  }
  for (const n of openai) if (other.has(n)) out.add(n);
  return out;
}

/** Records a code file's model defaults (modelDefaultsIn) for the env files of the run. */
export function recordModelDefaults(project: Map<string, unknown> | undefined, fileAbs: string, d: { openai: Set<string>; other: Set<string> }): void {
  if (!project || (!d.openai.size && !d.other.size)) return;
  let m = project.get(MODELS_KEY) as Map<string, { openai: Set<string>; other: Set<string> }> | undefined;
  if (!m) project.set(MODELS_KEY, (m = new Map()));
  m.set(fileAbs, d);
}

/** Model variables the run's code keeps OpenAI defaults for and no other default: an env file leaves their values. */
export function modelVarsLeft(project: Map<string, unknown> | undefined): Set<string> {
  const m = project?.get(MODELS_KEY) as Map<string, { openai: Set<string>; other: Set<string> }> | undefined;
  const openai = new Set<string>();
  const other = new Set<string>();
  for (const d of m?.values() ?? []) {
    for (const n of d.openai) openai.add(n);
    for (const n of d.other) other.add(n);
  }
  return new Set([...openai].filter((n) => !other.has(n)));
}

const isKeyVar = (n: string) => envRole(n) === 'key' || /_(API_KEY|API_PASSWORD)$/.test(n);

/** The run's env reads, per code file (absolute path): shared in the handlers' `project` map. */
const KEY = 'env-reads';

export function recordEnvReads(project: Map<string, unknown> | undefined, fileAbs: string, names: Set<string>): void {
  if (!project) return;
  let m = project.get(KEY) as Map<string, Set<string>> | undefined;
  if (!m) project.set(KEY, (m = new Map()));
  m.set(fileAbs, names);
}

const CHANGED_KEY = 'changed-code';

/** Records a code file the run changes (its final text is not its original). */
export function recordCodeChanged(project: Map<string, unknown> | undefined, fileAbs: string, changed: boolean): void {
  if (!project || !changed) return;
  let s = project.get(CHANGED_KEY) as Set<string> | undefined;
  if (!s) project.set(CHANGED_KEY, (s = new Set()));
  s.add(fileAbs);
}

/** Files that mark an app's own folder (its dependencies), in Python and JS/TS. */
const APP_MARKERS = ['pyproject.toml', 'setup.py', 'requirements.txt', 'Pipfile', 'package.json'];

/**
 * An env file of an app the run leaves alone: its folder (below the run's root) holds the app's own manifest and
 * no code under it is changed by the run (a CrewAI, litellm or parlant app in a monorepo of OpenAI apps, found on
 * patchy631/ai-engineering-hub). The code there still reads the OpenAI names, or its libraries do: the file is left.
 */
export function envOfUnchangedApp(project: Map<string, unknown> | undefined, envFileAbs: string, rootAbs: string): boolean {
  if (!project?.get(KEY)) return false;
  const dir = path.dirname(envFileAbs);
  if (path.resolve(dir) === path.resolve(rootAbs) || !APP_MARKERS.some((m) => existsSync(path.join(dir, m)))) return false;
  const changed = (project.get(CHANGED_KEY) as Set<string> | undefined) ?? new Set<string>();
  return ![...changed].some((f) => f.startsWith(dir + path.sep));
}

const LIBRARY_KEY = 'library-env-reads';

/** Records the variables a code file's libraries read by themselves (libraryEnvReads). */
export function recordLibraryReads(project: Map<string, unknown> | undefined, fileAbs: string, names: readonly string[]): void {
  if (!project || !names.length) return;
  let m = project.get(LIBRARY_KEY) as Map<string, Set<string>> | undefined;
  if (!m) project.set(LIBRARY_KEY, (m = new Map()));
  m.set(fileAbs, new Set(names));
}

/** The variables libraries read by themselves in the code an env file configures (the same code as envReadsFor's). */
export function libraryReadsFor(project: Map<string, unknown> | undefined, envFileAbs: string): Set<string> {
  const all = project?.get(KEY) as Map<string, Set<string>> | undefined;
  const lib = project?.get(LIBRARY_KEY) as Map<string, Set<string>> | undefined;
  const out = new Set<string>();
  if (!all?.size || !lib?.size) return out;
  const dir = path.dirname(envFileAbs) + path.sep;
  const under = [...all.keys()].some((f) => f.startsWith(dir));
  for (const [f, names] of lib) if (!under || f.startsWith(dir)) for (const n of names) out.add(n);
  return out;
}

/**
 * The variables read by the code an env file configures: the code under the
 * env file's folder, or all the run's code when none of it is under that folder.
 * Undefined when no code was read in this run (an env file migrated alone).
 */
export function envReadsFor(project: Map<string, unknown> | undefined, envFileAbs: string): Set<string> | undefined {
  const m = project?.get(KEY) as Map<string, Set<string>> | undefined;
  if (!m?.size) return undefined;
  const dir = path.dirname(envFileAbs) + path.sep;
  const under = [...m].filter(([f]) => f.startsWith(dir));
  const out = new Set<string>();
  for (const [, names] of under.length ? under : [...m]) for (const n of names) out.add(n);
  // The code under the folder reads no key at all (a monorepo app whose client lives in a workspace package,
  // enolcasielles/memo-mate: apps/bot/.env.example, the client in packages/openai): the run's code decides.
  if (under.length && ![...out].some(isKeyVar)) for (const [, names] of m) for (const n of names) out.add(n);
  return out;
}
