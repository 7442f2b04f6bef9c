import { pyEmbeddingRequestShape, pyHandBuiltAssistantMessages, pyStoredVectorWidth, pyStreamState, pyThinkingState } from './request-content.js';
import { offPython, roundTripNeed, thinkingNeeds } from '../../rules/thinking.js';
import { storedWidthNeeds } from '../../rules/embeddings.js';
import { type Finding, type MigrateContext, isMigrating } from '../../engine/types.js';
import { addFinding } from '../../engine/findings.js';
import { msg, type Text } from '../../i18n/msg.js';
import type { RuleId } from '../../rules/catalogue.js';
import { isSupported, servedByNoProvider } from '../../rules/endpoints.js';
import { MARKER_TAG } from '../../rules/markers.js';
import { paramAction, paramLint, PARAM_RULE_ENDPOINTS } from '../../rules/params.js';
import { classifyOpenAIModel, isFineTunedOpenAIModel } from '../../models/openai-catalog.js';
import { envRole } from '../../rules/env.js';
import { PROVIDERS } from '../../providers/index.js';
import { envRead, reachesOpenAI } from './analyze.js';
import type { PyContext } from './context.js';
import { pyLiteral, stringValue, unparen, walk, type Node } from './parse.js';
import { isOpenAIId } from './model-sites.js';

/**
 * `os.environ.get("OPENAI_MODEL", "gpt-4o")` that no request of this module reads: the app hands the value on (a config
 * dict another module's client reads, n3d1117/chatgpt-telegram-bot), so migrate cannot follow it, yet the id is what
 * would be sent. The gate says so (`openai-model`); a default migrate mapped is not an OpenAI id any more.
 */
function envModelDefaults(ctx: PyContext, add: (rule: RuleId, node: Node, message: Text, extra?: Partial<Finding>) => void): void {
  for (const d of envModelDefaultSites(ctx)) add('openai-model', d.node, msg('find.modelIn', { id: d.id, name: d.name }), { model: d.id });
}

/** The defaults envModelDefaults reports (map-model-ids gives each a follow-up). */
export function envModelDefaultSites(ctx: PyContext): Array<{ node: Node; id: string; name: string }> {
  const known = envDefaultsOf.get(ctx);
  if (known) return known;
  const out = findEnvModelDefaults(ctx);
  envDefaultsOf.set(ctx, out);
  return out;
}

/** Per context: detection and map-model-ids ask for the same sites, found with one walk. */
const envDefaultsOf = new WeakMap<object, Array<{ node: Node; id: string; name: string }>>();

function findEnvModelDefaults(ctx: PyContext): Array<{ node: Node; id: string; name: string }> {
  if (!/MODEL|ENGINE/i.test(ctx.py.text) || !/environ|getenv/.test(ctx.py.text)) return [];
  const sites = new Set(ctx.models_.sites.map((s) => s.lit.id));
  const out: Array<{ node: Node; id: string; name: string }> = [];
  walk(ctx.py.root, (n) => {
    if (n.type !== 'call') return;
    const env = envRead(n);
    const d = env?.fallback ? unparen(env.fallback) : undefined;
    const id = d ? stringValue(d) : undefined;
    if (!env || !d || id === undefined || sites.has(d.id) || !/MODEL|ENGINE/i.test(env.name) || !isOpenAIId(id)) return;
    out.push({ node: d, id, name: env.name });
  });
  return out;
}

export const OPENAI_URL = /\b(https?|wss?):\/\/api\.openai\.com\b/;

/** Findings for scan/check, from the same analysis migrate uses (mirrors the JS detector). */
export function detectPython(ctx: PyContext): void {
  const f = ctx.facts;
  const add = (rule: RuleId, node: Node, message: Text, extra?: Partial<Finding>) => addFinding(ctx, rule, ctx.py.start(node), ctx.py.end(node), message, extra);
  for (const c of f.constructions) {
    if (c.status === 'openai') add('openai-client', c.node, msg('find.clientNoBaseUrl'), { api: 'OpenAI' });
    else if (c.status === 'azure') add('azure-openai-client', c.node, msg('find.azureClient'), { api: 'AzureOpenAI' });
    else if (c.status === 'unresolved') add('unresolved-base-url', c.node, msg('find.unresolvedBaseUrl'), { api: 'OpenAI' });
  }
  const moduleCall = f.calls.find((c) => c.module);
  if (moduleCall && reachesOpenAI(moduleCall.client)) {
    add(moduleCall.client === 'azure' ? 'azure-openai-client' : 'openai-client', moduleCall.node, f.legacy ? msg('find.legacyModuleClient') : msg('find.moduleClient'), { api: 'openai' });
  }
  for (const call of f.calls) {
    if (!reachesOpenAI(call.client)) continue;
    const api = call.path.join('.');
    if (servedByNoProvider(PROVIDERS, call.endpoint)) add('openai-only-endpoint', call.node, msg('find.noProviderServes', { api }), { api });
    else add('openai-api-call', call.node, msg('find.apiCall', { api }), { api });
  }
  for (const s of [...ctx.models_.sites, ...(ctx.models_.unrouted ?? [])]) add('openai-model', s.lit, msg('find.model', { id: s.id }), { model: s.id });
  envModelDefaults(ctx, add);
  for (const u of ctx.wrappers.uses) {
    if (reachesOpenAI(u.status)) add('openai-wrapper', u.node, msg('find.wrapperCallsOpenAI', { cls: u.binding.imported, mod: u.binding.module }), { api: u.binding.imported });
  }
  for (const c of ctx.wrappers.initChat) {
    // `init_chat_model("openai:...")` reaches OpenAI unless a base_url points elsewhere (migrated code).
    const src = ctx.py.src(c);
    const base = /base_url\s*=\s*["']([^"']+)["']/.exec(src)?.[1];
    const elsewhere = base !== undefined && !/api\.openai\.com|openai\.azure\.com/.test(base);
    if (/["']openai:/.test(src) && !elsewhere) add('openai-wrapper', c, msg('find.initChatModel'), { api: 'init_chat_model' });
  }
  if (isMigrating(ctx)) lintTargetCalls(ctx, add);
  walk(ctx.py.root, (n) => {
    const env = n.type === 'subscript' || n.type === 'call' ? envRead(n) : undefined;
    if (env) {
      const role = envRole(env.name);
      if (role && role !== 'other') add('openai-env', n, msg('find.reads', { name: env.name }), { api: env.name });
      return;
    }
    if (n.type === 'string' && OPENAI_URL.test(ctx.py.src(n))) {
      const inClient = f.constructions.some((c) => ctx.py.start(n) >= ctx.py.start(c.node) && ctx.py.end(n) <= ctx.py.end(c.node));
      if (!inClient) add('openai-http', n, msg('find.openaiUrl', { url: ctx.py.src(n).slice(0, 80) }), { api: 'http' });
      return false;
    }
  });
}

/** Keywords of an SDK call that are plumbing, not request parameters. */
const PLUMBING = new Set(['model', 'messages', 'prompt', 'input', 'extra_body', 'extra_headers', 'extra_query', 'timeout', 'stream', 'engine', 'deployment_id']);

/**
 * `--provider` lint of calls on clients already pointed at that provider: endpoints it does
 * not serve, model ids its profile does not list, literal parameter values it rejects
 * (mirrors the JS/TS lint; the same `paramAction` migrate uses).
 */
function lintTargetCalls(ctx: MigrateContext<PyContext>, add: (rule: RuleId, node: Node, message: Text, extra?: Partial<Finding>) => void): void {
  const p = ctx.target.provider;
  const listed = new Set(Object.values(p.models).flat());
  let width: ReturnType<typeof pyStoredVectorWidth> | null = null;
  for (const call of ctx.facts.calls) {
    if (call.client !== 'target' || call.endpoint === 'other') continue;
    const api = call.path.join('.');
    if (!isSupported(p, call.endpoint)) {
      const line = ctx.lines.pos(ctx.py.start(call.node)).line;
      const marked = [line, line - 1].some((l) => l > 0 && ctx.lines.lineText(l).includes(MARKER_TAG));
      if (!marked) add('provider-unsupported', call.node, msg('find.notServed', { api, provider: p.id }), { api, endpoint: call.endpoint });
      continue;
    }
    const mv = call.kwargs.get('model')?.childForFieldName('value');
    const model = mv ? stringValue(mv) : undefined;
    if (mv && model !== undefined && !classifyOpenAIModel(model) && !isFineTunedOpenAIModel(model)) {
      const successor = p.deprecated[model];
      if (successor !== undefined) add('provider-model', mv, msg('find.deprecatedModel', { provider: p.id, model, successor: successor || undefined }), { api, model });
      else if (!listed.has(model)) add('provider-model', mv, msg('find.notInCatalogue', { model, provider: p.id }), { api, model });
    }
    if (call.endpoint === 'embeddings' && model) {
      // Embedding widths (the same rules migrate uses) against the width this file's store declares.
      const shape = pyEmbeddingRequestShape(ctx.facts, call);
      if (width === null) width = pyStoredVectorWidth(ctx.facts, ctx.py.root);
      // Inputs built at run time are migrate's follow-up, not a finding: the lint reports what is known to fail.
      for (const n of storedWidthNeeds(p, model, width, shape.dims, shape.inputs === 'runtime' ? 'single' : shape.inputs)) {
        const at = n.kind === 'followUp' && n.on === 'dimensions' ? shape.dimsArg : n.kind === 'followUp' && n.on === 'input' ? shape.inputArg : undefined;
        add(
          'provider-param',
          at ?? call.node,
          n.kind === 'add-dims' ? msg('thinking.lint.send', { reason: n.reason, sw: `dimensions=${n.value}` }) : msg('assess.join', { msg: n.reason, msg2: n.action }),
          { api, model },
        );
      }
    }
    if (!PARAM_RULE_ENDPOINTS.has(call.endpoint)) continue;
    const thinking = pyThinkingState(ctx.facts, p, call);
    // The thinking switch a model needs (Qwen3 open-weight non-streaming, DeepSeek's old non-thinking id).
    const need = call.endpoint === 'chat' && model ? thinkingNeeds(p, [model], pyStreamState(call), thinking) : undefined;
    if (need)
      add(
        'provider-param',
        call.node,
        need.kind === 'add-off'
          ? msg('thinking.lint.send', { reason: need.reason, sw: `extra_body={"${p.requestRules.thinking!.field}": ${offPython(p.requestRules.thinking!.off)}}` })
          : msg('assess.join', { msg: need.reason, msg2: need.action }),
        { api, model },
      );
    const present = new Set(call.kwargs.keys());
    for (const [name, kw] of call.kwargs) {
      if (PLUMBING.has(name)) continue;
      const v = kw.childForFieldName('value');
      const value = v ? pyLiteral(v) : undefined;
      const a = paramAction(p, name, value, model, present, thinking);
      if (a.kind === 'keep') continue;
      // A value computed at run time cannot be judged here (only names are: drop / rename).
      if (value === undefined && (a.kind === 'set' || a.kind === 'followUp')) continue;
      add('provider-param', kw, paramLint(name, a), { api, model });
    }
  }
  // Tool loops (the same roundTripNeed migrate uses): hand-built assistant dicts in a file whose chat calls are on the provider.
  // A provider whose reference does not say (no reasoningRoundTrip) is not flagged here: migrate's follow-up covers it.
  if (p.requestRules.reasoningRoundTrip && ctx.facts.calls.some((c) => c.client === 'target' && c.endpoint === 'chat')) {
    for (const m of pyHandBuiltAssistantMessages(ctx.py.root)) {
      const need = roundTripNeed(p, { mentions: m.mentions, source: m.source?.text });
      if (need) add('provider-param', m.node, msg('assess.join', { msg: need.reason, msg2: need.action }), { api: 'chat.completions.create' });
    }
  }
}
