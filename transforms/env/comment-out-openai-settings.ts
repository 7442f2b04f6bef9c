import { msg } from '../../src/i18n/msg.js';
import type { Transform } from '../../src/engine/types.js';
import { shortName } from '../../src/providers/index.js';
import { commentOut, entryRole, type EnvContext } from '../../src/lang/env/context.js';

/**
 * OpenAI settings the migrated code no longer reads are commented out (kept
 * for reference, never deleted): base URLs (`OPENAI_BASE_URL`,
 * `OPENAI_API_BASE`, `AZURE_OPENAI_ENDPOINT`), organisation and project ids,
 * API versions and Azure deployment names. A setting the migrated code still
 * reads (src/rules/env-reads.ts) stays as it is.
 */
export const commentOutOpenAISettings: Transform<EnvContext> = {
  id: 'comment-out-openai-settings',
  description: 'Comment out OpenAI base URL, organisation and Azure settings',
  run(ctx) {
    const name = shortName(ctx.target.provider);
    for (const e of ctx.env.entries) {
      const role = entryRole(ctx, e.name);
      if (role !== 'baseURL' && role !== 'org') continue;
      // Still read by code that stays on OpenAI (or that the tool could not migrate): kept.
      if (ctx.codeReads?.has(e.name)) continue;
      if (e.multiline) {
        ctx.followUp(e.nameStart, msg('env.multiline', { name: e.name }), msg('env.multiline.todoRemove'));
        continue;
      }
      commentOut(ctx, e);
      const why = role === 'baseURL' ? msg('env.migratedClientsUse', { url: ctx.target.baseURL }) : msg('env.providerDoesNotUse', { provider: name });
      ctx.change('env', e.nameStart, msg('env.commentedOut', { name: e.name, why }), { transform: this.id, from: e.name });
    }
  },
};
