import { describe, expect, it } from 'vitest';
import { envReadsFor, envReadsIn, libraryReadsFor, recordEnvReads, recordLibraryReads, libraryEnvReads } from '../src/rules/env-reads.js';

const names = (text: string, lang: 'js' | 'python') => [...envReadsIn(text, lang)].sort();

describe('env variables the migrated code still reads', () => {
  it('explicit reads: literals, property access, schema keys; not prose or comments', () => {
    expect(names('const k = process.env.OPENAI_API_KEY;\nconst b = env["OPENAI_BASE_URL"];\n', 'js')).toEqual(['OPENAI_API_KEY', 'OPENAI_BASE_URL']);
    expect(names('const Env = z.object({ AZURE_OPENAI_ENDPOINT: z.string(), DEEPSEEK_API_KEY: z.string() });\n', 'js')).toEqual(['AZURE_OPENAI_ENDPOINT', 'DEEPSEEK_API_KEY']);
    expect(names('throw new Error("OPENAI_API_KEY is missing");\n// process.env.OPENAI_ORG_ID\nconst x = a ? OPENAI_MODEL_X : y;\n', 'js')).toEqual([]);
    expect(names('key = getenv_required("OPENAI_API_KEY")\nprint("OPENAI_BASE_URL not set")\n# os.environ["OPENAI_ORG_ID"]\n', 'python')).toEqual(['OPENAI_API_KEY']);
    // A notebook's source is JSON: the quotes are escaped.
    expect(names('{"source": ["key = os.environ[\\"OPENAI_API_KEY\\"]\\n"]}', 'python')).toEqual(['OPENAI_API_KEY']);
    // Names that are not OpenAI's nor a provider key/base URL are not collected.
    expect(names('const d = process.env.DATABASE_URL;\n', 'js')).toEqual([]);
  });

  it("implicit reads: SDK clients built without a key or base URL read the SDK's variables", () => {
    expect(names('const c = new OpenAI();\n', 'js')).toEqual(['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID']);
    expect(names("const c = new OpenAI({ apiKey: k, baseURL: 'https://api.deepseek.com' });\n", 'js')).toEqual([]);
    expect(names('const c = new OpenAI(options);\nconst d = new OpenAI({ ...opts });\n', 'js')).toEqual([]);
    expect(names('const a = new AzureOpenAI({ deployment: "d" });\n', 'js')).toEqual(['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT', 'OPENAI_API_VERSION']);
    expect(names("import { openai } from '@ai-sdk/openai';\n", 'js')).toEqual(['OPENAI_API_KEY']);
    expect(names('client = OpenAI(api_key=key)\nemb = OpenAIEmbeddings(model="text-embedding-3-small")\n', 'python')).toEqual([
      'OPENAI_API_KEY',
      'OPENAI_BASE_URL',
      'OPENAI_ORG_ID',
      'OPENAI_PROJECT_ID',
    ]);
    expect(names('client = openai.OpenAI(base_url="https://api.deepseek.com", api_key=os.environ["DEEPSEEK_API_KEY"])\nc2 = OpenAI(**cfg)\n', 'python')).toEqual(['DEEPSEEK_API_KEY']);
  });

  it('an env file follows the code under its folder, else all the code of the run', () => {
    const project = new Map<string, unknown>();
    expect(envReadsFor(project, '/r/.env')).toBeUndefined();
    recordEnvReads(project, '/r/apps/a/src/x.ts', new Set(['OPENAI_API_KEY']));
    recordEnvReads(project, '/r/apps/b/src/y.ts', new Set(['DEEPSEEK_API_KEY']));
    expect([...envReadsFor(project, '/r/apps/b/.env.example')!]).toEqual(['DEEPSEEK_API_KEY']);
    expect([...envReadsFor(project, '/r/.env.example')!].sort()).toEqual(['DEEPSEEK_API_KEY', 'OPENAI_API_KEY']);
    expect([...envReadsFor(project, '/elsewhere/.env')!].sort()).toEqual(['DEEPSEEK_API_KEY', 'OPENAI_API_KEY']);
  });
});

describe('env files and env blocks follow the code (fixture project/env-follows-code-js)', () => {
  it('deepseek: the kept embeddings client keeps OPENAI_API_KEY in .env.example and compose; compose gets a follow-up to add DEEPSEEK_API_KEY', async () => {
    const { migrate } = await import('../src/api.js');
    const { cpSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const d = mkdtempSync(path.join(tmpdir(), 'oam-envreads-'));
    cpSync(path.join(import.meta.dirname, '..', 'fixtures', 'cases', 'project', 'env-follows-code-js', 'input'), d, { recursive: true });
    const r = await migrate({ cwd: d, paths: ['.'], provider: 'deepseek', dryRun: true, force: true } as Parameters<typeof migrate>[0]);
    const env = r.files.find((f) => f.file === '.env.example')!;
    expect(env.diff).toContain('+DEEPSEEK_API_KEY=');
    expect(env.diff).not.toContain('-OPENAI_API_KEY');
    const compose = r.files.find((f) => f.file === 'docker-compose.yml')!;
    expect(compose.status).not.toBe('changed');
    expect(compose.followUps.map((f) => f.reason)).toEqual(['OPENAI_API_KEY is kept: code that stays on OpenAI still reads it']);
  });

  it("libraries that call OpenAI themselves: CrewAI's default LLM variables, litellm's key and base URL, for the env file of their folder", () => {
    expect(names('from crewai import Agent, Crew\n', 'python')).toEqual(['MODEL', 'OPENAI_API_BASE', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL_NAME']);
    expect(libraryEnvReads('import litellm\n')).toEqual(['OPENAI_API_KEY', 'OPENAI_API_BASE', 'OPENAI_BASE_URL']);
    // named in a comment or a string only: no import
    expect(libraryEnvReads('# built with crewai\nx = "import crewai"\n')).toEqual([]);
    const project = new Map<string, unknown>();
    recordEnvReads(project, '/r/crew/main.py', new Set(['OPENAI_API_KEY']));
    recordLibraryReads(project, '/r/crew/main.py', libraryEnvReads('from crewai import Agent\n'));
    recordEnvReads(project, '/r/chat/app.py', new Set(['DEEPSEEK_API_KEY']));
    expect([...libraryReadsFor(project, '/r/crew/.env.example')]).toContain('OPENAI_MODEL_NAME');
    expect([...libraryReadsFor(project, '/r/chat/.env.example')]).toEqual([]);
  });
});
