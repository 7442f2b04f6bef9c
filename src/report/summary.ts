import type { ChangeKind, FileResult, FollowUp } from '../engine/types.js';

export interface Summary {
  filesScanned: number;
  filesParsed: number;
  filesChanged: number;
  filesFailed: number;
  filesSkipped: number;
  edits: number;
  editsByKind: Partial<Record<ChangeKind, number>>;
  followUps: number;
  /** model from -> to with counts. */
  models: Array<{ from: string; to: string; count: number }>;
  /** Files that reach OpenAI through another module (project graph), by the first import on the way (`@acme/ai`). */
  via: Array<{ spec: string; files: number }>;
}

export function summarize(files: FileResult[], scanned: number, parsed: number): Summary {
  const byKind: Partial<Record<ChangeKind, number>> = {};
  const models = new Map<string, { from: string; to: string; count: number }>();
  let edits = 0;
  for (const f of files) {
    for (const c of f.changes) {
      byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
      edits++;
      if (c.kind === 'model' && c.from && c.to) {
        const k = `${c.from}\u0000${c.to}`;
        const m = models.get(k) ?? { from: c.from, to: c.to, count: 0 };
        m.count++;
        models.set(k, m);
      }
    }
  }
  return {
    filesScanned: scanned,
    filesParsed: parsed,
    filesChanged: files.filter((f) => f.status === 'changed').length,
    filesFailed: files.filter((f) => f.status === 'failed').length,
    filesSkipped: files.filter((f) => f.status === 'skipped').length,
    edits,
    editsByKind: byKind,
    followUps: files.reduce((n, f) => n + f.followUps.length, 0),
    models: [...models.values()].sort((a, b) => b.count - a.count),
    via: viaCounts(files),
  };
}

function viaCounts(files: FileResult[]): Summary['via'] {
  const by = new Map<string, number>();
  for (const f of files) if (f.via && f.via.length > 1) by.set(f.via[1]!, (by.get(f.via[1]!) ?? 0) + 1);
  return [...by].map(([spec, n]) => ({ spec, files: n })).sort((a, b) => b.files - a.files || (a.spec < b.spec ? -1 : 1));
}

export function allFollowUps(files: FileResult[]): Array<FollowUp & { file: string }> {
  return files.flatMap((f) => f.followUps.map((u) => ({ ...u, file: f.file })));
}
