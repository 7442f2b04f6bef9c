/**
 * Minimal text edits at parser offsets. Nothing outside an edit changes, so
 * untouched code stays byte-identical (no reprinting).
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export class EditConflictError extends Error {}

export class EditList {
  private readonly list: TextEdit[] = [];

  get size(): number {
    return this.list.length;
  }

  /**
   * Add an edit. An edit inside a range another edit replaces is dropped (the
   * outer edit wins); an edit that contains earlier ones replaces them.
   * Partial overlaps are a bug in a transform and throw.
   */
  add(start: number, end: number, text: string): void {
    if (start > end) throw new EditConflictError(`bad edit range ${start}-${end}`);
    for (let i = this.list.length - 1; i >= 0; i--) {
      const e = this.list[i]!;
      const eIsRange = e.end > e.start;
      const nIsRange = end > start;
      if (eIsRange && nIsRange && start === e.start && end === e.end) {
        // Same range: an identical edit is a duplicate; a different one supersedes (e.g. "empty the literal" then "fill it").
        if (e.text === text) return;
        this.list.splice(i, 1);
        continue;
      }
      if (eIsRange && start >= e.start && end <= e.end && (nIsRange ? true : start > e.start && start < e.end)) return;
      if (nIsRange && e.start >= start && e.end <= end && (eIsRange || (e.start > start && e.start < end))) {
        this.list.splice(i, 1);
        continue;
      }
      if (eIsRange && nIsRange && start < e.end && e.start < end) {
        throw new EditConflictError(`overlapping edits at ${start}-${end} and ${e.start}-${e.end}`);
      }
    }
    this.list.push({ start, end, text });
  }

  has(start: number, end: number): boolean {
    return this.list.some((e) => e.start === start && e.end === end);
  }

  /** Some edit replaces text inside [start, end) (an earlier transform rewrote that code already). */
  overlaps(start: number, end: number): boolean {
    return this.list.some((e) => e.start < e.end && e.start < end && start < e.end);
  }

  /** Apply all edits to `text` (stable for inserts at the same offset: insertion order). */
  apply(text: string): string {
    const sorted = this.list
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i)
      .map((x) => x.e);
    let out = '';
    let pos = 0;
    for (const e of sorted) {
      out += text.slice(pos, e.start) + e.text;
      pos = Math.max(pos, e.end);
    }
    return out + text.slice(pos);
  }

  all(): readonly TextEdit[] {
    return this.list;
  }

  /** A list made elsewhere (a worker thread) and already normalised by `add`: taken as is. */
  static restore(edits: readonly TextEdit[]): EditList {
    const l = new EditList();
    l.list.push(...edits.map((e) => ({ start: e.start, end: e.end, text: e.text })));
    return l;
  }
}
