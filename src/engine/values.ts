import { UsageError } from '../errors.js';
import picomatch from 'picomatch';

/**
 * Every value the tool writes into a user's code or config (a model id, a base
 * URL, an environment variable name) passes two gates:
 *
 * 1. Validation where it enters (flags, the config file, provider profiles):
 *    model ids hold only letters, digits and `. - _ : / @ +`; variable names are
 *    `[A-Z_][A-Z0-9_]*`; URLs parse and use `https:` (or `http:` to a loopback
 *    host). Anything else is `E_BAD_VALUE` (exit 2), naming the flag or key and
 *    the allowed form, before a file is read.
 * 2. One writer, `stringContent` / `stringLiteral`, that escapes a value for the
 *    string syntax it lands in (JS/TS quotes and template literals, Python
 *    strings incl. raw and f-strings, JSON, YAML, TOML, .env values) and refuses
 *    (`UnsafeValueError`) where the syntax has no escape for it. So even a value
 *    that slipped past validation can only ever be data, never code or a new key.
 */

export const MODEL_ID = /^[A-Za-z0-9._:/@+-]{1,200}$/;
export const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;
const MODEL_FORM = 'letters, digits and . - _ : / @ + only (at most 200 characters)';
const ENV_FORM = 'upper-case letters, digits and _ ([A-Z_][A-Z0-9_]*)';
const URL_FORM = 'an https:// URL (http:// only for localhost / 127.0.0.1 / [::1])';

/** Show a rejected value safely in a message: control characters escaped, long values cut. */
export function showValue(v: string): string {
  const s = JSON.stringify(v.length > 80 ? v.slice(0, 80) + '…' : v);
  return s;
}

export function badValue(where: string, value: string, form: string): UsageError {
  return new UsageError('E_BAD_VALUE', `${where}: ${showValue(value)} is not allowed; use ${form}`);
}

/** A model id from a flag or the config file (`where` names it: `--model`, `.openai-migrate.json "models"`). */
export function validateModelId(value: string, where: string): string {
  if (typeof value !== 'string' || !MODEL_ID.test(value)) throw badValue(where, String(value), MODEL_FORM);
  return value;
}

export function validateEnvName(value: string, where: string): string {
  if (typeof value !== 'string' || !ENV_NAME.test(value)) throw badValue(where, String(value), ENV_FORM);
  return value;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** A base URL: parsed, `https:` or loopback `http:`, no credentials, no whitespace or quotes. */
export function validateUrl(value: string, where: string): string {
  let u: URL;
  if (typeof value !== 'string' || /[\s"'`\\<>{}]/.test(value) || /[\u0000-\u001f\u007f]/.test(value)) throw badValue(where, String(value), URL_FORM);
  try {
    u = new URL(value);
  } catch {
    throw badValue(where, value, URL_FORM);
  }
  const ok = u.protocol === 'https:' || (u.protocol === 'http:' && (LOOPBACK.has(u.hostname) || /^127\./.test(u.hostname)));
  // Credentials in the URL are never echoed back.
  if (!ok || u.username || u.password) throw badValue(where, value.replace(/\/\/[^/@\s]*@/, '//***@'), URL_FORM);
  return value;
}

/** Thrown by the writer when a value cannot be written safely in that string syntax (the file is left unchanged). */
export class UnsafeValueError extends Error {
  readonly code = 'E_BAD_VALUE';
  constructor(
    readonly value: string,
    readonly syntax: StringSyntax,
    readonly why: string,
  ) {
    super(`refused to write ${value} into a ${syntax} string: ${why}`);
  }
}

/** The string syntaxes the tool writes into. */
export type StringSyntax =
  | 'js-single'
  | 'js-double'
  | 'js-template'
  | 'py-single'
  | 'py-double'
  | 'py-raw'
  | 'py-f-single'
  | 'py-f-double'
  | 'json'
  | 'yaml-plain'
  | 'yaml-single'
  | 'yaml-double'
  | 'toml-basic'
  | 'toml-literal'
  | 'env-bare'
  | 'env-single'
  | 'env-double';

const u4 = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
/** `\xNN` below U+0100, else `\uNNNN` (valid in JS and Python strings alike). */
const hex2 = (c: string) => (c.charCodeAt(0) < 0x100 ? '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0') : u4(c));
const CTRL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function refuse(value: string, syntax: StringSyntax, why: string): never {
  throw new UnsafeValueError(showValue(value), syntax, why);
}

/**
 * The text to put between the quotes of a string literal of `syntax` so that
 * it reads back as exactly `value`. Throws UnsafeValueError where the syntax has
 * no escape for a character (raw strings, single-quoted YAML/TOML/.env with a
 * newline, a bare value with spaces or quotes).
 */
export function stringContent(value: string, syntax: StringSyntax): string {
  const ctrl = (esc: (c: string) => string) => (c: string) => NAMED[c] ?? esc(c);
  switch (syntax) {
    case 'js-single':
    case 'js-double': {
      const q = syntax === 'js-single' ? "'" : '"';
      return value
        .replace(/\\/g, '\\\\')
        .replace(new RegExp(q, 'g'), '\\' + q)
        .replace(CTRL, ctrl(u4));
    }
    case 'js-template':
      return value.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(CTRL, ctrl(u4));
    case 'py-single':
    case 'py-double':
    case 'py-f-single':
    case 'py-f-double': {
      const q = syntax.endsWith('single') ? "'" : '"';
      let out = value
        .replace(/\\/g, '\\\\')
        .replace(new RegExp(q, 'g'), '\\' + q)
        .replace(CTRL, ctrl(hex2));
      if (syntax.startsWith('py-f')) out = out.replace(/\{/g, '{{').replace(/\}/g, '}}');
      return out;
    }
    case 'py-raw':
      if (/['"\\\u0000-\u001f\u007f]/.test(value)) refuse(value, syntax, 'a raw string cannot escape quotes, backslashes or line breaks');
      return value;
    case 'json':
    case 'yaml-double':
    case 'toml-basic':
      // JSON's escapes are valid in YAML double-quoted and TOML basic strings too.
      return JSON.stringify(value)
        .slice(1, -1)
        .replace(/[\u007f\u2028\u2029]/g, u4);
    case 'yaml-single':
      if (/[\n\r]/.test(value) || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) refuse(value, syntax, 'a single-quoted YAML string cannot hold control characters');
      return value.replace(/'/g, "''");
    case 'yaml-plain':
      // A plain scalar that reads back as the same string: no indicator first, no ": " or " #", no control characters.
      if (!/^[A-Za-z0-9._/+-][A-Za-z0-9._:/@+-]*$/.test(value) || /:$/.test(value) || /^[-?:](\s|$)/.test(value) || /^(true|false|yes|no|on|off|null|~|[-+]?[0-9.]+(e[-+]?[0-9]+)?)$/i.test(value)) {
        refuse(value, syntax, 'a plain YAML value cannot hold this; quote the value first');
      }
      return value;
    case 'toml-literal':
      if (/['\n\r]/.test(value) || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) refuse(value, syntax, "a TOML literal string cannot hold ' or control characters");
      return value;
    case 'env-bare':
      if (!/^[A-Za-z0-9._:/@+,%=-]*$/.test(value)) refuse(value, syntax, 'an unquoted .env value cannot hold spaces, quotes, #, $ or line breaks');
      return value;
    case 'env-single':
      if (/['\n\r]/.test(value) || /[\u0000-\u001f\u007f]/.test(value)) refuse(value, syntax, "a single-quoted .env value cannot hold ' or line breaks");
      return value;
    case 'env-double':
      return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$').replace(/`/g, '\\`').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  }
}

/** A whole literal (quotes included) for JS/TS or Python source, in the file's quote. */
export function stringLiteral(value: string, lang: 'js' | 'py', q: "'" | '"'): string {
  const syntax = `${lang}-${q === "'" ? 'single' : 'double'}` as StringSyntax;
  return q + stringContent(value, syntax) + q;
}

const JS_EXT = /\.(m|c)?[jt]sx?$|\.(vue|svelte|astro)$/i;
const PY_EXT = /\.(py|pyi|ipynb)$/i;
const YAML_EXT = /\.ya?ml$/i;
const TOML_EXT = /\.toml$/i;
const JSON_EXT = /\.(json|jsonc|json5|jsonl|ndjson)$/i;
const ENV_NAME_FILE = /(^|\/)(\.env[^/]*|[^/]*\.env)$/i;

/**
 * The string syntax of the literal whose content starts at `start` in `text`
 * (a file named `file`), judged by the file type and the characters before
 * `start` (quote, Python prefix). undefined when it is not inside a string the
 * tool knows how to write.
 */
export function syntaxAt(file: string, text: string, start: number): StringSyntax | undefined {
  const q = text[start - 1];
  if (ENV_NAME_FILE.test(file)) return q === '"' ? 'env-double' : q === "'" ? 'env-single' : 'env-bare';
  if (JS_EXT.test(file)) return q === "'" ? 'js-single' : q === '"' ? 'js-double' : q === '`' ? 'js-template' : undefined;
  if (PY_EXT.test(file)) {
    if (q !== "'" && q !== '"') return undefined;
    // Walk back over a triple quote and the prefix letters.
    let i = start - 1;
    while (i > 0 && text[i - 1] === q) i--;
    let prefix = '';
    while (i > 0 && /[rRbBuUfF]/.test(text[i - 1]!)) prefix = text[--i]! + prefix;
    const single = q === "'";
    if (/r/i.test(prefix)) return 'py-raw';
    if (/f/i.test(prefix)) return single ? 'py-f-single' : 'py-f-double';
    return single ? 'py-single' : 'py-double';
  }
  if (YAML_EXT.test(file)) return q === '"' ? 'yaml-double' : q === "'" ? 'yaml-single' : 'yaml-plain';
  if (TOML_EXT.test(file)) return q === "'" ? 'toml-literal' : 'toml-basic';
  if (JSON_EXT.test(file)) return 'json';
  return undefined;
}

/**
 * The one writer for a value replacing the content of an existing string at
 * `start` (model ids, URLs, variable names): escaped for the literal it lands
 * in. An unknown syntax gets the value only when it needs no escape at all.
 */
export function contentAt(file: string, text: string, start: number, value: string): string {
  const syntax = syntaxAt(file, text, start);
  if (syntax) return stringContent(value, syntax);
  if (!/^[A-Za-z0-9._:/@+-]*$/.test(value)) refuse(value, 'yaml-plain', 'unknown string syntax');
  return value;
}

/** Replace the content of the string at `[start, end)` of a file's text by `value`, escaped for that string (see contentAt). */
export function writeValue(ctx: { file: { rel: string; text: string }; edits: { add(start: number, end: number, text: string): void } }, start: number, end: number, value: string): void {
  ctx.edits.add(start, end, contentAt(ctx.file.rel, ctx.file.text, start, value));
}

/** An `--include`/`--exclude` glob: it must compile (unbalanced brackets are refused, not matched literally) and hold no control characters. */
export function validateGlob(value: string, where: string): string {
  const form = 'a glob such as src/** or **/*.test.ts (escape a literal [ as \\[)';
  if (typeof value !== 'string' || !value || /[\u0000-\u001f\u007f]/.test(value)) throw badValue(where, String(value), form);
  try {
    picomatch.makeRe(value, { strictBrackets: true, dot: true });
  } catch {
    throw badValue(where, value, form);
  }
  return value;
}

/** `--max-file-size`: a whole number of bytes from 1 to 1 GiB (commander hands it over as given). */
export function validateMaxFileSize(value: unknown, where = '--max-file-size'): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 1024 ** 3) throw badValue(where, String(value), 'a whole number of bytes from 1 to 1073741824');
  return n;
}
