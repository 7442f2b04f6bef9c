import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, scan } from '../src/api.js';
import { Utf8Offsets } from '../src/lang/python/offsets.js';
import { parsePython, walk } from '../src/lang/python/parse.js';

const tmp = (files: Record<string, string>) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oam-py-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
};

describe('UTF-8 byte <-> UTF-16 index conversion', () => {
  const text = '# 中文注释 😀 é\nclient = OpenAI()\n';
  const o = new Utf8Offsets(text);
  it('maps every index to the byte length of the prefix', () => {
    for (let i = 0; i <= text.length; i++) {
      // the low half of a surrogate pair shares the pair's start
      const prefix = text.slice(0, i);
      const lone = /[\ud800-\udbff]$/.test(prefix);
      expect(o.toByte(i)).toBe(Buffer.byteLength(lone ? prefix.slice(0, -1) : prefix, 'utf8'));
    }
  });
  it('maps bytes back to indices (round trip at character starts)', () => {
    const at = text.indexOf('client');
    expect(o.toIndex(Buffer.byteLength(text.slice(0, at)))).toBe(at);
    const emoji = text.indexOf('😀');
    expect(o.toIndex(Buffer.byteLength(text.slice(0, emoji)) + 2)).toBe(emoji);
    expect(o.toIndex(Buffer.byteLength(text))).toBe(text.length);
  });
  it('is the identity for ASCII text', () => {
    const a = new Utf8Offsets('abc\n');
    expect([a.toByte(3), a.toIndex(3)]).toEqual([3, 3]);
  });
});

describe('Python parser offsets', () => {
  it('node offsets are JS string indices after non-ASCII text', async () => {
    const text = '# 客户端 😀\nx = "é"\nclient = OpenAI()\n';
    const { py } = await parsePython(text);
    let got = -1;
    walk(py!.root, (n) => {
      if (n.type === 'identifier' && n.text === 'client') got = py!.start(n);
    });
    expect(got).toBe(text.indexOf('client'));
    py!.delete();
  });
  it('reports the first syntax error with line:column', async () => {
    const r = await parsePython('import os\n\ndef broken(:\n    pass\n');
    expect(r.py).toBeUndefined();
    expect(r.error).toMatch(/^3:\d+ /);
  });
});

describe('Python migrate', () => {
  it('leaves a file with a syntax error byte-identical and reports E_PARSE', async () => {
    const src = 'from openai import OpenAI\nclient = OpenAI()\ndef broken(:\n    pass\n';
    const dir = tmp({ 'bad.py': src });
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    const f = r.files.find((x) => x.file === 'bad.py')!;
    expect(f.status).toBe('failed');
    expect(f.errorId).toBe('E_PARSE');
    expect(f.reason).toMatch(/bad\.py:3:\d+/);
    expect(readFileSync(path.join(dir, 'bad.py'), 'utf8')).toBe(src);
  });

  it('never parses files without OpenAI markers (prefilter)', async () => {
    const dir = tmp({ 'plain.py': 'print("hello")\n', 'uses.py': 'import openai\n' });
    const r = await scan({ cwd: dir, paths: ['.'] });
    expect(r.candidates).toBe(1);
  });

  it('lists follow-ups for unresolved clients and OpenAI settings read from env', async () => {
    const dir = tmp({
      'a.py': 'import os\nfrom openai import OpenAI\nBASE = os.getenv("OPENAI_BASE_URL")\n\ndef make(settings):\n    return OpenAI(**settings.kwargs())\n',
    });
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'qwen', force: true, dryRun: true });
    const reasons = r.files[0]!.followUps.map((f) => f.reason);
    expect(reasons.some((x) => /cannot resolve/.test(x))).toBe(true);
    expect(reasons.some((x) => /OPENAI_BASE_URL/.test(x))).toBe(true);
  });

  it('says nothing of a base-URL read another transform already kept as the provider override (openai.base_url = os.environ[...])', async () => {
    // datawhalechina/llm-cookbook: the read became DEEPSEEK_BASE_URL, yet a follow-up still said it read OPENAI_API_BASE.
    const text =
      "import os\nimport openai\nopenai.api_key = os.environ['OPENAI_API_KEY']\nopenai.base_url = os.environ['OPENAI_API_BASE']\nr = openai.chat.completions.create(model='gpt-4o', messages=[])\n";
    const dir = tmp({ 'a.py': text });
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toContain("openai.base_url = os.environ.get('DEEPSEEK_BASE_URL', 'https://api.deepseek.com')");
    expect(r.files[0]!.followUps.map((f) => f.reason).filter((x) => /OPENAI_API_BASE/.test(x))).toEqual([]);
  });

  it('uses the file env style and adds import os only when missing', async () => {
    const dir = tmp({ 'a.py': 'from os import getenv\nfrom openai import OpenAI\nclient = OpenAI()\n' });
    await migrate({ cwd: dir, paths: ['.'], provider: 'moonshot', force: true });
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toBe(
      'from os import getenv\nfrom openai import OpenAI\nclient = OpenAI(base_url="https://api.moonshot.cn/v1", api_key=getenv("MOONSHOT_API_KEY"))\n',
    );
  });

  it('follows clients and model constants across modules', async () => {
    const dir = tmp({
      'llm.py': 'from openai import OpenAI\nclient = OpenAI()\n',
      'settings.py': 'CHAT = "gpt-4o"\n',
      'svc.py': 'from llm import client\nfrom settings import CHAT\n\ndef go(m):\n    return client.chat.completions.create(model=CHAT, messages=m, seed=1)\n',
    });
    await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    expect(readFileSync(path.join(dir, 'settings.py'), 'utf8')).toBe('CHAT = "deepseek-v4-pro"\n');
    expect(readFileSync(path.join(dir, 'svc.py'), 'utf8')).not.toContain('seed=1');
  });

  it('scan reports findings with the catalogue rule ids', async () => {
    const dir = tmp({
      'a.py':
        'import os, requests\nfrom openai import OpenAI\nfrom langchain_openai import ChatOpenAI\nclient = OpenAI()\nk = os.environ["OPENAI_API_KEY"]\nr = client.chat.completions.create(model="gpt-4o", messages=[])\nllm = ChatOpenAI(model="gpt-4o")\nrequests.post("https://api.openai.com/v1/chat/completions")\n',
    });
    const r = await scan({ cwd: dir, paths: ['.'] });
    const rules = new Set(r.files[0]!.findings.map((f) => f.rule));
    for (const id of ['openai-client', 'openai-env', 'openai-api-call', 'openai-model', 'openai-wrapper', 'openai-http']) expect(rules, id).toContain(id);
  });

  it('adds the integration package to requirements, pyproject, Pipfile and setup.cfg without touching pins, in the version that fits', async () => {
    const dir = tmp({
      'app.py': 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o")\n',
      'requirements.txt': 'openai==1.40.0\nlangchain-openai==0.3.28\nrequests>=2\n',
      'pyproject.toml':
        '[project]\nname = "x"\nkeywords = ["openai", "llm"]\ndependencies = [\n    "openai>=1.40",\n    "langchain-openai>=0.3",\n]\n\n[tool.poetry.dependencies]\npython = "^3.11"\nlangchain-openai = "^0.3"\n',
      Pipfile: '[packages]\nopenai = "==1.40.0"\nlangchain-openai = "*"\n',
      'setup.cfg': '[options]\ninstall_requires =\n    openai\n    langchain-openai\n',
    });
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    // langchain-openai 0.3 goes with langchain-core 0.3: langchain-deepseek 0.1.x. The file pins with ==: a range and a follow-up to pin it.
    expect(read('requirements.txt')).toBe('openai==1.40.0\nlangchain-openai==0.3.28\nlangchain-deepseek>=0.1,<1\nrequests>=2\n');
    expect(r.files.find((f) => f.file === 'requirements.txt')!.followUps.map((f) => f.reason)).toEqual(['langchain-deepseek>=0.1,<1 added without an exact pin (the other lines pin with ==)']);
    // `keywords` is not a dependency list: untouched.
    expect(read('pyproject.toml')).toBe(
      '[project]\nname = "x"\nkeywords = ["openai", "llm"]\ndependencies = [\n    "openai>=1.40",\n    "langchain-openai>=0.3",\n    "langchain-deepseek>=0.1,<1",\n]\n\n[tool.poetry.dependencies]\npython = "^3.11"\nlangchain-openai = "^0.3"\nlangchain-deepseek = ">=0.1,<1"\n',
    );
    expect(read('Pipfile')).toBe('[packages]\nopenai = "==1.40.0"\nlangchain-openai = "*"\nlangchain-deepseek = ">=0.1,<1"\n');
    // No versions stated in setup.cfg: a bare name, as its other lines.
    expect(read('setup.cfg')).toBe('[options]\ninstall_requires =\n    openai\n    langchain-openai\n    langchain-deepseek\n');
  });

  it('LangChain 0.1 (langchain-core==0.1.10): no langchain-deepseek, ChatOpenAI keeps running with base_url', async () => {
    const dir = tmp({
      'app.py': 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o")\n',
      'requirements.txt': 'openai==1.40.0\nlangchain-core==0.1.10\nlangchain-openai==0.0.5\n',
    });
    await migrate({ cwd: dir, paths: ['.'], provider: 'deepseek', force: true });
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    expect(read('requirements.txt')).toBe('openai==1.40.0\nlangchain-core==0.1.10\nlangchain-openai==0.0.5\n');
    expect(read('app.py')).toContain('ChatOpenAI(');
    expect(read('app.py')).toContain('https://api.deepseek.com');
    expect(read('app.py')).not.toContain('langchain_deepseek');
  });

  it('poetry.lock / uv.lock decide before the manifest; llama-index 0.9 gets no 0.10+ package; only the folder that imports gets the package', async () => {
    const dir = tmp({
      'svc/app.py': 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o")\n',
      'svc/pyproject.toml': '[project]\nname = "svc"\ndependencies = [\n    "langchain-openai",\n]\n',
      'svc/uv.lock': 'version = 1\n\n[[package]]\nname = "langchain-core"\nversion = "1.0.3"\nsource = { registry = "https://pypi.org/simple" }\n',
      'old/app.py': 'from llama_index.llms import OpenAI\nllm = OpenAI(model="gpt-4o")\n',
      'old/requirements.txt': 'llama-index==0.9.48\nopenai\n',
      'tools/requirements.txt': 'openai\nlangchain-openai\n',
      'tools/cli.py': 'print("no OpenAI here")\n',
    });
    const r = await migrate({ cwd: dir, paths: ['.'], provider: 'qwen', force: true });
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    // Qwen's LangChain class (ChatTongyi) needs dashscope; the uv.lock says langchain-core 1.x.
    expect(read('svc/pyproject.toml')).toBe('[project]\nname = "svc"\ndependencies = [\n    "langchain-openai",\n    "dashscope",\n    "langchain-community",\n]\n');
    expect(read('tools/requirements.txt')).toBe('openai\nlangchain-openai\n');
    expect(read('old/requirements.txt')).toBe('llama-index==0.9.48\nopenai\n');
    // llama-index 0.9 has its own OpenAILike (llama_index.llms): the LLM moves with the provider's base, key and id, no package added.
    expect(read('old/app.py')).toBe(
      'from llama_index.llms import OpenAILike\nimport os\nllm = OpenAILike(model="qwen3-max", api_base="https://dashscope.aliyuncs.com/compatible-mode/v1", api_key=os.environ["DASHSCOPE_API_KEY"], is_chat_model=True, is_function_calling_model=True)\n',
    );
    const { projectVersions } = await import('../src/lang/python/deps.js');
    expect(projectVersions(path.join(dir, 'svc'), ['"langchain-core==0.1.0"'])('langchain-core')).toEqual({ v: [1, 0, 3], from: 'uv.lock (1.0.3)' });
    const fu = r.files.find((f) => f.file === 'old/app.py')?.followUps ?? [];
    expect(fu.map((f) => f.reason).join('\n')).toMatch(/OpenAILike assumes a 3,900-token context window/);
  });

  it('Zhipu: ChatZhipuAI brings pyjwt', async () => {
    const dir = tmp({
      'app.py': 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o")\n',
      'requirements.txt': 'openai\nlangchain-openai\n',
    });
    await migrate({ cwd: dir, paths: ['.'], provider: 'zhipu', force: true });
    expect(readFileSync(path.join(dir, 'requirements.txt'), 'utf8')).toBe('openai\npyjwt\nlangchain-openai\nlangchain-community\n');
  });
});

describe('the cached pre-order walk', () => {
  it('visits the same nodes in the same order as recursion over namedChildren, and skips the same subtrees', async () => {
    const { walkDirect } = await import('../src/lang/python/parse.js');
    const { globbySync } = await import('globby');
    const inputs = globbySync('fixtures/cases/python/**/input*.py', { cwd: path.resolve(import.meta.dirname, '..'), absolute: true });
    expect(inputs.length).toBeGreaterThan(10);
    let compared = 0;
    for (const file of inputs) {
      const { py } = await parsePython(readFileSync(file, 'utf8'));
      if (!py) continue;
      const seen = (w: typeof walk, skip: (n: { type: string }) => boolean) => {
        const out: string[] = [];
        w(py.root, (n) => {
          out.push(`${n.id}:${n.type}:${n.startIndex}`);
          return skip(n) ? false : undefined;
        });
        return out;
      };
      const all = seen(walk, () => false);
      expect(all, file).toEqual(seen(walkDirect, () => false));
      const noCalls = (n: { type: string }) => n.type === 'call' || n.type === 'function_definition';
      expect(seen(walk, noCalls), file).toEqual(seen(walkDirect, noCalls));
      // A walk that starts inside the tree covers that subtree only.
      const inner = py.root.namedChildren.at(-1)!;
      const part: number[] = [];
      walk(inner, (n) => void part.push(n.id));
      const ref: number[] = [];
      walkDirect(inner, (n) => void ref.push(n.id));
      expect(part, file).toEqual(ref);
      compared += all.length;
      py.delete();
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
