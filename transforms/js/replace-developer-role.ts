import { msg } from '../../src/i18n/msg.js';
import { tsc } from '../../src/lang/js/ts.js';
import type { Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { replaceStringContent } from '../../src/lang/js/edit.js';
import { isStringLike, propName, unwrap, walk } from '../../src/lang/js/parse.js';

/** `role: 'developer'` (an OpenAI-only role) becomes `role: 'system'` in files that use OpenAI. */
export const replaceDeveloperRole: Transform<JsContext> = {
  id: 'replace-developer-role',
  description: "Send the OpenAI 'developer' message role as 'system'",
  run(ctx) {
    if (!ctx.usesOpenAI) return;
    const role = ctx.target.provider.params.developerRole;
    walk(ctx.sf, (n) => {
      if (tsc.isPropertyAssignment(n) && propName(n.name) === 'role') {
        const v = unwrap(n.initializer);
        if (isStringLike(v) && v.text === 'developer') {
          replaceStringContent(ctx.edits, v, role);
          ctx.change('role', n.getStart(), msg('client.roleDeveloper', { role }), { transform: this.id });
        }
      }
    });
  },
};
