import { Option, type Command } from 'commander';
import { ExitCode } from '../errors.js';
import { t as tr } from '../i18n/index.js';
import { printable } from '../report/escape.js';
import { formatsFor, reporter } from '../report/formats.js';
import { emit, inventoryOptions, type InventoryCommandOptions } from './inventory.js';
import { collect, formatOption, progressLine, type GlobalOptions } from './shared.js';

export interface CheckCommandOptions extends InventoryCommandOptions {
  failOn: 'error' | 'warning' | 'never';
  changedSince?: string;
  staged?: boolean;
  sarifFile?: string;
  baseline?: string;
  writeBaseline?: string;
  shard?: string;
  /** false with --no-suppressions. */
  suppressions: boolean;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('CI gate: exit 1 while OpenAI usage remains (0 clean, 1 findings, 2 usage error)')
    .argument('[paths...]', 'files or folders (default: .)')
    .option('-p, --provider <id>', 'also lint migrated code for this provider (models it lacks, parameters it rejects)')
    .option('-r, --region <name>', 'provider region')
    .option('-m, --model <openai=provider>', 'override one model mapping (repeatable)', collect)
    .option('--route <capability=provider[:model]>', 'send one capability (embeddings, images, audio, ...) to another provider (repeatable; see docs/routing.md)', collect)
    .option('-c, --config <file>', 'config file (default: .openai-migrate.json if present)')
    .addOption(formatOption(formatsFor('check')))
    .addOption(new Option('--fail-on <level>', 'lowest level that fails the check').choices(['error', 'warning', 'never']).default('error'))
    .option('--changed-since <ref>', 'report only files changed since this git ref (the merge base with HEAD); imported modules are still read')
    .option('--staged', 'report only files staged in git (pre-commit hooks)')
    .option('--sarif-file <file>', 'also write SARIF to this file (one run for annotations and code scanning)')
    .option('--include-notes', 'keep note-level findings in SARIF, annotations and Code Quality output')
    .option('--baseline <file>', 'fail only on findings not recorded in this baseline')
    .option('--write-baseline <file>', "record today's findings in this file (then they no longer fail)")
    .option('--shard <i/n>', 'check only shard i of n (files split by package, deterministically)')
    .option('--no-suppressions', 'ignore openai-migrate-ignore comments')
    .option('--include <glob>', 'only files matching (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching (repeatable)', collect)
    .option('--max-file-size <bytes>', 'skip larger files', (v) => v)
    .action((paths: string[], o: CheckCommandOptions) => checkCommand(paths, o, program.opts()));
}

/** `check`: the CI gate. Exit 0 clean, 1 findings at --fail-on or above (or a file failed). */
export async function checkCommand(paths: string[], o: CheckCommandOptions, g: GlobalOptions): Promise<void> {
  const { inventory } = await import('../check/index.js');
  const bar = progressLine(o.format);
  const r = await inventory({
    ...inventoryOptions(paths, o),
    onProgress: bar.update,
    failOn: o.failOn,
    baseline: o.baseline,
    writeBaseline: o.writeBaseline,
    shard: o.shard,
    suppressions: o.suppressions,
    changedSince: o.changedSince,
    staged: !!o.staged,
  }).finally(bar.end);
  await emit('check', o.format, r, g);
  if (o.sarifFile) {
    const { renderSarif } = await import('../report/sarif.js');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(o.sarifFile, JSON.stringify(renderSarif(r), null, 2) + '\n');
  }
  if (r.exitCode && !reporter(o.format).explainsFailure) {
    const { verdict } = await import('../report/verdict.js');
    process.stderr.write(
      r.filesFailed
        ? verdict(r) + '\n'
        : tr('check.failedHint', { n: r.failing.length, level: r.failOn, cmd: `openai-migrate migrate --provider <id>${paths.length ? ' ' + printable(paths.join(' ')) : ''}` }) + '\n',
    );
  }
  if (r.exitCode) throw new ExitCode(r.exitCode);
}
