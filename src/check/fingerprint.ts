import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types.js';

/**
 * Content fingerprints for baselines and SARIF `partialFingerprints`: a hash
 * of the rule, the file and the finding's source line with whitespace
 * normalised, plus its rank among identical lines of the file. Line numbers
 * are not part of it, so code that moves (lines added above it, re-indented)
 * keeps its fingerprint; editing the line itself makes a new finding.
 */
export function contentKey(f: Finding): string {
  return (f.snippet ?? f.message).replace(/\s+/g, ' ').trim();
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/** Fingerprint every finding of a list (mutates: sets `fingerprint`). Order-stable by file, line, column. */
export function fingerprintAll<T extends Finding & { file: string; fingerprint?: string }>(findings: T[]): T[] {
  const sorted = [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const seen = new Map<string, number>();
  for (const f of sorted) {
    const base = `${f.rule}\u0000${f.file}\u0000${contentKey(f)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    f.fingerprint = sha(`${base}\u0000${n}`);
  }
  return findings;
}
