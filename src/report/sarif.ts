import { providerJson } from './json.js';
import type { InventoryReport, ReportFinding } from '../check/index.js';
import { RULES, ruleHelp, ruleOf, type Rule } from '../rules/catalogue.js';
import { maskSecrets } from './text.js';
import { pathToFileURL } from 'node:url';
import { alertable, failedFiles, sentence } from './verdict.js';

/**
 * SARIF 2.1.0 for scan/check (GitHub code scanning, Azure DevOps, IDE
 * viewers). One run; tool.driver lists every catalogue rule (plus any rule id
 * a handler reported that the catalogue lacks) with its help text and link;
 * one result per finding with a relative artifact URI, a region, and a
 * line-independent partial fingerprint (see src/check/fingerprint.ts).
 */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'openaiMigrate/v1';

/** Percent-encode each path segment (spaces, `#`, `%`...) but keep the slashes. */
const toUri = (file: string) =>
  file
    .split('/')
    .map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s)))
    .join('/');

/** `openai-client` -> `OpenaiClient` (SARIF rule `name` is a PascalCase identifier). */
const pascal = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase());

function sarifRule(r: Rule): object {
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: `${sentence(r.title)} Fix: ${sentence(r.fix)}` },
    help: {
      text: `How to fix: ${sentence(r.fix)} Silence one occurrence with a comment: openai-migrate-ignore ${r.id} -- <reason>.`,
      markdown: `**How to fix:** ${sentence(r.fix)}\n\nSilence one occurrence with a comment: \`openai-migrate-ignore ${r.id} -- <reason>\`.`,
    },
    helpUri: ruleHelp(r.id),
    defaultConfiguration: { level: r.level },
    properties: { category: r.category, tags: ['openai-migrate', r.category] },
  };
}

/**
 * The SARIF log (an object; serialise with JSON.stringify). URIs are relative
 * to `%SRCROOT%`, the repository root, given in `originalUriBaseIds`. `note`
 * results are left out unless --include-notes (each would be a code-scanning alert).
 */
export function renderSarif(r: InventoryReport): object {
  const rules: Rule[] = Object.values(RULES);
  const findings = alertable(r);
  for (const f of findings) {
    if (!ruleOf(f.rule) && !rules.some((x) => x.id === f.rule)) rules.push({ id: f.rule, level: f.level, category: 'client', title: f.rule, fix: f.fix });
  }
  const index = new Map(rules.map((x, i) => [x.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: r.tool.name,
            version: r.tool.version,
            semanticVersion: r.tool.version,
            informationUri: 'https://www.npmjs.com/package/openai-migrate',
            rules: rules.map(sarifRule),
          },
        },
        // Columns count UTF-16 code units (what the detectors report).
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(r.root).href.replace(/\/?$/, '/'), description: { text: 'The repository root.' } } },
        results: findings.map((f) => sarifResult(f, index.get(f.rule)!)),
        invocations: [
          {
            executionSuccessful: true,
            exitCode: r.exitCode,
            toolExecutionNotifications: failedFiles(r).map((x) => ({
              level: 'error',
              message: { text: sentence(`${x.errorId}: ${x.reason}`) },
              locations: [{ physicalLocation: { artifactLocation: { uri: toUri(x.file), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
      },
    ],
  };
}

function sarifResult(f: ReportFinding, ruleIndex: number): object {
  const props: Record<string, unknown> = { kind: f.kind };
  if (f.api) props.api = f.api;
  if (f.model) props.model = f.model;
  if (f.provider) props.provider = providerJson(f.provider);
  // The message's id (src/i18n/msg.ts) next to its English text, for tools that translate or group by message.
  if (f.msg) props.messageId = f.msg.id;
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.level,
    message: { text: `${sentence(f.message)} Fix: ${sentence(f.fix)}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: f.line,
            startColumn: f.column,
            endLine: f.endLine,
            endColumn: f.endColumn,
            // The line as it is, with key-like values masked (SARIF files get uploaded).
            ...(f.snippet !== undefined ? { snippet: { text: maskSecrets(f.snippet) } } : {}),
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: props,
  };
}
