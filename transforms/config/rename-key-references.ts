import { msg } from '../../src/i18n/msg.js';
import { writeValue } from '../../src/engine/values.js';
import type { Transform } from '../../src/engine/types.js';
import { renamedKeyVar } from '../../src/rules/env.js';
import { keyVarWords, type ConfigContext } from '../../src/lang/config/context.js';
import { nearestKey } from '../../src/lang/config/sites.js';

/** A word is a variable reference when one of these ends right before it. */
const REF_BEFORE = /(\$\{?|\$\{\{\s*(secrets|env|vars)\.|os\.environ\/|\{env:|env\.|secrets\.)$/;

/**
 * References to the OpenAI key variable inside config values name the
 * provider's variable: `${OPENAI_API_KEY}`, `$OPENAI_API_KEY`,
 * `${{ secrets.OPENAI_API_KEY }}`, LiteLLM `os.environ/OPENAI_API_KEY`.
 * When the value feeds an OpenAI-specific setting (`openai_api_key:` input of
 * an action) a follow-up asks to check that the consumer accepts the provider.
 */
export const renameKeyReferences: Transform<ConfigContext> = {
  id: 'rename-key-references',
  description: "Rename references to OPENAI_API_KEY in config values to the provider's key variable",
  run(ctx) {
    const t = ctx.target;
    for (const s of ctx.sites) {
      if (!s.editable) continue;
      const words = keyVarWords(s.value, (w) => renamedKeyVar(w, t)).filter(
        // A variable the migrated code still reads under its OpenAI name keeps its references (src/rules/env-reads.ts).
        (w) => REF_BEFORE.test(s.value.slice(0, w.start)) && !ctx.codeReads?.has(w.from),
      );
      for (const w of words) {
        writeValue(ctx, s.start + w.start, s.start + w.end, w.to);
        ctx.change('env', s.start + w.start, msg('env.renamed', { from: w.from, to: w.to }), { transform: this.id, from: w.from, to: w.to });
      }
      const key = nearestKey(s);
      if (words.length && /openai/i.test(key) && !renamedKeyVar(key, t)) {
        ctx.followUp(s.start, msg('config.openaiSpecificKey', { key, env: t.apiKeyEnv }), msg('config.openaiSpecificKey.todo'));
      }
    }
  },
};
