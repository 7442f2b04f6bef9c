import type { InventoryReport } from '../check/index.js';
import { phase } from '../engine/timing.js';
import { reporter } from '../report/formats.js';
import { colorEnabled, type GlobalOptions } from './shared.js';

/** The flags `scan` and `check` share (one core: src/check). */
export interface InventoryCommandOptions {
  provider?: string;
  region?: string;
  model?: string[];
  config?: string;
  format: string;
  includeNotes?: boolean;
  include?: string[];
  exclude?: string[];
  /** The flag's text; the library checks it (E_BAD_VALUE). */
  maxFileSize?: string;
}

export function inventoryOptions(paths: string[], o: InventoryCommandOptions) {
  return {
    paths,
    provider: o.provider,
    region: o.region,
    models: o.model,
    config: o.config,
    include: o.include,
    exclude: o.exclude,
    maxFileSize: o.maxFileSize as unknown as number | undefined,
    includeNotes: !!o.includeNotes,
  };
}

/** Print a scan or check report in its --format (timed as the report phase). */
export async function emit(command: 'scan' | 'check', format: string, r: InventoryReport, g: GlobalOptions): Promise<void> {
  const reporting = phase('report');
  try {
    await reporter(format).render({ command, report: r }, { color: colorEnabled(process.stdout), verbose: !!g.verbose, dryRun: false });
  } finally {
    reporting();
  }
}
