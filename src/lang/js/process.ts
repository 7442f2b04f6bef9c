import { msg } from '../../i18n/msg.js';
import { fileError } from '../../engine/batch.js';
import type { ts } from 'ts-morph';
import { tsc as tsm } from './ts.js';
import { type FileContext, type HandlerError, type HandlerOptions, type MigrateContext, type Transform, isMigrating } from '../../engine/types.js';
import { preferredQuote, usesSemicolons } from '../../engine/text.js';
import { clientPlan } from './client-plan.js';
import { planSharedKeys } from './shared-keys.js';
import { collectComposedUrls } from './composed-urls.js';
import { analyzeJs, envSchemaOf, setImportedEnvObjects, type ClientStatus, type JsFacts, type Seeds } from './analyze.js';
import { collectModelSites, isOpenAIId } from './model-sites.js';
import { unrouteStuckModels } from './routing.js';
import { CrossModule, type ParsedModule } from './cross-module.js';
import { isTestPath, planAdapters, type AdapterPlan as RulesAdapterPlan } from '../../rules/adapters.js';
import { defaultProviderLiterals, otherAdapterHints, targetAdapterAt, targetSelection } from './adapters.js';
import { replaceStringContent } from './edit.js';
import { shortName } from '../../providers/index.js';
import { isModelLookupTable } from '../../rules/models.js';
import type { JsContext } from './context.js';
import { detectJs } from './detect.js';
import { reportOutsideUse } from './outside.js';
import { packageNeeds } from './wrappers/deps.js';
import { depsState, nearestPackageJson, packageRoot } from '../deps/project.js';
import { isStringLike, parseJs, walk } from './parse.js';

/**
 * The JS/TS handler's work (loaded only when a JS/TS candidate exists, so a run
 * without one never loads the TypeScript compiler): one parse per file, local
 * analysis, cross-module facts, detection, then the transforms.
 */
export const processor = {
  async process(files: FileContext[], opts: HandlerOptions) {
    const errors = new Map<string, HandlerError>();
    const targetHost = files[0]?.target ? new URL(files[0].target.baseURL).host : undefined;
    // Phase A: one parse per file, local analysis.
    const parsed = parseModules(files, targetHost, errors);
    const cross = new CrossModule(parsed);
    importedEnvObjects(parsed, cross, targetHost);
    // Phase B: imported clients and factories, then the model values used across modules.
    seedImports(parsed, cross, targetHost);
    const { wanted, firstPass } = wantedModelExports(parsed, cross);
    // URLs composed across modules (a host-only OpenAI base joined with a `/v1/...` path).
    const composed = collectComposedUrls(
      [...parsed].map(([abs, p]) => [abs, p.sf] as [string, ts.SourceFile]),
      (abs, e) => cross.stringOf(abs, e),
    );
    const foreignParams = cross.foreignParams();
    const foreignRequests = cross.foreignRequests();
    const siteMap = modelSitesByFile(parsed, cross, wanted, firstPass);
    unrouteStuckModels(parsed, cross, siteMap, files[0]?.target);
    const adapters = adapterPlan(files[0]?.target, parsed);
    const enumNames = new Set<string>();
    for (const [, p] of parsed) for (const st of p.sf.statements) if (tsm.isEnumDeclaration(st)) enumNames.add(st.name.text);
    const run: RunShared = { opts, cross, targetHost, composed, foreignParams, foreignRequests, siteMap, enumNames, adapters, reachesOpenAI: projectReachesOpenAI(parsed) };
    // Phase C: detect and plan every module's clients, then the key constants clients share across
    // modules (src/lang/js/shared-keys.ts), then transform.
    const prepared = new Map<string, Prepared>();
    for (const [abs, p] of parsed) {
      try {
        const r = prepareModule(abs, p, run);
        if (r) prepared.set(abs, r);
      } catch (e) {
        errors.set(abs, fileError(e, p.ctx.file.rel));
      }
    }
    try {
      planSharedKeys(new Map([...prepared].map(([abs, r]) => [abs, r.jctx])), cross);
    } catch (e) {
      // Without the shared-key decision a key could be renamed under a client that stays: nothing is transformed.
      for (const [abs, r] of prepared) errors.set(abs, fileError(e, r.jctx.file.rel));
    }
    for (const [abs, r] of prepared) {
      if (errors.has(abs)) continue;
      try {
        transformPrepared(r, run);
      } catch (e) {
        errors.set(abs, fileError(e, r.jctx.file.rel));
      }
    }
    // The engine keeps each context (edits, findings) until the run ends; the syntax tree and
    // the analysis hung on it are done with, so let them go (80k-file scan on one thread: peak RSS 317 -> 281 MB).
    for (const p of parsed.values()) for (const k of ANALYSIS_KEYS) delete (p.ctx as unknown as Record<string, unknown>)[k];
    return errors;
  },
};

type ModelSites = ReturnType<typeof collectModelSites>;
/** Ids at offsets of one module (OpenAI-id literals it keeps, or rewrites). */
type IdsAt = Map<string, Array<{ id: string; pos: number }>>;

/** What every file's Phase C reads (the run's cross-module facts), and the once-per-app notes said so far. */
interface RunShared {
  opts: HandlerOptions;
  cross: CrossModule;
  targetHost: string | undefined;
  composed: ReturnType<typeof collectComposedUrls>;
  foreignParams: ReturnType<CrossModule['foreignParams']>;
  foreignRequests: ReturnType<CrossModule['foreignRequests']>;
  siteMap: Map<string, ModelSites>;
  enumNames: Set<string>;
  adapters: AdapterPlan;
  /** Some module of the run talks to OpenAI (projectReachesOpenAI); without one, OpenAI-named keys stay. */
  reachesOpenAI: boolean;
  keysNoteSaid?: boolean;
}

/** Phase A: one parse per file and its local analysis; a file that fails is recorded in `errors`. */
function parseModules(files: FileContext[], targetHost: string | undefined, errors: Map<string, HandlerError>): Map<string, ParsedModule> {
  const parsed = new Map<string, ParsedModule>();
  for (const ctx of files) {
    try {
      const { sf, error } = parseJs(ctx.file.rel, ctx.file.text);
      if (error) {
        // A module parsed only to follow values into it (no OpenAI marker) is not a failure of the run.
        if (!ctx.file.related) errors.set(ctx.file.abs, { id: 'E_PARSE', message: `syntax error at ${ctx.file.rel}:${error}` });
        continue;
      }
      parsed.set(ctx.file.abs, { ctx, sf, facts: analyzeJs(sf, undefined, targetHost) });
    } catch (e) {
      errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
    }
  }
  return parsed;
}

/**
 * Phase B: seed imported clients/factories and re-analyse (same AST, no re-parse). Again while a
 * module's exports changed (a client built from an imported factory, re-exported by a barrel).
 */
function seedImports(parsed: Map<string, ParsedModule>, cross: CrossModule, targetHost: string | undefined): void {
  const seeded = new Map<string, string>();
  for (let round = 0, changed = true; changed && round < 4; round++) {
    changed = false;
    for (const [abs, p] of parsed) {
      const seeds = importSeeds(abs, p, cross);
      if (!seeds.clients.size && !seeds.factories.size && !seeds.namespaces) continue;
      const key = JSON.stringify([[...seeds.clients], [...seeds.factories], [...(seeds.namespaces ?? [])].map(([k, v]) => [k, [...v]])]);
      if (seeded.get(abs) === key) continue;
      seeded.set(abs, key);
      p.facts = analyzeJs(p.sf, seeds, targetHost);
      changed = true;
    }
  }
}

/**
 * `import { env } from './env'` where that module exports a schema-validated env object (zod, envalid,
 * t3-env): `env.X` reads variable X here too, so the module is analysed again with it (its client's
 * base URL `env.OPENAI_BASE_URL` resolves; src/lang/js/shared-keys.ts renames or keeps the schema entries).
 */
function importedEnvObjects(parsed: Map<string, ParsedModule>, cross: CrossModule, targetHost: string | undefined): void {
  for (const [abs, p] of parsed) {
    const found = new Map<string, ts.Expression>();
    for (const [local, b] of p.facts.imports) {
      if (b.imported === '*') continue;
      const hit = cross.resolveImport(abs, local);
      if (hit?.fact.kind === 'value' && hit.abs !== abs && envSchemaOf(hit.fact.node)) found.set(local, hit.fact.node);
    }
    if (!found.size) continue;
    setImportedEnvObjects(p.sf, found);
    p.facts = analyzeJs(p.sf, undefined, targetHost);
  }
}

/** The clients, factories and namespaces of clients a module imports from the batch. */
function importSeeds(abs: string, p: ParsedModule, cross: CrossModule): Seeds {
  const seeds: Seeds = { clients: new Map(), factories: new Map() };
  for (const [local, b] of p.facts.imports) {
    if (b.imported === '*') {
      const clients = cross.namespaceClients(abs, local);
      if (clients.size) (seeds.namespaces ??= new Map()).set(local, clients);
      // `ai.createClient()`: a factory reached through the namespace, seeded under its dotted name.
      for (const [name, e] of cross.namespaceExports(abs, local)) if (e.kind === 'factory') seeds.factories.set(`${local}.${name}`, e.status);
    }
    const hit = cross.resolveImport(abs, local);
    if (hit?.fact.kind === 'client') seeds.clients.set(local, hit.fact.status as ClientStatus);
    if (hit?.fact.kind === 'factory') seeds.factories.set(local, hit.fact.status as ClientStatus);
  }
  return seeds;
}

/** Model values used across modules: file -> exported names used as models elsewhere (and each file's first look at its sites). */
function wantedModelExports(parsed: Map<string, ParsedModule>, cross: CrossModule): { wanted: Map<string, Set<string>>; firstPass: Map<string, ModelSites> } {
  const wanted = new Map<string, Set<string>>();
  const firstPass = new Map<string, ModelSites>();
  for (const [abs, p] of parsed) {
    const r = collectModelSites(p.facts, { usesOpenAI: usesOpenAI(p.facts), exportedNames: new Set(), importedParam: cross.importedParam(abs) });
    firstPass.set(abs, r);
    for (const ref of r.imported) {
      const b = p.facts.imports.get(ref.local)!;
      // `ai.MODELS.chat` through `import * as ai`: the export the namespace names.
      const ns = b.imported === '*' && ref.member ? cross.target(abs, b.specifier) : undefined;
      const hit = ns ? cross.lookupExport(ns, ref.member!) : cross.resolveImport(abs, ref.local);
      if (hit) {
        const set = wanted.get(hit.abs) ?? new Set();
        set.add(ns ? ref.member! : b.imported === '*' ? 'default' : b.imported);
        wanted.set(hit.abs, set);
      }
    }
  }
  return { wanted, firstPass };
}

/**
 * Model sites of the code first, then of the tests: a test's ids change only where the
 * code's same id changes (the same value gets the same new value).
 */
function modelSitesByFile(parsed: Map<string, ParsedModule>, cross: CrossModule, wanted: Map<string, Set<string>>, firstPass: Map<string, ModelSites>): Map<string, ModelSites> {
  const siteMap = new Map<string, ModelSites>();
  const codeIds = new Set<string>();
  const rewrittenSites = new Map<string, Set<ts.Node>>();
  for (const [abs, p] of parsed) {
    if (isTestPath(p.ctx.file.rel)) continue;
    const r = wanted.has(abs) ? collectModelSites(p.facts, { usesOpenAI: usesOpenAI(p.facts), exportedNames: wanted.get(abs)!, importedParam: cross.importedParam(abs) }) : firstPass.get(abs)!;
    siteMap.set(abs, r);
    const live = new Set<ts.Node>();
    for (const s of r.sites) {
      if (inTable(p, s.lit)) continue;
      live.add(s.lit);
      codeIds.add(s.id);
    }
    rewrittenSites.set(abs, live);
  }
  const { kept, rewritten, ambiguous } = keptIds(parsed, rewrittenSites, codeIds);
  for (const [abs, p] of parsed) {
    if (!isTestPath(p.ctx.file.rel)) continue;
    const test = { migrated: codeIds, ambiguous, callee: testCallee(parsed, cross, kept, rewritten, abs) };
    siteMap.set(abs, collectModelSites(p.facts, { usesOpenAI: usesOpenAI(p.facts), exportedNames: wanted.get(abs) ?? new Set(), importedParam: cross.importedParam(abs), test }));
  }
  return siteMap;
}

/** A site in a lookup table is left by map-model-ids: for the tests it counts as kept. */
function inTable(p: ParsedModule, lit: ts.Node): boolean {
  const arr = lit.parent;
  const models = p.ctx.models;
  if (!arr || !tsm.isArrayLiteralExpression(arr) || !models) return false;
  const values = arr.elements.filter(isStringLike).map((e) => e.text);
  return values.length === arr.elements.length && isModelLookupTable(values, (v) => models.lookup(v)?.target);
}

/** OpenAI-id literals the code keeps (not sites) and rewrites: an id both rewritten and kept is ambiguous in a test. */
function keptIds(parsed: Map<string, ParsedModule>, rewrittenSites: Map<string, Set<ts.Node>>, codeIds: Set<string>): { kept: IdsAt; rewritten: IdsAt; ambiguous: Set<string> } {
  const kept: IdsAt = new Map();
  const rewritten: IdsAt = new Map();
  const ambiguous = new Set<string>();
  for (const [abs, sites] of rewrittenSites) {
    const keptHere: Array<{ id: string; pos: number }> = [];
    walk(parsed.get(abs)!.sf, (n) => {
      if (isStringLike(n) && !sites.has(n) && isOpenAIId(n.text)) keptHere.push({ id: n.text, pos: n.getStart() });
    });
    kept.set(abs, keptHere);
    rewritten.set(
      abs,
      [...sites].map((s) => ({ id: (s as ts.StringLiteral).text, pos: s.getStart() })),
    );
    for (const k of keptHere) if (codeIds.has(k.id)) ambiguous.add(k.id);
  }
  return { kept, rewritten, ambiguous };
}

/** For a test file: whether the imported function (or constant) `local` of the code migrated or left the id `id`. */
function testCallee(parsed: Map<string, ParsedModule>, cross: CrossModule, kept: IdsAt, rewritten: IdsAt, abs: string) {
  return (local: string, id: string): 'migrated' | 'left' | undefined => {
    const b = parsed.get(abs)?.facts.imports.get(local);
    if (!b) return undefined;
    const cand = cross.target(abs, b.specifier);
    if (cand) {
      const facts = parsed.get(cand)?.facts;
      const name = b.imported === 'default' ? local : b.imported;
      // A function (its body) or a constant (its initializer) of that module.
      const fn: ts.Node | undefined = facts?.functions.get(name) ?? facts?.values.get(name);
      if (!fn) return undefined;
      const inFn = (x: { id: string; pos: number }) => x.id === id && x.pos >= fn.pos && x.pos < fn.end;
      if ((kept.get(cand) ?? []).some(inFn)) return 'left';
      if ((rewritten.get(cand) ?? []).some(inFn)) return 'migrated';
      return undefined;
    }
    return undefined;
  };
}

type AdapterPlan = RulesAdapterPlan<NonNullable<FileContext['target']>>;

/** Multi-provider apps (src/rules/adapters.ts), from the JS/TS analysis of each module. */
function adapterPlan(target: FileContext['target'], parsed: Map<string, ParsedModule>): AdapterPlan {
  const lineOf = (p: ParsedModule, at: number) => p.sf.getLineAndCharacterOfPosition(at).line + 1;
  const mods = [...parsed.values()].map((p) => ({ rel: p.ctx.file.rel, p }));
  return planAdapters(target, mods, {
    hints: ({ p }) => otherAdapterHints(p.facts),
    adapterLine: ({ p }) => {
      const at = targetAdapterAt(p.facts, target?.provider.integrations.aiSdk?.package);
      return at === undefined ? undefined : lineOf(p, at);
    },
    selection: ({ p }, names) => targetSelection(p.facts, names),
    defaults: ({ rel, p }) => defaultProviderLiterals(p.facts).map((l) => `${rel}:${lineOf(p, l.getStart())}`),
  });
}

/** A module ready for its transforms: its context (client plan made), and what the adapter note needs. */
interface Prepared {
  jctx: MigrateContext<JsContext>;
  p: ParsedModule;
  openaiAdapter: boolean;
  at: number;
}

/** Phase C for one module: its context for the transforms, detection, its client plan (or the adapter note instead; then nothing to transform). */
function prepareModule(abs: string, p: ParsedModule, run: RunShared): Prepared | undefined {
  const { opts, cross } = run;
  const { target } = run.adapters;
  const adapterHere = run.adapters.adapters.find((a) => a.inScope(p.ctx.file.rel));
  const uses = usesOpenAI(p.facts);
  const jctx: JsContext = Object.assign(p.ctx, {
    sf: p.sf,
    facts: p.facts,
    usesOpenAI: uses,
    models_: run.siteMap.get(abs)!,
    q: preferredQuote(p.sf.text),
    semi: usesSemicolons(p.sf.text) ? ';' : '',
    modelValues: (e: ts.Expression) => cross.valuesOf(abs, e),
    foreignRequests: run.foreignRequests.get(abs) ?? [],
    foreignParams: run.foreignParams.get(abs) ?? [],
    resolvesToLiteral: (e: ts.Expression) => cross.literalOf(abs, e) !== undefined,
    targetHost: run.targetHost,
    composedUses: run.composed.uses.get(abs) ?? [],
    composedPaths: run.composed.paths.get(abs) ?? [],
    enumNames: run.enumNames,
    projectReachesOpenAI: run.reachesOpenAI,
  });
  detectJs(jctx);
  if (!p.ctx.file.outside) reportOutsideUse(jctx, cross);
  // The app already has the target's adapter: its default-provider setting selects it.
  if (adapterHere && target && !isTestPath(p.ctx.file.rel) && (!opts.only || opts.only.includes('map-model-ids'))) {
    for (const lit of defaultProviderLiterals(p.facts)) {
      replaceStringContent(jctx.edits, lit, adapterHere.selection);
      jctx.change('config', lit.getStart(), msg('adapters.defaultProvider', { from: lit.text, to: adapterHere.selection, provider: shortName(target.provider) }), { transform: 'map-model-ids' });
    }
  }
  if (!isMigrating(jctx)) return undefined;
  const sdkImport = p.sf.statements.find((st) => tsm.isImportDeclaration(st) && isStringLike(st.moduleSpecifier) && /^(openai|@(ai-sdk|langchain)\/openai)$/.test(st.moduleSpecifier.text));
  const at = sdkImport?.getStart() ?? p.facts.constructions[0]?.node.getStart() ?? 0;
  // OpenAI through the SDK or a framework's OpenAI adapter (`@ai-sdk/openai`, `@langchain/openai`).
  // A file whose clients all go elsewhere (the target's own adapter, another service's) is not the OpenAI adapter.
  const ownAdapter = p.facts.constructions.length > 0 && p.facts.constructions.every((c) => c.status === 'target' || c.status === 'other');
  const openaiAdapter = !ownAdapter && (uses || [...p.facts.imports.values()].some((b) => /^@(ai-sdk|langchain)\/openai$/.test(b.specifier)));
  if (openaiAdapter && adapterHere && !isTestPath(p.ctx.file.rel)) {
    // Said once for the app; the other OpenAI files are left without a word each.
    if (run.adapters.adapterSaid.has(adapterHere)) return undefined;
    run.adapters.adapterSaid.add(adapterHere);
    const defaultsAt = adapterHere.defaultsAt;
    const sel = adapterHere.selection;
    jctx.followUp(
      at,
      msg('adapters.targetExists', { provider: shortName(jctx.target.provider), at: `${adapterHere.rel}:${adapterHere.line}`, selection: sel }),
      defaultsAt.length ? msg('adapters.targetExists.defaultChanged', { selection: sel, at: defaultsAt.join(', ') }) : msg('adapters.targetExists.select', { selection: sel }),
    );
    return undefined;
  }
  clientPlan(jctx); // which clients stay (before any transform reads a client's status)
  return { jctx, p, openaiAdapter, at };
}

/** Phase C for one prepared module: the transforms, the once-per-app note, the package needs. */
function transformPrepared({ jctx, p, openaiAdapter, at }: Prepared, run: RunShared): void {
  const { opts } = run;
  const { others } = run.adapters;
  if (!run.reachesOpenAI) keysStayNote(jctx, run);
  for (const t of (opts.transforms ?? []) as ReadonlyArray<Transform<JsContext>>) {
    if (opts.only && !opts.only.includes(t.id)) continue;
    t.run(jctx);
  }
  // Said once, on the first file whose OpenAI adapter was actually migrated.
  if (openaiAdapter && others.size && !run.adapters.othersSaid && !isTestPath(p.ctx.file.rel) && jctx.changes.length) {
    run.adapters.othersSaid = true;
    jctx.followUp(at, msg('adapters.oneOfSeveral', { others: [...others].sort().join(', ') }), msg('adapters.oneOfSeveral.todo'));
  }
  recordDependencies(jctx, p.facts, opts);
}

/** What Phase C adds to a file's context for detection and the transforms. */
const ANALYSIS_KEYS = [
  'sf',
  'facts',
  'usesOpenAI',
  'models_',
  'q',
  'semi',
  'modelValues',
  'foreignRequests',
  'foreignParams',
  'resolvesToLiteral',
  'targetHost',
  'composedUses',
  'composedPaths',
  'enumNames',
  'projectReachesOpenAI',
] as const;

/** Hand the packages this file's rewrites introduced or dropped to the package.json step. */
function recordDependencies(ctx: JsContext, f: JsFacts, opts: HandlerOptions): void {
  const needs = packageNeeds(ctx);
  const state = depsState(opts.project);
  if (!state) return;
  const pkg = nearestPackageJson(ctx.file.abs);
  if (!pkg) return;
  const entry = state.get(pkg) ?? { add: new Set<string>(), dropped: new Set<string>(), stillUsed: new Set<string>() };
  for (const a of needs.add) entry.add.add(a);
  for (const d of needs.dropped) entry.dropped.add(d);
  for (const b of f.imports.values()) {
    const root = packageRoot(b.specifier);
    if (root && !needs.dropped.has(root)) entry.stillUsed.add(root);
  }
  for (const d of f.openaiImports) {
    const spec = (d.moduleSpecifier as ts.StringLiteral).text;
    const root = packageRoot(spec);
    if (root && !needs.dropped.has(root)) entry.stillUsed.add(root);
  }
  state.set(pkg, entry);
}

/** An OpenAI SDK or adapter package named in a string (import, require, dynamic import): openai v3/v4+, openai-edge, the Azure SDKs, framework adapters. */
const OPENAI_PACKAGE = /['"](openai|openai-edge|azure-openai|@azure\/openai|@ai-sdk\/openai|@ai-sdk\/azure|@langchain\/openai|@openai\/[\w-]+)(\/[^'"\n]*)?['"]/;

/**
 * Does any module of the run talk to OpenAI: the SDK, an OpenAI framework adapter, or an
 * OpenAI URL? Without one, `OPENAI_API_KEY` and friends feed something else (an
 * OpenAI-compatible provider configured through OPENAI_* names, found on
 * Pleasurecruise/my-monorepo: SiliconFlow through `@ai-sdk/openai-compatible`), so the key
 * reads keep their names: renaming them would send the provider's key to that other host.
 */
function projectReachesOpenAI(parsed: Map<string, ParsedModule>): boolean {
  for (const p of parsed.values()) {
    if (usesOpenAI(p.facts) || /api\.openai\.com|openai\.azure\.com/.test(p.ctx.file.text) || OPENAI_PACKAGE.test(p.ctx.file.text)) return true;
  }
  return false;
}

/** Said once, at the first OpenAI key read of a run that has no OpenAI client: why the key keeps its name. */
function keysStayNote(ctx: JsContext, run: RunShared): void {
  if (run.keysNoteSaid || isTestPath(ctx.file.rel)) return;
  const m = /\b(?:[A-Z]+_)*(?:AZURE_)?OPENAI_API_KEY\b/.exec(ctx.file.text);
  if (!m) return;
  run.keysNoteSaid = true;
  ctx.followUp(m.index, msg('keys.noOpenAIClient', { name: m[0] }), msg('keys.noOpenAIClient.todo', { name: m[0] }));
}

export function usesOpenAI(f: JsFacts): boolean {
  return f.importsOpenAI || f.clients.size > 0 || f.members.size > 0 || f.factories.size > 0 || f.constructions.length > 0;
}
