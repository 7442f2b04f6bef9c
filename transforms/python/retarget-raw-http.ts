import { msg } from '../../src/i18n/msg.js';
import { shortName } from '../../src/providers/index.js';
import type { MigrateContext, Transform } from '../../src/engine/types.js';
import { endpointOfPath, OPENAI_ORIGIN, splitBase } from '../../src/rules/http-paths.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { enclosingStatement, stringValue, walk, type Node } from '../../src/lang/python/parse.js';
import { pyEndpointOf } from '../../src/lang/python/analyze.js';
import { markStatement } from '../../src/lang/python/helpers.js';
import { inKeptPyClient, inKeptSettingsClass, isKeptBaseDefault } from '../../src/lang/python/client-plan.js';
import { isSupported, unsupportedReason } from '../../src/rules/endpoints.js';
import { envReadsIn } from '../../src/rules/env-reads.js';
import { envRole } from '../../src/rules/env.js';

const WITH_VERSION = /\bhttps?:\/\/api\.openai\.com\/v1\b/;
const HOST_ONLY = /\b(https?|wss?):\/\/api\.openai\.com\b/;

/**
 * URLs aimed at the OpenAI API in string literals (`requests`, `httpx`,
 * `aiohttp`, `urllib` calls and the constants they use, f-strings too):
 * `https://api.openai.com/v1` becomes the provider base URL, whatever version
 * segment it ends in (`/v1`, `/compatible-mode/v1`, `/api/paas/v4`), and the
 * path after it stays. The key variable in an Authorization header is renamed
 * by rename-env-vars. A host without `/v1`, or a WebSocket URL, is a follow-up.
 */
export const retargetRawHttp: Transform<PyContext> = {
  id: 'retarget-raw-http',
  description: 'Point raw HTTP calls at the provider base URL',
  run(ctx) {
    const t = ctx.target;
    const py = ctx.py;
    const inClient = (n: Node) =>
      ctx.facts.constructions.some((c) => py.start(n) >= py.start(c.node) && py.end(n) <= py.end(c.node)) ||
      ctx.wrappers.uses.some((u) => py.start(n) >= py.start(u.node) && py.end(n) <= py.end(u.node)) ||
      [...ctx.facts.moduleConfig.values()].flat().some((a) => py.start(n) >= py.start(a.stmt) && py.end(n) <= py.end(a.stmt));
    const base = t.baseURL.replace(/\/+$/, '');
    const marked = new Set<number>();
    walk(py.root, (n) => {
      if (n.type !== 'string') return;
      // docstrings are prose
      if (n.parent?.type === 'expression_statement') return false;
      const src = py.src(n);
      if (!HOST_ONLY.test(src) || inClient(n)) return false;
      // a host-only base joined with a `/v1` path (here or in another module): retargetComposed
      if (ctx.composed.hosts.some((h) => h >= py.start(n) && h < py.end(n))) return false;
      // The default of a base-URL setting a client that stays on it reads (in this module or another).
      // ... or the fallback of a staying client's base URL (`self.base_url = base_url or ... or "https://api.openai.com/v1"`).
      let keptInside = isKeptBaseDefault(ctx, n) || inKeptSettingsClass(ctx, n) || inKeptPyClient(ctx, n);
      walk(n, (x) => {
        if (x.id !== n.id && x.type === 'string' && isKeptBaseDefault(ctx, x)) keptInside = true;
      });
      if (keptInside) {
        ctx.followUp(py.start(n), msg('http.openaiDefaultLeft'), msg('http.openaiDefaultLeft.todo'));
        return false;
      }
      const m = WITH_VERSION.exec(src);
      if (m) {
        // The API path after /v1 decides whether the provider serves it.
        const path = /^[^"'{?#\s]*/
          .exec(src.slice(m.index + m[0].length))![0]
          .split('/')
          .filter(Boolean);
        const endpoint = path.length ? pyEndpointOf(path) : 'other';
        // A base (`api_base = conf().get(...) or "https://api.openai.com/v1"`) whose joined paths are all endpoints the
        // provider lacks (`f'{api_base}/audio/transcriptions'` on DeepSeek) keeps OpenAI's base; each join is marked.
        if (!path.length && keptForBlockedJoins(ctx, n, marked, this.id)) return false;
        if (!isSupported(t.provider, endpoint)) {
          const { reason, action } = unsupportedReason(t.provider, endpoint);
          ctx.followUp(py.start(n), reason, action);
          const st = enclosingStatement(n);
          if (st && markStatement(ctx, st, reason, action, marked)) ctx.change('marker', py.start(n), msg('marker.added', { api: path.join('/'), reason }), { transform: this.id });
          return false;
        }
        const at = py.start(n) + m.index;
        ctx.edits.add(at, at + m[0].length, base);
        ctx.change('http', at, msg('http.urlFor', { from: m[0], to: base, provider: shortName(t.provider) }), { transform: this.id });
      } else {
        ctx.followUp(py.start(n), msg('http.noV1Base'), msg('http.pointAtBase.todo', { base, env: t.apiKeyEnv }));
      }
      return false;
    });
    retargetComposed(ctx, marked, this.id);
  },
};

/** The API paths an f-string or `+` joins to the variable `name` inside `scope` (`f'{api_base}/audio/speech'`), with their nodes. */
function joinedPaths(scope: Node, name: string): Array<{ path: string; node: Node }> {
  const out: Array<{ path: string; node: Node }> = [];
  walk(scope, (n) => {
    if (n.type === 'string_content') {
      const prev = n.previousNamedSibling;
      const expr = prev?.type === 'interpolation' ? prev.namedChild(0) : null;
      if (expr && expr.text === name && n.text.startsWith('/')) out.push({ path: n.text, node: n });
    } else if (n.type === 'binary_operator' && n.childForFieldName('left')?.text === name) {
      const v = stringValue(n.childForFieldName('right'));
      if (v?.startsWith('/')) out.push({ path: v, node: n });
    }
    return undefined;
  });
  return out;
}

/**
 * The OpenAI base literal `lit` is assigned to a variable (`api_base = ... or "https://api.openai.com/v1"`) whose every
 * joined path in its function (or module) is an endpoint the provider lacks, in a module whose key is not an OpenAI key
 * variable the run renames (`conf().get("open_ai_api_key")`): the base stays with that key, each join is marked and
 * followed up. True when it stays.
 */
function keptForBlockedJoins(ctx: MigrateContext<PyContext>, lit: Node, marked: Set<number>, id: string): boolean {
  let a: Node | null = lit.parent;
  while (a && a.type !== 'assignment' && !/statement|definition/.test(a.type)) a = a.parent;
  const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
  if (!left || !['identifier', 'attribute'].includes(left.type)) return false;
  let scope: Node | null = a!.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  const joins = scope ? joinedPaths(scope, left.text) : [];
  const ends = joins.map((j) => endpointOfPath(j.path.split(/[?#]/)[0]!));
  if (!joins.length || ends.some((e) => !e || isSupported(ctx.target.provider, e))) return false;
  // Keys go with their endpoints: a module whose OpenAI key variable moves to the provider (rename-env-vars) moves its base too.
  // (read in its function, or at module level outside functions and classes)
  const top = ctx.py.root.namedChildren.filter((c) => c && !/definition/.test(c.type)).map((c) => c!.text);
  if ([...envReadsIn([scope!.text, ...top].join('\n'), 'python')].some((v) => envRole(v) === 'key' && !/AZURE/.test(v))) return false;
  ctx.followUp(
    ctx.py.start(lit),
    msg('http.baseKeptForBlockedPaths', { provider: shortName(ctx.target.provider), paths: joins.map((j) => j.path).join(', ') }),
    msg('http.baseKeptForBlockedPaths.todo'),
  );
  joins.forEach((j, i) => {
    const { reason, action } = unsupportedReason(ctx.target.provider, ends[i]!);
    const st = enclosingStatement(j.node);
    ctx.followUp(ctx.py.start(j.node), reason, action);
    if (st && markStatement(ctx, st, reason, action, marked)) ctx.change('marker', ctx.py.start(j.node), msg('marker.added', { api: j.path.slice(1), reason }), { transform: id });
  });
  return true;
}

/**
 * URLs composed from a host-only OpenAI base and a `/v1/...` path (src/lang/python/composed-urls.ts): the host
 * becomes the provider's origin in its module, the `/v1` of the path the provider's path in its module
 * (`/compatible-mode/v1`, `/api/paas/v4`, `/api/v3`), so the request reaches the provider's endpoint.
 */
function retargetComposed(ctx: MigrateContext<PyContext>, marked: Set<number>, id: string): void {
  const { composed, py } = ctx;
  if (!composed.hosts.length && !composed.paths.length && !composed.uses.length) return;
  const t = ctx.target;
  const base = t.baseURL.replace(/\/+$/, '');
  const b = splitBase(base);
  for (const h of composed.hosts) {
    if (py.text.slice(h, h + OPENAI_ORIGIN.length) !== OPENAI_ORIGIN) continue;
    ctx.edits.add(h, h + OPENAI_ORIGIN.length, b.origin);
    ctx.change('http', h, msg('http.host', { from: OPENAI_ORIGIN, to: b.origin, path: b.path }), { transform: id });
  }
  for (const p of composed.paths) {
    const e = endpointOfPath(p.rest);
    if ((e && !isSupported(t.provider, e)) || py.text.slice(p.start, p.start + 3) !== '/v1') continue; // marked where the URL is built
    ctx.edits.add(p.start, p.start + 3, b.path);
    ctx.change('http', p.start, msg('http.pathJoinedHostOnly', { rest: p.rest, to: b.path + p.rest }), { transform: id });
  }
  // Paths joined to a base rewritten above (`f"{API_BASE}/moderations"` with `API_BASE = OPENAI_HOST + "/v1"`).
  if (composed.hosts.length || composed.paths.length) {
    walk(py.root, (n) => {
      if (n.type !== 'string_content' && n.type !== 'string') return;
      // joined to a value: after an f-string interpolation, or the right side of `+` (not a route or a docstring)
      const joined = n.type === 'string_content' ? n.previousNamedSibling?.type === 'interpolation' : n.parent?.type === 'binary_operator' && n.parent.childForFieldName('right')?.id === n.id;
      if (!joined) return;
      const text = n.type === 'string' ? stringValue(n) : n.text;
      const e =
        text && /^\/(chat|completions|embeddings|images|audio|moderations|responses|assistants|threads|vector_stores|batches|fine_tuning|realtime|models)\b/.test(text)
          ? endpointOfPath(text)
          : undefined;
      if (!e || isSupported(t.provider, e)) return;
      const st = enclosingStatement(n);
      const { reason, action } = unsupportedReason(t.provider, e);
      if (st && markStatement(ctx, st, reason, action, marked)) {
        ctx.followUp(py.start(n), reason, action);
        ctx.change('marker', py.start(n), msg('marker.added', { api: text!.slice(1), reason }), { transform: id });
      }
    });
  }
  let unresolvedSaid = false;
  for (const u of composed.uses) {
    if (u.rest === undefined) {
      // The path cannot be computed: right only where the provider's path is /v1 (or none).
      if (b.path === '' || b.path === '/v1' || unresolvedSaid) continue;
      unresolvedSaid = true;
      ctx.followUp(u.at, msg('http.unresolvedPath', { origin: OPENAI_ORIGIN }), msg('http.unresolvedPath.todo', { to: `${base}/...`, provider: shortName(t.provider), path: b.path }));
      continue;
    }
    const e = endpointOfPath(u.rest);
    if (!e || isSupported(t.provider, e)) continue;
    const { reason, action } = unsupportedReason(t.provider, e);
    ctx.followUp(u.at, reason, action);
    let node: Node | undefined;
    walk(py.root, (n) => {
      if (node) return false;
      if (py.start(n) === u.at && py.end(n) === u.end) node = n;
    });
    const st = node ? enclosingStatement(node) : undefined;
    if (st && markStatement(ctx, st, reason, action, marked)) ctx.change('marker', u.at, msg('marker.added', { api: u.rest.slice(1), reason }), { transform: id });
  }
}
