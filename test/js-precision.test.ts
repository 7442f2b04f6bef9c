import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';

/** Dry-run migrate of one fixture case's input; the follow-ups (reason text) and changes per line. */
async function run(caseName: string, provider: string) {
  const src = path.join(import.meta.dirname, '..', 'fixtures', 'cases', ...caseName.split('/'));
  const d = mkdtempSync(path.join(tmpdir(), 'oam-jsprec-'));
  try {
    const input = ['input', 'input.ts', 'input.js']
      .map((n) => path.join(src, n))
      .find((p) => {
        try {
          statSync(p);
          return true;
        } catch {
          return false;
        }
      })!;
    cpSync(input, path.join(d, statSync(input).isDirectory() ? '.' : path.basename(input)), { recursive: true });
    const r = await migrate({ cwd: d, paths: ['.'], provider, dryRun: true, force: true } as Parameters<typeof migrate>[0]);
    const followUps = r.files.flatMap((f) => f.followUps.map((u) => ({ file: f.file, line: u.line, reason: u.reason })));
    return { r, followUps };
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
}

describe('model ids held by a closed OpenAI-id type (fixture js/closed-model-types)', () => {
  for (const provider of ['deepseek', 'qwen', 'zhipu']) {
    it(`${provider}: left with one follow-up each; a tokenizer-only constant is left without a word`, async () => {
      const { followUps } = await run('js/closed-model-types', provider);
      const closed = followUps.filter((f) => /a closed list of OpenAI model ids/.test(f.reason));
      expect(closed.map((f) => [f.line, /also sent as a request's model/.test(f.reason)])).toEqual([
        [8, true],
        [28, true],
      ]);
      expect(closed[0]!.reason).toContain('declared as TiktokenModel');
      expect(closed[1]!.reason).toContain('declared as ChatModel');
      // No tokenizer follow-up: every id the tokenizers read stays an OpenAI id.
      expect(followUps.filter((f) => /encoding_for_model/.test(f.reason))).toEqual([]);
    });
  }
});

describe('follow-ups about requests only for requests on clients being migrated (fixture js/tool-loop-other-client)', () => {
  for (const provider of ['deepseek', 'qwen', 'zhipu']) {
    it(`${provider}: a tool loop sent through an OpenRouter client gets nothing; one sent through the migrated client keeps its rule`, async () => {
      const { r, followUps } = await run('js/tool-loop-other-client', provider);
      expect(followUps.filter((f) => /agent\.ts|openrouter\.ts/.test(f.file))).toEqual([]);
      expect(r.files.filter((f) => /agent\.ts|openrouter\.ts/.test(f.file) && f.status === 'changed')).toEqual([]);
      if (provider === 'deepseek') expect(r.files.find((f) => f.file.endsWith('loop.ts'))?.diff).toContain('reasoning_content');
    });
  }
});

describe('an Azure key the tool does not rename keeps its client on Azure, wherever it is read (fixture js/azure-key-from-config)', () => {
  for (const provider of ['deepseek', 'qwen', 'zhipu']) {
    it(`${provider}: a config object, an imported constant and a local constant over MY_AZURE_KEY, and a parameter, stay; AZURE_OPENAI_API_KEY moves`, async () => {
      const { r, followUps } = await run('js/azure-key-from-config', provider);
      const stays = followUps.filter((f) => /left on Azure/.test(f.reason)).map((f) => f.file.replace(/^.*\//, ''));
      expect(stays.sort()).toEqual(['from-config.ts', 'from-constant.ts', 'from-local.ts', 'from-parameter.ts']);
      const changed = r.files.filter((f) => f.status === 'changed').map((f) => f.file.replace(/^.*\//, ''));
      expect(changed.sort()).toEqual(['movable.ts', 'settings.ts']);
    });
  }
});

describe('LangChain completion LLMs whose model is not a literal stay on OpenAI (fixture js/langchain-completion-runtime-model)', () => {
  for (const provider of ['deepseek', 'qwen']) {
    it(`${provider}: env, imported and parameter models leave the LLM on OpenAI with a follow-up; a chat model from another module is named`, async () => {
      const { r, followUps } = await run('js/langchain-completion-runtime-model', provider);
      const diff = r.files.find((f) => f.file.endsWith('llm.ts'))!.diff!;
      // No completion LLM gets the provider's host or key.
      expect(diff).not.toMatch(/^\+.*new OpenAI\(\{ apiKey/m);
      expect(followUps.filter((f) => /takes its model from .* at run time/.test(f.reason)).map((f) => f.line)).toEqual([5, 12]);
      expect(followUps.filter((f) => /no legacy-completion model to replace gpt-3\.5-turbo-instruct/.test(f.reason)).map((f) => f.line)).toEqual([8]);
      expect(followUps.filter((f) => /takes its model from CHAT_MODEL, defined in another module \(gpt-4o-mini\)/.test(f.reason)).map((f) => f.line)).toEqual([16]);
    });
  }
});

describe("a renamed key's OpenAI key-format check (fixture js/env-schema-key-format)", () => {
  for (const provider of ['deepseek', 'qwen', 'zhipu']) {
    it(`${provider}: an OpenAI-only prefix is dropped with the rename; a plain sk- check gets a follow-up`, async () => {
      const { r, followUps } = await run('js/env-schema-key-format', provider);
      expect(r.files[0]!.diff).toMatch(/^-\s+OPENAI_API_KEY: z\.string\(\)\.startsWith\("sk-proj-"\)\.min\(32\),$/m);
      expect(r.files[0]!.diff).toMatch(/^\+\s+[A-Z]+_API_KEY: z\.string\(\)\.min\(32\),$/m);
      expect(followUps.filter((f) => /a format taken from OpenAI keys/.test(f.reason)).map((f) => f.line)).toEqual([14]);
    });
  }
});

describe('follow-ups that the edits made moot are not said', () => {
  it("a key read through a config service under OPENAI_API_KEY (renamed) gets no 'comes from a local variable' (fixture js/key-from-config-service)", async () => {
    const { followUps } = await run('js/key-from-config-service', 'deepseek');
    expect(followUps.filter((f) => /local variable/.test(f.reason))).toEqual([]);
  });
  it('an id a closed type keeps gets no model-by-content advice for the id it did not become (fixture js/closed-model-types, qwen)', async () => {
    const { followUps } = await run('js/closed-model-types', 'qwen');
    expect(followUps.filter((f) => /qwen-flash|qwen3/.test(f.reason))).toEqual([]);
  });
});
