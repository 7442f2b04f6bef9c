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
const NAME = /[A-Z][A-Z0-9_]*[A-Z0-9]/g;
/** Key and base-URL variables of any provider (DEEPSEEK_API_KEY, SPARK_API_PASSWORD, DASHSCOPE_BASE_URL): whether the migrated code reads the new name. */
const PROVIDER_VAR = /_(API_KEY|API_PASSWORD|BASE_URL)$/;

export function envReadsIn(text: string, lang: 'js' | 'python'): Set<string> {
  const code = withoutCommentLines(text, lang);
  const out = new Set<string>();
  for (const m of code.matchAll(NAME)) {
    const name = m[0];
    const i = m.index;
    if (!(envRole(name) || PROVIDER_VAR.test(name)) || /[\w$]/.test(code[i - 1] ?? '')) continue;
    const quote = /(\\?['"`])$/.exec(code.slice(Math.max(0, i - 2), i))?.[1];
    const rest = code.slice(i + name.length, i + name.length + 8);
    const literal = !!quote && rest.startsWith(quote);
    const property = code[i - 1] === '.';
    const objectKey = lang === 'js' && /^\s*\??:/.test(rest) && /[{,]\s*$/.test(code.slice(Math.max(0, i - 200), i));
    if (literal || property || objectKey) out.add(name);
  }
  for (const name of implicitReads(code, lang)) out.add(name);
  return out;
}

const SDK_DEFAULTS = { key: 'OPENAI_API_KEY', base: 'OPENAI_BASE_URL', extra: ['OPENAI_ORG_ID', 'OPENAI_PROJECT_ID'] };
const AZURE_DEFAULTS = { key: 'AZURE_OPENAI_API_KEY', base: 'AZURE_OPENAI_ENDPOINT', extra: ['OPENAI_API_VERSION'] };

function implicitReads(code: string, lang: 'js' | 'python'): string[] {
  const out: string[] = [];
  const ctor =
    lang === 'js' ? /\bnew\s+(OpenAI|AzureOpenAI|ChatOpenAI|OpenAIEmbeddings)\s*\(/g : /(?<![\w.])(?:openai\.)?(OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|ChatOpenAI|OpenAIEmbeddings)\s*\(/g;
  const keyArg = lang === 'js' ? /\b(apiKey|openAIApiKey)\b/ : /\b(api_key|openai_api_key)\s*=/;
  const baseArg = lang === 'js' ? /\b(baseURL|endpoint|configuration)\b/ : /\b(base_url|azure_endpoint|openai_api_base)\s*=/;
  for (const m of code.matchAll(ctor)) {
    const args = balanced(code, m.index + m[0].length - 1);
    if (args === undefined || /^\s*\.\.\./.test(args)) continue;
    const spread = lang === 'js' ? /\.\.\.|^\s*[A-Za-z_$][\w$.]*\s*$/.test(args) : /\*\*/.test(args);
    if (spread && !keyArg.test(args)) continue; // options from a variable: not decidable here, explicit reads cover them
    const d = m[1]!.includes('Azure') ? AZURE_DEFAULTS : SDK_DEFAULTS;
    if (!keyArg.test(args)) out.push(d.key);
    if (!baseArg.test(args) && !/Chat|Embeddings/.test(m[1]!)) out.push(d.base, ...d.extra);
  }
  // The AI SDK's default provider instance reads OPENAI_API_KEY.
  if (lang === 'js' && /import\s*\{[^}]*\bopenai\b[^}]*\}\s*from\s*['"]@ai-sdk\/openai['"]/.test(code)) out.push('OPENAI_API_KEY');
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

function withoutCommentLines(text: string, lang: 'js' | 'python'): string {
  const comment = lang === 'js' ? /^\s*(\/\/|\/\*|\*)/ : /^\s*#/;
  return text
    .split('\n')
    .map((l) => (comment.test(l) ? '' : l))
    .join('\n');
}

/** The run's env reads, per code file (absolute path): shared in the handlers' `project` map. */
const KEY = 'env-reads';

export function recordEnvReads(project: Map<string, unknown> | undefined, fileAbs: string, names: Set<string>): void {
  if (!project) return;
  let m = project.get(KEY) as Map<string, Set<string>> | undefined;
  if (!m) project.set(KEY, (m = new Map()));
  m.set(fileAbs, names);
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
  return out;
}
