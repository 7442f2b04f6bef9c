import { msg } from '../../i18n/msg.js';
import type { MigrateContext } from '../../engine/types.js';
import type { ts } from 'ts-morph';
import { tsc } from './ts.js';
import { shortName } from '../../providers/index.js';
import { envName, envSchemaEntries, findProp, reachesOpenAI, type ApiCall, type Construction } from './analyze.js';
import { envRole, isAppHeldKeyName, renamedKeyVar } from '../../rules/env.js';
import { blockedCall } from './blocked.js';
import { routePlan } from './routing.js';
import { isSupported } from '../../rules/endpoints.js';
import { endpointOfPath, OPENAI_ORIGIN } from './wrappers/http.js';
import type { JsContext } from './context.js';
import { removeUnusedImport } from './edit.js';
import { isStringLike, propName, unwrap, walk } from './parse.js';

/**
 * Which clients of a file are migrated, decided once before the transforms run, so that a
 * client's key and base URL change together or not at all:
 * - a local client used only for endpoints the provider lacks stays on OpenAI;
 * - an Azure client whose deployment / model names are not OpenAI model ids stays on Azure
 *   entirely (class, endpoint, key, calls), with one follow-up;
 * - a client whose base URL cannot be resolved, or that calls another service, is left alone.
 * The key reads of the clients that stay (inside their options, or the variable their
 * `apiKey` names) are not renamed by `rename-env-vars`.
 */
export interface ClientPlan {
  /** Constructions left as they are, with the reason. */
  kept: Map<ts.NewExpression, 'blocked' | 'azure' | 'unresolved' | 'other' | 'app-key'>;
  /** Ranges whose key-variable reads belong to a client that stays. */
  keptKeyRanges: Array<[number, number]>;
  /** Base-URL env reads (`process.env.OPENAI_BASE_URL`) whose value a client that stays reads, in another module (src/lang/js/shared-keys.ts). */
  keptBaseReads: Array<[number, number]>;
  /**
   * Migrated clients whose key constant a client staying on OpenAI also reads (src/lang/js/shared-keys.ts):
   * their `apiKey` reads the provider's variable itself (`expr`, or the file's usual env read when undefined).
   */
  directKeys: Map<ts.NewExpression, DirectKey>;
  /** The same for a base-URL override whose schema entry (another module) a staying client reads: `process.env.<PROVIDER>_BASE_URL ?? <url>`. */
  directBases: Map<ts.NewExpression, DirectKey>;
  /** Reads of such a constant in a raw request that moves to the provider (`Bearer ${OPENAI_KEY}`): replaced the same way. */
  directReads: Map<ts.Node, Omit<DirectKey, 'prop'>>;
  /**
   * A client of the run stays on OpenAI and reads its key from a value the tool cannot follow to the
   * environment (`profile.openai_api_key`): where it is. The key variable's name written as a string
   * (`enum Keys { OPENAI_API_KEY = "OPENAI_API_KEY" }`, a union type) may be how the app fills that value: left.
   */
  namesStay?: string;
  /** Entries of this module's env schema that a migrated client of another module reads (`env.OPENAI_BASE_URL`): renamed with that read. */
  schemaRenames: Array<{ entry: ts.ObjectLiteralElementLike; from: string; to: string }>;
  /** Identifiers replaced so far by a direct read, by name: their import goes once no use is left. */
  replaced: Map<string, number>;
  /**
   * Zod entries of this module's env schema (`OPENAI_ORG: z.string().startsWith('org-')`) read by nothing but the
   * OpenAI-only options a migrated client loses (`organization: env.OPENAI_ORG`): made `.optional()` (planSchemaOptional).
   */
  optionalEntries?: Array<{ entry: ts.PropertyAssignment; name: string }>;
}

/** A migrated client's key read in place of a shared key constant: the `apiKey` property, the read, the variable the constant keeps, where it is defined. */
export interface DirectKey {
  prop: ts.ObjectLiteralElementLike;
  expr?: string;
  from: string;
  at: string;
}

const PLANS = new WeakMap<object, ClientPlan>();

export function clientPlan(ctx: MigrateContext<JsContext>): ClientPlan {
  let plan = PLANS.get(ctx.facts);
  if (!plan) PLANS.set(ctx.facts, (plan = makePlan(ctx)));
  return plan;
}

/** `const x = new OpenAI()` -> 'x'; `this.x = new OpenAI()` / `x = new OpenAI()` class field -> 'this.x'. */
export function localBinding(n: ts.NewExpression): string | undefined {
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

function makePlan(ctx: MigrateContext<JsContext>): ClientPlan {
  const t = ctx.target;
  routePlan(ctx); // routed calls (--route) first: they are not calls the provider lacks
  const plan: ClientPlan = { kept: new Map(), keptKeyRanges: [], keptBaseReads: [], directKeys: new Map(), directBases: new Map(), directReads: new Map(), schemaRenames: [], replaced: new Map() };
  for (const c of ctx.facts.constructions) {
    if (c.status === 'unresolved') {
      plan.kept.set(c.node, 'unresolved');
    } else if (c.status === 'other') {
      // Pointed at another service (a gateway, another provider): its key is that service's.
      plan.kept.set(c.node, 'other');
    } else if (reachesOpenAI(c.status)) {
      const binding = localBinding(c.node);
      const calls = binding && !ctx.facts.exports.has(binding) ? ctx.facts.calls.filter((x) => x.receiver === binding) : [];
      if (calls.length && calls.every((x) => blockedCall(ctx, x))) {
        plan.kept.set(c.node, 'blocked');
        ctx.followUp(c.node.getStart(), msg('clientKept.onlyUnserved', { provider: shortName(t.provider) }), msg('clientKept.onlyUnserved.todo'));
      }
    }
  }
  azurePlan(ctx, plan);
  for (const c of ctx.facts.constructions) if (plan.kept.has(c.node)) plan.keptKeyRanges.push(...keyRanges(ctx, c));
  return plan;
}

/**
 * Azure clients are migrated all together or not at all (the AzureOpenAI class is renamed file-wide):
 * when a deployment option or the model of a call on an Azure client is not an OpenAI model id the
 * profile maps, every Azure client of the file stays on Azure, its calls untouched, with one follow-up.
 */
function azurePlan(ctx: MigrateContext<JsContext>, plan: ClientPlan): void {
  const t = ctx.target;
  // AzureOpenAI, or the OpenAI class pointed at an Azure endpoint (`${ENDPOINT}/openai/deployments/${ID}`).
  const azure = ctx.facts.constructions.filter((c) => (c.azure || c.status === 'azure') && reachesOpenAI(c.status) && !plan.kept.has(c.node));
  if (!azure.length) return;
  // Calls on Azure clients: built here, or received as a value typed AzureOpenAI.
  const typedAzure = new Set<string>();
  walk(ctx.sf, (n) => {
    if ((tsc.isParameter(n) || tsc.isVariableDeclaration(n) || tsc.isPropertyDeclaration(n)) && n.type && tsc.isIdentifier(n.name)) {
      const tt = n.type.getText();
      if ([...ctx.facts.azureClass].some((a) => new RegExp(`(^|\\.)${a}$`).test(tt)) || /(^|\.)AzureOpenAI$/.test(tt))
        typedAzure.add(tsc.isPropertyDeclaration(n) ? `this.${n.name.text}` : n.name.text);
    }
  });
  const calls = ctx.facts.calls.filter((x) => x.client === 'azure' || (x.receiver && typedAzure.has(x.receiver)));
  const names: string[] = [];
  const runtime: string[] = [];
  for (const c of azure) {
    const dep = c.options && (findProp(c.options, 'deployment') ?? findProp(c.options, 'azureDeployment'));
    if (dep && tsc.isPropertyAssignment(dep) && isStringLike(unwrap(dep.initializer))) names.push((unwrap(dep.initializer) as ts.StringLiteral).text);
  }
  for (const x of calls) {
    for (const r of x.requests) {
      const m = r.properties.find((p) => propName(p.name) === 'model');
      if (!m || !tsc.isPropertyAssignment(m)) continue;
      // `let id = ""` filled later from a runtime value: the empty initial value names no model
      const values = ctx.modelValues(m.initializer).filter((v) => v !== '');
      names.push(...values);
      // A deployment name read at run time (`model: DEPLOYMENT_ID`): no model id to move to.
      if (!values.length) runtime.push(unwrap(m.initializer).getText());
    }
  }
  const unknown = [...new Set(names.filter((n) => !ctx.models.lookup(n)?.target))];
  // `apiKey: process.env.MY_AZURE_KEY`: a variable the tool does not rename, read here or through a const, a config
  // object or an import (`apiKey: config.azureKey`), or a key not read from the environment at all (a parameter,
  // `opts.key`). Moved, the client would send that Azure key to the provider: keys go with their endpoints, so the
  // Azure clients stay whole (as in Python, movableAzureKey).
  const keyOf = (c: Construction) => {
    const k = c.options && findProp(c.options, 'apiKey');
    return k && tsc.isPropertyAssignment(k) ? k.initializer : k && tsc.isShorthandPropertyAssignment(k) ? k.name : undefined;
  };
  const stuck = azure.find((c) => {
    const k = keyOf(c);
    if (!k) return false;
    let v = unwrap(k);
    if (tsc.isBinaryExpression(v) && (v.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken || v.operatorToken.kind === tsc.SyntaxKind.BarBarToken)) v = unwrap(v.left);
    // A literal is replaced by the provider's variable; a key read from a variable the tool renames moves with it.
    if (isStringLike(v)) return false;
    // `profile.azure_openai_api_key`: a key the app holds, which the app-held rule keeps on Azure with its own follow-up.
    if (tsc.isPropertyAccessExpression(v) && !envName(v) && !ctx.envSourceOf?.(v) && isAppHeldKeyName(v.name.text)) return false;
    const name = envName(v) ?? ctx.envSourceOf?.(v);
    // Not followed to the environment at all (a parameter, `opts.key`, a call): it cannot move with the host either.
    return !name || !renamedKeyVar(name, t);
  });
  if (stuck) {
    const k = keyOf(stuck)!;
    ctx.followUp(
      stuck.node.getStart(),
      msg('azure.keyNotMovable', { from: k.getText().slice(0, 60), provider: shortName(t.provider) }),
      msg('azure.appHeldKey.todo', { provider: shortName(t.provider), env: t.apiKeyEnv, url: t.baseURL }),
    );
  }
  if (runtime.length) {
    ctx.followUp(
      azure[0]!.node.getStart(),
      msg('azure.runtimeDeployment', { list: [...new Set(runtime)].join(', '), provider: shortName(t.provider) }),
      msg('azure.runtimeDeployment.todo', { url: t.baseURL, key: t.apiKeyEnv, provider: shortName(t.provider) }),
    );
  }
  // The Realtime API on Azure (`OpenAIRealtimeWS.azure(client)` takes an AzureOpenAI client): no provider serves it.
  const realtime = /\bOpenAIRealtime\w*\s*\.\s*azure\s*\(/.test(ctx.file.text) && !isSupported(t.provider, 'realtime');
  if (realtime) {
    ctx.followUp(azure[0]!.node.getStart(), msg('azure.realtime', { provider: shortName(t.provider) }), msg('azure.realtime.todo'));
    if (!unknown.length) unknown.push('realtime');
  }
  if (!unknown.length && !runtime.length && !stuck) {
    // Migrated: a deployment name the user mapped (--model my-deployment=<id>) becomes the model id.
    for (const x of calls) {
      for (const r of x.requests) {
        const m = r.properties.find((p) => propName(p.name) === 'model');
        const v = m && tsc.isPropertyAssignment(m) ? unwrap(m.initializer) : undefined;
        if (v && isStringLike(v) && ctx.models.lookup(v.text)?.via === 'override' && !ctx.models_.sites.some((site) => site.lit === v)) ctx.models_.sites.push({ lit: v, id: v.text });
      }
    }
    return;
  }
  const deployments = realtime ? [] : unknown.filter((n) => !ctx.models.lookup(n));
  const list = unknown.map((n) => `"${n}"`).join(', ');
  if (runtime.length || stuck) {
    // said above
  } else if (deployments.length) {
    const overrides = deployments.map((n) => `--model ${n}=<id>`).join(' ');
    ctx.followUp(
      azure[0]!.node.getStart(),
      msg('azure.deploymentNotModel', { list, provider: shortName(t.provider) }),
      msg('azure.deploymentNotModel.todo', { overrides, provider: shortName(t.provider), id: t.provider.id }),
    );
  } else if (!realtime) {
    // OpenAI ids without an equivalent (realtime, audio...): --model would only move the call to a provider that lacks it.
    ctx.followUp(azure[0]!.node.getStart(), msg('azure.noEquivalent', { provider: shortName(t.provider), list }), msg('azure.noEquivalent.todo'));
  }

  for (const c of azure) {
    plan.kept.set(c.node, 'azure');
    c.status = 'other';
    const b = localBinding(c.node);
    if (b && ctx.facts.clients.get(b) === 'azure') ctx.facts.clients.set(b, 'other');
    if (b?.startsWith('this.')) ctx.facts.members.set(b.slice(5), 'other');
  }
  // Model ids in its requests are deployment names or Azure models: not rewritten.
  for (const x of calls) leaveCall(ctx, x);
}

/**
 * An exported client every use of which, across the run's modules, is a call of an API the provider does not
 * serve (src/lang/js/process.ts keepExportedBlockedClients): it stays on OpenAI with its key, as a local one does.
 */
export function keepExportedBlocked(ctx: MigrateContext<JsContext>, c: Construction): void {
  const plan = clientPlan(ctx);
  plan.kept.set(c.node, 'blocked');
  plan.keptKeyRanges.push(...keyRanges(ctx, c));
  ctx.followUp(
    c.node.getStart(),
    `this client is only used for APIs ${shortName(ctx.target.provider)} does not serve`,
    'it stays on OpenAI with its OpenAI key for now: move those calls to another service, then migrate or remove the client',
  );
}

/** A call of a client that stays: its model ids (and branches on model names) in its requests are left. */
function leaveCall(ctx: MigrateContext<JsContext>, x: ApiCall): void {
  x.client = 'other';
  const s = x.node.getStart();
  const inside = (site: { lit: ts.Node }) => site.lit.getStart() >= s && site.lit.end <= x.node.end;
  ctx.models_.foreign.push(...ctx.models_.sites.filter(inside));
  ctx.models_.sites = ctx.models_.sites.filter((site) => !inside(site));
  ctx.models_.branches = ctx.models_.branches.filter((br) => !inside({ lit: br }));
}

/** Where a kept client's key is read: its options literal, and the declaration its `apiKey` identifier names. */
function keyRanges(ctx: MigrateContext<JsContext>, c: Construction): Array<[number, number]> {
  const out: Array<[number, number]> = [[c.node.getStart(), c.node.end]];
  if (c.options) {
    out.push([c.options.getStart(), c.options.end]);
    // `apiKey: env.OPENAI_API_KEY` / `baseURL: env.OPENAI_BASE_URL` on an env schema (zod, envalid, t3-env): its entries stay too.
    for (const name of ['apiKey', 'baseURL']) {
      const p = findProp(c.options, name);
      if (p && tsc.isPropertyAssignment(p)) {
        const v = unwrap(p.initializer);
        const read = tsc.isBinaryExpression(v) ? unwrap(v.left) : v;
        for (const e of envSchemaEntries(read)?.entries ?? []) {
          out.push([e.getStart(), e.end]);
          if (name === 'baseURL' && /api\.openai\.com/.test(e.getText())) ctx.followUp(e.getStart(), msg('http.openaiDefaultLeft'), msg('http.openaiDefaultLeft.todo'));
        }
      }
    }
    const key = findProp(c.options, 'apiKey');
    const id = key && (tsc.isPropertyAssignment(key) ? unwrap(key.initializer) : tsc.isShorthandPropertyAssignment(key) ? key.name : undefined);
    if (id && tsc.isIdentifier(id)) {
      walk(ctx.sf, (n) => {
        if (tsc.isVariableDeclaration(n) && tsc.isIdentifier(n.name) && n.name.text === id.text && n.initializer) out.push([n.initializer.getStart(), n.initializer.end]);
        if (tsc.isBindingElement(n) && tsc.isIdentifier(n.name) && n.name.text === id.text) out.push([n.getStart(), n.end]);
      });
    }
  }
  return out;
}

/**
 * Leaves a local client as it is (host, key, the model ids and model branches of its calls), as a kept
 * Azure client is left: false when its binding is not local (other modules may call it).
 */
export function keepLocalClient(ctx: MigrateContext<JsContext>, c: Construction, reason: 'app-key' | 'azure'): boolean {
  const binding = localBinding(c.node);
  if (!binding || ctx.facts.exports.has(binding)) return false;
  const plan = clientPlan(ctx);
  plan.kept.set(c.node, reason);
  plan.keptKeyRanges.push(...keyRanges(ctx, c));
  c.status = 'other';
  if (ctx.facts.clients.has(binding)) ctx.facts.clients.set(binding, 'other');
  if (binding.startsWith('this.')) ctx.facts.members.set(binding.slice(5), 'other');
  for (const x of ctx.facts.calls) if (x.receiver === binding) leaveCall(ctx, x);
  return true;
}

/** A use of `id` was replaced by a direct key read: its import goes when that was its last use. */
export function noteReplaced(ctx: MigrateContext<JsContext>, id: ts.Identifier): void {
  const plan = clientPlan(ctx);
  const n = (plan.replaced.get(id.text) ?? 0) + 1;
  plan.replaced.set(id.text, n);
  removeUnusedImport(ctx.sf, ctx.file.text, ctx.edits, id.text, n);
}

/**
 * The app's own settings class around a node, when it holds an OpenAI / Azure key field the app fills itself
 * (`class OpenAIConfig { OPENAI_API_KEY: string[] = []; OPENAI_API_BASE = 'https://api.openai.com/v1'; ... }`, loaded
 * from the environment by the app's own code). Its key cannot move with the host, so its base URL and model ids stay
 * too: moved alone, the OpenAI key in that field would go to the provider (TBXark/ChatGPT-Telegram-Workers).
 */
export function appFilledKeyClass(n: ts.Node): ts.ClassLikeDeclaration | undefined {
  let c: ts.Node | undefined = n.parent;
  while (c && !tsc.isClassDeclaration(c) && !tsc.isClassExpression(c) && !tsc.isSourceFile(c)) c = c.parent;
  if (!c || tsc.isSourceFile(c)) return undefined;
  const cls = c as ts.ClassLikeDeclaration;
  const held = cls.members.some((m) => tsc.isPropertyDeclaration(m) && tsc.isIdentifier(m.name) && envRole(m.name.text) === 'key' && /OPENAI|AZURE/i.test(m.name.text) && isAppFilledKeyField(cls, m));
  return held ? cls : undefined;
}

/**
 * A key field of a settings class the app's own loader fills (`OPENAI_API_KEY: string[] = []`, `AZURE_API_KEY: string |
 * null = null`): declared with no value or a placeholder, never assigned by the class itself, in a class that builds no
 * client. A service class that fills the field itself (`this.OPENAI_API_KEY = process.env.OPENAI_API_KEY`,
 * `= config.get('OPENAI_API_KEY')`, an initializer reading the environment) and builds its client is not one: its key
 * read is renamed (or kept) with its client like any other, and its model ids map.
 */
export function isAppFilledKeyField(cls: ts.ClassLikeDeclaration, m: ts.PropertyDeclaration): boolean {
  const init = m.initializer && unwrap(m.initializer);
  const placeholder =
    !init ||
    isStringLike(init) ||
    tsc.isArrayLiteralExpression(init) ||
    tsc.isNumericLiteral(init) ||
    init.kind === tsc.SyntaxKind.NullKeyword ||
    (tsc.isIdentifier(init) && init.text === 'undefined') ||
    (tsc.isObjectLiteralExpression(init) && init.properties.length === 0);
  if (!placeholder || !tsc.isIdentifier(m.name)) return false;
  const name = m.name.text;
  let filledHere = false;
  for (const x of cls.members) {
    if (x === m || filledHere) continue;
    walk(x, (y) => {
      if (filledHere) return;
      // `this.OPENAI_API_KEY = ...` in the class's own constructor or methods; `new OpenAI(...)` / `new AzureOpenAI(...)`.
      if (
        tsc.isBinaryExpression(y) &&
        y.operatorToken.kind === tsc.SyntaxKind.EqualsToken &&
        tsc.isPropertyAccessExpression(y.left) &&
        y.left.expression.kind === tsc.SyntaxKind.ThisKeyword &&
        y.left.name.text === name
      )
        filledHere = true;
      else if (tsc.isNewExpression(y) && /^(Azure)?OpenAI$/.test(y.expression.getText())) filledHere = true;
    });
  }
  return !filledHere;
}

/** Is this node a key read of a client that stays as it is? */
export function inKeptClient(ctx: MigrateContext<JsContext>, n: ts.Node): boolean {
  const ranges = clientPlan(ctx).keptKeyRanges;
  // Most files keep no client: skip the node's start (a scan past its trivia), asked for every node of a walk.
  if (!ranges.length) return false;
  const s = n.getStart();
  return ranges.some(([a, b]) => s >= a && n.end <= b);
}

/**
 * `fetch("https://api.openai.com/v1/embeddings", ...)`: the OpenAI URL a call names when it is an
 * endpoint the provider lacks (retarget-raw-http leaves it, with a marker), so the request keeps its key.
 */
export function openAIUrlLeft(ctx: MigrateContext<JsContext>, call: ts.CallExpression): string | undefined {
  const a = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!a || !isStringLike(a)) return undefined;
  const i = a.text.indexOf(OPENAI_ORIGIN);
  const after = i >= 0 ? a.text.slice(i + OPENAI_ORIGIN.length) : '';
  if (!/^\/v1(?=$|[/?#])/.test(after)) return undefined;
  const e = endpointOfPath(after.slice(3));
  return e && !isSupported(ctx.target.provider, e) ? a.text : undefined;
}
