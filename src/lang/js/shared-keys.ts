import { msg } from '../../i18n/msg.js';
import type { ts } from 'ts-morph';
import type { MigrateContext } from '../../engine/types.js';
import { tsc } from './ts.js';
import { envName, envSchemaEntries, findProp, importedEnvSchemaEntries, reachesOpenAI, type Construction, type JsFacts } from './analyze.js';
import { analyzeAiSdk } from './wrappers/ai-sdk.js';
import { shortName } from '../../providers/index.js';
import { clientPlan, keepLocalClient, openAIUrlLeft } from './client-plan.js';
import type { JsContext } from './context.js';
import type { CrossModule } from './cross-module.js';
import { baseUrlVar, envRole, isAppHeldKeyName, isCanonicalKeyName, renamedKeyVar } from '../../rules/env.js';
import { flattenAccess, isStringLike, unwrap, walk } from './parse.js';

/** Where a key is read from the environment: the expression defining it, in its module. */
interface KeySource {
  abs: string;
  /** The definition (`process.env.OPENAI_API_KEY ?? ""`), a const initializer or an object property value. */
  node: ts.Expression;
  /** The env read inside it (`process.env.OPENAI_API_KEY`) and its variable. */
  read: ts.Expression;
  name: string;
}

/** A key read: `process.env.OPENAI_API_KEY`, `env.OPENAI_API_KEY ?? ""`, `import.meta.env.VITE_OPENAI_API_KEY!`. */
function keyReadOf(e: ts.Expression, role: 'key' | 'baseURL' = 'key'): { read: ts.Expression; name: string } | undefined {
  let x = unwrap(e);
  if (tsc.isBinaryExpression(x) && (x.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === tsc.SyntaxKind.BarBarToken)) x = unwrap(x.left);
  const name = envName(x);
  return name && envRole(name) === role && !/AZURE/.test(name) ? { read: x, name } : undefined;
}

/**
 * The definition a key value comes from when it is not read at the site itself: a const
 * (`apiKey: OPENAI_KEY`), an imported const, an object property (`config.openai.key`), across modules.
 */
function sharedKeySource(cross: CrossModule, abs: string, e: ts.Expression, role: 'key' | 'baseURL' = 'key'): KeySource | undefined {
  const u = unwrap(e);
  // `apiKey || config.apiKey`, `opts.key ?? settings.openaiKey`: the parameter or option first, then the shared setting.
  if (tsc.isBinaryExpression(u) && (u.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken || u.operatorToken.kind === tsc.SyntaxKind.BarBarToken)) {
    return sharedKeySource(cross, abs, u.left, role) ?? (keyReadOf(u.left, role) ? undefined : sharedKeySource(cross, abs, u.right, role));
  }
  let cur = { abs, node: u };
  if (keyReadOf(cur.node, role)) return undefined;
  for (let depth = 0; depth < 8; depth++) {
    const def = cross.definitionOf(cur.abs, cur.node);
    if (!def) return undefined;
    cur = { abs: def.abs, node: def.node };
    const r = keyReadOf(cur.node, role);
    if (r) return { abs: cur.abs, node: cur.node, ...r };
    cur.node = unwrap(cur.node);
  }
  return undefined;
}

/** The value of a client's `apiKey` option (`apiKey: X`, or the shorthand `{ apiKey }`). */
function apiKeyValue(options: ts.ObjectLiteralExpression | undefined): { prop: ts.ObjectLiteralElementLike; value: ts.Expression } | undefined {
  const p = options && findProp(options, 'apiKey');
  if (p && tsc.isPropertyAssignment(p)) return { prop: p, value: p.initializer };
  if (p && tsc.isShorthandPropertyAssignment(p)) return { prop: p, value: p.name };
  return undefined;
}

/**
 * `profile.openai_api_key || ""`, `user.openaiKey`: an OpenAI key the app holds (a user setting, a stored
 * value), not an environment read the tool can rename. Giving its client the provider's host would send
 * that OpenAI key to the provider; changing it is the app's business (its settings page, its database).
 */
function appHeldOpenAIKey(v: ts.Expression): boolean {
  let x = unwrap(v);
  if (tsc.isBinaryExpression(x) && (x.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === tsc.SyntaxKind.BarBarToken) && isStringLike(unwrap(x.right)))
    x = unwrap(x.left);
  if (!tsc.isPropertyAccessExpression(x) && !tsc.isElementAccessExpression(x)) return false;
  if (envName(x)) return false;
  const name = tsc.isPropertyAccessExpression(x) ? x.name.text : isStringLike(x.argumentExpression) ? x.argumentExpression.text : '';
  return isAppHeldKeyName(name);
}

/**
 * A dense run's first pass (src/lang/js/process.ts): where a client that keeps an OpenAI key the app holds
 * is built, read from one module's analysis alone (no client plan yet), so the key names stay run-wide
 * (`ClientPlan.namesStay`) in every sub-batch, as planSharedKeys decides for a batch processed whole.
 */
export function appHeldKeyClientAt(abs: string, facts: JsFacts, cross: CrossModule): string | undefined {
  for (const c of facts.constructions) {
    const k = apiKeyValue(c.options);
    if (!k || c.status === 'target' || sharedKeySource(cross, abs, k.value)) continue;
    if (appHeldOpenAIKey(k.value) && !/azure/i.test(k.value.getText())) return `${cross.relOf(abs)}:${c.node.getSourceFile().getLineAndCharacterOfPosition(c.node.getStart()).line + 1}`;
  }
  return undefined;
}

/** Such a client stays on OpenAI with its key, its calls' model ids too, with one follow-up. */
function keepAppKeyClient(ctx: MigrateContext<JsContext>, c: Construction, v: ts.Expression): void {
  // The AzureOpenAI class is renamed file-wide when its clients move: one kept means all kept (not done here).
  if (c.azure && ctx.facts.constructions.some((o) => o !== c && o.azure && !clientPlan(ctx).kept.has(o.node))) return;
  const azure = !!c.azure || c.status === 'azure';
  if (!keepLocalClient(ctx, c, azure ? 'azure' : 'app-key')) return;
  const t = ctx.target;
  ctx.followUp(
    c.node.getStart(),
    msg('client.appHeldKeyStays', { src: v.getText().slice(0, 60), where: azure ? 'Azure' : 'OpenAI' }),
    msg('client.appHeldKeyStays.todo', { provider: shortName(t.provider), env: t.apiKeyEnv, url: t.baseURL }),
  );
}

/** Readers of one schema entry of another module: whether a staying client reads it, and the migrated ones. */
interface EntryUse {
  def: MigrateContext<JsContext>;
  kept: boolean;
  migrated: Array<{ ctx: MigrateContext<JsContext>; c: ts.NewExpression; prop: ts.PropertyAssignment; variable: string; role: 'key' | 'baseURL' }>;
}

/**
 * `new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL })` with `env` imported from a module
 * whose env schema declares those variables: collected over the run, then decided per entry (`decideSchemaEntries`).
 */
function importedSchemaEntries(mods: Map<string, MigrateContext<JsContext>>, ctx: MigrateContext<JsContext>, c: Construction, uses: Map<ts.ObjectLiteralElementLike, EntryUse>): void {
  if (!c.options) return;
  const kept = clientPlan(ctx).kept.has(c.node);
  if (!kept && !reachesOpenAI(c.status)) return;
  for (const role of ['key', 'baseURL'] as const) {
    const p = findProp(c.options, role === 'key' ? 'apiKey' : 'baseURL');
    if (!p || !tsc.isPropertyAssignment(p)) continue;
    let read = unwrap(p.initializer);
    if (tsc.isBinaryExpression(read)) read = unwrap(read.left);
    const found = importedEnvSchemaEntries(read);
    const variable = envName(read);
    if (!found?.entries.length || !variable || envRole(variable) !== role || /AZURE/.test(variable)) continue;
    const sf = found.schema.getSourceFile();
    const def = [...mods.values()].find((m) => m.sf === sf);
    if (!def) continue;
    for (const e of found.entries) {
      const u = uses.get(e) ?? { def, kept: false, migrated: [] };
      if (kept) u.kept = true;
      else u.migrated.push({ ctx, c: c.node, prop: p, variable, role });
      uses.set(e, u);
    }
  }
}

/**
 * Only migrated clients read the entry: it is renamed with their reads (in its module's rename-env-vars).
 * A staying client reads it too: it stays as it is, with its OpenAI default, and each migrated client
 * reads the provider's variable itself (`process.env.DEEPSEEK_API_KEY`, `process.env.DEEPSEEK_BASE_URL ?? <url>`).
 */
function decideSchemaEntries(uses: Map<ts.ObjectLiteralElementLike, EntryUse>): void {
  for (const [e, u] of uses) {
    const defPlan = clientPlan(u.def);
    if (u.kept) defPlan.keptKeyRanges.push([e.getStart(), e.end]);
    for (const m of u.migrated) {
      const t = m.ctx.target;
      const to: string | undefined = m.role === 'key' ? renamedKeyVar(m.variable, t) : baseUrlVar(m.variable, t);
      if (!to || to === m.variable) continue;
      const at = `${u.def.file.rel}:${u.def.sf.getLineAndCharacterOfPosition(e.getStart()).line + 1}`;
      if (u.kept) {
        const plan = clientPlan(m.ctx);
        if (m.role === 'key') plan.directKeys.set(m.c, { prop: m.prop, from: m.variable, at });
        else plan.directBases.set(m.c, { prop: m.prop, from: m.variable, at, expr: `process.env.${to}` });
      } else if (!defPlan.schemaRenames.some((r) => r.entry === e)) defPlan.schemaRenames.push({ entry: e, from: m.variable, to });
    }
  }
}

/** The declaration a source belongs to (`const K = ...`, `{ OPENAI_API_KEY: ... }`): kept whole, its name with it. */
function declarationRange(s: KeySource): [number, number] {
  const p = s.node.parent;
  const n = p && (tsc.isVariableDeclaration(p) || tsc.isPropertyAssignment(p)) ? p : s.node;
  return [n.getStart(), n.end];
}

/**
 * Keys go with their endpoints across modules (issue #13). A key constant read both by a client that
 * stays on OpenAI (an Azure client kept, a client only used for APIs the provider lacks, a raw request
 * whose OpenAI URL stays, a client whose host is unresolved) and by a migrated client is not renamed
 * where it is defined: renaming it would send the provider's key to OpenAI. The migrated client reads
 * the provider's key itself instead (`plan.directKeys`). A constant only migrated clients read is
 * renamed once, where it is defined, as before.
 * Runs once per run (per sub-batch in a dense run, with `app` from its first pass), after every
 * module's client plan and before any transform.
 */
export function planSharedKeys(mods: Map<string, MigrateContext<JsContext>>, cross: CrossModule, app?: { namesStay: string | undefined }): void {
  const kept = new Map<ts.Expression, KeySource>();
  const migrated: Array<{ ctx: MigrateContext<JsContext>; c: ts.NewExpression; prop: ts.ObjectLiteralElementLike; src: KeySource }> = [];
  const movedReads: Array<{ ctx: MigrateContext<JsContext>; node: ts.Expression; src: KeySource }> = [];
  let namesStay: string | undefined;
  const schemaUses = new Map<ts.ObjectLiteralElementLike, EntryUse>();
  for (const [abs, ctx] of mods) {
    const plan = clientPlan(ctx);
    for (const c of ctx.facts.constructions) importedSchemaEntries(mods, ctx, c, schemaUses);
    for (const c of ctx.facts.constructions) {
      const k = apiKeyValue(c.options);
      const src = k && sharedKeySource(cross, abs, k.value);
      if (k && !src && reachesOpenAI(c.status) && !plan.kept.has(c.node) && appHeldOpenAIKey(k.value)) keepAppKeyClient(ctx, c, k.value);
      if (k && !src && plan.kept.has(c.node) && appHeldOpenAIKey(k.value) && !/azure/i.test(k.value.getText()))
        namesStay ??= `${ctx.file.rel}:${ctx.sf.getLineAndCharacterOfPosition(c.node.getStart()).line + 1}`;
      // `baseURL: config.openai.baseUrl` on a client that stays (its host unresolved, or kept): the OpenAI base-URL
      // read it comes from (`process.env.OPENAI_BASE_URL || undefined`, another module) is that client's setting.
      const b = plan.kept.has(c.node) && c.options ? findProp(c.options, 'baseURL') : undefined;
      const bsrc = b && tsc.isPropertyAssignment(b) ? sharedKeySource(cross, abs, b.initializer, 'baseURL') : undefined;
      const bdef = bsrc && mods.get(bsrc.abs);
      if (bsrc && bdef) clientPlan(bdef).keptBaseReads.push([bsrc.read.getStart(), bsrc.read.end]);
      if (!k || !src) continue;
      if (plan.kept.has(c.node)) kept.set(src.node, src);
      else if (reachesOpenAI(c.status)) migrated.push({ ctx, c: c.node, prop: k.prop, src });
    }
    // fetch('https://api.openai.com/v1/audio/speech', { headers: { Authorization: `Bearer ${OPENAI_KEY}` } }): the URL stays, so does its key.
    if (!/api\.openai\.com/.test(ctx.file.text)) continue;
    // A request to a supported endpoint moves to the provider: a kept constant read there is replaced.
    walk(ctx.sf, (n) => {
      if (!tsc.isCallExpression(n) || !n.arguments[0] || !isStringLike(unwrap(n.arguments[0]))) return;
      const url = (unwrap(n.arguments[0]) as ts.StringLiteral).text;
      if (!/^https:\/\/api\.openai\.com\/v1(?=$|[/?#])/.test(url)) return;
      const left = !!openAIUrlLeft(ctx, n);
      for (const a of n.arguments.slice(1)) {
        walk(a, (x) => {
          if (!(tsc.isIdentifier(x) || tsc.isPropertyAccessExpression(x)) || tsc.isPropertyAccessExpression(x.parent) || !tsc.isExpression(x)) return;
          if (tsc.isIdentifier(x) && tsc.isPropertyAssignment(x.parent) && x.parent.name === x) return;
          const src = sharedKeySource(cross, abs, x);
          if (src && left) kept.set(src.node, src);
          else if (src) movedReads.push({ ctx, node: x, src });
        });
      }
    });
  }
  decideSchemaEntries(schemaUses);
  planSchemaOptional(mods, cross);
  // A dense run's sub-batch: the run-wide answer of the first pass (appHeldKeyClientAt).
  if (app) namesStay = app.namesStay;
  if (namesStay) for (const ctx of mods.values()) clientPlan(ctx).namesStay = namesStay;
  if (!kept.size) return;
  for (const src of kept.values()) {
    const def = mods.get(src.abs);
    if (def) clientPlan(def).keptKeyRanges.push(declarationRange(src));
  }
  // The definition's own read, renamed, when it reads the environment itself; else the file's usual read.
  const direct = (ctx: MigrateContext<JsContext>, src: KeySource) => {
    const { base } = flattenAccess(src.read);
    const global = /^(process|Deno|Bun)$/.test(base.getText()) || tsc.isMetaProperty(base);
    const to = renamedKeyVar(src.name, ctx.target);
    const expr = global && to ? src.read.getText().replace(src.name, to) : undefined;
    return { expr, from: src.name, at: `${cross.relOf(src.abs)}:${src.node.getSourceFile().getLineAndCharacterOfPosition(src.node.getStart()).line + 1}` };
  };
  for (const m of migrated) if (kept.has(m.src.node)) clientPlan(m.ctx).directKeys.set(m.c, { prop: m.prop, ...direct(m.ctx, m.src) });
  for (const m of movedReads) if (kept.has(m.src.node)) clientPlan(m.ctx).directReads.set(m.node, direct(m.ctx, m.src));
  // `config.OPENAI_API_KEY` read elsewhere from a kept object property: not renamed either (the property keeps its name).
  for (const [abs, ctx] of mods) {
    walk(ctx.sf, (n) => {
      if (!tsc.isPropertyAccessExpression(n) && !tsc.isElementAccessExpression(n)) return;
      const name = tsc.isPropertyAccessExpression(n) ? n.name.text : isStringLike(n.argumentExpression) ? n.argumentExpression.text : undefined;
      if (!name || !isCanonicalKeyName(name) || envName(n)) return;
      const src = sharedKeySource(cross, abs, n);
      if (src && kept.has(src.node)) clientPlan(ctx).keptKeyRanges.push([n.getStart(), n.end]);
    });
  }
}

/** Options only OpenAI understands, removed from a migrated client (`new OpenAI`, `createOpenAI`). */
const OPENAI_ONLY_READS = new Set(['organization', 'project']);

/**
 * `createOpenAI({ apiKey: env.OPENAI_API_KEY, organization: env.OPENAI_ORG, project: env.OPENAI_PROJECT })` with a t3-env /
 * zod schema requiring OPENAI_ORG and OPENAI_PROJECT: the migration removes both options, so nothing reads the variables
 * any more, but the schema still requires them and the app does not start without OpenAI settings (ggallon/ai-chatbot).
 * Such an entry becomes `.optional()` (kept, not removed: a deployment may still set it, and a `runtimeEnv` entry
 * naming it stays valid). Only when no other text of the run names the variable. Runs with planSharedKeys.
 */
function planSchemaOptional(mods: Map<string, MigrateContext<JsContext>>, cross: CrossModule): void {
  const removed: Array<{ ctx: MigrateContext<JsContext>; prop: ts.PropertyAssignment; read: ts.PropertyAccessExpression }> = [];
  const optionReads = (ctx: MigrateContext<JsContext>, o: ts.ObjectLiteralExpression) => {
    for (const p of o.properties) {
      if (!tsc.isPropertyAssignment(p) || !tsc.isIdentifier(p.name) || !OPENAI_ONLY_READS.has(p.name.text)) continue;
      let v = unwrap(p.initializer);
      if (tsc.isBinaryExpression(v) && (v.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken || v.operatorToken.kind === tsc.SyntaxKind.BarBarToken)) v = unwrap(v.left);
      if (tsc.isPropertyAccessExpression(v) && tsc.isIdentifier(v.expression)) removed.push({ ctx, prop: p, read: v });
    }
  };
  for (const ctx of mods.values()) {
    const plan = clientPlan(ctx);
    for (const c of ctx.facts.constructions) if (c.options && reachesOpenAI(c.status) && !plan.kept.has(c.node) && !c.azure) optionReads(ctx, c.options);
    if (!/['"]@ai-sdk\/openai['"]/.test(ctx.file.text)) continue;
    for (const i of analyzeAiSdk(ctx)?.instances ?? []) if (i.create && i.options && (i.status === 'openai' || i.status === 'azure')) optionReads(ctx, i.options);
  }
  if (!removed.length) return;
  const byEntry = new Map<ts.PropertyAssignment, { def: MigrateContext<JsContext>; name: string; ranges: Array<[ts.SourceFile, number, number]> }>();
  for (const r of removed) {
    const found = importedEnvSchemaEntries(r.read) ?? envSchemaEntries(r.read);
    const def = found && [...mods.values()].find((m) => m.sf === found.schema.getSourceFile());
    if (!found || !def) continue;
    const name = r.read.name.text;
    // The schema's own entry (a zod chain), not t3-env's `runtimeEnv: { X: process.env.X }`.
    const entry = found.entries.find((e): e is ts.PropertyAssignment => tsc.isPropertyAssignment(e) && !envName(unwrap(e.initializer)) && /^z\s*\./.test(e.initializer.getText()));
    if (!entry || /\.(optional|nullish|default)\s*\(/.test(entry.initializer.getText())) continue;
    const u = byEntry.get(entry) ?? { def, name, ranges: found.entries.map((e) => [e.getSourceFile(), e.getStart(), e.end] as [ts.SourceFile, number, number]) };
    u.ranges.push([r.prop.getSourceFile(), r.prop.getStart(), r.prop.end]);
    byEntry.set(entry, u);
  }
  for (const [entry, u] of byEntry) {
    const re = new RegExp(`\\b${u.name}\\b`, 'g');
    // Any other mention of the name in the modules import-connected to the schema's (a read elsewhere, a check, a
    // message): the entry stays required. Connected modules are always processed together (a dense run's sub-batches
    // are unions of import-connected groups), so the answer does not depend on how the run is cut.
    const group = connectedModules(mods, cross, u.def.file.abs);
    const elsewhere = [...group].map((a) => mods.get(a)!).some((m) => [...m.file.text.matchAll(re)].some((x) => !u.ranges.some(([sf, a, b]) => sf === m.sf && x.index >= a && x.index < b)));
    if (elsewhere) continue;
    const plan = clientPlan(u.def);
    (plan.optionalEntries ??= []).push({ entry, name: u.name });
  }
}

/** The modules of `mods` import-connected to `start` (either direction, through modules of `mods`). */
function connectedModules(mods: Map<string, MigrateContext<JsContext>>, cross: CrossModule, start: string): Set<string> {
  const adj = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    (adj.get(a) ?? adj.set(a, new Set()).get(a)!).add(b);
    (adj.get(b) ?? adj.set(b, new Set()).get(b)!).add(a);
  };
  for (const [abs, ctx] of mods) {
    const specs = new Set([...ctx.facts.imports.values()].map((b) => b.specifier));
    for (const r of ctx.facts.reexports) specs.add(r.specifier);
    for (const spec of specs) {
      const t = cross.target(abs, spec);
      if (t && t !== abs && mods.has(t)) link(abs, t);
    }
  }
  const seen = new Set([start]);
  const todo = [start];
  while (todo.length) for (const n of adj.get(todo.pop()!) ?? []) if (!seen.has(n)) seen.add(n), todo.push(n);
  return seen;
}
