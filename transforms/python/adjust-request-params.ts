import { pyRouteOfCall } from '../../src/lang/python/routing.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform, MigrateContext } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { dictOf, dictPairs, reachesOpenAI, type PyCall } from '../../src/lang/python/analyze.js';
import { addItems, removeItems } from '../../src/lang/python/edit.js';
import { pyLiteral as literal, stringContentRange, stringValue, unparen, type Node } from '../../src/lang/python/parse.js';
import { quote } from '../../src/engine/text.js';
import { cite, paramAction, PARAM_RULE_ENDPOINTS, resultFollowUp } from '../../src/rules/params.js';
import { offPython, roundTripNeed, thinkingNeeds, type ThinkingState } from '../../src/rules/thinking.js';
import { pyEmbeddingRequestShape, pyHandBuiltAssistantMessages, pySelfField, pyStreamState, pyThinkingState } from '../../src/lang/python/request-content.js';
import { embeddingNeeds } from '../../src/rules/embeddings.js';

/** Call keywords that are SDK plumbing, not request parameters. */
const PLUMBING = new Set([
  'model',
  'messages',
  'prompt',
  'extra_body',
  'extra_headers',
  'extra_query',
  'timeout',
  'stream',
  'engine',
  'deployment_id',
  'request_timeout',
  'api_key',
  'api_base',
  'organization',
  'api_type',
  'api_version',
]);

/**
 * Request parameters per provider (keyword arguments, and `"key"` entries of
 * `**payload` dicts): unsupported ones removed, renamed ones renamed
 * (`max_completion_tokens` -> `max_tokens`), literal values outside the
 * provider's range clamped, `reasoning_effort` mapped. A parameter the
 * provider reads under a non-OpenAI name (zhipu `user` -> `user_id`) moves
 * into `extra_body`, which the Python SDK sends as is.
 */
export const adjustRequestParams: Transform<PyContext> = {
  id: 'adjust-request-params',
  description: 'Drop, rename and clamp request parameters for the provider',
  run(ctx) {
    const t = ctx.target;
    const py = ctx.py;
    const done = new Set<number>();
    if (ctx.facts.calls.some((c) => reachesOpenAI(c.client))) reasoningRoundTrip(ctx, this.id);
    embeddingRules(ctx, this.id);
    for (const c of ctx.facts.calls) if (c.endpoint === 'chat' && reachesOpenAI(c.client)) responseShapeRules(ctx, c);
    for (const c of ctx.facts.calls) {
      if (!PARAM_RULE_ENDPOINTS.has(c.endpoint) || !reachesOpenAI(c.client)) continue;
      const model = targetModel(ctx, c);
      const thinking = pyThinkingState(ctx.facts, t.provider, c);
      const present = new Set<string>([...c.kwargs.keys(), ...c.dicts.flatMap((d) => dictPairs(d).map((p) => p.key))]);
      const args = c.node.childForFieldName('arguments')!;
      // keyword arguments
      const drop = new Set<number>();
      const extra: string[] = [];
      for (const [name, a] of c.kwargs) {
        if (PLUMBING.has(name)) continue;
        const v = a.childForFieldName('value')!;
        const key = a.childForFieldName('name')!;
        const act = apply(ctx, name, v, model, present, this.id, a, thinking);
        if (act === 'drop') drop.add(a.id);
        else if (act === 'extra') {
          drop.add(a.id);
          extra.push(`${quote(t.provider.params.rename[name]!, ctx.q)}: ${py.src(v)}`);
        } else if (typeof act === 'object') ctx.edits.add(py.start(key), py.end(key), act.to);
      }
      // The provider's switch that keeps thinking text out of `content` (MiniMax reasoning_split).
      const sw = t.provider.requestRules.thinkingInContent;
      if (sw && c.endpoint === 'chat' && !present.has(sw.field)) {
        const ebv = c.kwargs.get('extra_body')?.childForFieldName('value');
        const eb = dictOf(ctx.facts, ebv);
        const why = `${shortName(t.provider)} returns the model's thinking inside content (<think>...</think>) unless it is sent${cite(sw.url)}`;
        if (ebv && !eb) ctx.followUp(py.start(ebv), `extra_body is built at run time; ${why}`, `add "${sw.field}": ${sw.value ? 'True' : 'False'} to it`);
        else if (!eb || !dictPairs(eb).some((p) => p.key === sw.field)) {
          extra.push(`${quote(sw.field, ctx.q)}: ${sw.value ? 'True' : 'False'}`);
          ctx.change('param-add', py.start(c.node), `added extra_body["${sw.field}"] = ${sw.value ? 'True' : 'False'}: ${why}`, { transform: this.id });
        }
      }
      // The thinking switch off where the model needs it (Qwen3 open-weight non-streaming, DeepSeek deepseek-chat).
      const th = t.provider.requestRules.thinking;
      const need = th && c.endpoint === 'chat' && model ? thinkingNeeds(t.provider, typeof model === 'string' ? [model] : model, pyStreamState(c), thinking) : undefined;
      if (need?.kind === 'add-off') {
        const ebv = c.kwargs.get('extra_body')?.childForFieldName('value');
        if (ebv && !dictOf(ctx.facts, ebv)) ctx.followUp(py.start(ebv), `extra_body is built at run time; ${need.reason}`, `add "${th!.field}": ${offPython(th!.off)} to it`);
        else {
          extra.push(`${quote(th!.field, ctx.q)}: ${offPython(th!.off, ctx.q)}`);
          ctx.change('param-add', py.start(c.node), `added extra_body["${th!.field}"] = ${offPython(th!.off)}: ${need.reason}`, { transform: this.id });
        }
      } else if (need) ctx.followUp(py.start(c.node), need.reason, need.action);
      if (extra.length) {
        const eb = dictOf(ctx.facts, c.kwargs.get('extra_body')?.childForFieldName('value'));
        if (eb) addItems(py, ctx.edits, eb, extra);
        else addItems(py, ctx.edits, args, [`extra_body={${extra.join(', ')}}`], { removed: drop });
      }
      removeItems(py, ctx.edits, args, drop);
      // **payload dicts
      for (const d of c.dicts) {
        if (done.has(d.id)) continue;
        done.add(d.id);
        const dd = new Set<number>();
        for (const p of dictPairs(d)) {
          if (PLUMBING.has(p.key)) continue;
          const act = apply(ctx, p.key, p.value, model, present, this.id, p.pair, thinking);
          if (act === 'drop' || act === 'extra') dd.add(p.pair.id);
          else if (typeof act === 'object') {
            const r = stringContentRange(py, p.keyNode);
            if (r) ctx.edits.add(r.start, r.end, act.to);
          }
        }
        removeItems(py, ctx.edits, d, dd);
      }
    }
  },
};

export type Act = 'keep' | 'drop' | 'extra' | { to: string };

/** Apply one parameter rule to a keyword argument or dict entry (shared with wrapper constructors). */
export function apply(
  ctx: MigrateContext<PyContext>,
  name: string,
  v: Node,
  model: string | readonly string[] | undefined,
  present: ReadonlySet<string>,
  id: string,
  at: Node,
  thinking: ThinkingState = 'absent',
): Act {
  const t = ctx.target;
  const py = ctx.py;
  // `"required" if strict else "auto"`: each literal branch is a value the request can send.
  if (literal(v) === undefined && unparen(v).type === 'conditional_expression' && branches(ctx, name, v, model, present, id)) return 'keep';
  const a = paramAction(t.provider, name, literal(v), model, present, thinking);
  switch (a.kind) {
    case 'keep':
      return 'keep';
    case 'drop': {
      const to = t.provider.params.rename[name];
      if (to && !present.has(to) && at.type === 'keyword_argument') {
        ctx.change('param-rename', py.start(at), `${name} -> extra_body["${to}"]: ${shortName(t.provider)} reads ${to} instead of ${name}`, { transform: id });
        return 'extra';
      }
      ctx.change('param-drop', py.start(at), `removed ${name}: ${a.reason}`, { transform: id });
      const fu = resultFollowUp(name, a);
      if (fu) ctx.followUp(py.start(at), fu.reason, fu.action);
      return 'drop';
    }
    case 'rename':
      ctx.change('param-rename', py.start(at), `${name} -> ${a.to}: ${a.reason}`, { transform: id });
      return { to: a.to };
    case 'set': {
      const r = stringContentRange(py, v);
      const newText = typeof a.value === 'number' ? String(a.value) : undefined;
      if (newText !== undefined) ctx.edits.add(py.start(v), py.end(v), newText);
      else if (r) ctx.edits.add(r.start, r.end, String(a.value));
      ctx.change('param-clamp', py.start(at), `${name}: ${py.src(v)} -> ${newText ?? a.value} (${a.reason})`, { transform: id });
      const fu = resultFollowUp(name, a, py.src(v), String(newText ?? a.value));
      if (fu) ctx.followUp(py.start(at), fu.reason, fu.action);
      return 'keep';
    }
    case 'followUp':
      ctx.followUp(py.start(at), a.reason, a.action);
      return 'keep';
  }
}

/** Python twin of the JS rule: a hand-built assistant dict with tool_calls gets the reasoning field back (roundTripNeed). */
function reasoningRoundTrip(ctx: MigrateContext<PyContext>, id: string): void {
  const p = ctx.target.provider;
  const py = ctx.py;
  for (const m of pyHandBuiltAssistantMessages(py.root)) {
    const need = roundTripNeed(p, { mentions: m.mentions, source: m.source?.text });
    if (!need) continue;
    if (need.kind === 'followUp' || !m.source) {
      ctx.followUp(py.start(m.node), need.reason, need.action);
      continue;
    }
    addItems(py, ctx.edits, m.node, [`${quote(need.field, ctx.q)}: getattr(${m.source.text}, ${quote(need.field, ctx.q)}, None)`]);
    ctx.change('param-add', py.start(m.node), need.change, { transform: id });
  }
}

/** Rules on each literal branch of a conditional expression; true when every branch is a literal. */
function branches(ctx: MigrateContext<PyContext>, name: string, v: Node, model: string | readonly string[] | undefined, present: ReadonlySet<string>, id: string): boolean {
  const py = ctx.py;
  // A model that accepts one value only (Kimi temperature 1): the caller rewrites the whole expression.
  if (paramAction(ctx.target.provider, name, undefined, model, present).kind === 'set') return false;
  const lits: Node[] = [];
  let runtime = false;
  const collect = (n: Node) => {
    n = unparen(n);
    if (n.type === 'conditional_expression') {
      const kids = n.namedChildren.filter((k): k is Node => !!k && k.type !== 'comment');
      collect(kids[0]!);
      collect(kids[kids.length - 1]!);
    } else if (literal(n) !== undefined) lits.push(n);
    else runtime = true;
  };
  collect(v);
  for (const lit of lits) {
    const a = paramAction(ctx.target.provider, name, literal(lit), model, present);
    if (a.kind === 'set') {
      const r = stringContentRange(py, lit);
      const newText = typeof a.value === 'number' ? String(a.value) : undefined;
      if (newText !== undefined) ctx.edits.add(py.start(lit), py.end(lit), newText);
      else if (r) ctx.edits.add(r.start, r.end, String(a.value));
      ctx.change('param-clamp', py.start(lit), `${name}: ${py.src(lit)} -> ${newText ?? a.value} (${a.reason})`, { transform: id });
      const fu = resultFollowUp(name, a, py.src(lit), String(newText ?? a.value));
      if (fu) ctx.followUp(py.start(lit), fu.reason, fu.action);
    } else if (a.kind === 'followUp') ctx.followUp(py.start(lit), `${a.reason} (one branch of ${name})`, a.action);
  }
  return lits.length > 0 && !runtime;
}

/**
 * The provider model(s) the request uses: a literal, a same-file constant, or `self.model` (every value
 * the class assigns); undefined when any value is computed.
 */
function targetModel(ctx: MigrateContext<PyContext>, c: PyCall): string | string[] | undefined {
  let v: Node | null | undefined = c.kwargs.get('model')?.childForFieldName('value');
  if (!v) v = c.dicts.flatMap((d) => dictPairs(d)).find((p) => p.key === 'model')?.value;
  if (!v) return undefined;
  const one = (n: Node): string | undefined => {
    let u = unparen(n);
    if (u.type === 'identifier') {
      const init = ctx.facts.values.get(u.text);
      if (!init) return undefined;
      u = unparen(init);
    }
    const s = stringValue(u);
    return s === undefined ? undefined : (ctx.models.lookup(s)?.target ?? s);
  };
  const fields = pySelfField(v);
  if (!fields.length) return one(v);
  const ids = fields.map(one);
  if (ids.some((x) => x === undefined)) return undefined;
  const set = [...new Set(ids as string[])];
  return set.length === 1 ? set[0] : set;
}

/** Python twin of the JS embedding rules (src/rules/embeddings.ts): `dimensions=` where accepted, else follow-ups. */
function embeddingRules(ctx: MigrateContext<PyContext>, id: string): void {
  const py = ctx.py;
  for (const c of ctx.facts.calls) {
    if (c.endpoint !== 'embeddings' || (c.client !== 'openai' && c.client !== 'azure') || c.dicts.length) continue;
    // A routed call (--route embeddings=qwen) follows the routed provider's rules.
    const p = pyRouteOfCall(ctx, c)?.target.provider ?? ctx.target.provider;
    if (!p.requestRules.embeddings) continue;
    const mv = c.kwargs.get('model')?.childForFieldName('value');
    if (!mv) continue;
    const u = unparen(mv);
    const openaiId = stringValue(u.type === 'identifier' ? (ctx.facts.values.get(u.text) ?? u) : u);
    if (openaiId === undefined) continue;
    const target = ctx.models.lookup(openaiId)?.target;
    const { dims, inputs, dimsArg: dk, inputArg: ik } = pyEmbeddingRequestShape(ctx.facts, c);
    for (const n of embeddingNeeds(p, openaiId, target, dims, inputs)) {
      if (n.kind === 'add-dims') {
        addItems(py, ctx.edits, c.node.childForFieldName('arguments')!, [`dimensions=${n.value}`]);
        ctx.change('param-add', py.start(c.node), `added dimensions=${n.value}: ${n.reason}`, { transform: id });
      } else ctx.followUp(py.start(n.on === 'dimensions' ? dk! : n.on === 'input' ? ik! : mv), n.reason, n.action);
    }
  }
}

/**
 * Python twin of the JS response-shape rules: `json_schema` where the provider serves it on some
 * models only (`no`/`unknown` are marked by mark-unsupported-endpoints), and usage on the last
 * streamed chunk where the provider does not document it.
 */
function responseShapeRules(ctx: MigrateContext<PyContext>, c: PyCall): void {
  const p = ctx.target.provider;
  const py = ctx.py;
  const rf = c.kwargs.get('response_format');
  const rv = rf?.childForFieldName('value');
  const r = rv ? unparen(rv) : undefined;
  const leaf = c.path[c.path.length - 1];
  const schema =
    (r?.type === 'dictionary' && dictPairs(r).some((x) => x.key === 'type' && stringValue(x.value) === 'json_schema')) ||
    (r?.type === 'call' && /type_to_response_format_param$/.test(r.childForFieldName('function')?.text ?? '')) ||
    (leaf === 'parse' && !!rf);
  if (rf && schema && p.endpoints.jsonSchema === 'partial') {
    ctx.followUp(
      py.start(rf),
      `response_format json_schema: ${shortName(p)} serves it on some models only${p.endpointNotes.jsonSchema ? ` (${p.endpointNotes.jsonSchema})` : ''}${leaf === 'parse' ? '; chat.completions.parse() depends on it' : ''}`,
      p.endpoints.jsonObject === 'yes'
        ? 'use response_format {"type": "json_object"} with the schema and the word "json" in the prompt, and validate the result'
        : 'describe the JSON shape in the prompt and validate the result',
    );
  }
  const so = c.kwargs.get('stream_options');
  const sv = so?.childForFieldName('value');
  const sd = sv ? dictOf(ctx.facts, sv) : undefined;
  if (so && sd && !p.integrations.aiSdkCapabilities.streamUsage && dictPairs(sd).some((x) => x.key === 'include_usage')) {
    ctx.followUp(
      py.start(so),
      `stream_options include_usage: ${shortName(p)} does not document usage on the last streamed chunk; chunk.usage may be None${cite(p.integrations.aiSdkCapabilities.url)}`,
      'read usage defensively (getattr(chunk, "usage", None)) or from a non-streamed call',
    );
  }
}
