import { handlerError } from '../../i18n/reasons.js';
import { msg, type Text } from '../../i18n/msg.js';
import { fileError } from '../../engine/batch.js';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { type FileContext, type HandlerError, type HandlerOptions, runRootOf } from '../../engine/types.js';
import { analyzePython, envBackedNames, envRead, mergeEnvBacked, reachesOpenAI, type EnvBacked, type PyFacts, type PySeeds } from './analyze.js';
import { pyUnrouteStuckModels } from './routing.js';
import { collectPyModelSites, isOpenAIId, type PyModelSite } from './model-sites.js';
import { isModelLookupTable } from '../../rules/models.js';
import { stringContentRange, stringValue, unparen, walk as walkPy, type Node } from './parse.js';
import { isTestPath, planAdapters, recordTargetAdapterApps, targetNames, type AdapterPlan as RulesAdapterPlan } from '../../rules/adapters.js';
import { pyDefaultProviderLiterals, pyOtherAdapterHints, pyProviderConsts, pyTargetAdapterAt, pyTargetRoutes, pyTargetSelection, type PyTargetFacts } from './adapters.js';
import { shortName } from '../../providers/index.js';
import { parsePython, type PyTree } from './parse.js';
import { runPython, usesOpenAI } from './pipeline.js';
import { appReaches, collectKeptSettings, migratesSomeClient, pyAppDir, reachesTarget, recordApps } from './client-plan.js';
import type { KeptSettings } from './context.js';
import { analyzeWrappers } from './wrappers.js';
import { isNotebook, processNotebook, validateNotebook } from './notebook.js';
import { reportPyOutsideUse, type PyOrigin, type PyOutsideModel } from './outside.js';
import { isManifest, editManifest, manifestRoot, ownerOf, projectVersions, pyCompat, validateManifest } from './deps.js';

import { SETTINGS_ENV, envRole, type EnvRole } from '../../rules/env.js';
import { settingsForImport } from './settings.js';
import { batchBytes, collectGarbage } from '../../engine/memory.js';
import { draftOf, takeDraft } from '../../engine/context.js';
import { phase, timingNote } from '../../engine/timing.js';
import { ModuleScope, pyImportBatches, SDK_MODULE, sdkShadows } from './batches.js';
import { collectPyComposedUrls, litOf, type PyComposedUrls, type PyLit } from './composed-urls.js';

interface Parsed {
  ctx: FileContext;
  py: PyTree;
  facts: PyFacts;
}

/** Candidate files for a module name as written in an import, relative to the importing file. */
function moduleCandidates(fromAbs: string, mod: string, parsed: Map<string, Parsed>): string[] {
  const out = candidatesIn(fromAbs, mod, parsed);
  // A dense run's first pass: would the whole batch answer with a module outside this sub-batch?
  if (moduleScope && !moduleScope.escaped) {
    const scope = moduleScope;
    const resolved = parsed.get(fromAbs)?.ctx.file.imports?.[mod];
    // Every module a suffix names (not only the nearest): equally near ones outside the sub-batch make the whole
    // batch's answer "ambiguous, none" where the sub-batch would link the one it holds.
    const whole = resolved && scope.all.has(resolved) ? [resolved] : candidatesIn(fromAbs, mod, scope.all, !!parsed.get(fromAbs)?.ctx.file.imports, true);
    if (whole.some((c) => !scope.here.has(c))) {
      scope.escaped = true;
      timingNote(`python: ${fromAbs} looks up ${mod} outside its sub-batch (${whole.find((c) => !scope.here.has(c))})`);
    }
  }
  return out;
}

function candidatesIn(fromAbs: string, mod: string, parsed: Map<string, Parsed> | ReadonlySet<string>, graphKnown = false, everySuffix = false): string[] {
  if (parsed instanceof Map) graphKnown = !!parsed.get(fromAbs)?.ctx.file.imports;
  // Where the project graph resolved it (package roots, `src` layouts, relative at any depth).
  if (parsed instanceof Map) {
    const resolved = parsed.get(fromAbs)?.ctx.file.imports?.[mod];
    if (resolved && parsed.has(resolved)) return [resolved];
  }
  const out: string[] = [];
  const rel = /^(\.+)(.*)$/.exec(mod);
  const tails = (p: string) => [p + '.py', path.join(p, '__init__.py')];
  if (rel) {
    let dir = path.dirname(fromAbs);
    for (let i = 1; i < rel[1]!.length; i++) dir = path.dirname(dir);
    out.push(...tails(path.join(dir, ...rel[2]!.split('.').filter(Boolean))));
  } else {
    const suffix = path.join(...mod.split('.'));
    const found: string[] = [];
    // Joined once per lookup, not once per module of the batch (a dense run asks the whole batch of every lookup).
    const ends = tails(suffix).map((t) => path.sep + t);
    for (const abs of parsed.keys()) {
      for (const e of ends) if (abs.endsWith(e)) found.push(abs);
    }
    // `import openai`: a local module of that name only where Python would import it instead of the SDK (batches.ts).
    if (SDK_MODULE.test(mod)) found.splice(0, found.length, ...sdkShadows(fromAbs, mod, graphKnown, found));
    if (everySuffix) return found;
    const near = nearest(fromAbs, found, suffix);
    if (near.length > 1 && parsed instanceof Map) noteAmbiguous(fromAbs, mod, near, parsed);
    return near.length === 1 ? near : [];
  }
  return out.filter((c) => parsed.has(c));
}

/**
 * Modules found by dotted suffix (an import the project graph did not resolve: a `sys.path` the
 * code sets up, a folder run on its own): those whose package root shares the longest folder
 * prefix with the importing file. Several at the same distance (`from config import settings`
 * where `apps/a/config.py` and `apps/b/config.py` are equally far) name no module: linking one
 * would follow another app's values, so the caller sees none.
 */
function nearest(fromAbs: string, found: string[], suffix: string): string[] {
  if (found.length < 2) return found;
  const from = path.dirname(fromAbs).split(path.sep);
  const depth = (abs: string) => {
    const root = (abs.endsWith(path.sep + '__init__.py') ? path.dirname(abs) : abs.replace(/\.py$/i, '')).slice(0, -suffix.length).split(path.sep);
    let i = 0;
    while (i < from.length && i < root.length - 1 && from[i] === root[i]) i++;
    return i === root.length - 1 ? i + 0.5 : i;
  };
  const d = found.map(depth);
  const best = Math.max(...d);
  return found.filter((_, i) => d[i] === best);
}

/** Imports of a module that several modules of the run answer to, equally near (file -> module -> candidates): reported once per import. */
const ambiguousImports = new Map<string, Map<string, string[]>>();

/** An ambiguous lookup is worth a follow-up when one of the modules it could name bears on a request (a client, settings, an OpenAI id). */
function noteAmbiguous(fromAbs: string, mod: string, cands: string[], parsed: Map<string, Parsed>): void {
  const bears = (f: PyFacts) =>
    f.importsOpenAI || f.clients.size > 0 || f.factories.size > 0 || f.settings.classes.size > 0 || f.settings.objects.size > 0 || [...f.values.values()].some((v) => isOpenAIId(stringValue(v) ?? ''));
  if (!cands.some((c) => bears(parsed.get(c)!.facts))) return;
  let m = ambiguousImports.get(fromAbs);
  if (!m) ambiguousImports.set(fromAbs, (m = new Map()));
  m.set(mod, cands);
}

/**
 * The Python handler's work, loaded on the first Python candidate (the handler
 * itself is a light shell, so runs without Python never load the analysis).
 */
export const processor = {
  async validate(text: string, rel: string): Promise<string | undefined> {
    if (isNotebook(rel)) return validateNotebook(text, rel);
    if (isManifest(rel)) return validateManifest(text, rel);
    const r = await parsePython(text);
    r.py?.delete();
    return r.error;
  },
  async process(files: FileContext[], opts: HandlerOptions) {
    const errors = new Map<string, HandlerError>();
    const target = files[0]?.target;
    const targetHost = target ? new URL(target.baseURL).host : undefined;
    const deps = dependencyPlan(files);
    const modules = files.filter((c) => /\.py$/i.test(c.file.rel));
    // Dense runs: import-connected sub-batches of bounded size, after a first pass for the app-wide facts (src/lang/python/batches.ts).
    // Cut when the batch is over the JS/TS budget (so a batch that size or smaller, as the sparse bench's, has no first pass).
    const batches = pyImportBatches(modules, pyBatchBytes(), batchBytes());
    const order = new Map(modules.map((c, i) => [c.file.abs, i]));
    const appRoot = projectRootFinder(files);
    let app: PyAppFacts | undefined;
    /** The apps that move something (the notebooks' key rule): the drafts' gathered ones, or the sub-batches'. */
    let apps: Later['apps'] | undefined;
    if (batches.length > 1) {
      const guess = phase('python: sub-batches on the common app-wide facts (no first pass)');
      const r = await withoutFirstPass(batches, modules, order, { opts, target, targetHost, deps, errors, appRoot });
      guess();
      if (r.done) {
        apps = r.apps;
        timingNote(`python: ${batches.length} import-connected sub-batches of up to ${pyBatchBytes()} bytes, no first pass (the app-wide facts were the common ones)`);
      } else {
        timingNote(`python: no first pass skipped: ${r.why}`);
        const first = phase('python: first pass (app-wide facts)');
        app = await appFacts(batches, modules, order, target, targetHost, appRoot);
        first();
        timingNote(app ? `python: ${batches.length} import-connected sub-batches of up to ${pyBatchBytes()} bytes` : 'python: a sub-batch imports outside itself; the batch was processed whole');
      }
    }
    if (!apps) {
      const later: Later = { othersNote: [], packages: [], settingsEnv: [], apps: {} };
      for (const batch of app ? batches : [modules]) {
        await processGroup(batch, { opts, target, targetHost, deps, errors, app, order, later, appRoot });
        if (app) collectGarbage(textBytes(batch));
      }
      sayLater(later, deps, opts);
      apps = later.apps;
    }
    await processNotebooks(files, opts, targetHost, deps, errors, apps);
    await processManifests(files, opts, deps, errors);
    return errors;
  },
};

/**
 * Text bytes of one Python sub-batch: a quarter of the JS/TS one (250 KB by default). The Python
 * analysis holds about 190 times its text on the heap (each tree's named nodes listed as objects, and
 * the facts; measured in test/py-batches.test.ts), the JS/TS trees about 35 times.
 */
export const pyBatchBytes = (): number => Math.max(1, Math.floor(batchBytes() / 4));

const textBytes = (batch: FileContext[]) => batch.reduce((n, c) => n + c.file.text.length, 0);

/** The facts every module of a run shares, whichever sub-batch it is in (from a first pass over all of them). */
interface PyAppFacts {
  keptSettings: KeptSettings;
  adapters: AdapterPlan;
  /** Per target adapter: the first module (batch index) that gets the "adapter exists" note. */
  adapterNoteAt: Map<object, number>;
  /** For the test files: the ids the code rewrites, and those it both rewrites and keeps. */
  tests: { migrated: Set<string>; ambiguous: Set<string> };
}

/** What is said or recorded after every module is done, in batch order (the order a whole-batch run gives). */
interface Later {
  /** The "only the OpenAI adapter was migrated" note: the first qualifying module gets it. */
  othersNote: Array<{ index: number; say: () => void }>;
  packages: Array<{ index: number; abs: string; pkgs: Set<string> }>;
  settingsEnv: Array<{ index: number; env: Map<string, EnvRole> }>;
  /** The apps of the run's modules that move something to the provider, and their imports (for the notebooks). */
  apps: Pick<KeptSettings, 'migratingApps' | 'reachingApps' | 'appImports'>;
}

function sayLater(later: Later, deps: DependencyPlan, opts: HandlerOptions): void {
  const byIndex = <T extends { index: number }>(l: T[]) => l.sort((a, b) => a.index - b.index);
  byIndex(later.othersNote)[0]?.say();
  for (const { abs, pkgs } of byIndex(later.packages)) for (const pkg of pkgs) need(deps, pkg, abs);
  // Prefixed settings variables renamed in code: the env files of the run rename their entries (src/lang/env).
  if (later.settingsEnv.length && opts.project) {
    const shared = (opts.project.get(SETTINGS_ENV) as Map<string, EnvRole> | undefined) ?? new Map<string, EnvRole>();
    for (const { env } of byIndex(later.settingsEnv)) for (const [name, role] of env) shared.set(name, role);
    opts.project.set(SETTINGS_ENV, shared);
  }
}

interface GroupRun {
  opts: HandlerOptions;
  target: FileContext['target'];
  targetHost: string | undefined;
  deps: DependencyPlan;
  errors: Map<string, HandlerError>;
  app: PyAppFacts | undefined;
  order: Map<string, number>;
  later: Later;
  /** The run's Python project root at or above a folder (projectRootFinder). */
  appRoot: (dir: string) => string | undefined;
  /** A run without a first pass (withoutFirstPass): each sub-batch adds its share of the app-wide facts here. */
  gather?: Gathered;
}

/** What Phases A and B learn of a group of modules (the whole batch, or one sub-batch). */
interface Analysed {
  parsed: Map<string, Parsed>;
  origins: Map<string, PyOrigin>;
  keptSettings: KeptSettings;
  composed: PyComposedUrls;
  outsideModels: Map<string, PyOutsideModel[]>;
  siteMap: Map<string, PySites>;
  codeIds: Set<string>;
  keptAll: Set<string>;
}

/** Phases A and B over a group; the first pass and processGroup run the same steps. */
async function analyseGroup(files: FileContext[], target: FileContext['target'], targetHost: string | undefined, errors: Map<string, HandlerError>, tests?: PyAppFacts['tests']): Promise<Analysed> {
  ambiguousImports.clear();
  // Phase A: parse and analyse each .py file.
  const parsed = await parseModules(files, targetHost, errors);
  // Phase B: clients and factories imported from other modules of the batch.
  const origins = seedImports(parsed, targetHost);
  // Key and base-URL settings that clients staying as they are read, in whatever module they are filled.
  const keptSettings: KeptSettings = { keys: new Map(), bases: new Map(), fields: new Set() };
  for (const [, p] of parsed) collectKeptSettings(p.facts, p.ctx.file.rel.replace(/\\/g, '/'), keptSettings, target);
  keptSettings.movedBases = movedBaseVars(parsed, keptSettings);
  for (const p of parsed.values()) recordApps(keptSettings, p.ctx.file, migratesSomeClient(p.facts, target, p.ctx.file.text), reachesTarget(p.facts, targetHost, p.ctx.file.text));
  keptSettings.migrates = !!keptSettings.migratingApps?.size;
  // URLs composed from a host-only OpenAI base and a `/v1/...` path, across modules: their modules call OpenAI.
  const composed = collectPyComposedUrls(
    [...parsed].map(([abs, p]) => [abs, p.py] as [string, PyTree]),
    (abs, e) => pyStringOf(parsed, abs, e),
  );
  for (const abs of composed.uses.keys()) parsed.get(abs)!.facts.composedUse = true;
  const outsideModels = outsideModelIds(parsed);
  const wanted = wantedModelConstants(parsed, targetHost);
  const { siteMap, codeIds, keptAll } = modelSitesByFile(parsed, wanted, targetHost, tests);
  pyUnrouteStuckModels(parsed, siteMap, target, (abs, local) => lookupImport(parsed, abs, local));
  return { parsed, origins, keptSettings, composed, outsideModels, siteMap, codeIds, keptAll };
}

/** Parse -> analyse -> detect -> transform one group of modules closed under imports; only the contexts' edits, findings and follow-ups stay. */
async function processGroup(files: FileContext[], g: GroupRun): Promise<boolean> {
  const { opts, target, targetHost, errors } = g;
  // Without a first pass, this sub-batch's module lookups are checked here, before anything is transformed.
  const scope = g.gather && (moduleScope = new ModuleScope(g.gather.all, new Set(files.map((c) => c.file.abs))));
  let a: Analysed;
  try {
    a = await analyseGroup(files, target, targetHost, errors, g.app?.tests);
    if (scope && !gatherFacts(a, scope, g.gather!, g.order, target, targetHost)) {
      for (const p of a.parsed.values()) p.py.delete();
      return false;
    }
  } finally {
    moduleScope = undefined;
  }
  const { parsed } = a;
  const adapters = g.app?.adapters ?? adapterPlan(target, parsed, g.appRoot);
  // The config and env files of an app with the target's adapter are left with its code (src/lang/config, src/lang/env).
  const first = files[0]?.file;
  if (first && adapters.adapters.length) {
    const runRoot = runRootOf(first);
    recordTargetAdapterApps(
      opts.project,
      adapters.adapters.map((a) => path.join(runRoot, a.root ?? '')),
    );
  }
  const kept = g.app?.keptSettings ?? a.keptSettings;
  for (const app of kept.migratingApps ?? []) (g.later.apps.migratingApps ??= new Set()).add(app);
  for (const app of kept.reachingApps ?? []) (g.later.apps.reachingApps ??= new Set()).add(app);
  for (const [app, to] of kept.appImports ?? []) (g.later.apps.appImports ??= new Map()).set(app, new Set([...(g.later.apps.appImports.get(app) ?? []), ...to]));
  const run: RunShared = {
    opts,
    targetHost,
    deps: g.deps,
    origins: a.origins,
    keptSettings: g.app?.keptSettings ?? a.keptSettings,
    outsideModels: a.outsideModels,
    siteMap: a.siteMap,
    adapters,
    adapterNoteAt: g.app?.adapterNoteAt,
    composed: a.composed,
    order: g.order,
    later: g.later,
  };
  // Phase C: detect and transform.
  for (const [abs, p] of parsed) {
    try {
      transformModule(abs, p, run);
    } catch (e) {
      errors.set(p.ctx.file.abs, fileError(e, p.ctx.file.rel));
    } finally {
      p.py.delete();
    }
  }
  // The engine keeps each context (edits, findings) until the handler's files are finished; the
  // tree (deleted above) and the analysis runPython hung on it are done with.
  for (const p of parsed.values()) for (const k of ANALYSIS_KEYS) delete (p.ctx as unknown as Record<string, unknown>)[k];
  return true;
}

/** What runPython hangs on a context (src/lang/python/context.ts PyContext beyond FileContext). */
const ANALYSIS_KEYS = ['py', 'facts', 'wrappers', 'usesOpenAI', 'models_', 'q', 'targetHost', 'packageFits', 'envStyle', 'needImports', 'packages', 'keptSettings', 'settingsEnv', 'composed'];

/**
 * The first pass of a dense run: each sub-batch analysed as processGroup does, keeping only the
 * app-wide facts as small data. Undefined when a lookup in a sub-batch named a module outside it
 * that the grouping missed: then the batch is processed whole.
 */
async function appFacts(
  batches: FileContext[][],
  modules: FileContext[],
  order: Map<string, number>,
  target: FileContext['target'],
  targetHost: string | undefined,
  appRoot: (dir: string) => string | undefined,
): Promise<PyAppFacts | undefined> {
  const g = emptyGathered(modules);
  for (const batch of batches) if (!(await firstPassOf(batch, g, order, target, targetHost))) return undefined;
  return pyAppFactsOf(g, target, appRoot);
}

/** One sub-batch of the first pass, analysed as processGroup does; false when a lookup leaves it. */
async function firstPassOf(batch: FileContext[], g: Gathered, order: Map<string, number>, target: FileContext['target'], targetHost: string | undefined): Promise<boolean> {
  try {
    const scope = (moduleScope = new ModuleScope(g.all, new Set(batch.map((c) => c.file.abs))));
    const a = await analyseGroup(batch, target, targetHost, new Map());
    const ok = gatherFacts(a, scope, g, order, target, targetHost);
    for (const p of a.parsed.values()) p.py.delete();
    if (!ok) return false;
  } finally {
    moduleScope = undefined;
  }
  collectGarbage(textBytes(batch));
  return true;
}

/** What the first pass keeps of the sub-batches (small data only). */
interface Gathered {
  /** Every `.py` module of the batch (for ModuleScope). */
  all: ReadonlySet<string>;
  keptSettings: KeptSettings;
  /** The app (client-plan.ts pyAppDir) of every module gathered: a run without a first pass needs each to move its keys. */
  apps: Set<string>;
  migrated: Set<string>;
  keptAll: Set<string>;
  movedCandidates: Set<string>;
  probes: Array<PyProbeData & { index: number }>;
  /** Modules that get an adapter note when a target adapter's scope holds them (batch index, rel). */
  noteCandidates: Array<{ index: number; rel: string }>;
}

const emptyGathered = (modules: FileContext[]): Gathered => ({
  all: new Set(modules.map((c) => c.file.abs)),
  keptSettings: { keys: new Map(), bases: new Map(), fields: new Set(), migrates: false },
  apps: new Set(),
  migrated: new Set(),
  keptAll: new Set(),
  movedCandidates: new Set(),
  probes: [],
  noteCandidates: [],
});

/**
 * What the first pass keeps of one analysed sub-batch (Phases A and B done, trees still here), added to `g`;
 * false when a lookup names a module outside the sub-batch (then the batch is processed whole).
 */
function gatherFacts(a: Analysed, scope: ModuleScope, g: Gathered, order: Map<string, number>, target: FileContext['target'], targetHost: string | undefined): boolean {
  // Every import of every module, as any later lookup (the tests' references too) may follow it. These lookups only
  // check the scope: the ambiguous imports they meet are not the analysis's (a run without a first pass transforms next).
  const said = [...ambiguousImports].map(([k, v]) => [k, new Map(v)] as const);
  for (const [abs, p] of a.parsed) {
    for (const b of p.facts.imports.values()) {
      moduleCandidates(abs, b.module, a.parsed);
      moduleCandidates(abs, b.module ? `${b.module}.${b.name}` : b.name, a.parsed);
    }
    for (const m of p.facts.moduleAliases.values()) moduleCandidates(abs, m, a.parsed);
  }
  ambiguousImports.clear();
  for (const [k, v] of said) ambiguousImports.set(k, v);
  if (scope.escaped) return false;
  const { keptSettings } = g;
  for (const [k, v] of a.keptSettings.keys) keptSettings.keys.set(k, [...(keptSettings.keys.get(k) ?? []), ...v]);
  for (const [k, v] of a.keptSettings.bases) keptSettings.bases.set(k, [...(keptSettings.bases.get(k) ?? []), ...v]);
  for (const f of a.keptSettings.fields) keptSettings.fields.add(f);
  keptSettings.migrates ||= a.keptSettings.migrates;
  for (const app of a.keptSettings.migratingApps ?? []) (keptSettings.migratingApps ??= new Set()).add(app);
  for (const app of a.keptSettings.reachingApps ?? []) (keptSettings.reachingApps ??= new Set()).add(app);
  for (const [app, to] of a.keptSettings.appImports ?? []) {
    const links = (keptSettings.appImports ??= new Map());
    links.set(app, new Set([...(links.get(app) ?? []), ...to]));
  }
  for (const p of a.parsed.values()) g.apps.add(pyAppDir(p.ctx.file.abs, p.ctx.file.rel));
  for (const f of a.keptSettings.azureEndpoints ?? []) (keptSettings.azureEndpoints ??= new Set()).add(f);
  // Candidates of the run-wide movedBases (filtered once every sub-batch's kept bases are known).
  for (const v of movedBaseVars(a.parsed, { keys: new Map(), bases: new Map(), fields: new Set() })) g.movedCandidates.add(v);
  for (const id of a.codeIds) g.migrated.add(id);
  for (const id of a.keptAll) g.keptAll.add(id);
  const names = target ? targetNames(target.provider) : [];
  for (const [abs, p] of a.parsed) {
    const index = order.get(abs)!;
    const probe = pyProbeOf(p);
    g.probes.push({
      index,
      rel: probe.rel,
      hints: probe.hints(),
      line: probe.line(),
      selection: target ? probe.selection(names) : undefined,
      consts: target ? probe.consts(names) : [],
      route: target ? probe.route(names) : undefined,
      defaults: target ? probe.defaults() : [],
    });
    if (adapterNoteCandidate(p, targetHost)) g.noteCandidates.push({ index, rel: p.ctx.file.rel });
  }
  return true;
}

/** The app-wide facts from what the first pass kept of every sub-batch. */
function pyAppFactsOf(g: Gathered, target: FileContext['target'], appRoot: (dir: string) => string | undefined): PyAppFacts {
  const { keptSettings } = g;
  keptSettings.movedBases = new Set([...g.movedCandidates].filter((v) => !keptSettings.bases.has(v)));
  g.probes.sort((x, y) => x.index - y.index);
  const adapters = adapterPlan(target, g.probes, appRoot);
  const adapterNoteAt = new Map<object, number>();
  for (const c of g.noteCandidates.sort((x, y) => x.index - y.index)) {
    const here = adapters.adapters.find((ad) => ad.inScope(c.rel));
    if (here && !adapterNoteAt.has(here)) adapterNoteAt.set(here, c.index);
  }
  return { keptSettings, adapters, adapterNoteAt, tests: { migrated: g.migrated, ambiguous: new Set([...g.keptAll].filter((id) => g.migrated.has(id))) } };
}

/**
 * A dense run without its first pass, as the JS/TS handler does (src/lang/js/process.ts withoutFirstPass): the
 * sub-batches are processed on the common app-wide facts (no setting a kept client reads, some client moves and
 * so does every app of the run, no settings field an Azure client reads as its endpoint, no multi-provider plan) on drafts of their contexts (those with a test module after a first pass over them), each adding the facts a first pass would keep
 * of it and checking its module lookups stay inside it. If the facts gathered are the common ones, the drafts'
 * results are the run's; otherwise they are dropped (`why` says why) and the run takes the first pass.
 */
async function withoutFirstPass(
  batches: FileContext[][],
  modules: FileContext[],
  order: Map<string, number>,
  run: Pick<GroupRun, 'opts' | 'target' | 'targetHost' | 'deps' | 'errors' | 'appRoot'>,
): Promise<{ done: true; apps: Later['apps']; why?: undefined } | { done?: undefined; why: string }> {
  if (process.env.OPENAI_MIGRATE_FIRST_PASS === 'always') return { why: 'OPENAI_MIGRATE_FIRST_PASS=always' };
  const drafts = new Map<FileContext, FileContext>();
  for (const c of modules) {
    const d = draftOf(c);
    if (!d) return { why: `${c.file.rel} already holds results` };
    drafts.set(c, d);
  }
  const common: PyAppFacts = {
    keptSettings: { keys: new Map(), bases: new Map(), fields: new Set(), movedBases: new Set(), migrates: true },
    adapters: adapterPlan(run.target, [], run.appRoot),
    adapterNoteAt: new Map(),
    tests: { migrated: new Set(), ambiguous: new Set() },
  };
  const gathered = emptyGathered(modules);
  const errors = new Map<string, HandlerError>();
  const later: Later = { othersNote: [], packages: [], settingsEnv: [], apps: {} };
  const group = async (batch: FileContext[], app: PyAppFacts, gather?: Gathered): Promise<boolean> => {
    const ok = await processGroup(
      batch.map((c) => drafts.get(c)!),
      { ...run, errors, app, order, later, gather },
    );
    collectGarbage(textBytes(batch));
    return ok;
  };
  // A sub-batch with a test module (it reads the ids the whole code rewrites) takes a first pass, and is processed last.
  const tested = batches.filter((b) => b.some((c) => isTestPath(c.file.rel)));
  for (const batch of batches) if (!tested.includes(batch) && !(await group(batch, common, gathered))) return { why: 'a module lookup leaves its sub-batch' };
  for (const batch of tested) if (!(await firstPassOf(batch, gathered, order, run.target, run.targetHost))) return { why: 'a module lookup leaves its sub-batch' };
  const app = pyAppFactsOf(gathered, run.target, run.appRoot);
  const k = app.keptSettings;
  // The drafts knew no apps (appMovesKeys: every app moves its keys, map-model-ids: none is left alone): so must the run.
  const stays = [...gathered.apps].filter((a) => !appReaches(a, k.migratingApps ?? new Set(), k.appImports) || !appReaches(a, k.reachingApps ?? new Set(), k.appImports));
  const differs = [
    (k.keys.size || k.bases.size || k.fields.size || k.movedBases?.size) && 'settings that kept clients read',
    !k.migrates && 'no client moves',
    stays.length && `an app that moves nothing (${stays[0] || '.'})`,
    k.azureEndpoints?.size && 'settings an Azure client reads as its endpoint',
    (app.adapters.others.size || app.adapters.adapters.length) && 'a multi-provider plan',
  ].filter(Boolean);
  if (differs.length) return { why: `the app-wide facts are not the common ones (${differs.join(', ')})` };
  for (const batch of tested) await group(batch, { ...common, tests: app.tests });
  // Said and recorded in batch order, on the drafts, before the contexts take them.
  sayLater(later, run.deps, run.opts);
  for (const [c, d] of drafts) takeDraft(c, d);
  for (const [abs, e] of errors) run.errors.set(abs, e);
  return { done: true, apps: { migratingApps: k.migratingApps, reachingApps: k.reachingApps, appImports: k.appImports } };
}

/** The analysed sub-batch of a dense run's first pass (undefined otherwise): moduleCandidates reports lookups that leave it. */
let moduleScope: ModuleScope | undefined;

type PySites = ReturnType<typeof collectPyModelSites>;
/** Ids at offsets of one module (OpenAI-id literals it keeps, or rewrites). */
type IdsAt = Map<string, Array<{ id: string; pos: number }>>;

/** What every file's Phase C reads (the run's cross-module facts), and the once-per-app notes said so far. */
interface RunShared {
  opts: HandlerOptions;
  targetHost: string | undefined;
  deps: DependencyPlan;
  origins: Map<string, PyOrigin>;
  keptSettings: KeptSettings;
  outsideModels: Map<string, PyOutsideModel[]>;
  siteMap: Map<string, PySites>;
  adapters: AdapterPlan;
  /** Dense run: the module (batch index) each target adapter's note goes to (else the first in processing order). */
  adapterNoteAt?: Map<object, number>;
  composed: PyComposedUrls;
  order: Map<string, number>;
  later: Later;
}

/** The manifests of the run, what their projects installed, and the packages the rewrites introduce. */
interface DependencyPlan {
  /** Package -> code files whose rewrite imports it: each goes only into the manifests of the folder that owns the file. */
  packages: Map<string, Set<string>>;
  /** Manifest folders of this run. */
  roots: string[];
  /** What each manifest folder's project has installed (lock file, else pins). */
  versionsOf: Map<string, ReturnType<typeof projectVersions>>;
}

function dependencyPlan(files: FileContext[]): DependencyPlan {
  const manifests = files.filter((c) => isManifest(c.file.rel));
  const roots = [...new Set(manifests.map((c) => manifestRoot(c.file.abs)))];
  const versionsOf = new Map(
    roots.map((r) => [
      r,
      projectVersions(
        r,
        manifests.filter((c) => manifestRoot(c.file.abs) === r).map((c) => c.file.text),
      ),
    ]),
  );
  return { packages: new Map(), roots, versionsOf };
}

function need(deps: DependencyPlan, pkg: string, abs: string): void {
  deps.packages.set(pkg, (deps.packages.get(pkg) ?? new Set()).add(abs));
}

/** A rewrite introduces a package only when a release of it fits the project that owns the file. */
function fitsFor(deps: DependencyPlan, abs: string) {
  return (pkg: string) => {
    const owner = ownerOf(abs, deps.roots);
    return !owner || pyCompat(pkg, deps.versionsOf.get(owner)!).kind !== 'none';
  };
}

/** Phase A: parse and analyse each .py file; a file that fails is recorded in `errors`. */
async function parseModules(files: FileContext[], targetHost: string | undefined, errors: Map<string, HandlerError>): Promise<Map<string, Parsed>> {
  const parsed = new Map<string, Parsed>();
  const trees: Array<{ ctx: FileContext; py: PyTree }> = [];
  for (const ctx of files) {
    if (!/\.py$/i.test(ctx.file.rel)) continue;
    try {
      const { py, error } = await parsePython(ctx.file.text);
      if (error || !py) {
        // A module parsed only to follow values into it (no OpenAI marker) is not a failure of the run.
        if (!ctx.file.related) errors.set(ctx.file.abs, handlerError('E_PARSE', msg('file.syntaxError', { where: `${ctx.file.rel}:${error}` })));
        py?.delete();
        continue;
      }
      trees.push({ ctx, py });
    } catch (e) {
      errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
    }
  }
  // Names bound to an environment read anywhere in the run: `cfg.openai_api_key` of a config built in another module is not a key the app holds.
  const envBacked: EnvBacked = new Map();
  for (const { py } of trees) mergeEnvBacked(envBacked, envBackedNames(py));
  for (const { ctx, py } of trees) {
    try {
      const facts = analyzePython(py, undefined, targetHost, envBacked);
      stampSettings(facts, ctx.file.rel);
      parsed.set(ctx.file.abs, { ctx, py, facts });
    } catch (e) {
      errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
    }
  }
  return parsed;
}

/** Base-URL variables read with the OpenAI URL as default outside clients, which no staying client reads (KeptSettings.movedBases). */
function movedBaseVars(parsed: Map<string, Parsed>, kept: KeptSettings): Set<string> {
  const out = new Set<string>();
  for (const [, p] of parsed) {
    walkPy(p.py.root, (n) => {
      if (n.type !== 'call' && n.type !== 'subscript') return;
      const env = envRead(n);
      const d = env?.fallback ? stringValue(env.fallback) : undefined;
      if (env && d && envRole(env.name) === 'baseURL' && !/AZURE/.test(env.name) && /^https:\/\/api\.openai\.com\/v1\/?$/.test(d) && !kept.bases.has(env.name)) out.add(env.name);
    });
  }
  return out;
}

/** The settings classes a module defines carry its path (PySettingsClass.origin), into the modules that import them. */
function stampSettings(facts: PyFacts, rel: string): void {
  for (const c of facts.settings.classes.values()) if (c.node) c.origin = rel;
}

/** The client, factory or value an import names, followed through re-exports of the batch. */
function lookupImport(parsed: Map<string, Parsed>, abs: string, local: string, depth = 0): { abs: string; name: string; facts: PyFacts } | undefined {
  const b = parsed.get(abs)!.facts.imports.get(local);
  if (!b || depth > 6) return undefined;
  for (const cand of moduleCandidates(abs, b.module, parsed)) {
    const f = parsed.get(cand)!.facts;
    if (f.clients.has(b.name) || f.factories.has(b.name) || f.values.has(b.name)) return { abs: cand, name: b.name, facts: f };
    // Re-exported by the package (`__init__.py`: `from .llm import client`).
    if (f.imports.has(b.name)) {
      const hit = lookupImport(parsed, cand, b.name, depth + 1);
      if (hit) return hit;
    }
  }
  // `from app.core import llm` where llm is a submodule, or a name the graph resolved to its own module.
  return undefined;
}

function isOutside(parsed: Map<string, Parsed>, abs: string): boolean {
  return !!parsed.get(abs)?.ctx.file.outside;
}

/**
 * Phase B: seed the clients and factories each module imports and re-analyse it.
 * Returns the files whose client comes from a module outside the given paths (read-only): file -> that module.
 */
function seedImports(parsed: Map<string, Parsed>, targetHost: string | undefined): Map<string, PyOrigin> {
  const origins = new Map<string, PyOrigin>();
  const origin = (abs: string, spec: string, from: string) => {
    if (!isOutside(parsed, abs) && isOutside(parsed, from) && !origins.has(abs)) origins.set(abs, { spec, file: parsed.get(from)!.ctx.file.rel });
  };
  for (const [abs, p] of parsed) {
    const seeds: PySeeds = { clients: new Map(), factories: new Map() };
    for (const local of p.facts.imports.keys()) {
      const hit = lookupImport(parsed, abs, local);
      if (hit?.facts.clients.has(hit.name)) seeds.clients.set(local, hit.facts.clients.get(hit.name)!);
      if (hit?.facts.factories.has(hit.name)) seeds.factories.set(local, hit.facts.factories.get(hit.name)!);
      if (hit && (hit.facts.clients.has(hit.name) || hit.facts.factories.has(hit.name))) origin(abs, p.facts.imports.get(local)!.module, hit.abs);
    }
    settingsSeeds(parsed, abs, p.facts, seeds);
    for (const [local, mod] of p.facts.moduleAliases) {
      const cand = moduleCandidates(abs, mod, parsed)[0];
      const clients = cand ? parsed.get(cand)!.facts.clients : undefined;
      if (clients?.size) (seeds.namespaces ??= new Map()).set(local, new Map(clients));
      if (cand && clients?.size) origin(abs, mod, cand);
    }
    if (seeds.clients.size || seeds.factories.size || seeds.namespaces || seeds.settingsClasses || seeds.settingsObjects) {
      p.facts = analyzePython(p.py, seeds, targetHost, p.facts.envBacked);
      stampSettings(p.facts, p.ctx.file.rel);
    }
  }
  return origins;
}

/** The string literal an expression names: a literal, a constant of this module, or one imported (`from app.config import HOST`, `config.HOST`). */
function pyStringOf(parsed: Map<string, Parsed>, abs: string, e: Node, depth = 0): PyLit | undefined {
  const p = parsed.get(abs);
  if (!p || depth > 4) return undefined;
  const u = unparen(e);
  if (u.type === 'string') return litOf(p.py, abs, u);
  if (u.type === 'identifier') {
    const v = p.facts.values.get(u.text);
    if (v) return pyStringOf(parsed, abs, v, depth + 1);
    const hit = lookupImport(parsed, abs, u.text);
    const hv = hit?.facts.values.get(hit.name);
    return hit && hv ? pyStringOf(parsed, hit.abs, hv, depth + 1) : undefined;
  }
  if (u.type === 'attribute') {
    const obj = u.childForFieldName('object');
    const attr = u.childForFieldName('attribute')?.text;
    if (obj?.type !== 'identifier' || !attr) return undefined;
    const b = p.facts.imports.get(obj.text);
    const mod = p.facts.moduleAliases.get(obj.text) ?? (b ? (b.module ? `${b.module}.${b.name}` : b.name) : undefined);
    const cand = mod ? moduleCandidates(abs, mod, parsed)[0] : undefined;
    const v = cand ? parsed.get(cand)!.facts.values.get(attr) : undefined;
    return cand && v ? pyStringOf(parsed, cand, v, depth + 1) : undefined;
  }
  return undefined;
}

/** pydantic settings classes and objects (`from app.config import settings, get_settings, Settings`) imported from modules of the run. */
function settingsSeeds(parsed: Map<string, Parsed>, abs: string, facts: PyFacts, seeds: PySeeds): void {
  for (const [local, b] of facts.imports) {
    for (const cand of moduleCandidates(abs, b.module, parsed)) {
      const s = parsed.get(cand)!.facts.settings;
      const obj = s.objects.get(b.name);
      const cls = s.classes.get(b.name);
      if (obj) (seeds.settingsObjects ??= new Map()).set(local, settingsForImport(obj));
      if (cls) (seeds.settingsClasses ??= new Map()).set(local, settingsForImport(cls));
      if (obj || cls) break;
    }
  }
}

/** Model ids the requests of files in the given paths read from modules outside them (`model=CHAT_MODEL`, `model=llm.CHAT_MODEL`). */
function outsideModelIds(parsed: Map<string, Parsed>): Map<string, PyOutsideModel[]> {
  const outsideModels = new Map<string, PyOutsideModel[]>();
  if (![...parsed.keys()].some((a) => isOutside(parsed, a))) return outsideModels;
  for (const [abs, p] of parsed) {
    if (isOutside(parsed, abs)) continue;
    for (const call of p.facts.calls) {
      const kw = reachesOpenAI(call.client) ? call.kwargs.get('model') : undefined;
      const arg = kw?.type === 'keyword_argument' ? kw.childForFieldName('value') : kw;
      let from: { abs: string; name: string } | undefined;
      if (arg?.type === 'identifier') from = lookupImport(parsed, abs, arg.text);
      else if (arg?.type === 'attribute') {
        const obj = arg.childForFieldName('object');
        const attr = arg.childForFieldName('attribute');
        const b = obj?.type === 'identifier' ? p.facts.imports.get(obj.text) : undefined;
        const mod = obj?.type === 'identifier' ? (p.facts.moduleAliases.get(obj.text) ?? (b ? (b.module ? `${b.module}.${b.name}` : b.name) : obj.text)) : undefined;
        const cand = mod ? moduleCandidates(abs, mod, parsed)[0] : undefined;
        if (cand && attr) from = { abs: cand, name: attr.text };
      }
      if (!arg || !from || !isOutside(parsed, from.abs)) continue;
      const value = parsed.get(from.abs)!.facts.values.get(from.name);
      const id = value ? stringValue(value) : undefined;
      if (id && isOpenAIId(id)) outsideModels.set(abs, [...(outsideModels.get(abs) ?? []), { start: p.py.start(arg), end: p.py.end(arg), id, file: parsed.get(from.abs)!.ctx.file.rel }]);
    }
  }
  return outsideModels;
}

/** Model constants other modules use: file -> names. */
function wantedModelConstants(parsed: Map<string, Parsed>, targetHost: string | undefined): Map<string, Set<string>> {
  const wanted = new Map<string, Set<string>>();
  for (const [abs, p] of parsed) {
    const uses = usesOpenAI(p.facts, analyzeWrappers(p.facts, targetHost));
    for (const ref of collectPyModelSites(p.facts, uses).imported) {
      const [local, attr] = ref.split('.');
      let hit: { abs: string; name: string } | undefined;
      if (attr) {
        // import config / from app import config; config.MODEL
        const b = p.facts.imports.get(local!);
        const mod = b ? (b.module ? `${b.module}.${b.name}` : b.name) : local!;
        const cand = moduleCandidates(abs, mod, parsed)[0] ?? moduleCandidates(abs, local!, parsed)[0];
        if (cand) hit = { abs: cand, name: attr };
      } else hit = lookupImport(parsed, abs, local!);
      if (hit) wanted.set(hit.abs, (wanted.get(hit.abs) ?? new Set()).add(hit.name));
    }
  }
  return wanted;
}

/**
 * Model sites of the code first, then of the tests: a test's ids change only where the
 * code's same id changes (the same value gets the same new value).
 */
function modelSitesByFile(
  parsed: Map<string, Parsed>,
  wanted: Map<string, Set<string>>,
  targetHost: string | undefined,
  /** A dense run's sub-batch: the ids of the whole app's code (its first pass). */
  app?: { migrated: Set<string>; ambiguous: Set<string> },
): { siteMap: Map<string, PySites>; codeIds: Set<string>; keptAll: Set<string> } {
  const siteMap = new Map<string, PySites>();
  const codeIds = new Set<string>();
  const live = new Map<string, PyModelSite[]>();
  for (const [abs, p] of parsed) {
    if (isTestPath(p.ctx.file.rel)) continue;
    const r = collectPyModelSites(p.facts, usesOpenAI(p.facts, analyzeWrappers(p.facts, targetHost)), wanted.get(abs));
    siteMap.set(abs, r);
    const here = r.sites.filter((s) => !inTable(p, s.lit));
    live.set(abs, here);
    for (const s of here) codeIds.add(s.id);
  }
  const { kept, rewritten, ambiguous } = keptIds(parsed, live, codeIds);
  const tests = app ?? { migrated: codeIds, ambiguous };
  for (const [abs, p] of parsed) {
    if (isTestPath(p.ctx.file.rel)) siteMap.set(abs, collectPyModelSites(p.facts, true, wanted.get(abs), { ...tests, ref: testRef(parsed, kept, rewritten, abs) }));
  }
  const keptAll = new Set<string>();
  for (const l of kept.values()) for (const k of l) keptAll.add(k.id);
  return { siteMap, codeIds, keptAll };
}

/** A site in a lookup table is left by map-model-ids: for the tests it counts as kept. */
function inTable(p: Parsed, lit: Node): boolean {
  const coll = lit.parent;
  const models = p.ctx.models;
  if (!coll || !['list', 'tuple'].includes(coll.type) || !models) return false;
  const values = coll.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => stringValue(c));
  return values.every((v) => v !== undefined) && isModelLookupTable(values as string[], (v) => models.lookup(v)?.target);
}

/** OpenAI-id literals the code keeps (not sites) and rewrites: an id both rewritten and kept is ambiguous in a test. */
function keptIds(parsed: Map<string, Parsed>, live: Map<string, PyModelSite[]>, codeIds: Set<string>): { kept: IdsAt; rewritten: IdsAt; ambiguous: Set<string> } {
  const kept: IdsAt = new Map();
  const rewritten: IdsAt = new Map();
  const ambiguous = new Set<string>();
  for (const [abs, here] of live) {
    const f = parsed.get(abs)!.facts;
    const sites = new Set(here.map((s) => s.lit.id));
    const keptHere: Array<{ id: string; pos: number }> = [];
    walkPy(f.py.root, (n) => {
      const v = n.type === 'string' && !sites.has(n.id) ? stringValue(n) : undefined;
      if (v !== undefined && isOpenAIId(v)) keptHere.push({ id: v, pos: f.py.start(n) });
    });
    kept.set(abs, keptHere);
    rewritten.set(
      abs,
      here.map((s) => ({ id: s.id, pos: f.py.start(s.lit) })),
    );
    for (const k of keptHere) if (codeIds.has(k.id)) ambiguous.add(k.id);
  }
  return { kept, rewritten, ambiguous };
}

/** For a test file: whether the imported function (or constant) the names reach migrated or left the id `id`. */
function testRef(parsed: Map<string, Parsed>, kept: IdsAt, rewritten: IdsAt, abs: string) {
  return (names: string[], id: string): 'migrated' | 'left' | undefined => {
    const b = parsed.get(abs)?.facts.imports.get(names[0]!);
    if (!b || names.length > 2) return undefined;
    // `from app.settings import CHAT_MODEL` -> CHAT_MODEL; `from app import providers` -> providers.pick_model
    const [mod, name] = names.length === 1 ? [b.module, b.name] : [b.module ? `${b.module}.${b.name}` : b.name, names[1]!];
    for (const cand of moduleCandidates(abs, mod, parsed)) {
      const f = parsed.get(cand)!.facts;
      const node = f.functions.get(name) ?? f.values.get(name);
      if (!node) continue;
      const [s, e] = [f.py.start(node), f.py.end(node)];
      const inNode = (x: { id: string; pos: number }) => x.id === id && x.pos >= s && x.pos < e;
      if ((kept.get(cand) ?? []).some(inNode)) return 'left';
      if ((rewritten.get(cand) ?? []).some(inNode)) return 'migrated';
      return undefined;
    }
    return undefined;
  };
}

type AdapterPlan = RulesAdapterPlan<NonNullable<FileContext['target']>>;

interface PyProbeData {
  rel: string;
  hints: string[];
  line: number | undefined;
  /** How the module selects the target (pyTargetSelection, its offset as a line). */
  selection: { value?: string; ref?: string; text: string; line: number } | undefined;
  /** Its module-level constants naming the target (`DEEPSEEK = "deepseek"`): what a `const.DEEPSEEK` elsewhere selects. */
  consts: Array<[string, string]>;
  /** Its model-prefix routes to the target (`model.startswith("deepseek")`). */
  route: { prefixes: string[]; line: number } | undefined;
  defaults: string[];
}

/** The target's names and region base URLs, for pyTargetAdapterAt. */
function targetFacts(target: FileContext['target']): PyTargetFacts | undefined {
  return target ? { names: targetNames(target.provider), baseURLs: [target.baseURL, ...Object.values(target.provider.regions).map((r) => r.baseURL)] } : undefined;
}

/** The plan's questions about one module, answered from its Python analysis when asked. */
function pyProbeOf(p: Parsed) {
  const lineOf = (at: number) => p.py.text.slice(0, at).split('\n').length;
  return {
    rel: p.ctx.file.rel,
    hints: () => pyOtherAdapterHints(p.facts),
    line: () => {
      const at = pyTargetAdapterAt(p.facts, targetFacts(p.ctx.target), p.ctx.file.rel);
      return at === undefined ? undefined : lineOf(at);
    },
    selection: (names: string[]) => {
      const s = pyTargetSelection(p.facts, names);
      return s && { value: s.value, ref: s.ref, text: s.text, line: lineOf(s.at) };
    },
    consts: (names: string[]) => pyProviderConsts(p.facts, names).map(([k, v]) => [k, v] as [string, string]),
    route: (names: string[]) => {
      const r = pyTargetRoutes(p.facts, names);
      return r && { prefixes: r.prefixes, line: lineOf(r.at) };
    },
    defaults: () => pyDefaultProviderLiterals(p.facts, p.ctx.target ? targetNames(p.ctx.target.provider) : undefined).map((l) => `${p.ctx.file.rel}:${lineOf(p.py.start(l))}`),
  };
}

type PyProbeLazy = ReturnType<typeof pyProbeOf>;

/**
 * Multi-provider apps (src/rules/adapters.ts), from the Python analysis of each module (or a dense run's first pass).
 * A target adapter governs its whole app: the project root (a folder with a project file, projectRootFinder) at or above the adapter
 * and its selection, else (no manifest) their common folder. A selection by constant (`bot_type == const.DEEPSEEK`) selects the value the
 * app's module-level constant holds (`DEEPSEEK = "deepseek"` in common/const.py); the note says how the app selects it.
 */
function adapterPlan(target: FileContext['target'], mods: Map<string, Parsed> | PyProbeData[], appRoot: (dir: string) => string | undefined): AdapterPlan {
  const probes: Array<PyProbeLazy | PyProbeData> = mods instanceof Map ? [...mods.values()].map(pyProbeOf) : mods;
  const ask = <K extends keyof PyProbeData>(m: PyProbeLazy | PyProbeData, k: K, names: string[] = []): PyProbeData[K] => {
    const v = m[k];
    return (typeof v === 'function' ? (v as (n: string[]) => PyProbeData[K])(names) : v) as PyProbeData[K];
  };
  const names = target ? targetNames(target.provider) : [];
  const consts = new Map<string, string>();
  if (target) for (const m of probes) if (!isTestPath(m.rel)) for (const [k, v] of ask(m, 'consts', names)) if (!consts.has(k)) consts.set(k, v);
  const selections = new Map<string, NonNullable<PyProbeData['selection']>>();
  const plan = planAdapters(target, probes, {
    hints: (m) => ask(m, 'hints'),
    adapterLine: (m) => ask(m, 'line'),
    selection: (m, n) => {
      const s = ask(m, 'selection', n);
      const v = s?.value ?? (s?.ref ? consts.get(s.ref) : undefined);
      if (s && v) selections.set(m.rel, s);
      return v;
    },
    defaults: (m) => ask(m, 'defaults'),
    // the nearest project root at or above; none: their common folder (two apps side by side without manifests stay apart)
    appRoot,
  });
  for (const a of plan.adapters) {
    const s = a.selectionRel ? selections.get(a.selectionRel) : undefined;
    const by = s ? `${s.text.replace(/\s+/g, ' ')} (${a.selectionRel}:${s.line})` : a.selection;
    const routed = probes
      .filter((m) => a.inScope(m.rel) && !isTestPath(m.rel))
      .map((m) => ({ rel: m.rel, r: ask(m, 'route', names) }))
      .find((x) => x.r);
    a.how = routed?.r ? { by, prefixes: routed.r.prefixes.map((p) => `"${p}"`).join(', '), routeAt: `${routed.rel}:${routed.r.line}` } : { by };
  }
  return plan;
}

/** Files that make a folder a Python project's root. */
const PROJECT_FILES = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'Pipfile'];

/**
 * The run's Python project root at or above a run-relative folder ('' for the run's root), or undefined when no
 * folder up to the run's root holds a project file. Looked up on disk: a manifest that names no OpenAI package is
 * no candidate of the run (its prefilter), yet it still says where the app is.
 */
function projectRootFinder(files: FileContext[]): (dir: string) => string | undefined {
  const f = files[0]?.file;
  if (!f) return () => undefined;
  const runRoot = runRootOf(f);
  const found = new Map<string, string | undefined>();
  return (dir) => {
    if (found.has(dir)) return found.get(dir);
    let root: string | undefined;
    for (let d = dir; root === undefined; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
      if (PROJECT_FILES.some((n) => existsSync(path.join(runRoot, d, n)))) root = d;
      if (d === '') break;
    }
    found.set(dir, root);
    return root;
  };
}

/** Phase C for one module: the adapter note it gets (if any), the pipeline, then the once-per-app notes and the default-provider edit. */
function transformModule(abs: string, p: Parsed, run: RunShared): void {
  const { opts, targetHost } = run;
  const { target, others } = run.adapters;
  const adapterHere = run.adapters.adapters.find((a) => a.inScope(p.ctx.file.rel));
  const sites = run.siteMap.get(abs)!;
  const uses = usesOpenAI(p.facts, analyzeWrappers(p.facts, targetHost));
  const at = p.facts.constructions.find((c) => c.status !== 'target' && c.status !== 'other')?.node;
  let adapterNote: { at: number; reason: Text; action: Text; leave: boolean } | undefined;
  // The target's own adapter (the openai SDK on the target's host) is not an OpenAI adapter.
  // A file whose clients all go elsewhere (another service's adapter) is not the OpenAI adapter either.
  const ownAdapter = (pyTargetAdapterAt(p.facts) !== undefined || p.facts.constructions.length > 0) && !p.facts.constructions.some((c) => c.status !== 'target' && c.status !== 'other');
  if (target && uses && !ownAdapter && !isTestPath(p.ctx.file.rel) && (adapterHere || others.size)) {
    const name = shortName(target.provider);
    const where = at ? p.py.start(at) : 0;
    if (adapterHere) {
      const defaultsAt = adapterHere.defaultsAt;
      const said = run.adapterNoteAt ? run.adapterNoteAt.get(adapterHere) !== run.order.get(abs) : run.adapters.adapterSaid.has(adapterHere);
      adapterNote = said
        ? { at: where, reason: '', action: '', leave: true }
        : {
            at: where,
            leave: true,
            reason: msg('adapters.targetExists', { provider: name, at: `${adapterHere.rel}:${adapterHere.line}`, selection: adapterHere.selection }),
            action: defaultsAt.length ? msg('adapters.targetExists.defaultChanged', { selection: adapterHere.selection, at: defaultsAt.join(', ') }) : selectAction(adapterHere),
          };
      run.adapters.adapterSaid.add(adapterHere);
    }
  } else if (target && adapterHere) {
    // Everything else of the app stays too (its target adapter, the other adapters, its config modules, its tests).
    adapterNote = { at: 0, reason: '', action: '', leave: true };
  }
  const composed = { uses: run.composed.uses.get(abs) ?? [], paths: run.composed.paths.get(abs) ?? [], hosts: run.composed.hosts.get(abs) ?? [] };
  const pctx = runPython(p.ctx, p.py, p.facts, { ...opts, sites, targetHost, adapterNote, keptSettings: run.keptSettings, composed, packageFits: fitsFor(run.deps, abs) });
  if (!p.ctx.file.outside && (run.origins.has(abs) || run.outsideModels.has(abs))) reportPyOutsideUse(pctx, run.origins.get(abs), run.outsideModels.get(abs) ?? []);
  if (!p.ctx.file.outside) reportAmbiguousImports(pctx, p.py, ambiguousImports.get(abs));
  // Said once, on the first file (in batch order) whose OpenAI adapter was actually migrated: once every module is done.
  if (target && uses && !ownAdapter && !adapterHere && others.size && !isTestPath(p.ctx.file.rel) && pctx.changes.length) {
    run.later.othersNote.push({ index: run.order.get(abs)!, say: othersNote(pctx, at ? p.py.start(at) : 0, run.adapters) });
  }
  // The app already has the target's adapter: its default-provider setting selects it.
  if (adapterHere && target && !isTestPath(p.ctx.file.rel) && (!opts.only || opts.only.includes('map-model-ids'))) {
    for (const lit of pyDefaultProviderLiterals(p.facts, targetNames(target.provider))) {
      const r = stringContentRange(p.py, lit);
      if (!r) continue;
      pctx.edits.add(r.start, r.end, adapterHere.selection);
      pctx.change('config', p.py.start(lit), msg('adapters.defaultProvider', { from: `${stringValue(lit)}`, to: adapterHere.selection, provider: shortName(target.provider) }), {
        transform: 'map-model-ids',
      });
    }
  }
  const index = run.order.get(abs)!;
  if (pctx.packages.size) run.later.packages.push({ index, abs, pkgs: pctx.packages });
  if (pctx.settingsEnv.size) run.later.settingsEnv.push({ index, env: pctx.settingsEnv });
}

/** What to do to use the app's own target adapter: select it where the app chooses the provider (and how it does). */
function selectAction(a: AdapterPlan['adapters'][number]): Text {
  if (a.how?.prefixes) return msg('adapters.targetExists.selectByOrModel', { selection: a.selection, by: a.how.by, prefixes: a.how.prefixes, routeAt: a.how.routeAt ?? '' });
  if (a.how) return msg('adapters.targetExists.selectBy', { selection: a.selection, by: a.how.by });
  return msg('adapters.targetExists.select', { selection: a.selection });
}

/** One follow-up per import statement whose module several equally near modules of the run answer to (nothing was followed through it). */
function reportAmbiguousImports(ctx: FileContext, py: PyTree, mods: Map<string, string[]> | undefined): void {
  if (!mods?.size) return;
  const said = new Set<number>();
  walkPy(py.root, (n) => {
    if (n.type !== 'import_from_statement' && n.type !== 'import_statement') return;
    const names =
      n.type === 'import_from_statement'
        ? [n.childForFieldName('module_name')?.text ?? '']
        : n.namedChildren.map((c) => (c?.type === 'aliased_import' ? c.childForFieldName('name')?.text : c?.text) ?? '');
    for (const [mod, cands] of mods) {
      const named = names.find((m) => m && (mod === m || mod.startsWith(m + '.')));
      if (said.has(n.id) || !named) continue;
      said.add(n.id);
      const root = runRootOf(ctx.file);
      const files = cands.map((c) => path.relative(root, c).split(path.sep).join('/')).sort();
      ctx.followUp(py.start(n), msg('python.ambiguousImport', { module: named, files: files.join(', ') }), msg('python.ambiguousImport.todo'));
    }
  });
}

/** The note said later (built apart so that it holds the context, not the module's tree and analysis). */
function othersNote(ctx: FileContext, at: number, plan: AdapterPlan): () => void {
  return () => {
    plan.othersSaid = true;
    ctx.followUp(at, msg('adapters.oneOfSeveral', { others: [...plan.others].sort().join(', ') }), msg('adapters.oneOfSeveral.todo'));
  };
}

/** Does the module get a target adapter's "adapter exists" note when the adapter's scope holds it (transformModule's condition)? */
function adapterNoteCandidate(p: Parsed, targetHost: string | undefined): boolean {
  const uses = usesOpenAI(p.facts, analyzeWrappers(p.facts, targetHost));
  const ownAdapter = (pyTargetAdapterAt(p.facts) !== undefined || p.facts.constructions.length > 0) && !p.facts.constructions.some((c) => c.status !== 'target' && c.status !== 'other');
  return uses && !ownAdapter && !isTestPath(p.ctx.file.rel);
}

/** Notebooks: code cells as one program each. */
async function processNotebooks(
  files: FileContext[],
  opts: HandlerOptions,
  targetHost: string | undefined,
  deps: DependencyPlan,
  errors: Map<string, HandlerError>,
  apps: Later['apps'],
): Promise<void> {
  for (const ctx of files) {
    if (!isNotebook(ctx.file.rel)) continue;
    try {
      const nb = new Set<string>();
      const err = await processNotebook(ctx, { ...opts, targetHost, packageFits: fitsFor(deps, ctx.file.abs), apps }, nb);
      for (const pkg of nb) need(deps, pkg, ctx.file.abs);
      if (err) errors.set(ctx.file.abs, err);
    } catch (e) {
      errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
    }
  }
}

/** Manifests last: they learn which packages the rewrites introduced. */
async function processManifests(files: FileContext[], opts: HandlerOptions, deps: DependencyPlan, errors: Map<string, HandlerError>): Promise<void> {
  for (const ctx of files) {
    if (!isManifest(ctx.file.rel) || errors.has(ctx.file.abs)) continue;
    try {
      // pyproject `[tool.*]` tables and setup.cfg sections: model settings, base URLs (the config rules).
      if (/(^|\/)(pyproject\.toml|setup\.cfg)$/.test(ctx.file.rel)) (await import('../config/process.js')).processProjectSettings(ctx, opts);
      if (!ctx.target) continue;
      const root = manifestRoot(ctx.file.abs);
      const mine = new Set([...deps.packages].filter(([, by]) => [...by].some((abs) => ownerOf(abs, deps.roots) === root)).map(([pkg]) => pkg));
      if (mine.size) editManifest(ctx, mine, deps.versionsOf.get(root));
    } catch (e) {
      errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
    }
  }
}
