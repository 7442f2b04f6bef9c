import { msg, type Msg } from '../../i18n/msg.js';
import { statusOfUrl, type ClientStatus } from '../../rules/clients.js';
import { baseUrlVar, envRole, type EnvRole } from '../../rules/env.js';
import type { ResolvedTarget } from '../../providers/index.js';
import type { PyFacts } from './analyze.js';
import { flattenAttr, kids, kwargs, stringValue, unparen, walk, type Node, type PyTree } from './parse.js';

/**
 * pydantic settings classes (`BaseSettings` of pydantic v1 or pydantic-settings): which environment
 * variable each field reads, so that `OpenAI(base_url=settings.openai_base_url, api_key=settings.openai_api_key)`
 * is followed to the variables and defaults behind it.
 *
 * A field reads `<env_prefix><FIELD_NAME>` (case-insensitive by default), or its alias
 * (`alias=` / `validation_alias=` in pydantic-settings, `env=` in pydantic v1), which the prefix does not
 * apply to. The prefix comes from `model_config = SettingsConfigDict(env_prefix="APP_")`,
 * `model_config = {"env_prefix": ...}` or `class Config: env_prefix = ...`.
 */
export interface PySettingsField {
  name: string;
  /** The variable the field reads, upper-cased; undefined when it cannot be told (alias or prefix not a literal). */
  env?: string;
  /** It reads an alias (`alias=`, `validation_alias=`, `env=`), a literal or not. */
  aliased: boolean;
  /** Its default: a string's value, `null` for None, `undefined` when there is none, `false` for another expression. */
  dflt?: string | null | false;
  /** Syntax nodes, for the module that defines the class only (another module's tree may be gone when it is read). */
  nodes?: {
    /** The `name: type [= value]` assignment in the class body. */
    assign: Node;
    /** The default expression: the assigned value, or `Field(default)` / `Field(default=...)`. */
    default?: Node;
    /** The `Field(...)` call, when the value is one. */
    field?: Node;
    /** The string literal naming the variable (`alias=`, `validation_alias=`, `env=`). */
    alias?: Node;
  };
}

export interface PySettingsClass {
  name: string;
  /** The class definition, in the module that defines it (see PySettingsField.nodes). */
  node?: Node;
  /** pydantic v1 (`from pydantic import BaseSettings`): aliases are `env=`. */
  v1: boolean;
  /** Where `Field` comes from for this class (`pydantic`, or `pydantic.v1`). */
  fieldModule: string;
  /** The env prefix ('' when none); undefined when it is not a literal. */
  prefix?: string;
  fields: Map<string, PySettingsField>;
  /** pydantic-settings reads its fields by name as well as by alias (`populate_by_name=True`). */
  byName?: boolean;
  /** Why its key and base-URL fields cannot be moved together (settingsBlocker), computed where it is defined. */
  blocker?: Msg;
  /** The module that defines it (its path in the run; set by the run, src/lang/python/process.ts). */
  origin?: string;
  /**
   * Its module reads a dotenv or secrets file into settings (`env_file=`, `Settings(_env_file=...)`, `secrets_dir`):
   * a variable set there is not in `os.environ`, so a client cannot read the provider's key with an env read instead.
   */
  envFile?: boolean;
}

export interface PySettingsFacts {
  /** Settings classes visible here: defined in this module, or imported from one of the run. */
  classes: Map<string, PySettingsClass>;
  /** Names bound to a settings instance (`settings = Settings()`, `s: Settings`) or to a function returning one (`get_settings`). */
  objects: Map<string, PySettingsClass>;
}

/** The class as another module sees it: plain facts, no syntax nodes. */
export function settingsForImport(cls: PySettingsClass): PySettingsClass {
  return { ...cls, node: undefined, fields: new Map([...cls.fields].map(([k, f]) => [k, { ...f, nodes: undefined }])) };
}

/** Settings classes defined in a module. */
export function settingsClassesOf(py: PyTree, targetHost?: string): Map<string, PySettingsClass> {
  const out = new Map<string, PySettingsClass>();
  // pydantic v1, or its copy inside pydantic 2 (`from pydantic.v1 import BaseSettings`)
  const v1m = /^\s*from\s+(pydantic(?:\.v1)?)\s+import\s+[^\n]*\bBaseSettings\b/m.exec(py.text);
  const v1 = !!v1m;
  const fieldModule = v1m?.[1] ?? 'pydantic';
  walk(py.root, (n) => {
    if (n.type !== 'class_definition') return;
    const supers = n.childForFieldName('superclasses')?.text ?? '';
    const name = n.childForFieldName('name')?.text;
    const body = n.childForFieldName('body');
    // A subclass of a settings class of the same module inherits its prefix and fields.
    const parent = [...out.values()].find((c) => new RegExp(`\\b${c.name}\\b`).test(supers));
    if (!name || !body || (!/\bBaseSettings\b/.test(supers) && !parent)) return;
    const cls: PySettingsClass = { name, node: n, v1, fieldModule, prefix: parent?.prefix ?? '', fields: new Map(parent?.fields ?? []) };
    if (/\b_?(env_file|secrets_dir)\b/.test(py.text)) cls.envFile = true;
    const prefix = prefixOf(body);
    if (prefix !== null) cls.prefix = prefix;
    if (!v1 && readsByName(body)) cls.byName = true;
    for (const st of kids(body)) {
      const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
      if (!a || left?.type !== 'identifier' || !a.childForFieldName('type') || left.text === 'model_config') continue;
      cls.fields.set(left.text, fieldOf(a, left.text, cls));
    }
    cls.blocker = settingsBlocker(cls, targetHost);
    out.set(name, cls);
  });
  return out;
}

/**
 * A setting of the class configuration (`model_config = SettingsConfigDict(...)` or a dict, `class Config:`):
 * its value node, null when it is not set, undefined when the configuration cannot be read (`**base`, a name).
 */
function configOf(body: Node, key: string): Node | null | undefined {
  let found: Node | null | undefined = null;
  for (const st of kids(body)) {
    const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
    if (a?.type === 'assignment' && a.childForFieldName('left')?.text === 'model_config') {
      const r = a.childForFieldName('right');
      const u = r ? unparen(r) : undefined;
      if (u?.type === 'call') {
        const kw = kwargs(u).get(key)?.childForFieldName('value');
        if (kw) found = kw;
        if (kids(u.childForFieldName('arguments')!).some((x) => x.type === 'dictionary_splat')) found = undefined;
      } else if (u?.type === 'dictionary') {
        for (const p of kids(u)) if (p.type === 'pair' && stringValue(p.childForFieldName('key')) === key) found = p.childForFieldName('value');
        if (kids(u).some((x) => x.type === 'dictionary_splat')) found = undefined;
      } else if (u) found = undefined;
    } else if (st.type === 'class_definition' && st.childForFieldName('name')?.text === 'Config') {
      for (const c of kids(st.childForFieldName('body')!)) {
        const ca = c.type === 'expression_statement' ? c.namedChild(0) : null;
        if (ca?.type === 'assignment' && ca.childForFieldName('left')?.text === key) found = ca.childForFieldName('right');
      }
    }
  }
  return found;
}

/** The env prefix a class body sets: a string, undefined when set to something else, null when not set. */
function prefixOf(body: Node): string | undefined | null {
  const v = configOf(body, 'env_prefix');
  return v === null ? null : v ? stringValue(v) : undefined;
}

/**
 * pydantic-settings also reads a field by its name (`<prefix><field>`) beside its alias when the class sets
 * `populate_by_name` / `validate_by_name`: an alias to the provider's variable would leave OPENAI_API_KEY read too.
 */
function readsByName(body: Node): boolean {
  return ['populate_by_name', 'validate_by_name'].some((k) => {
    const v = configOf(body, k);
    return v === undefined || (!!v && unparen(v).type !== 'false');
  });
}

function fieldOf(a: Node, name: string, cls: PySettingsClass): PySettingsField {
  const right = a.childForFieldName('right');
  const nodes: NonNullable<PySettingsField['nodes']> = { assign: a };
  const f: PySettingsField = { name, aliased: false, nodes };
  const u = right ? unparen(right) : undefined;
  if (u?.type === 'call' && /(^|\.)Field$/.test(u.childForFieldName('function')?.text ?? '')) {
    nodes.field = u;
    const kw = kwargs(u);
    const first = kids(u.childForFieldName('arguments')!)[0];
    const d = kw.get('default')?.childForFieldName('value') ?? (first && first.type !== 'keyword_argument' ? first : undefined);
    // `Field(...)` (Ellipsis): required, no default
    if (d && d.type !== 'ellipsis') nodes.default = d;
    const aliasKw = (cls.v1 ? ['env'] : ['validation_alias', 'alias']).map((k) => kw.get(k)).find(Boolean);
    if (aliasKw) {
      f.aliased = true;
      const v = aliasKw.childForFieldName('value')!;
      const s = stringValue(v);
      if (s !== undefined) {
        nodes.alias = v;
        f.env = s.toUpperCase();
      }
    }
  } else if (u) nodes.default = u;
  if (nodes.default) f.dflt = unparen(nodes.default).type === 'none' ? null : (stringValue(nodes.default) ?? false);
  if (!f.aliased && cls.prefix !== undefined) f.env = (cls.prefix + name).toUpperCase();
  return f;
}

/**
 * What a field holds for a client: 'key' or 'baseURL' by the variable it reads or, when that carries an app prefix
 * (`APP_OPENAI_API_KEY`), by its name (`openai_api_key`).
 */
export function settingsRole(fld: PySettingsField): EnvRole | undefined {
  // a literal alias that names no OpenAI variable (`alias="LLM_KEY"`) says nothing about the field
  return (fld.env ? envRole(fld.env) : undefined) ?? (fld.aliased && fld.env ? undefined : envRole(fld.name.toUpperCase()));
}

const isAzure = (fld: PySettingsField) => /AZURE/i.test(fld.env ?? fld.name);

/** Settings objects of a module: instances and the functions that return one, from the classes it sees. */
export function settingsObjectsOf(py: PyTree, classes: Map<string, PySettingsClass>, seeded?: Map<string, PySettingsClass>): Map<string, PySettingsClass> {
  const out = new Map(seeded ?? []);
  if (!classes.size && !out.size) return out;
  const clsOf = (e: Node | null | undefined): PySettingsClass | undefined => {
    if (!e) return undefined;
    const u = unparen(e);
    if (u.type === 'call') {
      const fn = u.childForFieldName('function');
      if (fn?.type === 'identifier') return classes.get(fn.text) ?? out.get(fn.text);
    }
    if (u.type === 'identifier') return out.get(u.text);
    return undefined;
  };
  for (let round = 0; round < 2; round++) {
    walk(py.root, (n) => {
      if (n.type === 'assignment') {
        const left = n.childForFieldName('left');
        const c = clsOf(n.childForFieldName('right'));
        const typed = n.childForFieldName('type')?.text;
        const cls = c ?? (typed ? classes.get(typed) : undefined);
        if (left?.type === 'identifier' && cls) out.set(left.text, cls);
        // `self.settings = settings` in a method, `settings: Settings` in a class body: `self.settings.<field>`
        else if (left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self' && cls) out.set(`self.${left.childForFieldName('attribute')!.text}`, cls);
        if (left?.type === 'identifier' && cls && n.parent?.parent?.parent?.type === 'class_definition') out.set(`self.${left.text}`, cls);
      } else if (n.type === 'typed_parameter' || n.type === 'typed_default_parameter') {
        const name = n.type === 'typed_parameter' ? n.namedChild(0) : n.childForFieldName('name');
        const c = classes.get(n.childForFieldName('type')?.text ?? '');
        if (name?.type === 'identifier' && c) out.set(name.text, c);
      } else if (n.type === 'function_definition') {
        const name = n.childForFieldName('name')?.text;
        const ret = classes.get(n.childForFieldName('return_type')?.text ?? '');
        let c: PySettingsClass | undefined = ret;
        walk(n.childForFieldName('body')!, (m) => {
          if (m.type === 'function_definition' || m.type === 'class_definition') return false;
          if (m.type === 'return_statement') c = clsOf(m.namedChild(0)) ?? c;
        });
        if (name && c) out.set(name, c);
      }
    });
  }
  return out;
}

/** `settings.openai_base_url`, `get_settings().openai_api_key`, `self.settings.openai_base_url`, `s.openai_api_key.get_secret_value()` -> the class and field read. */
export function settingsFieldOf(s: PySettingsFacts | undefined, e: Node): { cls: PySettingsClass; field: PySettingsField } | undefined {
  if (!s?.objects.size) return undefined;
  let u = unparen(e);
  // a SecretStr field: `settings.openai_api_key.get_secret_value()`
  const fn = u.type === 'call' ? u.childForFieldName('function') : null;
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get_secret_value' && !kids(u.childForFieldName('arguments')!).length) u = unparen(fn.childForFieldName('object')!);
  if (u.type !== 'attribute') return undefined;
  const { base, names } = flattenAttr(u);
  let cls: PySettingsClass | undefined;
  if (names.length === 2 && base.type === 'identifier' && base.text === 'self') cls = s.objects.get(`self.${names[0]}`);
  else if (names.length !== 1) return undefined;
  else if (base.type === 'identifier') cls = s.objects.get(base.text);
  else if (base.type === 'call') {
    const fn = base.childForFieldName('function');
    if (fn?.type === 'identifier' && !kids(base.childForFieldName('arguments')!).length) cls = s.objects.get(fn.text);
  }
  const field = cls?.fields.get(names[names.length - 1]!);
  return cls && field ? { cls, field } : undefined;
}

/** Why the key and base-URL fields of a class cannot be moved by text edits together, or undefined when they can. */
function settingsBlocker(cls: PySettingsClass, targetHost?: string): Msg | undefined {
  if (cls.prefix === undefined) return msg('settings.blocker.prefix');
  const moved = [...cls.fields.values()].some((f) => ['key', 'baseURL'].includes(settingsRole(f) ?? '') && !isAzure(f));
  if (moved && cls.byName) return msg('settings.blocker.byName');
  for (const fld of cls.fields.values()) {
    const role = settingsRole(fld);
    if ((role !== 'key' && role !== 'baseURL') || isAzure(fld)) continue;
    if (!fld.env) return msg('settings.blocker.envName', { field: fld.name });
    if (role === 'baseURL' && fld.dflt === false) return msg('settings.blocker.default', { field: fld.name });
    if (role === 'baseURL' && typeof fld.dflt === 'string' && statusOfUrl(fld.dflt, targetHost) !== 'target' && !/^https?:\/\/api\.openai\.com\/v1\/?$/.test(fld.dflt))
      return msg('settings.blocker.defaultUrl', { field: fld.name, url: fld.dflt });
  }
  return undefined;
}

/** Where a client whose base URL is a settings field sends its requests. */
export function settingsUrlStatus(cls: PySettingsClass, fld: PySettingsField, targetHost?: string): ClientStatus {
  const st = typeof fld.dflt === 'string' ? statusOfUrl(fld.dflt, targetHost) : undefined;
  if (settingsRole(fld) !== 'baseURL') return st ?? 'unresolved';
  if (isAzure(fld)) return 'azure';
  // another service's default (an OpenRouter field) is not OpenAI usage
  if (cls.blocker) return st === 'other' || st === 'target' ? st : 'unresolved';
  // no default, or None: the SDK's own (OPENAI_BASE_URL, else api.openai.com)
  return st ?? 'openai';
}

/** The provider variable a base-URL field reads once moved: `DEEPSEEK_BASE_URL` (a bundler prefix of its variable kept). */
export function settingsBaseVar(fld: PySettingsField, t: ResolvedTarget): string {
  return baseUrlVar(fld.env && envRole(fld.env) === 'baseURL' ? fld.env : 'OPENAI_BASE_URL', t);
}

/** Does the module define a settings class with an OpenAI key or base-URL field that moves (not Azure, not blocked)? */
export function definesOpenAISettings(f: PyFacts): boolean {
  return [...f.settings.classes.values()].some((c) => c.node && !c.blocker && [...c.fields.values()].some((fl) => ['key', 'baseURL'].includes(settingsRole(fl) ?? '') && !isAzure(fl)));
}
