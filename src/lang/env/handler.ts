import { msg } from '../../i18n/msg.js';
import { handlerError } from '../../i18n/reasons.js';
import { fileError } from '../../engine/batch.js';
import { type FileContext, type HandlerError, type HandlerOptions, type LanguageHandler, type Transform, isMigrating, runRootOf } from '../../engine/types.js';
import { providerHosts } from '../../providers/index.js';
import { envRole, SETTINGS_ENV, type EnvRole } from '../../rules/env.js';
import { envOfUnchangedApp, envReadsFor, libraryReadsFor, modelVarsLeft, splitModelVarsFor } from '../../rules/env-reads.js';
import { inTargetAdapterApp } from '../../rules/adapters.js';
import { CONFIG_PREFILTER, isOpenAIModelId } from '../config/common.js';
import type { EnvContext } from './context.js';
import { detectEnv } from './detect.js';
import { isEnvFile, parseEnv, type EnvParse } from './parse.js';
import { findMarkers } from '../../rules/markers.js';

/** A file whose OpenAI base-URL variable already names a provider host is already migrated: left as it is. */
function pointsAtProvider(env: EnvParse): boolean {
  const hosts = providerHosts();
  return env.entries.some((e) => {
    if (envRole(e.name) !== 'baseURL') return false;
    try {
      return hosts.has(new URL(e.value).host);
    } catch {
      return false;
    }
  });
}

/** Env files (`.env`, `.env.example`, `.env.local`, `*.env`, `.envrc`): detect and migrate OpenAI variables. */
export const envHandler: LanguageHandler = {
  id: 'env',
  matches: isEnvFile,
  prefilter: (text) => CONFIG_PREFILTER.test(text),
  validate: (text) => parseEnv(text).error,
  // The code handlers run first and share the variables their migrated files still read,
  // and the Python settings classes' prefixed variables (SETTINGS_ENV).
  readsProject: true,
  async process(files: FileContext[], opts: HandlerOptions) {
    const errors = new Map<string, HandlerError>();
    for (const ctx of files) {
      try {
        const env = parseEnv(ctx.file.text);
        if (env.error) {
          errors.set(ctx.file.abs, handlerError('E_PARSE', msg('file.envUnreadable', { file: ctx.file.rel, error: env.error })));
          continue;
        }
        if (pointsAtProvider(env)) continue;
        // The app already has the target's adapter (the code handlers said so once): its OpenAI variables stay with its OpenAI adapter.
        if (inTargetAdapterApp(opts.project, ctx.file.abs)) continue;
        // An app of a monorepo whose code this run does not change keeps its env file (its code reads these names).
        if (isMigrating(ctx) && envOfUnchangedApp(opts.project, ctx.file.abs, runRootOf(ctx.file))) {
          // CrewAI's default LLM reads the model set here: say how to move it (map-model-values says the same in a changed app).
          const lib = libraryReadsFor(opts.project, ctx.file.abs);
          for (const e of env.entries) {
            if (lib.has(e.name) && isOpenAIModelId(e.value))
              ctx.followUp(e.valueStart, msg('env.libraryModel', { name: e.name, id: e.value }), msg('env.libraryModel.todo', { name: e.name, env: ctx.target.apiKeyEnv, url: ctx.target.baseURL }));
          }
          continue;
        }
        const settingsEnv = (opts.project?.get(SETTINGS_ENV) as Map<string, EnvRole> | undefined) ?? new Map<string, EnvRole>();
        const ectx: EnvContext = Object.assign(ctx, {
          env,
          names: new Set(env.entries.map((e) => e.name)),
          codeReads: envReadsFor(opts.project, ctx.file.abs),
          modelsLeft: modelVarsLeft(opts.project),
          libraryReads: libraryReadsFor(opts.project, ctx.file.abs),
          splitModels: splitModelVarsFor(opts.project, ctx.file.abs),
          settingsEnv,
        });
        detectEnv(ectx);
        if (!isMigrating(ectx)) continue;
        for (const t of (opts.transforms ?? []) as ReadonlyArray<Transform<EnvContext>>) {
          if (opts.only && !opts.only.includes(t.id)) continue;
          t.run(ectx);
        }
      } catch (e) {
        errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
      }
    }
    findMarkers(files, errors);
    return errors;
  },
};
