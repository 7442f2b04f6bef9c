import type { MigrateOptions, MigrateResult } from '../api.js';
import { t } from '../i18n/index.js';

/**
 * What `migrate` does around the library call for the review features:
 * `--report <file>` (checked before the run, written after it).
 */
export interface MigrateExtrasFlags {
  report?: string;
}

/** Validate flags before anything runs; returns extra library options. */
export async function beforeMigrate(o: MigrateExtrasFlags): Promise<Partial<MigrateOptions>> {
  if (o.report) {
    const { reportFormat } = await import('../report/migration-report.js');
    reportFormat(o.report);
  }
  return {};
}

/** After the run: write the report (also in a dry run). Messages go to stderr so stdout stays the diff/JSON. */
export async function afterMigrate(r: MigrateResult, o: MigrateExtrasFlags): Promise<void> {
  if (o.report) {
    const { writeMigrationReport } = await import('../report/migration-report.js');
    await writeMigrationReport(o.report, r);
    process.stderr.write(t('report.written', { file: o.report }) + '\n');
  }
}
