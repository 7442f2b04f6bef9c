import type { Command } from 'commander';
import { t as tr } from '../i18n/index.js';
import { formatOption } from './shared.js';

export interface ProvidersCommandOptions {
  format: string;
}

export function registerProviders(program: Command): void {
  program
    .command('providers')
    .description('list providers: ids, aliases, regions, base URLs, key variable, endpoints')
    .addOption(formatOption(['text', 'json']))
    .action((o: ProvidersCommandOptions) => providersCommand(o));
}

/** `providers`: every profile with its regions, base URLs, key variable and endpoints. */
export async function providersCommand(o: ProvidersCommandOptions): Promise<void> {
  const { PROVIDERS } = await import('../providers/index.js');
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
    const { schemaUrl } = await import('../report/schema-url.js');
    process.stdout.write(JSON.stringify({ $schema: schemaUrl('providers'), version: 1, providers: rows }, null, 2) + '\n');
    return;
  }
  const out: string[] = [];
  for (const p of PROVIDERS) {
    out.push(`${p.id.padEnd(12)} ${p.name}`);
    out.push(`  ${tr('list.aliases')}: ${p.aliases.join(', ') || '-'}`);
    for (const [n, r] of Object.entries(p.regions)) {
      out.push(
        `  ${tr('list.region')} ${n}${n === p.defaultRegion ? ` (${tr('list.default')})` : ''}${r.aliases.length ? ` [${r.aliases.join(', ')}]` : ''}: ${r.baseURL}  ${tr('list.key')} ${r.apiKeyEnv ?? p.apiKeyEnv}`,
      );
    }
    const yes = Object.entries(p.endpoints)
      .filter(([, s]) => s === 'yes')
      .map(([e]) => e);
    const part = Object.entries(p.endpoints)
      .filter(([, s]) => s === 'partial')
      .map(([e]) => e);
    out.push(`  ${tr('list.endpoints')}: ${yes.join(', ')}${part.length ? `; ${tr('list.partial')}: ${part.join(', ')}` : ''}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
