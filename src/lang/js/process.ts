import { fileError } from '../../engine/batch.js';
import type { ts } from 'ts-morph';
import type { FileContext, HandlerError, HandlerOptions } from '../../engine/types.js';
import { preferredQuote, usesSemicolons } from '../../engine/text.js';
import { JS_TRANSFORMS } from '../../../transforms/js/index.js';
import { clientPlan } from './client-plan.js';
import { collectComposedUrls } from './composed-urls.js';
import { analyzeJs, type ClientStatus, type JsFacts, type Seeds } from './analyze.js';
import { collectModelSites } from './model-sites.js';
import { CrossModule, type ParsedModule } from './cross-module.js';
import type { JsContext } from './context.js';
import { detectJs } from './detect.js';
import { reportOutsideUse } from './outside.js';
import { packageNeeds } from './wrappers/deps.js';
import { depsState, nearestPackageJson, packageRoot } from '../deps/project.js';
import { parseJs } from './parse.js';

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

    const cross = new CrossModule(parsed);

    // Phase B: seed imported clients/factories and re-analyse (same AST, no re-parse). Again while a
    // module's exports changed (a client built from an imported factory, re-exported by a barrel).
    const seeded = new Map<string, string>();
    for (let round = 0, changed = true; changed && round < 4; round++) {
      changed = false;
      for (const [abs, p] of parsed) {
        const seeds: Seeds = { clients: new Map(), factories: new Map() };
        for (const [local, b] of p.facts.imports) {
          if (b.imported === '*') {
            const clients = cross.namespaceClients(abs, local);
            if (clients.size) (seeds.namespaces ??= new Map()).set(local, clients);
          }
          const hit = cross.resolveImport(abs, local);
          if (hit?.fact.kind === 'client') seeds.clients.set(local, hit.fact.status as ClientStatus);
          if (hit?.fact.kind === 'factory') seeds.factories.set(local, hit.fact.status as ClientStatus);
        }
        if (!seeds.clients.size && !seeds.factories.size && !seeds.namespaces) continue;
        const key = JSON.stringify([[...seeds.clients], [...seeds.factories], [...(seeds.namespaces ?? [])].map(([k, v]) => [k, [...v]])]);
        if (seeded.get(abs) === key) continue;
        seeded.set(abs, key);
        p.facts = analyzeJs(p.sf, seeds, targetHost);
        changed = true;
      }
    }

    // Model values used across modules: file -> exported names used as models elsewhere.
    const wanted = new Map<string, Set<string>>();
    const firstPass = new Map<string, ReturnType<typeof collectModelSites>>();
    for (const [abs, p] of parsed) {
      const r = collectModelSites(p.facts, { usesOpenAI: usesOpenAI(p.facts), exportedNames: new Set(), importedParam: cross.importedParam(abs) });
      firstPass.set(abs, r);
      for (const ref of r.imported) {
        const hit = cross.resolveImport(abs, ref.local);
        if (hit) {
          const set = wanted.get(hit.abs) ?? new Set();
          const b = p.facts.imports.get(ref.local)!;
          set.add(b.imported === '*' ? 'default' : b.imported);
          wanted.set(hit.abs, set);
        }
      }
    }

    // URLs composed across modules (a host-only OpenAI base joined with a `/v1/...` path).
    const composed = collectComposedUrls([...parsed].map(([abs, p]) => [abs, p.sf] as [string, ts.SourceFile]), (abs, e) => cross.stringOf(abs, e));
    const foreignParams = cross.foreignParams();
    const foreignRequests = cross.foreignRequests();

    // Phase C: detect, then transform.
    for (const [abs, p] of parsed) {
      try {
        const uses = usesOpenAI(p.facts);
        const sites = wanted.has(abs)
          ? collectModelSites(p.facts, { usesOpenAI: uses, exportedNames: wanted.get(abs)!, importedParam: cross.importedParam(abs) })
          : firstPass.get(abs)!;
        const jctx: JsContext = Object.assign(p.ctx, {
          sf: p.sf,
          facts: p.facts,
          usesOpenAI: uses,
          models_: sites,
          q: preferredQuote(p.sf.text),
          semi: usesSemicolons(p.sf.text) ? ';' : '',
          modelValues: (e: ts.Expression) => cross.valuesOf(abs, e),
          foreignRequests: foreignRequests.get(abs) ?? [],
          foreignParams: foreignParams.get(abs) ?? [],
          resolvesToLiteral: (e: ts.Expression) => cross.literalOf(abs, e) !== undefined,
          targetHost,
          composedUses: composed.uses.get(abs) ?? [],
          composedPaths: composed.paths.get(abs) ?? [],
        });
        detectJs(jctx);
        if (!p.ctx.file.outside) reportOutsideUse(jctx, cross);
        if (!jctx.target) continue;
        clientPlan(jctx); // which clients stay (before any transform reads a client's status)
        for (const t of JS_TRANSFORMS) {
          if (opts.only && !opts.only.includes(t.id)) continue;
          t.run(jctx);
        }
        recordDependencies(jctx, p.facts, opts);
      } catch (e) {
        errors.set(abs, fileError(e, p.ctx.file.rel));
      }
    }
    // The engine keeps each context (edits, findings) until the run ends; the syntax tree and
    // the analysis hung on it are done with, so let them go (80k-file scan on one thread: peak RSS 317 -> 281 MB).
    for (const p of parsed.values()) for (const k of ANALYSIS_KEYS) delete (p.ctx as unknown as Record<string, unknown>)[k];
    return errors;
  },
};

/** What Phase C adds to a file's context for detection and the transforms. */
const ANALYSIS_KEYS = ['sf', 'facts', 'usesOpenAI', 'models_', 'q', 'semi', 'modelValues', 'foreignRequests', 'foreignParams', 'resolvesToLiteral', 'targetHost', 'composedUses', 'composedPaths'] as const;

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

export function usesOpenAI(f: JsFacts): boolean {
  return f.importsOpenAI || f.clients.size > 0 || f.members.size > 0 || f.factories.size > 0 || f.constructions.length > 0;
}
