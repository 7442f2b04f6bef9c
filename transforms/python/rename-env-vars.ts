import { msg } from '../../src/i18n/msg.js';
import { quote } from '../../src/engine/text.js';
import type { MigrateContext, Transform } from '../../src/engine/types.js';
import type { PyContext } from '../../src/lang/python/context.js';
import { envRead, reachesOpenAI } from '../../src/lang/python/analyze.js';
import { addItems } from '../../src/lang/python/edit.js';
import { appMovesKeys, pyAppDir, fieldKey, inKeptPyClient, inKeptSettingsClass, isKeptBaseDefault, isKeptKeyName, isKeptSettingsClass } from '../../src/lang/python/client-plan.js';
import { kwargs, stringContentRange, stringValue, walk, type Node } from '../../src/lang/python/parse.js';
import { foreignLlmCall, isChildProcessEnv } from '../../src/lang/python/wrappers.js';
import { settingsBaseVar, settingsClassesOf, settingsRole, type PySettingsClass, type PySettingsField } from '../../src/lang/python/settings.js';
import { baseUrlLit, needImport } from '../../src/lang/python/helpers.js';
import { baseUrlVar, envRole, isCanonicalKeyName, renamedKeyVar } from '../../src/rules/env.js';

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
    // No client of the run moves to the provider (hosts unresolved, Azure keys that cannot move): every key read stays.
    // Nor does any in this module's app (a CrewAI app in a monorepo of OpenAI apps: its key feeds CrewAI, on OpenAI).
    const noneMoves = ctx.keptSettings?.migrates === false || !appMovesKeys(ctx);
    if (noneMoves) keysStay(ctx);
    const inMigratedClient = (n: Node) =>
      ctx.facts.constructions.some((c) => reachesOpenAI(c.status) && py.start(n) >= py.start(c.node) && py.end(n) <= py.end(c.node)) ||
      ctx.wrappers.uses.some((u) => reachesOpenAI(u.status) && py.start(n) >= py.start(u.node) && py.end(n) <= py.end(u.node));
    const handled = new Set<number>();
    const rename = (lit: Node, name: string) => {
      if (noneMoves) return;
      const to = renamedKeyVar(name, t);
      const r = stringContentRange(py, lit);
      if (!to || to === name || !r) return;
      // A key name a client that stays reads (here or in another module) keeps its name outside migrated clients,
      // and so does the key handed to another framework's model class (CrewAI's `LLM(model="gpt-4o", api_key=...)`,
      // litellm, DSPy: they route an OpenAI id to OpenAI, which the migration leaves them doing).
      if ((isKeptKeyName(ctx, name) || keyOfForeignLlm(ctx, lit)) && !inMigratedClient(lit)) {
        ctx.followUp(py.start(lit), msg('env.readByKeptClient', { name }), msg('env.readByKeptClient.todo', { to }));
        return;
      }
      ctx.edits.add(r.start, r.end, to);
      ctx.change('env', py.start(lit), msg('env.renamed', { from: name, to }), { transform: this.id, from: name, to });
    };
    walk(py.root, (n) => {
      // A client that stays on OpenAI / Azure keeps its key.
      if (inKeptPyClient(ctx, n)) return false;
      // Another process's environment (an MCP server's `"env": {"OPENAI_API_KEY": ...}`): that program reads its own names.
      if (isChildProcessEnv(n)) {
        // Said at each OpenAI key it reads for that program (where the gate points).
        walk(n, (x) => {
          const env = x.type === 'subscript' || x.type === 'call' ? envRead(x) : undefined;
          if (env && envRole(env.name) === 'key' && renamedKeyVar(env.name, t)) ctx.followUp(py.start(x), msg('env.childProcess', { name: env.name }), msg('env.childProcess.todo'));
        });
        return false;
      }
      if (n.type === 'subscript' || n.type === 'call') {
        const env = envRead(n);
        if (!env) return;
        handled.add(env.nameNode.id);
        const role = envRole(env.name);
        if (role === 'key') rename(env.nameNode, env.name);
        else if (role === 'baseURL' && !noneMoves && !inMigratedClient(n) && !isAssignmentTarget(n) && !ctx.edits.overlaps(py.start(n), py.end(n)) && openAIDefault(ctx, env.fallback)) {
          // `os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1")` outside a client (a config module's constant or
          // dataclass): its default becomes the provider's URL (retarget-raw-http), so its variable moves with it,
          // as the key read does; else an OPENAI_BASE_URL set to OpenAI would take the provider's key there.
          const to = baseUrlVar(env.name, t);
          const r = stringContentRange(py, env.nameNode);
          if (r && to !== env.name) {
            ctx.edits.add(r.start, r.end, to);
            ctx.change('env', py.start(env.nameNode), `${env.name} -> ${to}`, { transform: this.id, from: env.name, to });
          }
        }
        // (A read another transform rewrote already, `openai.base_url = os.environ['OPENAI_API_BASE']` kept as the provider's override, is not one.)
        else if ((role === 'baseURL' || role === 'org') && !inMigratedClient(n) && !isAssignmentTarget(n) && !ctx.edits.overlaps(py.start(n), py.end(n))) {
          ctx.followUp(
            py.start(n),
            msg('envRead.openaiSetting', { name: env.name }),
            role !== 'baseURL' ? msg('envRead.openaiSetting.todoRemove') : noneMoves ? msg('env.baseUrlRead.todo', { url: t.baseURL }) : msg('envRead.openaiSetting.todoUse', { url: t.baseURL }),
          );
        }
        return;
      }
      if (n.type === 'string' && !handled.has(n.id)) {
        const v = stringValue(n);
        // Outside environment reads, only the SDK's own variable names (`OPENAI_API_KEY`), and never a field name a
        // pydantic validator lists (the field keeps its name): `"OPENAI_KEY": re.compile(...)` is a label, and
        // `@field_validator("OPENAI_API_KEY")` renamed fails at import (arc53/DocsGPT).
        if (v !== undefined && renamedKeyVar(v, t) && (isCanonicalKeyName(v) || isEnvName(n)) && !validatorField(n)) rename(n, v);
        else if (v !== undefined && !noneMoves && ctx.keptSettings?.movedBases?.has(v) && isEnvName(n)) {
          const to = baseUrlVar(v, t);
          const r = stringContentRange(py, n);
          if (r && to !== v) {
            ctx.edits.add(r.start, r.end, to);
            ctx.change('env', py.start(n), `${v} -> ${to}`, { transform: this.id, from: v, to });
          }
        }
        // f"Bearer {os.environ['OPENAI_API_KEY']}": the reads inside an f-string's interpolations
        return n.namedChildren.some((c) => c?.type === 'interpolation');
      }
    });
    if (noneMoves) return;
    for (const cls of settingsClassesOf(py, ctx.targetHost).values()) {
      // the module that defines it, as the run named it (PySettingsClass.origin)
      cls.origin = ctx.facts.settings.classes.get(cls.name)?.origin;
      settingsClass(ctx, cls, this.id);
    }
    settingsByName(ctx, this.id);
  },
};

/**
 * The run moves no client to the provider, so OPENAI_API_KEY keeps feeding the clients that stay on OpenAI: renamed
 * alone it would send the provider's key there (kharvd/gpt-cli: a dataclass field read `OPENAI_API_KEY`, the client
 * `OpenAI(api_key=api_key or openai.api_key, base_url=base_url or openai.base_url)`). One follow-up, at the first read.
 */
function keysStay(ctx: MigrateContext<PyContext>): void {
  let first: { at: number; name: string } | undefined;
  walk(ctx.py.root, (n) => {
    if (first) return false;
    const env = n.type === 'subscript' || n.type === 'call' ? envRead(n) : undefined;
    const name = env?.name ?? (n.type === 'string' ? stringValue(n) : undefined);
    if (name && envRole(name) === 'key' && renamedKeyVar(name, ctx.target)) first = { at: ctx.py.start(n), name };
  });
  if (!first) return;
  // The run moves something, but not in this module's app (appMovesKeys).
  const app = ctx.keptSettings?.migrates !== false ? pyAppDir(ctx.file.abs, ctx.file.rel) : '';
  if (app) ctx.followUp(first.at, msg('keys.noMigratedClientInApp', { name: first.name, app }), msg('keys.noMigratedClientInApp.todo', { url: ctx.target.baseURL, env: ctx.target.apiKeyEnv }));
  else ctx.followUp(first.at, msg('keys.noMigratedClient', { name: first.name }), msg('keys.noMigratedClient.todo', { url: ctx.target.baseURL, env: ctx.target.apiKeyEnv }));
}

/** A string naming an environment variable: `monkeypatch.setenv("X", ...)`, `delenv("X")`, `os.environ["X"] = ...`, `patch.dict(os.environ, {"X": ...})`. */
function isEnvName(n: Node): boolean {
  const p = n.parent;
  // Field(validation_alias="MY_OPENAI_KEY"), Field(env="..."), AliasChoices("A", "B"), userdata.get("..."), config("...")
  if (p?.type === 'keyword_argument' && /^(alias|validation_alias|env)$/.test(p.childForFieldName('name')?.text ?? '')) return true;
  const fn = p?.type === 'argument_list' ? (p.parent?.childForFieldName('function')?.text ?? '') : '';
  if (/(^|\.)AliasChoices$/.test(fn)) return true;
  if (/(^|\.)(get|config)$/.test(fn) && p!.namedChildren[0]?.id === n.id) return true;
  if (p?.type === 'argument_list' && p.namedChildren[0]?.id === n.id) return /(^|\.)(setenv|delenv|putenv|unsetenv)$/.test(p.parent?.childForFieldName('function')?.text ?? '');
  if (p?.type === 'subscript') return /(^|\.)environ$/.test(p.childForFieldName('value')?.text ?? '');
  if (p?.type === 'pair' && p.childForFieldName('key')?.id === n.id) return /environ/.test(p.parent?.parent?.text ?? '');
  return false;
}

/** A field name given to a pydantic validator or serializer decorator (`@field_validator("OPENAI_API_KEY", mode="before")`). */
function validatorField(n: Node): boolean {
  const call = n.parent?.type === 'argument_list' ? n.parent.parent : undefined;
  return /(^|\.)(field_validator|validator|field_serializer|root_validator)$/.test(call?.childForFieldName('function')?.text ?? '');
}

function isAssignmentTarget(n: Node): boolean {
  return n.parent?.type === 'assignment' && n.parent.childForFieldName('left')?.id === n.id;
}

/** The default of a base-URL read is the OpenAI API URL, which retarget-raw-http moves to the provider (not a kept client's). */
function openAIDefault(ctx: MigrateContext<PyContext>, fallback: Node | undefined): boolean {
  const s = fallback ? stringValue(fallback) : undefined;
  return s !== undefined && /^https:\/\/api\.openai\.com\/v1\/?$/.test(s) && !isKeptBaseDefault(ctx, fallback!) && !inKeptSettingsClass(ctx, fallback!);
}

/** The key and base-URL fields a settings class moves (rename-env-vars), with the variable each reads then. */
function movedFields(ctx: MigrateContext<PyContext>, cls: PySettingsClass): Array<{ f: PySettingsField; to: string }> {
  const t = ctx.target;
  const fields = [...cls.fields.values()].filter((f) => !/AZURE/i.test(f.env ?? f.name));
  const keys = fields.filter((f) => settingsRole(f) === 'key');
  const bases = fields.filter((f) => settingsRole(f) === 'baseURL' && !ctx.keptSettings?.azureEndpoints?.has(fieldKey(cls, f.name)));
  if (cls.blocker || isKeptSettingsClass(ctx, cls) || keys.some((f) => f.env && isKeptKeyName(ctx, f.env))) return [];
  return [...keys.map((f) => ({ f, to: t.apiKeyEnv })), ...bases.map((f) => ({ f, to: settingsBaseVar(f, t) }))];
}

/**
 * `Settings(openai_api_key="sk-test")` (a test's settings): once the field reads the provider's variable through
 * `validation_alias`, pydantic 2 takes it under that name only, so the keyword follows (`DEEPSEEK_API_KEY="sk-test"`;
 * BaseSettings accepts any keyword). pydantic v1 `env=` does not change the keyword.
 */
function settingsByName(ctx: MigrateContext<PyContext>, id: string): void {
  const py = ctx.py;
  walk(py.root, (n) => {
    if (n.type !== 'call') return;
    const fn = n.childForFieldName('function');
    const cls = fn?.type === 'identifier' ? ctx.facts.settings.classes.get(fn.text) : undefined;
    if (!cls || cls.v1) return;
    const moved = movedFields(ctx, cls);
    for (const [name, kw] of kwargs(n)) {
      const m = moved.find((x) => x.f.name === name && !x.f.aliased);
      const key = kw.childForFieldName('name');
      if (!m || !key) continue;
      ctx.edits.add(py.start(key), py.end(key), m.to);
      ctx.change('env', py.start(key), msg('settings.keywordRenamed', { cls: cls.name, name, to: m.to }), {
        transform: id,
        from: name,
        to: m.to,
      });
    }
  });
}

/**
 * pydantic settings classes (src/lang/python/settings.ts): the key and base-URL fields move together or not at all.
 * A key field keeps its name and reads the provider's key variable through `validation_alias` (pydantic-settings)
 * or `env` (pydantic v1), which the class's `env_prefix` does not apply to; a base-URL field
 * (`openai_base_url: str = "https://api.openai.com/v1"`) reads the provider's base-URL variable with the
 * provider's URL as its default (its OpenAI default is rewritten with the file's URLs), so an OPENAI_BASE_URL
 * still set in the environment cannot send the provider's key to OpenAI. Prefixed variables
 * (`APP_OPENAI_API_KEY`) are passed on to the env-file handler, which renames their `.env*` entries.
 * A class whose fields cannot all be moved (a computed prefix, alias or default, another service's URL) is left
 * with one follow-up.
 */
function settingsClass(ctx: MigrateContext<PyContext>, cls: PySettingsClass, id: string): void {
  const t = ctx.target;
  const py = ctx.py;
  const fields = [...cls.fields.values()].filter((f) => f.nodes && py.start(f.nodes.assign) >= py.start(cls.node!) && py.end(f.nodes.assign) <= py.end(cls.node!));
  const keys = fields.filter((f) => settingsRole(f) === 'key' && !/AZURE/i.test(f.env ?? f.name));
  const bases = fields.filter((f) => settingsRole(f) === 'baseURL' && !/AZURE/i.test(f.env ?? f.name) && !ctx.keptSettings?.azureEndpoints?.has(fieldKey(cls, f.name)));
  if (!keys.length && !bases.length) return;
  // A client that stays (here or in another module) reads these settings.
  if (isKeptSettingsClass(ctx, cls) || keys.some((f) => f.env && isKeptKeyName(ctx, f.env))) return;
  if (cls.blocker) {
    const names = [...keys, ...bases].map((f) => f.name).join(', ');
    ctx.followUp(py.start(cls.node!), msg('settings.leftAsIs', { cls: cls.name, why: cls.blocker, names }), msg('settings.leftAsIs.todo', { names, env: t.apiKeyEnv, url: t.baseURL }));
    return;
  }
  const aliasKw = cls.v1 ? 'env' : 'validation_alias';
  const move = (f: PySettingsField, to: string, withDefault: boolean) => {
    const n = f.nodes!;
    const right = n.assign.childForFieldName('right');
    const lit = quote(to, ctx.q);
    const url = baseUrlLit(ctx);
    if (n.field) {
      const add: string[] = [];
      // the provider's URL replaces a None default, or is added
      if (withDefault && n.default) ctx.edits.add(py.start(n.default), py.end(n.default), url);
      else if (withDefault) add.push(`default=${url}`);
      if (!n.alias) add.push(`${aliasKw}=${lit}`);
      // Field(alias="OPENAI_API_KEY") is renamed as a string by the walk above
      else if (!renamedKeyVar(stringValue(n.alias) ?? '', t)) {
        const r = stringContentRange(py, n.alias)!;
        ctx.edits.add(r.start, r.end, to);
      }
      addItems(py, ctx.edits, n.field.childForFieldName('arguments')!, add);
    } else if (right && !withDefault) {
      // Inserted around the value: an OpenAI URL in it is rewritten by retarget-raw-http.
      ctx.edits.add(py.start(right), py.start(right), 'Field(default=');
      ctx.edits.add(py.end(right), py.end(right), `, ${aliasKw}=${lit})`);
    } else if (right) ctx.edits.add(py.start(right), py.end(right), `Field(default=${url}, ${aliasKw}=${lit})`);
    else ctx.edits.add(py.end(n.assign), py.end(n.assign), ` = Field(${withDefault ? `default=${url}, ` : ''}${aliasKw}=${lit})`);
    if (!n.field) needImport(ctx, `from ${cls.fieldModule} import Field`, 'Field', py.start(cls.node!));
    if (f.env && !envRole(f.env)) ctx.settingsEnv.set(f.env, settingsRole(f)!);
    const from = f.env ?? f.name.toUpperCase();
    ctx.change('env', py.start(n.assign), msg('settings.fieldReads', { field: f.name, to, from, kw: aliasKw }), { transform: id, from, to });
  };
  for (const f of keys) move(f, t.apiKeyEnv, false);
  // no default, or None: the SDK would fall back to OPENAI_BASE_URL / api.openai.com
  for (const f of bases) move(f, settingsBaseVar(f, t), !f.dflt);
}

/** Is the string `lit` (an environment variable name) read as the key argument of another framework's model class (foreignLlmCall)? */
function keyOfForeignLlm(ctx: PyContext, lit: Node): boolean {
  let n: Node | null = lit.parent;
  for (let i = 0; n && i < 4 && n.type !== 'keyword_argument'; i++) n = n.parent;
  if (n?.type !== 'keyword_argument' || !/api_key$/.test(n.childForFieldName('name')?.text ?? '')) return false;
  const call = n.parent?.parent;
  return call?.type === 'call' && foreignLlmCall(ctx.facts, call);
}
