import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import type { JsFacts } from './analyze.js';
import { isStringLike, propName, unwrap, walk } from './parse.js';
import { mentionsProvider, namesProvider } from '../../rules/adapters.js';

/**
 * Multi-provider apps in JS/TS: where the app already has an adapter for the
 * target provider, which string selects it, and which other services it talks to.
 */

/**
 * Offset of this file's adapter for the target: a client on the target's host, its AI SDK package imported, or a
 * top-level constant named for the target that holds the target's host (`DEEPSEEK_BASE_URL = "https://api.deepseek.com"`,
 * the raw-fetch adapters of ChatGPTNextWeb/NextChat).
 */
export function targetAdapterAt(f: JsFacts, aiSdkPackage: string | undefined, target?: { baseURLs: readonly string[]; names: readonly string[] }): number | undefined {
  const c = f.constructions.find((x) => x.status === 'target');
  if (c) return c.node.getStart();
  // every region's host (NextChat's MOONSHOT_BASE_URL is api.moonshot.ai, the international one)
  const origins = new Set(target?.baseURLs.map(originOf).filter((o) => o !== undefined));
  for (const st of f.sf.statements) {
    if (aiSdkPackage && tsc.isImportDeclaration(st) && isStringLike(st.moduleSpecifier) && st.moduleSpecifier.text === aiSdkPackage) return st.getStart();
    if (!origins.size || !tsc.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const v = d.initializer ? unwrap(d.initializer) : undefined;
      if (tsc.isIdentifier(d.name) && v && isStringLike(v) && origins.has(originOf(v.text) ?? '') && mentionsProvider(d.name.text, target!.names)) return d.getStart();
    }
  }
  return undefined;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The name this file selects the target by, next to an OpenAI entry: a `case`, a
 * comparison operand, a registry key (`deepseek: ...`) or an enum member (`DeepSeek = "DeepSeek"`) naming the
 * target in a switch / object / enum that also names OpenAI.
 */
export function targetSelection(f: JsFacts, names: readonly string[]): string | undefined {
  const openai = (s: string) => /^(openai|chatgpt|gpt|azure(openai)?)$/i.test(s.replace(/[^a-z]/gi, ''));
  let found: string | undefined;
  walk(f.sf, (n) => {
    if (found) return;
    if (tsc.isObjectLiteralExpression(n)) {
      const keys = n.properties.map((p) => (p.name ? propName(p.name) : undefined)).filter((k): k is string => !!k);
      const t = keys.find((k) => namesProvider(k, names));
      if (t && keys.some(openai)) found = t;
    } else if (tsc.isEnumDeclaration(n)) {
      // enum ServiceProvider { OpenAI = "OpenAI", DeepSeek = "DeepSeek" }: the member's value selects it.
      const members = n.members.map((m) => ({
        key: propName(m.name) ?? '',
        value: m.initializer && isStringLike(unwrap(m.initializer)) ? (unwrap(m.initializer) as ts.StringLiteral).text : undefined,
      }));
      const t = members.find((m) => namesProvider(m.key, names) || mentionsProvider(m.key, names));
      // (an enum of API paths, `DeepSeek = "/api/deepseek"`, routes requests; it does not choose the provider)
      if (t && members.some((m) => openai(m.key)) && !/[/:]/.test(t.value ?? '')) found = t.value ?? t.key;
    } else if (tsc.isSwitchStatement(n)) {
      const labels = n.caseBlock.clauses.flatMap((c) => (tsc.isCaseClause(c) && isStringLike(unwrap(c.expression)) ? [(unwrap(c.expression) as ts.StringLiteral).text] : []));
      const t = labels.find((k) => namesProvider(k, names));
      if (t && labels.some(openai)) found = t;
    } else if (tsc.isBinaryExpression(n) && [tsc.SyntaxKind.EqualsEqualsEqualsToken, tsc.SyntaxKind.EqualsEqualsToken].includes(n.operatorToken.kind)) {
      const s = [unwrap(n.left), unwrap(n.right)].find(isStringLike);
      if (s && namesProvider(s.text, names) && /openai|chatgpt/i.test(f.sf.text)) found = s.text;
    }
  });
  return found;
}

/** Hosts and packages of other services this file talks to (for the multi-provider summary). */
export function otherAdapterHints(f: JsFacts): string[] {
  const out: string[] = [];
  for (const c of f.constructions) if (c.status === 'other' && c.baseURL) out.push(c.baseURL.getText());
  for (const b of f.imports.values()) if (LLM_SDK.test(b.specifier)) out.push(b.specifier);
  return out;
}

/** Packages of other LLM services' SDKs and framework adapters. */
const LLM_SDK =
  /^(@ai-sdk\/|@anthropic-ai\/|groq-sdk$|@google\/(generative-ai|genai)$|@mistralai\/|cohere-ai$|ollama$|@openrouter\/|together-ai$|@aws-sdk\/client-bedrock|@langchain\/(anthropic|groq|google|mistralai|ollama|cohere|aws|deepseek))/;

const OPENAI_NAME = /^(openai|chatgpt|gpt|azure[-_ ]?openai)$/i;
/** A provider-choosing name: a bare `provider` only for parameters and environment fallbacks (an adapter's own `const provider = 'openai'` is its label). */
const PROVIDER_VAR = /^(default|llm|ai|chat|active|selected|current|model)?[-_]?provider$/i;
const PREFIXED_PROVIDER_VAR = /^(default|llm|ai|chat|active|selected|current|model)[-_]?provider$/i;

/**
 * Literals that choose OpenAI as the app's default provider: the fallback of a
 * provider variable (`process.env.LLM_PROVIDER ?? 'openai'`), the initializer of a
 * provider-named variable (`const defaultProvider = 'openai'`) or a parameter default
 * (`provider = 'openai'`). Registry entries describing the OpenAI adapter itself
 * (`{ provider: 'openai', model }`) are not among them.
 */
export function defaultProviderLiterals(f: JsFacts): Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral> {
  const out: Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral> = [];
  walk(f.sf, (n) => {
    if (!isStringLike(n) || !OPENAI_NAME.test(n.text)) return;
    const p = n.parent;
    if (tsc.isBinaryExpression(p) && p.right === n && [tsc.SyntaxKind.QuestionQuestionToken, tsc.SyntaxKind.BarBarToken].includes(p.operatorToken.kind)) {
      const l = unwrap(p.left);
      const name = tsc.isPropertyAccessExpression(l)
        ? l.name.text
        : tsc.isElementAccessExpression(l) && isStringLike(l.argumentExpression)
          ? l.argumentExpression.text
          : tsc.isIdentifier(l)
            ? l.text
            : '';
      if (/provider/i.test(name)) out.push(n);
    } else if (
      (tsc.isVariableDeclaration(p) || tsc.isParameter(p)) &&
      p.initializer === n &&
      tsc.isIdentifier(p.name) &&
      (tsc.isParameter(p) ? PROVIDER_VAR : PREFIXED_PROVIDER_VAR).test(p.name.text)
    ) {
      out.push(n);
    }
  });
  return out;
}
