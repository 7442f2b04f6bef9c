import { describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, cli } from './helpers/cli.js';
import { parseStatusZ } from '../src/engine/git.js';
import { ChangedOnDiskError, writeAtomic } from '../src/engine/write.js';

/**
 * Adversarial file-system and git cases (issue 21 items 1-6 and 10, issue 15
 * item 7's git parts): the dirty-tree guard per repository, symlinks out of the
 * tree, owners/modes/read-only/hard links, a save during the write, two runs at
 * once, an interrupted run, and the --report target. Everything runs the built
 * CLI on real repositories.
 */

const tmp = () => mkdtempSync(path.join(tmpdir(), 'oam-sfs-'));
const SRC = "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const r = c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
const isRoot = process.getuid?.() === 0;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', '-c', 'protocol.file.allow=always', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A repository with `files` committed. */
function repo(files: Record<string, string> = { 'a.ts': SRC }, dir = tmp()): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init', '--allow-empty');
  return dir;
}

const read = (f: string) => readFileSync(f, 'utf8');
const temps = (dir: string): string[] =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.includes('.openai-migrate-') && f.endsWith('.tmp'));

/** Start the CLI; resolves with its exit code and output. */
function start(args: string[], cwd: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('dirty-tree guard per repository (issue 21 item 1)', () => {
  it('migrate ../other-repo checks the other repository, not the current one', () => {
    const here = repo({ 'x.ts': 'export {};\n' });
    const other = repo();
    writeFileSync(path.join(other, 'a.ts'), SRC + '// unsaved work\n');
    const r = cli(['migrate', '-p', 'deepseek', path.relative(here, other)], { cwd: here });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_DIRTY_TREE');
    expect(read(path.join(other, 'a.ts'))).toBe(SRC + '// unsaved work\n');
  });

  it('a run from outside any repository is refused (E_NOT_IN_REPO, exit 2) unless --force', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'a.ts'), SRC);
    const r = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_NOT_IN_REPO');
    expect(read(path.join(d, 'a.ts'))).toBe(SRC);
    // Named from inside a repository, still outside one.
    const inRepo = repo({ 'x.ts': 'export {};\n' });
    expect(cli(['migrate', '-p', 'deepseek', d], { cwd: inRepo }).stderr).toContain('E_NOT_IN_REPO');
    expect(cli(['migrate', '-p', 'deepseek', '--dry-run', '.'], { cwd: d }).code).toBe(0);
    expect(cli(['migrate', '-p', 'deepseek', '--force', '.'], { cwd: d }).code).toBe(0);
    expect(read(path.join(d, 'a.ts'))).toContain('deepseek');
  });

  it.skipIf(!isRoot)("a repository git refuses to read (another owner, safe.directory) is refused with git's reason, not passed as clean", () => {
    const d = repo();
    execFileSync('chown', ['-R', '65534:65534', d]);
    writeFileSync(path.join(d, 'a.ts'), SRC + '// unsaved\n');
    // No global or system config that could list safe.directory entries.
    const r = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d, env: { HOME: tmp(), XDG_CONFIG_HOME: tmp(), GIT_CONFIG_NOSYSTEM: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_NOT_IN_REPO');
    expect(r.stderr).toContain('dubious ownership');
    expect(read(path.join(d, 'a.ts'))).toBe(SRC + '// unsaved\n');
  });

  it('files below a `.git` git cannot read (a broken nested repository) are refused, not written unchecked', () => {
    const d = repo({ 'top.ts': 'export {};\n' });
    mkdirSync(path.join(d, 'lib'), { recursive: true });
    writeFileSync(path.join(d, 'lib', '.git'), 'gitdir: /nonexistent/modules/lib\n');
    writeFileSync(path.join(d, 'lib', 'a.ts'), SRC);
    git(d, 'add', '-f', 'lib/a.ts');
    git(d, 'commit', '-qm', 'lib');
    const r = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_NOT_IN_REPO');
    expect(read(path.join(d, 'lib', 'a.ts'))).toBe(SRC);
  });

  it('a submodule is its own repository: uncommitted work in it refuses the run; a clean one is migrated', () => {
    const subSrc = repo();
    const parent = repo({ 'top.ts': 'export {};\n' });
    git(parent, 'submodule', 'add', '-q', subSrc, 'sub');
    git(parent, 'commit', '-qm', 'sub');
    // Clean: the run writes into the submodule.
    const ok = cli(['migrate', '-p', 'deepseek', '.'], { cwd: parent });
    expect(ok.code, ok.stderr).toBe(0);
    expect(read(path.join(parent, 'sub/a.ts'))).toContain('deepseek');
    git(path.join(parent, 'sub'), 'checkout', '-q', '--', '.');
    // Dirty inside the submodule, also when the submodule says `ignore = all`.
    git(parent, 'config', '-f', '.gitmodules', 'submodule.sub.ignore', 'all');
    git(parent, 'commit', '-qam', 'ignore all');
    writeFileSync(path.join(parent, 'sub/a.ts'), SRC + '// unsaved\n');
    for (const p of ['.', 'sub', 'sub/a.ts']) {
      const r = cli(['migrate', '-p', 'deepseek', p], { cwd: parent });
      expect(r.code, p).toBe(2);
      expect(r.stderr).toContain('E_DIRTY_TREE');
    }
    expect(read(path.join(parent, 'sub/a.ts'))).toBe(SRC + '// unsaved\n');
  });

  it('a nested git-ignored repository is checked as its own repository', () => {
    const parent = repo({ '.gitignore': 'nested/\n', 'top.ts': 'export {};\n' });
    const nested = repo({ 'a.ts': SRC }, path.join(parent, 'nested'));
    writeFileSync(path.join(nested, 'a.ts'), SRC + '// unsaved\n');
    expect(git(parent, 'status', '--porcelain')).toBe(''); // the parent sees nothing
    for (const p of ['nested', 'nested/a.ts']) {
      const r = cli(['migrate', '-p', 'deepseek', p], { cwd: parent });
      expect(r.code, p).toBe(2);
      expect(r.stderr).toContain('E_DIRTY_TREE');
    }
    expect(read(path.join(nested, 'a.ts'))).toBe(SRC + '// unsaved\n');
  });

  it('a nested (untracked) repository with committed files is judged by itself, not as untracked in the parent', () => {
    const parent = repo({ 'top.ts': 'export {};\n' });
    repo({ 'a.ts': SRC }, path.join(parent, 'inner'));
    expect(git(parent, 'status', '--porcelain')).toContain('inner/');
    const r = cli(['migrate', '-p', 'deepseek', '.'], { cwd: parent });
    expect(r.code, r.stderr).toBe(0);
    expect(read(path.join(parent, 'inner/a.ts'))).toContain('deepseek');
  });

  it('a folder named `:x` is a literal path, not a git pathspec', () => {
    const d = repo({ ':x/a.ts': SRC, 'x/b.ts': 'export {};\n' });
    writeFileSync(path.join(d, ':x/a.ts'), SRC + '// unsaved\n');
    const r = cli(['migrate', '-p', 'deepseek', ':x'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_DIRTY_TREE');
    expect(r.stderr).toContain(':x/a.ts');
    expect(read(path.join(d, ':x/a.ts'))).toBe(SRC + '// unsaved\n');
  });

  it('a core.fsmonitor command planted in .git/config never runs (issue 21 item 10)', () => {
    const d = repo();
    const marker = path.join(d, '..', `${path.basename(d)}-fsmonitor-ran`);
    const hook = path.join(d, '.git', 'evil.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(hook, 0o755);
    git(d, 'config', 'core.fsmonitor', hook);
    // Proof the plant works: plain `git status` runs it.
    spawnSync('git', ['status', '--porcelain'], { cwd: d });
    expect(existsSync(marker)).toBe(true);
    execFileSync('rm', ['-f', marker]);
    const r = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('a clean filter planted in .git/config (with .git/info/attributes) never runs', async () => {
    const d = repo();
    const marker = path.join(d, '..', `${path.basename(d)}-filter-ran`);
    git(d, 'config', 'filter.evil.clean', `touch '${marker}'; cat`);
    writeFileSync(path.join(d, '.git', 'info', 'attributes'), '*.ts filter=evil\n');
    const touch = () => {
      const t = new Date(Date.now() + 5000);
      execFileSync('touch', ['-d', t.toISOString(), path.join(d, 'a.ts')]); // stat data changed: git re-reads the file
    };
    touch();
    spawnSync('git', ['status', '--porcelain'], { cwd: d });
    expect(existsSync(marker)).toBe(true); // the plant works
    execFileSync('rm', ['-f', marker]);
    touch();
    const r = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('git output is read with -z: a Chinese file name and a rename are reported as they are (issue 15 item 7)', () => {
    const d = repo({ '客户端.ts': SRC, 'old.ts': 'export const x = 1;\n' });
    // Clean with a non-ASCII name: the guard passes and the file is migrated.
    const ok = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d });
    expect(ok.code, ok.stderr).toBe(0);
    expect(read(path.join(d, '客户端.ts'))).toContain('deepseek');
    git(d, 'commit', '-qam', 'migrated');
    git(d, 'mv', 'old.ts', 'new name.ts');
    writeFileSync(path.join(d, '客户端.ts'), SRC);
    const r = cli(['migrate', '-p', 'qwen', '.'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_DIRTY_TREE');
    expect(r.stderr).toContain('客户端.ts'); // not "\345\256\242..."
    expect(r.stderr).toContain('new name.ts');
    expect(r.stderr).not.toContain('"');
    // The parser itself: a rename's source follows its entry.
    expect(parseStatusZ('R  new name.ts\0old.ts\0 M 客户端.ts\0?? a\nb.ts\0')).toEqual([
      { xy: 'R ', path: 'new name.ts', from: 'old.ts' },
      { xy: ' M', path: '客户端.ts' },
      { xy: '??', path: 'a\nb.ts' },
    ]);
  });
});

describe('writes stay inside the given roots (issue 21 item 2)', () => {
  it('a root that is a symlink to a folder outside the repository is refused, also with --force and --dry-run', () => {
    const outside = tmp();
    writeFileSync(path.join(outside, 'a.ts'), SRC);
    const d = repo({ 'x.ts': 'export {};\n' });
    symlinkSync(outside, path.join(d, 'extdir'));
    for (const flags of [[], ['--force'], ['--dry-run']]) {
      const r = cli(['migrate', '-p', 'deepseek', ...flags, 'extdir'], { cwd: d });
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toContain('E_OUTSIDE_ROOT');
      // A path through the link is refused too.
      expect(cli(['migrate', '-p', 'deepseek', ...flags, 'extdir/a.ts'], { cwd: d }).stderr).toContain('E_OUTSIDE_ROOT');
    }
    expect(read(path.join(outside, 'a.ts'))).toBe(SRC);
  });

  it('a symlinked root whose target is inside the repository is migrated (in the target)', () => {
    const d = repo({ 'real/a.ts': SRC, '.gitignore': 'alias\n' });
    symlinkSync(path.join(d, 'real'), path.join(d, 'alias'));
    const r = cli(['migrate', '-p', 'deepseek', 'alias'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(read(path.join(d, 'real/a.ts'))).toContain('deepseek');
    expect(lstatSync(path.join(d, 'alias')).isSymbolicLink()).toBe(true);
  });

  it('a symlinked .env named explicitly: written through to a target inside the repository, refused when the target is outside', () => {
    const env = 'OPENAI_API_KEY=sk-test\n';
    const d = repo({ 'config/shared.env': env });
    symlinkSync('config/shared.env', path.join(d, '.env'));
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'link');
    const r = cli(['migrate', '-p', 'deepseek', '.env'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(path.join(d, '.env')).isSymbolicLink()).toBe(true); // still a link
    expect(readlinkSync(path.join(d, '.env'))).toBe('config/shared.env');
    expect(read(path.join(d, 'config/shared.env'))).toContain('DEEPSEEK_API_KEY');

    const secrets = tmp();
    writeFileSync(path.join(secrets, 'secrets.env'), env);
    const e = repo({ 'x.ts': 'export {};\n' });
    symlinkSync(path.join(secrets, 'secrets.env'), path.join(e, '.env'));
    for (const flags of [['--force'], ['--dry-run']]) {
      const out = cli(['migrate', '-p', 'deepseek', ...flags, '.env'], { cwd: e });
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('E_OUTSIDE_ROOT');
      expect(out.stdout + out.stderr).not.toContain('sk-test');
    }
    expect(read(path.join(secrets, 'secrets.env'))).toBe(env);
    expect(lstatSync(path.join(e, '.env')).isSymbolicLink()).toBe(true);
  });
});

describe('owner, mode, read-only, hard links (issue 21 item 5)', () => {
  it.skipIf(!isRoot)('as root, a rewritten file keeps its owner, group and mode', () => {
    const d = repo({ 'a.ts': SRC });
    const f = path.join(d, 'a.ts');
    chownSync(f, 1234, 2345);
    chmodSync(f, 0o640);
    git(d, 'update-index', '--refresh');
    const r = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    const st = statSync(f);
    expect(read(f)).toContain('deepseek');
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([1234, 2345, 0o640]);
  });

  it.skipIf(!isRoot)('a file another user owns is not rewritten by a run that cannot keep its owner (E_WRITE, owner and text unchanged)', async () => {
    const d = tmp();
    chmodSync(d, 0o777);
    const f = path.join(d, 'a.ts');
    writeFileSync(f, SRC);
    chmodSync(f, 0o666); // writable by everybody, owned by root
    const child = spawn(process.execPath, [BIN, 'migrate', '-p', 'deepseek', '--force', '.'], { cwd: d, uid: 65534, gid: 65534, env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code, out).toBe(1);
    expect(out).toMatch(/E_WRITE.*cannot keep its owner/);
    expect(read(f)).toBe(SRC);
    expect(statSync(f).uid).toBe(0);
    expect(temps(d)).toEqual([]);
  });

  it('an executable file keeps its mode bits', () => {
    const d = repo({ 'run.ts': '#!/usr/bin/env tsx\n' + SRC });
    chmodSync(path.join(d, 'run.ts'), 0o755);
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'x');
    expect(cli(['migrate', '-p', 'deepseek', '.'], { cwd: d }).code).toBe(0);
    expect(statSync(path.join(d, 'run.ts')).mode & 0o777).toBe(0o755);
    expect(read(path.join(d, 'run.ts'))).toContain('deepseek');
  });

  it('a read-only (0444) file is skipped with a message, not overwritten (also as root)', () => {
    const d = repo({ 'ro.ts': SRC, 'rw.ts': SRC });
    chmodSync(path.join(d, 'ro.ts'), 0o444); // git does not track this bit: the tree stays clean
    const r = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ro\.ts.*read-only/);
    expect(read(path.join(d, 'ro.ts'))).toBe(SRC);
    expect(statSync(path.join(d, 'ro.ts')).mode & 0o777).toBe(0o444);
    expect(read(path.join(d, 'rw.ts'))).toContain('deepseek');
    const j = JSON.parse(cli(['migrate', '-p', 'deepseek', '--format', 'json', 'ro.ts'], { cwd: d }).stdout);
    expect(j.files[0]).toMatchObject({ status: 'skipped', errorId: 'W_READ_ONLY' });
  });

  it('a file with more than one hard link is skipped with a message (the links are kept)', () => {
    const d = repo({ 'a.ts': SRC });
    const other = tmp();
    linkSync(path.join(d, 'a.ts'), path.join(other, 'copy.ts'));
    const r = cli(['migrate', '-p', 'deepseek', '--format', 'json', '.'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.files.find((f: { file: string }) => f.file === 'a.ts')).toMatchObject({ status: 'skipped', errorId: 'W_HARD_LINK' });
    expect(statSync(path.join(d, 'a.ts')).ino).toBe(statSync(path.join(other, 'copy.ts')).ino);
    expect(read(path.join(d, 'a.ts'))).toBe(SRC);
  });
});

describe('a save during the write is never lost (issue 21 item 3)', () => {
  for (const how of ['in place', 'by rename'] as const) {
    it(`a save ${how} while the temporary file waits for its rename is kept; exit 1 with E_WRITE`, { timeout: 30_000 }, async () => {
      const d = repo({ 'a.ts': SRC });
      const run = start(['migrate', '-p', 'deepseek', '.'], d, { OPENAI_MIGRATE_TEST_WRITE_DELAY_MS: '1500' });
      await waitFor(() => temps(d).length > 0);
      const mine = SRC + '// saved by the user during the run\n';
      if (how === 'in place') writeFileSync(path.join(d, 'a.ts'), mine);
      else {
        writeFileSync(path.join(d, '.a.ts.swp'), mine);
        renameSync(path.join(d, '.a.ts.swp'), path.join(d, 'a.ts'));
      }
      const r = await run.done;
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('E_WRITE');
      expect(read(path.join(d, 'a.ts'))).toBe(mine);
      expect(temps(d)).toEqual([]);
    });
  }
});

describe('writeAtomic under the rename (injected hooks)', () => {
  const setup = () => {
    const d = tmp();
    const f = path.join(d, 'a.ts');
    writeFileSync(f, SRC);
    const st = statSync(f);
    return { d, f, expected: { size: st.size, mtimeMs: st.mtimeMs, bytes: Buffer.from(SRC) } };
  };
  const mine = SRC + '// mine\n';

  it('a same-size save that keeps the mtime is still caught (content compared)', async () => {
    const { d, f, expected } = setup();
    const same = SRC.replace('gpt-4o', 'gpt-4x');
    const hook = () => {
      writeFileSync(f, same);
      execFileSync('touch', ['-d', `@${expected.mtimeMs / 1000}`, f]);
    };
    await expect(writeAtomic(f, Buffer.from('new'), expected, { beforeRename: hook })).rejects.toBeInstanceOf(ChangedOnDiskError);
    expect(read(f)).toBe(same);
    expect(temps(d)).toEqual([]);
  });

  it('a save into the old file in the instant between the last check and the rename is put back', async () => {
    const { d, f, expected } = setup();
    await expect(writeAtomic(f, Buffer.from('new'), expected, { afterCheck: () => writeFileSync(f, mine) })).rejects.toThrow(/put back/);
    expect(read(f)).toBe(mine);
    expect(temps(d)).toEqual([]);
  });

  it('without interference the new text is written', async () => {
    const { f, expected } = setup();
    await writeAtomic(f, Buffer.from('new'), expected);
    expect(read(f)).toBe('new');
  });
});

describe('two runs at once (issue 21 item 6)', () => {
  it('the second run refuses with E_LOCKED while the first writes; the tree ends with one provider', { timeout: 30_000 }, async () => {
    const d = repo({ 'a.ts': SRC, 'b.ts': SRC });
    const first = start(['migrate', '-p', 'deepseek', '.'], d, { OPENAI_MIGRATE_TEST_WRITE_DELAY_MS: '1000' });
    await waitFor(() => temps(d).length > 0);
    const second = cli(['migrate', '-p', 'qwen', '--force', '.'], { cwd: d });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('E_LOCKED');
    const r = await first.done;
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['a.ts', 'b.ts']) {
      expect(read(path.join(d, f))).toContain('deepseek');
      expect(read(path.join(d, f))).not.toContain('qwen');
    }
    expect(existsSync(path.join(d, '.git', 'openai-migrate.lock'))).toBe(false);
  });

  it('a stale lock from a dead run is taken over', () => {
    const d = repo({ 'a.ts': SRC });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(d, '.git', 'openai-migrate.lock'), JSON.stringify({ pid: Number(dead), started: '2020-01-01T00:00:00Z' }));
    const r = cli(['migrate', '-p', 'deepseek', '.'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(read(path.join(d, 'a.ts'))).toContain('deepseek');
    expect(existsSync(path.join(d, '.git', 'openai-migrate.lock'))).toBe(false);
  });
});

describe('an interrupted run (issue 21 item 5)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s mid-run removes the temporary files, releases the lock and says which files were written', { timeout: 30_000 }, async (signal, exit) => {
    const d = repo({ 'a.ts': SRC, 'b.ts': SRC, 'c.ts': SRC });
    const run = start(['migrate', '-p', 'deepseek', '.'], d, { OPENAI_MIGRATE_TEST_WRITE_DELAY_MS: '800' });
    // Wait until one file is written and the next one's temporary file exists.
    await waitFor(() => read(path.join(d, 'a.ts')) !== SRC && temps(d).length > 0);
    run.child.kill(signal);
    const r = await run.done;
    expect(r.code).toBe(exit);
    expect(temps(d)).toEqual([]);
    expect(r.stderr).toContain(`stopped by ${signal}`);
    expect(r.stderr).toMatch(/^ {2}a\.ts$/m);
    expect(r.stderr).not.toMatch(/^ {2}c\.ts$/m);
    expect(read(path.join(d, 'c.ts'))).toBe(SRC);
    expect(existsSync(path.join(d, '.git', 'openai-migrate.lock'))).toBe(false);
  });
});

describe('--report target (issue 21 item 4, item 12 unwritable path)', () => {
  it('--report README.md is refused (also with --dry-run); a report written by the tool is replaced; --force replaces', () => {
    const d = repo({ 'a.ts': SRC, 'README.md': '# My project\n' });
    for (const flags of [[], ['--dry-run']]) {
      const r = cli(['migrate', '-p', 'deepseek', ...flags, '--report', 'README.md', '.'], { cwd: d });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('E_REPORT_EXISTS');
    }
    expect(read(path.join(d, 'README.md'))).toBe('# My project\n');
    expect(read(path.join(d, 'a.ts'))).toBe(SRC);
    // The tool's own report (Markdown marker, JSON shape) may be replaced by the next run.
    for (const name of ['review.md', 'review.json']) {
      expect(cli(['migrate', '-p', 'deepseek', '--dry-run', '--report', name, '.'], { cwd: d }).code).toBe(0);
      const again = cli(['migrate', '-p', 'qwen', '--dry-run', '--report', name, '.'], { cwd: d });
      expect(again.code, again.stderr).toBe(0);
      expect(read(path.join(d, name))).toMatch(/qwen/i);
    }
    const forced = cli(['migrate', '-p', 'deepseek', '--dry-run', '--force', '--report', 'README.md', '.'], { cwd: d });
    expect(forced.code).toBe(0);
    expect(read(path.join(d, 'README.md'))).toContain('openai-migrate:report');
  });

  it('an unwritable report path is found before any file is migrated', () => {
    const d = repo({ 'a.ts': SRC });
    mkdirSync(path.join(d, 'dir.md'));
    for (const target of ['missing/review.md', 'dir.md']) {
      const r = cli(['migrate', '-p', 'deepseek', '--report', target, '.'], { cwd: d });
      expect(r.code, target).toBe(2);
      expect(r.stderr).toContain('E_REPORT_UNWRITABLE');
      expect(read(path.join(d, 'a.ts'))).toBe(SRC);
    }
  });

  it.skipIf(isRoot)('a report in a read-only folder is found before any file is migrated (non-root)', () => {
    const d = repo({ 'a.ts': SRC });
    mkdirSync(path.join(d, 'ro'));
    chmodSync(path.join(d, 'ro'), 0o555);
    const r = cli(['migrate', '-p', 'deepseek', '--report', 'ro/review.md', '.'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_REPORT_UNWRITABLE');
    expect(read(path.join(d, 'a.ts'))).toBe(SRC);
  });
});
