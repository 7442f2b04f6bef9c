import { classifyOpenAIModel, isFineTunedOpenAIModel, isGatewayModelId } from '../../models/openai-catalog.js';
import type { PyFacts } from './analyze.js';
import { dictPairs, reachesOpenAI } from './analyze.js';
import { analyzeWrappers, foreignOpenAIClients, isChildProcessEnv } from './wrappers.js';
import { otherServiceOf } from '../../rules/adapters.js';
import { flattenAttr, kids, kwargs, stringValue, unparen, walk, type Node } from './parse.js';

/**
 * Where OpenAI model ids sit in a Python file: `model=` arguments and
 * `"model"` keys of requests on OpenAI clients, the names they flow from,
 * model-named variables, attributes (pydantic settings), parameters, dict keys
 * and keyword arguments, enum classes named for models, and arguments bound to
 * model-named parameters. Only string literals that are known OpenAI ids are sites.
 */
export interface PyModelSite {
  lit: Node;
  id: string;
}

export interface PyModelSites {
  sites: PyModelSite[];
  /** Model ids built at run time from an OpenAI prefix. */
  dynamic: Node[];
  /** Comparisons on OpenAI model names. */
  branches: Node[];
  /** Imported names used as model values (resolved in their module by the handler). */
  imported: string[];
  /** OpenAI ids sent through a client whose host the tool cannot resolve: left, reported once. */
  undecided: PyModelSite[];
  /** Test files: OpenAI ids the migrated code does not use, left as the test wrote them. */
  testLeft?: PyModelSite[];
  /** OpenAI ids read by a routed call that cannot move (--route): left as written, reported by scan. */
  unrouted?: PyModelSite[];
  /** OpenAI ids passed to a call whose Azure flag is set or undecided (azureFlagged): left, reported once. */
  azureFlag?: { sites: PyModelSite[]; call: Node; flag: string };
  /** OpenAI ids a function that picks Azure by a flag parameter takes by default (azureFlagDefaults): left, reported once. */
  azureDefault?: { sites: PyModelSite[]; fn: Node; flag: string };
}

export const MODEL_NAME = /model/i;
/** A direct OpenAI id (a gateway id like `openai/gpt-4o` goes to another service and is never a site). */
export const isOpenAIId = (s: string) => !isGatewayModelId(s) && (classifyOpenAIModel(s) !== undefined || isFineTunedOpenAIModel(s));

/**
 * What the project's code does with OpenAI ids, for its test files: `migrated` ids
 * are rewritten somewhere in the code; `ambiguous` ones are also kept somewhere
 * (another adapter's default, a lookup). `ref` says what an imported function or
 * constant (`["CHAT_MODEL"]`, `["providers", "pick_model"]`) does with an id.
 */
export interface PyTestInfo {
  migrated: ReadonlySet<string>;
  ambiguous: ReadonlySet<string>;
  ref: (names: string[], id: string) => 'migrated' | 'left' | undefined;
}

/**
 * A test file: ids it sends to an OpenAI client itself follow the value; its other
 * model-named places change only for ids the project's code always rewrites.
 */
function testPyModelSites(f: PyFacts, exportedNames: ReadonlySet<string>, test: PyTestInfo): PyModelSites {
  const sent = new Set(collectPyModelSites(f, false, exportedNames).sites.map((s) => s.lit.id));
  const r = collectPyModelSites(f, true, exportedNames);
  const follows = new Set<number>();
  for (const s of r.sites) if (test.migrated.has(s.id) && !test.ambiguous.has(s.id)) follows.add(s.lit.id);
  // Expected values of assertions (`assert CHAT_MODEL == "gpt-4o"`, `self.assertEqual(pick("openai"), "gpt-4o")`):
  // what the other side holds decides (an imported constant or function that rewrites or keeps this id),
  // else the id's fate in the whole code.
  const have = new Set(r.sites.map((s) => s.lit.id));
  walk(f.py.root, (n) => {
    if (n.type !== 'string' || have.has(n.id)) return;
    const v = stringValue(n);
    if (v === undefined || !test.migrated.has(v) || !isOpenAIId(v) || inOtherAdapter(n)) return;
    const p = n.parent;
    let other: Node | undefined;
    if (p?.type === 'comparison_operator' && p.parent?.type === 'assert_statement') other = kids(p).find((k) => k.id !== n.id);
    else {
      const fn = p?.type === 'argument_list' ? p.parent?.childForFieldName('function') : undefined;
      if (!(fn?.type === 'attribute' && /^assert(Equal|In|NotEqual)$/.test(fn.childForFieldName('attribute')?.text ?? ''))) return;
      other = kids(p!).find((k) => k.id !== n.id);
    }
    r.sites.push({ lit: n, id: v });
    let ref = other ? unparen(other) : undefined;
    if (ref?.type === 'call') ref = ref.childForFieldName('function') ?? undefined;
    const names = ref?.type === 'identifier' ? [ref.text] : ref?.type === 'attribute' ? flattenNames(ref) : undefined;
    const verdict = names ? test.ref(names, v) : undefined;
    if (verdict === 'migrated' || (verdict === undefined && !test.ambiguous.has(v))) follows.add(n.id);
  });
  const keep = (s: PyModelSite) => sent.has(s.lit.id) || follows.has(s.lit.id);
  return { ...r, sites: r.sites.filter(keep), undecided: [], dynamic: [], branches: [], testLeft: test.migrated.size ? r.sites.filter((s) => !keep(s)) : [] };
}

export function collectPyModelSites(f: PyFacts, usesOpenAI: boolean, exportedNames: ReadonlySet<string> = new Set(), test?: PyTestInfo): PyModelSites {
  if (test) return testPyModelSites(f, exportedNames, test);
  const out: PyModelSites = { sites: [], dynamic: [], branches: [], imported: [], undecided: [] };
  const seen = new Set<number>();
  let undecided = false;
  const add = (lit: Node) => {
    const v = stringValue(lit);
    if (v === undefined || seen.has(lit.id) || !isOpenAIId(v)) return;
    seen.add(lit.id);
    // Another adapter's code (`"groq": {...}`, `class GroqProvider`, `if provider == "openrouter":`) is never touched,
    // nor a set literal (`VISION = {"gpt-4o", ...}`: a membership table, not a configured choice).
    if (inOtherAdapter(lit) || unparen(lit).parent?.type === 'set') return;
    (undecided ? out.undecided : out.sites).push({ lit: unparen(lit), id: v });
  };
  const resolve = (e: Node | null | undefined, depth: number): void => {
    if (!e || depth > 6) return;
    e = unparen(e);
    if (e.type === 'string') {
      if (stringValue(e) !== undefined) add(e);
      else if (/^f/i.test(e.child(0)?.text ?? '') && /^(gpt-|o[134]|text-embedding|dall-e|chatgpt)/.test(e.namedChildren.find((c) => c?.type === 'string_content')?.text ?? '')) out.dynamic.push(e);
    } else if (e.type === 'conditional_expression') {
      const k = kids(e);
      resolve(k[0], depth + 1);
      resolve(k[2], depth + 1);
    } else if (e.type === 'boolean_operator') {
      resolve(e.childForFieldName('left'), depth + 1);
      resolve(e.childForFieldName('right'), depth + 1);
    } else if (e.type === 'identifier') {
      const v = f.values.get(e.text);
      if (v) resolve(v, depth + 1);
      else if (f.imports.has(e.text)) out.imported.push(e.text);
      else {
        const d = findParamDefault(f, e.text);
        if (d) resolve(d, depth + 1);
        // and the arguments this file's calls pass for it: `answer(client, q, SUMMARY_MODEL)`.
        for (const a of argumentsFor(f, e)) resolve(a, depth + 1);
      }
    } else if (e.type === 'call') {
      // os.getenv("MODEL", "gpt-4o")
      const fn = e.childForFieldName('function')?.text.replace(/\s/g, '') ?? '';
      if (/(^|\.)(getenv|get)$/.test(fn)) resolve(kids(e.childForFieldName('arguments')!)[1], depth + 1);
    } else if (e.type === 'attribute') {
      // config.MODEL where `import config` / `from app import config`
      const { base, names } = flattenAttr(e);
      if (base.type === 'identifier' && names.length === 1 && f.imports.has(base.text)) out.imported.push(`${base.text}.${names[0]}`);
    } else if (e.type === 'binary_operator') {
      const l = unparen(e.childForFieldName('left')!);
      const v = stringValue(l);
      if (v !== undefined && /^(gpt-|o[134]-?)/.test(v)) out.dynamic.push(e);
    }
  };

  // 0. Calls that choose an Azure client by a flag (`ChatOpenAIModel(model=MODEL, use_azure=True)`): the ids they take
  // reach the Azure branch, whose deployment names stay (or a branch the tool cannot tell): claimed first, left, reported once.
  const azureCalls = azureFlagged(f);
  if (azureCalls.length) {
    const before = out.sites.length;
    for (const { call } of azureCalls) {
      for (const [name, kw] of kwargs(call)) if (MODEL_NAME.test(name) || /deployment/i.test(name)) resolve(kw.childForFieldName('value'), 0);
      const first = kids(call.childForFieldName('arguments')!)[0];
      if (first && first.type !== 'keyword_argument') resolve(first, 0);
    }
    const claimed = out.sites.splice(before);
    if (claimed.length) out.azureFlag = { sites: claimed, call: azureCalls[0]!.call, flag: azureCalls[0]!.flag };
  }
  const awayCalls = azureCalls.map((c) => c.call);
  // 0b. The model defaults of such a class itself (`def __init__(self, model="gpt-4o", use_azure=False)`): the default
  // reaches the Azure branch too whenever a caller sets the flag without a model, so it stays (5zjk5/prompt-engineering).
  claimAzureFlagDefaults(f, out, resolve);

  // 1. Requests on OpenAI-SDK clients (and legacy module calls).
  for (const c of f.calls) {
    if (c.client === 'other' || c.client === 'target') continue;
    // A client whose host cannot be resolved may be another service: its ids are left and reported.
    undecided = c.client === 'unresolved';
    resolve(c.kwargs.get('model')?.childForFieldName('value'), 0);
    for (const d of c.dicts) for (const p of dictPairs(d)) if (p.key === 'model') resolve(p.value, 0);
    if (c.endpoint === 'modelsList') resolve(kids(c.node.childForFieldName('arguments')!)[0], 0);
    undecided = false;
  }
  // 1b. Agent frameworks' model classes riding an SDK client that moves (pydantic-ai's
  // `OpenAIChatModel("gpt-4o", provider=OpenAIProvider(openai_client=client))`): their model is that client's.
  for (const r of clientRidingModels(f)) resolve(r, 0);
  // 2. Values other modules use as model ids.
  for (const name of exportedNames) resolve(f.values.get(name), 0);
  if (!usesOpenAI) return out;

  // 3. Model-named places in a file that uses OpenAI, outside calls and
  // constructions aimed at another service (or already at the provider).
  const away = [
    ...f.calls.filter((c) => !reachesOpenAI(c.client)).map((c) => c.node),
    ...f.constructions.filter((c) => !reachesOpenAI(c.status)).map((c) => c.node),
    ...analyzeWrappers(f)
      .uses.filter((u) => !reachesOpenAI(u.status))
      .map((u) => u.node),
    // Another library's OpenAI client (chromadb's OpenAIEmbeddingFunction) stays on OpenAI: so do its ids.
    ...foreignOpenAIClients(f),
    ...awayCalls,
  ].map((n) => [f.py.start(n), f.py.end(n)] as const);
  const isAway = (n: Node) => away.some(([s, e]) => f.py.start(n) >= s && f.py.end(n) <= e);
  walk(f.py.root, (n) => {
    if (isAway(n) || isChildProcessEnv(n)) return false;
    if (n.type === 'string' && !seen.has(n.id)) {
      const v = stringValue(n);
      if (v !== undefined && isOpenAIId(v) && (inModelNamedPlace(n) || isModelArgument(f, n)) && !onlyFeedsTokenizer(n)) add(n);
    }
    if (n.type === 'comparison_operator') {
      const k = kids(n);
      if (k.some((x) => isOpenAIId(stringValue(x) ?? ''))) out.branches.push(n);
    }
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute' && ['startswith', 'endswith'].includes(fn.childForFieldName('attribute')?.text ?? '')) {
        const a = stringValue(kids(n.childForFieldName('arguments')!)[0]);
        if (a && /^(gpt-|o[134]\b|o[134]-|chatgpt|text-embedding|dall-e)/.test(a)) out.branches.push(n);
      }
    }
  });
  return out;
}

/** pydantic-ai's OpenAI model classes (`pydantic_ai.models.openai`): the model name first, the client in `provider=`. */
const RIDING_MODEL = /(^|\.)OpenAI(Chat|Responses)?Model$/;

/**
 * The model argument of `OpenAIChatModel(<model>, provider=OpenAIProvider(openai_client=<client>))` where `<client>` is
 * bound, in a block around the call, to an SDK client the migration moves (the nearest such assignment before it:
 * Azure-Samples/python-ai-agent-frameworks-demos builds one client per `API_HOST` branch, each in its own block).
 */
function clientRidingModels(f: PyFacts): Node[] {
  if (!/OpenAIProvider/.test(f.py.text)) return [];
  const out: Node[] = [];
  walk(f.py.root, (n) => {
    if (n.type !== 'call' || !RIDING_MODEL.test(n.childForFieldName('function')?.text ?? '')) return;
    const kw = kwargs(n);
    const provider = kw.get('provider')?.childForFieldName('value');
    const p = provider ? unparen(provider) : undefined;
    if (p?.type !== 'call' || !/(^|\.)OpenAIProvider$/.test(p.childForFieldName('function')?.text ?? '')) return;
    const client = kwargs(p).get('openai_client')?.childForFieldName('value');
    if (client?.type !== 'identifier') return;
    let bound: (typeof f.constructions)[number] | undefined;
    for (const c of f.constructions) {
      const stmt = c.node.parent?.type === 'assignment' && c.node.parent.childForFieldName('left')?.text === client.text ? c.node.parent.parent : undefined;
      const block = stmt?.parent;
      if (!stmt || !block || f.py.start(stmt) >= f.py.start(n) || f.py.start(n) > f.py.end(block) || f.py.start(n) < f.py.start(block)) continue;
      if (!bound || f.py.start(c.node) > f.py.start(bound.node)) bound = c;
    }
    if (!bound || !reachesOpenAI(bound.status) || bound.azure) return;
    const first = kids(n.childForFieldName('arguments')!)[0];
    const model = kw.get('model_name')?.childForFieldName('value') ?? (first && first.type !== 'keyword_argument' ? first : undefined);
    if (model) out.push(model);
  });
  return out;
}

/**
 * Calls (not SDK constructions) that pick an Azure OpenAI client by a flag: a keyword named for Azure
 * (`use_azure=True`, `is_azure=USE_AZURE`) whose value is `True`, a name bound to it, or a value read at run time
 * (the branch cannot be told: the ids are left too). `use_azure=False` and literal false values are not.
 * Found on 5zjk5/prompt-engineering: `ChatOpenAIModel(model=MODEL, use_azure=True)` builds an `AzureOpenAI` client
 * that stays on Azure (its key cannot move), so `MODEL = "gpt-4.1"` is its deployment and must keep its name.
 */
export function azureFlagged(f: PyFacts): Array<{ call: Node; flag: string }> {
  if (!/azure/i.test(f.py.text)) return [];
  const out: Array<{ call: Node; flag: string }> = [];
  walk(f.py.root, (n) => {
    if (n.type !== 'call') return;
    const fn = n.childForFieldName('function');
    if (!fn || /(^|\.)(Async)?AzureOpenAI$/.test(fn.text)) return;
    for (const [name, kw] of kwargs(n)) {
      if (!AZURE_FLAG.test(name)) continue;
      let v = unparen(kw.childForFieldName('value')!);
      if (v.type === 'identifier' && f.values.has(v.text)) v = unparen(f.values.get(v.text)!);
      if (v.type === 'false' || v.type === 'none' || v.type === 'integer' || stringValue(v) !== undefined) continue;
      out.push({ call: n, flag: kw.text });
    }
  });
  return out;
}

/** Step 0b of collectPyModelSites: the model defaults of functions that pick Azure by a flag parameter (azureFlagDefaults), claimed first. */
function claimAzureFlagDefaults(f: PyFacts, out: PyModelSites, resolve: (e: Node | null | undefined, depth: number) => void): void {
  const flagged = azureFlagDefaults(f);
  if (!flagged.length) return;
  const before = out.sites.length;
  const modelNamed = (name: string) => MODEL_NAME.test(name) || /deployment/i.test(name);
  for (const { fn } of flagged) {
    for (const p of kids(fn.childForFieldName('parameters')!)) {
      if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && modelNamed(p.childForFieldName('name')?.text ?? '')) resolve(p.childForFieldName('value'), 0);
    }
    // `self.model = model or DEFAULT_MODEL` in its body: the constant is the default
    walk(fn.childForFieldName('body')!, (n) => {
      if (n.type !== 'assignment') return;
      const left = n.childForFieldName('left');
      if (left?.type !== 'attribute' || !/^self\./.test(left.text) || !modelNamed(left.childForFieldName('attribute')?.text ?? '')) return;
      const right = n.childForFieldName('right');
      if (right) walk(right, (x) => void ((x.type === 'identifier' && f.values.has(x.text)) || x.type === 'string' ? resolve(x, 0) : undefined));
    });
  }
  const claimed = out.sites.splice(before);
  if (claimed.length) out.azureDefault = { sites: claimed, fn: flagged[0]!.fn, flag: flagged[0]!.flag };
}

/**
 * Functions that pick an Azure OpenAI client by a flag parameter (`def __init__(self, model="gpt-4o", use_azure=False)`)
 * and build an `AzureOpenAI` client in their class (or body): their model defaults reach both branches.
 */
export function azureFlagDefaults(f: PyFacts): Array<{ fn: Node; flag: string }> {
  if (!/azure/i.test(f.py.text)) return [];
  const out: Array<{ fn: Node; flag: string }> = [];
  walk(f.py.root, (n) => {
    if (n.type !== 'function_definition') return;
    const flag = kids(n.childForFieldName('parameters')!).find(
      (p) => AZURE_FLAG.test((p.type === 'identifier' ? p : p.childForFieldName('name'))?.text ?? '') || (p.type === 'typed_parameter' && AZURE_FLAG.test(p.namedChild(0)?.text ?? '')),
    );
    if (!flag) return;
    let scope: Node | null = n.parent;
    while (scope && scope.type !== 'class_definition') scope = scope.parent;
    let azure = false;
    walk(scope ?? n, (x) => {
      if (azure) return false;
      if (x.type === 'call' && /(^|\.)(Async)?AzureOpenAI$/.test(x.childForFieldName('function')?.text ?? '')) azure = true;
    });
    if (azure) out.push({ fn: n, flag: (flag.type === 'identifier' ? flag : (flag.childForFieldName('name') ?? flag.namedChild(0)))!.text });
  });
  return out;
}

const AZURE_FLAG = /^(use_|is_|enable_|with_)?azure(_openai)?$/i;

/** A call of a tokenizer keyed on model names (tiktoken's `encoding_for_model`). */
const TOKENIZER_CALL = /(^|\.)encoding_for_model$/;

/**
 * `default_model = ... else "gpt-4o"` in a function whose every read of that name is a tokenizer's argument
 * (`tiktoken.encoding_for_model(model or default_model)`): the id picks an encoding, it never reaches a
 * request, and a provider id there makes tiktoken raise (the app falls back to a rougher count). Found on
 * 5zjk5/prompt-engineering (ChatExcel's `count_tokens`).
 */
function onlyFeedsTokenizer(lit: Node): boolean {
  let cur: Node = lit;
  while (cur.parent && ['conditional_expression', 'boolean_operator', 'parenthesized_expression'].includes(cur.parent.type)) cur = cur.parent;
  const asg = cur.parent;
  const target = asg?.type === 'assignment' && asg.childForFieldName('right')?.id === cur.id ? asg.childForFieldName('left') : undefined;
  if (target?.type !== 'identifier') return false;
  let scope: Node | null = asg!.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return false;
  let reads = 0;
  let other = false;
  walk(scope, (x) => {
    if (other || x.type !== 'identifier' || x.text !== target.text || x.id === target.id) return;
    const p = x.parent;
    if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === x.id) return;
    if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === x.id) return;
    let up: Node = x;
    while (up.parent && ['conditional_expression', 'boolean_operator', 'parenthesized_expression'].includes(up.parent.type)) up = up.parent;
    const call = up.parent?.type === 'argument_list' ? up.parent.parent : undefined;
    if (call?.type === 'call' && TOKENIZER_CALL.test(call.childForFieldName('function')?.text.replace(/\s/g, '') ?? '')) reads++;
    else other = true;
  });
  return reads > 0 && !other;
}

/** Name of an assignment target: identifier, attribute name, or string subscript key. */
function targetName(n: Node | null): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text;
  if (n.type === 'subscript') return stringValue(n.childForFieldName('subscript'));
  return undefined;
}

/** A literal whose nearest naming ancestor (variable, attribute, key, parameter, keyword, enum class) mentions "model". */
function inModelNamedPlace(n: Node): boolean {
  let cur: Node = n;
  for (let depth = 0; depth < 10 && cur.parent; depth++) {
    const p: Node = cur.parent;
    switch (p.type) {
      case 'assignment': {
        if (p.childForFieldName('right')?.id !== cur.id) return false;
        const name = targetName(p.childForFieldName('left'));
        if (name && MODEL_NAME.test(name)) return true;
        // enum / constants class named for models: class Model(str, Enum): GPT4O = "gpt-4o"
        const cls = p.parent?.parent?.parent;
        if (p.parent?.type === 'expression_statement' && cls?.type === 'class_definition') return MODEL_NAME.test(cls.childForFieldName('name')?.text ?? '');
        return false;
      }
      case 'keyword_argument': {
        const name = p.childForFieldName('name')?.text ?? '';
        if (MODEL_NAME.test(name)) return true;
        // Field(default="gpt-4o") / Field("gpt-4o"): keep climbing to the assignment
        if (name !== 'default') return false;
        cur = p;
        continue;
      }
      case 'argument_list': {
        const call = p.parent;
        const fn = call?.childForFieldName('function')?.text.replace(/\s/g, '') ?? '';
        const i = kids(p).findIndex((k) => k.id === cur.id);
        // Field("gpt-4o"), os.getenv("OPENAI_MODEL", "gpt-4o"), settings.get("model", "gpt-4o")
        if ((/(^|\.)Field$/.test(fn) && i === 0) || (/(^|\.)(getenv|get)$/.test(fn) && i === 1) || cur.type === 'keyword_argument') {
          cur = call!;
          continue;
        }
        return false;
      }
      case 'pair': {
        if (p.childForFieldName('value')?.id !== cur.id) return false;
        const key = stringValue(p.childForFieldName('key')) ?? p.childForFieldName('key')?.text ?? '';
        if (MODEL_NAME.test(key)) return true;
        cur = p.parent!;
        continue;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = p.childForFieldName('name')?.text ?? '';
        return MODEL_NAME.test(name);
      }
      case 'return_statement': {
        const fn = enclosingFunctionName(p);
        return !!fn && MODEL_NAME.test(fn);
      }
      case 'conditional_expression':
      case 'boolean_operator':
      case 'parenthesized_expression':
      case 'list':
      case 'tuple':
      case 'set':
      case 'dictionary':
      case 'expression_list':
        cur = p;
        continue;
      default:
        return false;
    }
  }
  return false;
}

function enclosingFunctionName(n: Node): string | undefined {
  let cur: Node | null = n;
  while (cur) {
    if (cur.type === 'function_definition') return cur.childForFieldName('name')?.text;
    cur = cur.parent;
  }
  return undefined;
}

/**
 * Does a function send requests to OpenAI: a call on an OpenAI/Azure client in its
 * body, or a call to a function of the same file that does (two levels)?
 */
function functionReachesOpenAI(f: PyFacts, fn: Node, depth = 0): boolean {
  const [s, e] = [f.py.start(fn), f.py.end(fn)];
  if (f.calls.some((c) => reachesOpenAI(c.client) && f.py.start(c.node) >= s && f.py.end(c.node) <= e)) return true;
  if (depth >= 2) return false;
  let hit = false;
  walk(fn, (n) => {
    if (hit) return false;
    if (n.type !== 'call') return;
    const callee = n.childForFieldName('function');
    const name = callee?.type === 'identifier' ? callee.text : callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    const def = name ? f.functions.get(name) : undefined;
    if (def && def.id !== fn.id && functionReachesOpenAI(f, def, depth + 1)) hit = true;
  });
  return hit;
}

/**
 * Is a literal inside another service's adapter: under a dict key, variable,
 * attribute, function or class named for another service, or in the branch of
 * an `if provider == "groq":`?
 */
function inOtherAdapter(n: Node): boolean {
  let cur: Node = n;
  while (cur.parent) {
    const p: Node = cur.parent;
    let name: string | undefined;
    if (p.type === 'pair' && p.childForFieldName('value')?.id === cur.id) name = stringValue(p.childForFieldName('key')) ?? p.childForFieldName('key')?.text;
    else if (p.type === 'assignment' && p.childForFieldName('right')?.id === cur.id) name = targetName(p.childForFieldName('left'));
    else if (p.type === 'function_definition' || p.type === 'class_definition') name = p.childForFieldName('name')?.text;
    else if ((p.type === 'if_statement' || p.type === 'elif_clause') && p.childForFieldName('consequence')?.id === cur.id) name = comparedName(p.childForFieldName('condition'));
    else if (p.type === 'conditional_expression' && kids(p)[0]?.id === cur.id) name = comparedName(kids(p)[1]);
    if (name && otherServiceOf(name)) return true;
    cur = p;
  }
  return false;
}

/** `provider == "groq"` (either side): the compared string. */
function comparedName(e: Node | null | undefined): string | undefined {
  if (!e) return undefined;
  e = unparen(e);
  if (e.type !== 'comparison_operator' || !/==/.test(e.text)) return undefined;
  for (const k of kids(e)) {
    const v = stringValue(k);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** `ask("gpt-4o", q)` where `def ask(model, q)` is in this file and sends requests to OpenAI. */
function isModelArgument(f: PyFacts, n: Node): boolean {
  const args = n.parent;
  if (args?.type !== 'argument_list') return false;
  const i = kids(args).findIndex((k) => k.id === n.id);
  const fn = args.parent?.childForFieldName('function');
  if (!fn || i < 0) return false;
  const name = fn.type === 'identifier' ? fn.text : fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  const def = name ? f.functions.get(name) : undefined;
  if (!def) return false;
  let params = kids(def.childForFieldName('parameters')!).filter((p) => p.type !== 'comment');
  if (fn.type === 'attribute' && (params[0]?.text === 'self' || params[0]?.text === 'cls')) params = params.slice(1);
  const p = params[i];
  const pname = p?.type === 'identifier' ? p.text : (p?.childForFieldName('name')?.text ?? p?.namedChild(0)?.text);
  return !!pname && MODEL_NAME.test(pname) && functionReachesOpenAI(f, def);
}

/** Arguments passed for the parameter `id` names (of its enclosing function) by calls in the same file. */
function argumentsFor(f: PyFacts, id: Node): Node[] {
  let fn: Node | null = id.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const name = fn?.childForFieldName('name')?.text;
  if (!fn || !name) return [];
  let params = kids(fn.childForFieldName('parameters')!).filter((p) => p.type !== 'comment');
  const method = params[0]?.text === 'self' || params[0]?.text === 'cls';
  if (method) params = params.slice(1);
  const pname = (p: Node) => (p.type === 'identifier' ? p.text : (p.childForFieldName('name')?.text ?? p.namedChild(0)?.text));
  const i = params.findIndex((p) => pname(p) === id.text);
  if (i < 0) return [];
  const out: Node[] = [];
  walk(f.py.root, (n) => {
    if (n.type !== 'call') return;
    const callee = n.childForFieldName('function');
    const cname = callee?.type === 'identifier' ? callee.text : method && callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    if (cname !== name) return;
    const args = kids(n.childForFieldName('arguments')!);
    const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === id.text);
    const pos = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment')[i];
    const v = kw ? kw.childForFieldName('value') : pos && pos.type !== 'list_splat' && pos.type !== 'dictionary_splat' ? pos : null;
    if (v) out.push(v);
  });
  return out;
}

/** `providers.pick_model` -> ["providers", "pick_model"]; undefined for other shapes. */
function flattenNames(n: Node): string[] | undefined {
  const { base, names } = flattenAttr(n);
  return base.type === 'identifier' ? [base.text, ...names] : undefined;
}

function findParamDefault(f: PyFacts, name: string): Node | undefined {
  let found: Node | undefined;
  walk(f.py.root, (n) => {
    if (found) return false;
    if ((n.type === 'default_parameter' || n.type === 'typed_default_parameter') && n.childForFieldName('name')?.text === name) found = n.childForFieldName('value') ?? undefined;
  });
  return found;
}

export { flattenAttr };
