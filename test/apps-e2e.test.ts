import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/api.js';
import { getProvider, resolveTarget } from '../src/providers/index.js';

/**
 * Small apps with their own test suites (vitest, node:test, pytest), one of them
 * multi-provider (OpenAI next to Groq and OpenRouter clients). Each is migrated for
 * three providers; the assertion is the app's own suite: it passes before and after.
 * The checks on the migrated sources make sure something was migrated and that the
 * other services' code and the OpenAI-only capability tables stayed as they were.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APPS_DIR = path.join(ROOT, 'fixtures/apps');
const SCRATCH = mkdtempSync(path.join(tmpdir(), 'openai-migrate-apps-'));
const PROVIDERS = ['deepseek', 'qwen', 'zhipu'];

function hasPytest(): boolean {
  try {
    execFileSync('python3', ['-m', 'pytest', '--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface App {
  name: string;
  /** The app's own test command. */
  run: (dir: string) => [string, string[]];
  node: boolean;
  /** Files that must come out byte-identical (other adapters, capability tables). */
  unchanged: string[];
  /** [file, text] the migrated app must contain (provider-specific values filled in). */
  contains: (p: { baseURL: string; fast: string; flagship: string; key: string }) => Array<[string, string]>;
  /** [file, text] that must survive migration unchanged (other services' lines). */
  keeps: Array<[string, string]>;
}

const APPS: App[] = [
  {
    name: 'chat-vitest',
    node: true,
    run: () => [process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run']],
    unchanged: ['src/capabilities.ts', 'test/capabilities.test.ts', 'test/fake-fetch.ts'],
    contains: (p) => [
      ['src/config.ts', `DEFAULT_MODEL = '${p.fast}'`],
      ['src/config.ts', `SUMMARY_MODEL = '${p.flagship}'`],
      ['src/llm.ts', p.baseURL],
      ['src/llm.ts', `process.env.${p.key}`],
      ['test/llm.test.ts', `toBe('${p.fast}')`],
    ],
    keeps: [],
  },
  {
    name: 'multi-nodetest',
    node: true,
    run: () => [process.execPath, ['--test']],
    unchanged: ['test/providers.test.js'],
    contains: (p) => [
      ['providers.js', `openai: '${p.fast}'`],
      ['providers.js', p.baseURL],
    ],
    keeps: [
      ['providers.js', "groq: new OpenAI({ baseURL: 'https://api.groq.com/openai/v1', apiKey: process.env.GROQ_API_KEY ?? 'test-key', fetch: fetchImpl }),"],
      ['providers.js', "openrouter: new OpenAI({ baseURL: 'https://openrouter.ai/api/v1', apiKey: process.env.OPENROUTER_API_KEY ?? 'test-key', fetch: fetchImpl }),"],
      ['providers.js', "groq: 'llama-3.3-70b-versatile',"],
      ['providers.js', "openrouter: 'openai/gpt-4o',"],
      ['providers.js', "model: 'openai/gpt-4o-mini', fallback: 'anthropic/claude-3.5-haiku'"],
    ],
  },
  {
    name: 'rag-pytest',
    node: false,
    run: () => ['python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider']],
    unchanged: ['tests/conftest.py'],
    contains: (p) => [
      ['app/settings.py', `"CHAT_MODEL", "${p.fast}"`],
      ['app/settings.py', `SUMMARY_MODEL = "${p.flagship}"`],
      ['app/llm.py', p.baseURL],
      ['tests/test_llm.py', `CHAT_MODEL == "${p.fast}"`],
    ],
    keeps: [
      ['app/settings.py', 'VISION_MODELS = {"gpt-4o", "gpt-4-turbo"}'],
      ['app/settings.py', 'GROQ_MODEL = "llama-3.1-8b-instant"'],
      ['app/llm.py', 'OpenAI(base_url="https://api.groq.com/openai/v1", api_key=os.environ.get("GROQ_API_KEY", "test-key"))'],
      ['tests/test_llm.py', 'assert not llm.is_reasoning("gpt-4o")'],
    ],
  },
];

function runSuite(app: App, dir: string): Promise<{ code: number; out: string }> {
  const [cmd, args] = app.run(dir);
  return new Promise((resolve) => {
    // No real keys reach the apps: their clients fall back to a test key.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/_API_KEY$|^NODE_OPTIONS$|^VITEST/.test(k)));
    execFile(cmd, args, { cwd: dir, timeout: 120_000, env: { ...env, PYTHONDONTWRITEBYTECODE: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}\n${stderr}` });
    });
  });
}

function copyApp(app: App, label: string): string {
  const dir = path.join(SCRATCH, `${app.name}-${label}`);
  cpSync(path.join(APPS_DIR, app.name), dir, { recursive: true });
  if (app.node) symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

const pytest = hasPytest();

describe('apps with their own test suites: green before and after migration', () => {
  for (const app of APPS) {
    const skip = !app.node && !pytest;
    it.skipIf(skip)(
      `${app.name}: its suite passes before migration`,
      async () => {
        const r = await runSuite(app, copyApp(app, 'before'));
        expect(r.code, r.out).toBe(0);
      },
      180_000,
    );
    for (const id of PROVIDERS) {
      it.skipIf(skip)(
        `${app.name} -> ${id}: migrated, its suite still passes, other services untouched`,
        async () => {
          const dir = copyApp(app, id);
          const res = await migrate({ cwd: dir, paths: ['.'], provider: id, force: true });
          expect(res.files.filter((f) => f.status === 'failed').map((f) => f.file)).toEqual([]);
          const p = getProvider(id);
          const t = resolveTarget(p);
          const fast = p.tierMap.fast;
          const flagship = p.tierMap.flagship;
          expect(fast && flagship && fast !== flagship).toBeTruthy();
          const src = path.join(APPS_DIR, app.name);
          for (const f of app.unchanged) expect(readFileSync(path.join(dir, f), 'utf8'), f).toBe(readFileSync(path.join(src, f), 'utf8'));
          for (const [f, text] of app.contains({ baseURL: t.baseURL, fast: fast!, flagship: flagship!, key: p.apiKeyEnv })) {
            expect(readFileSync(path.join(dir, f), 'utf8'), `${f} should contain ${text}`).toContain(text);
          }
          for (const [f, text] of app.keeps) expect(readFileSync(path.join(dir, f), 'utf8'), `${f} should keep ${text}`).toContain(text);
          const r = await runSuite(app, dir);
          expect(r.code, r.out).toBe(0);
        },
        180_000,
      );
    }
  }
});
