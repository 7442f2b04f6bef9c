import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
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
import { envName, reachesOpenAI } from './analyze.js';
import { isOpenAIId } from './model-sites.js';
import type { JsContext } from './context.js';
import { isStringLike, literalValue, propName, unwrap, walk } from './parse.js';
import { detectWrappers } from './wrappers/detect.js';
import { embeddingRequestShape, handBuiltAssistantMessages, storedVectorWidth, streamState, thinkingState } from './request-content.js';
import { offText, roundTripNeed, thinkingNeeds } from '../../rules/thinking.js';
import { storedWidthNeeds } from '../../rules/embeddings.js';
import type { ProviderProfile } from '../../providers/types.js';

const OPENAI_URL = /\bapi\.openai\.com\b/;

/** Findings for scan/check, from the same analysis migrate uses. */
export function detectJs(ctx: JsContext): void {
  const f = ctx.facts;
  const add = (rule: RuleId, node: ts.Node, message: Text, extra?: Partial<Finding>) => addFinding(ctx, rule, node.getStart(), node.end, message, extra);
  for (const c of f.constructions) {
    if (c.status === 'openai') add('openai-client', c.node, msg('find.clientNoBaseUrl'), { api: 'OpenAI' });
    else if (c.status === 'azure') add('azure-openai-client', c.node, msg('find.azureClient'), { api: 'AzureOpenAI' });
    else if (c.status === 'unresolved') add('unresolved-base-url', c.node, msg('find.unresolvedBaseUrl'), { api: 'OpenAI' });
  }
  for (const call of f.calls) {
    if (!reachesOpenAI(call.client)) continue;
    const api = call.path.join('.');
    const endpoint = call.endpoint;
    if (servedByNoProvider(PROVIDERS, endpoint)) add('openai-only-endpoint', call.node.expression, msg('find.noProviderServes', { api }), { api, endpoint });
    else add('openai-api-call', call.node.expression, msg('find.apiCall', { api }), { api, endpoint });
  }
  detectWrappers(ctx);
  for (const s of [...ctx.models_.sites, ...ctx.models_.foreign]) if (!keyOfIdTable(s.lit)) add('openai-model', s.lit, msg('find.model', { id: s.id }), { model: s.id });
  walk(ctx.sf, (n) => {
    if ((tsc.isPropertyAccessExpression(n) || tsc.isElementAccessExpression(n)) && !tsc.isPropertyAccessExpression(n.parent)) {
      const name = envName(n);
      if (name && envRole(name) && envRole(name) !== 'other') add('openai-env', n, msg('find.reads', { name }), { api: name });
    } else if ((isStringLike(n) || tsc.isTemplateHead(n)) && OPENAI_URL.test(n.text)) {
      // URL literals aimed at OpenAI (fetch/axios/got/... or constants) — except a client's own baseURL, reported above.
      const inClient = f.constructions.some((c) => n.pos >= c.node.pos && n.end <= c.node.end);
      if (!inClient) add('openai-http', n, msg('find.openaiUrl', { url: n.text.slice(0, 80) }), { api: 'http' });
    }
  });
  if (isMigrating(ctx)) lintTargetCalls(ctx, add);
}

type Add = (rule: RuleId, node: ts.Node, message: Text, extra?: Partial<Finding>) => void;

/**
 * `--provider` lint of code already on that provider (clients with status
 * 'target'): endpoints it does not serve, model ids it does not list, and
 * request parameters or values it rejects (the same `paramAction` migrate uses).
 */
function lintTargetCalls(ctx: MigrateContext<JsContext>, add: Add): void {
  const p = ctx.target.provider;
  const listed = new Set(Object.values(p.models).flat());
  let width: ReturnType<typeof storedVectorWidth> | null = null;
  const stored = () => (width === null ? (width = storedVectorWidth(ctx.sf)) : width);
  for (const call of ctx.facts.calls) {
    if (call.client !== 'target' || call.endpoint === 'other') continue;
    const api = call.path.join('.');
    if (!isSupported(p, call.endpoint)) {
      // A call migrate already marked is reported once, by its TODO marker (migrate-todo).
      const line = ctx.lines.pos(call.node.getStart()).line;
      const marked = [line, line - 1].some((l) => l > 0 && ctx.lines.lineText(l).includes(MARKER_TAG));
      if (!marked) add('provider-unsupported', call.node.expression, msg('find.notServed', { api, provider: p.id }), { api, endpoint: call.endpoint });
      continue;
    }
    let model: string | undefined;
    for (const req of call.requests) {
      const m = req.properties.find((x) => propName(x.name) === 'model');
      const v = m && tsc.isPropertyAssignment(m) ? unwrap(m.initializer) : undefined;
      if (!v || !isStringLike(v)) continue;
      model = v.text;
      // OpenAI ids are reported as openai-model; provider ids are checked against the profile.
      if (classifyOpenAIModel(v.text) || isFineTunedOpenAIModel(v.text)) continue;
      const successor = p.deprecated[v.text];
      if (successor !== undefined) add('provider-model', v, msg('find.deprecatedModel', { provider: p.id, model: v.text, successor: successor || undefined }), { api, model: v.text });
      else if (!listed.has(v.text)) add('provider-model', v, msg('find.notInCatalogue', { model: v.text, provider: p.id }), { api, model: v.text });
    }
    if (call.endpoint === 'embeddings' && model) lintEmbeddingWidth(p, call.requests[0], model, stored(), api, add);
    if (!PARAM_RULE_ENDPOINTS.has(call.endpoint)) continue;
    const thinking = thinkingState(p, call.requests);
    // The thinking switch a model needs (Qwen3 open-weight non-streaming, DeepSeek's old non-thinking id).
    const need = call.endpoint === 'chat' && model ? thinkingNeeds(p, [model], streamState(call.requests), thinking) : undefined;
    if (need)
      add(
        'provider-param',
        call.node.expression,
        need.kind === 'add-off'
          ? msg('thinking.lint.send', { reason: need.reason, sw: `${p.requestRules.thinking!.field}: ${offText(p.requestRules.thinking!.off)}` })
          : msg('assess.join', { msg: need.reason, msg2: need.action }),
        {
          api,
          model,
        },
      );
    for (const req of call.requests) {
      const present = new Set(req.properties.map((x) => propName(x.name)).filter((x): x is string => !!x));
      for (const prop of req.properties) {
        if (!tsc.isPropertyAssignment(prop) && !tsc.isShorthandPropertyAssignment(prop)) continue;
        const name = propName(prop.name);
        if (!name || name === 'model' || name === 'messages') continue;
        const value = tsc.isPropertyAssignment(prop) ? literalValue(prop.initializer) : undefined;
        const a = paramAction(p, name, value, model, present, thinking);
        if (a.kind === 'keep') continue;
        // A value computed at run time cannot be judged here (only names are: drop / rename).
        if (value === undefined && (a.kind === 'set' || a.kind === 'followUp')) continue;
        add('provider-param', prop, paramLint(name, a), { api, model });
      }
    }
  }
  // Tool loops (the same roundTripNeed migrate uses): hand-built assistant messages in a file whose chat calls are on the provider.
  // A provider whose reference does not say (no reasoningRoundTrip) is not flagged here: migrate's follow-up covers it.
  if (p.requestRules.reasoningRoundTrip && ctx.facts.calls.some((c) => c.client === 'target' && c.endpoint === 'chat')) {
    for (const m of handBuiltAssistantMessages(ctx.sf)) {
      const need = roundTripNeed(p, { mentions: m.mentions, source: m.source?.getText() });
      if (need) add('provider-param', m.node, msg('assess.join', { msg: need.reason, msg2: need.action }), { api: 'chat.completions.create' });
    }
  }
}

/** Embedding widths (the same rules migrate uses): the provider model's vectors against the width the file's store declares; `dimensions` it does not accept; inputs per request. */
function lintEmbeddingWidth(p: ProviderProfile, req: ts.ObjectLiteralExpression | undefined, model: string, stored: ReturnType<typeof storedVectorWidth>, api: string, add: Add): void {
  if (!req) return;
  const shape = embeddingRequestShape(req);
  // Inputs built at run time are migrate's follow-up, not a finding: the lint reports what is known to fail.
  for (const n of storedWidthNeeds(p, model, stored, shape.dims, shape.inputs === 'runtime' ? 'single' : shape.inputs)) {
    const at = n.kind === 'followUp' && n.on === 'dimensions' ? shape.dimsProp : n.kind === 'followUp' && n.on === 'input' ? shape.inputProp : undefined;
    add('provider-param', at ?? req, n.kind === 'add-dims' ? msg('thinking.lint.send', { reason: n.reason, sw: `dimensions: ${n.value}` }) : msg('assess.join', { msg: n.reason, msg2: n.action }), {
      api,
      model,
    });
  }
}

/**
 * A key of an object keyed by several OpenAI ids (`MODEL_TOKEN_LIMITS = { 'gpt-4': 8192, 'gpt-4-32k': 32768 }`): a table
 * about OpenAI's models, which migrate leaves (src/lang/js/model-tables.ts), not a model a request sends.
 */
function keyOfIdTable(lit: ts.Node): boolean {
  const p = lit.parent;
  if (!p || !tsc.isPropertyAssignment(p) || p.name !== lit || !tsc.isObjectLiteralExpression(p.parent)) return false;
  const ids = p.parent.properties.filter((x) => x.name && isStringLike(x.name) && isOpenAIId(x.name.text));
  return ids.length >= 2;
}
