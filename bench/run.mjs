#!/usr/bin/env node
// `npm run bench`: times openai-migrate against ripgrep (the I/O floor) and a
// jscodeshift no-op (the classic codemod runner) on a generated monorepo.
// Not a test: it prints numbers, it asserts nothing. See docs/performance.md.
//
//   node bench/run.mjs [--files 20000] [--also 5000] [--runs 3] [--no-jscodeshift] [--no-cold] [--dir .bench] [--json out.json]
//   node bench/run.mjs --changed-only [--runs 3]   # only check --changed-since (a PR touching 20 files) vs a full check
//   node bench/run.mjs --density 0.3 [--files 20000] [--runs 3] [--ast-grep PATH] [--bin PATH]   # dense repository: migrate vs ast-grep
//
// --no-cold skips the cold page cache round (it needs root on Linux to drop the cache).
// --also takes a comma list of extra sizes (e.g. --also 5000,80000) to show how
// cost grows; --no-jscodeshift skips the slow baseline (about 140 s at 20k files).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, openSync, closeSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--bin PATH` (before the other flags' use) measures another build, e.g. a copy of the previous commit's bin/ and dist/.
const binAt = process.argv.indexOf('--bin');
const BIN = binAt > 0 ? path.resolve(process.argv[binAt + 1]) : path.join(ROOT, 'bin/openai-migrate.js');

function parseArgs(argv) {
  const o = { files: 20000, also: [5000], runs: 3, jscodeshift: true, cold: true, dir: path.join(ROOT, '.bench'), json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--files') o.files = Number(next());
    else if (a === '--also') o.also = next().split(',').filter(Boolean).map(Number);
    else if (a === '--runs') o.runs = Math.max(1, Number(next()));
    else if (a === '--no-jscodeshift') o.jscodeshift = false;
    else if (a === '--no-cold') o.cold = false;
    else if (a === '--changed-only') o.changedOnly = true;
    else if (a === '--density') o.density = Number(next());
    else if (a === '--ast-grep') o.astGrep = path.resolve(next());
    else if (a === '--bin')
      next(); // read above
    else if (a === '--dir') o.dir = path.resolve(next());
    else if (a === '--json') o.json = path.resolve(next());
    else if (a === '--help' || a === '-h') {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 11)
          .join('\n')
          .replace(/^\/\/ ?/gm, ''),
      );
      process.exit(0);
    } else {
      console.error(`bench: unknown flag ${a} (see --help)`);
      process.exit(2);
    }
  }
  return o;
}

const has = (cmd, args = ['--version']) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const TIME = existsSync('/usr/bin/time') && has('/usr/bin/time', ['-f', '%M %U %S', 'true']) ? '/usr/bin/time' : undefined;

/**
 * Run one command; returns wall seconds, and peak RSS (MB) and CPU seconds
 * (user + system, less sensitive than wall time to a busy machine) from GNU time when present. stdout goes to `outFile` so big JSON never sits in this process.
 */
function timeOne(cmd, args, { cwd, outFile, env }) {
  const rssFile = `${outFile}.rss`;
  const out = openSync(outFile, 'w');
  const argv = TIME ? ['-f', '%M %U %S', '-o', rssFile, cmd, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME ?? cmd, argv, { cwd, stdio: ['ignore', out, 'pipe'], env: { ...process.env, CI: '1', ...env }, maxBuffer: 64 << 20 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(out);
  let rss;
  let cpu;
  if (TIME && existsSync(rssFile)) {
    const [kb, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (Number.isFinite(kb)) rss = kb / 1024;
    if (Number.isFinite(user + sys)) cpu = user + sys;
  }
  return { secs, rss, cpu, status: r.status, stderr: String(r.stderr ?? '').slice(0, 2000) };
}

function tools(_repo, o, main) {
  const node = process.execPath;
  const list = [
    { id: 'ripgrep', label: 'rg -l -i openai', cmd: 'rg', args: ['-l', '-i', 'openai', '.'], ok: (s) => s === 0 || s === 1 },
    { id: 'scan', label: 'openai-migrate scan --format json', cmd: node, args: [BIN, 'scan', '--format', 'json'] },
    { id: 'migrate', label: 'openai-migrate migrate --provider deepseek --dry-run --format json', cmd: node, args: [BIN, 'migrate', '--provider', 'deepseek', '--dry-run', '--format', 'json'] },
    { id: 'check', label: 'openai-migrate check --format json --fail-on never', cmd: node, args: [BIN, 'check', '--format', 'json', '--fail-on', 'never'] },
    // What the worker thread and the code cache are worth: the same scan without each.
    { id: 'scan-1t', label: '  scan, main thread only (OPENAI_MIGRATE_WORKERS=0)', cmd: node, args: [BIN, 'scan', '--format', 'json'], env: () => ({ OPENAI_MIGRATE_WORKERS: '0' }) },
    {
      id: 'scan-cold',
      label: '  scan, first run ever (empty code cache)',
      cmd: node,
      args: [BIN, 'scan', '--format', 'json'],
      env: () => ({ OPENAI_MIGRATE_CACHE_DIR: mkdtempSync(path.join(os.tmpdir(), 'oam-bench-cache-')) }),
    },
  ];
  if (!o.hasRg) list.shift();
  if (main && o.jscodeshift) {
    list.push({
      id: 'jscodeshift',
      label: 'jscodeshift no-op (parse only), --dry, 1 run',
      cmd: path.join(ROOT, 'node_modules/.bin/jscodeshift'),
      args: ['--dry', '--silent', '-t', path.join(ROOT, 'bench/noop-transform.cjs'), '--extensions=ts,tsx,js', '--parser=tsx', '--ignore-pattern=**/generated/**', '.'],
      once: true,
    });
  }
  return list;
}

const fmtS = (s) => (s >= 10 ? s.toFixed(1) : s.toFixed(2)) + ' s';
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

/** Time every tool on one repository size, alternating tools within each round. */
function benchSize(files, o, main) {
  const repo = path.join(o.dir, `repo-${files}`);
  const t0 = Date.now();
  const stats = generate(repo, files);
  const outDir = path.join(o.dir, 'out');
  mkdirSync(outDir, { recursive: true });
  console.log(
    `\n== ${files.toLocaleString('en')} files, ${stats.lines.toLocaleString('en')} lines, ${(stats.bytes / 1e6).toFixed(0)} MB ` +
      `(${Object.entries(stats.byExt)
        .map(([k, v]) => `${v} .${k}`)
        .join(', ')}); ${stats.openai} use OpenAI (${stats.openaiJs} JS/TS, ${stats.openaiPy} Python), ` +
      `${stats.mentions} only mention it; ${stats.ignored} gitignored generated files  [ready in ${((Date.now() - t0) / 1000).toFixed(1)} s]`,
  );
  const list = tools(repo, o, main);
  // Warm-up: fill the page cache so every tool reads from memory.
  if (o.hasRg) timeOne('rg', ['-l', '-i', 'openai', '.'], { cwd: repo, outFile: path.join(outDir, 'warm.txt') });
  else timeOne('cat', ['.gitignore'], { cwd: repo, outFile: path.join(outDir, 'warm.txt') });
  // And the V8 code cache for the TypeScript compiler (src/engine/code-cache.ts), as after a user's first run.
  timeOne(process.execPath, [BIN, 'scan', '--format', 'json'], { cwd: repo, outFile: path.join(outDir, 'warm.txt') });
  const samples = new Map(list.map((t) => [t.id, []]));
  for (let round = 0; round < o.runs; round++) {
    for (const t of list) {
      if (t.once && round > 0) continue;
      process.stderr.write(`  round ${round + 1}/${o.runs}: ${t.id}...\r`);
      const r = timeOne(t.cmd, t.args, { cwd: repo, outFile: path.join(outDir, `${t.id}-${files}.out`), env: t.env?.() });
      const ok = t.ok ? t.ok(r.status) : r.status === 0;
      if (!ok) console.error(`\n  ${t.id} exited ${r.status}: ${r.stderr}`);
      samples.get(t.id).push(r);
    }
  }
  process.stderr.write(' '.repeat(60) + '\r');
  const rows = list.map((t) => {
    const s = samples.get(t.id);
    return {
      id: t.id,
      label: t.label,
      secs: median(s.map((x) => x.secs)),
      cpu: s.every((x) => x.cpu !== undefined) ? median(s.map((x) => x.cpu)) : undefined,
      rss: s.some((x) => x.rss) ? Math.max(...s.map((x) => x.rss ?? 0)) : undefined,
      runs: s.length,
    };
  });
  const rg = rows.find((r) => r.id === 'ripgrep')?.secs;
  console.log(`  ${pad('tool', 70)} ${lpad('median', 9)} ${lpad('x rg', 7)} ${lpad('files/s', 9)} ${lpad('peak RSS', 9)} ${lpad('cpu', 8)}`);
  for (const r of rows) {
    console.log(
      `  ${pad(r.label, 70)} ${lpad(fmtS(r.secs), 9)} ${lpad(rg ? (r.secs / rg).toFixed(1) + 'x' : '-', 7)} ` +
        `${lpad(Math.round(files / r.secs).toLocaleString('en'), 9)} ${lpad(r.rss ? r.rss.toFixed(0) + ' MB' : 'n/a', 9)} ${lpad(r.cpu !== undefined ? fmtS(r.cpu) : 'n/a', 8)}`,
    );
  }
  console.log(sanity(outDir, files, stats));
  return { files, stats, rows, rg, repo };
}

/** What the tools found, so a fast but wrong run shows up. */
function sanity(outDir, files, stats) {
  const read = (id) => {
    try {
      return JSON.parse(readFileSync(path.join(outDir, `${id}-${files}.out`), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const parts = [];
  const scan = read('scan');
  if (scan) {
    const withFindings = new Set(scan.findings.map((f) => f.file)).size;
    parts.push(`scan: ${scan.summary.filesScanned} files read, ${scan.summary.filesParsed} parsed, ${withFindings} with findings`);
  }
  const mig = read('migrate');
  if (mig) parts.push(`migrate: ${mig.summary.filesChanged} would change, ${mig.summary.filesFailed} failed`);
  try {
    const rgOut = readFileSync(path.join(outDir, `ripgrep-${files}.out`), 'utf8')
      .split('\n')
      .filter(Boolean).length;
    parts.push(`rg: ${rgOut} files match`);
  } catch {
    /* no rg */
  }
  parts.push(`expected: ${stats.openaiJs} JS/TS + ${stats.openaiPy} Python files using OpenAI`);
  return `  found -> ${parts.join('; ')}`;
}

/** `openai-migrate --help`, median of 7 starts. */
function helpTime(o) {
  const xs = [];
  for (let i = 0; i < 7; i++) xs.push(timeOne(process.execPath, [BIN, '--help'], { cwd: ROOT, outFile: path.join(o.dir, 'out', 'help.out') }).secs);
  return median(xs);
}

/** `check --shard i/n` for every i: the shards must add up to the whole run. */
function shards(main, o) {
  const help = spawnSync(process.execPath, [BIN, 'check', '--help'], { encoding: 'utf8' }).stdout ?? '';
  if (!help.includes('--shard')) return '  check --shard: not available in this build (issue 5); shards not measured';
  const n = 4;
  const whole = JSON.parse(readFileSync(path.join(o.dir, 'out', `check-${main.files}.out`), 'utf8'));
  let scanned = 0;
  let findings = 0;
  const times = [];
  const seen = new Set();
  let overlap = 0;
  for (let i = 1; i <= n; i++) {
    const out = path.join(o.dir, 'out', `shard-${i}.out`);
    const r = timeOne(process.execPath, [BIN, 'check', '--format', 'json', '--fail-on', 'never', '--shard', `${i}/${n}`], { cwd: main.repo, outFile: out });
    if (r.status !== 0) return `  check --shard ${i}/${n} exited ${r.status}: ${r.stderr}`;
    const j = JSON.parse(readFileSync(out, 'utf8'));
    scanned += j.summary.filesScanned;
    findings += j.summary.findings;
    for (const f of new Set(j.findings.map((x) => x.file))) seen.has(f) ? overlap++ : seen.add(f);
    times.push(r.secs);
  }
  const same = scanned === whole.summary.filesScanned && findings === whole.summary.findings && overlap === 0;
  return (
    `  check --shard i/${n}: files ${scanned} vs whole ${whole.summary.filesScanned}, findings ${findings} vs ${whole.summary.findings}, ` +
    `files in two shards: ${overlap} -> ${same ? 'shards add up to the whole' : 'MISMATCH'}; slowest shard ${fmtS(Math.max(...times))}`
  );
}

/**
 * `check --changed-since HEAD` with 20 files edited in the work tree (a pull
 * request touching 20 files, 5 of them using OpenAI), against a full `check`,
 * alternating. The repository gets one commit the first time (git add of every
 * file, a few seconds); the edits are undone afterwards.
 */
function changedFiles(main, o) {
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@invalid', '-c', 'core.fsmonitor=false', ...args], { cwd: main.repo, encoding: 'utf8', maxBuffer: 256 << 20 });
  try {
    git('rev-parse', '--verify', '-q', 'HEAD');
  } catch {
    try {
      git('add', '-A');
      git('commit', '-qm', 'bench', '--no-verify');
    } catch (e) {
      return `  check --changed-since: no git repository to measure in (${e.message.split('\n')[0]})`;
    }
  }
  const tracked = git('ls-files', '-z', '--', 'packages')
    .split('\0')
    .filter((f) => /\.(ts|tsx|js|py)$/.test(f));
  const users = tracked.filter((f) => /openai/i.test(readFileSync(path.join(main.repo, f), 'utf8'))).slice(0, 5);
  const others = tracked
    .filter((f) => !users.includes(f))
    .filter((_f, i) => i % 997 === 0)
    .slice(0, 20 - users.length);
  const touched = [...users, ...others];
  for (const f of touched) writeFileSync(path.join(main.repo, f), readFileSync(path.join(main.repo, f), 'utf8') + (f.endsWith('.py') ? '# touched\n' : '// touched\n'));
  const node = process.execPath;
  const runs = { full: [], changed: [] };
  let out;
  try {
    for (let round = 0; round < Math.max(o.runs, 3); round++) {
      for (const id of ['full', 'changed']) {
        const args = [BIN, 'check', '--format', 'json', '--fail-on', 'never', ...(id === 'changed' ? ['--changed-since', 'HEAD'] : [])];
        const file = path.join(o.dir, 'out', `changed-${id}.out`);
        mkdirSync(path.dirname(file), { recursive: true });
        const r = timeOne(node, args, { cwd: main.repo, outFile: file });
        if (r.status !== 0) return `  check${id === 'changed' ? ' --changed-since' : ''} exited ${r.status}: ${r.stderr}`;
        runs[id].push(r);
        if (id === 'changed') out = JSON.parse(readFileSync(file, 'utf8')).summary;
      }
    }
  } finally {
    git('checkout', '-q', '--', ...touched);
  }
  const m = (id, k) => median(runs[id].map((x) => x[k]).filter((x) => x !== undefined));
  const cpu = (id) => (runs[id].every((x) => x.cpu !== undefined) ? `, cpu ${m(id, 'cpu').toFixed(2)} s` : '');
  const rss = (id) => (runs[id].some((x) => x.rss) ? `, peak RSS ${Math.max(...runs[id].map((x) => x.rss ?? 0)).toFixed(0)} MB` : '');
  return (
    `  full check: ${fmtS(m('full', 'secs'))}${cpu('full')}${rss('full')}\n` +
    `  check --changed-since HEAD, ${touched.length} files edited (${users.length} use OpenAI): ${fmtS(m('changed', 'secs'))}${cpu('changed')}${rss('changed')}; ` +
    `${out.changedFiles} changed, ${out.filesScanned} read, ${out.findings} finding(s); ${(m('full', 'secs') / m('changed', 'secs')).toFixed(1)}x faster (median of ${runs.full.length})`
  );
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(ROOT, 'dist/src/cli.js'))) {
    console.log('bench: dist/ is missing, building with tsc...');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], { stdio: 'inherit' });
  }
  o.hasRg = has('rg');
  if (!o.hasRg) console.log('bench: ripgrep (rg) not found; ratios to the I/O floor are omitted. Install it: apt-get install -y ripgrep');
  if (!TIME) console.log('bench: GNU time (/usr/bin/time) not found; peak RSS is omitted. Install it: apt-get install -y time');
  const cpus = cpuInfo();
  console.log(`openai-migrate bench: node ${process.version}, ${cpus}, ${o.runs} runs per tool (median), tools alternate within each round; numbers use dist/ (rebuild after changes)`);
  const load = os.loadavg()[0];
  if (load > os.cpus().length * 0.5) console.log(`bench: load average ${load.toFixed(1)} on ${os.cpus().length} cpus: other work is running, wall times will be noisy (compare the cpu column)`);
  if (o.density !== undefined) {
    if (!(o.density > 0 && o.density <= 1)) {
      console.error(`bench: --density takes a share of files between 0 and 1 (got ${o.density})`);
      process.exit(2);
    }
    dense(o);
    return;
  }
  if (o.changedOnly) {
    const repo = path.join(o.dir, `repo-${o.files}`);
    const stats = generate(repo, o.files);
    console.log(`\n== changed files (${o.files.toLocaleString('en')} files, ${stats.openai} use OpenAI)`);
    console.log(changedFiles({ repo }, o));
    return;
  }
  const sizes = [...new Set([...o.also, o.files])].sort((a, b) => a - b);
  const results = [];
  for (const n of sizes) results.push(benchSize(n, o, n === o.files));
  const main = results.find((r) => r.files === o.files);
  console.log(`\n== openai-migrate --help: ${(helpTime(o) * 1000).toFixed(0)} ms (median of 7)`);
  if (results.length > 1) {
    // Marginal cost between consecutive sizes: flat across sizes = linear growth;
    // the intercept is the fixed cost (node start, loading the TypeScript parser).
    console.log(`\n== growth: marginal milliseconds per 1,000 more files between sizes (flat = linear), and fixed cost`);
    const ids = main.rows.filter((r) => r.id !== 'jscodeshift').map((r) => r.id);
    const spans = results.slice(1).map((r, i) => [results[i], r]);
    console.log(`  ${pad('tool', 10)} ${spans.map(([a, b]) => lpad(`${a.files / 1000}k->${b.files / 1000}k`, 12)).join(' ')} ${lpad('fixed', 9)}`);
    for (const id of ids) {
      const t = (r) => r.rows.find((x) => x.id === id).secs;
      const slopes = spans.map(([a, b]) => ((t(b) - t(a)) / (b.files - a.files)) * 1e6);
      const [a, b] = spans[spans.length - 1];
      const fixed = t(a) - ((t(b) - t(a)) / (b.files - a.files)) * a.files;
      console.log(`  ${pad(id, 10)} ${slopes.map((x) => lpad(x.toFixed(0) + ' ms', 12)).join(' ')} ${lpad(fixed.toFixed(2) + ' s', 9)}`);
    }
  }
  console.log('\n== shards');
  console.log(shards(main, o));
  console.log('\n== changed files');
  console.log(changedFiles(main, o));
  if (o.cold) main.cold = cold(main, o);
  if (o.json) writeFileSync(o.json, JSON.stringify({ node: process.version, cpus, results: results.map(({ repo: _r, ...r }) => r) }, null, 2) + '\n');
  rmSync(path.join(o.dir, 'out', 'warm.txt'), { force: true });
}

/**
 * The same tools with an empty page cache before every run (Linux, as root:
 * `echo 3 > /proc/sys/vm/drop_caches`): the cost of a first run on a checkout
 * that is not in memory, where reading the files is the floor for every tool.
 * Node, the tool's own files and the code cache are dropped too, as on a
 * fresh CI runner.
 */
function cold(main, o) {
  const drop = () => {
    try {
      execFileSync('sync');
      writeFileSync('/proc/sys/vm/drop_caches', '3\n');
      return true;
    } catch {
      return false;
    }
  };
  console.log('\n== cold page cache (dropped before every run)');
  if (!drop()) {
    console.log('  not measured: dropping the page cache needs Linux and root (/proc/sys/vm/drop_caches)');
    return undefined;
  }
  const list = tools(main.repo, o, false).filter((t) => ['ripgrep', 'scan', 'migrate', 'check'].includes(t.id));
  const samples = new Map(list.map((t) => [t.id, []]));
  const outDir = path.join(o.dir, 'out');
  for (let round = 0; round < o.runs; round++) {
    for (const t of list) {
      drop();
      samples.get(t.id).push(timeOne(t.cmd, t.args, { cwd: main.repo, outFile: path.join(outDir, `cold-${t.id}.out`), env: t.env?.() }).secs);
    }
  }
  const rows = list.map((t) => ({ id: t.id, label: t.label, secs: median(samples.get(t.id)) }));
  const rg = rows.find((r) => r.id === 'ripgrep')?.secs;
  console.log(`  ${pad('tool', 70)} ${lpad('median', 9)} ${lpad('x rg', 7)}`);
  for (const r of rows) console.log(`  ${pad(r.label, 70)} ${lpad(fmtS(r.secs), 9)} ${lpad(rg ? (r.secs / rg).toFixed(1) + 'x' : '-', 7)}`);
  return rows;
}

/**
 * Where ast-grep is: --ast-grep PATH, then `ast-grep` on PATH, then the binary of
 * @ast-grep/cli installed with --ignore-scripts (its platform package ships it).
 * Not a dependency of the project: `npm install --no-save --ignore-scripts @ast-grep/cli` to measure.
 */
function findAstGrep(o) {
  const candidates = [o.astGrep, 'ast-grep', path.join(ROOT, `node_modules/@ast-grep/cli-${process.platform}-${process.arch}-gnu/ast-grep`)].filter(Boolean);
  return candidates.find((c) => has(c));
}

/** One ast-grep rule per language the bench writes: the calls the migration rewrites (chat and embeddings). */
const AST_GREP_RULES = [
  ['TypeScript', '$C.chat.completions.create($$$A)'],
  ['Tsx', '$C.chat.completions.create($$$A)'],
  ['JavaScript', '$C.chat.completions.create($$$A)'],
  ['Python', '$C.chat.completions.create($$$A)'],
  ['TypeScript', '$C.embeddings.create($$$A)'],
  ['Tsx', '$C.embeddings.create($$$A)'],
]
  .map(([lang, pattern], i) => `id: call-${i}\nlanguage: ${lang}\nseverity: info\nrule:\n  pattern: ${pattern}`)
  .join('\n---\n');

/**
 * `--density D`: a repository where a share D of the files use OpenAI (an SDK-heavy
 * app), `migrate --dry-run` and `scan` against ast-grep matching the calls on the
 * same files and a read-every-file regular expression, with peak RSS. Issue 19's goals:
 * peak RSS <= 400 MB and migrate <= 2x ast-grep at 20,000 files and density 0.3.
 */
function dense(o) {
  const files = o.files;
  const repo = path.join(o.dir, `repo-${files}-d${o.density}`);
  const t0 = Date.now();
  const stats = generate(repo, files, 7, o.density);
  const outDir = path.join(o.dir, 'out');
  mkdirSync(outDir, { recursive: true });
  console.log(
    `openai-migrate bench (dense): node ${process.version}, ${cpuInfo()}, load ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}, ${o.runs} runs per tool (median; peak RSS is the largest)`,
  );
  console.log(
    `\n== ${files.toLocaleString('en')} files, density ${o.density}: ${stats.lines.toLocaleString('en')} lines, ${(stats.bytes / 1e6).toFixed(0)} MB; ` +
      `${stats.openai} use OpenAI (${stats.openaiJs} JS/TS, ${stats.openaiPy} Python)  [ready in ${((Date.now() - t0) / 1000).toFixed(1)} s]`,
  );
  const node = process.execPath;
  const sg = findAstGrep(o);
  const list = [
    { id: 'regex', label: 'read every file + one regular expression (node)', cmd: node, args: [path.join(ROOT, 'bench/regex-baseline.mjs'), '.'] },
    ...(sg
      ? [
          {
            id: 'ast-grep',
            label: 'ast-grep scan (chat + embeddings call patterns)',
            cmd: sg,
            args: ['scan', '--inline-rules', AST_GREP_RULES, '--json=stream', '.'],
            ok: (st) => st === 0 || st === 1,
          },
        ]
      : []),
    { id: 'scan', label: 'openai-migrate scan --format json', cmd: node, args: [BIN, 'scan', '--format', 'json'] },
    { id: 'migrate', label: 'openai-migrate migrate --provider deepseek --dry-run --format json', cmd: node, args: [BIN, 'migrate', '--provider', 'deepseek', '--dry-run', '--format', 'json'] },
  ];
  if (!sg) console.log('  ast-grep not found (--ast-grep PATH, or `npm install --no-save --ignore-scripts @ast-grep/cli`): compared with the regex pass only');
  // Warm the page cache and the code cache.
  timeOne(node, [path.join(ROOT, 'bench/regex-baseline.mjs'), '.'], { cwd: repo, outFile: path.join(outDir, 'warm.txt') });
  timeOne(node, [BIN, 'scan', '--format', 'json'], { cwd: repo, outFile: path.join(outDir, 'warm.txt') });
  const samples = new Map(list.map((t) => [t.id, []]));
  for (let round = 0; round < o.runs; round++) {
    for (const t of list) {
      process.stderr.write(`  round ${round + 1}/${o.runs}: ${t.id}...\r`);
      const r = timeOne(t.cmd, t.args, { cwd: repo, outFile: path.join(outDir, `dense-${t.id}.out`) });
      if (!(t.ok ? t.ok(r.status) : r.status === 0)) console.error(`\n  ${t.id} exited ${r.status}: ${r.stderr}`);
      samples.get(t.id).push(r);
    }
  }
  process.stderr.write(' '.repeat(60) + '\r');
  const row = (id) => {
    const s = samples.get(id);
    return {
      secs: median(s.map((x) => x.secs)),
      cpu: s.every((x) => x.cpu !== undefined) ? median(s.map((x) => x.cpu)) : undefined,
      rss: s.some((x) => x.rss) ? Math.max(...s.map((x) => x.rss ?? 0)) : undefined,
    };
  };
  const ref = sg ? row('ast-grep').secs : row('regex').secs;
  console.log(`  ${pad('tool', 70)} ${lpad('median', 9)} ${lpad(sg ? 'x ast-grep' : 'x regex', 10)} ${lpad('peak RSS', 9)} ${lpad('cpu', 8)}`);
  for (const t of list) {
    const r = row(t.id);
    console.log(
      `  ${pad(t.label, 70)} ${lpad(fmtS(r.secs), 9)} ${lpad((r.secs / ref).toFixed(1) + 'x', 10)} ${lpad(r.rss ? r.rss.toFixed(0) + ' MB' : 'n/a', 9)} ${lpad(r.cpu !== undefined ? fmtS(r.cpu) : 'n/a', 8)}`,
    );
  }
  const found = [];
  try {
    const mig = JSON.parse(readFileSync(path.join(outDir, 'dense-migrate.out'), 'utf8'));
    found.push(`migrate: ${mig.summary.filesChanged} would change, ${mig.summary.filesFailed} failed`);
  } catch {
    /* reported above */
  }
  if (sg) {
    const lines = readFileSync(path.join(outDir, 'dense-ast-grep.out'), 'utf8').split('\n').filter(Boolean);
    found.push(`ast-grep: ${lines.length} matches in ${new Set(lines.map((l) => JSON.parse(l).file)).size} files`);
  }
  try {
    const rx = JSON.parse(readFileSync(path.join(outDir, 'dense-regex.out'), 'utf8'));
    found.push(`regex: ${rx.matches} matches in ${rx.filesWithMatches} of ${rx.files} files`);
  } catch {
    /* reported above */
  }
  console.log(`  found -> ${found.join('; ')}; expected: ${stats.openai} files using OpenAI`);
  if (o.json)
    writeFileSync(o.json, JSON.stringify({ node: process.version, cpus: cpuInfo(), density: o.density, stats, rows: Object.fromEntries(list.map((t) => [t.id, row(t.id)])) }, null, 2) + '\n');
}

/** "2 cpus (model)" as this process sees them. */
function cpuInfo() {
  const c = os.cpus();
  return `${os.availableParallelism?.() ?? c.length} cpus${c[0]?.model ? ` (${c[0].model.trim()})` : ''}`;
}

main();
