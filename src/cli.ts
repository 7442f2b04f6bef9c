import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ExitCode, exitCodeFor, fixFor, UsageError } from './errors.js';
import { registerCheck } from './commands/check.js';
import { registerDoctor } from './commands/doctor-command.js';
import { registerMigrate } from './commands/migrate.js';
import { registerModels } from './commands/models.js';
import { registerProviders } from './commands/providers.js';
import { registerScan } from './commands/scan.js';
import { registerTransforms } from './commands/transforms.js';
import { detectLang, localizeError, setLang, t as tr } from './i18n/index.js';
import { localizeProgram } from './i18n/commander.js';
import { localize, localizeMessage } from './i18n/messages.js';
import type { MsgRef } from './i18n/msg.js';
import { printable } from './report/escape.js';
import { toolVersion } from './version.js';

/**
 * The command line: the global flags, one file per command under src/commands/
 * (flags -> an options object -> the library), and the exit code. Heavy modules
 * (the TypeScript parser, the Python grammar) load only when a command needs
 * them, so `--help` stays fast. Exit codes: 0 ok, 1 files failed / findings
 * (check), 2 usage or configuration error (the error catalogue's `exit`).
 */

function fail(e: unknown, verbose: boolean): number {
  const err = e as Error & { code?: string };
  if (err instanceof ExitCode) return err.code;
  if (err?.name === 'UsageError' || (typeof err?.code === 'string' && err.code.startsWith('E_'))) {
    process.stderr.write(
      `openai-migrate: ${tr('cli.error')} [${err.code}]: ${localizeError(err.code, err instanceof UsageError && err.ref ? localize(err.message, err.ref as MsgRef) : err.message)
        .split('\n')
        .map((l) => printable(l))
        .join('\n')}\n`,
    );
    const fix = fixFor(err.code);
    if (fix) process.stderr.write(`  ${tr('cli.fix', { fix: localizeMessage(fix) })}\n`);
    if (verbose && err.stack) process.stderr.write(err.stack + '\n');
    return exitCodeFor(err.code);
  }
  process.stderr.write(`openai-migrate: ${tr('cli.internalError')}: ${printable(err?.message ?? String(e))}\n`);
  if (verbose && err?.stack) process.stderr.write(err.stack + '\n');
  else process.stderr.write(tr('cli.runVerbose') + '\n');
  return 2;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('openai-migrate')
    .description('Move a codebase off the OpenAI API onto a Chinese LLM provider (DeepSeek, Qwen, GLM, Kimi, ERNIE, Hunyuan, ...)')
    .version(toolVersion())
    .option('--verbose', 'show stack traces and per-file decisions')
    .option('-q, --quiet', 'print only errors')
    .option('--no-color', 'no colours in the output (as NO_COLOR=1)')
    .option('--color', 'colours even when the output is not a terminal (as FORCE_COLOR=1)')
    .option('--lang <lang>', 'language of the output: en or zh (default: from LC_ALL / LANG)', (v: string) => {
      if (!/^(en|zh|cn)([-_][A-Za-z0-9.-]*)?$/i.test(v)) throw new InvalidArgumentError('use en or zh');
      return v;
    })
    .showHelpAfterError()
    .exitOverride();
  for (const register of [registerMigrate, registerScan, registerCheck, registerProviders, registerModels, registerTransforms, registerDoctor]) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  setLang(detectLang(argv));
  const program = buildProgram();
  localizeProgram(program);
  const verbose = argv.includes('--verbose');
  // Colour flags act through the variables every writer (and chalk) already reads; the last one given wins.
  const colorFlag = argv.filter((a) => a === '--color' || a === '--no-color').pop();
  if (colorFlag === '--no-color') {
    process.env.NO_COLOR = '1';
    delete process.env.FORCE_COLOR;
  } else if (colorFlag === '--color') {
    delete process.env.NO_COLOR;
    process.env.FORCE_COLOR = '1';
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    return fail(e, verbose);
  }
}
