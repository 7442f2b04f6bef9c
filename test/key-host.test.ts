import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { migrate } from '../src/api.js';
import { PROVIDERS } from '../src/providers/index.js';
import { PUBLIC_PREFIXES } from '../src/rules/env.js';
import { discoverCases, expectedFiles, listFiles } from './helpers/fixtures.js';

/**
 * Property: no client pairs one company's key variable with another company's host.
 * Checked over every expected fixture output, and over the migrated JS/TS and Python
 * fixture inputs for every provider. Key variables and hosts come from the profiles;
 * the checker reads the code itself (TypeScript parser for JS/TS, a bracket scanner for
 * Python), independently of the tool's analysis.
 */

type Company = string; // a provider id, 'openai' or 'azure'

const HOSTS = new Map<string, Company>();
const KEYS = new Map<string, Company>();
for (const p of PROVIDERS) {
  for (const r of Object.values(p.regions)) {
    HOSTS.set(new URL(r.baseURL).host, p.id);
    if (r.apiKeyEnv) KEYS.set(r.apiKeyEnv, p.id);
  }
  KEYS.set(p.apiKeyEnv, p.id);
  for (const a of p.apiKeyEnvAliases) KEYS.set(a, p.id);
}

function hostCompany(host: string): Company | undefined {
  if (/(^|\.)api\.openai\.com$/.test(host)) return 'openai';
  if (/\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/.test(host)) return 'azure';
  return HOSTS.get(host);
}

function keyCompany(name: string): Company | undefined {
  for (const p of PUBLIC_PREFIXES) if (name.startsWith(p)) name = name.slice(p.length);
  if (/^AZURE_OPENAI_(API_)?KEY$/.test(name)) return 'azure';
  if (/^OPENAI_(API_)?KEY$/.test(name)) return 'openai';
  return KEYS.get(name);
}

const URLS = /https?:\/\/[^'"`\s/]+/g;
const KEY_NAMES = /\b[A-Z][A-Z0-9_]*_(?:API_KEY|KEY|API_PASSWORD)\b/g;

interface Pairing {
  file: string;
  line: number;
  keys: string[];
  hosts: string[];
}

/** A client whose key and host belong to different companies (both known). */
function mismatches(pairs: Pairing[]): string[] {
  const out: string[] = [];
  for (const p of pairs) {
    const hc = new Set(p.hosts.map(hostCompany).filter((x): x is Company => !!x));
    const kc = new Set(p.keys.map(keyCompany).filter((x): x is Company => !!x));
    if (!hc.size || !kc.size) continue;
    for (const k of kc) if (!hc.has(k)) out.push(`${p.file}:${p.line} key ${p.keys.join('/')} (${k}) sent to ${p.hosts.join(' / ')}`);
  }
  return out;
}

/** The other files of the same output (relative path -> text), to follow `import { KEY } from './config'`. */
type Files = Map<string, string>;

const JS_EXT = ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.js'];

/** The initializer text of `export const name = ...` in the module `spec` names from `file` (relative imports only). */
function importedInit(files: Files | undefined, file: string, spec: string, name: string): string | undefined {
  if (!files || !spec.startsWith('.')) return undefined;
  const base = path.posix.join(path.posix.dirname(file), spec).replace(/\.js$/, '');
  const rel = JS_EXT.map((e) => base + e).find((r) => files.has(r));
  if (!rel) return undefined;
  const sf = ts.createSourceFile(rel, files.get(rel)!, ts.ScriptTarget.Latest, true);
  let found: string | undefined;
  const visit = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) found = n.initializer.getText();
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** JS/TS: `new OpenAI({...})` / `new AzureOpenAI({...})` option objects, and raw requests (`fetch(url, { headers })`) to a literal URL. */
function jsPairings(file: string, text: string, files?: Files): Pairing[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Pairing[] = [];
  const resolve = (e: ts.Expression): string => {
    // `this.OPENAI_API_KEY`: the values the class assigns to its field (`this.X = ...`, `X = ...`), else the text
    if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const name = e.name.text;
      const vals: string[] = [];
      const visit = (n: ts.Node) => {
        if (
          ts.isBinaryExpression(n) &&
          n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isPropertyAccessExpression(n.left) &&
          n.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
          n.left.name.text === name
        )
          vals.push(n.right.getText());
        if (ts.isPropertyDeclaration(n) && n.name.getText() === name && n.initializer) vals.push(n.initializer.getText());
        ts.forEachChild(n, visit);
      };
      visit(sf);
      return vals.length ? vals.join(' ') : e.getText();
    }
    // an identifier: the text of its declaration (const x = ..., { NAME: x } = ...), here or in the module it is imported from
    if (!ts.isIdentifier(e)) return e.getText();
    const found: string[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === e.text && n.initializer) found.push(n.initializer.getText());
      if (ts.isBindingElement(n) && ts.isIdentifier(n.name) && n.name.text === e.text) found.push((n.propertyName ?? n.name).getText());
      if (ts.isImportSpecifier(n) && n.name.text === e.text) {
        const decl = n.parent.parent.parent;
        const spec = ts.isStringLiteral(decl.moduleSpecifier) ? decl.moduleSpecifier.text : '';
        const init = importedInit(files, file, spec, (n.propertyName ?? n.name).text);
        if (init !== undefined) found.push(init);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return found.length ? found.join(' ') : e.text;
  };
  /** Key names an expression reads, identifiers resolved. */
  const keysIn = (e: ts.Node): string[] => {
    const keys: string[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n))
        keys.push(...[...resolve(n).matchAll(KEY_NAMES)].map((m) => m[0]));
      else if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
        keys.push(...[...n.getText().matchAll(KEY_NAMES)].map((m) => m[0]));
        if (ts.isIdentifier(n.expression)) return;
      }
      ts.forEachChild(n, visit);
    };
    visit(e);
    return keys;
  };
  const visit = (n: ts.Node) => {
    if (ts.isNewExpression(n) && /(^|\.)(Azure)?OpenAI$/.test(n.expression.getText())) {
      const azure = /AzureOpenAI$/.test(n.expression.getText());
      const o = n.arguments?.[0];
      if (!o || ts.isObjectLiteralExpression(o)) {
        const prop = (name: string) =>
          o?.properties.find((p): p is ts.PropertyAssignment | ts.ShorthandPropertyAssignment => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === name);
        const valueOf = (p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment) => (ts.isPropertyAssignment(p) ? resolve(p.initializer) : resolve(p.name));
        const base = prop('baseURL');
        const key = prop('apiKey');
        const hosts = base ? [...valueOf(base).matchAll(URLS)].map((m) => new URL(m[0]).host) : azure ? [] : ['api.openai.com'];
        const keys = key ? [...valueOf(key).matchAll(KEY_NAMES)].map((m) => m[0]) : [azure ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY'];
        const spread = o?.properties.some(ts.isSpreadAssignment);
        if (!spread) out.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, keys, hosts });
      }
    }
    // fetch('https://api.openai.com/v1/...', { headers: { Authorization: `Bearer ${KEY}` } })
    const url = ts.isCallExpression(n) && n.arguments[0] && (ts.isStringLiteral(n.arguments[0]) || ts.isNoSubstitutionTemplateLiteral(n.arguments[0])) ? n.arguments[0].text : undefined;
    if (url && ts.isCallExpression(n) && /^https?:\/\//.test(url)) {
      const keys = n.arguments.slice(1).flatMap(keysIn);
      if (keys.length) out.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, keys, hosts: [new URL(url).host] });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The text of a call's arguments from the opening parenthesis at `open`, brackets and strings balanced. */
function argsText(text: string, open: number): string {
  let depth = 0;
  let q: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1);
}

/** Top-level `name=value` keyword arguments of an argument text. */
function keywordArgs(args: string): Map<string, string> {
  const out = new Map<string, string>();
  let depth = 0;
  let q: string | undefined;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const c = args[i]!;
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(args.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(args.slice(start));
  for (const p of parts) {
    const m = /^\s*(\w+)\s*=(?!=)([\s\S]*)$/.exec(p);
    if (m) out.set(m[1]!, m[2]!.trim());
  }
  return out;
}

/** A field of a pydantic settings class: the variable it reads and its default's text. */
interface PySetting {
  cls: string;
  env?: string;
  dflt: string;
}

/** The first string literal's value in a text. */
const firstString = (t: string) => /(["'])((?:\\.|(?!\1).)*)\1/.exec(t)?.[2];

/**
 * pydantic settings classes of a Python file, read from the text: each field reads `<env_prefix><FIELD>`
 * (`model_config = SettingsConfigDict(env_prefix="APP_")`, `class Config: env_prefix = ...`), or its alias
 * (`Field(validation_alias=...)` / `alias=`, pydantic v1 `env=`, `AliasChoices("A", ...)`: the first),
 * which the prefix does not apply to. A prefix that is not a literal: the field's variable is unknown.
 */
function pySettings(text: string): PySetting[] {
  const out: PySetting[] = [];
  const lines = text.split('\n');
  const classes = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^class\s+(\w+)\s*\(([^)]*)\)\s*:/.exec(lines[i]!);
    if (!m || !(/\bBaseSettings\b/.test(m[2]!) || m[2]!.split(',').some((s) => classes.has(s.trim())))) continue;
    classes.add(m[1]!);
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && (/^\s/.test(lines[j]!) || !lines[j]!.trim()); j++) body.push(lines[j]!);
    const bodyText = body.join('\n');
    const pm = /env_prefix\s*[=:]\s*([^,)\n]+)/.exec(bodyText.replace(/["']env_prefix["']/, 'env_prefix'));
    const prefix = pm ? firstString(pm[1]!.trim()) : '';
    const literalPrefix = !pm || /^\s*(["'])[^"']*\1\s*$/.test(pm[1]!);
    for (const l of body) {
      const f = /^ {4}(\w+)\s*:\s*[^=]+?(?:=\s*(.+))?$/.exec(l);
      if (!f || f[1] === 'model_config') continue;
      const value = f[2] ?? '';
      const alias = /\b(?:validation_alias|alias|env)\s*=\s*(?:AliasChoices\()?\s*(["'][^"']+["'])/.exec(value);
      const env = alias ? firstString(alias[1]!)!.toUpperCase() : literalPrefix ? (prefix + f[1]).toUpperCase() : undefined;
      out.push({ cls: `${m[1]}.${f[1]}`, env, dflt: value });
    }
  }
  return out;
}

/**
 * `settings.openai_api_key`, `self.settings.openai_base_url`, `get_settings().api_key.get_secret_value()`:
 * the settings field read (by the field name; where several classes of the output have a field of that
 * name, the one the receiver is bound to, else none), as text the checker reads: its variable and default.
 */
function settingsText(value: string, text: string, settings: PySetting[]): string | undefined {
  const m = /^([\w.]+?)(?:\(\))?\.(\w+)(?:\.get_secret_value\(\))?$/.exec(value.trim());
  if (!m) return undefined;
  const all = settings.filter((s) => s.cls.endsWith(`.${m[2]}`));
  if (!all.length) return undefined;
  const recv = m[1]!.split('.').pop()!;
  // the receiver's class: `recv = Cls(`, `recv: Cls`, `def recv() -> Cls`
  const bound = all.filter((s) => new RegExp(`\\b${recv}\\s*(?::\\s*|=\\s*|\\(\\)\\s*->\\s*)${s.cls.split('.')[0]}\\b`).test(text));
  const pick = bound.length === 1 ? bound : new Set(all.map((s) => s.env)).size === 1 ? all.slice(0, 1) : [];
  const s = pick[0];
  if (!s) return undefined;
  // no default, or None: the SDK's own (OPENAI_BASE_URL unset: api.openai.com)
  const dflt = /^(None)?$/.test(s.dflt.trim()) || /^Field\((None|\.\.\.)?\s*(,|\))/.test(s.dflt.trim()) ? 'https://api.openai.com/v1' : s.dflt;
  return `${s.env ?? ''} ${dflt}`;
}

/** Python: `OpenAI(...)`, `AsyncOpenAI(...)`, `AzureOpenAI(...)` calls (keyword arguments); settings fields of any file of the output. */
function pyPairings(file: string, text: string, files?: Files): Pairing[] {
  const out: Pairing[] = [];
  const py = [...(files ?? new Map([[file, text]])).entries()].filter(([f]) => f.endsWith('.py'));
  const settings = py.flatMap(([, t]) => pySettings(t));
  const allText = py.map(([, t]) => t).join('\n');
  for (const m of text.matchAll(/(?<![\w.])(?:openai\.)?(Async)?(Azure)?OpenAI\(/g)) {
    const open = m.index! + m[0].length - 1;
    const line = text.slice(0, m.index).split('\n').length;
    if (/^\s*(class|def|import|from)\b/.test(text.slice(text.lastIndexOf('\n', m.index!) + 1, m.index))) continue;
    const args = argsText(text, open);
    if (/(^|,)\s*\*\*/.test(args)) continue;
    const kw = keywordArgs(args);
    const azure = !!m[2];
    const resolve = (v: string) => {
      const setting = settingsText(v, allText, settings);
      if (setting !== undefined) return setting;
      const id = /^[A-Za-z_]\w*$/.exec(v)?.[0];
      if (!id) return v;
      const declIn = (t: string) => new RegExp(`^\\s*${id}\\s*(?::[^=]+)?=\\s*(.+)$`, 'm').exec(t)?.[1];
      let decl = declIn(text);
      // `from app.cfg import KEY` (here or inside a function): its declaration in that module of the case
      const imp = decl === undefined ? new RegExp(`^\\s*from\\s+([\\w.]+)\\s+import\\s+[^\\n]*\\b${id}\\b`, 'm').exec(text) : null;
      if (imp && files) {
        const mod = imp[1]!.replace(/\./g, '/') + '.py';
        const hit = [...files].find(([f]) => f === mod || f.endsWith('/' + mod));
        if (hit) decl = declIn(hit[1]);
      }
      // a constant read from the environment: the variable it reads, not the constant's own name
      if (decl !== undefined && (decl.match(KEY_NAMES) || decl.match(URLS))) return decl;
      return decl !== undefined ? `${v} ${decl}` : v;
    };
    const base = kw.get('base_url');
    const key = kw.get('api_key');
    const hosts = base !== undefined ? [...resolve(base).matchAll(URLS)].map((x) => new URL(x[0]).host) : azure ? [] : ['api.openai.com'];
    const keys = key !== undefined ? [...new Set([...resolve(key).matchAll(KEY_NAMES)].map((x) => x[0]))] : [azure ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY'];
    out.push({ file, line, keys, hosts });
  }
  return out;
}

function pairingsOf(file: string, text: string, files?: Files): Pairing[] {
  if (/\.(m|c)?(t|j)sx?$/.test(file)) return jsPairings(file, text, files);
  if (file.endsWith('.py')) return pyPairings(file, text, files);
  return [];
}

const cases = discoverCases();

describe('key / host pairing', () => {
  it('the checker sees a mismatch when there is one (JS/TS and Python)', () => {
    const js = `import OpenAI from 'openai';\nconst a = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL: 'https://api.deepseek.com' });\nconst b = new OpenAI({ apiKey: process.env.DEEPSEEK_API_KEY });\nconst { DASHSCOPE_API_KEY: k } = process.env;\nconst c = new OpenAI({ apiKey: k, baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1' });\n`;
    expect(mismatches(jsPairings('a.ts', js))).toHaveLength(2);
    const py = `import os\nfrom openai import OpenAI\nK = os.environ["ZHIPUAI_API_KEY"]\na = OpenAI(api_key=K, base_url="https://api.deepseek.com")\nb = OpenAI(api_key=os.getenv("DEEPSEEK_API_KEY"), base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"))\n`;
    expect(mismatches(pyPairings('a.py', py))).toEqual(['a.py:4 key ZHIPUAI_API_KEY (zhipu) sent to api.deepseek.com']);
  });

  it('the checker reads pydantic settings fields: aliases, env prefixes, pydantic v1 env=, across modules', () => {
    const config = [
      'from pydantic import Field',
      'from pydantic_settings import BaseSettings, SettingsConfigDict',
      '',
      'class Aliased(BaseSettings):',
      '    model_config = SettingsConfigDict(env_file=".env")',
      '    api_key: SecretStr = Field(validation_alias="OPENAI_API_KEY")',
      '    base_url: str = Field("https://api.deepseek.com", alias="DEEPSEEK_BASE_URL")',
      '',
      'class Prefixed(BaseSettings):',
      '    model_config = SettingsConfigDict(env_prefix="OPENAI_")',
      '    api_key: str',
      '    base_url: str | None = None',
      '',
      'class Old(BaseSettings):',
      '    openai_key: str = Field(..., env="ZHIPUAI_API_KEY")',
      '',
      '    class Config:',
      '        env_file = ".env"',
      '',
      'aliased = Aliased()',
      '',
      'def get_settings() -> Prefixed:',
      '    return Prefixed()',
      '',
    ].join('\n');
    const app = [
      'from openai import OpenAI',
      'from .config import aliased, get_settings, Old',
      '',
      'a = OpenAI(api_key=aliased.api_key.get_secret_value(), base_url=aliased.base_url)',
      'b = OpenAI(api_key=get_settings().api_key, base_url="https://dashscope.aliyuncs.com/compatible-mode/v1")',
      'c = OpenAI(api_key=get_settings().api_key, base_url=get_settings().base_url)',
      'old = Old()',
      'd = OpenAI(api_key=old.openai_key, base_url="https://open.bigmodel.cn/api/paas/v4")',
      '',
    ].join('\n');
    const files: Files = new Map([
      ['app/config.py', config],
      ['app/chat.py', app],
    ]);
    expect(mismatches(pyPairings('app/chat.py', app, files))).toEqual([
      'app/chat.py:4 key OPENAI_API_KEY (openai) sent to api.deepseek.com',
      'app/chat.py:5 key OPENAI_API_KEY (openai) sent to dashscope.aliyuncs.com',
    ]);
  });

  it('the checker follows a key constant imported from another module, and raw requests', () => {
    const files: Files = new Map([
      ['src/config.ts', 'export const KEY = process.env.DEEPSEEK_API_KEY ?? "";\n'],
      [
        'src/a.ts',
        "import OpenAI from 'openai';\nimport { KEY } from './config';\nconst kept = new OpenAI({ apiKey: KEY });\nconst moved = new OpenAI({ apiKey: KEY, baseURL: 'https://api.deepseek.com' });\nfetch('https://api.openai.com/v1/audio/speech', { headers: { Authorization: `Bearer ${KEY}` } });\n",
      ],
    ]);
    expect(mismatches(jsPairings('src/a.ts', files.get('src/a.ts')!, files))).toEqual([
      'src/a.ts:3 key DEEPSEEK_API_KEY (deepseek) sent to api.openai.com',
      'src/a.ts:5 key DEEPSEEK_API_KEY (deepseek) sent to api.openai.com',
    ]);
  });

  it('a client pointed at another service keeps its key (JS/TS and Python)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-other-'));
    try {
      writeFileSync(
        path.join(dir, 'a.ts'),
        "import OpenAI from 'openai';\nexport const router = new OpenAI({ baseURL: 'https://openrouter.ai/api/v1', apiKey: process.env.OPENAI_API_KEY });\nexport const main = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n",
      );
      writeFileSync(path.join(dir, 'b.py'), 'import os\nfrom openai import OpenAI\nrouter = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENAI_API_KEY"])\n');
      await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
      const a = readFileSync(path.join(dir, 'a.ts'), 'utf8');
      expect(a).toContain("new OpenAI({ baseURL: 'https://openrouter.ai/api/v1', apiKey: process.env.OPENAI_API_KEY })");
      expect(a).toContain("new OpenAI({ baseURL: 'https://api.deepseek.com', apiKey: process.env.DEEPSEEK_API_KEY })");
      expect(readFileSync(path.join(dir, 'b.py'), 'utf8')).toContain('api_key=os.environ["OPENAI_API_KEY"]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('holds for every expected fixture output', () => {
    const bad: string[] = [];
    let clients = 0;
    for (const c of cases) {
      for (const provider of c.expected.keys()) {
        const out = expectedFiles(c, provider);
        const files: Files = new Map([...out].map(([rel, buf]) => [rel.replace(/\\/g, '/'), buf.toString('utf8')]));
        for (const [rel, text] of files) {
          const pairs = pairingsOf(rel, text, files);
          clients += pairs.length;
          bad.push(...mismatches(pairs).map((m) => `${c.name} [${provider}] ${m}`));
        }
      }
    }
    expect(clients).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });

  it('holds for the JS/TS and Python fixture inputs migrated to every provider', async () => {
    const code = cases.filter((c) => /^(js|python|js-http|js-v3|notebook|project)\//.test(c.name) && !c.options.expectFailed?.length);
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-keyhost-'));
    try {
      const bad: string[] = [];
      for (const p of PROVIDERS) {
        const root = path.join(dir, p.id);
        for (const c of code) cpSync(path.join(c.dir, c.input), path.join(root, c.name.replace('/', '__'), c.input), { recursive: true });
        await migrate({ cwd: root, paths: ['.'], provider: p.id, force: true });
        const all: Files = new Map(listFiles(root).map((rel) => [rel.replace(/\\/g, '/'), readFileSync(path.join(root, rel), 'utf8')]));
        for (const [rel, text] of all) {
          // one case's files (its own settings classes and modules, not another case's)
          const dir = rel.split('/')[0]!;
          const files: Files = new Map([...all].filter(([r]) => r.startsWith(dir + '/')));
          bad.push(...mismatches(pairingsOf(rel, text, files)).map((m) => `[${p.id}] ${m}`));
        }
      }
      expect(bad).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
