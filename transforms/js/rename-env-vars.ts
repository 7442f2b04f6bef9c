import type { ts } from 'ts-morph';
import { tsc } from '../../src/lang/js/ts.js';
import type { Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { envName, reachesOpenAI } from '../../src/lang/js/analyze.js';
import { isStringLike, propName, unwrap, walk } from '../../src/lang/js/parse.js';
import { envRole, renamedKeyVar } from '../../src/rules/env.js';

/**
 * OpenAI key variables read in code become the provider's key variable:
 * `process.env.OPENAI_API_KEY`, `process.env['OPENAI_API_KEY']`,
 * `import.meta.env.VITE_OPENAI_API_KEY` (bundler prefix kept), destructuring
 * from `process.env`, and env-schema keys / string literals naming the variable.
 * Base-URL and organisation variables read outside a migrated client are follow-ups.
 */
export const renameEnvVars: Transform<JsContext> = {
  id: 'rename-env-vars',
  description: "Read the provider's key variable instead of OPENAI_API_KEY",
  run(ctx) {
    const t = ctx.target!;
    const inMigratedClient = (n: ts.Node) =>
      ctx.facts.constructions.some((c) => reachesOpenAI(c.status) && c.options && n.pos >= c.options.pos && n.end <= c.options.end);
    const rename = (node: ts.Node, start: number, end: number, name: string) => {
      const to = renamedKeyVar(name, t);
      if (to && to !== name) {
        ctx.edits.add(start, end, to);
        ctx.change('env', node.getStart(), `${name} -> ${to}`, { transform: this.id, from: name, to });
        return true;
      }
      return false;
    };
    const handled = new Set<ts.Node>();
    walk(ctx.sf, (n) => {
      if (handled.has(n)) return;
      // process.env.X / import.meta.env.X / process.env['X']
      if ((tsc.isPropertyAccessExpression(n) || tsc.isElementAccessExpression(n)) && !tsc.isPropertyAccessExpression(n.parent) && !tsc.isElementAccessExpression(n.parent)) {
        const name = envName(n);
        if (!name) return;
        const role = envRole(name);
        if (!role) return;
        if (role === 'key') {
          const nameNode = tsc.isPropertyAccessExpression(n) ? n.name : n.argumentExpression;
          const [s, e] = tsc.isPropertyAccessExpression(n) ? [nameNode.getStart(), nameNode.end] : [nameNode.getStart() + 1, nameNode.end - 1];
          handled.add(nameNode);
          rename(n, s, e, name);
        } else if (role !== 'other' && !inMigratedClient(n)) {
          ctx.followUp(n.getStart(), `reads ${name}, an OpenAI setting`, role === 'baseURL' ? `use ${t.baseURL} (the migrated clients already do)` : 'remove it: the provider does not use it');
        }
        return;
      }
      // const { OPENAI_API_KEY } = process.env
      if (tsc.isObjectBindingPattern(n) && n.parent && tsc.isVariableDeclaration(n.parent) && n.parent.initializer) {
        const init = unwrap(n.parent.initializer);
        const isEnv = init.getText().replace(/\s/g, '').match(/^(process\.env|import\.meta\.env)$/);
        if (!isEnv) return;
        for (const el of n.elements) {
          const key = propName(el.propertyName) ?? propName(el.name);
          if (!key) continue;
          const to = renamedKeyVar(key, t);
          if (!to) continue;
          if (el.propertyName) rename(el, el.propertyName.getStart(), el.propertyName.end, key);
          else {
            ctx.edits.add(el.name.getStart(), el.name.getStart(), `${to}: `);
            ctx.change('env', el.getStart(), `${key} -> ${to}`, { transform: this.id, from: key, to });
          }
        }
        return;
      }
      // env schemas and helpers: { OPENAI_API_KEY: z.string() }, getEnv('OPENAI_API_KEY')
      // Outside env reads, only the SDK's own variable names are renamed: a literal like
      // 'OPENAI_KEY' is as likely an app's config key as an environment variable.
      if (isStringLike(n) && isCanonicalKeyName(n.text) && renamedKeyVar(n.text, t)) {
        rename(n, n.getStart() + 1, n.end - 1, n.text);
        return;
      }
      if (tsc.isIdentifier(n) && tsc.isPropertyAssignment(n.parent) && n.parent.name === n && isCanonicalKeyName(n.text) && renamedKeyVar(n.text, t)) {
        rename(n, n.getStart(), n.end, n.text);
      }
      if (tsc.isShorthandPropertyAssignment(n) && isCanonicalKeyName(n.name.text) && renamedKeyVar(n.name.text, t) && !tsc.isObjectBindingPattern(n.parent)) {
        const to = renamedKeyVar(n.name.text, t)!;
        ctx.edits.add(n.name.getStart(), n.name.getStart(), `${to}: `);
        ctx.change('env', n.getStart(), `${n.name.text} -> ${to}`, { transform: this.id, from: n.name.text, to });
      }
    });
  },
};

/** OPENAI_API_KEY / AZURE_OPENAI_API_KEY, with or without a bundler prefix (VITE_, NEXT_PUBLIC_, ...). */
function isCanonicalKeyName(name: string): boolean {
  return /^([A-Z]+_)*?(AZURE_)?OPENAI_API_KEY$/.test(name) && !/^OPENAI_API_KEY_/.test(name);
}
