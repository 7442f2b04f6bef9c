import type { Text } from '../../src/i18n/msg.js';
import { msg } from '../../src/i18n/msg.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../src/lang/js/ts.js';
import { reachesOpenAI } from '../../src/lang/js/analyze.js';
import { routeOfCall } from '../../src/lang/js/routing.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform, MigrateContext } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { addProperties, removeProperties, renameKey } from '../../src/lang/js/edit.js';
import { isStringLike, literalValue, propName, unwrap } from '../../src/lang/js/parse.js';
import { cited, paramAction, paramClamped, paramRemoved, paramRenamed, PARAM_RULE_ENDPOINTS, resultFollowUp } from '../../src/rules/params.js';
import {
  embeddingRequestShape,
  handBuiltAssistantMessages,
  jsonObjectPlan,
  mentionsField,
  modelLiterals,
  requestContent,
  streamState,
  thinkingState,
  thisField,
} from '../../src/lang/js/request-content.js';
import { modelForContent } from '../../src/rules/content.js';
import { offText, roundTripNeed, thinkingNeeds } from '../../src/rules/thinking.js';
import { embeddingNeeds } from '../../src/rules/embeddings.js';
import { jsonModeNotes, jsonModeRule, schemaInstruction } from '../../src/rules/json-mode.js';

/**
 * Request parameters per provider: unsupported ones removed, renamed ones
 * renamed (`max_completion_tokens` -> `max_tokens`), literal values outside
 * the provider's range clamped, `reasoning_effort` mapped onto the provider's
 * values. Each change is reported with its reason.
 */
export const adjustRequestParams: Transform<JsContext> = {
  id: 'adjust-request-params',
  description: 'Drop, rename and clamp request parameters for the provider',
  run(ctx) {
    const t = ctx.target;
    const text = ctx.file.text;
    const done = new Set<ts.ObjectLiteralExpression>();
    // Calls in this file, plus this file's objects that other modules spread into requests.
    const groups: ts.ObjectLiteralExpression[][] = [];
    const chat = new Set<ts.ObjectLiteralExpression>();
    for (const c of ctx.facts.calls) {
      if (!PARAM_RULE_ENDPOINTS.has(c.endpoint)) continue;
      // A client already on a provider is left as it is (only OpenAI/Azure clients are migrated).
      if (c.client === 'other' || c.client === 'unresolved' || c.client === 'target') continue;
      groups.push(c.requests);
      if (c.endpoint === 'chat' && c.requests[0]) chat.add(c.requests[0]);
    }
    const foreign = new Set<ts.ObjectLiteralExpression>(ctx.foreignRequests);
    for (const o of ctx.foreignRequests) groups.push([o]);
    // Literals of this module used as parameter values by requests (here or in other modules).
    for (const fp of ctx.foreignParams) {
      const v = literalValue(fp.node);
      if (typeof v !== 'number') continue;
      const models = fp.models.map((m) => ctx.models.lookup(m)?.target ?? m);
      const a = paramAction(t.provider, fp.name, v, models.length ? models : undefined, new Set());
      if (a.kind === 'set' && typeof a.value === 'number') {
        ctx.edits.add(fp.node.getStart(), fp.node.end, String(a.value));
        ctx.change('param-clamp', fp.node.getStart(), paramClamped(fp.name, fp.node.getText(), String(a.value), msg('param.usedAs', { reason: a.reason, name: fp.name })), { transform: this.id });
        followUp(ctx, fp.node, resultFollowUp(fp.name, a, fp.node.getText(), String(a.value)));
      }
    }
    if (ctx.usesOpenAI) reasoningRoundTrip(ctx, this.id);
    embeddingRules(ctx, this.id);
    const jsonMode = new Set<ts.Node>();
    for (const c of ctx.facts.calls) {
      if (c.endpoint !== 'chat' || c.client === 'other' || c.client === 'unresolved' || c.client === 'target') continue;
      const plan = jsonObjectPlan(t.provider, c);
      if (plan) {
        jsonObjectRewrite(ctx, this.id, plan);
        jsonMode.add(plan.rf);
      }
      responseShapeRules(ctx, c.requests, c.path, jsonMode);
    }
    for (const requests of groups) {
      const model = targetModel(ctx, requests);
      const thinking = thinkingState(t.provider, requests);
      for (const req of requests) {
        if (done.has(req)) continue;
        done.add(req);
        const drop = new Set<ts.ObjectLiteralElementLike>();
        const present = new Set(req.properties.map((p) => propName(p.name)).filter((x): x is string => !!x));
        for (const p of req.properties) {
          if (!tsc.isPropertyAssignment(p) && !tsc.isShorthandPropertyAssignment(p)) continue;
          const name = propName(p.name);
          if (!name || name === 'model' || name === 'messages') continue;
          const value = tsc.isPropertyAssignment(p) ? literalValue(p.initializer) : undefined;
          // `tool_choice: strict ? 'required' : 'auto'`, `temperature: t ?? 1.5`: each literal branch is a value the request can send.
          if (value === undefined && tsc.isPropertyAssignment(p) && branchValues(ctx, this.id, p, name, model, present)) continue;
          let a = paramAction(t.provider, name, value, model, present, thinking);
          // A value defined elsewhere as a literal is clamped where it is defined (see below).
          if (value === undefined && tsc.isPropertyAssignment(p) && ctx.resolvesToLiteral(p.initializer) && (a.kind === 'set' || a.kind === 'followUp')) a = { kind: 'keep' };
          switch (a.kind) {
            case 'keep':
              break;
            case 'drop':
              drop.add(p);
              ctx.change('param-drop', p.getStart(), paramRemoved(name, a.reason), { transform: this.id });
              followUp(ctx, p, resultFollowUp(name, a));
              break;
            case 'rename':
              renameKey(text, ctx.edits, p, a.to);
              ctx.change('param-rename', p.getStart(), paramRenamed(name, a.to, a.reason), { transform: this.id });
              break;
            case 'set':
              if (tsc.isPropertyAssignment(p)) {
                const v = p.initializer;
                const newText = typeof a.value === 'number' ? String(a.value) : text[v.getStart()] + a.value + text[v.getStart()];
                ctx.edits.add(v.getStart(), v.end, newText);
                ctx.change('param-clamp', p.getStart(), paramClamped(name, v.getText(), newText, a.reason), { transform: this.id });
                followUp(ctx, p, resultFollowUp(name, a, v.getText(), newText));
              } else if (typeof a.value === 'number') {
                // `{ temperature }`: the variable's value would be rejected
                ctx.edits.add(p.getStart(), p.end, `${name}: ${a.value}`);
                ctx.change('param-clamp', p.getStart(), paramClamped(name, name, String(a.value), a.reason), { transform: this.id });
                followUp(ctx, p, resultFollowUp(name, a, name, String(a.value)));
              }
              break;
            case 'followUp':
              ctx.followUp(p.getStart(), a.reason, a.action);
              break;
          }
        }
        // Provider fields the call's own literal needs. In TypeScript a spread keeps the object literal free of
        // excess-property errors (openai v4-v6 types, strict).
        const typed = /\.[cm]?tsx?$/.test(ctx.file.rel);
        const entry = (field: string, value: string) => (typed ? `...{ ${field}: ${value} }` : `${field}: ${value}`);
        const adds: string[] = [];
        const own = req === requests[0] && chat.has(req) && !foreign.has(req);
        // The provider's switch that keeps thinking text out of `content`.
        const sw = t.provider.requestRules.thinkingInContent;
        if (sw && own && !requests.some((r) => mentionsField(r, sw.field))) {
          adds.push(entry(sw.field, String(sw.value)));
          ctx.change('param-add', req.getStart(), msg('param.added', { field: `${sw.field}: ${sw.value}`, reason: cited(msg('thinking.inContent', { provider: shortName(t.provider) }), sw.url) }), {
            transform: this.id,
          });
        }
        // The thinking switch off where the model needs it (Qwen3 open-weight non-streaming, DeepSeek deepseek-chat).
        const th = t.provider.requestRules.thinking;
        const need = th && own ? thinkingNeeds(t.provider, model ?? [], streamState(requests), thinking) : undefined;
        if (need?.kind === 'add-off') {
          const v = offText(th!.off, ctx.q);
          adds.push(entry(th!.field, v));
          ctx.change('param-add', req.getStart(), msg('param.added', { field: `${th!.field}: ${v}`, reason: need.reason }), { transform: this.id });
        } else if (need) ctx.followUp(req.getStart(), need.reason, need.action);
        if (adds.length) addProperties(text, ctx.edits, req, adds, drop);
        removeProperties(text, ctx.edits, req, drop);
      }
    }
  },
};

/**
 * Rules on every value a parameter can take: the literal branches of a conditional or `||`/`??`
 * (clamped or flagged one by one), or the string constants it resolves to in other modules
 * (flagged). Returns true when the property was handled here.
 */
function branchValues(ctx: MigrateContext<JsContext>, id: string, p: ts.PropertyAssignment, name: string, model: string[] | undefined, present: ReadonlySet<string>): boolean {
  const t = ctx.target;
  // A model that accepts one value only (Kimi temperature 1): the whole expression is rewritten below.
  if (paramAction(t.provider, name, undefined, model, present).kind === 'set') return false;
  const e = unwrap(p.initializer);
  const lits: ts.Expression[] = [];
  let runtime = false;
  const collect = (x: ts.Expression): void => {
    x = unwrap(x);
    if (tsc.isConditionalExpression(x)) {
      collect(x.whenTrue);
      collect(x.whenFalse);
    } else if (tsc.isBinaryExpression(x) && (x.operatorToken.kind === tsc.SyntaxKind.BarBarToken || x.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken)) {
      // the left side is a run-time value; the literal fallback is still a value the request can send
      runtime = true;
      collect(x.right);
    } else if (literalValue(x) !== undefined) lits.push(x);
    else runtime = true;
  };
  if (tsc.isConditionalExpression(e) || tsc.isBinaryExpression(e)) collect(e);
  if (!lits.length) {
    // A constant defined elsewhere (another module, a config object): its string values.
    if (!tsc.isIdentifier(e) && !tsc.isPropertyAccessExpression(e)) return false;
    let handled = false;
    for (const v of new Set(ctx.modelValues(e))) {
      const a = paramAction(t.provider, name, v, model, present);
      if (a.kind === 'followUp') {
        ctx.followUp(p.getStart(), msg('param.fromConstant', { reason: a.reason, from: e.getText() }), a.action);
        handled = true;
      }
    }
    return handled;
  }
  let handled = false;
  for (const lit of lits) {
    const v = literalValue(lit);
    const a = paramAction(t.provider, name, v, model, present);
    if (a.kind === 'set') {
      const newText = typeof a.value === 'number' ? String(a.value) : ctx.file.text[lit.getStart()] + a.value + ctx.file.text[lit.getStart()];
      ctx.edits.add(lit.getStart(), lit.end, newText);
      ctx.change('param-clamp', lit.getStart(), paramClamped(name, lit.getText(), newText, a.reason), { transform: id });
      followUp(ctx, lit, resultFollowUp(name, a, lit.getText(), newText));
      handled = true;
    } else if (a.kind === 'followUp') {
      ctx.followUp(lit.getStart(), msg('param.oneBranch', { reason: a.reason, name }), a.action);
      handled = true;
    }
  }
  // Only literal branches, all accepted: nothing computed at run time to warn about.
  return handled || !runtime;
}

/**
 * Tool loops on thinking models: an assistant message rebuilt by hand (`{ role: 'assistant',
 * content: msg.content, tool_calls: msg.tool_calls }`) loses the reasoning text the provider wants
 * back on the next turn (DeepSeek, Kimi: HTTP 400). Where the profile names the field, send it back
 * (a spread keeps strict TypeScript happy with openai v4-v6 types); where it wants the whole message,
 * or the reference does not say, a follow-up (roundTripNeed in src/rules/thinking.ts, which the
 * `--provider` lint reports too).
 */
function reasoningRoundTrip(ctx: MigrateContext<JsContext>, id: string): void {
  // Only messages sent to a client being migrated: this file's chat calls, when it has some; else
  // (built here, sent by another module) a client being migrated must be near (imported or importing).
  const chat = ctx.facts.calls.filter((c) => c.endpoint === 'chat');
  if (chat.length ? !chat.some((c) => reachesOpenAI(c.client)) : ctx.nearMigratedClient === false) return;
  const p = ctx.target.provider;
  const ts_ = /\.[cm]?tsx?$/.test(ctx.file.rel);
  for (const m of handBuiltAssistantMessages(ctx.sf)) {
    const need = roundTripNeed(p, { mentions: m.mentions, source: m.source?.getText() });
    if (!need) continue;
    if (need.kind === 'followUp' || !m.source) {
      ctx.followUp(m.node.getStart(), need.reason, need.action);
      continue;
    }
    const s = m.source.getText();
    const value = ts_ ? `(${s} as { ${need.field}?: string }).${need.field}` : `${s}.${need.field}`;
    addProperties(ctx.file.text, ctx.edits, m.node, [ts_ ? `...{ ${need.field}: ${value} }` : `${need.field}: ${value}`]);
    ctx.change('param-add', m.node.getStart(), need.change, { transform: id });
  }
}

/**
 * Embeddings (requestRules.embeddings, src/rules/embeddings.ts): `dimensions` added where the provider
 * model accepts the OpenAI width, follow-ups for other widths and batch sizes.
 */
function embeddingRules(ctx: MigrateContext<JsContext>, id: string): void {
  for (const c of ctx.facts.calls) {
    if (c.endpoint !== 'embeddings' || (c.client !== 'openai' && c.client !== 'azure')) continue;
    // A routed call (--route embeddings=qwen) follows the routed provider's rules.
    const p = routeOfCall(ctx, c)?.target.provider ?? ctx.target.provider;
    if (!p.requestRules.embeddings) continue;
    const req = c.requests[0];
    if (!req) continue;
    const mp = req.properties.find((x) => propName(x.name) === 'model');
    if (!mp || !tsc.isPropertyAssignment(mp)) continue;
    const { lits } = modelLiterals(ctx.facts, mp.initializer);
    const ids = [...new Set(lits.map((l) => l.text))];
    if (ids.length !== 1) continue;
    const target = ctx.models.lookup(ids[0]!)?.target;
    const { dims: dv, inputs, dimsProp: dims, inputProp: input } = embeddingRequestShape(req);
    for (const n of embeddingNeeds(p, ids[0]!, target, dv, inputs)) {
      if (n.kind === 'add-dims') {
        addProperties(ctx.file.text, ctx.edits, req, [`dimensions: ${n.value}`]);
        ctx.change('param-add', req.getStart(), msg('param.added', { field: `dimensions: ${n.value}`, reason: n.reason }), { transform: id });
      } else ctx.followUp((n.on === 'dimensions' ? dims! : n.on === 'input' ? input! : mp).getStart(), n.reason, n.action);
    }
  }
}

/**
 * Response shapes a provider may not serve: `json_schema` structured output where the profile does
 * not say `yes`, and usage on the last streamed chunk where it does not document it.
 */
function responseShapeRules(ctx: MigrateContext<JsContext>, requests: ts.ObjectLiteralExpression[], callPath: string[], rewritten: ReadonlySet<ts.Node>): void {
  const p = ctx.target.provider;
  for (const req of requests) {
    for (const prop of req.properties) {
      if (!tsc.isPropertyAssignment(prop)) continue;
      const name = propName(prop.name);
      const v = unwrap(prop.initializer);
      if (name === 'response_format' && p.endpoints.jsonSchema !== 'yes' && !rewritten.has(prop)) {
        const schema =
          (tsc.isObjectLiteralExpression(v) &&
            v.properties.some(
              (x) => tsc.isPropertyAssignment(x) && propName(x.name) === 'type' && isStringLike(unwrap(x.initializer)) && (unwrap(x.initializer) as ts.StringLiteral).text === 'json_schema',
            )) ||
          (tsc.isCallExpression(v) && /ResponseFormat$/.test(v.expression.getText()));
        if (schema) {
          const status = p.endpoints.jsonSchema;
          const why = msg('shape.jsonSchema', { provider: shortName(p), support: status, note: p.endpointNotes.jsonSchema });
          ctx.followUp(
            prop.getStart(),
            callPath.includes('parse') ? msg('shape.jsonSchemaParse', { reason: why }) : why,
            msg(p.endpoints.jsonObject === 'yes' ? 'shape.jsonSchema.todoJs' : 'shape.jsonSchema.todoPrompt'),
          );
        }
      }
      if (name === 'stream_options' && !p.integrations.aiSdkCapabilities.streamUsage && tsc.isObjectLiteralExpression(v) && v.properties.some((x) => propName(x.name) === 'include_usage')) {
        ctx.followUp(prop.getStart(), cited(msg('shape.streamUsageJs', { provider: shortName(p) }), p.integrations.aiSdkCapabilities.url), msg('shape.streamUsageJs.todo'));
      }
    }
  }
}

/**
 * `json_schema` -> the provider's JSON mode (requestRules.jsonObject): `response_format: { type:
 * 'json_object' }` and a first system message that carries the schema and the word the provider
 * wants in the prompt. The schema expression moves (it is evaluated once, as before). The provider does
 * not enforce the schema: a follow-up says to validate the reply.
 */
function jsonObjectRewrite(ctx: MigrateContext<JsContext>, id: string, plan: NonNullable<ReturnType<typeof jsonObjectPlan>>): void {
  const p = ctx.target.provider;
  const rule = jsonModeRule(p)!;
  const text = ctx.file.text;
  const q = ctx.q;
  ctx.edits.add(plan.rf.initializer.getStart(), plan.rf.initializer.end, `{ type: ${q}json_object${q} }`);
  const system = `{ role: ${q}system${q}, content: ${q}${schemaInstruction(rule)}${q} + JSON.stringify(${plan.schema.getText()}) }`;
  const first = plan.messages.elements[0];
  if (!first) ctx.edits.add(plan.messages.getStart() + 1, plan.messages.end - 1, system);
  else {
    const lineStart = text.lastIndexOf('\n', first.getStart() - 1) + 1;
    const indent = text.slice(lineStart, first.getStart());
    const eol = text[lineStart - 2] === '\r' ? '\r\n' : '\n';
    // An element on its own line: the new message gets a line of its own with the same indentation.
    const sep = lineStart > plan.messages.getStart() && /^[ \t]*$/.test(indent) ? `,${eol}${indent}` : ', ';
    ctx.edits.add(first.getStart(), first.getStart(), system + sep);
  }
  const notes = jsonModeNotes(p, rule);
  ctx.change('param-rename', plan.rf.getStart(), notes.change, { transform: id });
  ctx.followUp(plan.rf.getStart(), notes.reason, notes.action);
}

/** The request literal sets this field, directly or in a spread object literal. */

const followUp = (ctx: MigrateContext<JsContext>, at: ts.Node, f: { reason: Text; action: Text } | undefined) => {
  if (f) ctx.followUp(at.getStart(), f.reason, f.action);
};

/** The provider model(s) a request may use: OpenAI ids mapped, provider ids as they are. */
function targetModel(ctx: MigrateContext<JsContext>, reqs: ts.ObjectLiteralExpression[]): string[] | undefined {
  for (const r of reqs) {
    const p = r.properties.find((x) => propName(x.name) === 'model');
    const e = p && tsc.isPropertyAssignment(p) ? p.initializer : p && tsc.isShorthandPropertyAssignment(p) ? p.name : undefined;
    if (!e) continue;
    const field = thisField(unwrap(e));
    const raw = ctx.modelValues(e);
    if (!raw.length && field) raw.push(...ctx.modelValues(field));
    // The model a request gets is the one its content picks (src/rules/content.ts), else the tier map's.
    const content = requestContent(ctx.facts, reqs);
    const values = raw.map((v) => {
      const m = ctx.models.lookup(v);
      if (!m?.target) return v;
      return (m.via === 'tier' && modelForContent(ctx.target.provider, v, m.target, content).model) || m.target;
    });
    return values.length ? values : undefined;
  }
  return undefined;
}
