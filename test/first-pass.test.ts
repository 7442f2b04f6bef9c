import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeContext } from '../src/engine/context.js';
import type { FileContext } from '../src/engine/types.js';
import { importBatches } from '../src/lang/js/batches.js';
import { processor, withoutFirstPass } from '../src/lang/js/process.js';
import { isTestPath } from '../src/rules/adapters.js';
import { getProvider, resolveTarget } from '../src/providers/index.js';
import { ModelMap } from '../src/models/map.js';
import { JS_TRANSFORMS } from '../transforms/js/index.js';
import { cli, ROOT } from './helpers/cli.js';
import { generate } from '../bench/generate.mjs';

/**
 * Dense runs without a first pass (issue 19, src/lang/js/process.ts withoutFirstPass): the JS/TS sub-batches
 * are processed on the common app-wide facts and kept only when the facts they gather are those; otherwise
 * the run takes the first pass. Either way the output is the whole batch's, byte for byte.
 */

const TIMING = { OPENAI_MIGRATE_TIMING: '1', OPENAI_MIGRATE_CACHE_DIR: 'off', OPENAI_MIGRATE_WORKERS: '0' };
const dryRun = (dir: string) => ['migrate', '--provider', 'deepseek', '--dry-run', '--format', 'json', dir];
const SKIPPED = /js: (\d+) import-connected sub-batches of up to \d+ bytes, no first pass/;
const PY_SKIPPED = /python: (\d+) import-connected sub-batches of up to \d+ bytes, no first pass/;
/** A Python module whose OpenAI client moves (its key read with it). */
const PY_ASK =
  'import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n';

describe('no first pass where the app-wide facts are the common ones (JS/TS and Python)', () => {
  it('a dense generated repository: same output as the whole batch and as with the first pass, and the first pass is skipped', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-first-pass-'));
    try {
      generate(dir, 400, 7, 0.3);
      // Test files, whose ids follow what the whole code does with them: their sub-batches take a first pass.
      mkdirSync(path.join(dir, 'app'));
      writeFileSync(
        path.join(dir, 'app/ask.ts'),
        "import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\nexport const MODEL = 'gpt-4o';\nexport const ask = (q: string) => client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: q }] });\n",
      );
      writeFileSync(path.join(dir, 'app/ask.test.ts'), "import { MODEL } from './ask';\nit('asks gpt-4o', () => expect(MODEL).toBe('gpt-4o'));\n");
      writeFileSync(
        path.join(dir, 'app/ask_llm.py'),
        'from openai import OpenAI\n\nclient = OpenAI()\nMODEL = "gpt-4o"\n\n\ndef ask(q):\n    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": q}])\n',
      );
      writeFileSync(path.join(dir, 'app/test_ask_llm.py'), 'from ask_llm import MODEL\n\n\ndef test_model():\n    assert MODEL == "gpt-4o"\n');
      const whole = cli(dryRun(dir), { env: TIMING });
      const skipped = cli(dryRun(dir), { env: { ...TIMING, OPENAI_MIGRATE_BATCH_BYTES: '1' } });
      const first = cli(dryRun(dir), { env: { ...TIMING, OPENAI_MIGRATE_BATCH_BYTES: '1', OPENAI_MIGRATE_FIRST_PASS: 'always' } });
      expect(whole.code, whole.stderr).toBe(0);
      expect(skipped.stdout).toBe(whole.stdout);
      expect(first.stdout).toBe(whole.stdout);
      // Not vacuous: many sub-batches, no first pass in one run, a first pass in the other, and real changes.
      expect(Number(SKIPPED.exec(skipped.stderr)?.[1])).toBeGreaterThan(20);
      expect(Number(PY_SKIPPED.exec(skipped.stderr)?.[1])).toBeGreaterThan(20);
      expect(skipped.stderr).not.toMatch(/(js|python): first pass/);
      expect(first.stderr).toMatch(/js: first pass \(app-wide facts\)/);
      expect(first.stderr).toMatch(/python: first pass \(app-wide facts\)/);
      expect(JSON.parse(whole.stdout).summary.filesChanged).toBeGreaterThan(50);
      // The tests' ids moved with the code's (what a first pass over the test sub-batches gives them).
      const changed = (JSON.parse(whole.stdout).files as Array<{ file: string; changes: unknown[] }>).filter((f) => f.changes.length).map((f) => f.file);
      for (const t of ['app/ask.test.ts', 'app/test_ask_llm.py']) expect(changed.some((f) => f.endsWith(t))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('every fixture but the test files: the drafts are dropped (the facts are not the common ones) and the output is the first pass one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-first-pass-fx-'));
    try {
      cpSync(path.join(ROOT, 'fixtures/cases'), dir, { recursive: true });
      for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]) {
        const rel = path.relative(dir, path.join(e.parentPath, e.name));
        if (e.isFile() && isTestPath(rel)) rmSync(path.join(dir, rel));
      }
      const guessed = cli(dryRun(dir), { env: { ...TIMING, OPENAI_MIGRATE_BATCH_BYTES: '1' } });
      const first = cli(dryRun(dir), { env: { ...TIMING, OPENAI_MIGRATE_BATCH_BYTES: '1', OPENAI_MIGRATE_FIRST_PASS: 'always' } });
      expect(guessed.code).toBe(first.code);
      expect(guessed.stdout).toBe(first.stdout);
      expect(guessed.stderr).toMatch(/js: no first pass skipped: the app-wide facts are not the common ones \([^)]*a multi-provider plan/);
      expect(guessed.stderr).toMatch(/python: no first pass skipped: the app-wide facts are not the common ones/);
      expect(guessed.stdout.length).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('where the app-wide facts matter', () => {
  afterEach(() => {
    delete process.env.OPENAI_MIGRATE_BATCH_BYTES;
  });

  const provider = getProvider('deepseek');
  const target = resolveTarget(provider);
  const models = new ModelMap(provider);
  // Two modules that do not import each other: two sub-batches. One talks to another service, so the app is
  // multi-provider (src/rules/adapters.ts): the migrated OpenAI module says once that it was one of several.
  const files = (): FileContext[] => [
    makeContext({ abs: '/repo/src/claude.ts', rel: 'src/claude.ts', text: "import Anthropic from '@anthropic-ai/sdk';\nexport const claude = new Anthropic();\n", bom: false }, target, models),
    makeContext(
      {
        abs: '/repo/src/ask.ts',
        rel: 'src/ask.ts',
        text: "import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\nexport const ask = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
        bom: false,
      },
      target,
      models,
    ),
  ];
  const opts = { transforms: JS_TRANSFORMS };
  const edited = (c: FileContext) => c.edits.apply(c.file.text);

  it('another service in one sub-batch: the drafts made on the common facts differ, so they are dropped and the first pass decides', async () => {
    process.env.OPENAI_MIGRATE_BATCH_BYTES = '1';
    const cut = files();
    const batches = importBatches(cut, 1);
    expect(batches).toHaveLength(2);
    const order = new Map(cut.map((c, i) => [c.file.abs, i]));
    const r = withoutFirstPass(batches, order, opts, target, new URL(target.baseURL).host);
    expect(r.why).toMatch(/a multi-provider plan/);
    // Nothing reached the real contexts.
    for (const c of cut) expect(c.edits.size + c.changes.length + c.followUps.length).toBe(0);
    // The drafts, made on the common facts, miss the note the whole app's facts give: the first pass was needed.
    const said = (c: FileContext) => c.followUps.map((f) => f.reason).join('\n');
    expect(said(r.drafts!.get(cut[1]!)!)).not.toMatch(/anthropic/i);
    await processor.process(cut, opts);
    const whole = files();
    delete process.env.OPENAI_MIGRATE_BATCH_BYTES;
    await processor.process(whole, opts);
    expect(said(cut[1]!)).toMatch(/anthropic/i);
    expect(cut.map(said)).toEqual(whole.map(said));
    expect(cut.map(edited)).toEqual(whole.map(edited));
  });
});

/**
 * Every app-wide fact the shortcut's comparison covers (src/lang/js/process.ts and src/lang/python/process.ts
 * withoutFirstPass): a project where that fact is not the common one, cut into one-byte sub-batches, must give the
 * first pass's output (and the whole batch's), and the run must say which fact sent it to the first pass. A fact
 * left out of a comparison would let the drafts through: the reason would be missing, and the output would differ.
 */
describe('a project where one app-wide fact is unusual takes the first pass, with its output', () => {
  const one = { ...TIMING, OPENAI_MIGRATE_BATCH_BYTES: '1' };
  const cases: Array<{
    name: string;
    fixture?: string;
    /** Paths of the fixture's input left out. */
    drop?: string[];
    files?: Record<string, string>;
    lang: 'js' | 'python';
    why?: RegExp;
    /** No first pass needed: what the output (the shortcut's, equal to the first pass's) must show. */
    shows?: RegExp;
    /** Run inside the project (`migrate .`): its apps are found from run-relative paths (client-plan.ts pyAppDir). */
    inside?: boolean;
  }> = [
    {
      name: 'JS: a settings class declares an OpenAI key field (classKeyFields)',
      fixture: 'project/js-settings-class-key',
      lang: 'js',
      why: /a class of the app declares an OpenAI key field/,
    },
    {
      name: 'JS: an enum names an OpenAI key and a module reads it as a member (enumNames)',
      files: {
        'src/keys.ts': "export enum Keys {\n  OPENAI_API_KEY = 'OPENAI_API_KEY',\n}\n",
        'src/ask.ts':
          "import OpenAI from 'openai';\nimport { Keys } from './keys';\n\ndeclare const config: { get(k: string): string };\nconst client = new OpenAI({ apiKey: config.get(Keys.OPENAI_API_KEY) });\nexport const ask = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
      },
      lang: 'js',
      why: /an enum the app declares names an OpenAI key/,
    },
    {
      name: 'Python: no client moves (keptSettings.migrates)',
      fixture: 'project/python-no-client-moves',
      lang: 'python',
      why: /no client moves/,
    },
    {
      name: "Python: a settings field is an Azure client's endpoint (keptSettings.azureEndpoints)",
      fixture: 'project/python-azure-endpoint-setting',
      lang: 'python',
      why: /settings an Azure client reads as its endpoint/,
    },
    {
      // Not an app-wide fact: each import's answer, here "ambiguous" (two config.py equally near), is found in its own
      // sub-batch (the grouping joins every module a name may mean) and its follow-up survives the drafts.
      name: 'Python: an import two modules answer equally (ambiguous import follow-up), no first pass needed',
      fixture: 'project/python-monorepo-config',
      lang: 'python',
      shows: /ambiguous|equally/i,
    },
    {
      // apps/other moves nothing: its key read keeps its name (appMovesKeys), where the drafts knew no apps and renamed it.
      name: 'Python: an app of the run moves nothing (keptSettings.migratingApps, reachingApps)',
      files: {
        'apps/chat/requirements.txt': 'openai\n',
        'apps/chat/ask.py': PY_ASK,
        'apps/other/requirements.txt': 'requests\n',
        'apps/other/keys.py': 'import os\n\n# The OpenAI key this app hands to its own tooling.\nOPENAI_KEY = os.environ["OPENAI_API_KEY"]\n',
      },
      lang: 'python',
      inside: true,
      why: /an app that moves nothing/,
    },
    {
      // An Azure client that stays on Azure (its deployment read at run time) reads the settings field a moving client
      // reads: a staying client of the run, whose settings class keeps its variables everywhere.
      name: 'Python: an Azure client that stays reads a settings field (keptSettings.fields of the run-wide staying clients)',
      files: {
        'app/__init__.py': '',
        'app/settings.py':
          'from typing import Optional\n\nfrom pydantic_settings import BaseSettings, SettingsConfigDict\n\n\nclass Settings(BaseSettings):\n    model_config = SettingsConfigDict(extra="ignore")\n\n    OPENAI_API_KEY: Optional[str] = None\n    OPENAI_BASE_URL: Optional[str] = None  # OpenAI-compatible base URL\n    OPENAI_API_BASE: Optional[str] = None  # Azure endpoint\n    OPENAI_API_VERSION: Optional[str] = None\n    AZURE_EMBEDDINGS_DEPLOYMENT: str = "embeddings"\n\n\nsettings = Settings()\n',
        'app/embeddings.py':
          'import os\n\nfrom openai import AzureOpenAI\n\nfrom app.settings import settings\n\n\nclass Embeddings:\n    def __init__(self, openai_api_key=None):\n        api_key = openai_api_key or settings.OPENAI_API_KEY\n        self.client = AzureOpenAI(\n            api_key=api_key,\n            azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],\n            api_version="2024-02-01",\n        )\n\n    def embed(self, text: str) -> list[float]:\n        r = self.client.embeddings.create(model=settings.AZURE_EMBEDDINGS_DEPLOYMENT, input=[text])\n        return r.data[0].embedding\n',
        'app/llm.py':
          'from openai import OpenAI\n\nfrom app.settings import settings\n\nclient = OpenAI(api_key=settings.OPENAI_API_KEY)\n\n\ndef ask(q: str) -> str:\n    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n    return r.choices[0].message.content or ""\n',
      },
      lang: 'python',
      why: /settings that kept clients read/,
    },
    {
      // `bot_type == const.DEEPSEEK` selects the target adapter through common/const.py's constant (PyProbeData.consts).
      name: "Python: the target adapter is selected by another module's provider constant (adapter probes' consts)",
      fixture: 'project/python-existing-target-raw-http',
      drop: ['models/dashscope', 'models/zhipuai'],
      files: {
        'models/bot_factory.py':
          'from common import const\n\n\ndef create_bot(bot_type):\n    if bot_type == const.DEEPSEEK:\n        from models.deepseek.deepseek_bot import DeepSeekBot\n        return DeepSeekBot()\n    elif bot_type in (const.OPENAI, const.CHATGPT):\n        from models.chatgpt.chat_gpt_bot import ChatGPTBot\n        return ChatGPTBot()\n    raise RuntimeError(bot_type)\n',
      },
      lang: 'python',
      why: /a multi-provider plan/,
    },
    {
      name: "JS: a bare OpenAI host is the run's only OpenAI use (opaqueScan, pkg 'url')",
      fixture: 'project/js-bare-host-config',
      lang: 'js',
      why: /only opaque clients/,
    },
    {
      // The notebooks come after the modules and take their apps' facts (what moves): a run without a first pass hands
      // them the apps it gathered, so the notebook's key moves with the app's client.
      name: "Python: a notebook reads the run's apps (Later.apps), no first pass needed",
      files: {
        'requirements.txt': 'openai\n',
        'app/ask.py': PY_ASK,
        'walkthrough.ipynb': JSON.stringify({
          cells: [
            { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['import os\n', '\n', 'os.environ["OPENAI_API_KEY"] = input("key: ")\n', 'from app.ask import ask\n'] },
          ],
          metadata: { language_info: { name: 'python' } },
          nbformat: 4,
          nbformat_minor: 5,
        }),
      },
      lang: 'python',
      shows: /"file": "[^"]*walkthrough\.ipynb",\s*"status": "changed"/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'oam-first-pass-fact-'));
      try {
        if (c.fixture) cpSync(path.join(ROOT, 'fixtures/cases', c.fixture, 'input'), dir, { recursive: true });
        for (const rel of c.drop ?? []) rmSync(path.join(dir, rel), { recursive: true });
        for (const [rel, text] of Object.entries(c.files ?? {})) {
          mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
          writeFileSync(path.join(dir, rel), text);
        }
        // A candidate that imports nothing and moves nothing: at least two sub-batches, and no fact of its own.
        mkdirSync(path.join(dir, 'extra'), { recursive: true });
        if (c.lang === 'js') writeFileSync(path.join(dir, 'extra/notes.ts'), '// Notes on the openai package.\nexport const notes = 1;\n');
        else writeFileSync(path.join(dir, 'extra/notes.py'), '# Notes on the openai package.\nNOTES = 1\n');
        const run = (env: Record<string, string>) => (c.inside ? cli(dryRun('.'), { cwd: dir, env }) : cli(dryRun(dir), { env }));
        const whole = run(TIMING);
        const guessed = run(one);
        const first = run({ ...one, OPENAI_MIGRATE_FIRST_PASS: 'always' });
        expect(whole.code, whole.stderr).toBe(first.code);
        expect(guessed.stdout).toBe(first.stdout);
        expect(guessed.stdout).toBe(whole.stdout);
        expect(first.stderr).toMatch(new RegExp(`${c.lang}: first pass \\(app-wide facts\\)`));
        if (!c.why) {
          expect(guessed.stderr).toMatch(c.lang === 'js' ? SKIPPED : PY_SKIPPED);
          expect(guessed.stdout).toMatch(c.shows!);
          return;
        }
        expect(guessed.stderr).toMatch(new RegExp(`${c.lang}: no first pass skipped: the app-wide facts are not the common ones \\([^)]*${c.why.source}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
