import { composedPath, isOpenAIHostOnly, type UrlPiece } from '../../rules/composed-urls.js';
import { kids, stringContentRange, stringValue, unparen, walk, type Node, type PyTree } from './parse.js';

/**
 * Python URLs composed from parts that live apart (src/rules/composed-urls.ts computes the URL): a host-only
 * OpenAI base (`OPENAI_HOST = "https://api.openai.com"`, here or in a config module) joined with a `/v1/...`
 * path by an f-string (`f"{OPENAI_HOST}/v1/chat/completions"`), `+` (`OPENAI_HOST + CHAT_PATH`) or `urljoin`.
 * Everything is kept as offsets (a module's tree is gone once it is transformed): the host literal becomes the
 * provider's origin in its module, the `/v1` of the path literal the provider's path in its module
 * (retarget-raw-http), and a composition whose path cannot be computed is a follow-up where it is built.
 */
export interface PyLit {
  abs: string;
  /** Content range of the literal (inside the quotes), in its module's text. */
  start: number;
  end: number;
  text: string;
}

export interface PyComposedUse {
  at: number;
  end: number;
  /** The request path after `/v1`, or undefined when a part cannot be resolved. */
  rest?: string;
}

export interface PyComposedUrls {
  /** Per module: composed URLs aimed at api.openai.com built there. */
  uses: Map<string, PyComposedUse[]>;
  /** Per module: offsets of the `/v1` that starts a path literal joined to an OpenAI host, with the path after it. */
  paths: Map<string, Array<{ start: number; rest: string }>>;
  /** Per module: offsets of host-only OpenAI origins that composed URLs start with. */
  hosts: Map<string, number[]>;
}

type Part = { lit: PyLit } | { expr: Node };

/** The parts of an f-string, a `+` chain or `urljoin(a, b)`, in order; undefined for other expressions. */
function partsOf(py: PyTree, abs: string, e: Node): Part[] | undefined {
  const u = unparen(e);
  if (u.type === 'string' && kids(u).some((c) => c.type === 'interpolation')) {
    const out: Part[] = [];
    for (const c of kids(u)) {
      if (c.type === 'string_content') out.push({ lit: { abs, start: py.start(c), end: py.end(c), text: c.text } });
      else if (c.type === 'interpolation') {
        // `{x!r}`, `{x:>10}`: not a plain value
        if (kids(c).length !== 1) return undefined;
        out.push({ expr: kids(c)[0]! });
      }
    }
    return out;
  }
  if (u.type === 'binary_operator' && u.childForFieldName('operator')?.text === '+') {
    const flat = (x: Node): Part[] | undefined => {
      const v = unparen(x);
      if (v.type === 'binary_operator' && v.childForFieldName('operator')?.text === '+') {
        const l = flat(v.childForFieldName('left')!);
        const r = flat(v.childForFieldName('right')!);
        return l && r ? [...l, ...r] : undefined;
      }
      return partsOf(py, abs, v) ?? [{ expr: v }];
    };
    return flat(u);
  }
  if (u.type === 'call' && /^(urllib\.parse\.|parse\.)?urljoin$/.test(u.childForFieldName('function')?.text ?? '')) {
    const a = kids(u.childForFieldName('arguments')!);
    if (a.length !== 2 || a.some((x) => x.type === 'keyword_argument' || x.type.endsWith('splat'))) return undefined;
    return [{ expr: a[0]! }, { expr: a[1]! }];
  }
  return undefined;
}

/** A plain string literal as a PyLit. */
export function litOf(py: PyTree, abs: string, n: Node): PyLit | undefined {
  const v = stringValue(n);
  const r = v === undefined ? undefined : stringContentRange(py, n);
  return r && v !== undefined ? { abs, start: r.start, end: r.end, text: v } : undefined;
}

export function collectPyComposedUrls(mods: Iterable<[string, PyTree]>, stringOf: (abs: string, e: Node) => PyLit | undefined): PyComposedUrls {
  const out: PyComposedUrls = { uses: new Map(), paths: new Map(), hosts: new Map() };
  const push = <T>(m: Map<string, T[]>, abs: string, v: T) => m.set(abs, [...(m.get(abs) ?? []), v]);
  for (const [abs, py] of mods) {
    walk(py.root, (n) => {
      if (n.type !== 'string' && n.type !== 'binary_operator' && n.type !== 'call') return;
      // the outermost `+` of a chain only
      if (n.type === 'binary_operator' && unparenParent(n)?.type === 'binary_operator') return;
      const parts = partsOf(py, abs, n);
      if (!parts || parts.length < 2) return;
      const resolve = (p: Part): PyLit | undefined => ('lit' in p ? p.lit : stringOf(abs, p.expr));
      const host = resolve(parts[0]!);
      if (!host || !isOpenAIHostOnly(host.text)) return;
      const isUrljoin = n.type === 'call';
      const rest: Array<UrlPiece<PyLit>> = [];
      let resolved = true;
      for (const p of parts.slice(1)) {
        const l = resolve(p);
        if (!l) {
          resolved = false;
          break;
        }
        rest.push({ text: l.text, lit: l });
      }
      // urljoin with a relative path keeps the host's last segment rules: only `/v1...` is followed
      if (isUrljoin && rest[0] && !rest[0].text.startsWith('/')) resolved = false;
      const use: PyComposedUse = { at: py.start(n), end: py.end(n) };
      push(out.uses, abs, use);
      if (!(out.hosts.get(host.abs) ?? []).includes(host.start)) push(out.hosts, host.abs, host.start);
      if (!resolved) return false;
      const { rest: after, lit } = composedPath(host.text, rest);
      if (after === undefined || !lit) return false;
      use.rest = after;
      if (!(out.paths.get(lit.abs) ?? []).some((x) => x.start === lit.start)) push(out.paths, lit.abs, { start: lit.start, rest: after });
      // its parts are not compositions of their own
      return false;
    });
  }
  return out;
}

function unparenParent(n: Node): Node | null {
  let p = n.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  return p;
}
