import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import { formatsFor } from '../report/formats.js';
import { emit, inventoryOptions, type InventoryCommandOptions } from './inventory.js';
import { collect, formatOption, progressLine, type GlobalOptions } from './shared.js';

export type ScanCommandOptions = InventoryCommandOptions;

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('list OpenAI usage without changing anything')
    .argument('[paths...]', 'files or folders (default: .)')
    .option('-p, --provider <id>', 'also say whether this provider can take each finding and what migrate would do')
    .option('-r, --region <name>', 'provider region')
    .option('-m, --model <openai=provider>', 'override one model mapping (repeatable)', collect)
    .option('-c, --config <file>', 'config file (default: .openai-migrate.json if present)')
    .addOption(formatOption(formatsFor('scan')))
    .option('--include-notes', 'keep note-level findings in SARIF, annotations and Code Quality output')
    .option('--include <glob>', 'only files matching (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching (repeatable)', collect)
    .option('--max-file-size <bytes>', 'skip larger files', (v) => v)
    .action((paths: string[], o: ScanCommandOptions) => scanCommand(paths, o, program.opts()));
}

/** `scan`: list OpenAI usage; never fails on findings (exit 1 only when a file could not be read or parsed). */
export async function scanCommand(paths: string[], o: ScanCommandOptions, g: GlobalOptions): Promise<void> {
  const { inventory } = await import('../check/index.js');
  const bar = progressLine(o.format);
  const r = await inventory({ ...inventoryOptions(paths, o), failOn: 'never', onProgress: bar.update }).finally(bar.end);
  await emit('scan', o.format, r, g);
  if (r.result.summary.filesFailed) throw new ExitCode(1);
}
