/**
 * Files openai-migrate wrote itself: baselines, JSON reports and outputs, SARIF
 * logs and config files that point at its schemas. They list OpenAI model ids,
 * URLs and key names on purpose, so they are never scanned or migrated (a
 * committed baseline would otherwise report every finding it records).
 * Recognised by their first kilobyte, wherever they are and whatever their name.
 */
const MARKERS = [
  // `$schema` of every JSON output, report, baseline and (optionally) the config file.
  /"\$schema"\s*:\s*"[^"]*openai-migrate[^"]*"/,
  // Baselines (also those written before they carried `$schema`).
  /^\{\s*"version"\s*:\s*1\s*,\s*"tool"\s*:\s*"openai-migrate"/,
  // SARIF logs: the driver's information URI.
  /"informationUri"\s*:\s*"https:\/\/www\.npmjs\.com\/package\/openai-migrate"/,
];

export function isOwnOutput(text: string): boolean {
  const head = text
    .slice(0, 1024)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!head.startsWith('{')) return false;
  return MARKERS.some((m) => m.test(head));
}
