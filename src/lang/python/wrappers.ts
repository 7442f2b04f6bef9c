import type { ClientStatus } from '../../rules/clients.js';
import { heldKeyOf, urlExprStatus, type PyFacts } from './analyze.js';
import { kids, kwargs, walk, type Node } from './parse.js';

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
}

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
    const b = out.bindings.find((x) => x.local === fn.text);
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
    out.uses.push({ binding: b, node: n, kwargs: kw, status, ...(appKey && { appKey }) });
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
    if (n.type !== 'call' || known.has(n.id) || !FOREIGN_OPENAI_CLIENT.test(n.childForFieldName('function')?.text ?? '')) return;
    // It connects by itself: it takes a key (`OpenAIChatCompletionsModel(openai_client=client)` rides a client the tool migrates).
    if (n.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'keyword_argument' && /^(api_key|openai_api_key)$/.test(a.childForFieldName('name')?.text ?? ''))) out.push(n);
  });
  foreignCache.set(f, out);
  return out;
}

/** One walk per analysis: the run's kept settings and the model sites both ask (client-plan.ts, model-sites.ts). */
const foreignCache = new WeakMap<PyFacts, Node[]>();

/** A class or function named for OpenAI, called by name or through its module (`embedding_functions.OpenAIEmbeddingFunction`). */
const FOREIGN_OPENAI_CLIENT = /(^|\.)\w*OpenAI\w*$/;
