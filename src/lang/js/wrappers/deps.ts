import type { FileContext } from '../../../engine/types.js';

/**
 * The dependency step, kept apart from the rewrites: transforms record which
 * packages a rewritten file now imports and which OpenAI packages it stopped
 * importing. A project-level step (package.json) reads these per file.
 */
export interface PackageNeeds {
  /** Packages the rewritten file imports that it did not import before. */
  add: Set<string>;
  /** OpenAI wrapper packages whose imports this file dropped. */
  dropped: Set<string>;
}

const NEEDS = new WeakMap<FileContext, PackageNeeds>();

function needs(ctx: FileContext): PackageNeeds {
  let n = NEEDS.get(ctx);
  if (!n) NEEDS.set(ctx, (n = { add: new Set(), dropped: new Set() }));
  return n;
}

/** Record that the file now imports `pkg`. */
export function requirePackage(ctx: FileContext, pkg: string): void {
  needs(ctx).add.add(pkg);
}

/** Record that the file no longer imports `pkg`. */
export function droppedPackage(ctx: FileContext, pkg: string): void {
  needs(ctx).dropped.add(pkg);
}

/** Packages recorded for a file (empty sets when none). */
export function packageNeeds(ctx: FileContext): PackageNeeds {
  return NEEDS.get(ctx) ?? { add: new Set(), dropped: new Set() };
}
