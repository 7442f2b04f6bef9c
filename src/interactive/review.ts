import { applyPatch, parsePatch, type StructuredPatchHunk } from 'diff';
import { unifiedDiff } from '../engine/diff.js';
import type { ChalkInstance } from 'chalk';
import type { Change } from '../engine/types.js';
import { colorDiff, maskSecrets } from '../report/text.js';
import { printable, printableLines } from '../report/escape.js';
import { t } from '../i18n/index.js';

/**
 * `migrate --interactive`: like `git add -p`, each file's migration is shown
 * hunk by hunk and the reviewer answers y (accept), n (skip), a (accept this
 * and everything after it, in every file), q (quit: skip this and everything
 * after it) or ? (help). Only accepted hunks are written.
 */

export type Answer = 'y' | 'n' | 'a' | 'q';

/** Where prompts are shown and answers come from (a terminal in the CLI, a script in unit tests). */
export interface ReviewIO {
  write(text: string): void;
  /** Resolve with the next answer line; null at end of input. */
  readLine(): Promise<string | null>;
}

export interface ReviewOutcome {
  file: string;
  accepted: number;
  total: number;
}

export class Reviewer {
  /** Per reviewed file: how many hunks were accepted. */
  readonly outcomes: ReviewOutcome[] = [];
  private acceptAll = false;
  private quit = false;

  constructor(
    private readonly io: ReviewIO,
    private readonly c: ChalkInstance,
  ) {}

  /**
   * RunOptions.decide: the text to write (all or some hunks), or null to leave
   * the file as it is. With some hunks accepted, `changes` keeps only those on
   * the accepted hunks' lines, so the summary and report count what was written.
   */
  readonly decide = async (file: string, before: string, after: string, changes: Change[] = []): Promise<string | null> => {
    // The same bounded diff as the dry run (src/engine/diff.ts), as hunks.
    const patch = parsePatch(unifiedDiff(file, before, after).text)[0]!;
    const total = patch.hunks.length;
    const record = (accepted: number) => this.outcomes.push({ file, accepted, total });
    // Earlier answers decide for the rest: `a` takes everything, `q` nothing.
    if (this.acceptAll) return (record(total), after);
    if (this.quit) return (record(0), null);

    this.io.write('\n' + this.c.bold(`diff ${printable(file)}`) + '\n');
    const accepted: StructuredPatchHunk[] = [];
    for (let i = 0; i < total; i++) {
      const h = patch.hunks[i]!;
      if (this.acceptAll) {
        accepted.push(h);
        continue;
      }
      if (this.quit) break;
      const body = [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines].join('\n');
      this.io.write(colorDiff(printableLines(maskSecrets(body)), this.c) + '\n');
      const prompt = total > 1 ? t('review.promptHunk', { i: i + 1, n: total, file: printable(file) }) : t('review.promptFile', { file: printable(file) });
      const a = await this.ask(prompt);
      if (a === 'y' || a === 'a') accepted.push(h);
      if (a === 'a') this.acceptAll = true;
      if (a === 'q') this.quit = true;
    }
    record(accepted.length);
    if (accepted.length === total) return after;
    if (!accepted.length) return null;
    // Some hunks: apply only those to the original text (hunks keep their original positions).
    const out = applyPatch(before, { ...patch, hunks: accepted });
    if (out === false) {
      this.io.write(this.c.red(t('review.applyFailed', { file: printable(file) })) + '\n');
      this.outcomes[this.outcomes.length - 1]!.accepted = 0;
      return null;
    }
    const kept = changes.filter((ch) => accepted.some((h) => ch.line >= h.oldStart && ch.line < h.oldStart + Math.max(h.oldLines, 1)));
    changes.splice(0, changes.length, ...kept);
    return out;
  };

  /** Ask until the answer is one of y/n/a/q; `?` and anything else print the help. End of input = q. */
  private async ask(prompt: string): Promise<Answer> {
    for (;;) {
      this.io.write(this.c.blue(`${prompt} [y,n,a,q,?]? `));
      const line = await this.io.readLine();
      if (line === null) {
        this.io.write('\n');
        return 'q';
      }
      const k = line.trim().toLowerCase();
      if (k === 'y' || k === 'n' || k === 'a' || k === 'q') return k;
      this.io.write(this.c.dim(t('review.help')) + '\n');
    }
  }

  /** Lines for the end of the run: what was accepted, partly accepted and skipped. */
  summary(): string {
    const full = this.outcomes.filter((o) => o.accepted === o.total).length;
    const partial = this.outcomes.filter((o) => o.accepted > 0 && o.accepted < o.total);
    const skipped = this.outcomes.filter((o) => o.accepted === 0);
    const out = [this.c.bold(t('review.summary', { accepted: full, partial: partial.length, skipped: skipped.length }))];
    for (const o of partial) out.push(`  ${t('review.partialFile', { file: printable(o.file), accepted: o.accepted, total: o.total })}`);
    for (const o of skipped) out.push(`  ${t('review.skippedFile', { file: printable(o.file) })}`);
    return out.join('\n') + '\n';
  }
}
