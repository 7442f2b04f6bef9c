import path from 'node:path';
import { handlerError } from '../../i18n/reasons.js';
import { msg } from '../../i18n/msg.js';
import { fileError } from '../../engine/batch.js';
import type { ts } from 'ts-morph';
import { tsc as tsm } from './ts.js';
import { type FileContext, type HandlerError, type HandlerOptions, type MigrateContext, type Transform, isMigrating } from '../../engine/types.js';
import { preferredQuote, usesSemicolons } from '../../engine/text.js';
import { clientPlan, isAppFilledKeyField, keepExportedBlocked } from './client-plan.js';
import { blockedCall } from './blocked.js';
import { appHeldKeyClientAt, planSharedKeys } from './shared-keys.js';
import { collectComposedUrls } from './composed-urls.js';
import { analyzeJs, envName, envSchemaOf, findProp, reachesOpenAI, setImportedEnvObjects, type ClientStatus, type JsFacts, type Seeds } from './analyze.js';
import { collectModelSites, isOpenAIId, leaveUndecidedExports, noteClosedIdTypes, type ExportRef } from './model-sites.js';
import { unrouteStuckModels } from './routing.js';
import { CrossModule, type ParsedModule } from './cross-module.js';
import { isTestPath, planAdapters, targetNames, type AdapterPlan as RulesAdapterPlan } from '../../rules/adapters.js';
import { batchBytes, closedOver, importBatches } from './batches.js';
import { phase, timingNote } from '../../engine/timing.js';
import { collectGarbage } from '../../engine/memory.js';
import { draftOf, takeDraft } from '../../engine/context.js';
import { forgetState } from './wrappers/common.js';
import { defaultProviderLiterals, otherAdapterHints, targetAdapterAt, targetSelection } from './adapters.js';
import { replaceStringContent } from './edit.js';
import { shortName } from '../../providers/index.js';
import { THIRD_PARTY_CLIENTS } from '../../rules/clients.js';
import { endpointOfPath } from '../../rules/http-paths.js';
import { isModelLookupTable } from '../../rules/models.js';
import { isCanonicalKeyName } from '../../rules/env.js';
import type { JsContext } from './context.js';
import { detectJs } from './detect.js';
import { reportOutsideUse } from './outside.js';
import { packageNeeds } from './wrappers/deps.js';
import { depsState, nearestPackageJson, packageRoot } from '../deps/project.js';
import { isStringLike, parseJs, unwrap as unwrapExpr, walk } from './parse.js';

/**
 * The JS/TS handler's work (loaded only when a JS/TS candidate exists, so a run
 * without one never loads the TypeScript compiler): one parse per file, local
 * analysis, cross-module facts, detection, then the transforms.
 */
export const processor = {
  async process(files: FileContext[], opts: HandlerOptions) {
    const errors = new Map<string, HandlerError>();
    const target = files[0]?.target;
    const targetHost = target ? new URL(target.baseURL).host : undefined;
    // Dense runs: import-connected sub-batches of bounded size, after a first pass for the app-wide facts (src/lang/js/batches.ts).
    const batches = importBatches(files, batchBytes());
    const order = new Map(files.map((c, i) => [c.file.abs, i]));
    let app: AppFacts | undefined;
    if (batches.length > 1) {
      const guess = phase('js: sub-batches on the common app-wide facts (no first pass)');
      const done = withoutFirstPass(batches, order, opts, target, targetHost);
      guess();
      if (done.errors) {
        timingNote(`js: ${batches.length} import-connected sub-batches of up to ${batchBytes()} bytes, no first pass (the app-wide facts were the common ones)`);
        return done.errors;
      }
      timingNote(`js: no first pass skipped: ${done.why}`);
      const first = phase('js: first pass (app-wide facts)');
      app = appFacts(batches, order, target, targetHost);
      first();
      timingNote(app ? `js: ${batches.length} import-connected sub-batches of up to ${batchBytes()} bytes` : 'js: a sub-batch imports outside itself; the batch was processed whole');
    }
    const notes: OnceNote[] = [];
    for (const batch of app ? batches : [files]) {
      processGroup(batch, { opts, targetHost, errors, app, notes, order });
      if (app) collectGarbage(textBytes(batch));
    }
    sayOnceNotes(notes);
    return errors;
  },
};

/** The facts every module of a run shares, whichever sub-batch it is in (all from the whole batch). */
interface AppFacts {
  enumNames: Set<string>;
  classKeyFields: ClassKeyFields;
  adapters: AdapterPlan;
  /** For the test files: the ids the code rewrites, and those it both rewrites and keeps. */
  tests: { migrated: Set<string>; ambiguous: Set<string> };
  /** Some module talks to OpenAI (projectReachesOpenAI). */
  reachesOpenAI: boolean;
  /** The first code file (batch index) that reads an OpenAI key variable: where the keys note goes; -1 for none. */
  keysNoteAt: number;
  /** Where the first client keeping an OpenAI key the app holds is built: key names stay run-wide (appHeldKeyClientAt). */
  namesStay: string | undefined;
  /** The run reaches OpenAI only through opaque clients (opaqueClientsOnly): where the first is, and its key variable. */
  opaqueOnly: OpaqueOnly | undefined;
}

/** A note said once for the app, on the first file (in batch order) that qualifies. */
interface OnceNote {
  key: object;
  index: number;
  say: () => void;
}

interface GroupRun {
  opts: HandlerOptions;
  targetHost: string | undefined;
  errors: Map<string, HandlerError>;
  app: AppFacts | undefined;
  notes: OnceNote[];
  order: Map<string, number>;
  /** A run without a first pass (withoutFirstPass): each sub-batch adds its share of the app-wide facts here. */
  gather?: FirstPass;
}

/**
 * Parse -> analyse -> detect -> transform one group of modules closed under imports (the
 * whole batch, or one sub-batch of a dense run). Only the contexts' edits, findings and
 * follow-ups stay once it is done: trees and analysis go before the next group.
 */
function processGroup(files: FileContext[], g: GroupRun): boolean {
  const { opts, targetHost, errors } = g;
  const target = files[0]?.target;
  // Phase A: one parse per file, local analysis.
  const parsed = parseModules(files, targetHost, errors);
  // Without a first pass, this sub-batch's imports are checked here, before anything is transformed.
  if (g.gather && !closedOver(files, g.order, importSpecsOf(parsed))) return false;
  const cross = new CrossModule(parsed);
  importedEnvObjects(parsed, cross, targetHost);
  // Phase B: imported clients and factories, then the model values used across modules.
  seedImports(parsed, cross, targetHost);
  const { wanted, firstPass, refs } = wantedModelExports(parsed, cross);
  // The same facts a first pass would keep of this sub-batch, from the same analysis (before Phase C touches it).
  if (g.gather) gatherFacts(parsed, cross, { wanted, firstPass, refs }, g.gather, g.order, target);
  // URLs composed across modules (a host-only OpenAI base joined with a `/v1/...` path).
  const composed = collectComposedUrls(
    [...parsed].map(([abs, p]) => [abs, p.sf] as [string, ts.SourceFile]),
    (abs, e) => cross.stringOf(abs, e),
  );
  const foreignParams = cross.foreignParams();
  const foreignRequests = cross.foreignRequests();
  const foreignBodies = cross.foreignBodies();
  const siteMap = modelSitesByFile(parsed, cross, wanted, firstPass, refs, g.app?.tests);
  unrouteStuckModels(parsed, cross, siteMap, target);
  const adapters = g.app?.adapters ?? adapterPlan(target, [...parsed.values()].map(adapterProbeOf(target)));
  const enumNames = g.app?.enumNames ?? enumNamesOf(parsed);
  const classKeyFields = g.app?.classKeyFields ?? classKeyFieldsOf(parsed);
  const run: RunShared = {
    opts,
    cross,
    targetHost,
    composed,
    foreignParams,
    foreignRequests,
    foreignBodies,
    siteMap,
    enumNames,
    classKeyFields,
    adapters,
    notes: g.notes,
    order: g.order,
    reachesOpenAI: g.app?.reachesOpenAI ?? projectReachesOpenAI(parsed),
    nearMigrated: modulesNearMigratedClients(parsed, cross),
    keysNoteAt: g.app?.keysNoteAt,
    opaqueOnly: g.app ? g.app.opaqueOnly : opaqueOnlyOf(opaqueScan(parsed, cross, undefined, composed.hosts)),
  };
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
  const allKept = keepExportedBlockedClients(parsed, prepared, cross);
  if (allKept && !run.opaqueOnly) run.opaqueOnly = allKept;
  try {
    planSharedKeys(new Map([...prepared].map(([abs, r]) => [abs, r.jctx])), cross, g.app && { namesStay: g.app.namesStay });
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
  for (const p of parsed.values()) {
    for (const k of ANALYSIS_KEYS) delete (p.ctx as unknown as Record<string, unknown>)[k];
    forgetState(p.ctx as JsContext);
  }
  return true;
}

/**
 * The first pass of a dense run: each sub-batch parsed and analysed as in processGroup, keeping
 * only the app-wide facts as small data (names, ids, lines). Undefined when a sub-batch imports a
 * module outside it that the grouping missed: then the batch is processed whole.
 */
function appFacts(batches: FileContext[][], order: Map<string, number>, target: FileContext['target'], targetHost: string | undefined): AppFacts | undefined {
  const app = emptyFirstPass();
  for (const batch of batches) {
    if (!firstPassOf(batch, app, order, target, targetHost)) return undefined;
    // The sub-batch's trees are garbage now (firstPassOf has returned): collect them before the next one is parsed.
    collectGarbage(textBytes(batch));
  }
  return appFactsOf(app, target);
}

/**
 * A dense run without its first pass (issue 19: the first pass parsed and analysed every candidate a second
 * time). Most apps share only the common app-wide facts: no multi-provider plan, no client keeping a
 * key the app holds, no opaque-only clients, some module talks to OpenAI, no class field or enum member naming an
 * OpenAI key (classKeyFields, enumKeyRead). So the sub-batches are processed on
 * those facts, on drafts of their contexts, while each adds the facts a first pass would have kept of it
 * (from the same analysis). A sub-batch with a test file (its tests read the ids the whole code rewrites)
 * takes a first pass instead, and is processed last. If the facts gathered are the common ones, and every
 * sub-batch's imports stayed inside it, the drafts' results are the run's (the output a first pass gives,
 * byte for byte); otherwise they are dropped and the run takes the first pass. `OPENAI_MIGRATE_FIRST_PASS=always` turns the shortcut off (tests compare both);
 * a run that falls back returns the dropped drafts (test/first-pass.test.ts shows they differ where the facts do).
 */
export function withoutFirstPass(
  batches: FileContext[][],
  order: Map<string, number>,
  opts: HandlerOptions,
  target: FileContext['target'],
  targetHost: string | undefined,
): { errors: Map<string, HandlerError>; why?: undefined } | { errors?: undefined; why: string; drafts?: Map<FileContext, FileContext> } {
  if (process.env.OPENAI_MIGRATE_FIRST_PASS === 'always') return { why: 'OPENAI_MIGRATE_FIRST_PASS=always' };
  const drafts = new Map<FileContext, FileContext>();
  for (const batch of batches) {
    for (const c of batch) {
      const d = draftOf(c);
      if (!d) return { why: `${c.file.rel} already holds results` };
      drafts.set(c, d);
    }
  }
  const common: AppFacts = {
    enumNames: new Set(),
    classKeyFields: new Map(),
    adapters: adapterPlan(target, []),
    tests: { migrated: new Set(), ambiguous: new Set() },
    reachesOpenAI: true,
    keysNoteAt: -1,
    namesStay: undefined,
    opaqueOnly: undefined,
  };
  const gathered = emptyFirstPass();
  const errors = new Map<string, HandlerError>();
  const notes: OnceNote[] = [];
  // The package needs the transforms record go to a project of each sub-batch's own until the drafts are taken.
  const projects = batches.map(() => new Map<string, unknown>());
  const run = (i: number, app: AppFacts, gather?: FirstPass): boolean => {
    const draftOpts: HandlerOptions = opts.project ? { ...opts, project: projects[i] } : opts;
    const ok = processGroup(
      batches[i]!.map((c) => drafts.get(c)!),
      { opts: draftOpts, targetHost, errors, app, notes, order, gather },
    );
    collectGarbage(textBytes(batches[i]!));
    return ok;
  };
  // A sub-batch with a test file reads the ids the whole code rewrites: it takes a first pass, and is processed
  // once every sub-batch's facts are in. The others are processed at once.
  const tested = batches.map((b, i) => (b.some((c) => isTestPath(c.file.rel)) ? i : -1)).filter((i) => i >= 0);
  for (let i = 0; i < batches.length; i++) {
    if (tested.includes(i)) continue;
    if (!run(i, common, gathered)) return { why: 'a sub-batch imports outside itself' };
  }
  for (const i of tested) {
    if (!firstPassOf(batches[i]!, gathered, order, target, targetHost)) return { why: 'a sub-batch imports outside itself' };
    collectGarbage(textBytes(batches[i]!));
  }
  const app = appFactsOf(gathered, target);
  const differs = [
    enumKeyRead(app.enumNames, batches) && 'an enum the app declares names an OpenAI key',
    app.classKeyFields.size && 'a class of the app declares an OpenAI key field',
    (app.adapters.others.size || app.adapters.adapters.length) && 'a multi-provider plan',
    !app.reachesOpenAI && 'no module reaches OpenAI',
    app.namesStay && 'a client keeps a key the app holds',
    app.opaqueOnly && 'only opaque clients',
  ].filter(Boolean);
  if (differs.length) return { why: `the app-wide facts are not the common ones (${differs.join(', ')})`, drafts };
  for (const i of tested) run(i, { ...common, tests: app.tests });
  sayOnceNotes(notes);
  for (const [c, d] of drafts) takeDraft(c, d);
  // In batch order, as the sub-batches would have recorded them (only if a transform recorded any: the package step tells an empty record from none).
  for (const project of projects) {
    if (!project.size || !opts.project) continue;
    const into = depsState(opts.project)!;
    for (const [pkg, e] of depsState(project)!) {
      const entry = into.get(pkg) ?? { add: new Set<string>(), dropped: new Set<string>(), stillUsed: new Set<string>() };
      for (const a of e.add) entry.add.add(a);
      for (const d of e.dropped) entry.dropped.add(d);
      for (const u of e.stillUsed) entry.stillUsed.add(u);
      into.set(pkg, entry);
    }
  }
  return { errors };
}

/** The app-wide facts from what the first pass kept of every sub-batch. */
function appFactsOf(app: FirstPass, target: FileContext['target']): AppFacts {
  app.probes.sort((a, b) => a.index - b.index);
  const ambiguous = new Set([...app.keptAll].filter((id) => app.migrated.has(id)));
  return {
    enumNames: app.enumNames,
    classKeyFields: app.classKeyFields,
    adapters: adapterPlan(target, app.probes),
    tests: { migrated: app.migrated, ambiguous },
    reachesOpenAI: app.reachesOpenAI,
    keysNoteAt: app.keysNoteAt,
    namesStay: app.namesStay?.at,
    opaqueOnly: opaqueOnlyOf(app.opaque),
  };
}

/** What the first pass keeps of the sub-batches (small data only). */
interface FirstPass {
  enumNames: Set<string>;
  classKeyFields: ClassKeyFields;
  /** Ids the code's model sites hold (map-model-ids rewrites them). */
  migrated: Set<string>;
  /** OpenAI-id literals the code holds outside its model sites. */
  keptAll: Set<string>;
  probes: Array<AdapterProbeData & { index: number }>;
  reachesOpenAI: boolean;
  keysNoteAt: number;
  namesStay?: { at: string; index: number };
  opaque: OpaqueScan;
}

/** One sub-batch of the first pass, analysed as processGroup does; false when it imports a module outside it. */
function firstPassOf(batch: FileContext[], out: FirstPass, order: Map<string, number>, target: FileContext['target'], targetHost: string | undefined): boolean {
  const parsed = parseModules(batch, targetHost, new Map());
  if (!closedOver(batch, order, importSpecsOf(parsed))) return false;
  const cross = new CrossModule(parsed);
  importedEnvObjects(parsed, cross, targetHost);
  seedImports(parsed, cross, targetHost);
  gatherFacts(parsed, cross, wantedModelExports(parsed, cross), out, order, target);
  return true;
}

const emptyFirstPass = (): FirstPass => ({
  enumNames: new Set(),
  classKeyFields: new Map(),
  migrated: new Set(),
  keptAll: new Set(),
  probes: [],
  reachesOpenAI: false,
  keysNoteAt: -1,
  opaque: { other: false },
});

/** The import specifiers the analysis found in each module (closedOver checks they stay in the sub-batch). */
const importSpecsOf =
  (parsed: Map<string, ParsedModule>) =>
  (ctx: FileContext): string[] => {
    const f = parsed.get(ctx.file.abs)?.facts;
    return f ? [...[...f.imports.values()].map((b) => b.specifier), ...f.reexports.map((r) => r.specifier)] : [];
  };

/** What the first pass keeps of one analysed sub-batch (Phases A and B done), added to `out`. */
function gatherFacts(
  parsed: Map<string, ParsedModule>,
  cross: CrossModule,
  { wanted, firstPass, refs }: ReturnType<typeof wantedModelExports>,
  out: FirstPass,
  order: Map<string, number>,
  target: FileContext['target'],
): void {
  const code = codeModelSites(parsed, cross, wanted, firstPass, refs);
  for (const id of code.codeIds) out.migrated.add(id);
  for (const id of keptIds(parsed, code.rewrittenSites, code.codeIds).keptAll) out.keptAll.add(id);
  for (const n of enumNamesOf(parsed)) out.enumNames.add(n);
  for (const [n, f] of classKeyFieldsOf(parsed)) {
    const o = out.classKeyFields.get(n);
    out.classKeyFields.set(n, { mods: new Set([...(o?.mods ?? []), ...f.mods]), filledIn: new Set([...(o?.filledIn ?? []), ...f.filledIn]) });
  }
  out.reachesOpenAI ||= projectReachesOpenAI(parsed);
  const op = opaqueScan(parsed, cross, order);
  out.opaque.other ||= op.other;
  if (op.first && (!out.opaque.first || op.first.index < out.opaque.first.index)) out.opaque.first = op.first;
  for (const p of parsed.values()) {
    const i = order.get(p.ctx.file.abs)!;
    if (!isTestPath(p.ctx.file.rel) && OPENAI_KEY_READ.test(p.ctx.file.text) && (out.keysNoteAt < 0 || i < out.keysNoteAt)) out.keysNoteAt = i;
    const held = appHeldKeyClientAt(p.ctx.file.abs, p.facts, cross);
    if (held && (!out.namesStay || i < out.namesStay.index)) out.namesStay = { at: held, index: i };
  }
  const probeOf = adapterProbeOf(target);
  const names = target ? targetNames(target.provider) : [];
  for (const p of parsed.values()) {
    const probe = probeOf(p);
    // Said of every module now, while its tree is here: the plan asks for some of them later.
    out.probes.push({
      index: order.get(p.ctx.file.abs)!,
      rel: probe.rel,
      hints: probe.hints(),
      line: probe.line(),
      selection: target ? probe.selection(names) : undefined,
      defaults: target ? probe.defaults() : [],
    });
  }
}

/**
 * Could a module read an OpenAI key as an enum member (`Keys.OPENAI_API_KEY`, rename-env-vars isEnumMember)? The
 * drafts knew no enum names, so they differ from the first pass's output only where a file names one of the
 * app's enums and an OpenAI key variable (read from the text: a superset of what the transform asks).
 */
function enumKeyRead(enumNames: Set<string>, batches: FileContext[][]): boolean {
  if (!enumNames.size) return false;
  const named = new RegExp(`(?<![\\w$])(?:${[...enumNames].map((n) => n.replace(/[$]/g, '\\$&')).join('|')})(?![\\w$])`);
  return batches.some((b) => b.some((c) => c.file.text.includes('OPENAI_API_KEY') && named.test(c.file.text)));
}

const textBytes = (files: FileContext[]): number => files.reduce((n, c) => n + c.file.text.length, 0);

/**
 * OpenAI key names the app declares as fields of its own classes (`class OpenAIConfig { OPENAI_API_KEY: string[] = [] }`,
 * filled from the environment by a loader of its own): `this.config.OPENAI_API_KEY` and `'OPENAI_API_KEY'` then name
 * that field, not a variable the tool may rename one read at a time (TBXark/ChatGPT-Telegram-Workers: TS2339, TS2322).
 */
function classKeyFieldsOf(parsed: Map<string, ParsedModule>): ClassKeyFields {
  const out: ClassKeyFields = new Map();
  for (const [abs, p] of parsed) {
    for (const st of p.sf.statements) {
      const cls = tsm.isClassDeclaration(st) ? st : undefined;
      for (const m of cls?.members ?? []) {
        if (!tsm.isPropertyDeclaration(m) || !m.name || !tsm.isIdentifier(m.name) || !isCanonicalKeyName(m.name.text)) continue;
        const o = out.get(m.name.text);
        const f = { mods: o?.mods ?? new Set<string>(), filledIn: o?.filledIn ?? new Set<string>() };
        f.mods.add(abs);
        if (isAppFilledKeyField(cls!, m)) f.filledIn.add(abs);
        out.set(m.name.text, f);
      }
    }
  }
  return out;
}

/**
 * Key field names of the app's classes, with the modules declaring them, and the modules where a settings class the app's
 * own loader fills declares it (isAppFilledKeyField; then the name as a string, `'OPENAI_API_KEY'` in a key map, is that
 * field's too). A service class that fills its field itself only keeps the field's name for member reads.
 */
type ClassKeyFields = Map<string, { mods: Set<string>; filledIn: Set<string> }>;

/** The class key fields a module sees (name -> filled by the app's loader): those its own classes declare, or a module it imports from. */
function classKeyFieldsFor(abs: string, p: ParsedModule, all: ClassKeyFields, cross: CrossModule): Map<string, boolean> | undefined {
  if (!all.size) return undefined;
  const from = new Set([abs]);
  for (const b of p.facts.imports.values()) {
    const t = cross.target(abs, b.specifier);
    if (t) from.add(t);
  }
  const out = new Map([...all].filter(([, f]) => [...f.mods].some((m) => from.has(m))).map(([n, f]) => [n, [...f.filledIn].some((m) => from.has(m))] as const));
  return out.size ? out : undefined;
}

/** Names of the enums the modules declare at the top level (`enum Keys { OPENAI_API_KEY = "..." }`). */
function enumNamesOf(parsed: Map<string, ParsedModule>): Set<string> {
  const out = new Set<string>();
  for (const [, p] of parsed) for (const st of p.sf.statements) if (tsm.isEnumDeclaration(st)) out.add(st.name.text);
  return out;
}

/** The once-per-app notes, each on the first file (in batch order) that asked for it. */
function sayOnceNotes(notes: OnceNote[]): void {
  const first = new Map<object, OnceNote>();
  for (const n of notes) if (!first.has(n.key) || first.get(n.key)!.index > n.index) first.set(n.key, n);
  for (const n of first.values()) n.say();
}

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
  foreignBodies: ReturnType<CrossModule['foreignBodies']>;
  siteMap: Map<string, ModelSites>;
  enumNames: Set<string>;
  classKeyFields: ClassKeyFields;
  adapters: AdapterPlan;
  notes: OnceNote[];
  order: Map<string, number>;
  /** Some module of the run talks to OpenAI (projectReachesOpenAI); without one, OpenAI-named keys stay. */
  reachesOpenAI: boolean;
  /** Modules whose requests may go through a client being migrated (modulesNearMigratedClients). */
  nearMigrated: Set<string>;
  keysNoteSaid?: boolean;
  /** A dense run's sub-batch: the batch index of the file the keys note goes to (the first pass found it; -1: none). */
  keysNoteAt?: number;
  /** OpenAI is reached only through opaque clients: nothing is transformed, one follow-up at the first. */
  opaqueOnly: OpaqueOnly | undefined;
}

/** Phase A: one parse per file and its local analysis; a file that fails is recorded in `errors`. */
function parseModules(files: FileContext[], targetHost: string | undefined, errors: Map<string, HandlerError>): Map<string, ParsedModule> {
  const parsed = new Map<string, ParsedModule>();
  for (const ctx of files) {
    try {
      const { sf, error, unclosed } = parseJs(ctx.file.rel, ctx.file.text);
      if (error) {
        // A module parsed only to follow values into it (no OpenAI marker) is not a failure of the run.
        if (!ctx.file.related)
          errors.set(
            ctx.file.abs,
            handlerError('E_PARSE', unclosed ? msg('file.scriptNotClosed', { where: `${ctx.file.rel}:${unclosed}` }) : msg('file.syntaxError', { where: `${ctx.file.rel}:${error}` })),
          );
        continue;
      }
      parsed.set(ctx.file.abs, { ctx, sf, facts: analyzeJs(sf, undefined, targetHost) });
    } catch (e) {
      errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
    }
  }
  noteClosedIdTypes([...parsed.values()].map((p) => p.sf));
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
function wantedModelExports(parsed: Map<string, ParsedModule>, cross: CrossModule): { wanted: Map<string, Set<string>>; firstPass: Map<string, ModelSites>; refs: ExportRefs } {
  const wanted = new Map<string, Set<string>>();
  const refs: ExportRefs = new Map();
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
        const name = ns ? ref.member! : b.imported === '*' ? 'default' : b.imported;
        set.add(name);
        wanted.set(hit.abs, set);
        // How the value is read (`config.openai.embeddingModel`), and whether only by a client whose host is unresolved.
        const byName = refs.get(hit.abs) ?? new Map<string, ExportRef[]>();
        const list = byName.get(name) ?? [];
        list.push({ path: ref.path && (ns ? ref.path.slice(1) : ref.path), undecided: !!ref.undecided });
        byName.set(name, list);
        refs.set(hit.abs, byName);
      }
    }
  }
  return { wanted, firstPass, refs };
}

/** Per module, per export name: the reads of it other modules use as model values. */
type ExportRefs = Map<string, Map<string, ExportRef[]>>;

/**
 * Model sites of the code first, then of the tests: a test's ids change only where the
 * code's same id changes (the same value gets the same new value). `tests` (a dense run's
 * sub-batch) says what the whole batch's code does with each id.
 */
function modelSitesByFile(
  parsed: Map<string, ParsedModule>,
  cross: CrossModule,
  wanted: Map<string, Set<string>>,
  firstPass: Map<string, ModelSites>,
  refs: ExportRefs,
  tests?: AppFacts['tests'],
): Map<string, ModelSites> {
  const { siteMap, codeIds, rewrittenSites } = codeModelSites(parsed, cross, wanted, firstPass, refs);
  const { kept, rewritten, ambiguous } = keptIds(parsed, rewrittenSites, codeIds);
  for (const [abs, p] of parsed) {
    if (!isTestPath(p.ctx.file.rel)) continue;
    const test = { migrated: tests?.migrated ?? codeIds, ambiguous: tests?.ambiguous ?? ambiguous, callee: testCallee(parsed, cross, kept, rewritten, abs) };
    siteMap.set(abs, collectModelSites(p.facts, { usesOpenAI: usesOpenAI(p.facts), exportedNames: wanted.get(abs) ?? new Set(), importedParam: cross.importedParam(abs), test }));
  }
  return siteMap;
}

/** The code's model sites (test files aside), the ids they hold, and the literals map-model-ids rewrites. */
function codeModelSites(parsed: Map<string, ParsedModule>, cross: CrossModule, wanted: Map<string, Set<string>>, firstPass: Map<string, ModelSites>, refs: ExportRefs) {
  const siteMap = new Map<string, ModelSites>();
  const codeIds = new Set<string>();
  const rewrittenSites = new Map<string, Set<ts.Node>>();
  for (const [abs, p] of parsed) {
    if (isTestPath(p.ctx.file.rel)) continue;
    const r = wanted.has(abs) ? collectModelSites(p.facts, { usesOpenAI: usesOpenAI(p.facts), exportedNames: wanted.get(abs)!, importedParam: cross.importedParam(abs) }) : firstPass.get(abs)!;
    if (wanted.has(abs)) leaveUndecidedExports(p.facts, r, refs.get(abs), new Set(firstPass.get(abs)!.sites.map((x) => x.lit)));
    siteMap.set(abs, r);
    const live = new Set<ts.Node>();
    for (const s of r.sites) {
      if (inTable(p, s.lit)) continue;
      live.add(s.lit);
      codeIds.add(s.id);
    }
    rewrittenSites.set(abs, live);
  }
  return { siteMap, codeIds, rewrittenSites };
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
function keptIds(parsed: Map<string, ParsedModule>, rewrittenSites: Map<string, Set<ts.Node>>, codeIds: Set<string>): { kept: IdsAt; rewritten: IdsAt; ambiguous: Set<string>; keptAll: Set<string> } {
  const kept: IdsAt = new Map();
  const rewritten: IdsAt = new Map();
  const ambiguous = new Set<string>();
  const keptAll = new Set<string>();
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
    for (const k of keptHere) {
      keptAll.add(k.id);
      if (codeIds.has(k.id)) ambiguous.add(k.id);
    }
  }
  return { kept, rewritten, ambiguous, keptAll };
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

/** What the multi-provider plan needs of one module (src/rules/adapters.ts), as small data. */
interface AdapterProbeData {
  rel: string;
  hints: string[];
  line: number | undefined;
  selection: string | undefined;
  defaults: string[];
}

/** The plan's questions about one module, answered from its JS/TS analysis when asked. */
function adapterProbeOf(target: FileContext['target']) {
  return (p: ParsedModule) => {
    const lineOf = (at: number) => p.sf.getLineAndCharacterOfPosition(at).line + 1;
    return {
      rel: p.ctx.file.rel,
      hints: () => otherAdapterHints(p.facts),
      line: () => {
        const at = targetAdapterAt(
          p.facts,
          target?.provider.integrations.aiSdk?.package,
          target && { baseURLs: [target.baseURL, ...Object.values(target.provider.regions).map((r) => r.baseURL)], names: targetNames(target.provider) },
        );
        return at === undefined ? undefined : lineOf(at);
      },
      selection: (names: string[]) => targetSelection(p.facts, names),
      defaults: () => defaultProviderLiterals(p.facts).map((l) => `${p.ctx.file.rel}:${lineOf(l.getStart())}`),
    };
  };
}

type AdapterProbeLazy = ReturnType<ReturnType<typeof adapterProbeOf>>;

/** Multi-provider apps (src/rules/adapters.ts), from each module's probe (its analysis, or a dense run's first pass). */
function adapterPlan(target: FileContext['target'], mods: Array<AdapterProbeLazy | AdapterProbeData>): AdapterPlan {
  const ask = <K extends keyof AdapterProbeData>(m: AdapterProbeLazy | AdapterProbeData, k: K, names: string[] = []): AdapterProbeData[K] => {
    const v = m[k];
    return (typeof v === 'function' ? (v as (n: string[]) => AdapterProbeData[K])(names) : v) as AdapterProbeData[K];
  };
  return planAdapters(target, mods, {
    hints: (m) => ask(m, 'hints'),
    adapterLine: (m) => ask(m, 'line'),
    selection: (m, names) => ask(m, 'selection', names),
    defaults: (m) => ask(m, 'defaults'),
  });
}

/** A module ready for its transforms: its context (client plan made), and what the adapter note needs. */
interface Prepared {
  jctx: MigrateContext<JsContext>;
  p: ParsedModule;
  openaiAdapter: boolean;
  at: number;
  /** The module's place in the batch (where a once-per-app note goes). */
  index: number;
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
    envSourceOf: (e: ts.Expression) => envSourceOf(cross, abs, e),
    foreignRequests: run.foreignRequests.get(abs) ?? [],
    foreignBodies: run.foreignBodies.get(abs) ?? [],
    foreignParams: run.foreignParams.get(abs) ?? [],
    resolvesToLiteral: (e: ts.Expression) => cross.literalOf(abs, e) !== undefined,
    targetHost: run.targetHost,
    composedUses: run.composed.uses.get(abs) ?? [],
    composedPaths: run.composed.paths.get(abs) ?? [],
    composedHosts: run.composed.hosts.get(abs) ?? [],
    enumNames: run.enumNames,
    classKeyFields: classKeyFieldsFor(abs, p, run.classKeyFields, cross),
    projectReachesOpenAI: run.reachesOpenAI,
    nearMigratedClient: run.nearMigrated.has(abs),
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
  // Raw HTTP to api.openai.com is an OpenAI adapter too (ChatGPTNextWeb/NextChat's fetch-based platforms).
  const openaiAdapter = !ownAdapter && (uses || [...p.facts.imports.values()].some((b) => /^@(ai-sdk|langchain)\/openai$/.test(b.specifier)) || /\bapi\.openai\.com\b/.test(p.ctx.file.text));
  const index = run.order.get(abs)!;
  // The app already has the target's adapter: nothing else in its scope changes (the OpenAI adapter, its key reads in
  // config modules, its tests), so the OpenAI adapter keeps working where the app still selects it.
  if (adapterHere && !openaiAdapter) return undefined;
  // Tests sit outside the adapter's folder (test/, __tests__/): they follow the code they test, which stays. Only
  // the tests of the app (workspace package) that holds the adapter: another package's tests follow its own code.
  if (isTestPath(p.ctx.file.rel) && (adapterHere || run.adapters.adapters.some((a) => samePackage(p.ctx.file, a.rel)))) return undefined;
  if (openaiAdapter && adapterHere) {
    // Said once for the app (on its first OpenAI file); the other OpenAI files are left without a word each.
    const defaultsAt = adapterHere.defaultsAt;
    const sel = adapterHere.selection;
    const provider = shortName(jctx.target.provider);
    run.notes.push({
      key: adapterHere,
      index,
      say: () =>
        jctx.followUp(
          at,
          msg('adapters.targetExists', { provider, at: `${adapterHere.rel}:${adapterHere.line}`, selection: sel }),
          defaultsAt.length ? msg('adapters.targetExists.defaultChanged', { selection: sel, at: defaultsAt.join(', ') }) : msg('adapters.targetExists.select', { selection: sel }),
        ),
    });
    return undefined;
  }
  clientPlan(jctx); // which clients stay (before any transform reads a client's status)
  return { jctx, p, openaiAdapter, at, index };
}

/**
 * Does the module at `rel` (a target adapter, run-relative like `file.rel`) belong to the same package as this file:
 * the same nearest package.json (a monorepo's workspace package, or the one app of a repository)?
 */
function samePackage(file: FileContext['file'], rel: string): boolean {
  const other = path.resolve(path.dirname(file.abs), path.relative(path.dirname(file.rel), rel));
  return nearestPackageJson(file.abs) === nearestPackageJson(other);
}

/** Phase C for one prepared module: the transforms, the once-per-app note, the package needs. */
function transformPrepared({ jctx, p, openaiAdapter, at, index }: Prepared, run: RunShared): void {
  const { opts } = run;
  const { others } = run.adapters;
  if (!run.reachesOpenAI) keysStayNote(jctx, run);
  if (run.opaqueOnly && (!run.opaqueOnly.modules || run.opaqueOnly.modules.has(jctx.file.abs))) {
    opaqueOnlyNote(jctx, run.opaqueOnly);
    return;
  }
  for (const t of (opts.transforms ?? []) as ReadonlyArray<Transform<JsContext>>) {
    if (opts.only && !opts.only.includes(t.id)) continue;
    t.run(jctx);
  }
  // Said once, on the first file whose OpenAI adapter was actually migrated.
  if (openaiAdapter && others.size && !isTestPath(p.ctx.file.rel) && jctx.changes.length) {
    const list = [...others].sort().join(', ');
    run.notes.push({ key: others, index, say: () => jctx.followUp(at, msg('adapters.oneOfSeveral', { others: list }), msg('adapters.oneOfSeveral.todo')) });
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
  'envSourceOf',
  'foreignRequests',
  'foreignBodies',
  'foreignParams',
  'resolvesToLiteral',
  'targetHost',
  'composedUses',
  'composedPaths',
  'composedHosts',
  'enumNames',
  'classKeyFields',
  'projectReachesOpenAI',
  'nearMigratedClient',
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

/** `X ?? ''`, `X || fallback`: the value read first. */
function firstRead(e: ts.Expression): ts.Expression {
  const x = unwrapExpr(e);
  return tsm.isBinaryExpression(x) && (x.operatorToken.kind === tsm.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === tsm.SyntaxKind.BarBarToken) ? unwrapExpr(x.left) : x;
}

/** The environment variable behind a value: read here, or in the const / config property / import it comes from. */
function envSourceOf(cross: CrossModule, abs: string, e: ts.Expression): string | undefined {
  let cur = { abs, node: firstRead(e) };
  for (let depth = 0; depth < 8; depth++) {
    const name = envName(cur.node);
    if (name) return name;
    const def = cross.definitionOf(cur.abs, cur.node);
    if (!def) return undefined;
    cur = { abs: def.abs, node: firstRead(def.node) };
  }
  return undefined;
}

/** A module builds or calls an SDK client on OpenAI's or Azure's host, or names the OpenAI URL. */
function migratesClientHere(p: ParsedModule): boolean {
  return p.facts.constructions.some((c) => reachesOpenAI(c.status)) || p.facts.calls.some((c) => reachesOpenAI(c.client)) || /api\.openai\.com|openai\.azure\.com/.test(p.ctx.file.text);
}

/**
 * The modules whose requests may go through a client being migrated: the module itself, what it
 * imports (transitively), or a module importing it directly, builds or calls one. Elsewhere nothing
 * the module sends is migrated, and follow-ups about requests (a hand-built tool-call message) stay
 * unsaid. Found on trip-planner, whose only client is an OpenRouter one.
 */
function modulesNearMigratedClients(parsed: Map<string, ParsedModule>, cross: CrossModule): Set<string> {
  const here = new Set([...parsed].filter(([, p]) => migratesClientHere(p)).map(([abs]) => abs));
  const deps = new Map<string, string[]>();
  for (const [abs, p] of parsed) {
    const specs = [...new Set([...[...p.facts.imports.values()].map((b) => b.specifier), ...p.facts.reexports.map((r) => r.specifier)])];
    deps.set(
      abs,
      specs.map((sp) => cross.target(abs, sp)).filter((t): t is string => !!t && t !== abs),
    );
  }
  const down = new Map<string, boolean>();
  const reaches = (abs: string, seen: Set<string>): boolean => {
    if (down.has(abs)) return down.get(abs)!;
    if (seen.has(abs)) return false;
    seen.add(abs);
    const r = here.has(abs) || (deps.get(abs) ?? []).some((d) => reaches(d, seen));
    down.set(abs, r);
    return r;
  };
  const out = new Set<string>();
  for (const abs of parsed.keys()) if (reaches(abs, new Set())) out.add(abs);
  for (const [abs, ds] of deps) if (here.has(abs)) for (const d of ds) out.add(d);
  return out;
}

/** An OpenAI key variable named in a module's text. */
const OPENAI_KEY_READ = /\b(?:[A-Z]+_)*(?:AZURE_)?OPENAI_API_KEY\b/;

/** Said once, at the first OpenAI key read of a run that has no OpenAI client: why the key keeps its name. */
function keysStayNote(ctx: JsContext, run: RunShared): void {
  if (run.keysNoteSaid || isTestPath(ctx.file.rel)) return;
  const m = OPENAI_KEY_READ.exec(ctx.file.text);
  if (!m) return;
  // A dense run's sub-batch: the note goes to the first such file of the whole batch.
  if (run.keysNoteAt !== undefined && run.order.get(ctx.file.abs) !== run.keysNoteAt) return;
  run.keysNoteSaid = true;
  ctx.followUp(m.index, msg('keys.noOpenAIClient', { name: m[0] }), msg('keys.noOpenAIClient.todo', { name: m[0] }));
}

/** What opaqueScan finds in a group of modules: the first opaque client, and whether anything else reaches OpenAI. */
interface OpaqueScan {
  first?: { at: string; abs: string; pos: number; key: string; index: number; pkg?: string };
  other: boolean;
}
type OpaqueOnly = { at: string; abs: string; pos: number; key: string; pkg?: string; said?: boolean; modules?: Set<string> };

/**
 * An exported client (`export const openaiClient = new OpenAI(...)`) whose every use in the group's modules is a
 * call of an API the provider does not serve stays on OpenAI with its key, as a local one does (client-plan.ts;
 * found on enolcasielles/memo-mate: Assistants, threads and embeddings on DeepSeek). A use other than such a call
 * (the client passed on, stored), or an importer outside the prepared modules: not decided, migrated as before.
 * When such clients are then the group's only OpenAI clients, nothing of the group moves (no model id, no key):
 * returned like an opaque-only run, its follow-up already said.
 */
function keepExportedBlockedClients(parsed: Map<string, ParsedModule>, prepared: Map<string, Prepared>, cross: CrossModule): OpaqueOnly | undefined {
  let first: OpaqueOnly | undefined;
  const keptAt: string[] = [];
  for (const [abs, r] of prepared) {
    const ctx = r.jctx;
    for (const c of ctx.facts.constructions) {
      if (!reachesOpenAI(c.status) || c.azure || c.status === 'azure' || clientPlan(ctx).kept.has(c.node)) continue;
      const decl = c.node.parent;
      if (!decl || !tsm.isVariableDeclaration(decl) || !tsm.isIdentifier(decl.name) || decl.initializer !== c.node) continue;
      const name = decl.name.text;
      if (ctx.facts.exports.get(name)?.kind !== 'client') continue;
      const uses: Array<{ ctx: MigrateContext<JsContext>; local: string }> = [{ ctx, local: name }];
      let ok = true;
      for (const [abs2, p2] of parsed) {
        if (abs2 === abs) continue;
        for (const [local, b] of p2.facts.imports) {
          if (b.imported !== name || cross.resolveImport(abs2, local)?.abs !== abs) continue;
          const r2 = prepared.get(abs2);
          if (!r2) ok = false;
          else uses.push({ ctx: r2.jctx, local });
        }
      }
      let calls = 0;
      for (const u of uses) {
        if (!ok) break;
        const mine = u.ctx.facts.calls.filter((x) => x.receiver === u.local);
        let refs = 0;
        walk(u.ctx.sf, (n) => {
          if (!tsm.isIdentifier(n) || n.text !== u.local) return;
          const p = n.parent;
          if (
            tsm.isImportSpecifier(p) ||
            tsm.isExportSpecifier(p) ||
            tsm.isImportClause(p) ||
            (tsm.isVariableDeclaration(p) && p.name === n) ||
            (tsm.isPropertyAccessExpression(p) && p.name === n) ||
            (tsm.isPropertyAssignment(p) && p.name === n)
          )
            return;
          refs++;
        });
        if (refs !== mine.length || !mine.every((x) => blockedCall(u.ctx, x))) ok = false;
        calls += mine.length;
      }
      if (!ok || !calls) continue;
      keepExportedBlocked(ctx, c);
      keptAt.push(abs);
      first ??= { at: `${cross.relOf(abs)}:${ctx.sf.getLineAndCharacterOfPosition(c.node.getStart()).line + 1}`, abs, pos: c.node.getStart(), key: '', said: true };
    }
  }
  if (!first) return undefined;
  // Per import-connected component of a kept client: any other OpenAI use there (a client that moves, an adapter,
  // a URL) and the rest of it migrates as usual. Components, so that a dense run's sub-batches decide as the whole batch does.
  const modules = new Set<string>();
  for (const comp of importBatches(
    [...parsed.values()].map((p) => p.ctx),
    1,
  )) {
    const abss = comp.map((c) => c.file.abs);
    if (!keptAt.some((a) => abss.includes(a))) continue;
    const others = abss.some((abs) => {
      const p = parsed.get(abs)!;
      const r = prepared.get(abs);
      return otherOpenAIUse(p.ctx.file.text) || p.facts.constructions.some((c) => c.status !== 'other' && (!r || !clientPlan(r.jctx).kept.has(c.node)));
    });
    if (!others) for (const a of abss) modules.add(a);
  }
  return modules.size ? { ...first, modules } : undefined;
}

/** Usage of OpenAI other than through the SDK's clients: framework adapters, the v3 SDK, raw OpenAI URLs. */
const OTHER_OPENAI_USE =
  /['"](openai-edge|azure-openai|@azure\/openai|@ai-sdk\/openai|@ai-sdk\/azure|@langchain\/openai|@openai\/[\w-]+|langchain\/[^'"\n]*openai[^'"\n]*)['"]|\bOpenAIApi\b|openai\.azure\.com/;

/**
 * The module uses OpenAI other than through the SDK's clients (OTHER_OPENAI_USE), or names api.openai.com for a
 * request a provider could serve: a bare host (its path is joined elsewhere) or a `/v1` path other than OpenAI's
 * own account APIs (`/v1/dashboard/billing/usage` next to a ChatGPTAPI client, found on Chanzhaoyu/chatgpt-web).
 */
function otherOpenAIUse(text: string): boolean {
  if (OTHER_OPENAI_USE.test(text)) return true;
  if (!/api\.openai\.com/.test(text)) return false;
  const paths = [...text.matchAll(/\/v1(\/[a-z_]+)/g)].map((m) => m[1]!);
  return !paths.length || paths.some((p) => endpointOfPath(p) !== 'openaiOnly');
}

/**
 * The run's OpenAI clients are all opaque (`new (OpenAIClient as unknown as Ctor)({ apiKey })`, analyze.ts
 * opaqueClass; found on noah-isme/invosmart): that client gets no base URL, so the project's key reads
 * (its guard, its tests, its env files), its model ids and its requests stay OpenAI's, and the run says so once.
 * Any other construction (but one pointed at another service), adapter, v3 client or OpenAI URL: not this case.
 */
function opaqueScan(parsed: Map<string, ParsedModule>, cross: CrossModule, order?: Map<string, number>, composed?: Map<string, unknown[]>): OpaqueScan {
  const out: OpaqueScan = { other: false };
  // the group's composed URLs (processGroup has them; the first pass computes them only when a bare host asks)
  let composedHosts = composed;
  const consider = (abs: string, p: ParsedModule, pos: number, key: string, pkg?: string) => {
    const index = order?.get(abs) ?? 0;
    if (out.first && out.first.index <= index) return;
    const line = p.sf.getLineAndCharacterOfPosition(pos).line + 1;
    out.first = { at: `${cross.relOf(abs)}:${line}`, abs, pos, key, index, pkg };
  };
  for (const [abs, p] of parsed) {
    const text = p.ctx.file.text;
    if (otherOpenAIUse(text)) {
      // A bare OpenAI host (`"api.openai.com"` in a config object) whose path is appended where the tool cannot see it,
      // nor the key sent with it: retarget-raw-http leaves it.
      const bare = !OTHER_OPENAI_USE.test(text) && !/\/v1\b/.test(text) ? BARE_OPENAI_HOST.exec(text) : null;
      if (bare) {
        composedHosts ??= collectComposedUrls(
          [...parsed].map(([a, q]) => [a, q.sf] as [string, ts.SourceFile]),
          (a, e) => cross.stringOf(a, e),
        ).hosts;
      }
      if (bare && !composedHosts?.get(abs)?.length) consider(abs, p, bare.index + 1, 'OPENAI_API_KEY', 'url');
      else out.other = true;
    }
    for (const c of p.facts.constructions) {
      if (!c.opaque) {
        if (c.status !== 'other') out.other = true;
        continue;
      }
      const k = c.options && findProp(c.options, 'apiKey');
      const v = k && tsm.isPropertyAssignment(k) ? unwrapExpr(k.initializer) : undefined;
      const key = (v && envName(tsm.isBinaryExpression(v) ? unwrapExpr(v.left) : v)) || 'OPENAI_API_KEY';
      consider(abs, p, c.node.getStart(), key, c.pkg);
    }
  }
  return out;
}

/** A string that is only the OpenAI host (`"api.openai.com"`, `'https://api.openai.com/'`). */
const BARE_OPENAI_HOST = /['"`](?:https:\/\/)?api\.openai\.com\/?['"`]/;

const opaqueOnlyOf = (s: OpaqueScan): OpaqueOnly | undefined => (s.first && !s.other ? { at: s.first.at, abs: s.first.abs, pos: s.first.pos, key: s.first.key, pkg: s.first.pkg } : undefined);

/** Said once, in the module that builds the first opaque client, at that client (a kept exported client said its own). */
function opaqueOnlyNote(ctx: JsContext, o: OpaqueOnly): void {
  const t = ctx.target;
  if (ctx.file.abs !== o.abs || !t || o.said) return;
  const third = o.pkg ? THIRD_PARTY_CLIENTS.find((c) => c.pkg === o.pkg) : undefined;
  if (o.pkg === 'url') ctx.followUp(o.pos, msg('http.bareHostOnly', { at: o.at }), msg('http.bareHostOnly.todo', { url: t.baseURL, env: t.apiKeyEnv }));
  else if (third)
    ctx.followUp(
      o.pos,
      msg('client.thirdParty', { at: o.at, key: o.key, pkg: third.pkg }),
      msg('client.thirdParty.todo', { url: t.baseURL, env: t.apiKeyEnv, provider: shortName(t.provider), base: third.baseOption, model: third.modelOption }),
    );
  else ctx.followUp(o.pos, msg('client.opaque', { at: o.at, key: o.key }), msg('client.opaque.todo', { url: t.baseURL, env: t.apiKeyEnv, provider: shortName(t.provider) }));
}

export function usesOpenAI(f: JsFacts): boolean {
  return f.importsOpenAI || f.clients.size > 0 || f.members.size > 0 || f.factories.size > 0 || f.constructions.length > 0;
}
