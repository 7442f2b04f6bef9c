import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { cli, ROOT } from './helpers/cli.js';

/**
 * The JSON Schemas shipped in schemas/ (package.json `files`) checked against
 * real outputs of the built CLI: scan/check, migrate, the migration report,
 * the baseline, providers, models, Code Quality, and config files. Each output
 * names its schema in `$schema`.
 */
const DIR = path.join(ROOT, 'schemas');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; files: string[] };

function ajv(): Ajv {
  const a = new Ajv({ strict: true, allErrors: true });
  a.addFormat('uri', (s: string) => URL.canParse(s));
  for (const f of readdirSync(DIR)) a.addSchema(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')), f);
  return a;
}

const json = (cwd: string, args: string[]) => JSON.parse(cli(args, { cwd }).stdout);

function check(a: Ajv, name: string, doc: unknown): void {
  const v = a.getSchema(`${name}.schema.json`)!;
  const ok = v(doc);
  expect(v.errors ?? [], `${name}: ${JSON.stringify(v.errors?.slice(0, 3), null, 1)}`).toEqual([]);
  expect(ok).toBe(true);
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && name !== 'config') {
    expect((doc as { $schema?: string }).$schema).toBe(`https://unpkg.com/openai-migrate@${pkg.version}/schemas/${name}.schema.json`);
  }
}

describe('shipped JSON Schemas', () => {
  const a = ajv();

  it('are shipped in the package and compile in strict mode', () => {
    expect(pkg.files).toContain('schemas/');
    expect(readdirSync(DIR).sort()).toEqual(['baseline', 'codeclimate', 'config', 'findings', 'migrate', 'models', 'providers', 'report'].map((n) => `${n}.schema.json`));
  });

  it('every JSON output of a real run validates against its schema', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-schemas-'));
    cpSync(path.join(ROOT, 'fixtures/check/tree'), d, { recursive: true });
    mkdirSync(path.join(d, 'bad'));
    writeFileSync(path.join(d, 'bad/broken.ts'), "import OpenAI from 'openai';\nconst x = {;\n");
    execFileSync('git', ['init', '-q'], { cwd: d });
    const json = (args: string[]) => JSON.parse(cli(args, { cwd: d }).stdout);
    check(a, 'findings', json(['scan', '--format', 'json']));
    check(a, 'findings', json(['check', '--format', 'json', '--provider', 'qwen']));
    check(a, 'findings', json(['check', '--format', 'json', '--staged']));
    check(a, 'codeclimate', json(['check', '--format', 'codeclimate', '--include-notes']));
    check(a, 'migrate', json(['migrate', '--provider', 'deepseek', '--dry-run', '--format', 'json']));
    expect(cli(['migrate', '--provider', 'glm', '--dry-run', '--report', 'report.json'], { cwd: d }).code).toBe(1); // bad/broken.ts fails
    check(a, 'report', JSON.parse(readFileSync(path.join(d, 'report.json'), 'utf8')));
    expect(cli(['check', '--write-baseline', 'baseline.json'], { cwd: d }).code).toBe(1);
    check(a, 'baseline', JSON.parse(readFileSync(path.join(d, 'baseline.json'), 'utf8')));
    check(a, 'providers', json(['providers', '--format', 'json']));
    for (const p of ['deepseek', 'qwen', 'kimi']) check(a, 'models', json(['models', '--provider', p, '--format', 'json']));
  });

  it('messages built by id carry their id next to the English text (migrate, report, findings, SARIF)', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-msgid-'));
    cpSync(path.join(ROOT, 'fixtures/example-app'), d, { recursive: true });
    // Moonshot has no embeddings or moderations endpoint: follow-ups and markers built with msg().
    const m = JSON.parse(cli(['migrate', '--provider', 'moonshot', '--dry-run', '--format', 'json', '--report', 'r.json', '.'], { cwd: d }).stdout);
    check(a, 'migrate', m);
    const ups = m.followUps as Array<{ reason: string; reasonId?: string; actionId?: string }>;
    const emb = ups.find((u) => u.reason === 'Moonshot AI has no OpenAI-compatible embeddings endpoint');
    expect(emb).toMatchObject({ reasonId: 'endpoint.missing', actionId: 'endpoint.todo.embeddings' });
    const changes = (m.files as Array<{ changes: Array<{ message: string; messageId?: string }> }>).flatMap((f) => f.changes);
    expect(changes.find((c) => c.messageId === 'marker.added')?.message).toMatch(/^marked \S+: Moonshot AI has no OpenAI-compatible/);
    const rep = JSON.parse(readFileSync(path.join(d, 'r.json'), 'utf8'));
    check(a, 'report', rep);
    expect(rep.followUps.some((u: { reasonId?: string }) => u.reasonId === 'endpoint.missing')).toBe(true);
    expect(JSON.stringify(rep)).not.toContain('reasonMsg');
    const f = json(d, ['check', '--format', 'json', '--provider', 'moonshot']);
    check(a, 'findings', f);
    expect((f.findings as Array<{ provider?: { migrateId?: string } }>).some((x) => x.provider?.migrateId === 'assess.addsMarker' || x.provider?.migrateId === 'marker.added')).toBe(true);
    const sarif = JSON.parse(cli(['check', '--format', 'sarif', '--provider', 'moonshot'], { cwd: d }).stdout);
    const props = sarif.runs[0].results.map((r: { properties?: { provider?: { migrateId?: string } } }) => r.properties?.provider?.migrateId);
    expect(props).toContain('assess.clientGetsUrl');
  }, 120_000);

  it('the config schema accepts what the loader accepts and rejects what it rejects', () => {
    const v = a.getSchema('config.schema.json')!;
    const good = {
      $schema: './node_modules/openai-migrate/schemas/config.schema.json',
      provider: 'qwen',
      region: 'ap-southeast-1',
      models: { 'gpt-4o': 'qwen3-max' },
      include: ['src/**'],
      exclude: ['**/legacy/**'],
      rules: { 'openai-api-call': 'off', 'openai-http': 'warning' },
    };
    expect(v(good)).toBe(true);
    const d = mkdtempSync(path.join(tmpdir(), 'oam-config-'));
    writeFileSync(path.join(d, '.openai-migrate.json'), JSON.stringify(good));
    expect(cli(['models', '--format', 'json'], { cwd: d }).code).toBe(0);
    for (const bad of [{ rules: { 'openai-http': 'loud' } }, { provider: 1 }, { include: 'src' }, { models: { 'gpt-4o': 1 } }]) {
      expect(v(bad)).toBe(false);
      writeFileSync(path.join(d, '.openai-migrate.json'), JSON.stringify(bad));
      const r = cli(['models', '--provider', 'qwen'], { cwd: d });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('E_CONFIG_INVALID');
    }
    // The schema check can fail on outputs too.
    expect(a.getSchema('findings.schema.json')!({ version: 1, summary: {}, findings: [], failures: [] })).toBe(false);
  });
});
