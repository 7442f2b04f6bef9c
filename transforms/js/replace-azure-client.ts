import { msg } from '../../src/i18n/msg.js';
import { tsc } from '../../src/lang/js/ts.js';
import type { Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { walk } from '../../src/lang/js/parse.js';
import { clientPlan } from '../../src/lang/js/client-plan.js';

/**
 * `AzureOpenAI` becomes the plain `OpenAI` class: the import specifier, the
 * `new` expressions and the type references. Provider endpoints are plain
 * OpenAI-compatible APIs (Bearer key, no deployments, no api-version).
 */
export const replaceAzureClient: Transform<JsContext> = {
  id: 'replace-azure-client',
  description: 'Turn AzureOpenAI clients into plain OpenAI-compatible clients',
  run(ctx) {
    const f = ctx.facts;
    if (!f.azureClass.size && !f.constructions.some((c) => c.azure)) return;
    if (!f.constructions.some((c) => c.azure)) return;
    // Azure clients that cannot be fully migrated stay on Azure, class included.
    if ([...clientPlan(ctx).kept.values()].includes('azure')) return;
    const text = ctx.file.text;
    const existingOpenAI = [...f.openaiClass].find((n) => !f.namespaces.has(n));
    const renames = new Map<string, string>();
    // Import specifiers: import { AzureOpenAI } from 'openai'
    for (const d of f.openaiImports) {
      const nb = d.importClause?.namedBindings;
      if (!nb || !tsc.isNamedImports(nb)) continue;
      nb.elements.forEach((el, i) => {
        const imported = (el.propertyName ?? el.name).text;
        if (imported !== 'AzureOpenAI') return;
        if (existingOpenAI) {
          // drop the specifier; references use the OpenAI binding
          const els = nb.elements;
          if (els.length > 1) {
            if (i < els.length - 1) ctx.edits.add(el.getStart(), els[i + 1]!.getStart(), '');
            else ctx.edits.add(els[i - 1]!.end, el.end, '');
          } else {
            // the whole declaration goes: the class is already imported
            const ls = text.lastIndexOf('\n', d.getStart() - 1) + 1;
            const nl = text.indexOf('\n', d.end);
            ctx.edits.add(ls, nl < 0 ? d.end : nl + 1, '');
          }
          renames.set(el.name.text, existingOpenAI);
        } else if (el.propertyName) {
          ctx.edits.add(el.propertyName.getStart(), el.propertyName.end, 'OpenAI');
        } else {
          ctx.edits.add(el.name.getStart(), el.name.end, 'OpenAI');
          renames.set('AzureOpenAI', 'OpenAI');
        }
        ctx.change('import', el.getStart(), msg('client.importReplaced', { from: 'AzureOpenAI', kind: 'import', to: 'OpenAI' }), { transform: this.id });
      });
    }
    // const { AzureOpenAI } = require('openai')
    walk(ctx.sf, (n) => {
      if (tsc.isBindingElement(n) && tsc.isIdentifier(n.name) && f.azureClass.has(n.name.text) && !n.propertyName) {
        const decl = n.parent.parent;
        if (tsc.isVariableDeclaration(decl) && decl.initializer && /require\(\s*['"]openai['"]\s*\)|import\(\s*['"]openai['"]\s*\)/.test(decl.initializer.getText())) {
          if (existingOpenAI) {
            ctx.edits.add(n.getStart(), n.end, `OpenAI: ${n.name.text}`);
          } else {
            ctx.edits.add(n.name.getStart(), n.name.end, 'OpenAI');
            renames.set(n.name.text, 'OpenAI');
          }
          ctx.change('import', n.getStart(), msg('client.importReplaced', { from: 'AzureOpenAI', kind: 'require', to: 'OpenAI' }), { transform: this.id });
        }
      }
    });
    // References: new AzureOpenAI(...), types, namespace members.
    walk(ctx.sf, (n) => {
      if (tsc.isIdentifier(n) && renames.has(n.text)) {
        const p = n.parent;
        if (tsc.isImportSpecifier(p) || tsc.isBindingElement(p)) return;
        if (tsc.isPropertyAccessExpression(p) && p.name === n) return;
        if (tsc.isPropertyAssignment(p) && p.name === n) return;
        ctx.edits.add(n.getStart(), n.end, renames.get(n.text)!);
      }
      if (tsc.isPropertyAccessExpression(n) && n.name.text === 'AzureOpenAI' && tsc.isIdentifier(n.expression) && f.namespaces.has(n.expression.text)) {
        ctx.edits.add(n.name.getStart(), n.name.end, 'OpenAI');
      }
      if (tsc.isQualifiedName(n) && n.right.text === 'AzureOpenAI' && tsc.isIdentifier(n.left) && f.namespaces.has(n.left.text)) {
        ctx.edits.add(n.right.getStart(), n.right.end, 'OpenAI');
      }
    });
    void text;
  },
};
