import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { migrate } from '../src/api.js';
import { discoverCases, stageInput } from './helpers/fixtures.js';

/** What the Python precision fixtures' bytes do not show: the follow-ups that say why a client or a model id stayed. */
const byName = new Map(discoverCases().map((c) => [c.name, c]));

async function run(name: string, provider: string) {
  const c = byName.get(name);
  if (!c) throw new Error(`no fixture ${name}`);
  const dir = stageInput(c);
  try {
    const r = await migrate({ cwd: dir, paths: ['.'], provider, force: true, dryRun: true });
    return r.files.flatMap((f) => f.followUps.map((u) => `${f.file}:${u.line}: ${u.reason}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('keys the user enters (python/app-held-key-input)', () => {
  it('each client built from a key the user enters stays on OpenAI with one follow-up naming where the key comes from', async () => {
    const f = await run('python/app-held-key-input', 'deepseek');
    const held = f.filter((x) => x.includes('an OpenAI key the app holds'));
    const from = held.map((x) => x.replace(/^(\S+):\s*api_key comes from (.*), an OpenAI key.*$/, '$1: $2'));
    expect(from).toEqual([
      'api.py:15: Header(...)',
      'api.py:23: request.headers.get("Authorization", "").removeprefix("Beare',
      'api.py:36: getpass("OpenAI API key: ")',
      'api.py:47: body.api_key',
      'gradio_app.py:6: api_key',
      'gradio_module.py:6: api_key',
      'streamlit_app.py:16: st.sidebar.text_input("OpenAI API Key", type="password")',
      'streamlit_app.py:19: st.sidebar.text_input("OpenAI API Key", type="password")',
      'streamlit_app.py:21: st.text_input("Key", value=os.getenv("OPENAI_API_KEY", ""), ',
      'streamlit_app.py:22: st.session_state["user_key"]',
      'streamlit_app.py:20: st.sidebar.text_input("OpenAI API Key", type="password")',
      'streamlit_env.py:10: st.sidebar.text_input("OpenAI API Key", type="password")',
      'streamlit_env.py:11: st.sidebar.text_input("OpenAI API Key", type="password")',
      'streamlit_prefilled.py:8: st.sidebar.text_input("OpenAI API Key", value=os.getenv("OPE',
    ]);
  }, 60_000);
});

describe('model values passed with an Azure flag (python/azure-flag-model)', () => {
  it('ids passed with use_azure=True or an undecided flag are left and reported once; use_azure=False ones move', async () => {
    const f = await run('python/azure-flag-model', 'qwen');
    const flagged = f.filter((x) => x.includes('picks an Azure OpenAI client by a flag'));
    expect(flagged).toEqual([
      'app.py:8: model ids passed to a call that picks an Azure OpenAI client by a flag (ChatModel(..., use_azure=True)) are left as written: gpt-4.1, gpt-4.1-mini (there they name Azure deployments)',
    ]);
  }, 60_000);
});

describe('a model set by a constructor parameter (python/model-from-constructor)', () => {
  it('the request whose model its callers in another module choose is reported once, its id not guessed', async () => {
    const f = await run('python/model-from-constructor', 'zhipu');
    expect(f.filter((x) => x.includes("set by Chat's constructor"))).toEqual([
      "chat.py:11: this request's model is self.model, set by Chat's constructor: the ids its callers pass were not followed and may still be OpenAI's",
    ]);
  }, 60_000);
});

describe('apps whose key feeds a library that stays on OpenAI (project/python-crewai-apps)', () => {
  it('an app that moves nothing keeps its key reads, one follow-up per file; CrewAI env files keep their model with a follow-up', async () => {
    const f = await run('project/python-crewai-apps', 'qwen');
    expect(f.filter((x) => x.includes('nothing in this app')).map((x) => x.replace(/: .*\((\S+)\) moves.*$/, ': $1'))).toEqual([
      'notebook-app/app.py:7: notebook-app',
      // its settings' model default reaches CrewAI's LLM only: left
      'notebook-app/src/settings.py:5: notebook-app',
      'notebook-app/walkthrough.ipynb:4: notebook-app',
      'pixel-app/tools.py:7: pixel-app',
    ]);
    expect(f.filter((x) => x.includes("CrewAI's default LLM")).map((x) => x.replace(/ is read by.*$/, ''))).toEqual(['crew-app/.env.example:3: OPENAI_MODEL_NAME=gpt-4o-mini']);
    // pixeltable's OpenAI functions read OPENAI_API_KEY in an app whose own client moves: that name stays there
    expect(f.filter((x) => x.startsWith('chat-app/index.py:') && x.includes('OPENAI_API_KEY'))).toHaveLength(1);
  }, 60_000);
});

describe('a model variable read by code that moves and by code that stays (project/python-shared-model-var)', () => {
  it('the env value is mapped for the moved client and one follow-up says the kept client now sends it to OpenAI', async () => {
    const f = await run('project/python-shared-model-var', 'deepseek');
    expect(f.filter((x) => x.includes('by code moved to the provider and by code that stays')).map((x) => x.replace(/ is read by.*$/, ''))).toEqual(['.env.example:2: OPENAI_MODEL']);
  }, 60_000);
});
