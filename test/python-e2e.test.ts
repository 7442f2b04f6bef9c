import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { listFiles } from './helpers/fixtures.js';

/** A small multi-file Python app: a client module, settings, a service, a RAG module, a legacy script, a notebook, manifests. */
const APP: Record<string, string> = {
  'app/__init__.py': '',
  'app/llm.py': [
    'import os',
    '',
    'from openai import AsyncOpenAI, OpenAI',
    '',
    'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"], organization=os.getenv("OPENAI_ORG_ID"))',
    'aclient = AsyncOpenAI()',
    '',
    '',
    'def get_client() -> OpenAI:',
    '    return client',
    '',
  ].join('\n'),
  'app/config.py': ['CHAT_MODEL = "gpt-4o"', 'SMALL_MODEL = "gpt-4o-mini"', 'TIMEOUT = 30', ''].join('\n'),
  'app/service.py': [
    'from app.config import CHAT_MODEL, SMALL_MODEL',
    'from app.llm import aclient, get_client',
    '',
    '',
    'def answer(question: str) -> str:',
    '    r = get_client().chat.completions.create(',
    '        model=CHAT_MODEL,',
    '        messages=[',
    '            {"role": "developer", "content": "Answer in one line."},',
    '            {"role": "user", "content": question},',
    '        ],',
    '        max_completion_tokens=200,',
    '        seed=7,',
    '    )',
    '    return r.choices[0].message.content',
    '',
    '',
    'async def classify(text: str) -> str:',
    '    r = await aclient.chat.completions.create(model=SMALL_MODEL, messages=[{"role": "user", "content": text}], temperature=0)',
    '    return r.choices[0].message.content',
    '',
    '',
    'def vectors(texts):',
    '    return get_client().embeddings.create(model="text-embedding-3-small", input=texts)',
    '',
  ].join('\n'),
  'app/rag.py': ['from langchain_openai import ChatOpenAI', '', 'llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)', ''].join('\n'),
  'scripts/legacy.py': [
    'import openai',
    '',
    'openai.api_key = "sk-old"',
    '',
    'print(openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}])["choices"][0]["message"]["content"])',
    '',
  ].join('\n'),
  'notebooks/demo.ipynb':
    JSON.stringify(
      {
        cells: [
          { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['%pip install openai\n', 'from openai import OpenAI\n', 'client = OpenAI()'] },
          { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['client.chat.completions.create(model="gpt-4o", messages=[])'] },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n',
  'requirements.txt': 'openai==1.40.0\nlangchain-openai==0.3.28\nrequests>=2.31\n',
};

function stage(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oam-py-e2e-'));
  for (const [rel, text] of Object.entries(APP)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const parsesWithPython = (file: string) => execFileSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1], "rb").read())', file], { stdio: ['ignore', 'ignore', 'pipe'] });

describe('Python end to end', () => {
  for (const provider of ['deepseek', 'qwen', 'zhipu', 'moonshot', 'ernie', 'hunyuan']) {
    it(`migrates a multi-file app to ${provider}: every file parses, a second run changes nothing`, async () => {
      const dir = stage();
      const r = await migrate({ cwd: dir, paths: ['.'], provider, force: true });
      expect(r.files.filter((f) => f.status === 'failed')).toEqual([]);
      for (const rel of listFiles(dir).filter((f) => f.endsWith('.py'))) {
        expect(() => parsesWithPython(path.join(dir, rel)), rel).not.toThrow();
      }
      const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');
      // No OpenAI model id, key variable or organization is left in the migrated code.
      for (const rel of ['app/llm.py', 'app/config.py', 'app/service.py', 'app/rag.py', 'scripts/legacy.py']) {
        expect(read(rel), rel).not.toMatch(/"gpt-4o(-mini)?"|OPENAI_API_KEY|organization=|sk-old/);
      }
      expect(read('app/llm.py')).toContain(`base_url="${r.target.baseURL}"`);
      expect(read('app/service.py')).toContain('"role": "system"');
      expect(JSON.parse(read('notebooks/demo.ipynb')).cells[1].source[0]).not.toContain('gpt-4o');
      if (provider === 'deepseek') expect(read('requirements.txt')).toBe('openai==1.40.0\nlangchain-openai==0.3.28\nlangchain-deepseek>=0.1,<1\nrequests>=2.31\n');
      const again = await migrate({ cwd: dir, paths: ['.'], provider, force: true });
      expect(again.files.filter((f) => f.status === 'changed').map((f) => `${f.file}\n${f.diff}`)).toEqual([]);
    });
  }
});
