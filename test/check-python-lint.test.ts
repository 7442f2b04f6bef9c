import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../src/api.js';

describe('check --provider lints Python code already on the provider', () => {
  it('reports unlisted models and rejected literal parameters, not computed ones', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'oam-pylint-'));
    writeFileSync(
      path.join(d, 'a.py'),
      [
        'from openai import OpenAI',
        'client = OpenAI(base_url="https://open.bigmodel.cn/api/paas/v4", api_key="x")',
        'r = client.chat.completions.create(model="glm-9", messages=[], temperature=0, presence_penalty=0.5)',
        'ok = client.chat.completions.create(model="glm-5.3", messages=[], temperature=t)',
        '',
      ].join('\n'),
    );
    const r = await scan({ cwd: d, paths: ['.'], provider: 'zhipu' });
    const got = r.files.flatMap((f) => f.findings).map((f) => `${f.line} ${f.rule} ${f.message.split(':')[0]}`);
    expect(got).toContain('3 provider-model model "glm-9" is not in the zhipu catalogue');
    expect(got).toContain('3 provider-param temperature');
    expect(got).toContain('3 provider-param presence_penalty');
    expect(got.filter((g) => g.startsWith('4 '))).toEqual([]);
  });
});
