import { msg } from '../../src/i18n/msg.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../src/lang/js/ts.js';
import { shortName } from '../../src/providers/index.js';
import type { MigrateContext, Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { envName, envSchemaEntries, findProp, importedEnvSchemaEntries, reachesOpenAI } from '../../src/lang/js/analyze.js';
import { addProperties, removeProperties, renameKey, replaceValue } from '../../src/lang/js/edit.js';
import { isStringLike, propName, unwrap, walk } from '../../src/lang/js/parse.js';
import { quote } from '../../src/engine/text.js';
import { baseUrlVar, envRole, isCanonicalKeyName } from '../../src/rules/env.js';
import { clientPlan, noteReplaced, type DirectKey } from '../../src/lang/js/client-plan.js';
import { THIRD_PARTY_CLIENTS } from '../../src/rules/clients.js';
import { routePlan } from '../../src/lang/js/routing.js';

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
    const main = ctx.target;
    const text = ctx.file.text;
    for (const c of ctx.facts.constructions) {
      // A client used only for one routed capability (--route) is pointed at the routed provider itself.
      const t = routePlan(ctx).whole.get(c.node)?.target ?? main;
      const baseURL = quote(t.baseURL, ctx.q);
      const keyExpr = keyRead(text, t.apiKeyEnv);
      if (c.opaque && c.pkg) {
        const third = THIRD_PARTY_CLIENTS.find((x) => x.pkg === c.pkg)!;
        ctx.followUp(
          c.node.getStart(),
          msg('client.thirdPartyMixed', { pkg: third.pkg }),
          msg('client.thirdPartyMixed.todo', { url: t.baseURL, env: t.apiKeyEnv, base: third.baseOption, model: third.modelOption }),
        );
        continue;
      }
      if (c.opaque) {
        ctx.followUp(c.node.getStart(), msg('client.opaqueMixed'), msg('client.opaqueMixed.todo', { url: t.baseURL, env: t.apiKeyEnv }));
        continue;
      }
      if (c.status === 'unresolved') {
        ctx.followUp(c.node.getStart(), msg('client.unresolvedOptions', {}), msg('client.checkClientUses', { url: t.baseURL, env: t.apiKeyEnv }));
        continue;
      }
      if (!reachesOpenAI(c.status)) continue;
      const at = c.node.getStart();
      // Clients that stay (only used for APIs the provider lacks, Azure deployments without a model id) keep key and host.
      if (clientPlan(ctx).kept.has(c.node)) continue;
      if (!c.options) {
        // new OpenAI() / new OpenAI
        const body = `{ baseURL: ${baseURL}, apiKey: ${keyExpr} }`;
        if (!c.node.arguments) ctx.edits.add(c.node.end, c.node.end, `(${body})`);
        else {
          const open = text.indexOf('(', c.node.expression.end);
          ctx.edits.add(open + 1, open + 1, body);
        }
        ctx.change('client', at, msg('client.nowCalls', { provider: shortName(t.provider), url: t.baseURL, env: t.apiKeyEnv }), { transform: this.id });
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
          ctx.change('client', p.getStart(), msg('client.removedClientOption', { name }), { transform: this.id });
          if (name === 'azureADTokenProvider') ctx.followUp(p.getStart(), msg('client.removedAzureAd'), msg('client.removedAzureAd.todo', { pkg: '@azure/identity' }));
        } else if (name === 'defaultQuery' && tsc.isPropertyAssignment(p) && /api-version/.test(p.initializer.getText())) {
          removed.add(p);
          ctx.change('client', p.getStart(), msg('client.removedApiVersion'), { transform: this.id });
        }
      }
      const base = findProp(o, 'baseURL') ?? findProp(o, 'baseUrl') ?? findProp(o, 'basePath');
      const directBase = clientPlan(ctx).directBases.get(c.node);
      if (directBase) directKey(ctx, directBase, `${directBase.expr} ?? ${baseURL}`, this.id);
      else if (base && (tsc.isPropertyAssignment(base) || tsc.isShorthandPropertyAssignment(base))) {
        if (propName(base.name) !== 'baseURL') renameKey(text, ctx.edits, base, 'baseURL');
        const override = tsc.isPropertyAssignment(base) && !c.azure ? baseOverride(base.initializer) : undefined;
        if (override) {
          // env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' -> env.DEEPSEEK_BASE_URL ?? 'https://api.deepseek.com'
          const to = baseUrlVar(override.name, t);
          const [s, e] = override.nameRange;
          ctx.edits.add(s, e, to);
          // An env schema (zod, envalid, t3-env) declares the variable: its entry is renamed with the read,
          // and its default (rewritten with the file's OpenAI URLs) stands for the fallback; without one, `?? <url>` is added.
          const local = envSchemaEntries(override.read);
          for (const entry of local?.entries ?? []) renameSchemaEntry(ctx, entry, override.name, to);
          // A schema in another module is renamed there (src/lang/js/shared-keys.ts); its default counts here too.
          const schema = local ?? importedEnvSchemaEntries(override.read);
          if (override.fallback) ctx.edits.add(override.fallback.getStart(), override.fallback.end, quote(t.baseURL, override.quote ?? ctx.q));
          else if (!schema?.entries.some((e) => e.parent === schema.schema && /\bdefault\b/.test(e.getText()))) ctx.edits.add(override.read.end, override.read.end, ` ?? ${baseURL}`);
          ctx.change('client', base.getStart(), msg('clientKept.baseUrlOverride', { from: override.name, to, url: t.baseURL }), { transform: this.id, from: override.name, to });
        } else if (tsc.isPropertyAssignment(base)) replaceValue(ctx.edits, base, baseURL);
        else ctx.edits.add(base.getStart(), base.end, `baseURL: ${baseURL}`);
      } else add.push(`baseURL: ${baseURL}`);
      const key = findProp(o, 'apiKey');
      const direct = clientPlan(ctx).directKeys.get(c.node);
      if (direct) directKey(ctx, direct, direct.expr ?? keyExpr, this.id);
      else if (!key) add.push(`apiKey: ${keyExpr}`);
      else if (tsc.isPropertyAssignment(key)) {
        const v = unwrap(key.initializer);
        const env = envName(v) ?? envInFallback(v);
        if (isStringLike(v)) {
          replaceValue(ctx.edits, key, keyExpr);
          ctx.change('client', key.getStart(), msg('client.hardCodedKey', { env: t.apiKeyEnv }), { transform: this.id });
        } else if ((!env || envRole(env) !== 'key') && !(tsc.isIdentifier(v) && envRole(v.text) === 'key') && !keyVariable(ctx, v)) {
          ctx.followUp(
            key.getStart(),
            msg('client.keyComesFrom', { who: 'apiKey', src: key.initializer.getText().slice(0, 60) }),
            msg('client.holdProviderKey', { provider: shortName(t.provider), env: t.apiKeyEnv }),
          );
        }
      } else if (tsc.isShorthandPropertyAssignment(key) && !(envRole(key.name.text) === 'key' || keyVariable(ctx, key.name))) {
        ctx.followUp(key.getStart(), msg('client.keyLocalVariable'), msg('client.holdProviderKey', { provider: shortName(t.provider), env: t.apiKeyEnv }));
      }
      if (removed.size === o.properties.length && add.length) {
        // Everything goes: rewrite the literal's inside in one edit.
        addProperties(text, ctx.edits, o, add, removed);
      } else {
        removeProperties(text, ctx.edits, o, removed);
        addProperties(text, ctx.edits, o, add, removed);
      }
      ctx.change('client', at, msg('client.nowCalls', { provider: shortName(t.provider), url: t.baseURL, env: t.apiKeyEnv }), { transform: this.id });
    }
  },
};

/**
 * The key constant this client reads is also read by a client that stays on OpenAI (src/lang/js/shared-keys.ts):
 * it keeps its name and value there, and this client reads the provider's variable itself. An import
 * binding left without a use goes too.
 */
function directKey(ctx: MigrateContext<JsContext>, d: DirectKey, expr: string, id: string): void {
  const p = d.prop;
  const value = tsc.isPropertyAssignment(p) ? unwrap(p.initializer) : tsc.isShorthandPropertyAssignment(p) ? p.name : undefined;
  if (!value) return;
  if (tsc.isPropertyAssignment(p)) replaceValue(ctx.edits, p, expr);
  else ctx.edits.add(p.getStart(), p.end, `${propName(p.name)}: ${expr}`);
  ctx.change('env', p.getStart(), msg('keys.readsItself', { prop: propName(p.name), expr, from: value.getText(), at: d.at, name: d.from }), { transform: id, from: d.from });
  if (tsc.isIdentifier(value)) noteReplaced(ctx, value);
}

/**
 * How this file reads environment variables: browser bundles read `import.meta.env` (Vite,
 * with its `VITE_` prefix when the file uses it) or `process.env.NEXT_PUBLIC_*`; `process.env` otherwise.
 */
export function keyRead(text: string, key: string): string {
  if (/import\.meta\.env\.VITE_/.test(text)) return `import.meta.env.VITE_${key}`;
  if (/import\.meta\.env\./.test(text)) return `import.meta.env.${key}`;
  if (/process\.env\.NEXT_PUBLIC_/.test(text) && /dangerouslyAllowBrowser/.test(text)) return `process.env.NEXT_PUBLIC_${key}`;
  return `process.env.${key}`;
}

function envInFallback(e: ts.Expression): string | undefined {
  if (tsc.isBinaryExpression(e)) return envName(unwrap(e.left)) ?? envName(unwrap(e.right));
  return undefined;
}

/**
 * A base URL that reads an OpenAI base-URL variable (`env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'`,
 * `process.env.OPENAI_BASE_URL`): the user's override, kept and renamed to the provider's variable.
 */
export function baseOverride(init: ts.Expression): { name: string; nameRange: [number, number]; read: ts.Expression; fallback?: ts.Expression; quote?: "'" | '"' } | undefined {
  const e = unwrap(init);
  let read = e;
  let fallback: ts.Expression | undefined;
  if (tsc.isBinaryExpression(e) && (e.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === tsc.SyntaxKind.BarBarToken)) {
    read = unwrap(e.left);
    fallback = unwrap(e.right);
    if (!isStringLike(fallback)) return undefined;
  }
  const name = envName(read);
  if (!name || envRole(name) !== 'baseURL' || /AZURE/.test(name)) return undefined;
  const nameNode = tsc.isPropertyAccessExpression(read) ? read.name : tsc.isElementAccessExpression(read) ? read.argumentExpression : undefined;
  if (!nameNode) return undefined;
  const nameRange: [number, number] = tsc.isPropertyAccessExpression(read) ? [nameNode.getStart(), nameNode.end] : [nameNode.getStart() + 1, nameNode.end - 1];
  const q = fallback && tsc.isStringLiteral(fallback) ? (fallback.getText()[0] as "'" | '"') : undefined;
  return { name, nameRange, read, fallback, quote: q };
}

/** `OPENAI_BASE_URL: z.string()...` / t3-env `OPENAI_BASE_URL: process.env.OPENAI_BASE_URL`: the name, and an env read in the value. */
export function renameSchemaEntry(ctx: JsContext, entry: ts.ObjectLiteralElementLike, from: string, to: string): void {
  if (!entry.name) return;
  if (tsc.isShorthandPropertyAssignment(entry)) return;
  const n = entry.name;
  if (tsc.isIdentifier(n)) ctx.edits.add(n.getStart(), n.end, to);
  else if (isStringLike(n)) ctx.edits.add(n.getStart() + 1, n.end - 1, to);
  else return;
  if (tsc.isPropertyAssignment(entry)) {
    walk(entry.initializer, (x) => {
      if ((tsc.isPropertyAccessExpression(x) || tsc.isElementAccessExpression(x)) && envName(x) === from) {
        if (tsc.isPropertyAccessExpression(x)) ctx.edits.add(x.name.getStart(), x.name.end, to);
        else ctx.edits.add(x.argumentExpression.getStart() + 1, x.argumentExpression.end - 1, to);
      }
    });
  }
}

/** A key read `rename-env-vars` renames: `config.OPENAI_API_KEY`, or a variable holding an env read or destructured from the environment under a key name. */
function keyVariable(ctx: JsContext, v: ts.Expression): boolean {
  if (
    (tsc.isPropertyAccessExpression(v) && isCanonicalKeyName(v.name.text)) ||
    (tsc.isElementAccessExpression(v) && isStringLike(v.argumentExpression) && isCanonicalKeyName(v.argumentExpression.text))
  )
    return true;
  if (!tsc.isIdentifier(v)) return false;
  const init = ctx.facts.values.get(v.text);
  if (init) {
    const env = envName(init) ?? envInFallback(unwrap(init));
    if (env) return envRole(env) === 'key';
    // `configService.get<string>('OPENAI_API_KEY')`, `getEnv('OPENAI_API_KEY')`: the name rename-env-vars renames.
    const call = unwrap(init);
    const a = tsc.isCallExpression(call) && call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    return !!a && isStringLike(a) && isCanonicalKeyName(a.text);
  }
  let found = false;
  walk(ctx.sf, (n) => {
    if (!found && tsc.isBindingElement(n) && tsc.isIdentifier(n.name) && n.name.text === v.text) {
      const key = propName(n.propertyName) ?? n.name.text;
      found = envRole(key) === 'key';
    }
  });
  return found;
}
