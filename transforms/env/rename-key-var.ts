import type { MigrateContext, Transform } from '../../src/engine/types.js';
import { eolAt } from '../../src/engine/text.js';
import { shortName } from '../../src/providers/index.js';
import { renamedKeyVar } from '../../src/rules/env.js';
import { isPlaceholder } from '../../src/lang/config/common.js';
import { commentOut, entryRole, type EnvContext } from '../../src/lang/env/context.js';
import type { EnvEntry } from '../../src/lang/env/parse.js';
import { msg } from '../../src/i18n/msg.js';

/**
 * `your_openai_api_key` -> `your_deepseek_api_key`, `<your OpenAI key>` ->
 * `<your DeepSeek key>` (the case style kept); other placeholders stay as written.
 */
function restylePlaceholder(value: string, providerId: string, displayName: string): string {
  return value.replace(/openai/gi, (m) => (m === 'OPENAI' ? providerId.toUpperCase() : m === 'openai' ? providerId : displayName));
}

/**
 * The OpenAI key line becomes the provider's key line, with a comment above
 * it saying where to get a key. Policy (one rule per value shape):
 * - empty or placeholder value (`.env.example`): renamed in place, the
 *   placeholder restyled (`your_openai_api_key` -> `your_deepseek_api_key`);
 * - a real value (a secret, `$(pass ...)`, `${OTHER}`): the secret is never
 *   copied; an empty provider line is inserted above and the old line is
 *   commented out so the user still has it (a follow-up says to fill one in
 *   and delete the other);
 * - the provider variable is already set in the file: the OpenAI line is
 *   commented out.
 * Bundler prefixes are kept (`VITE_OPENAI_API_KEY` -> `VITE_DEEPSEEK_API_KEY`).
 */
export const renameKeyVar: Transform<EnvContext> = {
  id: 'rename-env-key-var',
  description: "Replace the OpenAI key variable with the provider's key variable",
  run(ctx) {
    const t = ctx.target;
    const text = ctx.file.text;
    const name = shortName(t.provider);
    const note = `# ${name} API key: ${t.provider.consoleUrl}`;
    for (const e of ctx.env.entries) {
      // `APP_OPENAI_API_KEY`, read by a Python settings class that now reads the provider's key variable
      const to = renamedKeyVar(e.name, t) ?? (entryRole(ctx, e.name) === 'key' ? t.apiKeyEnv : undefined);
      if (!to || to === e.name) continue;
      if (e.multiline) {
        ctx.followUp(e.nameStart, msg('env.multiline', { name: e.name }), msg('env.multiline.todoReplace', { to }));
        continue;
      }
      const eol = eolAt(text, e.lineStart);
      const indent = text.slice(e.lineStart, e.nameStart).replace(/export[ \t]+$/, '');
      const prevLine = text
        .slice(text.lastIndexOf('\n', e.lineStart - 2) + 1, Math.max(0, e.lineStart - 1))
        .replace(/\r$/, '')
        .trim();
      const comment = prevLine === note ? '' : indent + note + eol;
      if (ctx.codeReads?.has(e.name)) {
        // Shape: code still reads the OpenAI name (a client that stays on OpenAI, code the tool
        // could not migrate): the line stays; the provider's line is declared above it when the
        // migrated code reads that one.
        if (ctx.codeReads.has(to) && !ctx.names.has(to)) {
          ctx.names.add(to);
          const v = isPlaceholder(e.value) ? restylePlaceholder(e.value, t.provider.id, name) : '';
          ctx.edits.add(e.lineStart, e.lineStart, `${comment}${indent}${e.exported ? 'export ' : ''}${to}=${e.quote}${v}${e.quote}${eol}`);
          ctx.change('env', e.nameStart, msg('env.keyKeptForCode', { from: e.name, to }), { transform: this.id, to });
          if (!isPlaceholder(e.value)) ctx.followUp(e.nameStart, msg('env.addedEmpty', { to, provider: name }), msg('env.addedEmpty.todo', { provider: name, to, url: t.provider.consoleUrl }));
          declareRoutes(ctx, e, this.id);
        }
        continue;
      }
      if (ctx.names.has(to)) {
        // Shape: the provider variable is already set (or a second OpenAI key line): keep one.
        commentOut(ctx, e);
        ctx.change('env', e.nameStart, msg('env.commentedOut', { name: e.name, why: msg('env.alreadySet', { to }) }), { transform: this.id, from: e.name, to });
        continue;
      }
      ctx.names.add(to);
      declareRoutes(ctx, e, this.id);
      if (isPlaceholder(e.value)) {
        // Shape: `OPENAI_API_KEY=` / `OPENAI_API_KEY="sk-your-key-here"`: rename in place.
        if (comment) ctx.edits.add(e.lineStart, e.lineStart, comment);
        ctx.edits.add(e.nameStart, e.nameEnd, to);
        const v = restylePlaceholder(e.value, t.provider.id, name);
        if (v !== e.value) ctx.edits.add(e.valueStart, e.valueEnd, v);
        ctx.change('env', e.nameStart, msg('env.renamed', { from: e.name, to }), { transform: this.id, from: e.name, to });
      } else {
        // Shape: a real value. New empty line above, old line kept as a comment.
        const line = `${indent}${e.exported ? 'export ' : ''}${to}=${e.quote}${e.quote}`;
        ctx.edits.add(e.lineStart, e.lineStart, comment + line + eol);
        commentOut(ctx, e);
        ctx.change('env', e.nameStart, msg('env.renamedEmpty', { name: e.name, to }), { transform: this.id, from: e.name, to });
        ctx.followUp(e.nameStart, msg('env.addedEmpty', { to, provider: name }), msg('env.addedEmpty.todo', { provider: name, to, url: t.provider.consoleUrl, name: e.name }));
      }
    }
  },
};

/** Routed providers' keys (--route embeddings=qwen) are declared under the main key line, in the same shape. */
function declareRoutes(ctx: MigrateContext<EnvContext>, e: EnvEntry, id: string): void {
  const t = ctx.target;
  const text = ctx.file.text;
  const eol = eolAt(text, e.lineStart);
  const indent = text.slice(e.lineStart, e.nameStart).replace(/export[ \t]+$/, '');
  // Routed providers' keys (--route embeddings=qwen) are declared under the main key, in the same shape.
  const routed = (t.routes ?? []).filter((r, i, all) => all.findIndex((x) => x.target.apiKeyEnv === r.target.apiKeyEnv) === i && !ctx.names.has(renamedKeyVar(e.name, r.target) ?? r.target.apiKeyEnv));
  const lineEnd = text.indexOf('\n', e.valueEnd) < 0 ? text.length : text.indexOf('\n', e.valueEnd) + 1;
  for (const r of routed) {
    const rto = renamedKeyVar(e.name, r.target) ?? r.target.apiKeyEnv;
    ctx.names.add(rto);
    const rname = shortName(r.target.provider);
    const value = isPlaceholder(e.value) ? restylePlaceholder(e.value, r.target.provider.id, rname) : '';
    const lead = lineEnd === text.length && !text.endsWith('\n') ? eol : '';
    ctx.edits.add(
      lineEnd,
      lineEnd,
      `${lead}${indent}# ${rname} API key (--route ${r.capability}): ${r.target.provider.consoleUrl}${eol}${indent}${e.exported ? 'export ' : ''}${rto}=${e.quote}${value}${e.quote}${lead ? '' : eol}`,
    );
    ctx.change('env', e.nameStart, msg('route.keyDeclared', { key: rto, cap: r.capability, provider: r.target.provider.id }), { transform: id, to: rto });
    if (!isPlaceholder(e.value))
      ctx.followUp(e.nameStart, msg('route.keyAddedEmpty', { key: rto, cap: r.capability }), msg('route.keyAddedEmpty.todo', { provider: rname, to: rto, url: r.target.provider.consoleUrl }));
  }
}
