import type { ClientStatus, EndpointKind } from '../../rules/clients.js';
import { endpointOf, statusOfUrl } from '../../rules/clients.js';
import { envRole, isAppHeldKeyName } from '../../rules/env.js';
import { flattenAttr, kids, kwargs, stringValue, unparen, walk, type Node, type PyTree } from './parse.js';
import { userEnvKeyWrite, userInputSource } from './user-input.js';
import { settingsClassesOf, settingsFieldOf, settingsObjectsOf, settingsUrlStatus, type PySettingsClass, type PySettingsFacts } from './settings.js';

export type { ClientStatus, EndpointKind } from '../../rules/clients.js';

/**
 * What a Python file does with the openai package: the names bound to the
 * module and the client classes, which values are clients (variables, `self`
 * attributes, typed parameters, factories), the client constructions, the
 * API calls (v1 resources, the module-level client, legacy v0 resource
 * classes) and the module-level configuration. Syntactic and scope-light, like
 * the JS analysis: no type inference, no imports executed.
 */

export interface PyConstruction {
  node: Node;
  azure: boolean;
  status: ClientStatus;
  /** keyword_argument nodes by name. */
  kwargs: Map<string, Node>;
  /** `OpenAI(**cfg)`: the dict literal the splat resolves to (same file). */
  dict?: Node;
  baseUrl?: Node;
  /** `api_key=user.openai_api_key`: an OpenAI key the app holds (appHeldKey); the client stays on OpenAI. */
  appKey?: Node;
}

export interface PyCall {
  node: Node;
  /** Resource path without `beta` / `with_raw_response` / `with_streaming_response`. */
  path: string[];
  endpoint: EndpointKind;
  client: ClientStatus;
  kwargs: Map<string, Node>;
  /** Dict literals the call's `**payload` splats resolve to. */
  dicts: Node[];
  /** Called on the `openai` module (module-level client or legacy v0 class). */
  module: boolean;
  /** Legacy v0 resource class call (`openai.ChatCompletion.create`). */
  legacy: boolean;
}

export interface ImportBinding {
  /** Dotted module as written, with leading dots for relative imports. */
  module: string;
  name: string;
}

export interface PyFacts {
  py: PyTree;
  importsOpenAI: boolean;
  /** Local names bound to the `openai` module. */
  modules: Set<string>;
  openaiClass: Set<string>;
  azureClass: Set<string>;
  /** `from openai import ...` statements. */
  openaiImports: Node[];
  clients: Map<string, ClientStatus>;
  members: Map<string, ClientStatus>;
  factories: Map<string, ClientStatus>;
  resourceAliases: Map<string, { status: ClientStatus; prefix: string[] }>;
  constructions: PyConstruction[];
  calls: PyCall[];
  /** `openai.<attr> = value` statements by attribute (module-level configuration). */
  moduleConfig: Map<string, { stmt: Node; value: Node }[]>;
  /** The file uses the legacy v0 module API (resource classes or `openai.api_base`). */
  legacy: boolean;
  /** First assignment of each plain name (any scope). */
  values: Map<string, Node>;
  functions: Map<string, Node>;
  imports: Map<string, ImportBinding>;
  /** `import a.b.c as llm`: local name -> dotted module. */
  moduleAliases: Map<string, string>;
  /** Where each name is bound by a `from X import` (offset, module), in text order: a notebook may bind `OpenAI` to two classes. */
  importSites: Map<string, Array<{ at: number; module: string }>>;
  /** Top-level statements that are imports, in order (for "after the imports"). */
  topImports: Node[];
  /** pydantic settings classes and the objects that hold one (src/lang/python/settings.ts). */
  settings: PySettingsFacts;
  /** The module builds a URL from a host-only OpenAI base and a `/v1` path (composed-urls.ts; set by the run). */
  composedUse?: boolean;
  /** Names bound to an environment read somewhere in the run or this module (envBackedNames): not keys the app holds. */
  envBacked: EnvBacked;
}

export interface PySeeds {
  clients: Map<string, ClientStatus>;
  factories: Map<string, ClientStatus>;
  /** Modules imported whole (`import app.core.llm as llm`) and the clients they define: `llm.client.chat...`. */
  namespaces?: Map<string, Map<string, ClientStatus>>;
  /** Settings classes and settings objects (instances, `get_settings`) imported from modules of the run. */
  settingsClasses?: Map<string, PySettingsClass>;
  settingsObjects?: Map<string, PySettingsClass>;
}

const CLIENT_CLASSES = new Set(['OpenAI', 'AsyncOpenAI', 'Client', 'AsyncClient']);
const AZURE_CLASSES = new Set(['AzureOpenAI', 'AsyncAzureOpenAI']);
const SKIP_PATH = new Set(['with_raw_response', 'with_streaming_response', 'beta']);
/** Legacy v0 resource classes -> endpoint kind. */
const V0_CLASSES: Record<string, EndpointKind> = {
  ChatCompletion: 'chat',
  Completion: 'completions',
  Embedding: 'embeddings',
  Image: 'images',
  Audio: 'audio',
  Moderation: 'moderations',
  File: 'files',
  FineTune: 'fineTuning',
  FineTuningJob: 'fineTuning',
  Model: 'modelsList',
  Engine: 'modelsList',
  Edit: 'openaiOnly',
  Deployment: 'openaiOnly',
  Customer: 'openaiOnly',
};
const RESOURCES = new Set([
  'chat',
  'completions',
  'embeddings',
  'images',
  'audio',
  'moderations',
  'responses',
  'files',
  'uploads',
  'batches',
  'fine_tuning',
  'vector_stores',
  'beta',
  'realtime',
  'models',
  'conversations',
  'webhooks',
  'evals',
  'containers',
  'skills',
  'videos',
  'admin',
  'assistants',
  'threads',
]);
const LEAF =
  /^(create|acreate|parse|stream|generate|edit|create_variation|list|retrieve|update|delete|cancel|content|retrieve_content|wait_for_processing|create_and_poll|create_and_stream|create_and_run|create_and_run_poll|create_and_run_stream|submit_tool_outputs|submit_tool_outputs_and_poll|submit_tool_outputs_stream|upload_and_poll|poll|search|compact|unwrap|verify_signature|pause|resume|list_events|count|connect|transcribe|translate|create_edit)$/;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Endpoint of a v1 resource path (snake_case names). */
export function pyEndpointOf(path: string[]): EndpointKind {
  if (path[0] === 'chat' && path[1] === 'completions' && path[2] && !['create', 'parse', 'stream'].includes(path[2])) return 'openaiOnly';
  return endpointOf(path.map(camel));
}

export function analyzePython(py: PyTree, seeds?: PySeeds, targetHost?: string, envBacked?: EnvBacked): PyFacts {
  const f: PyFacts = {
    py,
    importsOpenAI: false,
    modules: new Set(),
    openaiClass: new Set(),
    azureClass: new Set(),
    openaiImports: [],
    clients: new Map(seeds?.clients ?? []),
    members: new Map(),
    factories: new Map(seeds?.factories ?? []),
    resourceAliases: new Map(),
    constructions: [],
    calls: [],
    moduleConfig: new Map(),
    legacy: false,
    values: new Map(),
    functions: new Map(),
    imports: new Map(),
    moduleAliases: new Map(),
    importSites: new Map(),
    topImports: [],
    settings: { classes: new Map(), objects: new Map() },
    envBacked: mergeEnvBacked(mergeEnvBacked(new Map(), envBacked ?? new Map()), envBackedNames(py)),
  };

  // Pass 1: imports, assignments, functions.
  collectDeclarations(f, py);

  // Module-level configuration: openai.api_key = ..., openai.base_url = ...
  collectModuleConfig(f, py);

  // pydantic settings: the variables behind `settings.openai_base_url`.
  f.settings.classes = new Map([...(seeds?.settingsClasses ?? []), ...settingsClassesOf(py, targetHost)]);
  f.settings.objects = settingsObjectsOf(py, f.settings.classes, seeds?.settingsObjects);

  // Pass 2 (to a fixpoint): which expressions are clients.
  for (let round = 0; round < 4; round++) {
    const before = f.clients.size + f.members.size + f.factories.size + f.resourceAliases.size;
    walk(py.root, (n) => collectClients(f, n, targetHost));
    if (f.clients.size + f.members.size + f.factories.size + f.resourceAliases.size === before) break;
  }

  // Constructions.
  walk(py.root, (n) => {
    if (n.type !== 'call') return;
    const kind = classKind(f, n.childForFieldName('function'));
    if (kind) f.constructions.push(construction(f, n, kind === 'azure', targetHost));
  });

  // API calls.
  collectApiCalls(f, py, seeds, targetHost);
  return f;
}

/** Pass 1: imports, assignments, functions, and the top-level import statements. */
function collectDeclarations(f: PyFacts, py: PyTree): void {
  walk(py.root, (n) => {
    if (n.type === 'import_statement') {
      for (const c of kids(n)) {
        const [mod, local] = c.type === 'aliased_import' ? [c.childForFieldName('name')!.text, c.childForFieldName('alias')!.text] : [c.text, c.text.split('.')[0]!];
        if (mod === 'openai' || mod.startsWith('openai.')) f.importsOpenAI = true;
        else if (c.type === 'aliased_import') f.moduleAliases.set(local, mod);
        if (mod === 'openai') f.modules.add(local);
        else if (mod.startsWith('openai.') && c.type !== 'aliased_import') f.modules.add('openai');
      }
    } else if (n.type === 'import_from_statement') {
      const modNode = n.childForFieldName('module_name');
      const mod = modNode?.text ?? '';
      const isOpenAI = mod === 'openai' || mod.startsWith('openai.');
      if (isOpenAI) f.importsOpenAI = true;
      if (mod === 'openai') f.openaiImports.push(n);
      for (const c of n.childrenForFieldName('name')) {
        if (!c) continue;
        const [imported, local] = c.type === 'aliased_import' ? [c.childForFieldName('name')!.text, c.childForFieldName('alias')!.text] : [c.text, c.text];
        f.imports.set(local, { module: mod, name: imported });
        const sites = f.importSites.get(local);
        if (sites) sites.push({ at: n.startIndex, module: mod });
        else f.importSites.set(local, [{ at: n.startIndex, module: mod }]);
        if (mod === 'openai') {
          if (CLIENT_CLASSES.has(imported)) f.openaiClass.add(local);
          else if (AZURE_CLASSES.has(imported)) f.azureClass.add(local);
        }
      }
    } else if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && right && !f.values.has(left.text)) f.values.set(left.text, right);
    } else if (n.type === 'function_definition') {
      const name = n.childForFieldName('name')?.text;
      if (name && !f.functions.has(name)) f.functions.set(name, n);
    }
  });
  for (const st of kids(py.root)) {
    if (st.type === 'import_statement' || st.type === 'import_from_statement' || st.type === 'future_import_statement') f.topImports.push(st);
  }
}

/** Module-level configuration: openai.api_key = ..., openai.base_url = ... */
function collectModuleConfig(f: PyFacts, py: PyTree): void {
  walk(py.root, (n) => {
    if (n.type !== 'assignment' || n.parent?.type !== 'expression_statement') return;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right || left.type !== 'attribute') return;
    const { base, names } = flattenAttr(left);
    if (base.type !== 'identifier' || !f.modules.has(base.text) || names.length !== 1) return;
    const list = f.moduleConfig.get(names[0]!) ?? [];
    list.push({ stmt: n.parent, value: right });
    f.moduleConfig.set(names[0]!, list);
    if (names[0] === 'api_base') f.legacy = true;
  });
}

/** API calls on the clients, the `openai` module (v1 resources and v0 classes), namespaces of clients and resource aliases. */
function collectApiCalls(f: PyFacts, py: PyTree, seeds: PySeeds | undefined, targetHost: string | undefined): void {
  const moduleStatus = moduleClientStatus(f, targetHost);
  walk(py.root, (n) => {
    if (n.type !== 'call') return;
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'attribute') return;
    let { base, names } = flattenAttr(fn);
    let status: ClientStatus | undefined;
    let module = false;
    let legacy = false;
    if (base.type === 'identifier' && base.text === 'self' && names.length > 1 && f.members.has(names[0]!)) {
      status = f.members.get(names[0]!);
      names = names.slice(1);
    } else if (base.type === 'identifier' && f.modules.has(base.text)) {
      if (V0_CLASSES[names[0]!] && names.length === 2) {
        legacy = true;
        f.legacy = true;
      } else if (!RESOURCES.has(names[0]!)) return;
      status = moduleStatus;
      module = true;
    } else status = clientStatus(f, base, targetHost);
    const ns = status === undefined && base.type === 'identifier' && names.length > 1 ? seeds?.namespaces?.get(base.text)?.get(names[0]!) : undefined;
    if (ns !== undefined) {
      status = ns;
      names = names.slice(1);
    }
    let path = names;
    if (status === undefined && base.type === 'identifier' && f.resourceAliases.has(base.text)) {
      const a = f.resourceAliases.get(base.text)!;
      status = a.status;
      path = [...a.prefix, ...names];
    }
    if (status === undefined) return;
    path = path.filter((p) => !SKIP_PATH.has(p));
    if (!path.length || !LEAF.test(path[path.length - 1]!)) return;
    if (!legacy && path.length < 2) return;
    const endpoint = legacy ? V0_CLASSES[path[0]!]! : pyEndpointOf(path);
    f.calls.push({ node: n, path, endpoint, client: status, kwargs: kwargs(n), dicts: splatDicts(f, n), module, legacy });
  });
}

/** Status of the module-level client: its base URL assignment, Azure type, or OpenAI. */
function moduleClientStatus(f: PyFacts, targetHost?: string): ClientStatus {
  const type = f.moduleConfig.get('api_type')?.[0]?.value;
  if (type && /azure/i.test(stringValue(type) ?? '')) return 'azure';
  const base = (f.moduleConfig.get('base_url') ?? f.moduleConfig.get('api_base'))?.[0]?.value;
  const st = base ? urlExprStatus(f, base, targetHost) : 'openai';
  // `openai.api_key = api_key` in a Gradio callback: the key the user entered keeps the module client on OpenAI.
  return st === 'openai' && moduleAppKey(f) ? 'other' : st;
}

/** `openai.api_key = <a key the app holds or the user entered>` (appHeldKey): the module client stays on OpenAI. */
export function moduleAppKey(f: PyFacts): Node | undefined {
  return f.moduleConfig.get('api_key')?.find((a) => appHeldKey(f, a.value))?.value;
}

/** 'openai' | 'azure' when `e` names a client class. */
const isOpenAIModule = (m: string) => m === 'openai' || m.startsWith('openai.');

/**
 * The module a name used at `at` was imported from, when `from X import` statements bind it to
 * different things (a notebook: `from llama_index.llms.openai import OpenAI` in one cell,
 * `from openai import OpenAI` in a later one): the nearest import above, else the first.
 */
export function importedAt(f: PyFacts, name: string, at: number): string | undefined {
  const sites = f.importSites.get(name);
  if (!sites || sites.length < 2) return undefined;
  let best = sites[0]!;
  for (const s of sites) if (s.at < at && s.at >= best.at) best = s;
  return best.module;
}

export function classKind(f: PyFacts, e: Node | null | undefined): 'openai' | 'azure' | undefined {
  if (!e) return undefined;
  e = unparen(e);
  if (e.type === 'identifier') {
    if ((f.openaiClass.has(e.text) || f.azureClass.has(e.text)) && !isOpenAIModule(importedAt(f, e.text, e.startIndex) ?? 'openai')) return undefined;
    if (f.openaiClass.has(e.text)) return 'openai';
    if (f.azureClass.has(e.text)) return 'azure';
  } else if (e.type === 'attribute') {
    const { base, names } = flattenAttr(e);
    if (base.type === 'identifier' && f.modules.has(base.text) && names.length === 1) {
      if (CLIENT_CLASSES.has(names[0]!)) return 'openai';
      if (AZURE_CLASSES.has(names[0]!)) return 'azure';
    }
  }
  return undefined;
}

function isClientType(f: PyFacts, t: Node | null | undefined): boolean {
  if (!t) return false;
  t = t.type === 'type' ? t.namedChild(0) : t;
  if (!t) return false;
  if (t.type === 'identifier' || t.type === 'attribute') return classKind(f, t) !== undefined;
  if (t.type === 'string') return CLIENT_CLASSES.has(stringValue(t) ?? '') || AZURE_CLASSES.has(stringValue(t) ?? '');
  // Optional[OpenAI], OpenAI | None
  if (t.type === 'generic_type' || t.type === 'binary_operator' || t.type === 'subscript' || t.type === 'type_parameter') {
    let hit = false;
    walk(t, (k) => {
      if (k !== t && (k.type === 'identifier' || k.type === 'attribute') && classKind(f, k)) hit = true;
    });
    return hit;
  }
  return false;
}

/** Status when `e` evaluates to a client, else undefined. */
export function clientStatus(f: PyFacts, e: Node | null | undefined, targetHost?: string): ClientStatus | undefined {
  if (!e) return undefined;
  e = unparen(e);
  if (e.type === 'await') return clientStatus(f, e.namedChild(0), targetHost);
  if (e.type === 'identifier') return shadowedByOtherSdk(f, e) ? undefined : f.clients.get(e.text);
  if (e.type === 'attribute') {
    const { base, names } = flattenAttr(e);
    if (base.type === 'identifier' && base.text === 'self' && names.length === 1) return f.members.get(names[0]!);
    return undefined;
  }
  if (e.type === 'call') {
    const fn = e.childForFieldName('function');
    const k = classKind(f, fn);
    if (k) return construction(f, e, k === 'azure', targetHost).status;
    if (fn?.type === 'identifier') return f.factories.get(fn.text);
    if (fn?.type === 'attribute') {
      const attr = fn.childForFieldName('attribute')?.text;
      if (attr === 'with_options' || attr === 'copy') return clientStatus(f, fn.childForFieldName('object'), targetHost);
      // instructor.from_openai(OpenAI()) / instructor.patch(OpenAI())
      if (attr === 'from_openai' || attr === 'patch') {
        const a0 = e.childForFieldName('arguments')?.namedChild(0);
        return a0 ? clientStatus(f, a0, targetHost) : undefined;
      }
      const { base, names } = flattenAttr(fn);
      if (base.type === 'identifier' && base.text === 'self' && names.length === 1) return f.factories.get(names[0]!);
    }
  }
  return undefined;
}

/**
 * A name the enclosing function binds only to another SDK's client (`client = ZhipuAI(...)`, the class
 * imported from a module other than openai): there it is not the OpenAI client another scope (or a
 * notebook's other cell) binds to the same name, which `f.clients` holds by name alone.
 */
function shadowedByOtherSdk(f: PyFacts, id: Node): boolean {
  let fn: Node | null = id.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return false;
  let other = false;
  let mine = false;
  walk(body, (m) => {
    if (m.type === 'function_definition' || m.type === 'class_definition') return false;
    if (m.type !== 'assignment' || m.childForFieldName('left')?.text !== id.text) return;
    const right = m.childForFieldName('right');
    const callee = right?.type === 'call' ? right.childForFieldName('function') : undefined;
    const from = callee?.type === 'identifier' ? f.imports.get(callee.text)?.module : undefined;
    if (from !== undefined && from !== 'openai' && !from.startsWith('openai.') && !classKind(f, callee)) other = true;
    else mine = true;
  });
  return other && !mine;
}

function collectClients(f: PyFacts, n: Node, targetHost?: string): void {
  if (n.type === 'assignment') {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    const type = n.childForFieldName('type');
    if (!left) return;
    const s = right ? clientStatus(f, right, targetHost) : undefined;
    const st = s ?? (isClientType(f, type) ? 'openai' : undefined);
    if (st) {
      if (left.type === 'identifier') f.clients.set(left.text, st);
      else if (left.type === 'attribute') {
        const { base, names } = flattenAttr(left);
        if (base.type === 'identifier' && (base.text === 'self' || base.text === 'cls') && names.length === 1) f.members.set(names[0]!, st);
      }
      // class attribute: `client = OpenAI()` in a class body is also reachable as self.client
      if (left.type === 'identifier' && n.parent?.parent?.type === 'block' && n.parent.parent.parent?.type === 'class_definition') f.members.set(left.text, st);
      return;
    }
    if (right && left.type === 'identifier') {
      // completions = client.chat.completions
      let { base, names } = flattenAttr(right);
      let bs = names.length ? clientStatus(f, base, targetHost) : undefined;
      if (base.type === 'identifier' && base.text === 'self' && names.length > 1) {
        bs = f.members.get(names[0]!);
        names = names.slice(1);
      }
      if (bs && RESOURCES.has(names[0]!)) f.resourceAliases.set(left.text, { status: bs, prefix: names });
    }
  } else if (n.type === 'with_item') {
    // with OpenAI() as client:
    const v = n.childForFieldName('value');
    if (v?.type === 'as_pattern') {
      const s = clientStatus(f, v.namedChild(0), targetHost);
      const alias = v.childForFieldName('alias')?.namedChild(0);
      if (s && alias?.type === 'identifier') f.clients.set(alias.text, s);
    }
  } else if (n.type === 'typed_parameter' || n.type === 'typed_default_parameter') {
    const name = n.type === 'typed_parameter' ? n.namedChild(0) : n.childForFieldName('name');
    if (name?.type === 'identifier' && isClientType(f, n.childForFieldName('type'))) f.clients.set(name.text, 'openai');
  } else if (n.type === 'function_definition') {
    const name = n.childForFieldName('name')?.text;
    if (!name) return;
    let s: ClientStatus | undefined = isClientType(f, n.childForFieldName('return_type')) ? 'openai' : undefined;
    const body = n.childForFieldName('body');
    if (body) {
      walk(body, (m) => {
        if (m.type === 'function_definition' || m.type === 'class_definition') return false;
        if (m.type === 'return_statement' && m.namedChild(0)) s = clientStatus(f, m.namedChild(0), targetHost) ?? s;
      });
    }
    if (s) f.factories.set(name, s);
  }
}

/** Dict literal behind an expression: the literal, `dict(...)` call, or a same-file name's first value. */
export function dictOf(f: PyFacts, e: Node | null | undefined, depth = 0): Node | undefined {
  if (!e || depth > 3) return undefined;
  e = unparen(e);
  if (e.type === 'dictionary') return e;
  if (e.type === 'identifier') return dictOf(f, f.values.get(e.text), depth + 1);
  return undefined;
}

function splatDicts(f: PyFacts, call: Node): Node[] {
  const out: Node[] = [];
  const args = call.childForFieldName('arguments');
  if (!args) return out;
  const add = (d: Node | undefined, depth: number) => {
    if (!d || out.some((x) => x.id === d.id) || depth > 3) return;
    out.push(d);
    for (const c of kids(d)) if (c.type === 'dictionary_splat') add(dictOf(f, c.namedChild(0)), depth + 1);
  };
  for (const a of kids(args)) if (a.type === 'dictionary_splat') add(dictOf(f, a.namedChild(0)), 0);
  return out;
}

/** `"key": value` pairs of a dict literal with a string key. */
export function dictPairs(d: Node): Array<{ pair: Node; key: string; keyNode: Node; value: Node }> {
  const out: Array<{ pair: Node; key: string; keyNode: Node; value: Node }> = [];
  for (const p of kids(d)) {
    if (p.type !== 'pair') continue;
    const k = p.childForFieldName('key');
    const v = p.childForFieldName('value');
    const key = stringValue(k);
    if (k && v && key !== undefined) out.push({ pair: p, key, keyNode: k, value: v });
  }
  return out;
}

function construction(f: PyFacts, node: Node, azure: boolean, targetHost?: string): PyConstruction {
  const kw = kwargs(node);
  const args = node.childForFieldName('arguments');
  const splats = args ? kids(args).filter((a) => a.type === 'dictionary_splat') : [];
  const dict = splats.length === 1 ? dictOf(f, splats[0]!.namedChild(0)) : undefined;
  if (azure) return { node, azure, status: 'azure', kwargs: kw, dict };
  const c = plainConstruction(f, node, kw, splats, dict, targetHost);
  const appKey = c.status === 'openai' ? heldKeyOf(f, kw.get('api_key')?.childForFieldName('value') ?? undefined, !!dict || splats.length > 0) : undefined;
  return appKey ? { ...c, status: 'other', appKey } : c;
}

function plainConstruction(f: PyFacts, node: Node, kw: Map<string, Node>, splats: Node[], dict: Node | undefined, targetHost?: string): PyConstruction {
  const azure = false;
  let baseUrl = kw.get('base_url')?.childForFieldName('value') ?? undefined;
  if (!baseUrl && dict) baseUrl = dictPairs(dict).find((p) => p.key === 'base_url')?.value;
  if (!baseUrl) {
    if (splats.length && !dict) return { node, azure, status: 'unresolved', kwargs: kw };
    return { node, azure, status: 'openai', kwargs: kw, dict };
  }
  return { node, azure, status: urlExprStatus(f, baseUrl, targetHost), kwargs: kw, dict, baseUrl };
}

/** An environment read: `os.environ[...]`, `os.getenv(...)`, python-decouple `config(...)`, environs `env.str(...)`, Streamlit secrets. */
const ENV_READ_TEXT = /\b(os\.getenv|getenv|os\.environ|environ\b|config\(\s*["']|env\.(str|get)\(|env\(\s*["']|secrets\b|dotenv_values)/;

/** Names bound to an environment read: name -> the classes whose body or call binds it ('' outside a class). */
export type EnvBacked = Map<string, Set<string>>;

export function mergeEnvBacked(into: EnvBacked, from: EnvBacked): EnvBacked {
  for (const [n, owners] of from) for (const o of owners) into.set(n, (into.get(n) ?? new Set()).add(o));
  return into;
}

/**
 * Names a module binds to an environment read, with the class that holds them: a dataclass field
 * (`openai_api_key: str = field(default_factory=lambda: os.getenv("OPENAI_API_KEY"))`), `self.openai_key =
 * os.environ[...]` in a method, a keyword of a constructor call (`AppConfig(openai_key=config("OPENAI_API_KEY"))`),
 * and the fields of pydantic settings classes. A client reading `cfg.openai_key` of such a class reads the
 * environment, not a key the app holds. Read from the text one line at a time (a multi-line value is not seen:
 * the client then stays on OpenAI with a follow-up, the safe side).
 */
export function envBackedNames(py: PyTree): EnvBacked {
  const out: EnvBacked = new Map();
  const add = (n: string, owner: string) => out.set(n, (out.get(n) ?? new Set()).add(owner));
  const classes: Array<{ name: string; indent: number }> = [];
  for (const line of py.text.split('\n')) {
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (line.trim() && !line.trim().startsWith('#')) while (classes.length && indent <= classes[classes.length - 1]!.indent) classes.pop();
    const c = /^[ \t]*class[ \t]+(\w+)/.exec(line);
    if (c) classes.push({ name: c[1]!, indent });
    const owner = classes[classes.length - 1]?.name ?? '';
    for (const m of line.matchAll(/\b([A-Za-z_]\w*)[ \t]*(?::[ \t]*[^=\n]+?)?[ \t]*=(?!=)[ \t]*([^\n]*)/g)) {
      if (!ENV_READ_TEXT.test(m[2]!)) continue;
      // a keyword of a call on this line: the callee's class (`AppConfig(openai_key=...)`)
      const callee = [...line.slice(0, m.index).matchAll(/(\w+)\(/g)].pop()?.[1];
      add(m[1]!, callee ?? owner);
    }
    for (const m of line.matchAll(/["']([A-Za-z_]\w*)["'][ \t]*:[ \t]*([^\n]*)/g)) if (ENV_READ_TEXT.test(m[2]!)) add(m[1]!, '');
  }
  if (/\bBaseSettings\b/.test(py.text)) for (const c of settingsClassesOf(py).values()) for (const n of c.fields.keys()) add(n, c.name);
  return out;
}

/** The class a receiver is bound to in this module: `cfg = AppConfig(...)`, `cfg: AppConfig`, `self.cfg = AppConfig(...)`, `def cfg() -> AppConfig`. */
function receiverClass(f: PyFacts, recv: string): string | undefined {
  const r = recv.replace(/\./g, '\\.');
  const m = new RegExp(`(?:^|[^\\w.])${r}[ \\t]*(?::[ \\t]*(?:Optional\\[)?([A-Za-z_][\\w.]*)|=[ \\t]*([A-Za-z_][\\w.]*)\\(|\\([^)]*\\)[ \\t]*->[ \\t]*([A-Za-z_][\\w.]*))`, 'm').exec(f.py.text);
  const cls = m?.[1] ?? m?.[2] ?? m?.[3];
  return cls?.split('.').pop();
}

/** A receiver whose name says it is the app's configuration (`config`, `settings`, `cfg`, `self.conf`), not a user's data. */
const CONFIG_NAME = /(^|[._])(conf|config|configuration|settings|cfg|env|environment|options|opts|args)$/i;

/**
 * `api_key=user.openai_api_key`, `settings_row.openai_key or ""`, `request.headers["x-openai-key"]`: a value the
 * app holds (a user setting, a stored value, a request header) whose name says it is an OpenAI key
 * (isAppHeldKeyName, shared with the JS/TS plan). Not an environment read, a pydantic settings field, an
 * object imported from a config module or returned by a function (`get_settings().openai_key`), nor a field
 * the run binds to an environment read (envBackedNames) on a receiver of that class (or, its class unknown,
 * a receiver named like configuration: `config.openai_key`).
 */
export function appHeldKey(f: PyFacts, v: Node, azure = false): boolean {
  // `openai_api_key = st.sidebar.text_input(...)`, `input()`, a Gradio or request value: the key the user gave (user-input.ts)
  if (userInputSource(f, v)) return true;
  let u = unparen(v);
  if (u.type === 'boolean_operator' && u.childForFieldName('operator')?.text === 'or') {
    const right = u.childForFieldName('right');
    if (!right || stringValue(unparen(right)) === undefined) return false;
    u = unparen(u.childForFieldName('left')!);
  }
  let name: string | undefined;
  if (u.type === 'attribute') name = u.childForFieldName('attribute')?.text;
  else if (u.type === 'subscript') name = stringValue(u.childForFieldName('subscript'));
  if (!name || !isAppHeldKeyName(name) || /azure/i.test(name) !== azure) return false;
  if (envRead(u) || settingsFieldOf(f.settings, u)) return false;
  let base: Node = u;
  while (base.type === 'attribute' || base.type === 'subscript') base = base.childForFieldName(base.type === 'attribute' ? 'object' : 'value')!;
  if (base.type === 'call') return false;
  if (base.type === 'identifier' && (f.imports.has(base.text) || f.moduleAliases.has(base.text))) return false;
  if (base.type !== 'identifier') return false;
  const recv = u.type === 'attribute' ? u.childForFieldName('object')!.text : undefined;
  // `self.x`: the class is this module's, and so is the binding (the run-wide map names classes only, and another app's
  // class of the same name would decide for this one).
  const owners = recv === 'self' ? ownEnvBacked(f).get(name) : f.envBacked.get(name);
  if (owners && recv !== undefined) {
    const cls = receiverClass(f, recv);
    if (cls ? owners.has(cls) : CONFIG_NAME.test(recv) || recv === 'self') return false;
  }
  return true;
}

/** The module's own env-backed fields (envBackedNames of its text alone), read once per module. */
function ownEnvBacked(f: PyFacts): EnvBacked {
  let m = ownBacked.get(f);
  if (!m) ownBacked.set(f, (m = envBackedNames(f.py)));
  return m;
}
const ownBacked = new WeakMap<PyFacts, EnvBacked>();

/**
 * The key a client is given, when it is one the app holds (appHeldKey) or, read from OPENAI_API_KEY (implicitly or
 * by an environment read), one the module itself put there from what the user entered (userEnvKeyWrite). `splat`:
 * the options come from a dict, an implicit read is not assumed.
 */
export function heldKeyOf(f: PyFacts, key: Node | undefined, splat = false): Node | undefined {
  if (key && appHeldKey(f, key)) return key;
  if (key ? envRead(unparen(key))?.name !== 'OPENAI_API_KEY' : splat) return undefined;
  return userEnvKeyWrite(f)?.value;
}

/** Status of a base-URL expression. */
export function urlExprStatus(f: PyFacts, e: Node, targetHost?: string, depth = 0): ClientStatus {
  e = unparen(e);
  const s = stringValue(e);
  if (s !== undefined) return statusOfUrl(s, targetHost);
  if (e.type === 'string') {
    // f"https://host/{x}" — the host decides
    const head = e.namedChildren.find((c) => c?.type === 'string_content')?.text ?? '';
    if (/^https?:\/\//.test(head)) {
      const st = statusOfUrl(head.replace(/\/?$/, '/x'), targetHost);
      if (st !== 'unresolved') return st;
    }
    return /AZURE_OPENAI|openai\.azure\.com/.test(e.text) ? 'azure' : 'unresolved';
  }
  if (e.type === 'boolean_operator') {
    const l = urlExprStatus(f, e.childForFieldName('left')!, targetHost, depth + 1);
    const r = urlExprStatus(f, e.childForFieldName('right')!, targetHost, depth + 1);
    if (l === 'openai' || r === 'openai') return 'openai';
    if (l === r) return l;
    return l === 'unresolved' ? r : l;
  }
  const env = envRead(e);
  if (env) {
    const role = envRole(env.name);
    const dflt = env.fallback ? urlExprStatus(f, env.fallback, targetHost, depth + 1) : undefined;
    if (role === 'baseURL') return /AZURE/.test(env.name) ? 'azure' : 'openai';
    return dflt && dflt !== 'unresolved' ? dflt : 'unresolved';
  }
  if (e.type === 'identifier' && depth < 3) {
    const v = f.values.get(e.text);
    if (v) return urlExprStatus(f, v, targetHost, depth + 1);
  }
  const setting = settingsFieldOf(f.settings, e);
  if (setting) return settingsUrlStatus(setting.cls, setting.field, targetHost);
  return 'unresolved';
}

/**
 * `os.environ["X"]`, `os.getenv("X", d)`, `os.environ.get("X", d)`, `environ["X"]`,
 * `getenv("X")`, `os.environ.setdefault("X", v)` -> the variable name, its string node and default.
 */
const ENV_LIBS = new WeakMap<object, { decouple?: string; environs?: string }>();

/**
 * python-decouple `config("OPENAI_API_KEY", default=...)` (the name imported from decouple) and environs
 * `env.str("OPENAI_API_KEY")` / `env("OPENAI_API_KEY")` (`env = Env()` of environs): environment reads too.
 */
function envLibCall(call: Node, fn: string): boolean {
  const root = call.tree.rootNode;
  let libs = ENV_LIBS.get(call.tree);
  if (!libs) {
    const text = root.text;
    const d = /^from\s+decouple\s+import\s+(?:[^\n]*\b)?config(?:\s+as\s+(\w+))?\b/m.exec(text);
    const envName = /^\s*(\w+)\s*=\s*(?:environs\.)?Env\(/m.exec(text);
    libs = { decouple: d ? (d[1] ?? 'config') : undefined, environs: /\benvirons\b/.test(text) ? envName?.[1] : undefined };
    ENV_LIBS.set(call.tree, libs);
  }
  if (libs.decouple && fn === libs.decouple) return true;
  return !!libs.environs && new RegExp(`^${libs.environs}(\\.(str|get))?$`).test(fn);
}

export function envRead(e: Node): { name: string; nameNode: Node; fallback?: Node } | undefined {
  e = unparen(e);
  const isEnviron = (n: Node | null) => !!n && (n.text.replace(/\s/g, '') === 'os.environ' || n.text === 'environ');
  if (e.type === 'subscript') {
    const v = e.childForFieldName('value');
    const sub = e.childForFieldName('subscript');
    const name = stringValue(sub);
    if (isEnviron(v) && sub && name !== undefined) return { name, nameNode: sub };
    return undefined;
  }
  if (e.type === 'call') {
    const fn = e.childForFieldName('function');
    const args = e.childForFieldName('arguments');
    if (!fn || !args) return undefined;
    const t = fn.text.replace(/\s/g, '');
    const lib = envLibCall(e, t);
    const ok = lib || t === 'os.getenv' || t === 'getenv' || t === 'os.environ.get' || t === 'environ.get' || t === 'os.environ.setdefault' || t === 'os.environ.pop';
    if (!ok) return undefined;
    const a = kids(args);
    const name = stringValue(a[0]);
    if (name === undefined) return undefined;
    const dflt = lib ? kwargs(e).get('default')?.childForFieldName('value') : undefined;
    return { name, nameNode: a[0]!, fallback: dflt ?? (a[1] && a[1].type !== 'keyword_argument' ? a[1] : undefined) };
  }
  return undefined;
}

export const reachesOpenAI = (s: ClientStatus) => s === 'openai' || s === 'azure';
