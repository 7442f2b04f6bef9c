import type { Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { colorEnabled } from './shared.js';

/** Register `doctor` on the program (called from src/cli.ts). Exit 0 all good, 1 a check failed, 2 usage. */
export function registerDoctor(program: Command): void {
  const doctor = program
    .command('doctor')
    .description('check the key, region and model availability against the live provider API')
    .requiredOption('-p, --provider <id>', 'provider id or alias')
    .option('-r, --region <name>', 'provider region')
    .option('--base-url <url>', "call this OpenAI-compatible base URL instead of the region's")
    .option('--timeout <ms>', 'per request timeout in milliseconds', (v) => Number(v), 15000)
    .option('--no-scan', 'do not scan the current folder for the model ids in use (check the default map)')
    .option('-m, --model <openai=provider>', 'override one model mapping (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--route <capability=provider[:model]>', 'also check the provider a capability is routed to (repeatable; see docs/routing.md)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-c, --config <file>', 'config file (default: .openai-migrate.json if present)')
    .option('--mode <mode>', 'mode for .env.<mode> files (default: NODE_ENV, else development)')
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (o) => {
      const { doctor, renderDoctorText } = await import('./doctor.js');
      const r = await doctor({
        provider: o.provider,
        region: o.region,
        baseUrl: o.baseUrl,
        timeout: Number.isFinite(o.timeout) && o.timeout > 0 ? o.timeout : 15000,
        cwd: process.cwd(),
        paths: ['.'],
        scan: o.scan !== false,
        config: o.config,
        models: o.model,
        routes: o.route,
        mode: o.mode,
      });
      if (o.format === 'json') process.stdout.write(JSON.stringify({ version: 1, ...r }, null, 2) + '\n');
      // --quiet: only the failed checks, on stderr.
      else if (program.opts().quiet)
        process.stderr.write(
          r.checks
            .filter((c) => c.status === 'fail')
            .map((c) => `${c.message}\n`)
            .join(''),
        );
      else process.stdout.write(renderDoctorText(r, colorEnabled(process.stdout)));
      if (!r.ok) throw new ExitCode(1);
    });
  providerFromConfig(doctor);
}

/**
 * `doctor` declares --provider as required; like `models` and `migrate` it takes
 * the provider from the config file (found from the current folder up to the
 * repository root) when the flag is absent.
 */
function providerFromConfig(cmd: Command): void {
  const opt = cmd.options.find((x) => x.long === '--provider');
  if (!opt) return;
  opt.mandatory = false;
  cmd.hook('preAction', async (c) => {
    if (c.opts().provider) return;
    const { loadConfig } = await import('../config.js');
    const provider = loadConfig(process.cwd(), c.opts().config as string | undefined).config.provider;
    if (!provider) throw new UsageError('E_NO_PROVIDER', 'missing --provider <id> (or "provider" in .openai-migrate.json; run `openai-migrate providers` to list them)');
    c.setOptionValue('provider', provider);
  });
}
