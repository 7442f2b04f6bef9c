import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, scan } from '../src/api.js';
import { inventory } from '../src/check/index.js';
import { isFeatureKey, isSettingSite, keyValueMismatch, keyWords } from '../src/lang/config/model-setting.js';
import { iniSites } from '../src/lang/config/ini.js';
import { scanToml } from '../src/lang/config/toml.js';
import type { ValueSite } from '../src/lang/config/sites.js';

const INPUT = path.join(__dirname, '..', 'fixtures', 'cases', 'config', 'model-settings', 'input');
const copy = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oam-settings-'));
  cpSync(INPUT, dir, { recursive: true });
  return dir;
};
const site = (path: string[], value: string): ValueSite => ({ path, value, start: 0, end: value.length, editable: true });

describe('model settings judged by key and value', () => {
  it('splits keys into words and knows feature words', () => {
    expect(keyWords('embeddingModel')).toEqual(['embedding', 'model']);
    expect(keyWords('FAST_LLM')).toEqual(['fast', 'llm']);
    for (const k of ['chat', 'FAST_LLM', 'summarizer', 'embedding', 'visionEngine']) expect(isFeatureKey(k), k).toBe(true);
    for (const k of ['title', 'label', 'name', 'id', 'APP_NAME', 'description']) expect(isFeatureKey(k), k).toBe(false);
  });
  it('needs both: a feature key (or a model group parent) and a catalogue id', () => {
    expect(isSettingSite(site(['chat'], 'gpt-4o'))).toBe(true);
    expect(isSettingSite(site(['models', 'default'], 'o3-mini'))).toBe(true);
    expect(isSettingSite(site(['llm', 'primary'], 'gpt-4.1'))).toBe(true);
    expect(isSettingSite(site(['chat'], 'claude-3-5-sonnet'))).toBe(false);
    expect(isSettingSite(site(['title'], 'gpt-4o'))).toBe(false);
    expect(isSettingSite(site(['features', 'label'], 'gpt-4o'))).toBe(false);
    // Records of a list (`models: [{ id: gpt-4o }]`), schemas and gateway ids are not settings.
    expect(isSettingSite(site(['models', '[]', 'id'], 'gpt-4o'))).toBe(false);
    expect(isSettingSite(site(['components', 'schemas', 'Req', 'properties', 'chat', 'default'], 'gpt-4o'))).toBe(false);
    expect(isSettingSite(site(['chat'], 'openai/gpt-4o'))).toBe(false);
    expect(isSettingSite(site(['engine'], 'davinci'))).toBe(false);
    expect(isSettingSite(site(['assistant'], 'GPT-4o'))).toBe(false);
    expect(isSettingSite({ ...site(['chat', 'default'], 'gpt-4o'), keys: ['type', 'description', 'default'] })).toBe(false);
    // `model` keys are the older rule's unless asked (pyproject-style callers).
    expect(isSettingSite(site(['app', 'model'], 'gpt-4o'))).toBe(false);
    expect(isSettingSite(site(['app', 'model'], 'gpt-4o'), true)).toBe(true);
  });
  it('reports a key that names another kind of model instead of mapping it', () => {
    expect(keyValueMismatch('embedding', 'gpt-4o')?.text).toMatch(/names embeddings/);
    expect(keyValueMismatch('chat', 'text-embedding-3-small')?.text).toMatch(/names a chat model/);
    expect(keyValueMismatch('vision', 'gpt-4o')?.text).toMatch(/names images/);
    expect(keyValueMismatch('embedding', 'text-embedding-3-small')).toBeUndefined();
    expect(keyValueMismatch('FAST_LLM', 'gpt-4o-mini')).toBeUndefined();
  });
});

describe('INI and multi-line TOML scanning', () => {
  it('INI: sections, = and :, quotes, inline comments, continuation lines', () => {
    const text = '; c\n[llm]\nchat = gpt-4o ; main\nembedding: "text-embedding-3-small"\nnote = a\n  continued\n';
    const s = iniSites(text);
    expect(s.map((x) => [x.path.join('.'), x.value, text.slice(x.start, x.end), x.editable])).toEqual([
      ['llm.chat', 'gpt-4o', 'gpt-4o', true],
      ['llm.embedding', 'text-embedding-3-small', 'text-embedding-3-small', true],
      ['llm.note', 'a', 'a', false],
    ]);
  });
  it('TOML: multi-line arrays with comments are scanned, offsets exact', () => {
    const text = '[project]\ndependencies = [\n  "httpx>=0.27",  # http, "quoted"\n  "pydantic",\n]\n[tool.app]\nllm = "gpt-4o"\n';
    const r = scanToml(text);
    expect(r.error).toBeUndefined();
    expect(r.values.map((v) => [v.path.join('.'), text.slice(v.start, v.end)])).toEqual([
      ['project.dependencies.[]', 'httpx>=0.27'],
      ['project.dependencies.[]', 'pydantic'],
      ['tool.app.llm', 'gpt-4o'],
    ]);
    expect(scanToml('a = [\n "x"\n').error).toMatch(/unterminated array/);
  });
});

describe('config files that name models without naming OpenAI', () => {
  it('scan reports each setting (openai-model-setting) and nothing in the negative files', async () => {
    const r = await scan({ cwd: copy(), paths: ['.'] });
    const by = new Map<string, string[]>();
    for (const f of r.files) for (const x of f.findings) by.set(f.file, [...(by.get(f.file) ?? []), `${x.rule}:${x.model ?? ''}`]);
    expect(by.get('config/models.yaml')).toEqual([
      'openai-model-setting:gpt-4o',
      'openai-model-setting:gpt-4o-mini',
      'openai-model-setting:text-embedding-3-small',
      'openai-model-setting:gpt-4o',
      'openai-model-setting:o3-mini',
      'openai-model-setting:gpt-4.1-mini',
    ]);
    expect(by.get('.env')).toEqual(['openai-model-setting:gpt-4o-mini', 'openai-model-setting:gpt-4o', 'openai-model-setting:text-embedding-3-small']);
    expect(by.get('service/settings.ini')).toEqual(['openai-model-setting:gpt-4o', 'openai-model-setting:text-embedding-3-small', 'openai-model:gpt-4o-mini']);
    expect(by.get('pyproject.toml')).toEqual(['openai-model:gpt-4o', 'openai-model-setting:gpt-4o-mini', 'openai-model-setting:text-embedding-3-large', 'openai-model-setting:gpt-4.1']);
    expect(by.get('models.json')).toEqual(['openai-model-setting:gpt-4o', 'openai-model-setting:text-embedding-3-small', 'openai-model-setting:gpt-4o-mini']);
    for (const f of ['pricing.yaml', 'tests/fixtures/llm.json', 'locales/en.json', 'openapi.yaml', 'package.json']) expect(by.get(f), f).toBeUndefined();
  });
  it('migrate maps by tier, reports the ambiguous ones, and leaves the negative files byte-identical', async () => {
    const dir = copy();
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    const fu = r.files.flatMap((f) => f.followUps.map((x) => `${f.file}: ${x.reason}`));
    expect(fu).toContain('config/models.yaml: `vision` names images but holds gpt-4o: not changed');
    expect(fu).toContain('pricing.yaml: a list of OpenAI model names used as a lookup table (capabilities, prices...) was left as it is');
    // A price-like key (`openai_rate_limit`) among translations names no model: no lookup-table follow-up for its text.
    expect(fu.filter((x) => x.startsWith('locales/en.json'))).toEqual([]);
    expect(fu.filter((x) => /has no embedding-small model to replace text-embedding-3-small/.test(x)).length).toBe(4);
    for (const f of ['pricing.yaml', 'tests/fixtures/llm.json', 'locales/en.json', 'openapi.yaml', 'package.json']) {
      expect(readFileSync(path.join(dir, f), 'utf8'), f).toBe(readFileSync(path.join(INPUT, f), 'utf8'));
    }
    // After the migration, only what has no provider equivalent (and the vision key) is still reported.
    const after = await scan({ cwd: dir, paths: ['.'] });
    const left = after.files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.model}`));
    expect(left.sort()).toEqual([
      '.env:text-embedding-3-small',
      'config/models.yaml:gpt-4o',
      'config/models.yaml:text-embedding-3-small',
      'models.json:text-embedding-3-small',
      'pyproject.toml:text-embedding-3-large',
      'service/settings.ini:text-embedding-3-small',
    ]);
  });
  it('an INI `;` comment or an env `#` comment silences one setting', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-settings-'));
    writeFileSync(path.join(dir, 'app.ini'), '[llm]\n; openai-migrate-ignore openai-model-setting -- baseline of the benchmark\nchat = gpt-4o\nllm = gpt-4o\n');
    writeFileSync(path.join(dir, '.env'), '# openai-migrate-ignore openai-model-setting -- kept on OpenAI\nFAST_LLM=gpt-4o-mini\n');
    const r = await inventory({ cwd: dir, paths: ['.'] });
    expect(r.suppressed).toBe(2);
    expect(r.findings.map((x) => `${x.file}:${x.line} ${x.rule}`)).toEqual(['app.ini:4 openai-model-setting']);
  });
});
