import { writeValue } from '../../../src/engine/values.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../../src/lang/js/ts.js';
import type { Transform } from '../../../src/engine/types.js';
import type { JsContext } from '../../../src/lang/js/context.js';
import { objectLiteralOf, type EndpointKind } from '../../../src/lang/js/analyze.js';
import { removeProperties } from '../../../src/lang/js/edit.js';
import { flattenAccess, isStringLike, propName, walk } from '../../../src/lang/js/parse.js';
import { isSupported, unsupportedReason } from '../../../src/rules/endpoints.js';
import { shortName } from '../../../src/providers/index.js';
import { PARAM_RULE_ENDPOINTS } from '../../../src/rules/params.js';
import { addMarker, adjustParams, blockedReason, mapModelExpr, markWrapperUse, prop, skipLiterals, targetModelOf, valueOf } from '../../../src/lang/js/wrappers/common.js';
import { endpointOfPath, OPENAI_ORIGIN, splitBase } from '../../../src/lang/js/wrappers/http.js';
import { inKeptClient } from '../../../src/lang/js/client-plan.js';

/** OpenAI-only request headers, removed from header objects of migrated requests. */
const OPENAI_HEADERS = /^openai-(organization|project|beta)$/i;

type Piece = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail;
const isPiece = (n: ts.Node): n is Piece => isStringLike(n) || tsc.isTemplateHead(n) || tsc.isTemplateMiddle(n) || tsc.isTemplateTail(n);

/**
 * Raw HTTP aimed at `https://api.openai.com/v1/...` (fetch, axios, got, ky,
 * undici, node https): full URLs and base-URL constants take the provider's
 * base URL (the OpenAI `/v1` replaced by the provider's own path); host-only
 * forms (`'https://api.openai.com'`, `hostname: 'api.openai.com'`) take the
 * provider's host, and `/v1/...` path pieces in the same file its path. URLs
 * of endpoints the provider lacks stay and get a marker. JSON bodies written
 * as object literals get mapped models and the provider's parameter rules.
 * `Authorization: Bearer ${process.env.OPENAI_API_KEY}` is renamed by the core
 * rename-env-vars transform.
 */
export const retargetRawHttp: Transform<JsContext> = {
  id: 'retarget-raw-http',
  description: "Point raw HTTP calls to api.openai.com at the provider's base URL; map JSON bodies",
  run(ctx) {
    const text = ctx.file.text;
    if (!/api\.openai\.com/.test(text) && !ctx.composedUses.length && !ctx.composedPaths.length) return;
    const t = ctx.target;
    const p = t.provider;
    const base = t.baseURL.replace(/\/$/, '');
    const b = splitBase(base);
    let hostOnly = false;
    let touched = false;
    const pieces: Piece[] = [];
    walk(ctx.sf, (n) => {
      if (isPiece(n)) pieces.push(n);
    });
    // The client constructions of the SDK are the core's (retarget-client-construction).
    const inClient = (n: ts.Node) => ctx.facts.constructions.some((c) => n.pos >= c.node.pos && n.end <= c.node.end);
    const blockedAt = (n: ts.Node, e: EndpointKind | undefined): boolean => {
      if (!e) return false;
      const why = isSupported(p, e) ? undefined : unsupportedReason(p, e);
      if (!why) return false;
      addMarker(ctx, n, why.reason, why.action, this.id);
      return true;
    };
    const edited = new Set<Piece>();
    const edit = (n: Piece, idx: number, len: number, to: string, what: string) => {
      if (idx === 0 && edited.has(n)) return;
      if (idx === 0) edited.add(n);
      const at = n.getStart() + n.getText().indexOf(n.text) + idx;
      if (text.slice(at, at + len) === to) return;
      writeValue(ctx, at, at + len, to);
      ctx.change('http', n.getStart(), what, { transform: this.id });
      touched = true;
    };
    for (const n of pieces) {
      // ... and the env-schema default of a client that stays on OpenAI is its URL.
      if (inClient(n) || inKeptClient(ctx, n)) continue;
      const s = n.text;
      // wss://api.openai.com/v1/realtime
      if (/wss:\/\/api\.openai\.com/.test(s)) {
        blockedAt(n, 'realtime');
        continue;
      }
      const i = s.indexOf(OPENAI_ORIGIN);
      if (i >= 0) {
        const after = s.slice(i + OPENAI_ORIGIN.length);
        if (/^\/v1(?=$|[/?#])/.test(after)) {
          const rest = after.slice(3);
          if (blockedAt(n, endpointOfPath(rest))) continue;
          edit(n, i, OPENAI_ORIGIN.length + 3, base, `URL ${OPENAI_ORIGIN}/v1${rest.split(/[?#]/)[0]} -> ${base}${rest.split(/[?#]/)[0]}`);
        } else if (after === '' || after === '/') {
          hostOnly = true;
          edit(n, i, OPENAI_ORIGIN.length, b.origin, `host ${OPENAI_ORIGIN} -> ${b.origin} (paths get ${b.path || 'no prefix'})`);
        }
        continue;
      }
      if (s === 'api.openai.com') {
        hostOnly = true;
        edit(n, 0, s.length, b.host, `hostname api.openai.com -> ${b.host}`);
      }
    }
    // Paths joined to a host-only value: `/v1/chat/completions` -> `${provider path}/chat/completions`.
    if (hostOnly) {
      for (const n of pieces) {
        const m = /^\/v1(?=$|[/?#])/.exec(n.text);
        if (!m || inClient(n)) continue;
        const rest = n.text.slice(3);
        if (blockedAt(n, endpointOfPath(rest))) continue;
        edit(n, 0, 3, b.path, `path /v1${rest} -> ${b.path}${rest}`);
      }
    }
    // URLs composed across modules: `${OPENAI_API_HOST}${CHAT_PATH}` with the host in a config module.
    // The host becomes the provider's origin in its module; the `/v1` of the path becomes the provider's path here.
    for (const { lit, rest } of ctx.composedPaths) {
      const e = endpointOfPath(rest);
      if (e && !isSupported(p, e)) continue; // the use is marked where the URL is built
      edit(lit, 0, 3, b.path, `path /v1${rest} -> ${b.path}${rest} (joined to an OpenAI host defined in another module)`);
    }
    let unresolvedReported = false;
    for (const u of ctx.composedUses) {
      if (u.rest === undefined) {
        // The path cannot be computed: right only where the provider's path is /v1 (or DeepSeek's optional /v1).
        if (b.path === '' || b.path === '/v1' || unresolvedReported) continue;
        unresolvedReported = true;
        ctx.followUp(u.node.getStart(), `URL built from ${OPENAI_ORIGIN} and a path the tool cannot resolve`, `make the request go to ${base}/... (${shortName(p)}'s OpenAI-compatible path is ${b.path}, not /v1)`);
        continue;
      }
      if (blockedAt(u.node, endpointOfPath(u.rest))) continue;
      touched = true;
    }
    // Paths joined to a rewritten base constant: `${API_BASE}/embeddings` on a provider without embeddings.
    if (touched) {
      for (const n of pieces) {
        if ((tsc.isTemplateMiddle(n) || tsc.isTemplateTail(n) || isStringLike(n)) && /^\/[a-z_]+/.test(n.text) && !/^\/v1/.test(n.text)) {
          const e = endpointOfPath(n.text);
          if (e && /^\/(chat|completions|embeddings|images|audio|moderations|responses|assistants|threads|vector_stores|batches|fine_tuning|realtime)\b/.test(n.text)) blockedAt(n, e);
        }
      }
    }
    if (!touched) return;
    markWrapperUse(ctx);
    // JSON bodies: JSON.stringify({...}), { json: {...} } (got, ky), axios data.
    const bodies = new Set<ts.ObjectLiteralExpression>();
    walk(ctx.sf, (n) => {
      if (tsc.isCallExpression(n)) {
        const { base: callee, names } = flattenAccess(n.expression);
        const fn = names.join('.');
        if (tsc.isIdentifier(callee) && callee.text === 'JSON' && fn === 'stringify') addBody(bodies, objectLiteralOf(ctx.facts, n.arguments[0]));
        if (tsc.isIdentifier(callee) && /^axios$/i.test(callee.text) && ['post', 'put', 'patch'].includes(fn)) addBody(bodies, objectLiteralOf(ctx.facts, n.arguments[1]));
      }
      if (tsc.isPropertyAssignment(n) && ['json', 'data'].includes(propName(n.name) ?? '')) addBody(bodies, objectLiteralOf(ctx.facts, n.initializer));
      // Header objects: drop OpenAI-only headers.
      if (tsc.isObjectLiteralExpression(n) && tsc.isPropertyAssignment(n.parent) && /^headers$/i.test(propName(n.parent.name) ?? '')) {
        const gone = new Set(n.properties.filter((x) => OPENAI_HEADERS.test(propName(x.name) ?? '')));
        for (const g of gone) ctx.change('http', g.getStart(), `removed OpenAI-only header ${propName(g.name)}`, { transform: this.id });
        removeProperties(text, ctx.edits, n, gone);
      }
    });
    for (const body of bodies) {
      const model = valueOf(prop(body, 'model'));
      const endpoint: EndpointKind = urlEndpoint(body) ?? (prop(body, 'messages') ? 'chat' : prop(body, 'prompt') && !prop(body, 'n') && !prop(body, 'size') ? 'completions' : prop(body, 'input') ? 'embeddings' : 'chat');
      const blocked = blockedReason(ctx, endpoint, model);
      if (blocked) {
        skipLiterals(ctx, body);
        if (isSupported(p, endpoint)) addMarker(ctx, body, blocked.reason, blocked.action, this.id);
        continue;
      }
      mapModelExpr(ctx, model, this.id);
      if (PARAM_RULE_ENDPOINTS.has(endpoint)) adjustParams(ctx, body, targetModelOf(ctx, model), this.id, { wire: true });
    }
  },
};

/** Endpoint named by the URL argument of the call a body is sent with (`fetch(url, { body })`, `axios.post(url, data)`). */
function urlEndpoint(body: ts.Node): EndpointKind | undefined {
  for (let cur: ts.Node | undefined = body.parent; cur && !tsc.isBlock(cur) && !tsc.isSourceFile(cur); cur = cur.parent) {
    if (!tsc.isCallExpression(cur) || !cur.arguments[0]) continue;
    const m = /\/(chat\/completions|completions|embeddings|responses|images|audio|moderations)\b/.exec(cur.arguments[0].getText());
    if (m) return endpointOfPath('/' + m[1]);
  }
  return undefined;
}

/** A request body: an object literal with a `model` or `messages` field. */
function addBody(set: Set<ts.ObjectLiteralExpression>, o: ts.ObjectLiteralExpression | undefined): void {
  if (o?.properties.some((p) => ['model', 'messages'].includes(propName(p.name) ?? ''))) set.add(o);
}
