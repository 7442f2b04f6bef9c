import { quote } from '../../src/engine/text.js';
import type { MigrateContext, Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { envRead, reachesOpenAI } from '../../src/lang/python/analyze.js';
import { addItems } from '../../src/lang/python/edit.js';
import { needImport } from '../../src/lang/python/helpers.js';
import { inKeptPyClient, isKeptKeyName } from '../../src/lang/python/client-plan.js';
import { kids, kwargs, stringContentRange, stringValue, walk, type Node } from '../../src/lang/python/parse.js';
import { baseUrlVar, envRole, renamedKeyVar } from '../../src/rules/env.js';

/**
 * OpenAI key variables read in code become the provider's key variable:
 * `os.environ["OPENAI_API_KEY"]`, `os.getenv(...)`, `os.environ.get(...)`,
 * assignments to `os.environ[...]`, and any other string literal naming the
 * variable (settings `env=` / aliases, Colab `userdata.get(...)`). Pydantic
 * settings fields named `openai_api_key` (read from OPENAI_API_KEY by field
 * name) keep their name and read the provider variable through
 * `validation_alias` (pydantic-settings) or `env` (pydantic v1). Base-URL and
 * organisation variables read outside a migrated client are follow-ups.
 */
export const renameEnvVars: Transform<PyContext> = {
  id: 'rename-env-vars',
  description: "Read the provider's key variable instead of OPENAI_API_KEY",
  run(ctx) {
    const t = ctx.target;
    const py = ctx.py;
    const inMigratedClient = (n: Node) =>
      ctx.facts.constructions.some((c) => reachesOpenAI(c.status) && py.start(n) >= py.start(c.node) && py.end(n) <= py.end(c.node)) ||
      ctx.wrappers.uses.some((u) => reachesOpenAI(u.status) && py.start(n) >= py.start(u.node) && py.end(n) <= py.end(u.node));
    const handled = new Set<number>();
    const rename = (lit: Node, name: string) => {
      const to = renamedKeyVar(name, t);
      const r = stringContentRange(py, lit);
      if (!to || to === name || !r) return;
      // A key name a client that stays reads (here or in another module) keeps its name outside migrated clients.
      if (isKeptKeyName(ctx, name) && !inMigratedClient(lit)) {
        ctx.followUp(
          py.start(lit),
          `${name} is read by a client that stays as it is (host not resolved, or another service)`,
          `leave it until that client moves; then rename it to ${to} together with its base URL`,
        );
        return;
      }
      ctx.edits.add(r.start, r.end, to);
      ctx.change('env', py.start(lit), `${name} -> ${to}`, { transform: this.id, from: name, to });
    };
    walk(py.root, (n) => {
      // A client that stays on OpenAI / Azure keeps its key.
      if (inKeptPyClient(ctx, n)) return false;
      if (n.type === 'subscript' || n.type === 'call') {
        const env = envRead(n);
        if (!env) return;
        handled.add(env.nameNode.id);
        const role = envRole(env.name);
        if (role === 'key') rename(env.nameNode, env.name);
        else if ((role === 'baseURL' || role === 'org') && !inMigratedClient(n) && !isAssignmentTarget(n)) {
          ctx.followUp(py.start(n), `reads ${env.name}, an OpenAI setting`, role === 'baseURL' ? `use ${t.baseURL} (the migrated clients already do)` : 'remove it: the provider does not use it');
        }
        return;
      }
      if (n.type === 'string' && !handled.has(n.id)) {
        const v = stringValue(n);
        if (v !== undefined && renamedKeyVar(v, t)) rename(n, v);
        return false;
      }
      if (n.type === 'class_definition') settingsClass(ctx, n, this.id);
    });
  },
};

function isAssignmentTarget(n: Node): boolean {
  return n.parent?.type === 'assignment' && n.parent.childForFieldName('left')?.id === n.id;
}

/** pydantic BaseSettings subclasses: fields read from env by their name. */
function settingsClass(ctx: MigrateContext<PyContext>, cls: Node, id: string): void {
  const t = ctx.target;
  const py = ctx.py;
  const supers = cls.childForFieldName('superclasses')?.text ?? '';
  if (!/\bBaseSettings\b/.test(supers)) return;
  const body = cls.childForFieldName('body');
  if (!body) return;
  const v1 = /^\s*from\s+pydantic\s+import\s+[^\n]*\bBaseSettings\b/m.test(py.text);
  const prefixed = /env_prefix\s*[=:]\s*['"][^'"]/.test(py.src(body));
  let keyMoved = false;
  const bases: Node[] = [];
  for (const st of kids(body)) {
    const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    if (left?.type === 'identifier' && envRole(left.text.toUpperCase()) === 'baseURL' && !/AZURE/i.test(left.text)) bases.push(a);
    if (left?.type !== 'identifier' || envRole(left.text.toUpperCase()) !== 'key') continue;
    const to = renamedKeyVar(left.text.toUpperCase(), t)!;
    if (isKeptKeyName(ctx, left.text.toUpperCase())) continue;
    if (prefixed) {
      ctx.followUp(py.start(a), `settings field ${left.text} reads a prefixed OpenAI key variable`, `point it at ${to}`);
      continue;
    }
    const right = a.childForFieldName('right');
    const aliasKw = v1 ? 'env' : 'validation_alias';
    const lit = quote(to, ctx.q);
    if (right?.type === 'call' && /(^|\.)Field$/.test(right.childForFieldName('function')?.text ?? '')) {
      const kw = kwargs(right);
      if (kw.has('alias') || kw.has('validation_alias') || kw.has('env')) continue; // a string literal alias is renamed as a string
      const args = right.childForFieldName('arguments')!;
      addItems(py, ctx.edits, args, [`${aliasKw}=${lit}`]);
    } else if (right) {
      ctx.edits.add(py.start(right), py.end(right), `Field(default=${py.src(right)}, ${aliasKw}=${lit})`);
      needImport(ctx, 'from pydantic import Field', 'Field', py.start(cls));
    } else {
      ctx.edits.add(py.end(a), py.end(a), ` = Field(${aliasKw}=${lit})`);
      needImport(ctx, 'from pydantic import Field', 'Field', py.start(cls));
    }
    ctx.change('env', py.start(a), `settings field ${left.text} now reads ${to} (${aliasKw}); its name stays, so code using it keeps working`, { transform: id, from: left.text.toUpperCase(), to });
    keyMoved = true;
  }
  // The base-URL override of the same settings (`openai_base_url: str = "https://api.openai.com/v1"`) moves
  // with the key: it reads the provider's variable (its OpenAI default is rewritten with the file's URLs),
  // so an OPENAI_BASE_URL still set in the environment cannot send the provider's key to OpenAI.
  for (const a of keyMoved ? bases : []) {
    const left = a.childForFieldName('left')!;
    const right = a.childForFieldName('right');
    const to = baseUrlVar(left.text.toUpperCase(), t);
    const aliasKw = v1 ? 'env' : 'validation_alias';
    const lit = quote(to, ctx.q);
    if (right?.type === 'call' && /(^|\.)Field$/.test(right.childForFieldName('function')?.text ?? '')) {
      const kw = kwargs(right);
      if (kw.has('alias') || kw.has('validation_alias') || kw.has('env')) continue;
      addItems(py, ctx.edits, right.childForFieldName('arguments')!, [`${aliasKw}=${lit}`]);
    } else if (right && stringValue(right) !== undefined) {
      ctx.edits.add(py.start(right), py.start(right), 'Field(default=');
      ctx.edits.add(py.end(right), py.end(right), `, ${aliasKw}=${lit})`);
      needImport(ctx, 'from pydantic import Field', 'Field', py.start(cls));
    } else continue;
    ctx.change('env', py.start(a), `settings field ${left.text} now reads ${to} (${aliasKw}); its name stays, so code using it keeps working`, { transform: id, from: left.text.toUpperCase(), to });
  }
}
