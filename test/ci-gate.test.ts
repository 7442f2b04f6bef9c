import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { inventory, type InventoryOptions } from '../src/check/index.js';
import { HANDLERS } from '../src/handlers.js';
import { renderCodeClimate } from '../src/report/codeclimate.js';
import { renderJunit } from '../src/report/junit.js';
import { renderGithub, ANNOTATIONS_PER_LEVEL } from '../src/report/github.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderFindingsText } from '../src/report/text.js';
import { findingsJson } from '../src/report/json.js';
import { cli, ROOT, BIN } from './helpers/cli.js';

/**
 * The CI gate where teams run it (issue 15): repository-root paths from any
 * folder, config lookup, changed-files mode in a real git repository, rule
 * levels from the config, notes kept out of alerts, tool-written files never
 * scanned, parse failures said as such in every format, GitLab Code Quality,
 * JUnit, and the GitHub Action's script run as the runner would.
 */

const CLIENT = "import OpenAI from 'openai';\nexport const client = new OpenAI();\n";
const USE = "import { client } from '../lib/client';\nexport const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";

function tmp(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });

function repo(files: Record<string, string>): string {
  const d = tmp('oam-gate-');
  git(d, 'init', '-q', '-b', 'main');
  write(d, files);
  git(d, 'add', '-A');
  git(d, 'commit', '-qm', 'init');
  return d;
}

const run = (o: InventoryOptions) => inventory({ handlers: HANDLERS, ...o });
const where = (r: { findings: Array<{ file: string; line: number; rule: string; fingerprint: string }> }) => r.findings.map((f) => `${f.file}:${f.line}:${f.rule}:${f.fingerprint}`);

describe('monorepo: paths relative to the repository root', () => {
  it('the same findings with identical paths and fingerprints from the root and from a package folder', async () => {
    const d = repo({
      'packages/api/package.json': '{"name":"api"}',
      'packages/api/lib/client.ts': CLIENT,
      'packages/api/src/use.ts': USE,
      'packages/web/src/x.py': 'import openai\nc = openai.OpenAI()\n',
    });
    const fromRoot = await run({ cwd: d, paths: ['packages/api'] });
    const fromPkg = await run({ cwd: path.join(d, 'packages/api'), paths: ['.'] });
    expect(fromRoot.findings.length).toBeGreaterThan(1);
    expect(where(fromPkg)).toEqual(where(fromRoot));
    expect(fromPkg.findings.every((f) => f.file.startsWith('packages/api/'))).toBe(true);
    // Every format says the same root-relative path.
    const gh = renderGithub(fromPkg);
    expect(gh).toContain('file=packages/api/lib/client.ts');
    expect(gh).not.toMatch(/file=(lib|src)\//);
    const sarif = renderSarif(fromPkg) as any;
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^packages\/api\//);
    expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${d}/`);
    expect(renderCodeClimate(fromPkg).every((i) => i.location.path.startsWith('packages/api/'))).toBe(true);
    expect((findingsJson(fromPkg) as any).findings.map((f: any) => f.file)).toEqual(fromPkg.findings.map((f) => f.file));
    // A baseline written from the root is honoured from the package folder.
    const b = path.join(d, 'baseline.json');
    await run({ cwd: d, paths: ['packages/api'], writeBaseline: b });
    const again = await run({ cwd: path.join(d, 'packages/api'), paths: ['.'], baseline: b });
    expect(again.findings).toEqual([]);
    expect(again.baselined).toBe(fromRoot.findings.length);
  });

  it('outside git the config file folder is the root; the config is found from a subfolder and names the provider', async () => {
    const d = tmp('oam-nogit-');
    write(d, { '.openai-migrate.json': '{"provider":"deepseek"}', 'app/src/a.ts': CLIENT });
    const r = await run({ cwd: path.join(d, 'app/src'), paths: ['.'] });
    expect(r.root).toBe(d);
    expect(r.findings.map((f) => f.file)).toEqual(['app/src/a.ts']);
    expect(r.result.target?.provider.id).toBe('deepseek');
    // models and doctor take the provider from it too.
    const m = cli(['models', '--format', 'json'], { cwd: path.join(d, 'app') });
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).provider).toBe('deepseek');
    const doc = cli(['doctor', '--no-scan', '--format', 'json', '--timeout', '50'], { cwd: path.join(d, 'app'), env: { DEEPSEEK_API_KEY: '' } });
    expect(JSON.parse(doc.stdout).provider).toBe('deepseek');
    // No config anywhere: models still asks for --provider (exit 2).
    const bare = tmp('oam-noconf-');
    const none = cli(['models'], { cwd: bare });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('E_NO_PROVIDER');
  });

  it('the config lookup stops at the repository root', async () => {
    const outer = tmp('oam-outer-');
    write(outer, { '.openai-migrate.json': '{"provider":"qwen"}' });
    const d = path.join(outer, 'repo');
    mkdirSync(d);
    git(d, 'init', '-q');
    write(d, { 'pkg/a.ts': CLIENT });
    const r = await run({ cwd: path.join(d, 'pkg'), paths: ['.'] });
    expect(r.root).toBe(d);
    expect(r.result.target).toBeUndefined();
  });
});

describe('check --changed-since / --staged in a real git repository', () => {
  it('reports only changed files, still resolving clients imported from unchanged ones; Chinese names and renames', async () => {
    const d = repo({
      'lib/client.ts': CLIENT,
      'src/old.ts': USE,
      'src/keep.ts': USE,
      'src/rename-me.ts': USE,
    });
    git(d, 'checkout', '-qb', 'feature');
    // A new file with a Chinese name (git quotes it without -z), a rename, an edit; lib/client.ts unchanged.
    write(d, { 'src/模型.ts': USE });
    renameSync(path.join(d, 'src/rename-me.ts'), path.join(d, 'src/renamed.ts'));
    write(d, { 'src/old.ts': USE + '// edited\n' });
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'feature');
    write(d, { 'src/untracked.ts': USE });

    const full = await run({ cwd: d, paths: ['.'] });
    const changed = await run({ cwd: d, paths: ['.'], changedSince: 'main' });
    const files = [...new Set(changed.findings.map((f) => f.file))].sort();
    expect(files).toEqual(['src/old.ts', 'src/renamed.ts', 'src/untracked.ts', 'src/模型.ts']);
    expect(changed.changed).toEqual({ since: 'main', files: 4 });
    // The changed files' findings are exactly the full run's findings in those files (the client
    // is defined in an unchanged module, so the model finding needs the import resolved).
    const inFiles = full.findings.filter((f) => files.includes(f.file));
    expect(where(changed)).toEqual(where({ findings: inFiles }));
    expect(changed.findings.some((f) => f.rule === 'openai-model' && f.file === 'src/模型.ts')).toBe(true);
    expect(changed.findings.some((f) => f.file === 'lib/client.ts' || f.file === 'src/keep.ts')).toBe(false);
    // Fewer files read than the full run.
    expect(changed.result.scanned).toBeLessThan(full.result.scanned);

    // --staged: only what is in the index.
    git(d, 'add', 'src/untracked.ts');
    write(d, { 'src/keep.ts': USE + '// not staged\n' });
    const staged = await run({ cwd: d, paths: ['.'], staged: true });
    expect([...new Set(staged.findings.map((f) => f.file))]).toEqual(['src/untracked.ts']);

    // From the CLI: exit codes, and a bad ref is a usage error.
    const ok = cli(['check', '--changed-since', 'HEAD', '--format', 'json', '--fail-on', 'never'], { cwd: d });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).summary.changed).toBe('since HEAD');
    const bad = cli(['check', '--changed-since', 'no-such-branch'], { cwd: d });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('E_GIT_REF');
    const opt = cli(['check', '--changed-since', '--output=x'], { cwd: d });
    expect(opt.code).toBe(2);
  });

  it('with a baseline: nothing reported stale for unchanged files; writing a baseline needs a full run', async () => {
    const d = repo({ 'src/a.ts': CLIENT, 'src/b.ts': CLIENT });
    const b = path.join(d, 'b.json');
    await run({ cwd: d, paths: ['.'], writeBaseline: b });
    write(d, { 'src/c.ts': CLIENT });
    const r = await run({ cwd: d, paths: ['.'], changedSince: 'HEAD', baseline: b });
    expect(r.findings.map((f) => f.file)).toEqual(['src/c.ts']);
    expect(r.baselineStale).toBeUndefined();
    await expect(run({ cwd: d, paths: ['.'], staged: true, writeBaseline: b })).rejects.toMatchObject({ code: 'E_CHANGED_BASELINE' });
  });

  it('outside git: a usage error', async () => {
    const d = tmp('oam-nogit2-');
    write(d, { 'a.ts': CLIENT });
    await expect(run({ cwd: d, paths: ['.'], staged: true })).rejects.toMatchObject({ code: 'E_NOT_GIT' });
  });
});

describe('rule levels, notes and messages', () => {
  it('"rules" in the config turns rules off or changes their level; an unknown value is a config error', async () => {
    const d = tmp('oam-rules-');
    write(d, {
      'a.ts': CLIENT + "await client.chat.completions.create({ model: 'gpt-4o', messages: [] });\nfetch('https://api.openai.com/v1/models');\n",
    });
    const before = await run({ cwd: d, paths: ['.'] });
    expect(before.findings.some((f) => f.rule === 'openai-api-call' && f.level === 'note')).toBe(true);
    expect(before.findings.some((f) => f.rule === 'openai-http' && f.level === 'error')).toBe(true);
    write(d, { '.openai-migrate.json': JSON.stringify({ rules: { 'openai-api-call': 'off', 'openai-http': 'warning' } }) });
    const after = await run({ cwd: d, paths: ['.'] });
    expect(after.findings.some((f) => f.rule === 'openai-api-call')).toBe(false);
    expect(after.disabled).toBe(before.findings.filter((f) => f.rule === 'openai-api-call').length);
    expect(after.findings.filter((f) => f.rule === 'openai-http').map((f) => f.level)).toEqual(['warning']);
    expect(after.failing.some((f) => f.rule === 'openai-http')).toBe(false);
    write(d, { '.openai-migrate.json': JSON.stringify({ rules: { 'openai-http': 'loud' } }) });
    await expect(run({ cwd: d, paths: ['.'] })).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
  });

  it('notes stay out of SARIF, annotations and Code Quality unless --include-notes; one period per message', async () => {
    const d = tmp('oam-notes-');
    write(d, { 'a.ts': CLIENT + "await client.chat.completions.create({ model: 'gpt-4o', messages: [] }).\n".replace(/\.\n$/, ';\n') });
    const r = await run({ cwd: d, paths: ['.'] });
    expect(r.findings.some((f) => f.level === 'note')).toBe(true);
    expect(renderGithub(r)).not.toContain('::notice');
    expect(renderCodeClimate(r).some((i) => i.severity === 'info')).toBe(false);
    const withNotes = await run({ cwd: d, paths: ['.'], includeNotes: true });
    expect(renderGithub(withNotes)).toContain('::notice');
    expect(renderCodeClimate(withNotes).some((i) => i.severity === 'info')).toBe(true);
    // A message that already ends with a period gets no second one.
    r.findings[0]!.message = 'ends with a period.';
    const gh = renderGithub(r);
    expect(gh).toContain('ends with a period. Fix:');
    expect(gh).not.toMatch(/\.\./);
    const sarif = JSON.stringify(renderSarif(r));
    expect(sarif).not.toMatch(/[^.]\.\.[^.]/);
    for (const i of renderCodeClimate(r)) expect(i.description).toMatch(/[^.]\.$/);
  });

  it('at most 10 annotations of each level; the 10th says how many more are in the summary', async () => {
    const d = tmp('oam-many-');
    const files: Record<string, string> = {};
    for (let i = 0; i < 25; i++) files[`f${i}.ts`] = CLIENT;
    write(d, files);
    const r = await run({ cwd: d, paths: ['.'] });
    expect(r.findings.filter((f) => f.level === 'error').length).toBe(25);
    const lines = renderGithub(r).trim().split('\n');
    const errors = lines.filter((l) => l.startsWith('::error'));
    expect(errors.length).toBe(ANNOTATIONS_PER_LEVEL);
    expect(errors.at(-1)).toMatch(/^::error title=openai-migrate::16 more in the job summary/);
    // The summary lists them (capped table, failing first) and says how to migrate.
    const md = renderMarkdown(r, 'check', { limit: 50, howTo: true });
    expect(md.match(/^\| 🔴 error/gm)?.length).toBe(25);
    expect(md).toContain('### How to migrate');
  });
});

describe('gate correctness', () => {
  it('the baseline, JSON outputs and SARIF the tool wrote are never scanned', async () => {
    const d = repo({ 'src/a.ts': CLIENT + "export const m = 'gpt-4o';\n" });
    const base = cli(['check', '--write-baseline', '.openai-migrate-baseline.json'], { cwd: d });
    expect(base.code).toBe(0);
    const json = cli(['check', '--format', 'json', '--fail-on', 'never'], { cwd: d });
    writeFileSync(path.join(d, 'findings.json'), json.stdout);
    writeFileSync(path.join(d, 'check.sarif.json'), cli(['check', '--format', 'sarif', '--fail-on', 'never'], { cwd: d }).stdout);
    mkdirSync(path.join(d, 'reports'));
    writeFileSync(path.join(d, 'reports/report.json'), cli(['migrate', '--provider', 'qwen', '--dry-run', '--format', 'json'], { cwd: d }).stdout);
    // scan without --baseline, and check without it: only the source file's findings.
    const scan = JSON.parse(cli(['scan', '--format', 'json'], { cwd: d }).stdout);
    expect([...new Set(scan.findings.map((f: { file: string }) => f.file))]).toEqual(['src/a.ts']);
    const r = await run({ cwd: d, paths: ['.'] });
    expect([...new Set(r.findings.map((f) => f.file))]).toEqual(['src/a.ts']);
    const skipped = r.result.files
      .filter((f) => f.errorId === 'W_OWN_OUTPUT')
      .map((f) => f.file)
      .sort();
    expect(skipped).toEqual(['.openai-migrate-baseline.json', 'check.sarif.json', 'findings.json', 'reports/report.json']);
    // Nor migrated: migrate leaves them byte-identical.
    const before = readFileSync(path.join(d, 'findings.json'), 'utf8');
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'outputs');
    expect(cli(['migrate', '--provider', 'qwen'], { cwd: d }).code).toBe(0);
    expect(readFileSync(path.join(d, 'findings.json'), 'utf8')).toBe(before);
  });

  it('a file that does not parse is said as such in the verdict and in every format', async () => {
    const d = tmp('oam-broken-');
    write(d, { 'bad.ts': "import OpenAI from 'openai';\nconst x = {;\n" });
    const r = await run({ cwd: d, paths: ['.'] });
    expect(r.exitCode).toBe(1);
    expect(r.failing).toEqual([]);
    expect(r.filesFailed).toBe(1);
    const text = renderFindingsText(r, false, 'check');
    expect(text).toContain('check failed: 1 file(s) could not be read or parsed');
    expect(text).not.toMatch(/check failed: 0 finding/);
    expect(renderMarkdown(r, 'check')).toMatch(/could not be read or parsed[\s\S]*`bad\.ts` \[E_PARSE\]/);
    expect(renderGithub(r)).toMatch(/^::error file=bad\.ts,title=openai-migrate E_PARSE::/m);
    expect(renderGithub(r)).toContain('could not be read or parsed');
    expect((findingsJson(r) as any).failures).toEqual([expect.objectContaining({ file: 'bad.ts', errorId: 'E_PARSE' })]);
    expect((renderSarif(r) as any).runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^E_PARSE: /);
    expect(renderCodeClimate(r)).toEqual([expect.objectContaining({ check_name: 'openai-migrate/E_PARSE', severity: 'critical', location: { path: 'bad.ts', lines: { begin: 1 } } })]);
    expect(renderJunit(r)).toMatch(/<testcase name="bad\.ts"[^>]*>\s*<error type="E_PARSE"/);
    const c = cli(['check', '--format', 'json'], { cwd: d });
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('1 file(s) could not be read or parsed');
  });
});

describe('GitLab Code Quality and JUnit', () => {
  const tree = path.join(ROOT, 'fixtures/check/tree');

  it('codeclimate: the fields GitLab documents, unique fingerprints, repository-root paths', async () => {
    const r = await run({ cwd: tree, paths: ['.'] });
    const issues = renderCodeClimate(r);
    expect(issues.length).toBe(r.findings.filter((f) => f.level !== 'note').length);
    const severities = new Set(['info', 'minor', 'major', 'critical', 'blocker']);
    for (const i of issues) {
      // https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
      expect(typeof i.description).toBe('string');
      expect(i.description.length).toBeGreaterThan(0);
      expect(i.check_name).toMatch(/^openai-migrate\/[a-z-]+$/);
      expect(i.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(severities.has(i.severity)).toBe(true);
      expect(i.location.path).toMatch(/^fixtures\/check\/tree\//);
      expect(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1).toBe(true);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    const out = cli(['check', '--format', 'codeclimate'], { cwd: tree });
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).length).toBe(issues.length);
  });

  it('junit: well-formed and shaped like the Ant JUnit schema', async () => {
    const r = await run({ cwd: tree, paths: ['.'], provider: 'qwen' });
    r.findings[0]!.message = 'a <tag> & "quotes"\u0007 and\nnew line';
    const xml = renderJunit(r, 'check', new Date('2026-12-06T01:02:03Z'));
    const doc = parseXml(xml);
    checkJunit(doc);
    const suite = doc.children[0]!;
    expect(suite.attrs.failures).toBe(String(r.failing.length));
    expect(suite.attrs.timestamp).toBe('2026-12-06T01:02:03');
    expect(suite.children.filter((c) => c.name === 'testcase').length).toBe(r.failing.length);
    // A clean check is one passing test case.
    const clean = await run({ cwd: tree, paths: ['src/lookalike.ts'] });
    const ok = parseXml(renderJunit(clean));
    checkJunit(ok);
    expect(ok.children[0]!.children.filter((c) => c.name === 'testcase').map((c) => c.children.length)).toEqual([0]);
    // The structural check can fail.
    expect(() => checkJunit(parseXml(xml.replace(/ classname="[^"]*"/, '')))).toThrow(/classname/);
    expect(() => checkJunit(parseXml(xml.replace('<system-err></system-err>', '')))).toThrow(/system-err/);
  });
});

describe('GitHub Action', () => {
  const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as any;
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

  it('a composite action: pinned version, Node 22+, upload-sarif v4, inputs passed through the environment', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['provider', 'paths', 'fail-on', 'baseline', 'sarif', 'version']));
    expect(action.inputs.version.default).toBe(pkg.version);
    expect(Number(action.inputs['node-version'].default)).toBeGreaterThanOrEqual(22);
    const steps = action.runs.steps as Array<Record<string, any>>;
    expect(steps.find((s) => String(s.uses).startsWith('actions/setup-node@'))!.with['node-version']).toBe('${{ inputs.node-version }}');
    expect(steps.some((s) => s.uses === 'github/codeql-action/upload-sarif@v4')).toBe(true);
    // No input is pasted into a shell command (script injection): only env mappings use them.
    for (const s of steps) if (s.run) expect(s.run).not.toContain('${{');
  });

  function runStep(cwd: string, inputs: Record<string, string>, node = 22) {
    const step = (action.runs.steps as Array<Record<string, any>>).find((s) => s.id === 'check')!;
    const d = tmp('oam-runner-');
    const summary = path.join(d, 'summary.md');
    const output = path.join(d, 'output');
    writeFileSync(summary, '');
    writeFileSync(output, '');
    // A `node` that reports the runner's major version for the script's check and runs the real one otherwise.
    const shim = path.join(d, 'bin');
    mkdirSync(shim);
    writeFileSync(path.join(shim, 'node'), `#!/usr/bin/env bash\nif [ "$1" = "-p" ]; then echo ${node}; exit 0; fi\nexec "${process.execPath}" "$@"\n`);
    chmodSync(path.join(shim, 'node'), 0o755);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env as Record<string, string>)) {
      const m = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(v)!;
      env[k] = inputs[m[1]!] ?? String(action.inputs[m[1]!].default ?? '');
    }
    const r = spawnSync('bash', ['-c', step.run], {
      cwd,
      encoding: 'utf8',
      env: {
        PATH: `${shim}:${process.env.PATH}`,
        HOME: process.env.HOME,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: d,
        OAM_BIN: `node ${BIN}`,
        ...env,
      },
    });
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(summary, 'utf8'), outputs };
  }

  it('runs the check step with a fake GITHUB_STEP_SUMMARY and GITHUB_OUTPUT', () => {
    const files: Record<string, string> = { 'packages/app/lib/client.ts': CLIENT };
    for (let i = 0; i < 14; i++) files[`packages/app/src/f${i}.ts`] = USE;
    const d = repo(files);
    const r = runStep(path.join(d, 'packages/app'), { sarif: 'true', provider: 'deepseek' });
    expect(r.code).toBe(0); // the step itself passes; the action's last step fails the job
    expect(r.outputs['exit-code']).toBe('1');
    expect(Number(r.outputs.findings)).toBeGreaterThan(14);
    // Annotations: repository-root paths, at most 10 errors, the last one pointing at the summary.
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors.length).toBe(10);
    expect(errors[0]).toContain('file=packages/app/');
    expect(errors.at(-1)).toMatch(/more in the job summary/);
    expect(r.stdout).not.toContain('::notice');
    // The job summary: verdict and counts, top findings, how to migrate.
    expect(r.summary).toMatch(/^## ❌ openai-migrate check failed: \d+ finding\(s\) at or above `error`/);
    expect(r.summary).toContain('| `openai-model` |');
    expect(r.summary).toContain('### Top findings');
    expect(r.summary).toContain('npx openai-migrate migrate --provider deepseek');
    // SARIF written for the upload step, with repository-root URIs.
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-file']!, 'utf8'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^packages\/app\//);
  });

  it('passes on a clean tree; refuses Node older than 22 and an unpinned version', () => {
    const d = repo({ 'src/ok.ts': 'export const x = 1;\n' });
    for (const node of [22, 24]) {
      const ok = runStep(d, {}, node);
      expect(ok.outputs['exit-code']).toBe('0');
      expect(ok.summary).toContain('✅ openai-migrate check passed');
    }
    const old = runStep(d, {}, 20);
    expect(old.outputs['exit-code']).toBe('2');
    expect(old.stdout).toMatch(/::error title=openai-migrate::Node\.js 22 or later/);
    const latest = runStep(d, { version: 'latest' });
    expect(latest.outputs['exit-code']).toBe('2');
    expect(latest.stdout).toContain('exact version');
  });

  it('the pre-commit hook runs check --staged with node', () => {
    const hooks = parseYaml(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    expect(hooks).toEqual([expect.objectContaining({ id: 'openai-migrate', language: 'node', entry: 'openai-migrate check --staged', pass_filenames: false })]);
  });
});

// ---- a minimal XML reader and the JUnit schema's structure (no XSD validator among the dependencies)

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Elements, attributes, text and the five predefined entities; throws on anything not well-formed. */
function parseXml(xml: string): XmlNode {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`XML: ${why} at ${i}`);
  };
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) fail('control character');
  const decode = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) fail(`bad entity in ${JSON.stringify(s)}`);
    if (/</.test(s)) fail('< in text');
    return s.replace(
      /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g,
      (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e as 'amp'] ?? String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
    );
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  const element = (): XmlNode => {
    while (/\s/.test(xml[i]!)) i++;
    if (xml[i] !== '<') fail('expected <');
    const m = /^<([A-Za-z_][\w.-]*)/.exec(xml.slice(i)) ?? fail('bad tag');
    const node: XmlNode = { name: m[1]!, attrs: {}, children: [], text: '' };
    i += m[0].length;
    for (;;) {
      const a = /^\s+([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(xml.slice(i));
      if (!a) break;
      if (a[1]! in node.attrs) fail(`duplicate attribute ${a[1]}`);
      node.attrs[a[1]!] = decode(a[2]!);
      i += a[0].length;
    }
    while (/\s/.test(xml[i]!)) i++;
    if (xml.startsWith('/>', i)) return ((i += 2), node);
    if (xml[i] !== '>') fail('expected >');
    i++;
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) fail('unclosed element');
      node.text += decode(xml.slice(i, lt));
      i = lt;
      if (xml.startsWith(`</${node.name}>`, i)) return ((i += node.name.length + 3), node);
      if (xml.startsWith('</', i)) fail(`mismatched close of ${node.name}`);
      node.children.push(element());
    }
  };
  const root = element();
  if (xml.slice(i).trim()) fail('content after the root');
  return root;
}

/**
 * The structure of the Ant JUnit XSD (github.com/windyroad/JUnit-Schema, JUnit.xsd): `testsuites` holds
 * `testsuite`s with required name, timestamp (dateTime without zone), hostname, tests, failures, errors,
 * time, package and id; children in order: properties (property name/value), testcase*, system-out,
 * system-err; a testcase has name, classname and time and at most one error or failure, each with a type.
 */
function checkJunit(doc: XmlNode): void {
  const need = (n: XmlNode, attrs: string[]) => {
    for (const a of attrs) if (!(a in n.attrs)) throw new Error(`${n.name} lacks ${a}`);
  };
  const int = (n: XmlNode, a: string) => {
    if (!/^\d+$/.test(n.attrs[a]!)) throw new Error(`${n.name}@${a} is not an integer`);
  };
  if (doc.name !== 'testsuites') throw new Error('root must be testsuites');
  for (const s of doc.children) {
    if (s.name !== 'testsuite') throw new Error(`unexpected ${s.name}`);
    need(s, ['name', 'timestamp', 'hostname', 'tests', 'failures', 'errors', 'time', 'package', 'id']);
    for (const a of ['tests', 'failures', 'errors', 'id']) int(s, a);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(s.attrs.timestamp!)) throw new Error('timestamp');
    const names = s.children.map((c) => c.name);
    if (names[0] !== 'properties') throw new Error('properties must come first');
    if (names.at(-2) !== 'system-out' || names.at(-1) !== 'system-err') throw new Error('system-out and system-err must end the suite');
    for (const p of s.children[0]!.children) {
      if (p.name !== 'property') throw new Error('properties holds property elements');
      need(p, ['name', 'value']);
    }
    const cases = s.children.slice(1, -2);
    if (cases.some((c) => c.name !== 'testcase')) throw new Error('only testcase elements between properties and system-out');
    let failures = 0;
    let errors = 0;
    for (const c of cases) {
      need(c, ['name', 'classname', 'time']);
      if (c.children.length > 1) throw new Error('a testcase holds at most one error or failure');
      for (const f of c.children) {
        if (f.name !== 'failure' && f.name !== 'error') throw new Error(`unexpected ${f.name} in testcase`);
        need(f, ['type']);
        if (f.name === 'failure') failures++;
        else errors++;
      }
    }
    if (String(failures) !== s.attrs.failures || String(errors) !== s.attrs.errors) throw new Error('failures/errors counts');
    if (String(cases.length) !== s.attrs.tests) throw new Error('tests count');
  }
}
