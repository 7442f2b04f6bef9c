import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import { isStringLike, walk } from './parse.js';
import { composedPath, isOpenAIHostOnly, type UrlPiece } from '../../rules/composed-urls.js';

/**
 * URLs composed from parts that live apart (src/rules/composed-urls.ts computes the URL): a host-only
 * base (`https://api.openai.com`, often in a config module) joined with a `/v1/...` path
 * (`${OPENAI_API_HOST}${CHAT_PATH}`, `HOST + '/v1/embeddings'`). The host part becomes the provider's
 * origin in its own module, the `/v1` of the path the provider's path (retarget-raw-http).
 */
export interface ComposedUse {
  /** The composing expression (template or `+` chain) in the using module. */
  node: ts.Expression;
  /** The request path after `/v1` (`/chat/completions`), or undefined when a part cannot be resolved. */
  rest?: string;
}

export interface ComposedUrls {
  /** Per module: composed URLs aimed at api.openai.com built there. */
  uses: Map<string, ComposedUse[]>;
  /** Per module: `/v1...` path literals joined to an OpenAI host elsewhere, with the path after `/v1`. */
  paths: Map<string, Array<{ lit: Piece; rest: string }>>;
  /** Per module: host-only OpenAI literals that another module's composed URL starts with. */
  hosts: Map<string, Piece[]>;
}

export type Piece = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail;
type Lit = { abs: string; lit: Piece };

/** The parts of a template or a `+` chain, in order; undefined for other expressions. */
function partsOf(e: ts.Expression): Array<ts.Expression | Piece> | undefined {
  if (tsc.isTemplateExpression(e)) {
    const out: Array<ts.Expression | Piece> = [e.head];
    for (const s of e.templateSpans) out.push(s.expression, s.literal);
    return out.filter((x) => !isPiece(x) || x.text !== '');
  }
  if (tsc.isBinaryExpression(e) && e.operatorToken.kind === tsc.SyntaxKind.PlusToken) {
    const flat = (x: ts.Expression): ts.Expression[] =>
      tsc.isBinaryExpression(x) && x.operatorToken.kind === tsc.SyntaxKind.PlusToken ? [...flat(x.left), ...flat(x.right)] : tsc.isParenthesizedExpression(x) ? flat(x.expression) : [x];
    return flat(e);
  }
  return undefined;
}

const isPiece = (n: ts.Node): n is Piece => isStringLike(n) || tsc.isTemplateHead(n) || tsc.isTemplateMiddle(n) || tsc.isTemplateTail(n);

export function collectComposedUrls(files: Iterable<[string, ts.SourceFile]>, stringOf: (abs: string, e: ts.Expression) => Lit | undefined): ComposedUrls {
  const out: ComposedUrls = { uses: new Map(), paths: new Map(), hosts: new Map() };
  for (const [abs, sf] of files) {
    walk(sf, (n) => {
      if (!tsc.isTemplateExpression(n) && !tsc.isBinaryExpression(n)) return;
      // the outermost `+` of a chain only
      if (tsc.isBinaryExpression(n) && tsc.isBinaryExpression(n.parent) && n.parent.operatorToken.kind === tsc.SyntaxKind.PlusToken) return;
      const parts = partsOf(n);
      if (!parts || parts.length < 2) return;
      const first = parts[0]!;
      // Only a host part that comes from elsewhere (a constant or an import) needs this; a literal head is the same-module rule's.
      if (isPiece(first)) return;
      const host = stringOf(abs, first);
      if (!host || !isOpenAIHostOnly(host.lit.text)) return;
      const hl = out.hosts.get(host.abs) ?? [];
      if (!hl.includes(host.lit)) hl.push(host.lit);
      out.hosts.set(host.abs, hl);
      const rest: Array<UrlPiece<Lit>> = [];
      let resolved = true;
      for (const p of parts.slice(1)) {
        if (isPiece(p)) rest.push({ text: p.text, lit: { abs, lit: p } });
        else {
          const l = stringOf(abs, p);
          if (!l) {
            resolved = false;
            break;
          }
          rest.push({ text: l.lit.text, lit: l });
        }
      }
      const list = out.uses.get(abs) ?? [];
      const use: ComposedUse = { node: n };
      list.push(use);
      out.uses.set(abs, list);
      if (!resolved) return;
      const { rest: after, lit } = composedPath(host.lit.text, rest);
      if (after === undefined || !lit) return;
      use.rest = after;
      const pl = out.paths.get(lit.abs) ?? [];
      if (!pl.some((x) => x.lit === lit.lit)) pl.push({ lit: lit.lit, rest: after });
      out.paths.set(lit.abs, pl);
    });
  }
  return out;
}
