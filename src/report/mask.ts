import type { MsgRef } from '../i18n/msg.js';
/**
 * The one secret mask for everything the tool prints or writes about a file
 * (diffs, finding messages and snippets, follow-ups, reports, TODO comments):
 *
 * - by name: the value of a key-like setting (`*KEY*`, `*SECRET*`, `*TOKEN*`,
 *   `*PASSWORD*`, `apiKey` / `api_key`, `credential`, `OPENAI_ORG_ID` /
 *   `organization`, in any case) when it is a quoted literal anywhere, or a bare
 *   value in env/YAML/TOML/INI files (and diffs of them);
 * - by shape, everywhere: `sk-…`/`pk-…`/`rk-…` keys, `live_…`/`sk_live_…`
 *   tokens, JWTs, `org-…` ids, 32+ hex digits, long base64/base64url tokens
 *   (mixed case and digits), `Bearer …`, and PEM blocks (on one line with `\n`
 *   escapes, or across lines: every line between BEGIN and END).
 *
 * References (`${VAR}`, `process.env.X`, `os.environ[...]`, a quoted `UPPER_SNAKE` variable name) and numbers stay
 * readable. Masked values keep a short prefix where it says what kind of key it
 * was (`sk-****`).
 */

/** Files whose bare `NAME=value` / `name: value` lines are settings, not code. */
export const ENV_LIKE = /(^|\/)(\.env[^/]*|[^/]*\.env|\.envrc|[^/]*\.(ya?ml|toml|ini|cfg|conf|properties))$/i;

const SECRET_NAME = /api[_-]?key|secret|token|passw(or)?d|\bpwd\b|credential|private[_-]?key|org(anization)?[_-]?id|^organization$|(^|[_.-])key$|^key$/i;
const UPPER_KEY = /KEY|SECRET|TOKEN|PASSWORD|ORG_ID/;
/** Names that hold counts or settings, not secrets (`max_tokens`, `tokenizer`). */
const NOT_SECRET = /tokens$|tokenizer|token_?(count|limit|usage|budget)|key_?(id|name|var|env|field|path|file)$|keys$/i;

export function isSecretName(name: string): boolean {
  const bare = name.replace(/^.*[.]/, '');
  if (NOT_SECRET.test(bare)) return false;
  return SECRET_NAME.test(bare) || UPPER_KEY.test(bare);
}

const REFERENCE = /^\$|\$\{|^process\.env|^os\.environ|^env\(/;
/** The name of a variable or setting (`API_KEY: 'OPENAI_API_KEY'`, a config key map): a reference, not a secret. */
const VARIABLE_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;
const isSecretValue = (v: string) => v.length >= 4 && !REFERENCE.test(v) && !VARIABLE_NAME.test(v) && !/^[-+]?\d+(\.\d+)?$/.test(v) && !/^(true|false|null|none|undefined)$/i.test(v);

const QUOTED = /([A-Za-z_][A-Za-z0-9_.-]*)(["']?[ \t]*(?:=|:|=>)[ \t]*)(["'`])((?:(?!\3)[^\\\n]|\\.){4,}?)\3/g;
const BARE = /^([+\- ]?[ \t]*(?:#[ \t]*)?(?:-[ \t]*)?(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*[=:][ \t]*)([^\s"'#$][^\s"'#]{3,})/gm;

/** Shapes of secrets, masked wherever they appear. */
const SHAPES: Array<[RegExp, (m: string, ...g: string[]) => string]> = [
  // One-line PEM (a .env value with \n escapes).
  [/(-----BEGIN [A-Z0-9 ]{1,40}-----)(?:(?!-----END)[^\n]){1,20000}?(-----END [A-Z0-9 ]{1,40}-----)/g, (_m, a, b) => `${a}****${b}`],
  [/\b(sk|pk|rk|sess)-(proj-|ant-|live-)?[A-Za-z0-9_-]{8,}/g, (_m, a) => `${a}-****`],
  [/\b((?:[a-z]{2,4}_)?(?:live|test)_)[A-Za-z0-9]{8,}/g, (_m, a) => `${a}****`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, () => 'eyJ****'],
  [/\b(org|proj)-[A-Za-z0-9]{16,}/g, (_m, a) => `${a}-****`],
  [/(Bearer\s+)[A-Za-z0-9._~+/-]{6,}=*/g, (_m, a) => `${a}****`],
  [/(?<![A-Za-z0-9_])[0-9a-fA-F]{32,}(?:\.[A-Za-z0-9]{8,})?(?![A-Za-z0-9_])/g, (m) => m.slice(0, 3) + '****'],
  [
    /(?<![A-Za-z0-9_+/=-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9_+/=-])/g,
    (m) => (/[a-z]/.test(m) && /[A-Z]/.test(m) && /\d/.test(m) && !/\/.*\//.test(m) && !/^[a-z0-9-]+(\/|$)/.test(m) ? m.slice(0, 3) + '****' : m),
  ],
];

function maskShapes(s: string): string {
  let out = s;
  for (const [re, fn] of SHAPES) out = out.replace(re, fn as (m: string, ...g: string[]) => string);
  return out;
}

/** Lines between a PEM BEGIN and END line (diff prefixes kept). */
function maskPemLines(text: string): string {
  if (!text.includes('-----BEGIN')) return text;
  const lines = text.split('\n');
  let inside = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/-----BEGIN [A-Z0-9 ]*-----/.test(l) && !/-----END/.test(l)) {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (/-----END [A-Z0-9 ]*-----/.test(l) || /^@@ /.test(l)) {
      inside = false;
      continue;
    }
    const prefix = /^[+\- ](?!--)/.test(l) ? l[0] : '';
    lines[i] = prefix + '****';
  }
  return lines.join('\n');
}

function maskPart(text: string, envLike: boolean): string {
  let out = maskPemLines(text);
  out = out.replace(QUOTED, (m, name: string, sep: string, q: string, value: string) => (isSecretName(name) && isSecretValue(value) ? `${name}${sep}${q}****${q}` : m));
  if (envLike) out = out.replace(BARE, (m, lead: string, name: string, sep: string, value: string) => (isSecretName(name) && isSecretValue(value) ? `${lead}${name}${sep}****` : m));
  return maskShapes(out);
}

/**
 * Mask secrets in text shown to people or written to reports. `file` says which
 * file the text comes from (bare values are masked in env/YAML/TOML/INI files);
 * without it, a multi-file diff is judged part by part by its `+++ b/` header.
 */
export function maskSecrets(text: string, file?: string): string {
  if (!text) return text;
  if (file !== undefined) return maskPart(text, ENV_LIKE.test(file));
  if (!text.includes('--- a/')) return maskPart(text, false);
  const parts = text.split(/(?=^--- a\/)/m);
  return parts.map((p) => maskPart(p, ENV_LIKE.test((/^\+\+\+ b\/(.*)$/m.exec(p)?.[1] ?? '').trim()))).join('');
}

type Maskable = {
  file: string;
  diff?: string;
  reason?: string;
  reasonMsg?: MsgRef;
  changes: Array<{ message: string; msg?: MsgRef }>;
  followUps: Array<{ reason: string; action: string; reasonMsg?: MsgRef; actionMsg?: MsgRef }>;
  findings: Array<{ message: string; snippet?: string; msg?: MsgRef }>;
};

/** A message by id, masked like its text: every text parameter (and nested message) too, so a translation prints no secret either. */
function maskRef(ref: MsgRef | undefined, file: string): MsgRef | undefined {
  if (!ref) return undefined;
  const params: MsgRef['params'] = {};
  for (const [k, v] of Object.entries(ref.params)) params[k] = typeof v === 'string' ? maskSecrets(v, file) : v !== null && typeof v === 'object' ? maskRef(v, file) : v;
  return { id: ref.id, params, text: maskSecrets(ref.text, file) };
}

/**
 * Mask every text of a run's results in place, once, where they leave the
 * engine (`migrate` and `scan` in src/api.ts): so every output format (text,
 * JSON, SARIF, Markdown, GitHub annotations, the job summary, `--report`, the
 * baseline file) gets the same masked text.
 */
export function maskResults<T extends Maskable>(files: T[]): T[] {
  for (const f of files) {
    if (f.diff) f.diff = maskSecrets(f.diff);
    if (f.reason) f.reason = maskSecrets(f.reason, f.file);
    if (f.reasonMsg) f.reasonMsg = maskRef(f.reasonMsg, f.file);
    for (const c of f.changes) {
      c.message = maskSecrets(c.message, f.file);
      if (c.msg) c.msg = maskRef(c.msg, f.file);
    }
    for (const u of f.followUps) {
      u.reason = maskSecrets(u.reason, f.file);
      u.action = maskSecrets(u.action, f.file);
      if (u.reasonMsg) u.reasonMsg = maskRef(u.reasonMsg, f.file);
      if (u.actionMsg) u.actionMsg = maskRef(u.actionMsg, f.file);
    }
    for (const x of f.findings) {
      x.message = maskSecrets(x.message, f.file);
      if (x.msg) x.msg = maskRef(x.msg, f.file);
      if (x.snippet !== undefined) x.snippet = maskSecrets(x.snippet, f.file);
    }
  }
  return files;
}
