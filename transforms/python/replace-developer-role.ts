import { msg } from '../../src/i18n/msg.js';
import type { Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { stringContentRange, stringValue, walk } from '../../src/lang/python/parse.js';

/** `{"role": "developer"}` / `role="developer"` (an OpenAI-only role) becomes `system` in files that use OpenAI. */
export const replaceDeveloperRole: Transform<PyContext> = {
  id: 'replace-developer-role',
  description: "Send the OpenAI 'developer' message role as 'system'",
  run(ctx) {
    if (!ctx.usesOpenAI) return;
    const role = ctx.target.provider.params.developerRole;
    walk(ctx.py.root, (n) => {
      let key: string | undefined;
      let value = null;
      if (n.type === 'pair') {
        key = stringValue(n.childForFieldName('key'));
        value = n.childForFieldName('value');
      } else if (n.type === 'keyword_argument') {
        key = n.childForFieldName('name')?.text;
        value = n.childForFieldName('value');
      }
      if (key !== 'role' || !value || stringValue(value) !== 'developer') return;
      const r = stringContentRange(ctx.py, value);
      if (!r) return;
      ctx.edits.add(r.start, r.end, role);
      ctx.change('role', ctx.py.start(n), msg('client.roleDeveloper', { role }), { transform: this.id });
    });
  },
};
