import { PROVIDERS } from '../providers/index.js';
import type { ProviderProfile } from '../providers/types.js';

const mark = (s: string) => (s === 'yes' ? 'yes' : s === 'partial' ? 'partial' : s === 'no' ? '—' : '?');

/** Markdown table of providers (README section and `providers --format markdown`). */
export function providersMarkdown(list: readonly ProviderProfile[] = PROVIDERS): string {
  const rows = [
    '| id | provider | aliases | default base URL | other regions | key variable | flagship / fast | embeddings | images | audio | Responses | as of |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of list) {
    const other = Object.entries(p.regions)
      .filter(([n]) => n !== p.defaultRegion)
      .map(([n, r]) => `\`${r.aliases[0] ?? n}\``)
      .join(', ');
    rows.push(
      `| \`${p.id}\` | ${p.name} | ${p.aliases.map((a) => `\`${a}\``).join(' ')} | ${p.regions[p.defaultRegion]!.baseURL} | ${other || '—'} | \`${p.apiKeyEnv}\` | \`${p.tierMap.flagship}\` / \`${p.tierMap.fast}\` | ${mark(p.endpoints.embeddings)} | ${mark(p.endpoints.images)} | ${mark(p.endpoints.audio)} | ${mark(p.endpoints.responses)} | ${p.asOf} |`,
    );
  }
  return rows.join('\n');
}
