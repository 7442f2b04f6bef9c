import type { MigrateResult } from '../api.js';
import type { InventoryReport } from '../check/index.js';

/** The commands whose result a reporter prints (`--format`). */
export type ReportCommand = 'migrate' | 'scan' | 'check';

/** What a reporter prints: a migration, or the findings of scan / check. */
export type ReportInput = { command: 'migrate'; result: MigrateResult } | { command: 'scan' | 'check'; report: InventoryReport };

export interface RenderOptions {
  /** Colours on stdout. */
  color: boolean;
  /** Global --verbose. */
  verbose: boolean;
  /** migrate --dry-run (the text summary shows the diffs). */
  dryRun: boolean;
}

export interface Reporter {
  /** The commands that offer this format, in the order of `--help`. */
  commands: readonly ReportCommand[];
  /** Read by a program: no progress line on stderr (src/engine/progress.ts). */
  machine: boolean;
  /** The output itself says why `check` failed; other formats get a one-line hint on stderr. */
  explainsFailure?: boolean;
  /** Write the result to stdout (renderers load only when their format is chosen). */
  render(input: ReportInput, o: RenderOptions): Promise<void>;
}

const out = (text: string) => void process.stdout.write(text);
const json = (value: object) => out(`${JSON.stringify(value, null, 2)}\n`);
const findings = (input: ReportInput): InventoryReport => {
  if (input.command === 'migrate') throw new Error('this format has no migrate output');
  return input.report;
};
const scanOrCheck = (input: ReportInput): 'scan' | 'check' => (input.command === 'migrate' ? 'check' : input.command);

/**
 * Every `--format`, one row each, in the order `--help` lists them. The
 * commands' `choices`, the progress line and check's exit hint come from here:
 * a new format is its renderer module under src/report/ and one row.
 */
export const REPORTERS = {
  text: {
    commands: ['migrate', 'scan', 'check'],
    machine: false,
    explainsFailure: true,
    async render(input, o) {
      const { renderMigrateText, renderFindingsText } = await import('./text.js');
      if (input.command === 'migrate') out(renderMigrateText(input.result, o.color, o.dryRun));
      else out(renderFindingsText(input.report, o.color, input.command, o.verbose));
    },
  },
  json: {
    commands: ['migrate', 'scan', 'check'],
    machine: true,
    async render(input) {
      const { migrateJson, findingsJson } = await import('./json.js');
      json(input.command === 'migrate' ? migrateJson(input.result) : findingsJson(input.report));
    },
  },
  sarif: {
    commands: ['scan', 'check'],
    machine: true,
    async render(input) {
      const { renderSarif } = await import('./sarif.js');
      json(renderSarif(findings(input)));
    },
  },
  github: {
    commands: ['check'],
    machine: true,
    explainsFailure: true,
    async render(input) {
      const { renderGithub, writeStepSummary } = await import('./github.js');
      out(renderGithub(findings(input)));
      writeStepSummary(findings(input), scanOrCheck(input));
    },
  },
  markdown: {
    commands: ['scan', 'check'],
    machine: true,
    async render(input) {
      const { renderMarkdown } = await import('./markdown.js');
      out(renderMarkdown(findings(input), scanOrCheck(input)));
    },
  },
  codeclimate: {
    commands: ['scan', 'check'],
    machine: true,
    async render(input) {
      const { renderCodeClimate } = await import('./codeclimate.js');
      json(renderCodeClimate(findings(input)));
    },
  },
  junit: {
    commands: ['scan', 'check'],
    machine: true,
    async render(input) {
      const { renderJunit } = await import('./junit.js');
      out(renderJunit(findings(input), scanOrCheck(input)));
    },
  },
} satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;

/** The formats a command offers (commander's `choices`), in table order. */
export function formatsFor(command: ReportCommand): ReportFormat[] {
  return (Object.keys(REPORTERS) as ReportFormat[]).filter((f) => (REPORTERS[f].commands as readonly ReportCommand[]).includes(command));
}

/** The reporter of a format commander already checked against the command's choices. */
export function reporter(format: string): Reporter {
  const r = (REPORTERS as Record<string, Reporter>)[format];
  if (!r) throw new Error(`no reporter for --format ${format}`);
  return r;
}
