import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';

/**
 * Baselines: `check --write-baseline f` records today's findings; `check
 * --baseline f` then fails only on findings that are not in it. Entries are
 * keyed by file, rule and content fingerprint (see fingerprint.ts), never by
 * line, so unrelated edits and moved code do not turn old findings into new ones.
 */
export interface BaselineEntry {
  file: string;
  rule: string;
  fingerprint: string;
  /** Informational: where it was when recorded. */
  line: number;
  message: string;
}

export interface Baseline {
  version: 1;
  tool: 'openai-migrate';
  findings: BaselineEntry[];
}

type Keyed = { file: string; rule: string; fingerprint?: string; line: number; message: string };

const key = (e: { file: string; rule: string; fingerprint?: string }) => `${e.file}\u0000${e.rule}\u0000${e.fingerprint}`;

/** The baseline document for a set of findings (sorted, so the file diffs well). */
export function makeBaseline(findings: Keyed[]): Baseline {
  const entries = findings
    .map((f) => ({ file: f.file, rule: f.rule, fingerprint: f.fingerprint!, line: f.line, message: f.message }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
  return { version: 1, tool: 'openai-migrate', findings: entries };
}

export async function writeBaseline(file: string, findings: Keyed[]): Promise<number> {
  const doc = makeBaseline(findings);
  const { schemaUrl } = await import('../report/schema-url.js');
  await writeFile(file, JSON.stringify({ $schema: schemaUrl('baseline'), ...doc }, null, 2) + '\n', 'utf8');
  return doc.findings.length;
}

/** Read a baseline file; a missing or malformed file is a usage error (exit 2). */
export function readBaseline(file: string): Baseline {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError('E_BASELINE', `cannot read baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: Baseline;
  try {
    doc = JSON.parse(raw) as Baseline;
  } catch (e) {
    throw new UsageError('E_BASELINE', `baseline ${file} is not JSON: ${(e as Error).message}`);
  }
  if (doc?.version !== 1 || !Array.isArray(doc.findings)) {
    throw new UsageError('E_BASELINE', `baseline ${file} is not an openai-migrate baseline (version 1)`);
  }
  return doc;
}

/**
 * Split findings into new ones and baselined ones. Each entry absorbs one
 * finding (two identical findings need two entries). `stale` counts entries
 * no finding matched any more (fixed since the baseline was written).
 */
export function applyBaseline<T extends Keyed>(findings: T[], b: Baseline): { fresh: T[]; baselined: T[]; stale: number } {
  const left = new Map<string, number>();
  for (const e of b.findings) left.set(key(e), (left.get(key(e)) ?? 0) + 1);
  const fresh: T[] = [];
  const baselined: T[] = [];
  for (const f of findings) {
    const k = key(f);
    const n = left.get(k) ?? 0;
    if (n > 0) {
      left.set(k, n - 1);
      baselined.push(f);
    } else fresh.push(f);
  }
  let stale = 0;
  for (const n of left.values()) stale += n;
  return { fresh, baselined, stale };
}
