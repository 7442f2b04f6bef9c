import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { migrate } from '../src/api.js';
import { discoverCases, stageInput } from './helpers/fixtures.js';

/**
 * Keys go with their endpoints across modules (src/lang/js/shared-keys.ts): what the fixtures'
 * bytes do not show, the follow-ups and change notes that say why a key or a client was left.
 */
const byName = new Map(discoverCases().map((c) => [c.name, c]));

async function run(name: string, provider: string) {
  const c = byName.get(name);
  if (!c) throw new Error(`no fixture ${name}`);
  const dir = stageInput(c);
  try {
    const r = await migrate({ cwd: dir, paths: ['.'], provider, force: true, dryRun: true });
    const followUps = r.files.flatMap((f) => f.followUps.map((u) => `${f.file}: ${u.reason}`));
    const changes = r.files.flatMap((f) => f.changes.map((x) => `${f.file}: ${x.message}`));
    return {
      followUps,
      changes,
      changed: r.files
        .filter((f) => f.status === 'changed')
        .map((f) => f.file)
        .sort(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('shared key constants', () => {
  it('a migrated client reads the provider key itself when a staying client keeps the constant', async () => {
    const r = await run('project/shared-key-kept', 'deepseek');
    expect(r.changes).toContain('src/chat.ts: apiKey reads process.env.DEEPSEEK_API_KEY itself: OPENAI_KEY (src/config.ts:2) stays OPENAI_API_KEY for a client that stays on OpenAI');
    // the constant's module keeps its key reads: only the model id changes there
    expect(r.changes.filter((c) => c.startsWith('src/config.ts'))).toEqual(['src/config.ts: gpt-4o -> deepseek-v4-pro (flagship)']);
  }, 60_000);

  it('a raw request that moves reads the provider key itself', async () => {
    const r = await run('project/shared-key-kept', 'zhipu');
    expect(r.changes).toContain('src/speech.ts: reads process.env.ZHIPUAI_API_KEY itself: settings.OPENAI_API_KEY (src/config.ts:6) stays OPENAI_API_KEY for a client that stays on OpenAI');
  }, 60_000);

  it('a constant only migrated clients read is renamed once, where it is defined', async () => {
    const r = await run('project/shared-key-migrated', 'qwen');
    expect(r.changes.filter((c) => /OPENAI_API_KEY -> DASHSCOPE_API_KEY/.test(c))).toEqual([
      'src/config.ts: OPENAI_API_KEY -> DASHSCOPE_API_KEY',
      'src/config.ts: OPENAI_API_KEY -> DASHSCOPE_API_KEY',
      'src/config.ts: OPENAI_API_KEY -> DASHSCOPE_API_KEY',
      'src/stream.ts: OPENAI_API_KEY -> DASHSCOPE_API_KEY',
      'src/stream.ts: OPENAI_API_KEY -> DASHSCOPE_API_KEY',
    ]);
    expect(r.changes.some((c) => /itself/.test(c))).toBe(false);
  }, 60_000);
});

describe('env schema in another module', () => {
  it('a staying reader keeps the entries; the migrated client reads the provider variables itself', async () => {
    const r = await run('project/env-schema-module', 'deepseek');
    expect(r.changed).toEqual(['src/chat.ts', 'src/embed.ts']);
    expect(r.changes).toContain(
      'src/chat.ts: baseURL reads process.env.DEEPSEEK_BASE_URL ?? "https://api.deepseek.com" itself: env.OPENAI_BASE_URL (src/env.ts:7) stays OPENAI_BASE_URL for a client that stays on OpenAI',
    );
  }, 60_000);

  it('only migrated readers: the entries are renamed where the schema is', async () => {
    const r = await run('project/env-schema-module', 'qwen');
    expect(r.changes.filter((c) => c.startsWith('src/env.ts: OPENAI'))).toEqual(['src/env.ts: OPENAI_API_KEY -> DASHSCOPE_API_KEY', 'src/env.ts: OPENAI_BASE_URL -> DASHSCOPE_BASE_URL']);
  }, 60_000);
});

describe('keys the app holds', () => {
  it('clients built from a profile key stay, with one follow-up each; the enum of variable names stays', async () => {
    const r = await run('project/app-held-key', 'qwen');
    expect(r.changed).toEqual([]);
    expect(r.followUps).toContain('app/chat/route.ts: apiKey comes from profile.openai_api_key || "", an OpenAI key the app holds (a user setting or a stored value): this client stays on OpenAI');
    expect(r.followUps).toContain(
      'app/embed/route.ts: apiKey comes from profile.azure_openai_api_key || "", an Azure OpenAI key the app holds (a user setting or a stored value): this client stays on Azure',
    );
    expect(r.followUps.filter((u) => u.startsWith('types/valid-keys.ts'))).toEqual([
      'types/valid-keys.ts: OPENAI_API_KEY left: it may be how the app fills the key of a client that stays on OpenAI (app/chat/route.ts:6)',
    ]);
  }, 60_000);

  it('env-file Azure lines stay while every Azure client stays', async () => {
    const r = await run('project/azure-env-kept', 'deepseek');
    expect(r.changes.filter((c) => c.startsWith('.env.example'))).toEqual([
      '.env.example: OPENAI_API_KEY -> DEEPSEEK_API_KEY',
      '.env.example: OPENAI_BASE_URL commented out: the migrated clients use https://api.deepseek.com',
    ]);
  }, 60_000);
});

describe('clients that stay, run-wide (issue #13, JS precision)', () => {
  it('an opaque client (cast constructor from the openai module at run time) leaves the run unchanged, said once at the client', async () => {
    const r = await run('project/opaque-client-kept', 'deepseek');
    expect(r.changed).toEqual([]);
    expect(r.followUps).toEqual([
      "lib/ai.ts: the OpenAI client at lib/ai.ts:37 is built from a constructor the code takes from the `openai` module at run time and casts to its own type: the tool cannot give it a base URL, so nothing of the project was changed (its key OPENAI_API_KEY, the code that checks it and the model ids stay OpenAI's)",
    ]);
  }, 60_000);

  it('a third-party OpenAI client (ChatGPTAPI from the chatgpt package) leaves the run unchanged, its billing URL and k8s base URL too, said once (Chanzhaoyu/chatgpt-web)', async () => {
    const r = await run('project/js-chatgpt-package', 'qwen');
    expect(r.changed).toEqual([]);
    expect(r.followUps).toEqual([
      "service/src/chatgpt/index.ts: the OpenAI client at service/src/chatgpt/index.ts:30 comes from the `chatgpt` package, which the tool does not rewrite: nothing of the project was changed (its key OPENAI_API_KEY, the code that checks it and the model ids stay OpenAI's)",
    ]);
  }, 60_000);

  it('a base-URL read only an unresolved client of another module reads gets no "use <provider URL>" follow-up; the embedding id it alone reads is left and reported', async () => {
    const r = await run('project/undecided-config-export', 'qwen');
    expect(r.followUps.filter((f) => /OPENAI_BASE_URL|already do/.test(f))).toEqual([]);
    expect(r.followUps).toContain('src/config/index.ts: model ids sent through a client whose host the tool cannot resolve were left (text-embedding-3-small)');
  }, 60_000);
});

describe('an exported client used only for APIs the provider lacks (enolcasielles/memo-mate)', () => {
  it('stays on OpenAI, nothing else moves, said once', async () => {
    const r = await run('project/exported-blocked-client', 'deepseek');
    expect(r.changed).toEqual([]);
    expect(r.followUps).toEqual(['packages/ai/src/index.ts: this client is only used for APIs DeepSeek does not serve']);
  }, 60_000);
});
