import { handlerError } from '../../i18n/reasons.js';
import { msg } from '../../i18n/msg.js';
import { fileError } from '../../engine/batch.js';
import path from 'node:path';
import type { FileContext, HandlerError, HandlerOptions, LanguageHandler } from '../../engine/types.js';
import { existsSync } from 'node:fs';
import { addDependency, declaredDependencies, detectPackageManager, duplicateDependencyFields, installCommand, removeDependency } from './package-json.js';
import { depsState, KNOWN_RANGES } from './project.js';
import { chooseRange, syncCommand } from './versions.js';
import { findMarkers } from '../../rules/markers.js';

/** OpenAI wrapper packages a migration may leave unused. */
const REMOVABLE = new Set(['@langchain/openai', '@ai-sdk/openai', 'openai-edge']);

/** Every dependency value an exact version (`"1.2.3"`): the file pins, so a new entry is pinned too. */
function pinsExactly(text: string): boolean {
  try {
    const pkg = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
    const specs = ['dependencies', 'devDependencies'].flatMap((f) => Object.values(pkg[f] ?? {}));
    return specs.length > 0 && specs.every((v) => /^\d+\.\d+\.\d+/.test(v));
  } catch {
    return false;
  }
}

const LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];

/**
 * package.json: declare the packages the code rewrites introduced (the version
 * that matches the framework version the project has: src/lang/deps/versions.ts)
 * and remove OpenAI wrapper packages nothing imports any more. Runs after the code handlers (it is last in the handler list) and reads
 * what they shared. The `openai` package itself stays: migrated clients use it.
 */
/** The lock file of the project: in the package.json's folder or the nearest folder above (a workspace root). */
function lockFileFor(dir: string): string | undefined {
  for (let d = dir; ; ) {
    for (const l of LOCKS) if (existsSync(path.join(d, l))) return path.join(d, l);
    if (existsSync(path.join(d, '.git'))) return undefined;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

export const packageJsonHandler: LanguageHandler = {
  id: 'package-json',
  matches: (rel) => path.basename(rel) === 'package.json',
  prefilter: () => true,
  readsProject: true,
  validate(text) {
    try {
      JSON.parse(text);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  },
  async process(files: FileContext[], opts: HandlerOptions) {
    const errors = new Map<string, HandlerError>();
    const state = depsState(opts.project);
    for (const ctx of files) {
      if (!ctx.target) continue;
      const needs = state?.get(ctx.file.abs);
      if (!needs) continue;
      // The input first: a package.json that is already invalid is the input's error, not the migration's.
      try {
        JSON.parse(ctx.file.text);
      } catch (e) {
        errors.set(ctx.file.abs, handlerError('E_PARSE', msg('file.pkgJsonParse', { file: ctx.file.rel, error: (e as Error).message, pkgs: [...needs.add].sort().join(', ') || 'nothing' })));
        continue;
      }
      const dup = duplicateDependencyFields(ctx.file.text);
      if (dup) {
        errors.set(ctx.file.abs, handlerError('E_PARSE', msg('file.pkgJsonDuplicate', { file: ctx.file.rel, n: dup.count, key: dup.key })));
        continue;
      }
      try {
        let text = ctx.file.text;
        const declared = declaredDependencies(text);
        const added: string[] = [];
        const exact = pinsExactly(text);
        for (const name of [...needs.add].sort()) {
          if (declared.has(name)) continue;
          const choice = chooseRange(name, ctx.file.abs, ctx.file.text);
          if (choice?.kind === 'none') {
            // No release of the package works with the framework version installed: declaring one would break the install.
            ctx.followUp(
              0,
              msg('deps.noRelease', { name, anchor: `${choice.anchor.name}@${choice.anchor.version}`, from: choice.anchor.from }),
              msg('deps.noRelease.todo', { anchor: choice.anchor.name, name, fits: choice.fits.join(', ') }),
            );
            continue;
          }
          let range = choice?.range ?? KNOWN_RANGES[name] ?? 'latest';
          if (exact) range = range.replace(/^[\^~]/, '');
          text = addDependency(text, name, range);
          added.push(`${name}@${range}`);
          const message =
            choice?.kind === 'range' && choice.anchor
              ? msg('deps.addedMatches', { name, range, anchor: `${choice.anchor.name}@${choice.anchor.version}`, from: choice.anchor.from })
              : choice?.kind === 'unknown'
                ? msg('deps.addedNewest', { name, range, anchor: choice.anchorName })
                : msg('deps.added', { name, range });
          ctx.change('dependency', 0, message, { transform: 'add-provider-dependencies' });
        }
        const removed: string[] = [];
        for (const name of [...needs.dropped].sort()) {
          if (!REMOVABLE.has(name) || needs.stillUsed.has(name) || !declared.has(name)) continue;
          text = removeDependency(text, name);
          removed.push(name);
          ctx.change('dependency', 0, msg('deps.removedUnused', { name }), { transform: 'add-provider-dependencies' });
        }
        if (text !== ctx.file.text) ctx.edits.add(0, ctx.file.text.length, text);
        const dir = path.dirname(ctx.file.abs);
        const lock = lockFileFor(dir);
        const pm = detectPackageManager(lock ? path.dirname(lock) : dir);
        // openai-migrate runs no package manager: the lock file stays as it was until the user installs.
        const sync = lock ? { lock: path.relative(dir, lock) || path.basename(lock), ci: pm === 'npm' ? 'npm ci' : `${pm} install --frozen-lockfile` } : {};
        if (added.length) {
          const cmd = installCommand(dir, added, pm);
          ctx.followUp(0, msg('deps.declared', { list: added.join(', ') }), msg('deps.install', { cmd, ...sync }));
        } else if (removed.length) {
          ctx.followUp(0, msg('deps.removed', { list: removed.join(', ') }), msg('deps.sync', { cmd: syncCommand(pm), ...sync }));
        }
      } catch (e) {
        errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
      }
    }
    findMarkers(files, errors);
    return errors;
  },
};
