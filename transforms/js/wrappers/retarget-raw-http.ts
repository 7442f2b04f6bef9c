import { msg, type Text } from '../../../src/i18n/msg.js';
import { writeValue } from '../../../src/engine/values.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../../src/lang/js/ts.js';
import type { MigrateContext, Transform } from '../../../src/engine/types.js';
import type { JsContext } from '../../../src/lang/js/context.js';
import { objectLiteralOf, type EndpointKind } from '../../../src/lang/js/analyze.js';
import { removeProperties } from '../../../src/lang/js/edit.js';
import { flattenAccess, isStringLike, propName, walk } from '../../../src/lang/js/parse.js';
import { isSupported, unsupportedReason } from '../../../src/rules/endpoints.js';
import { shortName } from '../../../src/providers/index.js';
import { PARAM_RULE_ENDPOINTS } from '../../../src/rules/params.js';
import { addMarker, adjustParams, blockedReason, dropFollowUpsWithin, mapModelExpr, markWrapperUse, prop, skipLiterals, targetModelOf, valueOf } from '../../../src/lang/js/wrappers/common.js';
import { endpointOfPath, OPENAI_ORIGIN, splitBase } from '../../../src/lang/js/wrappers/http.js';
import { appFilledKeyClass, inKeptClient } from '../../../src/lang/js/client-plan.js';
import { baseOverride } from '../retarget-client-construction.js';
import { baseUrlVar } from '../../../src/rules/env.js';

/** OpenAI-only request headers, removed from header objects of migrated requests. */
const OPENAI_HEADERS = /^openai-(organization|project|beta)$/i;

type Piece = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail;
const isPiece = (n: ts.Node): n is Piece => isStringLike(n) || tsc.isTemplateHead(n) || tsc.isTemplateMiddle(n) || tsc.isTemplateTail(n);

const ID = 'retarget-raw-http';

/** The URL pass over one file: the string pieces, what was edited, and whether any request now goes to the provider. */
interface UrlPass {
  ctx: MigrateContext<JsContext>;
  /** The provider's base URL without a trailing slash, and its parts. */
  base: string;
  b: ReturnType<typeof splitBase>;
  pieces: Piece[];
  edited: Set<Piece>;
  hostOnly: boolean;
  /** Host-only values (`'https://api.openai.com'`, `hostname: 'api.openai.com'`): edited once the paths joined to them are known. */
  hosts: Array<{ n: Piece; idx: number; len: number; to: string; what: Text }>;
  touched: boolean;
  /** Settings classes already said to keep their URL (keptWithClassKey). */
  saidClasses?: Set<ts.ClassLikeDeclaration>;
}

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
  id: ID,
  description: "Point raw HTTP calls to api.openai.com at the provider's base URL; map JSON bodies",
  run(ctx) {
    if (ctx.foreignBodies?.length) {
      // Bodies of a chat request another module sends to OpenAI (that module's URL moves with it).
      markWrapperUse(ctx);
      mapBodies(ctx, new Set(ctx.foreignBodies));
    }
    if (!/api\.openai\.com/.test(ctx.file.text) && !ctx.composedUses.length && !ctx.composedPaths.length) return;
    const base = ctx.target.baseURL.replace(/\/$/, '');
    const pass: UrlPass = { ctx, base, b: splitBase(base), pieces: [], edited: new Set(), hostOnly: false, hosts: [], touched: false };
    walk(ctx.sf, (n) => {
      if (isPiece(n)) pass.pieces.push(n);
    });
    retargetUrls(pass);
    if (pass.hostOnly) retargetPaths(pass);
    retargetComposed(pass);
    if (pass.touched) markJoinedPaths(pass);
    if (!pass.touched) return;
    markWrapperUse(ctx);
    dropOpenAIHeaders(ctx);
    mapBodies(ctx, requestBodies(ctx));
  },
};

/** The client constructions of the SDK are the core's (retarget-client-construction). */
function inClient(ctx: MigrateContext<JsContext>, n: ts.Node): boolean {
  return ctx.facts.constructions.some((c) => n.pos >= c.node.pos && n.end <= c.node.end);
}

/** A marker where the URL names an endpoint the provider lacks; true when marked. */
function blockedAt(ctx: MigrateContext<JsContext>, n: ts.Node, e: EndpointKind | undefined): boolean {
  if (!e) return false;
  const p = ctx.target.provider;
  const why = isSupported(p, e) ? undefined : unsupportedReason(p, e);
  if (!why) return false;
  addMarker(ctx, n, why.reason, why.action, ID);
  return true;
}

/** Replaces `len` characters at `idx` of the piece's value (a piece's first edit only once). */
function editPiece(pass: UrlPass, n: Piece, idx: number, len: number, to: string, what: Text): void {
  const { ctx } = pass;
  if (idx === 0 && pass.edited.has(n)) return;
  if (idx === 0) pass.edited.add(n);
  const at = n.getStart() + n.getText().indexOf(n.text) + idx;
  if (ctx.file.text.slice(at, at + len) === to) return;
  writeValue(ctx, at, at + len, to);
  ctx.change('http', n.getStart(), what, { transform: ID });
  pass.touched = true;
}

/** Full URLs (`https://api.openai.com/v1/...`), host-only origins and `api.openai.com` hostnames. */
function retargetUrls(pass: UrlPass): void {
  const { ctx, base, b } = pass;
  for (const n of pass.pieces) {
    // ... and the env-schema default of a client that stays on OpenAI is its URL.
    if (inClient(ctx, n) || inKeptClient(ctx, n)) continue;
    // A settings class whose key field the app fills: its URL stays with that key (one follow-up per class).
    if (/api\.openai\.com/.test(n.text) && keptWithClassKey(pass, n)) continue;
    const s = n.text;
    // wss://api.openai.com/v1/realtime
    if (/wss:\/\/api\.openai\.com/.test(s)) {
      blockedAt(ctx, n, 'realtime');
      continue;
    }
    const i = s.indexOf(OPENAI_ORIGIN);
    if (i >= 0) {
      const after = s.slice(i + OPENAI_ORIGIN.length);
      if (/^\/v1(?=$|[/?#])/.test(after)) {
        const rest = after.slice(3);
        if (blockedAt(ctx, n, endpointOfPath(rest))) continue;
        editPiece(pass, n, i, OPENAI_ORIGIN.length + 3, base, msg('http.url', { from: `${OPENAI_ORIGIN}/v1${rest.split(/[?#]/)[0]}`, to: `${base}${rest.split(/[?#]/)[0]}` }));
        renameOverride(pass, n);
      } else if (after === '' || after === '/') {
        pass.hostOnly = true;
        pass.hosts.push({ n, idx: i, len: OPENAI_ORIGIN.length, to: b.origin, what: msg('http.host', { from: OPENAI_ORIGIN, to: b.origin, path: b.path }) });
      }
      continue;
    }
    if (s === 'api.openai.com') {
      pass.hostOnly = true;
      pass.hosts.push({ n, idx: 0, len: s.length, to: b.host, what: msg('http.hostname', { from: 'api.openai.com', to: b.host }) });
    }
  }
}

/** The URL sits in a settings class with a key field the app fills (appFilledKeyClass): it stays, said once per class. */
function keptWithClassKey(pass: UrlPass, n: Piece): boolean {
  const cls = appFilledKeyClass(n);
  if (!cls) return false;
  const { ctx } = pass;
  const said = (pass.saidClasses ??= new Set());
  if (!said.has(cls)) {
    said.add(cls);
    const t = ctx.target;
    ctx.followUp(n.getStart(), msg('http.classKeyStays', { cls: cls.name?.text ?? 'class' }), msg('http.classKeyStays.todo', { provider: shortName(t.provider), url: t.baseURL }));
  }
  return true;
}

/**
 * Paths joined to a host-only value: `/v1/chat/completions` -> `${provider path}/chat/completions`.
 * A path naming an endpoint the provider serves changes; one it lacks (or an OpenAI-only path such as
 * `/v1/dashboard/billing/usage`) stays with a marker, and when every path joined to the host is such a
 * path, the host stays too (the request still needs OpenAI). A bare `/v1` changes only where it is
 * joined to the host (`${HOST}/v1`), never in a string test (`url.includes('/v1')`) or after another value.
 */
function retargetPaths(pass: UrlPass): void {
  const hosts = pass.hosts.map((h) => ({ h, names: namesHolding(h.n), moves: false, stays: false, unresolved: false }));
  const pending: Array<{ n: Piece; rest: string; joined: typeof hosts }> = [];
  for (const n of pass.pieces) {
    if (!/^\/v1(?=$|[/?#])/.test(n.text) || inClient(pass.ctx, n) || isStringTest(n)) continue;
    const rest = n.text.slice(3);
    const joined = hosts.filter((x) => joinedTo(n, x.names));
    if (rest === '' || /^\/?([?#]|$)/.test(rest)) {
      if (joined.length) pending.push({ n, rest, joined });
      continue;
    }
    // A path no OpenAI-compatible service serves is OpenAI's alone.
    if (blockedAt(pass.ctx, n, endpointOfPath(rest) ?? 'openaiOnly')) {
      for (const x of joined) x.stays = true;
      continue;
    }
    for (const x of joined) x.moves = true;
    pending.push({ n, rest, joined });
  }
  // No path here and none joined elsewhere that the run resolved (composed-urls): the path is appended where the tool
  // cannot see it (`https://${host}/v1/chat/completions` built from a config's `"api.openai.com"`, ourongxing/chatgpt-vercel),
  // and so is the key sent with it (a user's setting in josStorer/chatGPTBox): the host stays, said once.
  if (!pending.length) {
    let said = false;
    for (const x of hosts) {
      if (x.moves || x.stays || pass.ctx.composedHosts?.includes(x.h.n)) continue;
      x.stays = true;
      x.unresolved = true;
      if (said) continue;
      said = true;
      pass.ctx.followUp(x.h.n.getStart(), msg('http.bareHostStays', { origin: OPENAI_ORIGIN }), msg('http.bareHostStays.todo', { to: `${pass.base}/...`, env: pass.ctx.target.apiKeyEnv }));
    }
  }
  const moving = hosts.filter((x) => x.moves || !x.stays);
  for (const { h } of moving) {
    editPiece(pass, h.n, h.idx, h.len, h.to, h.what);
    renameOverride(pass, h.n);
  }
  for (const x of hosts)
    if (!moving.includes(x) && !x.unresolved) pass.ctx.followUp(x.h.n.getStart(), msg('http.hostStays', { provider: shortName(pass.ctx.target.provider) }), msg('http.hostStays.todo'));
  for (const { n, rest, joined } of pending) {
    if (joined.length ? !joined.some((x) => moving.includes(x)) : !moving.length) continue;
    editPiece(pass, n, 0, 3, pass.b.path, msg('http.path', { from: `/v1${rest}`, to: `${pass.b.path}${rest}` }));
  }
}

/**
 * `(import.meta.env.OPENAI_API_BASE_URL || 'https://api.openai.com')`: the OpenAI default moved, so the override
 * becomes the provider's variable (DASHSCOPE_BASE_URL); kept, a user's OpenAI proxy would get the provider's key
 * and path (anse-app/chatgpt-demo).
 */
function renameOverride(pass: UrlPass, n: Piece): void {
  let e: ts.Node = n;
  while (tsc.isParenthesizedExpression(e.parent)) e = e.parent;
  const b = e.parent;
  if (!tsc.isBinaryExpression(b) || b.right !== e) return;
  const o = baseOverride(b);
  if (!o) return;
  const { ctx } = pass;
  const to = baseUrlVar(o.name, ctx.target);
  if (ctx.file.text.slice(o.nameRange[0], o.nameRange[1]) === to) return;
  ctx.edits.add(o.nameRange[0], o.nameRange[1], to);
  ctx.change('env', o.read.getStart(), msg('env.renamed', { from: o.name, to }), { transform: ID, from: o.name, to });
  // rename-env-vars (it runs first) said "reads OPENAI_API_BASE_URL, an OpenAI setting": no longer true.
  dropFollowUpsWithin(ctx, o.read, /^reads /);
}

/** `url.includes('/v1')`, `startsWith`, `match`...: a test of a string, not a piece of a URL. */
function isStringTest(n: Piece): boolean {
  const c = n.parent;
  return (
    tsc.isCallExpression(c) &&
    c.arguments.includes(n as ts.Expression) &&
    tsc.isPropertyAccessExpression(c.expression) &&
    /^(includes|startsWith|endsWith|indexOf|lastIndexOf|match|matchAll|test|replace|replaceAll|split|search)$/.test(c.expression.name.text)
  );
}

/** The name of the variable or property whose value holds the host piece (none for a host written inline). */
function namesHolding(host: Piece): Set<string> {
  for (let cur: ts.Node = host; !tsc.isSourceFile(cur) && !tsc.isBlock(cur); cur = cur.parent) {
    if ((tsc.isVariableDeclaration(cur) || tsc.isPropertyAssignment(cur) || tsc.isPropertyDeclaration(cur)) && tsc.isIdentifier(cur.name)) return new Set([cur.name.text]);
  }
  return new Set();
}

/** The piece follows one of `names`: `${HOST}/v1/...`, `HOST + '/v1/...'`, `new URL('/v1/...', HOST)`. */
function joinedTo(n: Piece, names: Set<string>): boolean {
  const named = (e: ts.Node | undefined): boolean => !!e && ((tsc.isIdentifier(e) && names.has(e.text)) || (tsc.isPropertyAccessExpression(e) && names.has(e.name.text)));
  const p = n.parent;
  if ((tsc.isTemplateMiddle(n) || tsc.isTemplateTail(n)) && tsc.isTemplateSpan(p)) return named(p.expression);
  if (tsc.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === tsc.SyntaxKind.PlusToken) {
    let left: ts.Expression = p.left;
    while (tsc.isBinaryExpression(left) && left.operatorToken.kind === tsc.SyntaxKind.PlusToken) left = left.right;
    return named(left);
  }
  if (tsc.isNewExpression(p) && p.arguments?.[0] === n) return named(p.arguments[1]);
  return false;
}

/**
 * URLs composed across modules: `${OPENAI_API_HOST}${CHAT_PATH}` with the host in a config module.
 * The host becomes the provider's origin in its module; the `/v1` of the path becomes the provider's path here.
 */
function retargetComposed(pass: UrlPass): void {
  const { ctx, base, b } = pass;
  const p = ctx.target.provider;
  for (const { lit, rest } of ctx.composedPaths) {
    const e = endpointOfPath(rest);
    if (e && !isSupported(p, e)) continue; // the use is marked where the URL is built
    editPiece(pass, lit, 0, 3, b.path, msg('http.pathJoinedElsewhere', { rest, to: b.path + rest }));
  }
  let unresolvedReported = false;
  for (const u of ctx.composedUses) {
    if (u.rest === undefined) {
      // The path cannot be computed: right only where the provider's path is /v1 (or DeepSeek's optional /v1).
      if (b.path === '' || b.path === '/v1' || unresolvedReported) continue;
      unresolvedReported = true;
      ctx.followUp(u.node.getStart(), msg('http.unresolvedPath', { origin: OPENAI_ORIGIN }), msg('http.unresolvedPath.todo', { to: `${base}/...`, provider: shortName(p), path: b.path }));
      continue;
    }
    if (blockedAt(ctx, u.node, endpointOfPath(u.rest))) continue;
    pass.touched = true;
  }
}

/** Paths joined to a rewritten base constant: `${API_BASE}/embeddings` on a provider without embeddings. */
function markJoinedPaths(pass: UrlPass): void {
  for (const n of pass.pieces) {
    if ((tsc.isTemplateMiddle(n) || tsc.isTemplateTail(n) || isStringLike(n)) && /^\/[a-z_]+/.test(n.text) && !/^\/v1/.test(n.text)) {
      const e = endpointOfPath(n.text);
      if (e && /^\/(chat|completions|embeddings|images|audio|moderations|responses|assistants|threads|vector_stores|batches|fine_tuning|realtime)\b/.test(n.text)) blockedAt(pass.ctx, n, e);
    }
  }
}

/** Header objects (`headers: {...}`): OpenAI-only headers go. */
function dropOpenAIHeaders(ctx: MigrateContext<JsContext>): void {
  walk(ctx.sf, (n) => {
    if (tsc.isObjectLiteralExpression(n) && tsc.isPropertyAssignment(n.parent) && /^headers$/i.test(propName(n.parent.name) ?? '')) {
      const gone = new Set(n.properties.filter((x) => OPENAI_HEADERS.test(propName(x.name) ?? '')));
      for (const g of gone) ctx.change('http', g.getStart(), msg('http.removedHeader', { name: propName(g.name) ?? '' }), { transform: ID });
      removeProperties(ctx.file.text, ctx.edits, n, gone);
    }
  });
}

/** JSON bodies: JSON.stringify({...}), { json: {...} } (got, ky), axios data. */
function requestBodies(ctx: MigrateContext<JsContext>): Set<ts.ObjectLiteralExpression> {
  const bodies = new Set<ts.ObjectLiteralExpression>();
  walk(ctx.sf, (n) => {
    if (tsc.isCallExpression(n)) {
      const { base: callee, names } = flattenAccess(n.expression);
      const fn = names.join('.');
      if (tsc.isIdentifier(callee) && callee.text === 'JSON' && fn === 'stringify') addBody(bodies, objectLiteralOf(ctx.facts, n.arguments[0]));
      if (tsc.isIdentifier(callee) && /^axios$/i.test(callee.text) && ['post', 'put', 'patch'].includes(fn)) addBody(bodies, objectLiteralOf(ctx.facts, n.arguments[1]));
    }
    if (tsc.isPropertyAssignment(n) && ['json', 'data'].includes(propName(n.name) ?? '')) addBody(bodies, objectLiteralOf(ctx.facts, n.initializer));
  });
  return bodies;
}

/** Each body: mapped model and the provider's parameter rules, or a marker where the endpoint or model is blocked. */
function mapBodies(ctx: MigrateContext<JsContext>, bodies: Set<ts.ObjectLiteralExpression>): void {
  for (const body of bodies) {
    const model = valueOf(prop(body, 'model'));
    const endpoint: EndpointKind =
      urlEndpoint(body) ?? (prop(body, 'messages') ? 'chat' : prop(body, 'prompt') && !prop(body, 'n') && !prop(body, 'size') ? 'completions' : prop(body, 'input') ? 'embeddings' : 'chat');
    const blocked = blockedReason(ctx, endpoint, model);
    if (blocked) {
      skipLiterals(ctx, body);
      if (isSupported(ctx.target.provider, endpoint)) addMarker(ctx, body, blocked.reason, blocked.action, ID);
      continue;
    }
    mapModelExpr(ctx, model, ID);
    if (PARAM_RULE_ENDPOINTS.has(endpoint)) adjustParams(ctx, body, targetModelOf(ctx, model), ID, { wire: true });
  }
}

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
