import type { Transform } from '../../src/engine/types.js';
import { shortName } from '../../src/providers/index.js';
import { envRole } from '../../src/rules/env.js';
import { commentOut, type EnvContext } from '../../src/lang/env/context.js';

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
      const role = envRole(e.name);
      if (role !== 'baseURL' && role !== 'org') continue;
      // Still read by code that stays on OpenAI (or that the tool could not migrate): kept.
      if (ctx.codeReads?.has(e.name)) continue;
      if (e.multiline) {
        ctx.followUp(e.nameStart, `${e.name} holds a multi-line value`, 'remove it: the migrated code does not read it');
        continue;
      }
      commentOut(ctx, e);
      const why = role === 'baseURL' ? `the migrated clients use ${ctx.target.baseURL}` : `${name} does not use it`;
      ctx.change('env', e.nameStart, `${e.name} commented out: ${why}`, { transform: this.id, from: e.name });
    }
  },
};
