import type { MigrateOptions, MigrateResult } from '../api.js';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Reviewer } from '../interactive/review.js';

/**
 * What `migrate` does around the library call for the review features:
 * `--report <file>` (checked before the run, written after it) and
 * `--interactive` (a terminal prompt per file and hunk; never without a TTY).
 */
export interface MigrateExtrasFlags {
  report?: string;
  interactive?: boolean;
  dryRun?: boolean;
  format?: string;
  force?: boolean;
}

let reviewer: (Reviewer & { closeIO(): void }) | undefined;

/** Validate flags before anything runs; returns extra library options. */
export async function beforeMigrate(o: MigrateExtrasFlags, color = false): Promise<Partial<MigrateOptions>> {
  if (o.report) {
    const { checkReportTarget } = await import('../report/migration-report.js');
    checkReportTarget(o.report, !!o.force);
  }
  if (!o.interactive) return {};
  if (o.dryRun || o.format === 'json') throw new UsageError('E_INTERACTIVE_FLAGS', t('review.badFlags'));
  // Never prompt into a pipe or CI log: a TTY on stdin is required.
  if (!process.stdin.isTTY) throw new UsageError('E_NOT_A_TTY', t('review.notTty'));
  const { Reviewer } = await import('../interactive/review.js');
  const { terminalIO } = await import('../interactive/tty.js');
  const { makeChalk } = await import('../report/text.js');
  const io = terminalIO();
  reviewer = Object.assign(new Reviewer(io, makeChalk(color)), { closeIO: () => io.close() });
  return { decide: reviewer.decide };
}

/** Global output flags. */
export interface OutputFlags {
  quiet?: boolean;
  verbose?: boolean;
}

/** Before the summary: --verbose per-file decisions; --quiet errors only (both on stderr). True when the summary should print. */
export async function beforeSummary(r: MigrateResult, g: OutputFlags): Promise<boolean> {
  const { renderDecisions, renderErrorsOnly } = await import('./decisions.js');
  if (g.quiet) {
    process.stderr.write(renderErrorsOnly(r));
    return false;
  }
  if (g.verbose) process.stderr.write(renderDecisions(r));
  return true;
}

/** After the run: the review summary, then the report (also in a dry run). Messages go to stderr so stdout stays the diff/JSON. */
export async function afterMigrate(r: MigrateResult, o: MigrateExtrasFlags, g: OutputFlags = {}): Promise<void> {
  if (reviewer) {
    reviewer.closeIO();
    if (!g.quiet) process.stdout.write(reviewer.summary());
    reviewer = undefined;
  }
  if (o.report) {
    const { writeMigrationReport } = await import('../report/migration-report.js');
    await writeMigrationReport(o.report, r);
    if (!g.quiet) process.stderr.write(t('report.written', { file: o.report }) + '\n');
  }
}

/**
 * Ctrl-C or a kill (SIGINT, SIGTERM, SIGHUP) during a writing run: remove the
 * temporary files of writes in progress and the run's locks, say which files
 * were already written (each is complete: writes are atomic), then exit
 * 128 + the signal number.
 */
export async function onInterrupt(): Promise<void> {
  const { removeLiveTemps, writtenFiles } = await import('../engine/write.js');
  const { releaseLocks } = await import('../engine/lock.js');
  const codes: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const sig of Object.keys(codes) as NodeJS.Signals[]) {
    process.once(sig, () => {
      removeLiveTemps();
      releaseLocks();
      const rel = writtenFiles.map((f) => path.relative(process.cwd(), f) || f);
      process.stderr.write(t('interrupt.stopped', { signal: sig, n: rel.length }) + '\n' + rel.map((f) => `  ${f}\n`).join('') + (rel.length ? t('interrupt.review') + '\n' : ''));
      process.exit(codes[sig]);
    });
  }
}
