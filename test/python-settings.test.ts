import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/api.js';
import { parsePython } from '../src/lang/python/parse.js';
import { analyzePython } from '../src/lang/python/analyze.js';
import { settingsClassesOf, settingsRole } from '../src/lang/python/settings.js';

/** pydantic settings classes (src/lang/python/settings.ts): which variable each field reads, and whether a client's base URL is resolved through them. */
async function classes(src: string) {
  const r = await parsePython(src);
  return settingsClassesOf(r.py!, 'api.deepseek.com');
}

async function statuses(src: string) {
  const r = await parsePython(src);
  return analyzePython(r.py!, undefined, 'api.deepseek.com').constructions.map((c) => c.status);
}

const HEAD = 'from openai import OpenAI\nfrom pydantic import Field\nfrom pydantic_settings import BaseSettings, SettingsConfigDict\n\n';

describe('settings classes', () => {
  it('reads the env prefix from model_config, a dict and class Config, and leaves aliases unprefixed', async () => {
    const m = await classes(
      HEAD +
        'class A(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix="APP_")\n    openai_api_key: str\n    base: str = Field("https://api.openai.com/v1", alias="OPENAI_BASE_URL")\n\n' +
        'class B(BaseSettings):\n    model_config = {"env_prefix": "bot_"}\n    openai_api_key: str\n\n' +
        'class C(BaseSettings):\n    openai_api_key: str\n    class Config:\n        env_prefix = "SVC_"\n\n' +
        'class D(A):\n    extra: int = 1\n',
    );
    expect(m.get('A')!.fields.get('openai_api_key')!.env).toBe('APP_OPENAI_API_KEY');
    expect(settingsRole(m.get('A')!.fields.get('openai_api_key')!)).toBe('key');
    expect(m.get('A')!.fields.get('base')!.env).toBe('OPENAI_BASE_URL');
    expect(settingsRole(m.get('A')!.fields.get('base')!)).toBe('baseURL');
    expect(m.get('B')!.fields.get('openai_api_key')!.env).toBe('BOT_OPENAI_API_KEY');
    expect(m.get('C')!.fields.get('openai_api_key')!.env).toBe('SVC_OPENAI_API_KEY');
    // a subclass inherits the prefix and the fields
    expect(m.get('D')!.fields.get('openai_api_key')!.env).toBe('APP_OPENAI_API_KEY');
    for (const c of m.values()) expect(c.blocker).toBeUndefined();
  });

  it('blocks a class whose prefix, alias or base-URL default cannot be moved', async () => {
    const m = await classes(
      HEAD +
        'import os\n' +
        'class P(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix=os.environ["SVC"])\n    openai_api_key: str\n\n' +
        'class R(BaseSettings):\n    openai_api_key: str\n    openai_base_url: str = "https://openrouter.ai/api/v1"\n\n' +
        'class H(BaseSettings):\n    openai_api_key: str\n    openai_base_url: str = "https://api.openai.com"\n\n' +
        'class N(BaseSettings):\n    openai_api_key: str = Field(validation_alias=KEY_NAME)\n\n' +
        'class B(BaseSettings):\n    model_config = SettingsConfigDict(populate_by_name=True)\n    openai_api_key: str\n',
    );
    expect(m.get('P')!.blocker?.text).toMatch(/env_prefix/);
    expect(m.get('R')!.blocker?.text).toMatch(/openrouter/);
    expect(m.get('H')!.blocker?.text).toMatch(/not the OpenAI API URL/);
    expect(m.get('N')!.blocker?.text).toMatch(/not a literal/);
    expect(m.get('B')!.blocker?.text).toMatch(/populate_by_name/);
  });

  it("resolves a client's base URL through a settings field: OpenAI, another service, or unresolved", async () => {
    const cls = (dflt: string) => `class S(BaseSettings):\n    openai_api_key: str\n    openai_base_url: str | None${dflt}\n\n`;
    const use = 's = S()\nclient = OpenAI(base_url=s.openai_base_url, api_key=s.openai_api_key)\n';
    expect(await statuses(HEAD + cls('') + use)).toEqual(['openai']);
    expect(await statuses(HEAD + cls(' = None') + use)).toEqual(['openai']);
    expect(await statuses(HEAD + cls(' = "https://api.openai.com/v1"') + use)).toEqual(['openai']);
    expect(await statuses(HEAD + cls(' = "https://openrouter.ai/api/v1"') + use)).toEqual(['other']);
    expect(await statuses(HEAD + cls(' = "https://api.deepseek.com"') + use)).toEqual(['target']);
    expect(await statuses(HEAD + cls(' = make_url()') + use)).toEqual(['unresolved']);
    // through a cached factory and a SecretStr key
    expect(await statuses(HEAD + cls('') + 'def get_settings() -> S:\n    return S()\n\nclient = OpenAI(base_url=get_settings().openai_base_url)\n')).toEqual(['openai']);
    // a settings object kept on the instance
    expect(
      await statuses(
        HEAD +
          cls('') +
          'class Service:\n    def __init__(self, settings: S) -> None:\n        self.settings = settings\n        self.client = OpenAI(base_url=self.settings.openai_base_url, api_key=self.settings.openai_api_key.get_secret_value())\n',
      ),
    ).toEqual(['openai']);
    expect(await statuses(HEAD + cls('') + 'class Service:\n    settings: S\n\n    def make(self) -> OpenAI:\n        return OpenAI(base_url=self.settings.openai_base_url)\n')).toEqual(['openai']);
    expect(await statuses(HEAD + cls('') + 'class Service:\n    def make(self) -> OpenAI:\n        return OpenAI(base_url=self.config.openai_base_url)\n')).toEqual(['unresolved']);
    // an object that is not a settings instance
    expect(await statuses(HEAD + cls('') + 'client = OpenAI(base_url=cfg.openai_base_url)\n')).toEqual(['unresolved']);
  });
});

describe('settings across modules and env files', () => {
  it('moves a prefixed key and base URL together in the settings module, the client module and .env', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oam-settings-'));
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app/__init__.py'), '');
    writeFileSync(
      path.join(dir, 'app/config.py'),
      'from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\nclass Settings(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix="APP_")\n\n    openai_api_key: str\n    openai_base_url: str = "https://api.openai.com/v1"\n\n\nsettings = Settings()\n',
    );
    writeFileSync(
      path.join(dir, 'app/llm.py'),
      'from openai import OpenAI\n\nfrom app.config import settings\n\nclient = OpenAI(base_url=settings.openai_base_url, api_key=settings.openai_api_key)\n',
    );
    writeFileSync(path.join(dir, '.env'), 'APP_OPENAI_API_KEY=\nAPP_OPENAI_BASE_URL=https://api.openai.com/v1\nOTHER_OPENAI_API_KEY=x\n');
    await migrate({ cwd: dir, paths: ['.'], provider: 'zhipu', force: true });
    const config = readFileSync(path.join(dir, 'app/config.py'), 'utf8');
    expect(config).toContain('openai_api_key: str = Field(validation_alias="ZHIPUAI_API_KEY")');
    expect(config).toContain('openai_base_url: str = Field(default="https://open.bigmodel.cn/api/paas/v4", validation_alias="ZHIPUAI_BASE_URL")');
    // the client keeps reading the settings (no literal URL beside a settings key)
    expect(readFileSync(path.join(dir, 'app/llm.py'), 'utf8')).toContain('OpenAI(base_url=settings.openai_base_url, api_key=settings.openai_api_key)');
    const env = readFileSync(path.join(dir, '.env'), 'utf8');
    expect(env).toMatch(/^ZHIPUAI_API_KEY=$/m);
    expect(env).toMatch(/^# APP_OPENAI_BASE_URL=https:\/\/api\.openai\.com\/v1$/m);
    // a variable no settings class reads is not touched
    expect(env).toMatch(/^OTHER_OPENAI_API_KEY=x$/m);
  });
});
