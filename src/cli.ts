import { Command, Option, CommanderError, InvalidArgumentError } from 'commander';
import { ExitCode, exitCodeFor, fixFor } from './errors.js';
import { toolVersion } from './version.js';
import { registerDoctor } from './commands/doctor-command.js';
import { detectLang, localizeError, setLang, t as tr } from './i18n/index.js';
import { localizeProgram } from './i18n/commander.js';
import { localizeMessage, localizeTier } from './i18n/messages.js';
import { createProgress } from './engine/progress.js';
import { phase } from './engine/timing.js';
import { printable } from './report/escape.js';

/**
 * The command line: parses flags and calls the library. Heavy modules (the
 * TypeScript parser, the Python grammar) load only when a command needs them,
 * so `--help` stays fast. Exit codes: 0 ok, 1 files failed / findings (check),
 * 2 usage or configuration error.
 */

const collect = (v: string, prev: string[] = []) => [...prev, v];
/** Progress line on stderr for long runs: TTY only, never in CI or with a machine-read --format. */
const progressLine = (format: unknown) => createProgress({ json: format !== 'text' });

function colorEnabled(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY;
}

function fail(e: unknown, verbose: boolean): number {
  const err = e as Error & { code?: string };
  if (err instanceof ExitCode) return err.code;
  if (err?.name === 'UsageError' || (typeof err?.code === 'string' && err.code.startsWith('E_'))) {
    process.stderr.write(`openai-migrate: ${tr('cli.error')} [${err.code}]: ${localizeError(err.code, err.message).split('\n').map((l) => printable(l)).join('\n')}\n`);
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

function formatOption(choices: string[]) {
  return new Option('--format <format>', 'output format').choices(choices).default('text');
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('openai-migrate')
    .description('Move a codebase off the OpenAI API onto a Chinese LLM provider (DeepSeek, Qwen, GLM, Kimi, ERNIE, Hunyuan, ...)')
    .version(toolVersion())
    .option('--verbose', 'show stack traces and per-file decisions')
    .option('-q, --quiet', 'print only errors')
    .option('--lang <lang>', 'language of the output: en or zh (default: from LC_ALL / LANG)', (v: string) => {
      if (!/^(en|zh|cn)([-_][A-Za-z0-9.-]*)?$/i.test(v)) throw new InvalidArgumentError('use en or zh');
      return v;
    })
    .showHelpAfterError()
    .exitOverride();

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
    .addOption(formatOption(['text', 'json']))
    .option('--include <glob>', 'only files matching (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching (repeatable)', collect)
    .option('--transform <id>', 'run only this transform (repeatable; see `transforms`)', collect)
    .option('--max-file-size <bytes>', 'skip larger files', (v) => v)
    .option('--report <file>', 'also write a review report for the pull request (.md or .json)')
    .option('-i, --interactive', 'review each file and hunk before it is written (y/n/a/q, like git add -p)')
    .action(async (paths: string[], o) => {
      const { migrate } = await import('./api.js');
      const extras = await import('./commands/migrate-extras.js');
      const extra = await extras.beforeMigrate(o, colorEnabled(process.stdout));
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
        maxFileSize: o.maxFileSize,
      }).finally(bar.end);
      const reporting = phase('report');
      if (o.format === 'json') {
        const { migrateJson } = await import('./report/json.js');
        process.stdout.write(JSON.stringify(migrateJson(r), null, 2) + '\n');
      } else if (await extras.beforeSummary(r, program.opts())) {
        const { renderMigrateText } = await import('./report/text.js');
        process.stdout.write(renderMigrateText(r, colorEnabled(process.stdout), !!o.dryRun));
      }
      await extras.afterMigrate(r, o, program.opts());
      reporting();
      if (r.summary.filesFailed) throw new ExitCode(1);
    });

  // scan and check share one core (src/check): detection, suppressions, fingerprints, baseline, shards.
  const inventoryOptions = (paths: string[], o: Record<string, unknown>) => ({
    paths,
    provider: o.provider as string | undefined,
    region: o.region as string | undefined,
    models: o.model as string[] | undefined,
    config: o.config as string | undefined,
    include: o.include as string[] | undefined,
    exclude: o.exclude as string[] | undefined,
    maxFileSize: o.maxFileSize as number | undefined,
    includeNotes: !!o.includeNotes,
  });
  const emit = async (command: 'scan' | 'check', format: string, r: import('./check/index.js').InventoryReport) => {
    const reporting = phase('report');
    try {
      await render(command, format, r);
    } finally {
      reporting();
    }
  };
  const render = async (command: 'scan' | 'check', format: string, r: import('./check/index.js').InventoryReport) => {
    if (format === 'json') {
      const { findingsJson } = await import('./report/json.js');
      process.stdout.write(JSON.stringify(findingsJson(r), null, 2) + '\n');
    } else if (format === 'sarif') {
      const { renderSarif } = await import('./report/sarif.js');
      process.stdout.write(JSON.stringify(renderSarif(r), null, 2) + '\n');
    } else if (format === 'codeclimate') {
      const { renderCodeClimate } = await import('./report/codeclimate.js');
      process.stdout.write(JSON.stringify(renderCodeClimate(r), null, 2) + '\n');
    } else if (format === 'junit') {
      const { renderJunit } = await import('./report/junit.js');
      process.stdout.write(renderJunit(r, command));
    } else if (format === 'markdown') {
      const { renderMarkdown } = await import('./report/markdown.js');
      process.stdout.write(renderMarkdown(r, command));
    } else if (format === 'github') {
      const { renderGithub, writeStepSummary } = await import('./report/github.js');
      process.stdout.write(renderGithub(r));
      writeStepSummary(r, command);
    } else {
      const { renderFindingsText } = await import('./report/text.js');
      process.stdout.write(renderFindingsText(r, colorEnabled(process.stdout), command, !!program.opts().verbose));
    }
  };

  program
    .command('scan')
    .description('list OpenAI usage without changing anything')
    .argument('[paths...]', 'files or folders (default: .)')
    .option('-p, --provider <id>', 'also say whether this provider can take each finding and what migrate would do')
    .option('-r, --region <name>', 'provider region')
    .option('-m, --model <openai=provider>', 'override one model mapping (repeatable)', collect)
    .option('-c, --config <file>', 'config file (default: .openai-migrate.json if present)')
    .addOption(formatOption(['text', 'json', 'sarif', 'markdown', 'codeclimate', 'junit']))
    .option('--include-notes', 'keep note-level findings in SARIF, annotations and Code Quality output')
    .option('--include <glob>', 'only files matching (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching (repeatable)', collect)
    .option('--max-file-size <bytes>', 'skip larger files', (v) => v)
    .action(async (paths: string[], o) => {
      const { inventory } = await import('./check/index.js');
      const bar = progressLine(o.format);
      const r = await inventory({ ...inventoryOptions(paths, o), failOn: 'never', onProgress: bar.update }).finally(bar.end);
      await emit('scan', o.format, r);
      if (r.result.summary.filesFailed) throw new ExitCode(1);
    });

  program
    .command('check')
    .description('CI gate: exit 1 while OpenAI usage remains (0 clean, 1 findings, 2 usage error)')
    .argument('[paths...]', 'files or folders (default: .)')
    .option('-p, --provider <id>', 'also lint migrated code for this provider (models it lacks, parameters it rejects)')
    .option('-r, --region <name>', 'provider region')
    .option('-m, --model <openai=provider>', 'override one model mapping (repeatable)', collect)
    .option('-c, --config <file>', 'config file (default: .openai-migrate.json if present)')
    .addOption(formatOption(['text', 'json', 'sarif', 'github', 'markdown', 'codeclimate', 'junit']))
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
    .action(async (paths: string[], o) => {
      const { inventory } = await import('./check/index.js');
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
      await emit('check', o.format, r);
      if (o.sarifFile) {
        const { renderSarif } = await import('./report/sarif.js');
        const { writeFileSync } = await import('node:fs');
        writeFileSync(o.sarifFile, JSON.stringify(renderSarif(r), null, 2) + '\n');
      }
      if (r.exitCode && o.format !== 'text' && o.format !== 'github') {
        const { verdict } = await import('./report/verdict.js');
        process.stderr.write(r.filesFailed ? verdict(r) + '\n' : tr('check.failedHint', { n: r.failing.length, level: r.failOn, cmd: `openai-migrate migrate --provider <id>${paths.length ? ' ' + printable(paths.join(' ')) : ''}` }) + '\n');
      }
      if (r.exitCode) throw new ExitCode(r.exitCode);
    });

  program
    .command('providers')
    .description('list providers: ids, aliases, regions, base URLs, key variable, endpoints')
    .addOption(formatOption(['text', 'json']))
    .action(async (o) => {
      const { PROVIDERS } = await import('./providers/index.js');
      if (o.format === 'json') {
        const rows = PROVIDERS.map((p) => ({
          id: p.id,
          name: p.name,
          aliases: p.aliases,
          defaultRegion: p.defaultRegion,
          regions: Object.fromEntries(Object.entries(p.regions).map(([n, r]) => [n, { baseURL: r.baseURL, apiKeyEnv: r.apiKeyEnv ?? p.apiKeyEnv, aliases: r.aliases }])),
          apiKeyEnv: p.apiKeyEnv,
          endpoints: p.endpoints,
          asOf: p.asOf,
        }));
        const { schemaUrl } = await import('./report/schema-url.js');
        process.stdout.write(JSON.stringify({ $schema: schemaUrl('providers'), version: 1, providers: rows }, null, 2) + '\n');
        return;
      }
      const out: string[] = [];
      for (const p of PROVIDERS) {
        out.push(`${p.id.padEnd(12)} ${p.name}`);
        out.push(`  ${tr('list.aliases')}: ${p.aliases.join(', ') || '-'}`);
        for (const [n, r] of Object.entries(p.regions)) {
          out.push(`  ${tr('list.region')} ${n}${n === p.defaultRegion ? ` (${tr('list.default')})` : ''}${r.aliases.length ? ` [${r.aliases.join(', ')}]` : ''}: ${r.baseURL}  ${tr('list.key')} ${r.apiKeyEnv ?? p.apiKeyEnv}`);
        }
        const yes = Object.entries(p.endpoints).filter(([, s]) => s === 'yes').map(([e]) => e);
        const part = Object.entries(p.endpoints).filter(([, s]) => s === 'partial').map(([e]) => e);
        out.push(`  ${tr('list.endpoints')}: ${yes.join(', ')}${part.length ? `; ${tr('list.partial')}: ${part.join(', ')}` : ''}`);
      }
      process.stdout.write(out.join('\n') + '\n');
    });

  program
    .command('models')
    .description('the default model map for a provider (after config overrides)')
    .option('-p, --provider <id>', 'provider id or alias (default: the config file\'s provider)')
    .option('-m, --model <openai=provider>', 'override one mapping (repeatable)', collect)
    .option('-c, --config <file>', 'config file')
    .addOption(formatOption(['text', 'json']))
    .action(async (o) => {
      const { resolveSetup } = await import('./api.js');
      const { TIER_EXAMPLES } = await import('./models/map.js');
      const { tierLabel } = await import('./rules/models.js');
      const s = resolveSetup({ provider: o.provider, models: o.model, config: o.config });
      const rows = s.models.rows(TIER_EXAMPLES).map((r) => ({ ...r, tier: tierLabel(r.tier) }));
      if (o.format === 'json') {
        const { schemaUrl } = await import('./report/schema-url.js');
        process.stdout.write(JSON.stringify({ $schema: schemaUrl('models'), version: 1, provider: s.target.provider.id, models: rows }, null, 2) + '\n');
        return;
      }
      const out = [tr('list.modelsTitle', { name: s.target.provider.name })];
      for (const r of rows) out.push(`  ${r.openai.padEnd(26)} -> ${(r.target ?? tr('list.noModel')).padEnd(34)} ${localizeTier(r.tier)}`);
      process.stdout.write(out.join('\n') + '\n');
    });

  program
    .command('transforms')
    .description('list the transforms (ids for --transform)')
    .action(async () => {
      const { ALL_TRANSFORMS } = await import('../transforms/index.js');
      for (const g of ALL_TRANSFORMS) for (const t of g.transforms) process.stdout.write(`${t.id.padEnd(34)} ${g.kind.padEnd(13)} ${t.description}\n`);
    });

  registerDoctor(program, colorEnabled, (code) => new ExitCode(code));
  providerFromConfig(program.commands.find((c) => c.name() === 'doctor'));

  return program;
}

/**
 * `doctor` (src/commands/doctor-command.ts) declares --provider as required;
 * like `models` and `migrate` it takes the provider from the config file (found
 * from the current folder up to the repository root) when the flag is absent.
 */
function providerFromConfig(cmd: Command | undefined): void {
  const opt = cmd?.options.find((x) => x.long === '--provider');
  if (!cmd || !opt) return;
  opt.mandatory = false;
  cmd.hook('preAction', async (c) => {
    if (c.opts().provider) return;
    const { loadConfig } = await import('./config.js');
    const { UsageError } = await import('./errors.js');
    const provider = loadConfig(process.cwd(), c.opts().config as string | undefined).config.provider;
    if (!provider) throw new UsageError('E_NO_PROVIDER', 'missing --provider <id> (or "provider" in .openai-migrate.json; run `openai-migrate providers` to list them)');
    c.setOptionValue('provider', provider);
  });
}

export async function main(argv: string[]): Promise<number> {
  setLang(detectLang(argv));
  const program = buildProgram();
  localizeProgram(program);
  const verbose = argv.includes('--verbose');
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
