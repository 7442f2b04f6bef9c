import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyPatch } from 'diff';
import { parse as parseYaml } from 'yaml';
import { marked } from 'marked';
import { BIN, cli } from './helpers/cli.js';
import { parseJs } from '../src/lang/js/parse.js';
import { tsc } from '../src/lang/js/ts.js';
import { parseEnv } from '../src/lang/env/parse.js';
import { stringContent, UnsafeValueError, validateModelId, validateUrl, validateEnvName, type StringSyntax } from '../src/engine/values.js';
import { maskSecrets } from '../src/report/mask.js';
import { printable } from '../src/report/escape.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { unifiedDiff, MAX_EDIT_LENGTH } from '../src/engine/diff.js';
import { isGenerated } from '../src/engine/run.js';
import { ensureDir } from '../src/engine/code-cache.js';
import { markerText } from '../src/rules/markers.js';
import { run } from '../src/engine/run.js';
import { HANDLERS } from '../src/handlers.js';
import { getProvider, resolveTarget, PROVIDERS } from '../src/providers/index.js';
import { ModelMap } from '../src/models/map.js';

/**
 * Issue 21 items 7-9, 11 and 12: values the tool writes, secrets in every
 * output, control characters and markup in file names, bounded work per file,
 * and the silent passes. Each test attacks one path and checks the outcome
 * with an independent parser (TypeScript, python3 ast/tomllib, yaml, JSON).
 */

const tmp = (p = 'oam-sv-') => mkdtempSync(path.join(tmpdir(), p));
const write = (dir: string, files: Record<string, string>) => {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
};
const py = (code: string, input: string) => execFileSync('python3', ['-c', code], { input, encoding: 'utf8' });

/** Values an attacker would put in a --model target or a config `models` value. */
const HOSTILE = [
  'x" + require("child_process").execSync("id") + "',
  "x' + __import__('os').system('id') + '",
  'a\nEVIL=1',
  '","k":"v',
  '${process.exit(1)}',
  '{__import__("os").system("id")}',
  "'''\nimport os\n'''",
  'back\\slash',
  'x\r\ny: 1\n- z',
  'tab\tnul\u0000esc\u001b[31m',
  'a # comment',
  '` + process.env.SECRET + `',
  'line\u2028sep',
];

describe('item 8: every value is validated where it enters, and written by one escaping writer', () => {
  it('the CLI refuses hostile --model targets even with --allow-unknown-models (E_BAD_VALUE, exit 2, nothing read or written)', () => {
    const d = write(tmp(), { 'a.ts': 'import OpenAI from "openai";\nconst c = new OpenAI();\nawait c.chat.completions.create({ model: "gpt-4o", messages: [] });\n' });
    const before = readFileSync(path.join(d, 'a.ts'), 'utf8');
    for (const v of ['x" + require("child_process").execSync("id") + "', 'x\nEVIL=1', '","k":"v', 'a b', '']) {
      const r = cli(['migrate', '-p', 'deepseek', '--force', '--allow-unknown-models', '--model', `gpt-4o=${v}`, '.'], { cwd: d });
      expect(r.code, v).toBe(2);
      expect(r.stderr).toMatch(v ? /E_BAD_VALUE[\s\S]*--model[\s\S]*letters, digits and \. - _ : \/ @ \+/ : /E_BAD_MODEL_OVERRIDE/);
      expect(r.stdout).toBe('');
    }
    // The OpenAI side of the mapping too.
    expect(cli(['migrate', '-p', 'deepseek', '--dry-run', '--model', 'gpt"4o=deepseek-chat', '.'], { cwd: d }).stderr).toContain('E_BAD_VALUE');
    expect(readFileSync(path.join(d, 'a.ts'), 'utf8')).toBe(before);
  });

  it("the config file's models mapping is validated the same way (keys and values), naming the key", () => {
    const d = write(tmp(), { 'a.ts': 'import OpenAI from "openai";\nconst c = new OpenAI();\n' });
    for (const models of [{ 'gpt-4o': 'x" + require("child_process").execSync("id") + "' }, { 'gpt-4o': 'a\nB=1' }, { 'gpt-4o"': 'deepseek-chat' }]) {
      writeFileSync(path.join(d, '.openai-migrate.json'), JSON.stringify({ provider: 'deepseek', models }));
      for (const cmd of [
        ['migrate', '--dry-run', '--allow-unknown-models', '.'],
        ['models', '-p', 'deepseek'],
        ['scan', '-p', 'deepseek', '.'],
      ]) {
        const r = cli(cmd, { cwd: d });
        expect(r.code, cmd.join(' ')).toBe(2);
        expect(r.stderr).toMatch(/E_BAD_VALUE.*\.openai-migrate\.json "models"/);
      }
    }
  });

  it('model ids, variable names and URLs: the allowed forms', () => {
    for (const ok of ['gpt-4o', 'deepseek-ai/DeepSeek-V4-Pro', 'openai:gpt-4o', 'model@2024+1', '4.0Ultra', 'a_b.c']) expect(validateModelId(ok, 'x')).toBe(ok);
    for (const bad of HOSTILE) expect(() => validateModelId(bad, '--model')).toThrow(/--model/);
    expect(validateEnvName('DEEPSEEK_API_KEY', 'x')).toBe('DEEPSEEK_API_KEY');
    for (const bad of ['lower', '1ABC', 'A-B', 'A\nB', 'A=B']) expect(() => validateEnvName(bad, 'env')).toThrow(/E_BAD_VALUE|env/);
    for (const ok of ['https://api.deepseek.com', 'https://x.example/v1', 'http://localhost:8080/v1', 'http://127.0.0.1/v1', 'http://[::1]:1/v1']) expect(validateUrl(ok, 'u')).toBe(ok);
    for (const bad of ['http://api.deepseek.com', 'ftp://x', 'javascript:alert(1)', 'https://a"b', 'https://x/\n', 'https://user:pw@x.com', 'not a url', 'file:///etc/passwd']) {
      expect(() => validateUrl(bad, '--base-url')).toThrow(/--base-url/);
    }
  });

  it('every provider profile value the tool writes has the allowed form (base URLs, key variables, model ids)', () => {
    for (const p of PROVIDERS) {
      validateEnvName(p.apiKeyEnv, `${p.id} apiKeyEnv`);
      for (const r of Object.values(p.regions)) {
        validateUrl(r.baseURL, `${p.id} baseURL`);
        if (r.apiKeyEnv) validateEnvName(r.apiKeyEnv, `${p.id} region apiKeyEnv`);
      }
      for (const id of Object.values(p.models).flat()) validateModelId(id, `${p.id} model`);
      for (const id of Object.values(p.tierMap)) if (id) validateModelId(id, `${p.id} tier`);
    }
  });

  /** Embed `value` as the content of a literal of `syntax`, read it back with a real parser: the same string, and nothing else in the program. */
  const roundTrip: Record<StringSyntax, (content: string) => string | undefined> = {
    'js-single': (c) => jsValue(`const x = '${c}';\n`),
    'js-double': (c) => jsValue(`const x = "${c}";\n`),
    'js-template': (c) => jsValue(`const x = \`${c}\`;\n`),
    'py-single': (c) => pyValue(`x = '${c}'\n`),
    'py-double': (c) => pyValue(`x = "${c}"\n`),
    'py-raw': (c) => pyValue(`x = r"${c}"\n`),
    'py-f-single': (c) => pyValue(`x = f'${c}'\n`),
    'py-f-double': (c) => pyValue(`x = f"${c}"\n`),
    json: (c) => {
      const o = JSON.parse(`{"model": "${c}"}`) as Record<string, unknown>;
      return Object.keys(o).length === 1 ? (o.model as string) : undefined;
    },
    'yaml-double': (c) => yamlValue(`model: "${c}"\nother: 1\n`),
    'yaml-single': (c) => yamlValue(`model: '${c}'\nother: 1\n`),
    'yaml-plain': (c) => yamlValue(`model: ${c}\nother: 1\n`),
    'toml-basic': (c) => tomlValue(`model = "${c}"\nother = 1\n`),
    'toml-literal': (c) => tomlValue(`model = '${c}'\nother = 1\n`),
    'env-double': (c) => envValue(`MODEL="${c}"\nOTHER=1\n`),
    'env-single': (c) => envValue(`MODEL='${c}'\nOTHER=1\n`),
    'env-bare': (c) => envValue(`MODEL=${c}\nOTHER=1\n`),
  };
  const pySource: Partial<Record<StringSyntax, (c: string) => string>> = {
    'py-single': (c) => `x = '${c}'\n`,
    'py-double': (c) => `x = "${c}"\n`,
    'py-raw': (c) => `x = r"${c}"\n`,
    'py-f-single': (c) => `x = f'${c}'\n`,
    'py-f-double': (c) => `x = f"${c}"\n`,
    'toml-basic': (c) => `model = "${c}"\nother = 1\n`,
    'toml-literal': (c) => `model = '${c}'\nother = 1\n`,
  };
  /** Python: one assignment of a constant string (an f-string only of constant parts), nothing else; TOML: exactly the two keys. */
  const PY_BATCH = [
    'import ast,sys,json,tomllib',
    'out=[]',
    'for kind,src in json.load(sys.stdin):',
    '  try:',
    '    if kind=="toml":',
    '      d=tomllib.loads(src); out.append(d["model"] if sorted(d)==["model","other"] and d["other"]==1 else None); continue',
    '    b=ast.parse(src).body; v=b[0].value if len(b)==1 and isinstance(b[0],ast.Assign) else None',
    '    if isinstance(v,ast.JoinedStr) and all(isinstance(p,ast.Constant) for p in v.values): out.append("".join(p.value for p in v.values))',
    '    elif isinstance(v,ast.Constant) and isinstance(v.value,str): out.append(v.value)',
    '    else: out.append(None)',
    '  except Exception as e: out.append("parse error: "+str(e))',
    'print(json.dumps(out))',
  ].join('\n');
  function jsValue(src: string): string | undefined {
    const { sf, error } = parseJs('x.ts', src);
    if (error || sf.statements.length !== 1) return undefined;
    const st = sf.statements[0]!;
    if (!tsc.isVariableStatement(st)) return undefined;
    const init = st.declarationList.declarations[0]!.initializer!;
    return tsc.isStringLiteral(init) || tsc.isNoSubstitutionTemplateLiteral(init) ? init.text : undefined;
  }
  function pyValue(src: string): string | undefined {
    // One assignment of a constant string (an f-string only of constant parts): no call, no name, no second statement.
    const out = py(
      'import ast,sys,json\nt=ast.parse(sys.stdin.read())\nb=t.body\nok=len(b)==1 and isinstance(b[0],ast.Assign)\nv=b[0].value if ok else None\n' +
        'if isinstance(v,ast.JoinedStr):\n  ok=all(isinstance(p,ast.Constant) for p in v.values); s="".join(p.value for p in v.values) if ok else None\n' +
        'elif isinstance(v,ast.Constant) and isinstance(v.value,str): s=v.value\nelse: ok=False; s=None\nprint(json.dumps(s if ok else None))',
      src,
    );
    return JSON.parse(out) as string | undefined;
  }
  function yamlValue(src: string): string | undefined {
    const o = parseYaml(src) as Record<string, unknown>;
    return Object.keys(o).length === 2 && o.other === 1 && typeof o.model === 'string' ? o.model : undefined;
  }
  function tomlValue(src: string): string | undefined {
    const out = py('import tomllib,sys,json\nd=tomllib.loads(sys.stdin.read())\nprint(json.dumps(d["model"] if sorted(d)==["model","other"] and d["other"]==1 else None))', src);
    return JSON.parse(out) as string | undefined;
  }
  function envValue(src: string): string | undefined {
    const p = parseEnv(src);
    if (p.error || p.entries.length !== 2 || p.entries[1]!.name !== 'OTHER') return undefined;
    // The scanner keeps escapes as written; decode the double-quoted ones like dotenv does.
    const e = p.entries[0]!;
    return e.quote === '"'
      ? e.value
          .replace(/\\(["\\$`])/g, '$1')
          .replace(/\\n/g, '\n')
          .replace(/\\r/g, '\r')
      : e.value;
  }

  it('in every string syntax it writes, a hostile value is either refused or reads back as exactly itself (no code, no new key or line)', () => {
    const refusedBy = new Map<StringSyntax, number>();
    // Python and TOML sources are checked in one python3 run.
    const batch: Array<{ label: string; v: string; src: string; kind: 'py' | 'toml' }> = [];
    for (const syntax of Object.keys(roundTrip) as StringSyntax[]) {
      for (const v of [...HOSTILE, 'deepseek-v4-pro', 'https://api.deepseek.com/v1']) {
        let content: string;
        try {
          content = stringContent(v, syntax);
        } catch (e) {
          expect(e, `${syntax} ${JSON.stringify(v)}`).toBeInstanceOf(UnsafeValueError);
          refusedBy.set(syntax, (refusedBy.get(syntax) ?? 0) + 1);
          continue;
        }
        const label = `${syntax}: ${JSON.stringify(v)} -> ${JSON.stringify(content)}`;
        if (syntax.startsWith('py-') || syntax.startsWith('toml-')) {
          batch.push({ label, v, src: pySource[syntax]!(content), kind: syntax.startsWith('py-') ? 'py' : 'toml' });
          continue;
        }
        let back: string | undefined;
        try {
          back = roundTrip[syntax](content);
        } catch (e) {
          throw new Error(`${label} does not parse: ${(e as Error).message}`);
        }
        expect(back, label).toBe(v);
      }
    }
    const results = JSON.parse(py(PY_BATCH, JSON.stringify(batch.map((b) => [b.kind, b.src])))) as Array<string | null>;
    for (const [i, b] of batch.entries()) expect(results[i], b.label).toBe(b.v);
    // Syntaxes without escapes refuse the hostile values; ordinary ids pass everywhere.
    for (const s of ['py-raw', 'yaml-plain', 'env-bare', 'env-single', 'toml-literal', 'yaml-single'] as StringSyntax[]) expect(refusedBy.get(s) ?? 0, s).toBeGreaterThan(3);
    for (const s of ['js-single', 'js-double', 'js-template', 'py-double', 'json', 'toml-basic', 'yaml-double', 'env-double'] as StringSyntax[]) expect(refusedBy.get(s) ?? 0, s).toBe(0);
  });

  it('end to end, past validation: a hostile model target reaching the engine is escaped or refused in JS/TS, Python, notebooks, JSON, YAML, TOML and .env', async () => {
    const d = write(tmp(), {
      'a.ts':
        'import OpenAI from "openai";\nconst c = new OpenAI();\nawait c.chat.completions.create({ model: "gpt-4o", messages: [] });\nawait c.chat.completions.create({ model: `gpt-4o`, messages: [] });\n',
      'b.js': "const OpenAI = require('openai');\nconst c = new OpenAI();\nc.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
      'c.py': 'import openai\nc = openai.OpenAI()\nc.chat.completions.create(model="gpt-4o", messages=[])\nc.chat.completions.create(model=\'gpt-4o\', messages=[])\n',
      'd.json': '{ "openai_model": "gpt-4o", "other": 1 }\n',
      'e.yaml': 'model: gpt-4o\nchat_model: "gpt-4o"\nother: 1\n',
      'f.toml': 'model = "gpt-4o"\nalt_model = \'gpt-4o\'\nother = 1\n',
      '.env': 'OPENAI_MODEL=gpt-4o\nCHAT_MODEL="gpt-4o"\nOTHER=1\n',
      'g.ipynb':
        JSON.stringify(
          {
            cells: [
              { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: ['import openai\n', 'c = openai.OpenAI()\n', "c.chat.completions.create(model='gpt-4o', messages=[])\n"] },
            ],
            metadata: {},
            nbformat: 4,
            nbformat_minor: 5,
          },
          null,
          1,
        ) + '\n',
    });
    const provider = getProvider('deepseek');
    const before = new Map(readdirSync(d).map((f) => [f, readFileSync(path.join(d, f), 'utf8')]));
    for (const evil of ['x" + require("child_process").execSync("id") + "', "x' + __import__('os').system('id') + '", 'a\nEVIL=1', '","k":"v', '${process.exit(1)}']) {
      for (const [f, t] of before) writeFileSync(path.join(d, f), t);
      const r = await run({ cwd: d, paths: ['.', '.env'], handlers: HANDLERS, target: resolveTarget(provider), models: new ModelMap(provider, { 'gpt-4o': evil }), write: true, maxFileSize: 1 << 20 });
      for (const f of r.files) {
        let text = readFileSync(path.join(d, f.file), 'utf8');
        if (f.status !== 'changed') {
          expect(text, `${f.file} (${f.status} ${f.errorId})`).toBe(before.get(f.file));
          continue;
        }
        // Written: still parses, and the hostile value is a string equal to itself (checked per language).
        if (f.file.endsWith('.ts') || f.file.endsWith('.js')) {
          const { sf, error } = parseJs(f.file, text);
          expect(error, f.file).toBeUndefined();
          const strings: string[] = [];
          const visit = (n: import('ts-morph').ts.Node) => {
            if (tsc.isStringLiteral(n) || tsc.isNoSubstitutionTemplateLiteral(n)) strings.push(n.text);
            expect(tsc.isTemplateExpression(n), `${f.file}: a template with substitutions appeared`).toBe(false);
            n.forEachChild(visit);
          };
          visit(sf);
          expect(strings.filter((s) => s === evil).length, `${f.file}: ${text}`).toBeGreaterThan(0);
        } else if (f.file.endsWith('.py') || f.file.endsWith('.ipynb')) {
          if (f.file.endsWith('.ipynb')) text = (JSON.parse(text) as { cells: Array<{ source: string[] }> }).cells[0]!.source.join('');
          const out = py(
            'import ast,sys,json\nt=ast.parse(sys.stdin.read())\nprint(json.dumps(sorted({n.value for n in ast.walk(t) if isinstance(n,ast.Constant) and isinstance(n.value,str)})))',
            text,
          );
          expect(JSON.parse(out) as string[]).toContain(evil);
          expect(
            py('import ast,sys\nt=ast.parse(sys.stdin.read())\nprint(sorted({n.func.attr if isinstance(n.func,ast.Attribute) else n.func.id for n in ast.walk(t) if isinstance(n,ast.Call)}))', text),
          ).not.toMatch(/system|__import__/);
        } else if (f.file.endsWith('.json')) {
          expect(JSON.parse(text)).toEqual({ openai_model: evil, other: 1 });
        } else if (f.file.endsWith('.yaml')) {
          const o = parseYaml(text) as Record<string, unknown>;
          expect(Object.keys(o).sort()).toEqual(['chat_model', 'model', 'other']);
          expect(Object.values(o).filter((v) => v === evil).length).toBeGreaterThan(0);
        } else if (f.file.endsWith('.toml')) {
          const o = JSON.parse(py('import tomllib,sys,json\nprint(json.dumps(tomllib.loads(sys.stdin.read())))', text)) as Record<string, unknown>;
          expect(Object.keys(o).sort()).toEqual(['alt_model', 'model', 'other'].filter((k) => k in o).sort());
          expect(o.other).toBe(1);
          for (const v of Object.values(o)) expect(v === evil || v === 'gpt-4o' || v === 1).toBe(true);
        } else if (f.file === '.env') {
          const p = parseEnv(text);
          expect(p.error).toBeUndefined();
          expect(p.entries.map((e) => e.name)).toEqual(['OPENAI_MODEL', 'CHAT_MODEL', 'OTHER']);
        }
      }
      const changed = r.files.filter((f) => f.status === 'changed').map((f) => f.file);
      expect(changed, evil).toEqual(expect.arrayContaining(['a.ts', 'b.js', 'c.py', 'd.json', 'g.ipynb']));
      for (const f of r.files) if (f.status === 'failed') expect(f.errorId, `${f.file}: ${f.reason}`).toBe('E_BAD_VALUE');
      // The bare .env value cannot hold the hostile value: that file fails, byte-identical, with E_BAD_VALUE.
      const env = r.files.find((f) => f.file === '.env')!;
      if (/[\s"'#$]/.test(evil)) expect(env.errorId === 'E_BAD_VALUE' || env.status !== 'changed').toBe(true);
    }
  }, 120_000); // a migration per hostile value and file kind: ~32 s alone on a loaded 2-core machine
});

// Secrets of every shape (built at run time so no scanner flags this file).
const HEX32 = '0123456789abcdef'.repeat(2) + 'a1b2c3d4';
const LIVE = 'live_' + 'Q8w7E6r5T4y3U2i1';
const SK = 'sk-' + 'proj-' + 'A1b2C3d4E5f6G7h8I9j0K1l2';
const JWT = 'eyJ' + 'hbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const B64 = 'Zm9vYmFyQmF6UXV4' + 'MTIzNDU2Nzg5MGFiY2RlZg==';
const B64URL = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z_-';
const ORG = 'org-' + 'AbCdEf1234567890XyZw';
const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
const LOWER = 'Xy9' + 'plainLowerSecretValue';
const SECRETS = [HEX32, LIVE.slice(5), SK.slice(8), JWT.slice(20), B64.slice(0, 20), B64URL.slice(3), ORG.slice(4), PEM_BODY, LOWER];

describe('item 7: secrets are masked by name and by shape in every output', () => {
  it('masks each shape and each key-like name; leaves model ids, URLs, counts and references readable', () => {
    for (const line of [
      `AZURE_OPENAI_KEY=${HEX32}`,
      `token: ${LIVE}`,
      `OPENAI_API_KEY=${SK}`,
      `auth = "${JWT}"`,
      `blob: ${B64}`,
      `x = "${B64URL}"`,
      `OPENAI_ORG_ID=${ORG}`,
      `apiKey: '${LOWER}'`,
      `api_key="${LOWER}"`,
      `"password": "${LOWER}"`,
      `client_secret = '${LOWER}'`,
    ]) {
      const m = maskSecrets(line, 'x.env');
      for (const s of SECRETS) expect(m, line).not.toContain(s);
      expect(m).toContain('****');
    }
    expect(maskSecrets(`api_key: ${LOWER}`, 'config.yaml')).toBe('api_key: ****');
    expect(maskSecrets(`organization: "${LOWER}"`, 'a.ts')).toBe('organization: "****"');
    // PEM across lines (a .env value spanning lines, and in a diff).
    const pem = `+PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\n+${PEM_BODY}\n+short\n+-----END PRIVATE KEY-----"\n`;
    expect(maskSecrets(pem, '.env')).toBe('+PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\n+****\n+****\n+-----END PRIVATE KEY-----"\n');
    expect(maskSecrets(`K="-----BEGIN RSA PRIVATE KEY-----\\n${PEM_BODY}\\n-----END RSA PRIVATE KEY-----"`, '.env')).not.toContain(PEM_BODY);
    for (const keep of [
      'model: gpt-4o-realtime-preview-2024-12-17',
      'max_tokens: 4096',
      'apiKey: process.env.DEEPSEEK_API_KEY',
      'OPENAI_API_KEY=${SECRET_FROM_VAULT}',
      'url: https://api.openai.com/v1/chat/completions',
      'deepseek-ai/DeepSeek-V4-Pro',
      'src/components/very/long/path/to/SomeComponent2.tsx',
    ]) {
      expect(maskSecrets(keep, 'x.yaml')).toBe(keep);
    }
  });

  it('TODO comments get masked, one-line marker text (a line break cannot end the comment early)', () => {
    const t = markerText({}, `key ${SK} leaked\nprocess.exit(1)`, 'do */ this');
    expect(t).not.toContain(SK.slice(8));
    expect(t).not.toMatch(/[\n\r]/);
    expect(t).not.toContain('*/');
  });

  it('no secret reaches migrate text/json/--report md/json or scan/check text/json/sarif/markdown/github (+ job summary)', () => {
    const d = write(tmp(), {
      '.env': `OPENAI_API_KEY=${SK}\nAZURE_OPENAI_API_KEY=${HEX32}\nOPENAI_ORG_ID=${ORG}\nSTRIPE_TOKEN=${LIVE}\nSESSION_JWT=${JWT}\nPRIVATE_KEY="-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n${PEM_BODY.slice(0, 30)}\n-----END PRIVATE KEY-----"\nOPENAI_BASE_URL=https://api.openai.com/v1\n`,
      'config.yaml': `openai:\n  api_key: ${LOWER}\n  token: ${B64URL}\n  model: gpt-4o\n  base_url: https://api.openai.com/v1\n`,
      'src/client.ts': `import OpenAI from 'openai';\nexport const c = new OpenAI({ apiKey: '${LOWER}', organization: '${ORG}' });\nconst blob = '${B64}';\nawait c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n`,
      'app.py': `import openai\nclient = openai.OpenAI(api_key="${HEX32}")\nclient.chat.completions.create(model="gpt-4o", messages=[])\n`,
    });
    const outputs: Array<[string, string]> = [];
    const run = (args: string[], env: Record<string, string> = {}) => {
      const r = cli(args, { cwd: d, env });
      outputs.push([args.join(' '), r.stdout + r.stderr]);
      return r;
    };
    run(['migrate', '-p', 'deepseek', '--dry-run', '.', '.env']);
    run(['migrate', '-p', 'deepseek', '--dry-run', '--format', 'json', '.', '.env']);
    run(['migrate', '-p', 'deepseek', '--dry-run', '--verbose', '--report', 'r.md', '.', '.env']);
    outputs.push(['report md', readFileSync(path.join(d, 'r.md'), 'utf8')]);
    run(['migrate', '-p', 'deepseek', '--dry-run', '--report', 'r.json', '.', '.env']);
    outputs.push(['report json', readFileSync(path.join(d, 'r.json'), 'utf8')]);
    const summary = path.join(d, 'summary.md');
    for (const cmd of ['scan', 'check']) {
      for (const format of cmd === 'scan' ? ['text', 'json', 'sarif', 'markdown'] : ['text', 'json', 'sarif', 'markdown', 'github']) {
        run([cmd, '--format', format, '.', '.env'], { GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1' });
        run([cmd, '-p', 'qwen', '--format', format, '.', '.env'], { GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1' });
      }
    }
    run(['check', '--write-baseline', 'base.json', '.', '.env']);
    outputs.push(['summary', readFileSync(summary, 'utf8')], ['baseline', readFileSync(path.join(d, 'base.json'), 'utf8')]);
    // The outputs did show the files (so the test would see a leak).
    expect(outputs.find(([n]) => n.startsWith('migrate -p deepseek --dry-run .'))![1]).toContain('config.yaml');
    expect(outputs.find(([n]) => n === 'check --format json . .env')![1]).toContain('src/client.ts');
    for (const [name, out] of outputs) for (const s of SECRETS) expect(out.includes(s), `${name} shows ${s}`).toBe(false);
  }, 300_000);
});

describe('item 9: file names and messages cannot forge output', () => {
  const NAMES = ['evil\n::error file=x.ts,line=1::pwned.ts', 'tick`<img src=x onerror=alert(1)>`.ts', 'esc\u001b[31mred\u001b]0;title\u0007.ts', 'pipe|and*stars*_.ts'];
  const tree = () => write(tmp(), Object.fromEntries(NAMES.map((n) => [n, "import OpenAI from 'openai';\nconst c = new OpenAI();\nc.chat.completions.create({ model: 'gpt-4o', messages: [] });\n"])));

  it('text, json, sarif, github, markdown, the job summary and --report: no forged line, no escape sequence, no raw HTML', () => {
    const d = tree();
    const summary = path.join(d, 'summary.md');
    const outs: Record<string, string> = {};
    for (const f of ['text', 'json', 'sarif', 'markdown', 'github'])
      outs[`check ${f}`] = cli(['check', '--format', f, '.'], { cwd: d, env: { GITHUB_STEP_SUMMARY: summary, FORCE_COLOR: '0', NO_COLOR: '1' } }).stdout;
    outs['scan text'] = cli(['scan', '.'], { cwd: d, env: { NO_COLOR: '1' } }).stdout;
    outs['migrate text'] = cli(['migrate', '-p', 'deepseek', '--dry-run', '--report', 'r.md', '.'], { cwd: d, env: { NO_COLOR: '1' } }).stdout;
    outs['migrate json'] = cli(['migrate', '-p', 'deepseek', '--dry-run', '--format', 'json', '.'], { cwd: d }).stdout;
    outs.report = readFileSync(path.join(d, 'r.md'), 'utf8');
    outs.summary = readFileSync(summary, 'utf8');
    for (const [name, out] of Object.entries(outs)) {
      expect(out.length, name).toBeGreaterThan(100);
      expect(out, name).not.toMatch(/[\u001b\u0007\u009b]/);
      // The only workflow commands are the ones github output emits, one per finding, never from a file name.
      for (const line of out.split('\n')) expect(line.startsWith('::error file=x.ts'), `${name}: ${line}`).toBe(false);
    }
    // Every file is still named (escaped), not dropped.
    expect(outs['check text']).toContain('evil\\n::error file=x.ts,line=1::pwned.ts');
    expect(outs['check text']).toContain('esc\\e[31mred');
    const gh = outs['check github'].split('\n').filter((l) => l.startsWith('::'));
    for (const l of gh) expect(l).toMatch(/^::(error|warning|notice) file=[^,:]*,/);
    expect(gh.some((l) => l.includes('file=evil%0A%3A%3Aerror file=x.ts%2Cline=1%3A%3Apwned.ts,'))).toBe(true);
    // JSON stays JSON and keeps the real name.
    const j = JSON.parse(outs['check json']) as { findings: Array<{ file: string }> };
    expect(j.findings.map((f) => f.file)).toContain(NAMES[0]);
    JSON.parse(outs['check sarif']);
    // Markdown: no raw HTML from a name, a backticked name stays in one code span.
    for (const k of ['check markdown', 'summary', 'report']) {
      const html = marked.parse(outs[k]!) as string;
      expect(html, k).not.toMatch(/<img/);
      expect(html, k).toContain('tick`&lt;img src=x onerror=alert(1)&gt;`.ts');
    }
  }, 120_000); // every output format over a tree of forged names: ~38 s alone under load

  it('error messages on stderr escape the path they name', () => {
    const r = cli(['scan', 'no\n::error::forged'], { cwd: tmp() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('path not found: no\\n::error::forged');
    for (const line of r.stderr.split('\n')) expect(line.startsWith('::')).toBe(false);
  });

  it('escape helpers: printable, GitHub data and properties', () => {
    expect(printable('a\nb\r\u001b[0m\u0000\u009b')).toBe('a\\nb\\r\\e[0m\\x00\\x9b');
    expect(escapeData('50% done\r\n::error::x')).toBe('50%25 done%0D%0A::error::x');
    expect(escapeProperty('a:b,c\n')).toBe('a%3Ab%2Cc%0A');
  });
});

describe('item 11: bounded work per file', () => {
  it('a diff of 20,000 changed lines takes the linear path (never Myers past its edit budget) and is a correct patch', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `  { model: "gpt-4o", n: ${i} },`).join('\n') + '\n';
    const after = before.replace(/gpt-4o/g, 'deepseek-v4-pro');
    const d = unifiedDiff('big.ts', before, after);
    expect(d.strategy).toBe('aligned');
    expect(applyPatch(before, d.text)).toBe(after);
    // Lines inserted as well: the whole-middle fallback, still a correct patch.
    const grown = after.replace(/n: (\d+)0 },/g, 'n: $10 },\n  // TODO(openai-migrate): x');
    const w = unifiedDiff('big.ts', before, grown);
    expect(w.strategy).not.toBe('myers');
    expect(applyPatch(before, w.text)).toBe(grown);
    // A small change keeps the compact Myers diff.
    const small = unifiedDiff('a.ts', before, before.replace('n: 5 }', 'n: 6 }'));
    expect(small.strategy).toBe('myers');
    expect(small.text.split('\n').filter((l) => /^[-+] /.test(l))).toHaveLength(2);
    expect(MAX_EDIT_LENGTH).toBeLessThanOrEqual(5000);
  });

  it('a 420 KB file with 20,000 changed lines: migrate --dry-run finishes and reports the linear diff', () => {
    const lines = Array.from({ length: 20_000 }, () => `  { model: "gpt-4o" },`);
    const text = `import OpenAI from "openai";\nconst c = new OpenAI();\nexport const all = [\n${lines.join('\n')}\n];\nc.chat.completions.create({ model: all[0].model, messages: [] });\n`;
    expect(text.length).toBeGreaterThan(420_000);
    const d = write(tmp(), { 'big.ts': text });
    // The JSON is larger than spawnSync's default buffer.
    const p = spawnSync(process.execPath, [BIN, 'migrate', '-p', 'deepseek', '--dry-run', '--format', 'json', '.'], {
      cwd: d,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, OPENAI_MIGRATE_TIMING: '1' },
      encoding: 'utf8',
      maxBuffer: 256 << 20,
      timeout: 170_000,
    });
    const r = { code: p.status, stdout: p.stdout, stderr: p.stderr };
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/big\.ts: over \d+ changed lines, linear diff \(aligned\)/);
    const j = JSON.parse(r.stdout) as { files: Array<{ file: string; diff: string; changes: unknown[] }> };
    expect(j.files[0]!.changes.length).toBeGreaterThanOrEqual(20_000);
    const patched = applyPatch(text, j.files[0]!.diff);
    expect(typeof patched).toBe('string');
    expect((patched as string).match(/model: "deepseek-v4-pro"/g)).toHaveLength(20_000);
  }, 180_000);

  it('deep nesting (10,000 parentheses, 5,000 nested calls, 50,000-term + chains) is E_TOO_DEEP, the files byte-identical', () => {
    const files = {
      'parens.ts': 'import OpenAI from "openai";\nconst c = new OpenAI();\nconst x = ' + '(\n'.repeat(10_000) + '1' + ')\n'.repeat(10_000) + ';\n',
      'calls.ts': 'import OpenAI from "openai";\nconst c = new OpenAI();\nconst x = ' + 'f(\n'.repeat(5_000) + '1' + ')\n'.repeat(5_000) + ';\n',
      'plus.ts': 'import OpenAI from "openai";\nconst c = new OpenAI();\nconst x = ' + Array.from({ length: 50_000 }, (_, i) => `a${i % 10}`).join(' +\n') + ';\n',
      'parens.py': 'import openai\nc = openai.OpenAI()\nx = ' + '(\n'.repeat(10_000) + '1' + ')\n'.repeat(10_000) + '\n',
      'plus.py': 'import openai\nc = openai.OpenAI()\nx = (' + Array.from({ length: 50_000 }, (_, i) => `a${i % 10}`).join(' +\n') + ')\n',
    };
    const d = write(tmp(), files);
    const r = cli(['migrate', '-p', 'deepseek', '--force', '--format', 'json', '.'], { cwd: d });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as { files: Array<{ file: string; status: string; errorId: string; reason: string }> };
    for (const f of Object.keys(files)) {
      const res = j.files.find((x) => x.file === f);
      // Either handled (migrated and parseable) or a clear E_TOO_DEEP; never E_INTERNAL.
      expect(res?.errorId, f).not.toBe('E_INTERNAL');
      if (res?.status !== 'changed') {
        expect(res?.errorId, f).toBe('E_TOO_DEEP');
        expect(res?.reason).toMatch(/nesting too deep/);
        expect(readFileSync(path.join(d, f), 'utf8')).toBe(files[f as keyof typeof files]);
      }
    }
  }, 120_000);

  it('the minified check looks at the whole file, not only the first 64 KiB', () => {
    const head = 'const a = 1;\n'.repeat(10_000);
    expect(head.length).toBeGreaterThan(65_536);
    expect(isGenerated(head)).toBe(false);
    expect(isGenerated(head + 'x'.repeat(1_500_000) + '\n')).toBe(true);
    expect(isGenerated('y'.repeat(2001))).toBe(true);
  });

  it('the code-cache folder is best-effort: procfs or an impossible path gives up at once (Node 20 recursive mkdir spins there)', () => {
    if (process.platform === 'linux') {
      expect(ensureDir('/proc/self/openai-migrate-test/v8')).toBe(false);
      expect(ensureDir('/proc/openai-migrate-nope/v8')).toBe(false);
    }
    const blocker = path.join(tmp(), 'file');
    writeFileSync(blocker, 'x');
    expect(ensureDir(path.join(blocker, 'v8'))).toBe(false);
    const ok = path.join(tmp(), 'a', 'b', 'v8');
    expect(ensureDir(ok)).toBe(true);
    expect(existsSync(ok)).toBe(true);
  });
});

describe('item 12: no silent passes, clear errors', () => {
  it('TOML inline tables get findings and are migrated (the output parses)', () => {
    const d = write(tmp(), { 'app.toml': '[llm]\nclient = { model = "gpt-4o", base_url = "https://api.openai.com/v1", nested = { chat_model = \'gpt-4o-mini\' } }\n' });
    const s = JSON.parse(cli(['check', '--format', 'json', '.'], { cwd: d }).stdout) as { findings: Array<{ rule: string }> };
    expect(s.findings.map((f) => f.rule).sort()).toEqual(['openai-http', 'openai-model', 'openai-model']);
    expect(cli(['migrate', '-p', 'qwen', '--force', '.'], { cwd: d }).code).toBe(0);
    const out = readFileSync(path.join(d, 'app.toml'), 'utf8');
    const o = JSON.parse(py('import tomllib,sys,json\nprint(json.dumps(tomllib.loads(sys.stdin.read())))', out)) as { llm: { client: Record<string, unknown> } };
    expect(o.llm.client.model).toBe('qwen3-max');
    expect(o.llm.client.base_url).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1');
    expect((o.llm.client.nested as Record<string, string>).chat_model).toBe('qwen-flash');
  });

  it('an nbformat-3 notebook (worksheets[].cells, input) is scanned and migrated', () => {
    const nb = {
      metadata: { name: '' },
      nbformat: 3,
      nbformat_minor: 0,
      worksheets: [
        {
          cells: [
            { cell_type: 'markdown', source: ['# t'] },
            {
              cell_type: 'code',
              collapsed: false,
              input: ['import openai\n', 'client = openai.OpenAI()\n', 'r = client.chat.completions.create(model="gpt-4o", messages=[])\n'],
              language: 'python',
              metadata: {},
              outputs: [],
            },
          ],
          metadata: {},
        },
      ],
    };
    const d = write(tmp(), { 'old.ipynb': JSON.stringify(nb, null, 1) + '\n' });
    const s = JSON.parse(cli(['check', '--format', 'json', '.'], { cwd: d }).stdout) as { findings: Array<{ rule: string; cell?: number }> };
    expect(s.findings.some((f) => f.rule === 'openai-model' && f.cell === 2)).toBe(true);
    expect(cli(['migrate', '-p', 'deepseek', '--force', '.'], { cwd: d }).code).toBe(0);
    const after = JSON.parse(readFileSync(path.join(d, 'old.ipynb'), 'utf8')) as typeof nb;
    const src = (after.worksheets[0]!.cells[1] as { input: string[] }).input.join('');
    expect(src).toContain('model="deepseek-v4-pro"');
    expect(src).toContain('base_url="https://api.deepseek.com"');
  });

  it('a .vue file with an unclosed <script> is E_PARSE (exit 1), not a pass', () => {
    const d = write(tmp(), { 'C.vue': '<template><div/></template>\n<script setup lang="ts">\nimport OpenAI from "openai";\nconst c = new OpenAI();\n' });
    const r = cli(['check', '.'], { cwd: d, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/C\.vue \[E_PARSE\].*<script> block is not closed/);
  });

  it('an invalid package.json is the input’s E_PARSE; duplicate "dependencies" leave it byte-identical with E_PARSE', () => {
    const use = 'import { ChatOpenAI } from "@langchain/openai";\nexport const m = new ChatOpenAI({ model: "gpt-4o" });\n';
    const bad = '{ "name": "x", "dependencies": { "@langchain/openai": "^0.3" }, }';
    const dup = '{ "name": "y", "dependencies": { "@langchain/openai": "^0.3" }, "dependencies": { "left-pad": "1" } }\n';
    const d = write(tmp(), { 'bad/package.json': bad, 'bad/a.ts': use, 'dup/package.json': dup, 'dup/a.ts': use });
    const r = cli(['migrate', '-p', 'deepseek', '--force', '--format', 'json', '.'], { cwd: d });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as { files: Array<{ file: string; errorId?: string; reason?: string }> };
    const b = j.files.find((f) => f.file === 'bad/package.json')!;
    expect(b.errorId).toBe('E_PARSE');
    expect(b.reason).toMatch(/does not parse as JSON before any change/);
    expect(b.reason).not.toMatch(/migrated text/);
    const u = j.files.find((f) => f.file === 'dup/package.json')!;
    expect(u.errorId).toBe('E_PARSE');
    expect(u.reason).toMatch(/2 "dependencies" objects/);
    expect(readFileSync(path.join(d, 'bad/package.json'), 'utf8')).toBe(bad);
    expect(readFileSync(path.join(d, 'dup/package.json'), 'utf8')).toBe(dup);
  });

  it('bad flag values are exit 2 with the valid range, before anything runs', () => {
    const d = write(tmp(), { 'a.ts': 'import OpenAI from "openai";\nnew OpenAI();\n' });
    mkdirSync(path.join(d, 'folder'));
    const cases: Array<[string[], RegExp]> = [
      [['scan', '--max-file-size', 'abc', '.'], /--max-file-size.*1 to 1073741824/],
      [['scan', '--max-file-size', '-1', '.'], /--max-file-size.*1 to 1073741824/],
      [['check', '--max-file-size', '0', '.'], /--max-file-size.*1 to 1073741824/],
      [['migrate', '-p', 'deepseek', '--dry-run', '--max-file-size', '1.5', '.'], /--max-file-size/],
      [['migrate', '-p', 'deepseek', '--dry-run', '--config', 'folder', '.'], /--config: "folder" is not a regular file/],
      [['check', '--write-baseline', 'folder', '.'], /--write-baseline: "folder" is not a regular file/],
      [['check', '--baseline', 'folder', '.'], /--baseline: "folder" is not a regular file/],
      [['--lang', 'xx', 'scan', '.'], /--lang.*use en or zh/],
      [['scan', '--include', '[', '.'], /--include: "\[" .*glob/],
      [['migrate', '-p', 'deepseek', '--dry-run', '--exclude', 'a\nb', '.'], /--exclude/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(args, { cwd: d });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(msg);
      expect(r.stderr).not.toMatch(/internal error/i);
    }
    expect(existsSync(path.join(d, 'folder', 'openai-migrate-baseline.json'))).toBe(false);
  });

  it('the new reasons have Chinese (by id)', async () => {
    const { localize } = await import('../src/i18n/messages.js');
    const { msg, refOf } = await import('../src/i18n/msg.js');
    for (const [m, english] of [
      [msg('file.notRegular', { kind: 'a FIFO' }), 'not a regular file (a FIFO); not read'],
      [msg('file.tooDeep', { file: 'a.ts' }), 'a.ts: nesting too deep to analyse safely (recursion limit reached); file left unchanged'],
      [
        msg('file.pkgJsonParse', { file: 'bad/package.json', error: 'x', pkgs: '@langchain/deepseek' }),
        'bad/package.json does not parse as JSON before any change (x); left unchanged, so @langchain/deepseek was not declared',
      ],
      [
        msg('file.pkgJsonDuplicate', { file: 'dup/package.json', n: 2, key: 'dependencies' }),
        'dup/package.json has 2 "dependencies" objects (JSON parsers keep only the last one); left unchanged: merge them and run again',
      ],
      [msg('file.scriptNotClosed', { where: 'C.vue:2:1' }), 'syntax error at C.vue:2:1 <script> block is not closed (no </script>)'],
    ] as const) {
      expect(m.text).toBe(english);
      expect(localize(m.text, refOf(m), 'zh'), english).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(localize('x', refOf(msg('file.notRegular', { kind: 'a FIFO' })), 'zh')).toBe('不是普通文件（FIFO 管道）；未读取');
  });

  it('a FIFO named on the command line is "not a regular file" (exit 1), never opened', () => {
    if (process.platform === 'win32') return;
    const d = tmp();
    execFileSync('mkfifo', [path.join(d, 'pipe.ts')]);
    const r = cli(['scan', 'pipe.ts'], { cwd: d, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/pipe\.ts \[E_READ\] not a regular file \(a FIFO\)/);
    expect(r.stdout).not.toMatch(/cannot read folder/);
  });
});
