import type { ProviderProfile } from '../../src/providers/index.js';
import { msg, type Text } from '../../src/i18n/msg.js';
import type { MigrateContext } from '../../src/engine/types.js';
import { isSupported, unsupportedReason } from '../../src/rules/endpoints.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { markStatement } from '../../src/lang/python/helpers.js';
import { enclosingStatement, type Node } from '../../src/lang/python/parse.js';
import { llamaIndexLegacy, llamaIndexLegacyMoves, type WrapperKind } from '../../src/lang/python/wrappers.js';

/** The endpoint a wrapper class needs, when the provider lacks it. */
export function blockedWrapper(ctx: MigrateContext<PyContext>, kind: WrapperKind, provider?: ProviderProfile): { reason: Text; action: Text } | undefined {
  const p = provider ?? ctx.target.provider;
  const endpoint = kind.includes('embedding') ? 'embeddings' : kind === 'lc-llm' ? 'completions' : 'chat';
  if (isSupported(p, endpoint)) return undefined;
  return unsupportedReason(p, endpoint);
}

/** Leave a wrapper construction as it is, with a marker above its statement and a follow-up. */
export function markWrapper(ctx: MigrateContext<PyContext>, node: Node, b: { reason: Text; action: Text }, marked: Set<number>, id: string): void {
  ctx.followUp(ctx.py.start(node), b.reason, b.action);
  const st = enclosingStatement(node);
  if (st && markStatement(ctx, st, b.reason, b.action, marked)) ctx.change('marker', ctx.py.start(node), msg('marker.addedHere', { reason: b.reason }), { transform: id });
}

/**
 * Is `node` inside a LlamaIndex wrapper call that stays on OpenAI because the
 * project's llama-index is too old for the integration package? Its model id
 * must stay an OpenAI id (map-model-ids skips it).
 */
export function inUnmigratedWrapper(ctx: PyContext, node: Node): boolean {
  const start = ctx.py.start(node);
  const end = ctx.py.end(node);
  return ctx.wrappers.uses.some(
    (u) => u.binding.kind.startsWith('li-') && llamaIndexLegacy(u.binding, ctx.packageFits) && !llamaIndexLegacyMoves(u.binding) && start >= ctx.py.start(u.node) && end <= ctx.py.end(u.node),
  );
}
