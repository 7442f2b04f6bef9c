import type { ClientStatus } from '../../rules/clients.js';
import { heldKeyOf, importedAt, urlExprStatus, type PyFacts } from './analyze.js';
import { kids, kwargs, stringValue, walk, type Node } from './parse.js';

/**
 * Framework integrations that call OpenAI for the user: LangChain
 * (`langchain_openai` and the legacy `langchain.*` / `langchain_community.*`
 * classes, `init_chat_model`) and LlamaIndex (`llama_index.llms.openai`,
 * `llama_index.embeddings.openai`, `llama_index.llms.azure_openai`).
 */
export type WrapperKind = 'lc-chat' | 'lc-azure-chat' | 'lc-embeddings' | 'lc-azure-embeddings' | 'lc-llm' | 'li-llm' | 'li-azure' | 'li-embedding';

export interface WrapperBinding {
  kind: WrapperKind;
  local: string;
  imported: string;
  module: string;
  /** `langchain.*` / `langchain_community.*` import (old field names). */
  legacy: boolean;
  stmt: Node;
  /** The imported name node (dotted_name or aliased_import) inside the statement. */
  nameNode: Node;
}

export interface WrapperUse {
  binding: WrapperBinding;
  node: Node;
  kwargs: Map<string, Node>;
  status: ClientStatus;
  /** The key value when it is an OpenAI key the app holds (the use stays on OpenAI). */
  appKey?: Node;
  /** An Azure class whose deployment is read at run time (`deployment_name=os.environ[...]`): it stays on Azure. */
  azureRuntime?: Node;
}

/** Keywords naming an Azure deployment (the model, on Azure). */
export const DEPLOYMENT_KW = ['azure_deployment', 'deployment_name', 'engine', 'deployment'];

export interface WrapperFacts {
  bindings: WrapperBinding[];
  uses: WrapperUse[];
  /** `init_chat_model(...)` calls. */
  initChat: Node[];
}

const LC_NEW = new Set(['langchain_openai', 'langchain_openai.chat_models', 'langchain_openai.embeddings', 'langchain_openai.llms']);
const LC_OLD = /^(langchain|langchain_community)\.(chat_models|llms|embeddings)(\.(openai|azure_openai|base))?$/;

function kindOf(module: string, name: string): { kind: WrapperKind; legacy: boolean } | undefined {
  const legacy = LC_OLD.test(module);
  if (LC_NEW.has(module) || legacy) {
    if (name === 'ChatOpenAI') return { kind: 'lc-chat', legacy };
    if (name === 'AzureChatOpenAI') return { kind: 'lc-azure-chat', legacy };
    if (name === 'OpenAIEmbeddings') return { kind: 'lc-embeddings', legacy };
    if (name === 'AzureOpenAIEmbeddings') return { kind: 'lc-azure-embeddings', legacy };
    if (name === 'OpenAI') return { kind: 'lc-llm', legacy };
  }
  if ((module === 'llama_index.llms.openai' || module === 'llama_index.llms' || module === 'llama_index.core.llms.openai') && name === 'OpenAI') return { kind: 'li-llm', legacy: false };
  if (module === 'llama_index.llms.azure_openai' && name === 'AzureOpenAI') return { kind: 'li-azure', legacy: false };
  if ((module === 'llama_index.embeddings.openai' || module === 'llama_index.embeddings') && name === 'OpenAIEmbedding') return { kind: 'li-embedding', legacy: false };
  return undefined;
}

/** The keyword that carries the base URL for each wrapper family. */
export const BASE_KW = ['base_url', 'openai_api_base', 'api_base'];

export function analyzeWrappers(f: PyFacts, targetHost?: string): WrapperFacts {
  const out: WrapperFacts = { bindings: [], uses: [], initChat: [] };
  const initNames = new Set<string>();
  for (const st of descendants(f.py.root, 'import_from_statement')) {
    const mod = st.childForFieldName('module_name')?.text ?? '';
    for (const c of st.childrenForFieldName('name')) {
      if (!c) continue;
      const [imported, local] = c.type === 'aliased_import' ? [c.childForFieldName('name')!.text, c.childForFieldName('alias')!.text] : [c.text, c.text];
      if (imported === 'init_chat_model' && /^langchain(\.|$)/.test(mod)) initNames.add(local);
      const k = kindOf(mod, imported);
      if (k) out.bindings.push({ ...k, local, imported, module: mod, stmt: st, nameNode: c });
    }
  }
  if (!out.bindings.length && !initNames.size) return out;
  walk(f.py.root, (n) => {
    if (n.type !== 'call') return;
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'identifier') return;
    if (initNames.has(fn.text)) out.initChat.push(n);
    // The name imported again from elsewhere (a notebook's later `from openai import OpenAI`): the import above the call decides.
    const from = importedAt(f, fn.text, fn.startIndex);
    const b = out.bindings.find((x) => x.local === fn.text && (from === undefined || x.module === from));
    if (!b) return;
    const kw = kwargs(n);
    let status: ClientStatus = b.kind.includes('azure') ? 'azure' : 'openai';
    const base = BASE_KW.map((k) => kw.get(k)?.childForFieldName('value')).find((v) => v);
    const args = n.childForFieldName('arguments');
    if (args && kids(args).some((a) => a.type === 'dictionary_splat')) status = 'unresolved';
    if (base && status !== 'azure') status = urlExprStatus(f, base, targetHost);
    // `ChatOpenAI(openai_api_key=profile.openai_key)`: an OpenAI key the app holds, the model stays on OpenAI (analyze.ts appHeldKey)
    const key = (kw.get('api_key') ?? kw.get('openai_api_key'))?.childForFieldName('value');
    const appKey = status === 'openai' ? heldKeyOf(f, key ?? undefined) : undefined;
    if (appKey) status = 'other';
    // `AzureChatOpenAI(deployment_name=os.environ["AZURE_DEPLOYMENT_NAME"])`: a deployment read at run time names no model
    // id to move to, so the class stays on Azure whole, key and all, as the SDK's AzureOpenAI does (GaiZhenbiao/ChuanhuChatGPT).
    const dep = status === 'azure' ? DEPLOYMENT_KW.map((k) => kw.get(k)?.childForFieldName('value')).find((v) => v) : undefined;
    const azureRuntime = dep && stringValue(dep) === undefined ? dep : undefined;
    if (azureRuntime) status = 'other';
    out.uses.push({ binding: b, node: n, kwargs: kw, status, ...(appKey && { appKey }), ...(azureRuntime && { azureRuntime }) });
  });
  return out;
}

function descendants(root: Node, type: string): Node[] {
  const out: Node[] = [];
  walk(root, (n) => {
    if (n.type === type) out.push(n);
  });
  return out;
}

/**
 * Calls of another library's OpenAI client, which the tool does not migrate and which keep calling OpenAI
 * (chromadb's `embedding_functions.OpenAIEmbeddingFunction(api_key=..., model_name=...)`): any call of a class or
 * function named for OpenAI that takes its own key and is neither an SDK client construction nor a LangChain/LlamaIndex
 * class the tool knows.
 * Their key variable (client-plan.ts) and model ids (model-sites.ts) stay OpenAI's.
 */
export function foreignOpenAIClients(f: PyFacts): Node[] {
  const hit = foreignCache.get(f);
  if (hit) return hit;
  const known = new Set([...f.constructions.map((c) => c.node.id), ...analyzeWrappers(f).uses.map((u) => u.node.id)]);
  const out: Node[] = [];
  walk(f.py.root, (n) => {
    if (n.type !== 'call' || known.has(n.id)) return;
    // Another framework's model class (CrewAI `LLM(model="gpt-4o")`, litellm, DSPy): it picks OpenAI from the id, with its own key.
    if (foreignLlmCall(f, n)) return void out.push(n);
    if (!FOREIGN_OPENAI_CLIENT.test(n.childForFieldName('function')?.text ?? '')) return;
    // It connects by itself: it takes a key (`OpenAIChatCompletionsModel(openai_client=client)` rides a client the tool migrates).
    if (n.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'keyword_argument' && /^(api_key|openai_api_key)$/.test(a.childForFieldName('name')?.text ?? ''))) out.push(n);
  });
  foreignCache.set(f, out);
  return out;
}

/** One walk per analysis: the run's kept settings and the model sites both ask (client-plan.ts, model-sites.ts). */
const foreignCache = new WeakMap<PyFacts, Node[]>();

/** Frameworks whose model classes pick the service from the model id (litellm underneath): not OpenAI clients the migration moves. */
const FOREIGN_LLM_MODULE = /^(crewai|litellm|dspy)(\.|$)/;

/** A call of such a framework: a name imported from it, or through its module (`litellm.completion`, `dspy.LM`). */
export function foreignLlmCall(f: PyFacts, call: Node): boolean {
  const fn = call.childForFieldName('function');
  const head = fn?.type === 'attribute' ? fn.text.split('.')[0]! : fn?.type === 'identifier' ? fn.text : undefined;
  if (!head) return false;
  const b = f.imports.get(head);
  const mod = b ? b.module || b.name : (f.moduleAliases.get(head) ?? (fn?.type === 'attribute' ? head : undefined));
  return !!mod && FOREIGN_LLM_MODULE.test(mod);
}

/** A class or function named for OpenAI, called by name or through its module (`embedding_functions.OpenAIEmbeddingFunction`). */
const FOREIGN_OPENAI_CLIENT = /(^|\.)\w*OpenAI\w*$/;

/** The LlamaIndex integration package a wrapper kind would switch to. */
export const llamaIndexPackage = (kind: string) => (kind === 'li-embedding' ? 'llama-index-embeddings-openai-like' : 'llama-index-llms-openai-like');

/**
 * A LlamaIndex class of the 0.9 line (before the 0.10 package split): the project pins
 * llama-index <0.10, or the code imports it from a path only 0.9 has (`from llama_index.llms
 * import OpenAI`; 0.10 moved it to `llama_index.llms.openai`, https://docs.llamaindex.ai/en/stable/getting_started/v0_10_0_migration/).
 */
export function llamaIndexLegacy(b: WrapperBinding, packageFits: (pkg: string) => boolean): boolean {
  return b.module === 'llama_index.llms' || b.module === 'llama_index.embeddings' || !packageFits(llamaIndexPackage(b.kind));
}

/**
 * A 0.9-line class with a provider-neutral counterpart in the package itself: the LLM, whose
 * `OpenAILike` is exported by `llama_index.llms` throughout 0.9
 * (https://github.com/run-llama/llama_index/blob/v0.9.8/llama_index/llms/__init__.py).
 * The 0.9 embeddings have none: they stay on OpenAI.
 */
export const llamaIndexLegacyMoves = (b: WrapperBinding): boolean => b.kind === 'li-llm';

/**
 * The environment handed to another program: a dict under an `"env"` key (an MCP server's
 * `{"command": ..., "args": [...], "env": {"OPENAI_API_KEY": ..., "MODEL_NAME": "gpt-4o-mini"}}`)
 * or an `env=` argument (`subprocess.run(..., env={...})`, `StdioServerParameters(env=...)`).
 * That program reads its own variables and calls its own service: neither its names nor its ids are the app's to migrate.
 */
export function isChildProcessEnv(n: Node): boolean {
  if (n.type !== 'dictionary') return false;
  const p = n.parent;
  if (p?.type === 'pair' && p.childForFieldName('value')?.id === n.id) return stringValue(p.childForFieldName('key')) === 'env';
  if (p?.type === 'keyword_argument' && p.childForFieldName('value')?.id === n.id) return p.childForFieldName('name')?.text === 'env';
  return false;
}
