import type { Text } from '../../i18n/msg.js';
import { preferredQuote } from '../../engine/text.js';
import { type FileContext, type HandlerOptions, type Transform, isMigrating } from '../../engine/types.js';
import type { PyFacts } from './analyze.js';
import type { KeptSettings, PyComposed, PyContext } from './context.js';
import { detectPython, OPENAI_URL } from './detect.js';
import { pyClientPlan } from './client-plan.js';
import { envStyleOf, insertImports } from './helpers.js';
import { collectPyModelSites, type PyModelSites } from './model-sites.js';
import { walk, type PyTree } from './parse.js';
import { definesOpenAISettings } from './settings.js';
import { analyzeWrappers, type WrapperFacts } from './wrappers.js';

/** Does the file talk to OpenAI (SDK, client, wrapper, or a URL aimed at api.openai.com)? */
export function usesOpenAI(f: PyFacts, w: WrapperFacts): boolean {
  if (f.importsOpenAI || f.clients.size || f.factories.size || f.calls.length || f.constructions.length || w.bindings.length || w.initChat.length) return true;
  // a settings class holding the OpenAI key or base URL (its model settings are the app's OpenAI models)
  if (definesOpenAISettings(f) || f.composedUse) return true;
  let url = false;
  walk(f.py.root, (n) => {
    if (url) return false;
    if (n.type === 'string' && OPENAI_URL.test(n.text)) url = true;
  });
  return url;
}

/**
 * Detect and (when the context has a target) transform one parsed Python
 * program: a `.py` file, or a notebook's code cells joined into one program.
 */
export function runPython(
  ctx: FileContext,
  py: PyTree,
  facts: PyFacts,
  opts: HandlerOptions & {
    sites?: PyModelSites;
    targetHost?: string;
    packageFits?: (pkg: string) => boolean;
    /** Multi-provider app: a follow-up to record after detection (`leave`: and no transform runs). */
    adapterNote?: { at: number; reason: Text; action: Text; leave: boolean };
    keptSettings?: KeptSettings;
    composed?: PyComposed;
  },
): PyContext {
  const wrappers = analyzeWrappers(facts, opts.targetHost);
  const uses = usesOpenAI(facts, wrappers);
  const pctx: PyContext = Object.assign(ctx, {
    py,
    facts,
    wrappers,
    usesOpenAI: uses,
    models_: opts.sites ?? collectPyModelSites(facts, uses),
    q: preferredQuote(py.text),
    targetHost: opts.targetHost,
    packageFits: opts.packageFits ?? (() => true),
    envStyle: envStyleOf(py),
    needImports: [],
    packages: new Set<string>(),
    keptSettings: opts.keptSettings,
    settingsEnv: new Map(),
    composed: opts.composed ?? { uses: [], paths: [], hosts: [] },
  });
  detectPython(pctx);
  if (!isMigrating(pctx)) return pctx;
  if (opts.adapterNote) {
    if (opts.adapterNote.reason) pctx.followUp(opts.adapterNote.at, opts.adapterNote.reason, opts.adapterNote.action);
    if (opts.adapterNote.leave) return pctx;
  }
  pyClientPlan(pctx); // which clients stay (before any transform reads a client's status)
  for (const t of (opts.transforms ?? []) as ReadonlyArray<Transform<PyContext>>) {
    if (opts.only && !opts.only.includes(t.id)) continue;
    t.run(pctx);
  }
  insertImports(pctx);
  return pctx;
}
