import { encodeUtf8 } from './text.js';
import type { Outcome } from './offload.js';
import { writeAtomic, WriteRefused } from './write.js';
import { phase, timingNote } from './timing.js';
import { CHECKED_BYTES, collectGarbage } from './memory.js';
import { rel, type Reader } from './read.js';
import type { FileContext, FileResult, LanguageHandler } from './types.js';
import type { RunOptions } from './run.js';
import { msg } from '../i18n/msg.js';
import { followUpOf, reasonOf, setReason } from '../i18n/reasons.js';

/**
 * The finish stage of a run, per file once its handler has processed it:
 * validate -> decide (interactive review) -> diff -> write. Each file is
 * isolated: a failure is recorded for that file, which stays byte-identical.
 */
export class Finisher {
  private done = 0;
  private readonly base: string;

  constructor(
    private readonly o: RunOptions,
    private readonly read: Reader,
    /** Candidates to finish (the progress total). */
    readonly total: number,
    /** Facts shared across handlers (src/engine/types.ts HandlerOptions.project): `finished` hooks add to it. */
    private readonly project?: Map<string, unknown>,
  ) {
    this.base = o.base ?? o.cwd;
  }

  /** Check, diff and write the files of one handler once it has processed them. */
  async batch(handler: LanguageHandler, ctxs: FileContext[], outcome: Outcome): Promise<void> {
    const finishing = phase('validate + diff + write');
    for (const ctx of ctxs) {
      const res = (this.read.results.get(ctx.file.abs) ?? this.read.outsideResults.get(ctx.file.abs))!;
      // Count first: `o.onFile?.(++done)` would skip the increment when onFile is unset.
      this.done++;
      this.o.onFile?.(this.done, this.total);
      this.o.onProgress?.('analyse', this.done, this.total);
      const final = await this.file(handler, ctx, res, outcome);
      if (handler.finished && this.project && !ctx.file.outside) handler.finished(ctx, final ?? ctx.file.text, this.project);
    }
    finishing();
  }

  /** Finish one file; returns the text it ends with when that is not its original text. */
  private async file(handler: LanguageHandler, ctx: FileContext, res: FileResult, outcome: Outcome): Promise<string | undefined> {
    const o = this.o;
    const err = outcome.errors.get(ctx.file.abs);
    if (err) {
      res.status = err.skip ? 'skipped' : 'failed';
      res.errorId = err.id;
      res.reason = err.message;
      res.reasonMsg = err.msg;
      return;
    }
    if (ctx.file.outside) {
      this.outsideFollowUp(ctx, res);
      return;
    }
    o.onContext?.(ctx);
    res.findings = ctx.findings;
    res.followUps = ctx.followUps;
    const chain = this.read.graph?.chain(ctx.file.abs);
    if (chain?.length && (ctx.findings.length || ctx.changes.length)) res.via = [res.file, ...chain.map((x, i) => (i % 2 ? rel(this.base, x) : x))];
    if (!ctx.edits.size) return;
    let after = ctx.edits.apply(ctx.file.text);
    if (after === ctx.file.text) return;
    const checked = !outcome.verdicts?.has(ctx.file.abs) && !!handler.validate;
    const invalid = checked ? await handler.validate!(after, ctx.file.rel) : outcome.verdicts?.get(ctx.file.abs);
    // The check parsed the whole file and dropped the tree: collect dead trees every 2 MB of text (src/engine/memory.ts).
    if (checked) collectGarbage(after.length, CHECKED_BYTES);
    if (invalid) {
      res.status = 'failed';
      res.errorId = 'E_OUTPUT_INVALID';
      setReason(res, msg('file.outputInvalid', { error: invalid }));
      return;
    }
    if (o.decide) {
      const chosen = await o.decide(res.file, ctx.file.text, after, ctx.changes);
      const bad = chosen !== null && chosen !== after && handler.validate ? await handler.validate(chosen, ctx.file.rel) : undefined;
      if (chosen === null || chosen === ctx.file.text || bad) {
        Object.assign(
          res,
          bad
            ? { status: 'failed', errorId: 'E_OUTPUT_INVALID', ...reasonOf(msg('file.hunksInvalid', { error: bad })) }
            : { status: 'skipped', errorId: 'W_REVIEW_SKIPPED', ...reasonOf(msg('file.reviewSkipped')) },
        );
        return;
      }
      after = chosen;
    }
    res.status = 'changed';
    res.changes = ctx.changes;
    const final = await this.render(ctx, res, after);
    return res.written || !o.write ? final : undefined;
  }

  private async render(ctx: FileContext, res: FileResult, after: string): Promise<string> {
    const o = this.o;
    // `diff` loads on the first changed file: scan and check never need it. Bounded work: see src/engine/diff.ts.
    const { unifiedDiff, MAX_EDIT_LENGTH } = await import('./diff.js');
    const d = unifiedDiff(res.file, ctx.file.text, after);
    res.diff = d.text;
    if (d.strategy !== 'myers') timingNote(`${res.file}: over ${MAX_EDIT_LENGTH} changed lines, linear diff (${d.strategy})`);
    if (o.write) await this.write(ctx, res, after);
    return after;
  }

  private async write(ctx: FileContext, res: FileResult, after: string): Promise<void> {
    const m = this.read.meta.get(ctx.file.abs)!;
    try {
      await writeAtomic(ctx.file.abs, encodeUtf8({ text: after, bom: ctx.file.bom }), { ...m, bytes: encodeUtf8({ text: ctx.file.text, bom: ctx.file.bom }) }, { roots: this.o.roots });
      res.written = true;
    } catch (e) {
      const id = e instanceof WriteRefused ? e.id : 'E_WRITE';
      res.status = id.startsWith('W_') ? 'skipped' : 'failed';
      res.errorId = id;
      res.reason = (e as Error).message;
      res.changes = []; // nothing was written: the summary counts no edits for it
    }
  }

  /** A file outside the given paths (read only to follow imports): under `migrate`, what it would have changed is a follow-up. */
  private outsideFollowUp(ctx: FileContext, res: FileResult): void {
    const o = this.o;
    if (!o.outsideFollowUps || !o.target || !ctx.edits.size || ctx.edits.apply(ctx.file.text) === ctx.file.text) return;
    const models = [...new Set(ctx.changes.filter((c) => c.kind === 'model' && c.from && c.to).map((c) => `${c.from} -> ${c.to}`))];
    const first = ctx.changes[0];
    res.status = 'skipped';
    res.errorId = 'W_OUTSIDE_SCOPE';
    setReason(res, msg('file.outsideWouldChange', { n: ctx.changes.length, models: models.length ? models.join(', ') : undefined }));
    res.followUps = [
      {
        line: first?.line ?? 1,
        column: first?.column ?? 1,
        ...followUpOf(msg('outside.defines'), msg('outside.defines.todo', { provider: o.target.provider.id, file: res.file })),
      },
    ];
    this.read.results.set(ctx.file.abs, res);
  }
}
