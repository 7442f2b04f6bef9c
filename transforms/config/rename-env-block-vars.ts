import { writeValue } from '../../src/engine/values.js';
import type { Transform } from '../../src/engine/types.js';
import { msg, type Msg } from '../../src/i18n/msg.js';
import { shortName } from '../../src/providers/index.js';
import { envRole, renamedKeyVar } from '../../src/rules/env.js';
import { isPlaceholder, mapModelAt, MODEL_KEY } from '../../src/lang/config/common.js';
import { commentOutLine, keyVarWords, type ConfigContext } from '../../src/lang/config/context.js';
import { yamlEnvEntries } from '../../src/lang/config/env-blocks.js';

/**
 * docker-compose `environment:`, GitHub Actions `env:` and Kubernetes `env:`
 * entries: the OpenAI key variable is renamed to the provider's (references
 * in its value too: `${OPENAI_API_KEY}`, `${{ secrets.OPENAI_API_KEY }}`); a
 * literal key value is never kept or copied: it becomes a reference
 * (`${DEEPSEEK_API_KEY}` in compose, `${{ secrets.DEEPSEEK_API_KEY }}` in a
 * workflow, empty elsewhere). Base URL and organisation entries are commented
 * out when they sit on one line and the block keeps another entry; otherwise
 * they are follow-ups. An entry the migrated code still reads under its OpenAI
 * name (src/rules/env-reads.ts) is kept.
 */
export const renameEnvBlockVars: Transform<ConfigContext> = {
  id: 'rename-env-block-vars',
  description: 'Rename OPENAI_API_KEY in docker-compose / GitHub Actions / Kubernetes env blocks; comment out OpenAI settings',
  run(ctx) {
    if (!ctx.docs) return;
    const t = ctx.target;
    const name = shortName(t.provider);
    const commented = new Map<Set<string>, number>();
    const commentOut = (e: ReturnType<typeof yamlEnvEntries>[number], why: Msg) => {
      const n = commented.get(e.block) ?? 0;
      if (!e.oneLine || e.shape === 'k8s' || n + 1 >= e.blockSize) {
        ctx.followUp(e.nameStart, msg('env.setHere', { name: e.name, why }), msg('env.setHere.todo', { name: e.name }));
        return;
      }
      commented.set(e.block, n + 1);
      commentOutLine(ctx, e.itemStart);
      ctx.change('env', e.nameStart, msg('env.commentedOut', { name: e.name, why }), { transform: this.id, from: e.name });
    };
    let secretNote = false;
    for (const e of yamlEnvEntries(ctx.file.text, ctx.docs)) {
      const role = envRole(e.name);
      // Still read under its OpenAI name by code that stays on OpenAI (or that the tool could not migrate): kept.
      if (ctx.codeReads?.has(e.name)) {
        const to = renamedKeyVar(e.name, t);
        if (to && ctx.codeReads.has(to) && !e.block.has(to)) ctx.followUp(e.nameStart, msg('env.keptForCode', { name: e.name }), msg('env.keptForCode.todo', { to, provider: name }));
        continue;
      }
      if (role === 'baseURL' || role === 'org') {
        commentOut(e, role === 'baseURL' ? msg('env.migratedClientsUse', { url: t.baseURL }) : msg('env.providerDoesNotUse', { provider: name }));
        continue;
      }
      if (e.shape === 'list' && e.value !== undefined && e.valueStart !== undefined && (MODEL_KEY.test(e.name) || role === 'other')) {
        // Compose list form `- OPENAI_MODEL=gpt-4o` (the map form is a model-named key: map-config-model-ids).
        mapModelAt(ctx, e.valueStart, e.valueEnd!, e.value, this.id);
        continue;
      }
      const to = renamedKeyVar(e.name, t);
      if (!to || to === e.name) continue;
      if (e.block.has(to)) {
        commentOut(e, msg('env.alreadySet', { to }));
        continue;
      }
      e.block.add(to);
      ctx.edits.add(e.nameStart, e.nameEnd, to);
      ctx.change('env', e.nameStart, msg('env.renamed', { from: e.name, to }), { transform: this.id, from: e.name, to });
      if (e.value !== undefined && e.valueStart !== undefined && e.valueEnd !== undefined) {
        const refs = keyVarWords(e.value, (w) => renamedKeyVar(w, t));
        if (refs.length || e.value.includes('$')) {
          for (const w of refs) writeValue(ctx, e.valueStart + w.start, e.valueStart + w.end, w.to);
        } else if (!isPlaceholder(e.value)) {
          // A literal key: replace it by a reference, never copy it.
          const ref = ctx.kind === 'compose' ? `\${${to}}` : ctx.kind === 'workflow' ? `\${{ secrets.${to} }}` : '';
          const quoted = ctx.file.text[e.valueStart - 1] === '"' || ctx.file.text[e.valueStart - 1] === "'";
          ctx.edits.add(e.valueStart, e.valueEnd, ref || (quoted || e.shape === 'list' ? '' : '""'));
          ctx.followUp(
            e.nameStart,
            msg('env.literalKey', { name: e.name }),
            msg('env.literalKey.todo', { to, where: ctx.kind === 'compose' ? 'compose' : ctx.kind === 'workflow' ? 'workflow' : 'other' }),
          );
        }
      }
      if (e.valueFrom) ctx.followUp(e.nameStart, msg('env.k8sSecret', { to }), msg('env.k8sSecret.todo', { provider: name }));
      if (ctx.kind === 'workflow' && !secretNote) {
        secretNote = true;
        ctx.followUp(e.nameStart, msg('env.workflowSecret', { to }), msg('env.workflowSecret.todo', { to, provider: name }));
      }
    }
  },
};
