import { msg } from '../../src/i18n/msg.js';
import type { ts } from 'ts-morph';
import { tsc } from '../../src/lang/js/ts.js';
import type { MigrateContext, Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { envName, envSchemaEntries, findProp, reachesOpenAI } from '../../src/lang/js/analyze.js';
import { baseOverride, keyRead, renameSchemaEntry } from './retarget-client-construction.js';
import { isStringLike, propName, unwrap, walk } from '../../src/lang/js/parse.js';
import { envRole, isCanonicalKeyName, renamedKeyVar } from '../../src/rules/env.js';
import { clientPlan, inKeptClient, noteReplaced, openAIUrlLeft } from '../../src/lang/js/client-plan.js';
import { routePlan } from '../../src/lang/js/routing.js';
import { keptLangChainRanges } from './wrappers/replace-langchain-openai.js';
import { keptAiSdkRanges } from './wrappers/replace-ai-sdk-openai.js';
import { shortName } from '../../src/providers/index.js';

/**
 * OpenAI key variables read in code become the provider's key variable:
 * `process.env.OPENAI_API_KEY`, `process.env['OPENAI_API_KEY']`,
 * `import.meta.env.VITE_OPENAI_API_KEY` (bundler prefix kept), destructuring
 * from `process.env`, and env-schema keys / string literals naming the variable.
 * Base-URL and organisation variables read outside a migrated client are follow-ups.
 */
export const renameEnvVars: Transform<JsContext> = {
  id: 'rename-env-vars',
  description: "Read the provider's key variable instead of OPENAI_API_KEY",
  run(ctx) {
    // No module of the run talks to OpenAI: the OpenAI-named variables configure another service (process.ts says so once).
    if (ctx.projectReachesOpenAI === false) return;
    const t = ctx.target;
    const inMigratedClient = (n: ts.Node) => ctx.facts.constructions.some((c) => reachesOpenAI(c.status) && c.options && n.pos >= c.options.pos && n.end <= c.options.end);
    // Azure key names as plain strings (a list of the app's key names, an enum value, a union type) move
    // only with an Azure client this file migrates: elsewhere they may belong to an Azure client that stays.
    const migratesAzure = ctx.facts.constructions.some((c) => (c.azure || c.status === 'azure') && reachesOpenAI(c.status));
    // Inside a client pointed whole at a routed provider (--route), its key is the routed provider's.
    const whole = [...routePlan(ctx).whole].map(([k, r]) => ({ s: k.getStart(), e: k.end, t: r.target }));
    let saidField = false;
    const rename = (node: ts.Node, start: number, end: number, name: string) => {
      // A field of the app's own settings class (`this.config.OPENAI_API_KEY`, `'OPENAI_API_KEY'` as its key): one read renamed alone breaks the type and the app.
      // A service class's own field (`this.config.OPENAI_API_KEY`) keeps its name as a member; a name string (`config.get('OPENAI_API_KEY')`) moves.
      const member = tsc.isPropertyAccessExpression(node) || tsc.isElementAccessExpression(node);
      if (ctx.classKeyFields?.has(name) && !(member && envName(node)) && (member || ctx.classKeyFields.get(name))) {
        if (!saidField) ctx.followUp(node.getStart(), msg('keys.classField', { name }), msg('keys.classField.todo', { name, provider: shortName(t.provider), to: renamedKeyVar(name, t) ?? name }));
        saidField = true;
        return false;
      }
      const to = renamedKeyVar(name, whole.find((w) => start >= w.s && end <= w.e)?.t ?? t);
      if (to && to !== name) {
        ctx.edits.add(start, end, to);
        ctx.change('env', node.getStart(), msg('env.renamed', { from: name, to }), { transform: this.id, from: name, to });
        return true;
      }
      return false;
    };
    // Env-schema entries of a base-URL override that a migrated client reads: renamed with the client.
    const schemaEntries: ts.Node[] = [];
    for (const c of ctx.facts.constructions) {
      if (!reachesOpenAI(c.status) || c.azure || !c.options || clientPlan(ctx).kept.has(c.node)) continue;
      const base = findProp(c.options, 'baseURL');
      const o = base && tsc.isPropertyAssignment(base) ? baseOverride(base.initializer) : undefined;
      if (o) schemaEntries.push(...(envSchemaEntries(o.read)?.entries ?? []));
    }
    const inSchemaEntry = (n: ts.Node) => schemaEntries.some((e) => n.pos >= e.pos && n.end <= e.end);
    // LangChain OpenAI classes and AI SDK instances the wrapper transforms leave on OpenAI keep their key (they run after this one).
    const keptLc = [...keptLangChainRanges(ctx), ...keptAiSdkRanges(ctx)];
    if (keptLc.length) clientPlan(ctx).keptKeyRanges.push(...keptLc);
    const handled = sharedKeyEdits(ctx, this.id);
    // "(the migrated clients already do)" is said only where this file has a client pointed at the provider.
    const migratedHere = ctx.facts.constructions.some((c) => c.status === 'target' || (reachesOpenAI(c.status) && !clientPlan(ctx).kept.has(c.node)));
    const keptBase = (n: ts.Node) => clientPlan(ctx).keptBaseReads.some(([a, b]) => n.getStart() >= a && n.end <= b);
    let saidNames = false;
    // This module builds clients and none of them moves (hosts unresolved, or kept on OpenAI / Azure), with no other way
    // to OpenAI here: its key reads (`if (!process.env.OPENAI_API_KEY) throw ...`) belong to those clients and keep their
    // names, as in Python's run-wide rule (gu-benites/studio: the guard was renamed, the client's own read was not).
    const noneMove = noClientMovesHere(ctx);
    let saidNone = false;
    walk(ctx.sf, (n) => {
      if (handled.has(n)) return;
      // A client that stays on OpenAI / Azure keeps its key.
      if (inKeptClient(ctx, n)) return;
      // process.env.X / import.meta.env.X / process.env['X']
      if ((tsc.isPropertyAccessExpression(n) || tsc.isElementAccessExpression(n)) && !tsc.isPropertyAccessExpression(n.parent) && !tsc.isElementAccessExpression(n.parent)) {
        const name = envName(n) ?? (isEnumMember(ctx, n) ? undefined : canonicalMember(n));
        if (!name) return;
        const role = envRole(name);
        if (!role) return;
        if (role === 'key' && noneMove) {
          if (!saidNone) ctx.followUp(n.getStart(), msg('keys.noMigratedClientHere', { name }), msg('keys.noMigratedClient.todo', { url: t.baseURL, env: t.apiKeyEnv }));
          saidNone = true;
          return;
        }
        if (role === 'key') {
          // A raw request whose OpenAI URL stays (an endpoint the provider lacks, marked by retarget-raw-http) keeps its key.
          const stays = requestLeftOnOpenAI(ctx, n);
          if (stays) {
            ctx.followUp(n.getStart(), msg('env.readForOpenAIRequest', { name, at: stays }), msg('env.readForOpenAIRequest.todo'));
            return;
          }
          const nameNode = tsc.isPropertyAccessExpression(n) ? n.name : n.argumentExpression;
          const [s, e] = tsc.isPropertyAccessExpression(n) ? [nameNode.getStart(), nameNode.end] : [nameNode.getStart() + 1, nameNode.end - 1];
          handled.add(nameNode);
          rename(n, s, e, name);
        } else if (role !== 'other' && !inMigratedClient(n) && !inSchemaEntry(n)) {
          // The setting of a client that stays (another module's, whose host the tool could not resolve): that client's follow-up says what to do.
          if (role === 'baseURL' && keptBase(n)) return;
          const todo =
            role !== 'baseURL' ? msg('envRead.openaiSetting.todoRemove') : migratedHere ? msg('envRead.openaiSetting.todoUse', { url: t.baseURL }) : msg('env.baseUrlRead.todo', { url: t.baseURL });
          ctx.followUp(n.getStart(), msg('envRead.openaiSetting', { name }), todo);
        }
        return;
      }
      // const { OPENAI_API_KEY } = process.env; function f({ OPENAI_API_KEY }: Env) / (env = process.env)
      if (tsc.isObjectBindingPattern(n) && n.parent && (tsc.isVariableDeclaration(n.parent) || tsc.isParameter(n.parent))) {
        renameBindings(ctx, n, rename, this.id);
        return;
      }
      // env schemas and helpers: { OPENAI_API_KEY: z.string() }, getEnv('OPENAI_API_KEY')
      // Outside env reads, only the SDK's own variable names are renamed: a literal like
      // 'OPENAI_KEY' is as likely an app's config key as an environment variable.
      if (isStringLike(n) && isCanonicalKeyName(n.text) && renamedKeyVar(n.text, t)) {
        if (/AZURE_/.test(n.text) && !migratesAzure && !inMigratedClient(n)) return;
        const namesStay = clientPlan(ctx).namesStay;
        if (namesStay && !inMigratedClient(n) && !keysMigratedClient(ctx, n)) {
          if (!saidNames) ctx.followUp(n.getStart(), msg('keys.appFillsKey', { expr: n.text, at: namesStay }), msg('keys.appFillsKey.todo', { to: renamedKeyVar(n.text, t) ?? '' }));
          saidNames = true;
          return;
        }
        rename(n, n.getStart() + 1, n.end - 1, n.text);
        return;
      }
      // { OPENAI_API_KEY: z.string() }, interface Env { OPENAI_API_KEY: string }
      if (tsc.isIdentifier(n) && (tsc.isPropertyAssignment(n.parent) || tsc.isPropertySignature(n.parent)) && n.parent.name === n && isCanonicalKeyName(n.text) && renamedKeyVar(n.text, t)) {
        if (rename(n, n.getStart(), n.end, n.text) && tsc.isPropertyAssignment(n.parent)) openAIKeyFormatChecks(ctx, n.parent.initializer, n.text, this.id);
      }
      if (tsc.isShorthandPropertyAssignment(n) && isCanonicalKeyName(n.name.text) && renamedKeyVar(n.name.text, t) && !tsc.isObjectBindingPattern(n.parent)) {
        const to = renamedKeyVar(n.name.text, t)!;
        ctx.edits.add(n.name.getStart(), n.name.getStart(), `${to}: `);
        ctx.change('env', n.getStart(), msg('env.renamed', { from: n.name.text, to }), { transform: this.id, from: n.name.text, to });
      }
    });
  },
};

/**
 * The module talks to OpenAI only through clients that stay (hosts unresolved, kept on OpenAI / Azure) and raw requests
 * whose OpenAI URL stays (an endpoint the provider lacks): nothing in it moves, so its key reads stay with those clients.
 */
function noClientMovesHere(ctx: MigrateContext<JsContext>): boolean {
  const f = ctx.facts;
  if (/['"]@(ai-sdk|langchain)\/openai['"]/.test(ctx.file.text)) return false;
  if (!f.constructions.every((c) => !reachesOpenAI(c.status) || clientPlan(ctx).kept.has(c.node))) return false;
  if (!f.calls.every((c) => c.client === 'unresolved' || c.client === 'other' || c.client === 'target')) return false;
  let raw = 0;
  let left = 0;
  walk(ctx.sf, (n) => {
    if (!tsc.isCallExpression(n) || !n.arguments[0]) return;
    const a = unwrap(n.arguments[0]);
    if (!isStringLike(a) || !/^https:\/\/api\.openai\.com\b/.test(a.text)) return;
    raw++;
    if (openAIUrlLeft(ctx, n)) left++;
  });
  // Every mention of the OpenAI host is such a request's URL, and each of those stays.
  const mentions = ctx.file.text.match(/api\.openai\.com/g)?.length ?? 0;
  if (raw !== left || mentions !== raw) return false;
  return f.constructions.length + raw + f.calls.filter((c) => c.client === 'unresolved').length > 0;
}

/** `const { OPENAI_API_KEY } = process.env`, `function f({ OPENAI_API_KEY }: Env)`: the bound names, renamed as env names. */
function renameBindings(ctx: MigrateContext<JsContext>, n: ts.ObjectBindingPattern, rename: (node: ts.Node, start: number, end: number, name: string) => boolean, id: string): void {
  const t = ctx.target;
  const decl = n.parent as ts.VariableDeclaration | ts.ParameterDeclaration;
  const init = decl.initializer ? unwrap(decl.initializer) : undefined;
  const isEnv = !!init && /^(process\.env|import\.meta\.env)$/.test(init.getText().replace(/\s/g, ''));
  for (const el of n.elements) {
    const key = propName(el.propertyName) ?? propName(el.name);
    // From another object (a parameter, a config), only the SDK's own variable names are env names.
    if (!key || (!isEnv && !isCanonicalKeyName(key)) || inKeptClient(ctx, el)) continue;
    const to = renamedKeyVar(key, t);
    if (!to) continue;
    if (el.propertyName) rename(el, el.propertyName.getStart(), el.propertyName.end, key);
    else {
      ctx.edits.add(el.name.getStart(), el.name.getStart(), `${to}: `);
      ctx.change('env', el.getStart(), msg('env.renamed', { from: key, to }), { transform: id, from: key, to });
    }
  }
}

/** OpenAI's own key prefixes (project, service-account and admin keys): no other provider's key has them. */
const OPENAI_KEY_PREFIX = /^sk-(proj|svcacct|admin)-/;

/**
 * `OPENAI_API_KEY: z.string().startsWith('sk-proj-').min(32)` renamed to the provider's key: the OpenAI key-format
 * check would reject every provider key at start-up (found on ggallon/ai-chatbot). A prefix only OpenAI keys have is
 * dropped from the chain; a plain `sk-` (some providers' keys have it, others not) is left with a follow-up.
 */
function openAIKeyFormatChecks(ctx: MigrateContext<JsContext>, init: ts.Expression, from: string, id: string): void {
  const p = shortName(ctx.target.provider);
  walk(init, (x) => {
    if (!tsc.isCallExpression(x) || !tsc.isPropertyAccessExpression(x.expression)) return;
    const m = x.expression.name.text;
    const a = x.arguments[0] ? unwrap(x.arguments[0]) : undefined;
    const prefix =
      m === 'startsWith' && a && isStringLike(a) ? a.text : m === 'regex' && a && tsc.isRegularExpressionLiteral(a) && /^\/\^sk-/.test(a.text) ? a.text.slice(2, a.text.lastIndexOf('/')) : undefined;
    if (prefix === undefined || !/^sk-/.test(prefix)) return;
    if (OPENAI_KEY_PREFIX.test(prefix)) {
      ctx.edits.add(x.expression.expression.end, x.end, '');
      ctx.change('env', x.getStart(), msg('env.keyFormatDropped', { check: x.getText().slice(x.expression.expression.getText().length), name: from, provider: p }), { transform: id });
    } else ctx.followUp(x.getStart(), msg('env.keyFormatCheck', { check: x.getText().slice(x.expression.expression.getText().length), provider: p }), msg('env.keyFormatCheck.todo', { provider: p }));
  });
}

/**
 * `const apiKey = this.config.get("OPENAI_API_KEY")` read by a client of this file that moves (`new OpenAI({ apiKey, ... })`):
 * the name goes with that client even where an app-held key keeps the other names (ClientPlan.namesStay); kept, the
 * moved client would send the OpenAI key to the provider.
 */
function keysMigratedClient(ctx: MigrateContext<JsContext>, n: ts.Node): boolean {
  let d: ts.Node | undefined = n.parent;
  while (d && !tsc.isVariableDeclaration(d) && !tsc.isStatement(d) && !isThisAssignment(d)) d = d.parent;
  // `this.OPENAI_API_KEY = this.config.get("OPENAI_API_KEY")` read by `new OpenAI({ apiKey: this.OPENAI_API_KEY })`.
  const field = d && isThisAssignment(d) ? `this.${(d.left as ts.PropertyAccessExpression).name.text}` : undefined;
  if (!d || (!field && (!tsc.isVariableDeclaration(d) || !tsc.isIdentifier(d.name)))) return false;
  const name = field ?? ((d as ts.VariableDeclaration).name as ts.Identifier).text;
  return ctx.facts.constructions.some((c) => {
    if (!reachesOpenAI(c.status) || !c.options || clientPlan(ctx).kept.has(c.node)) return false;
    const k = findProp(c.options, 'apiKey');
    if (field) return !!k && tsc.isPropertyAssignment(k) && unwrap(k.initializer).getText() === field;
    return !!k && ((tsc.isShorthandPropertyAssignment(k) && k.name.text === name) || (tsc.isPropertyAssignment(k) && tsc.isIdentifier(k.initializer) && k.initializer.text === name));
  });
}

/** `this.X = ...` */
function isThisAssignment(n: ts.Node): n is ts.BinaryExpression {
  return tsc.isBinaryExpression(n) && n.operatorToken.kind === tsc.SyntaxKind.EqualsToken && tsc.isPropertyAccessExpression(n.left) && n.left.expression.kind === tsc.SyntaxKind.ThisKeyword;
}

/**
 * The cross-module key decisions (src/lang/js/shared-keys.ts) this file carries out: schema entries a migrated
 * client of another module reads, renamed with that read; `Bearer ${OPENAI_KEY}` in a request that moves while
 * the constant stays for a client that stays, read from the provider's variable here. Returns the nodes done
 * with (also the options retarget-client-construction replaced by a direct read).
 */
function sharedKeyEdits(ctx: MigrateContext<JsContext>, id: string): Set<ts.Node> {
  const handled = new Set<ts.Node>();
  const plan = clientPlan(ctx);
  for (const r of plan.schemaRenames) {
    renameSchemaEntry(ctx, r.entry, r.from, r.to);
    ctx.change('env', r.entry.getStart(), msg('env.renamed', { from: r.from, to: r.to }), { transform: id, from: r.from, to: r.to });
    walk(r.entry, (x) => handled.add(x));
  }
  for (const o of plan.optionalEntries ?? []) {
    ctx.edits.add(o.entry.initializer.end, o.entry.initializer.end, '.optional()');
    ctx.change('env', o.entry.getStart(), msg('env.schemaOptional', { name: o.name, provider: shortName(ctx.target.provider) }), { transform: id });
  }
  for (const d of [...plan.directKeys.values(), ...plan.directBases.values()]) walk(d.prop, (x) => handled.add(x));
  for (const [n, d] of plan.directReads) {
    const expr = d.expr ?? keyRead(ctx.file.text, ctx.target.apiKeyEnv);
    ctx.edits.add(n.getStart(), n.end, expr);
    ctx.change('env', n.getStart(), msg('keys.readsItself', { expr, from: n.getText(), at: d.at, name: d.from }), { transform: id, from: d.from });
    if (tsc.isIdentifier(n)) noteReplaced(ctx, n);
    walk(n, (x) => handled.add(x));
  }
  return handled;
}

/** `config.OPENAI_API_KEY`, `c.env['OPENAI_API_KEY']`: the SDK's own key variable read from an env-like object (not `this`). */
function canonicalMember(n: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  // `this.OPENAI_API_KEY`: a field of the class itself, declared under that name (renamed alone: TS2339); its value is what moves.
  if (n.expression.kind === tsc.SyntaxKind.ThisKeyword) return undefined;
  const name = tsc.isPropertyAccessExpression(n) ? n.name.text : isStringLike(n.argumentExpression) ? n.argumentExpression.text : undefined;
  return name && isCanonicalKeyName(name) ? name : undefined;
}

/**
 * `Keys.OPENAI_API_KEY` where `Keys` is an enum (declared in this file or any module of the run): the
 * member keeps its name (its string value is what names the variable, and is renamed where declared).
 */
function isEnumMember(ctx: JsContext, n: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
  const o = unwrap(n.expression);
  return tsc.isIdentifier(o) && !!ctx.enumNames?.has(o.text);
}

/**
 * `fetch("https://api.openai.com/v1/embeddings", { headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` } })`:
 * the URL of the call around this key read, when it names an OpenAI endpoint the provider lacks (the URL is left).
 */
function requestLeftOnOpenAI(ctx: MigrateContext<JsContext>, n: ts.Node): string | undefined {
  for (let p: ts.Node | undefined = n.parent; p && !tsc.isSourceFile(p) && !tsc.isFunctionLike(p); p = p.parent) {
    if (!tsc.isCallExpression(p)) continue;
    const a = p.arguments[0] ? unwrap(p.arguments[0]) : undefined;
    if (!a || !isStringLike(a)) continue;
    return openAIUrlLeft(ctx, p);
  }
  return undefined;
}
