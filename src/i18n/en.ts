/**
 * English messages. Keys are grouped by prefix: `report.*` (the Markdown
 * report), `doctor.*`, `review.*` (interactive review), `cli.*` (summary and
 * errors), `help.*` (command and option descriptions; each value equals the
 * description written in src/cli.ts, a test keeps them in sync).
 * `{name}` placeholders are filled by `t()`.
 */
export const en = {
  // ---- Markdown migration report
  'report.title': 'OpenAI → {provider} migration report',
  'report.dryRun': 'Dry run: nothing was written. Run the same command without `--dry-run` to apply these changes.',
  'report.provider': 'Provider',
  'report.region': 'Region',
  'report.baseUrl': 'Base URL',
  'report.summary': 'Summary',
  'report.metric': 'Metric',
  'report.count': 'Count',
  'report.filesScanned': 'Files scanned',
  'report.filesChanged': 'Files changed',
  'report.filesWouldChange': 'Files that would change',
  'report.filesFailed': 'Files failed (left unchanged)',
  'report.filesSkipped': 'Files skipped',
  'report.edits': 'Edits',
  'report.editsOfKind': 'Edits: {kind}',
  'report.followUpCount': 'Manual follow-ups',
  'report.models': 'Model map applied',
  'report.openaiModel': 'OpenAI model',
  'report.providerModel': '{provider} model',
  'report.tier': 'Tier',
  'report.sites': 'Sites',
  'report.noModels': 'No model ids were changed.',
  'report.params': 'Request parameters',
  'report.parameter': 'Parameter',
  'report.change': 'Change',
  'report.detail': 'Detail',
  'report.param.drop': 'dropped',
  'report.param.rename': 'renamed',
  'report.param.clamp': 'clamped',
  'report.noParams': 'No request parameters were changed.',
  'report.env': 'Environment variables to set',
  'report.envIntro': 'Set these where the code runs (names only: values never appear in the code or in this report).',
  'report.envKey': '`{name}`: the {provider} API key. Get one at {url}',
  'report.envRegion': 'Keys are per region: use a key created for region `{region}` ({baseUrl}).',
  'report.followUps': 'Manual follow-ups',
  'report.noFollowUps': 'None: everything was migrated automatically.',
  'report.docs': 'docs',
  'report.cell': 'cell {n}',
  'report.diffs': 'Changes by file',
  'report.editCount': '{n} edit(s)',
  'report.diffOmitted': 'Diff omitted to keep this report within the size of a pull request description; run `openai-migrate migrate --dry-run` to see it.',
  'report.failed': 'Files that failed (left unchanged)',
  'report.skipped': 'Files skipped',
  'report.written': 'Report written to {file}',
} as const;

export type MessageKey = keyof typeof en;
