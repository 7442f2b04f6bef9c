import type { ts } from 'ts-morph';
import { tsc } from '../../src/lang/js/ts.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { envName, findProp, reachesOpenAI } from '../../src/lang/js/analyze.js';
import { addProperties, removeProperties, renameKey, replaceValue } from '../../src/lang/js/edit.js';
import { isStringLike, propName, unwrap } from '../../src/lang/js/parse.js';
import { quote } from '../../src/engine/text.js';
import { envRole } from '../../src/rules/env.js';
import { blockedCall } from '../../src/lang/js/blocked.js';

/** Options only OpenAI (or Azure OpenAI) understands: removed from the client options. */
const OPENAI_ONLY_OPTIONS = ['organization', 'project', 'webhookSecret', 'dataResidency', 'adminAPIKey', 'workloadIdentity'];
const AZURE_OPTIONS = ['endpoint', 'deployment', 'apiVersion', 'azureADTokenProvider', 'azureDeployment'];

/**
 * `new OpenAI(...)` / `new AzureOpenAI(...)` that reach OpenAI get the
 * provider's base URL and an `apiKey` read from the provider's key variable;
 * OpenAI-only options go. Other options (timeout, maxRetries, fetch, headers) stay.
 */
export const retargetClientConstruction: Transform<JsContext> = {
  id: 'retarget-client-construction',
  description: "Point OpenAI/AzureOpenAI clients at the provider's base URL and key; drop OpenAI-only options",
  run(ctx) {
    const t = ctx.target!;
    const text = ctx.file.text;
    const baseURL = quote(t.baseURL, ctx.q);
    const keyExpr = keyRead(text, t.apiKeyEnv);
    for (const c of ctx.facts.constructions) {
      if (c.status === 'unresolved') {
        ctx.followUp(c.node.getStart(), 'client options or base URL come from a value the tool cannot resolve', `make sure this client uses ${t.baseURL} and the ${t.apiKeyEnv} key`);
        continue;
      }
      if (!reachesOpenAI(c.status)) continue;
      const at = c.node.getStart();
      // A local client used only for endpoints the provider lacks stays as it is (its calls are marked).
      const binding = localBinding(c.node);
      if (binding && !ctx.facts.exports.has(binding)) {
        const calls = ctx.facts.calls.filter((x) => x.receiver === binding);
        if (calls.length && calls.every((x) => blockedCall(ctx, x))) {
          ctx.followUp(at, `this client is only used for APIs ${shortName(t.provider)} does not serve`, 'it stays on OpenAI for now: move those calls to another service, then migrate or remove the client');
          continue;
        }
      }
      if (!c.options) {
        // new OpenAI() / new OpenAI
        const body = `{ baseURL: ${baseURL}, apiKey: ${keyExpr} }`;
        if (!c.node.arguments) ctx.edits.add(c.node.end, c.node.end, `(${body})`);
        else {
          const open = text.indexOf('(', c.node.expression.end);
          ctx.edits.add(open + 1, open + 1, body);
        }
        ctx.change('client', at, `client now calls ${shortName(t.provider)} (${t.baseURL}) with ${t.apiKeyEnv}`, { transform: this.id });
        continue;
      }
      const o = c.options;
      const add: string[] = [];
      const removed = new Set<ts.ObjectLiteralElementLike>();
      for (const p of o.properties) {
        const name = propName(p.name);
        if (!name) continue;
        if (OPENAI_ONLY_OPTIONS.includes(name) || (c.azure && AZURE_OPTIONS.includes(name))) {
          removed.add(p);
          ctx.change('client', p.getStart(), `removed OpenAI-only client option ${name}`, { transform: this.id });
          if (name === 'azureADTokenProvider') ctx.followUp(p.getStart(), 'removed Azure AD (Entra ID) token auth: the provider uses a Bearer API key', 'remove the now-unused @azure/identity imports and credentials');
        } else if (name === 'defaultQuery' && tsc.isPropertyAssignment(p) && /api-version/.test(p.initializer.getText())) {
          removed.add(p);
          ctx.change('client', p.getStart(), 'removed the Azure api-version query', { transform: this.id });
        }
      }
      const base = findProp(o, 'baseURL') ?? findProp(o, 'baseUrl') ?? findProp(o, 'basePath');
      if (base && (tsc.isPropertyAssignment(base) || tsc.isShorthandPropertyAssignment(base))) {
        if (propName(base.name) !== 'baseURL') renameKey(text, ctx.edits, base, 'baseURL');
        if (tsc.isPropertyAssignment(base)) replaceValue(ctx.edits, base, baseURL);
        else ctx.edits.add(base.getStart(), base.end, `baseURL: ${baseURL}`);
      } else add.push(`baseURL: ${baseURL}`);
      const key = findProp(o, 'apiKey');
      if (!key) add.push(`apiKey: ${keyExpr}`);
      else if (tsc.isPropertyAssignment(key)) {
        const v = unwrap(key.initializer);
        const env = envName(v) ?? envInFallback(v);
        if (isStringLike(v)) {
          replaceValue(ctx.edits, key, keyExpr);
          ctx.change('client', key.getStart(), `hard-coded key replaced by ${t.apiKeyEnv} (move the secret out of the code)`, { transform: this.id });
        } else if ((!env || envRole(env) !== 'key') && !(tsc.isIdentifier(v) && envRole(v.text) === 'key')) {
          ctx.followUp(key.getStart(), `apiKey comes from ${key.initializer.getText().slice(0, 60)}`, `make it hold a ${shortName(t.provider)} key (${t.apiKeyEnv})`);
        }
      } else if (tsc.isShorthandPropertyAssignment(key)) {
        ctx.followUp(key.getStart(), 'apiKey comes from a local variable', `make it hold a ${shortName(t.provider)} key (${t.apiKeyEnv})`);
      }
      if (removed.size === o.properties.length && add.length) {
        // Everything goes: rewrite the literal's inside in one edit.
        addProperties(text, ctx.edits, o, add, removed);
      } else {
        removeProperties(text, ctx.edits, o, removed);
        addProperties(text, ctx.edits, o, add, removed);
      }
      ctx.change('client', at, `client now calls ${shortName(t.provider)} (${t.baseURL}) with ${t.apiKeyEnv}`, { transform: this.id });
    }
  },
};

/**
 * How this file reads environment variables: browser bundles read `import.meta.env` (Vite,
 * with its `VITE_` prefix when the file uses it) or `process.env.NEXT_PUBLIC_*`; `process.env` otherwise.
 */
function keyRead(text: string, key: string): string {
  if (/import\.meta\.env\.VITE_/.test(text)) return `import.meta.env.VITE_${key}`;
  if (/import\.meta\.env\./.test(text)) return `import.meta.env.${key}`;
  if (/process\.env\.NEXT_PUBLIC_/.test(text) && /dangerouslyAllowBrowser/.test(text)) return `process.env.NEXT_PUBLIC_${key}`;
  return `process.env.${key}`;
}

/** `const x = new OpenAI()` -> 'x'; `this.x = new OpenAI()` / `x = new OpenAI()` class field -> 'this.x'. */
function localBinding(n: ts.NewExpression): string | undefined {
  let p: ts.Node = n.parent;
  while (tsc.isParenthesizedExpression(p) || tsc.isAsExpression(p) || tsc.isNonNullExpression(p)) p = p.parent;
  if (tsc.isVariableDeclaration(p) && tsc.isIdentifier(p.name)) {
    // exported declarations travel to other modules: not local
    const st = p.parent?.parent;
    if (st && tsc.isVariableStatement(st) && st.modifiers?.some((m) => m.kind === tsc.SyntaxKind.ExportKeyword)) return undefined;
    return p.name.text;
  }
  if (tsc.isPropertyDeclaration(p) && p.name && tsc.isIdentifier(p.name)) return `this.${p.name.text}`;
  if (tsc.isBinaryExpression(p) && tsc.isPropertyAccessExpression(p.left) && p.left.expression.kind === tsc.SyntaxKind.ThisKeyword) return `this.${p.left.name.text}`;
  // let openai; if (azure) openai = new OpenAI(...) else openai = new OpenAI(...)
  if (tsc.isBinaryExpression(p) && p.operatorToken.kind === tsc.SyntaxKind.EqualsToken && tsc.isIdentifier(p.left)) return p.left.text;
  return undefined;
}

function envInFallback(e: ts.Expression): string | undefined {
  if (tsc.isBinaryExpression(e)) return envName(unwrap(e.left)) ?? envName(unwrap(e.right));
  return undefined;
}
