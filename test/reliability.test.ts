import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, chmodSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { BIN, cli } from './helpers/cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'oam-rel-'));
const SRC = "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const r = c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";

describe('bad input loses nothing', () => {
  it('binary file named .js, latin-1 file, huge file: skipped with a reason, bytes untouched', async () => {
    const d = tmp();
    const binary = Buffer.concat([Buffer.from("import OpenAI from 'openai';\n"), Buffer.from([0, 1, 2, 3])]);
    const latin1 = Buffer.from("// caf\xe9\nimport OpenAI from 'openai';\nconst c = new OpenAI();\n", 'latin1');
    const huge = "import OpenAI from 'openai';\nconst c = new OpenAI();\n" + '// filler\n'.repeat(300_000);
    writeFileSync(path.join(d, 'bin.js'), binary);
    writeFileSync(path.join(d, 'latin.js'), latin1);
    writeFileSync(path.join(d, 'huge.ts'), huge);
    writeFileSync(path.join(d, 'ok.ts'), SRC);
    const r = await migrate({ cwd: d, paths: ['.'], provider: 'deepseek', force: true });
    const by = Object.fromEntries(r.files.map((f) => [f.file, f]));
    expect(by['bin.js']).toMatchObject({ status: 'skipped', errorId: 'W_BINARY' });
    expect(by['latin.js']).toMatchObject({ status: 'skipped', errorId: 'W_NOT_UTF8' });
    expect(by['huge.ts']).toMatchObject({ status: 'skipped', errorId: 'W_TOO_LARGE' });
    expect(by['ok.ts']!.status).toBe('changed');
    expect(readFileSync(path.join(d, 'bin.js')).equals(binary)).toBe(true);
    expect(readFileSync(path.join(d, 'latin.js')).equals(latin1)).toBe(true);
    expect(readFileSync(path.join(d, 'huge.ts'), 'utf8')).toBe(huge);
  });

  it('--max-file-size raises the cap', async () => {
    const d = tmp();
    writeFileSync(path.join(d, 'big.ts'), SRC + '// x\n'.repeat(1000));
    const r = await migrate({ cwd: d, paths: ['.'], provider: 'qwen', force: true, maxFileSize: 100 });
    expect(r.files[0]).toMatchObject({ status: 'skipped', errorId: 'W_TOO_LARGE' });
  });

  it('files around the 1 MiB read buffer are read whole: the usage at their end is migrated, nothing is cut', async () => {
    // The engine reads into one 1 MiB buffer and gives larger files their own: check both sides of the edge.
    const d = tmp();
    const tail = "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const r = c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
    const sizes = { 'under.ts': (1 << 20) - 1, 'exact.ts': 1 << 20, 'over.ts': (1 << 20) + 1, 'big.ts': (1 << 20) * 2 - 5 };
    for (const [name, size] of Object.entries(sizes)) {
      // Filler in short lines (a single long line would be skipped as generated code).
      const fill = size - tail.length;
      const line = '// ' + 'x'.repeat(76) + '\n';
      const head = line.repeat(Math.floor(fill / line.length)) + '/'.repeat(fill % line.length ? (fill % line.length) - 1 : 0) + (fill % line.length ? '\n' : '');
      writeFileSync(path.join(d, name), head + tail);
      expect(statSync(path.join(d, name)).size).toBe(size);
    }
    const r = await migrate({ cwd: d, paths: ['.'], provider: 'deepseek', force: true, maxFileSize: 3 << 20 });
    for (const name of Object.keys(sizes)) {
      const f = r.files.find((x) => x.file === name)!;
      expect(f.status, name).toBe('changed');
      const after = readFileSync(path.join(d, name), 'utf8');
      expect(after.startsWith('// xxx'), name).toBe(true);
      expect(after, name).toMatch(/baseURL: 'https:\/\/api\.deepseek\.com'[^\n]*\n[^\n]*model: 'deepseek-[a-z0-9.-]+'/);
      expect(after.length, name).toBeGreaterThan(sizes[name as keyof typeof sizes] - 10);
    }
  });

  it('the size cap holds above and below the read buffer size', async () => {
    const d = tmp();
    writeFileSync(path.join(d, 'a.ts'), SRC + '// x\n'.repeat(400_000)); // 2 MB: over a 1.5 MB cap, over the buffer
    writeFileSync(path.join(d, 'b.ts'), SRC + '// x\n'.repeat(300)); // small file, over a 1,000-byte cap
    const big = await migrate({ cwd: d, paths: ['a.ts'], provider: 'qwen', force: true, maxFileSize: 1_500_000 });
    expect(big.files[0]).toMatchObject({ status: 'skipped', errorId: 'W_TOO_LARGE' });
    expect(big.files[0]!.reason).toMatch(/2000\d+ > 1500000/);
    const small = await migrate({ cwd: d, paths: ['b.ts'], provider: 'qwen', force: true, maxFileSize: 1000 });
    expect(small.files[0]).toMatchObject({ status: 'skipped', errorId: 'W_TOO_LARGE' });
    const exact = await migrate({ cwd: d, paths: ['b.ts'], provider: 'qwen', force: true, maxFileSize: statSync(path.join(d, 'b.ts')).size });
    expect(exact.files[0]!.status).toBe('changed');
  });

  it('symlinks are not followed: no loop, nothing outside the root is read or written', async () => {
    const root = tmp();
    const outside = tmp();
    writeFileSync(path.join(outside, 'secret.ts'), SRC);
    mkdirSync(path.join(root, 'sub'));
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'link.ts'));
    symlinkSync(outside, path.join(root, 'outdir'), 'dir');
    symlinkSync(root, path.join(root, 'sub', 'loop'), 'dir');
    writeFileSync(path.join(root, 'real.ts'), SRC);
    const r = await migrate({ cwd: root, paths: ['.'], provider: 'deepseek', force: true });
    expect(r.files.map((f) => f.file).sort()).toEqual(['real.ts']);
    expect(readFileSync(path.join(outside, 'secret.ts'), 'utf8')).toBe(SRC);
  });

  it('writes keep the file mode and leave no temporary files', async () => {
    const d = tmp();
    const f = path.join(d, 'tool.js');
    writeFileSync(f, "#!/usr/bin/env node\nconst OpenAI = require('openai');\nnew OpenAI();\n");
    chmodSync(f, 0o755);
    await migrate({ cwd: d, paths: ['.'], provider: 'deepseek', force: true });
    expect(statSync(f).mode & 0o777).toBe(0o755);
    expect(readFileSync(f, 'utf8')).toContain('https://api.deepseek.com');
    expect(readdirSync(d)).toEqual(['tool.js']);
  });

  it('invalid config: path and position, exit 2; unknown keys are warned about', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'a.ts'), SRC);
    writeFileSync(path.join(d, 'bad.json'), '{\n  "provider": "qwen",\n  oops\n}\n');
    const r = cli(['migrate', '--config', 'bad.json', '--dry-run', '.'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_CONFIG_INVALID.*bad\.json:3:\d+/);
    writeFileSync(path.join(d, '.openai-migrate.json'), '{ "provider": "qwen", "colour": true }');
    const w = cli(['migrate', '--dry-run', '.'], { cwd: d, env: { NO_COLOR: '1' } });
    expect(w.code).toBe(0);
    expect(w.stdout).toContain('unknown key "colour"');
    expect(w.stdout).toContain('qwen3-max');
  });

  it('a run killed mid-write leaves every file old or new, never half', { timeout: 60_000 }, async () => {
    const d = tmp();
    const n = 400;
    for (let i = 0; i < n; i++) writeFileSync(path.join(d, `f${i}.ts`), SRC.replace('gpt-4o', i % 2 ? 'gpt-4o' : 'gpt-4o-mini') + `// ${'x'.repeat(2000)}\n`);
    const golden = tmp();
    cpSync(d, golden, { recursive: true });
    await migrate({ cwd: golden, paths: ['.'], provider: 'deepseek', force: true });
    const before = new Map(readdirSync(d).map((f) => [f, readFileSync(path.join(d, f), 'utf8')]));
    const child = spawn(process.execPath, [BIN, 'migrate', '-p', 'deepseek', '--force', '.'], { cwd: d, stdio: 'ignore' });
    const closed = new Promise((r) => child.on('close', r));
    // Kill as soon as the first file has been rewritten.
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        for (const [f, old] of before) {
          try {
            if (readFileSync(path.join(d, f), 'utf8') !== old) {
              clearInterval(t);
              child.kill('SIGKILL');
              return resolve();
            }
          } catch {
            /* mid-rename */
          }
        }
      }, 1);
      child.on('exit', () => {
        clearInterval(t);
        resolve();
      });
    });
    await closed;
    let changed = 0;
    for (const [f, old] of before) {
      const now = readFileSync(path.join(d, f), 'utf8');
      const neu = readFileSync(path.join(golden, f), 'utf8');
      expect([old, neu], f).toContain(now);
      if (now === neu) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });
});

/** Root reads every file; the unreadable-file test needs to run the CLI as "nobody" (and nobody must reach the CLI). */
function nobodyCanRunTheCli(): boolean {
  if (process.getuid?.() !== 0) return false;
  const r = spawnSync(process.execPath, [BIN, '--version'], { uid: 65534, gid: 65534, env: { PATH: process.env.PATH }, cwd: tmpdir() });
  return r.status === 0;
}

describe('write safety', () => {
  it('a file changed on disk after it was read is not overwritten', async () => {
    const { writeAtomic, ChangedOnDiskError } = await import('../src/engine/write.js');
    const d = tmp();
    const f = path.join(d, 'a.ts');
    writeFileSync(f, 'old\n');
    const st = statSync(f);
    writeFileSync(f, 'someone else edited this file\n');
    await expect(writeAtomic(f, Buffer.from('new\n'), { size: st.size, mtimeMs: st.mtimeMs })).rejects.toBeInstanceOf(ChangedOnDiskError);
    expect(readFileSync(f, 'utf8')).toBe('someone else edited this file\n');
    expect(readdirSync(d)).toEqual(['a.ts']);
  });

  it.skipIf(!nobodyCanRunTheCli())('an unreadable file is reported per file (E_READ) while the others migrate, exit 1', async () => {
    // Root reads everything, so the CLI runs as the unprivileged "nobody" user here.
    const d = tmp();
    chmodSync(d, 0o777);
    writeFileSync(path.join(d, 'locked.ts'), SRC);
    chmodSync(path.join(d, 'locked.ts'), 0o000);
    writeFileSync(path.join(d, 'open.ts'), SRC);
    // Owned by the user who runs (a file of another owner is not rewritten: its owner could not be kept).
    chownSync(path.join(d, 'open.ts'), 65534, 65534);
    const child = spawn(process.execPath, [BIN, 'migrate', '-p', 'deepseek', '--force', '.'], { cwd: d, uid: 65534, gid: 65534, env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(out).toMatch(/locked\.ts\s+\[E_READ\] cannot read: EACCES/);
    expect(code).toBe(1);
    expect(readFileSync(path.join(d, 'open.ts'), 'utf8')).toContain('deepseek-v4-pro');
    chmodSync(path.join(d, 'locked.ts'), 0o644);
    expect(readFileSync(path.join(d, 'locked.ts'), 'utf8')).toBe(SRC);
  });

  it.skipIf(!nobodyCanRunTheCli())('an unreadable folder is reported (E_READ, exit 1) while the rest migrates', async () => {
    const d = tmp();
    chmodSync(d, 0o777);
    mkdirSync(path.join(d, 'secret'));
    writeFileSync(path.join(d, 'secret', 'hidden.ts'), SRC);
    chmodSync(path.join(d, 'secret'), 0o000);
    writeFileSync(path.join(d, 'open.ts'), SRC);
    // Owned by the user who runs (a file of another owner is not rewritten: its owner could not be kept).
    chownSync(path.join(d, 'open.ts'), 65534, 65534);
    const child = spawn(process.execPath, [BIN, 'migrate', '-p', 'deepseek', '--force', '.'], { cwd: d, uid: 65534, gid: 65534, env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(out).toMatch(/secret\/\s+\[E_READ\] cannot read folder: EACCES/);
    expect(code).toBe(1);
    expect(readFileSync(path.join(d, 'open.ts'), 'utf8')).toContain('deepseek-v4-pro');
    chmodSync(path.join(d, 'secret'), 0o755);
    expect(readFileSync(path.join(d, 'secret', 'hidden.ts'), 'utf8')).toBe(SRC);
  });
});
