import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import { phase } from '../engine/timing.js';
import { formatsFor, reporter } from '../report/formats.js';
import { collect, colorEnabled, formatOption, progressLine, type GlobalOptions } from './shared.js';

/** The flags of `migrate` (commander's camelCase names). */
export interface MigrateCommandOptions {
  provider?: string;
  region?: string;
  dryRun?: boolean;
  force?: boolean;
  model?: string[];
  allowUnknownModels?: boolean;
  config?: string;
  format: string;
  include?: string[];
  exclude?: string[];
  transform?: string[];
  /** The flag's text; the library checks it (E_BAD_VALUE). */
  maxFileSize?: string;
  report?: string;
  interactive?: boolean;
}

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('rewrite OpenAI usage for a provider (default: write; --dry-run: print diffs)')
    .argument('[paths...]', 'files or folders (default: .)')
    .option('-p, --provider <id>', 'target provider id or alias (see `providers`)')
    .option('-r, --region <name>', 'provider region (default: mainland China where the provider has one)')
    .option('-n, --dry-run', 'write nothing; print a unified diff per file and a summary')
    .option('-f, --force', 'write even with uncommitted changes or outside a git repository; replace an existing --report file')
    .option('-m, --model <openai=provider>', 'override one model mapping (repeatable)', collect)
    .option('--allow-unknown-models', 'accept --model targets the provider profile does not list')
    .option('-c, --config <file>', 'config file (default: .openai-migrate.json if present)')
    .addOption(formatOption(formatsFor('migrate')))
    .option('--include <glob>', 'only files matching (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching (repeatable)', collect)
    .option('--transform <id>', 'run only this transform (repeatable; see `transforms`)', collect)
    .option('--max-file-size <bytes>', 'skip larger files', (v) => v)
    .option('--report <file>', 'also write a review report for the pull request (.md or .json)')
    .option('-i, --interactive', 'review each file and hunk before it is written (y/n/a/q, like git add -p)')
    .action((paths: string[], o: MigrateCommandOptions) => migrateCommand(paths, o, program.opts()));
}

/** `migrate`: rewrite (or with --dry-run preview), print the summary in --format, exit 1 when a file failed. */
export async function migrateCommand(paths: string[], o: MigrateCommandOptions, g: GlobalOptions): Promise<void> {
  const { migrate } = await import('../api.js');
  const extras = await import('./migrate-extras.js');
  const color = colorEnabled(process.stdout);
  const extra = await extras.beforeMigrate(o, color);
  if (!o.dryRun) await extras.onInterrupt();
  const bar = progressLine(o.format);
  const r = await migrate({
    ...extra,
    onProgress: bar.update,
    paths,
    provider: o.provider,
    region: o.region,
    dryRun: !!o.dryRun,
    force: !!o.force,
    models: o.model,
    allowUnknownModels: !!o.allowUnknownModels,
    config: o.config,
    include: o.include,
    exclude: o.exclude,
    only: o.transform,
    maxFileSize: o.maxFileSize as unknown as number | undefined, // the flag's text: api.ts checks and converts it
  }).finally(bar.end);
  const reporting = phase('report');
  const format = reporter(o.format);
  // The text summary waits for the interactive review's last word (it may print its own).
  if (format.machine || (await extras.beforeSummary(r, g))) {
    await format.render({ command: 'migrate', result: r }, { color, verbose: !!g.verbose, dryRun: !!o.dryRun });
  }
  await extras.afterMigrate(r, o, g);
  reporting();
  if (r.summary.filesFailed) throw new ExitCode(1);
}
