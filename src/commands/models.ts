import type { Command } from 'commander';
import { t as tr } from '../i18n/index.js';
import { localizeTier } from '../i18n/messages.js';
import { collect, formatOption } from './shared.js';

export interface ModelsCommandOptions {
  provider?: string;
  model?: string[];
  config?: string;
  format: string;
}

export function registerModels(program: Command): void {
  program
    .command('models')
    .description('the default model map for a provider (after config overrides)')
    .option('-p, --provider <id>', "provider id or alias (default: the config file's provider)")
    .option('-m, --model <openai=provider>', 'override one mapping (repeatable)', collect)
    .option('-c, --config <file>', 'config file')
    .addOption(formatOption(['text', 'json']))
    .action((o: ModelsCommandOptions) => modelsCommand(o));
}

/** `models`: the provider's model map after config and --model overrides. */
export async function modelsCommand(o: ModelsCommandOptions): Promise<void> {
  const { resolveSetup } = await import('../api.js');
  const { TIER_EXAMPLES } = await import('../models/map.js');
  const { tierLabel } = await import('../rules/models.js');
  const s = resolveSetup({ provider: o.provider, models: o.model, config: o.config });
  const rows = s.models.rows(TIER_EXAMPLES).map((r) => ({ ...r, tier: tierLabel(r.tier) }));
  if (o.format === 'json') {
    const { schemaUrl } = await import('../report/schema-url.js');
    process.stdout.write(JSON.stringify({ $schema: schemaUrl('models'), version: 1, provider: s.target.provider.id, models: rows }, null, 2) + '\n');
    return;
  }
  const out = [tr('list.modelsTitle', { name: s.target.provider.name })];
  for (const r of rows) out.push(`  ${r.openai.padEnd(26)} -> ${(r.target ?? tr('list.noModel')).padEnd(34)} ${localizeTier(r.tier)}`);
  process.stdout.write(out.join('\n') + '\n');
}
