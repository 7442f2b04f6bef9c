import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { renderMigrateText } from '../src/report/text.js';
import { setLang } from '../src/i18n/index.js';

/** The text summary: follow-ups grouped by kind on large runs; "Set <KEY>" only when a change reads the key. */
describe('migrate text summary', () => {
  it('groups more than 20 follow-ups by kind, largest group first, with a few locations each', async () => {
    setLang('en');
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-group-'));
    mkdirSync(path.join(dir, 'src'));
    // One served call too: a client used only for APIs the provider lacks would stay on OpenAI, with no follow-up per call.
    writeFileSync(
      path.join(dir, 'src/client.ts'),
      "import OpenAI from 'openai';\nexport const openai = new OpenAI();\nexport const ask = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
    );
    for (let i = 0; i < 24; i++) {
      writeFileSync(
        path.join(dir, `src/e${i}.ts`),
        `import { openai } from './client';\nexport const e${i} = () => openai.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });\nexport const m${i} = () => openai.moderations.create({ input: 'x' });\n`,
      );
    }
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', dryRun: true });
    const text = renderMigrateText(r, false, false);
    expect(text).toMatch(/Manual follow-ups \(48\):/);
    expect(text).toMatch(/^ {2}24 × DeepSeek has no OpenAI-compatible embeddings endpoint/m);
    expect(text).toMatch(/^ {2}24 × DeepSeek has no OpenAI-compatible moderations endpoint/m);
    expect(text).toMatch(/and 21 more/);
    expect(text.split('\n').filter((l) => / × /.test(l))).toHaveLength(2);
    expect(text).toMatch(/Set DEEPSEEK_API_KEY/);
  }, 60_000);

  it('lists each follow-up on small runs, and asks for the key only when the code now reads it', async () => {
    setLang('en');
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-setkey-'));
    // A client used only for an API the provider lacks stays on OpenAI: the run only adds a marker.
    writeFileSync(path.join(dir, 'chat.ts'), "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport const flagged = () => openai.moderations.create({ input: 'x' });\n");
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', dryRun: true });
    expect(r.summary.filesChanged).toBe(1);
    const text = renderMigrateText(r, false, false);
    expect(text).toMatch(/^ {2}chat\.ts:2:16 {2}this client is only used for APIs DeepSeek does not serve/m);
    expect(text).not.toMatch(/ × /);
    expect(text).not.toMatch(/Set DEEPSEEK_API_KEY/);
  }, 60_000);
});
