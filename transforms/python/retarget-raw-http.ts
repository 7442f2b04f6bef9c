import { msg } from '../../src/i18n/msg.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { enclosingStatement, walk, type Node } from '../../src/lang/python/parse.js';
import { pyEndpointOf } from '../../src/lang/python/analyze.js';
import { markStatement } from '../../src/lang/python/helpers.js';
import { isKeptBaseDefault } from '../../src/lang/python/client-plan.js';
import { isSupported, unsupportedReason } from '../../src/rules/endpoints.js';

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
      // The default of a base-URL setting a client that stays on it reads (in this module or another).
      let keptInside = isKeptBaseDefault(ctx, n);
      walk(n, (x) => {
        if (x.id !== n.id && x.type === 'string' && isKeptBaseDefault(ctx, x)) keptInside = true;
      });
      if (keptInside) {
        ctx.followUp(
          py.start(n),
          'OpenAI URL left: it is the default of a base-URL setting that a client staying as it is reads',
          'leave it until that client moves; then use the provider base URL there and here',
        );
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
        if (!isSupported(t.provider, endpoint)) {
          const { reason, action } = unsupportedReason(t.provider, endpoint);
          ctx.followUp(py.start(n), reason, action);
          const st = enclosingStatement(n);
          if (st && markStatement(ctx, st, reason, action, marked)) ctx.change('marker', py.start(n), msg('marker.added', { api: path.join('/'), reason }), { transform: this.id });
          return false;
        }
        const at = py.start(n) + m.index;
        ctx.edits.add(at, at + m[0].length, base);
        ctx.change('http', at, `${m[0]} -> ${base} (${shortName(t.provider)})`, { transform: this.id });
      } else {
        ctx.followUp(py.start(n), 'URL aimed at the OpenAI API without the /v1 base', `point it at ${base} plus the API path (and the ${t.apiKeyEnv} key)`);
      }
      return false;
    });
  },
};
