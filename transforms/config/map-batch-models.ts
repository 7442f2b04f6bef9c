import { msg } from '../../src/i18n/msg.js';
import type { Transform } from '../../src/engine/types.js';
import { isSupported, unsupportedReason } from '../../src/rules/endpoints.js';
import { mapModelAt } from '../../src/lang/config/common.js';
import type { ConfigContext } from '../../src/lang/config/context.js';

/**
 * JSONL batch input files (`{"custom_id": ..., "method": "POST", "url":
 * "/v1/chat/completions", "body": {"model": "gpt-4o-mini", ...}}` per line):
 * `body.model` gets the provider's id when the provider has a batch API
 * (yes/partial); otherwise the file gets one follow-up and no edit.
 */
export const mapBatchModels: Transform<ConfigContext> = {
  id: 'map-batch-models',
  description: "Replace body.model in OpenAI batch input files (JSONL) with the provider's ids",
  run(ctx) {
    if (ctx.format !== 'jsonl') return;
    const t = ctx.target;
    const lines = ctx.sites.filter((s) => s.path.length === 2 && s.path[0] === 'body' && s.path[1] === 'model');
    const isBatch = ctx.jsonl?.some((l) => l.root.type === 'object' && l.root.props.some((p) => p.key === 'custom_id'));
    if (!isBatch || !lines.length) return;
    if (!isSupported(t.provider, 'batch')) {
      const r = unsupportedReason(t.provider, 'batch');
      ctx.followUp(lines[0]!.start, msg('batch.inputFile', { reason: r.reason }), r.action);
      return;
    }
    for (const s of lines) if (s.editable) mapModelAt(ctx, s.start, s.end, s.value, this.id);
  },
};
