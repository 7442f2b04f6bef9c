import { msg } from '../../src/i18n/msg.js';
import type { Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { flattenAttr, kids, walk, type Node } from '../../src/lang/python/parse.js';
import { pyClientPlan } from '../../src/lang/python/client-plan.js';

const TO: Record<string, string> = { AzureOpenAI: 'OpenAI', AsyncAzureOpenAI: 'AsyncOpenAI' };

/**
 * `AzureOpenAI` / `AsyncAzureOpenAI` become `OpenAI` / `AsyncOpenAI`: the
 * `from openai import ...` names, the calls and annotations that use them, and
 * `openai.AzureOpenAI(...)`. Provider endpoints are plain OpenAI-compatible APIs.
 */
export const replaceAzureClient: Transform<PyContext> = {
  id: 'replace-azure-client',
  description: 'Turn AzureOpenAI clients into plain OpenAI-compatible clients',
  run(ctx) {
    const f = ctx.facts;
    if (!f.constructions.some((c) => c.azure)) return;
    // Azure clients that cannot be fully migrated stay on Azure, class included.
    if ([...pyClientPlan(ctx).kept.values()].includes('azure')) return;
    const renames = new Map<string, string>();
    for (const st of f.openaiImports) {
      const names = st.childrenForFieldName('name').filter((c): c is Node => !!c);
      const plainOf = (o: Node) => (o.type === 'aliased_import' ? o.childForFieldName('name')!.text : o.text);
      // Names dropped in favour of a plain class imported already: a trailing run of them goes with the comma before it.
      const dropped = names.map((c) => c.type !== 'aliased_import' && !!TO[c.text] && names.some((o) => plainOf(o) === TO[c.text]));
      let trailing = names.length;
      while (trailing > 0 && dropped[trailing - 1]) trailing--;
      if (trailing > 0 && trailing < names.length) ctx.edits.add(ctx.py.end(names[trailing - 1]!), ctx.py.end(names[names.length - 1]!), '');
      names.forEach((c, i) => {
        const aliased = c.type === 'aliased_import';
        const nameNode = aliased ? c.childForFieldName('name')! : c;
        const to = TO[nameNode.text];
        if (!to) return;
        // The plain class is imported already: drop this name and use that binding.
        const existing = names.find((o) => plainOf(o) === to);
        const local = aliased ? c.childForFieldName('alias')!.text : c.text;
        if (existing && !aliased) {
          const other = existing.type === 'aliased_import' ? existing.childForFieldName('alias')!.text : existing.text;
          if (i < trailing) ctx.edits.add(ctx.py.start(c), ctx.py.start(names[i + 1]!), '');
          renames.set(local, other);
        } else {
          ctx.edits.add(ctx.py.start(nameNode), ctx.py.end(nameNode), to);
          if (!aliased) renames.set(local, to);
        }
        ctx.change('import', ctx.py.start(c), msg('client.importReplaced', { from: nameNode.text, kind: 'import', to }), { transform: this.id });
      });
    }
    const importIds = new Set(f.openaiImports.map((s) => s.id));
    walk(ctx.py.root, (n) => {
      if (importIds.has(n.id)) return false;
      if (n.type === 'identifier' && renames.has(n.text)) {
        const p = n.parent;
        if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) return;
        if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return;
        ctx.edits.add(ctx.py.start(n), ctx.py.end(n), renames.get(n.text)!);
      }
      if (n.type === 'attribute') {
        const { base, names } = flattenAttr(n);
        const attr = n.childForFieldName('attribute');
        if (base.type === 'identifier' && f.modules.has(base.text) && names.length === 1 && attr && TO[attr.text]) {
          ctx.edits.add(ctx.py.start(attr), ctx.py.end(attr), TO[attr.text]!);
        }
      }
    });
    void kids;
  },
};
