import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { marked } from 'marked';
import { cli, ROOT } from './helpers/cli.js';
import { en } from '../src/i18n/en.js';
import { zh } from '../src/i18n/zh.js';
import { detectLang, normalizeLang } from '../src/i18n/index.js';
import { translateCommanderError } from '../src/i18n/commander.js';

/** Values allowed to read the same in both languages (identifiers only). None today. */
const SAME_OK = new Set<string>([]);
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const CJK = /[\u4e00-\u9fff]/;

describe('message catalogues', () => {
  it('en and zh have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('every zh value is translated (differs from en, has Chinese text) and keeps the placeholders', () => {
    for (const [k, v] of Object.entries(en)) {
      const z = (zh as Record<string, string>)[k]!;
      expect(placeholders(z), k).toEqual(placeholders(v));
      if (SAME_OK.has(k)) continue;
      expect(z, k).not.toBe(v);
      expect(z, `${k} has no Chinese text`).toMatch(CJK);
    }
  });

  it('every description the CLI shows has a help.* entry (so it is translated)', async () => {
    const { buildProgram } = (await import(path.join(ROOT, 'dist/src/cli.js'))) as { buildProgram: () => Command };
    const texts = new Set(
      Object.entries(en)
        .filter(([k]) => k.startsWith('help.'))
        .map(([, v]) => v),
    );
    const missing: string[] = [];
    const walk = (cmd: Command, name: string) => {
      const all = [[name, cmd.description()], ...cmd.options.map((o) => [`${name} ${o.flags}`, o.description]), ...cmd.registeredArguments.map((a) => [`${name} <${a.name()}>`, a.description])];
      for (const [where, d] of all) if (d && !texts.has(d!)) missing.push(`${where}: ${d}`);
      for (const c of cmd.commands) walk(c, `${name} ${c.name()}`);
    };
    walk(buildProgram(), 'openai-migrate');
    expect(missing).toEqual([]);
  });

  it('detectLang: --lang wins, then LC_ALL, LC_MESSAGES, LANG', () => {
    expect(detectLang(['--lang', 'zh'], {})).toBe('zh');
    expect(detectLang(['--lang=en'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(detectLang([], { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(detectLang([], { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(detectLang([], { LC_ALL: 'zh_TW.UTF-8' })).toBe('zh');
    expect(detectLang([], {})).toBe('en');
    expect(detectLang(['migrate', '--', '--lang', 'zh'], {})).toBe('en');
    expect(normalizeLang('zh-CN')).toBe('zh');
    expect(normalizeLang('fr')).toBe('en');
  });
});

const SRC =
  "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const r = () => c.chat.completions.create({ model: 'gpt-4o', messages: [], max_completion_tokens: 5 });\nexport const i = () => c.images.generate({ model: 'dall-e-3', prompt: 'x' });\n";
const repo = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'oam-i18n-'));
  writeFileSync(path.join(d, 'app.ts'), SRC);
  return d;
};

describe('Chinese output (CLI)', () => {
  it('help in Chinese with --lang zh or a zh locale; --lang en overrides the locale', () => {
    const a = cli(['--lang', 'zh', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('用法：');
    expect(a.stdout).toContain('命令：');
    expect(a.stdout).toContain('为指定服务商改写 OpenAI 用法');
    expect(a.stdout).not.toContain('rewrite OpenAI usage');
    const b = cli(['migrate', '--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(b.stdout).toContain('不写入；逐文件输出统一差异和概览');
    expect(b.stdout).toContain('显示命令帮助');
    expect(b.stdout).toMatch(/输出格式 \(可选值: "text", "json", 默认: "text"\)/);
    const c = cli(['--lang', 'en', 'migrate', '--help'], { env: { LC_ALL: 'zh_CN.UTF-8' } });
    expect(c.stdout).toContain('write nothing; print a unified diff per file');
    expect(c.stdout).not.toMatch(CJK);
  });

  it('migrate summary, --verbose decisions and the Markdown report in Chinese', () => {
    const d = repo();
    const r = cli(['migrate', '-p', 'deepseek', '--dry-run', '--verbose', '--report', 'r.md', '.'], { cwd: d, env: { LANG: 'zh_CN.UTF-8', NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('试运行（未写入任何文件）：DeepSeek [deepseek，区域 global]');
    expect(r.stdout).toMatch(/扫描文件：1，解析：1，将修改：1，失败：0，跳过：0/);
    expect(r.stdout).toContain('需人工跟进（1）：');
    expect(r.stdout).toContain('请在环境中设置 DEEPSEEK_API_KEY');
    expect(r.stderr).toContain('逐文件处理说明：');
    expect(r.stderr).toMatch(/app\.ts：?: 将会修改：\d+ 处改动/);
    expect(r.stderr).toContain('报告已写入 r.md');
    const html = marked.parse(readFileSync(path.join(d, 'r.md'), 'utf8'), { async: false }) as string;
    for (const h of ['OpenAI → DeepSeek 迁移报告', '概览', '实际应用的模型映射', '请求参数', '需要设置的环境变量', '需人工跟进的事项 (1)', '各文件的改动']) expect(html).toContain(h);
    expect(html).toMatch(/<th>OpenAI 模型<\/th>\s*<th>DeepSeek 模型<\/th>\s*<th>档位<\/th>/);
    expect(html).toMatch(/<td>已改名<\/td>/);
  });

  it('errors in Chinese: usage errors, commander errors, --interactive without a TTY', () => {
    const a = cli(['--lang', 'zh', 'migrate', '-p', 'nope', '--dry-run', '.'], { cwd: repo() });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('openai-migrate: 错误 [E_UNKNOWN_PROVIDER]: 未知的服务商');
    expect(a.stderr).toContain('unknown provider "nope"'); // the detail (with the valid ids) follows
    const b = cli(['--lang', 'zh', 'migrate', '--bogus']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("错误：未知选项 '--bogus'");
    const c = cli(['migrate', '-p', 'qwen', '--interactive', '--force', '.'], { cwd: repo(), env: { LANG: 'zh_CN.UTF-8' } });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--interactive 需要在终端中运行');
  });

  it('doctor in Chinese (no network: key missing)', () => {
    const r = cli(['doctor', '-p', 'qwen', '--no-scan', '--lang', 'zh'], { cwd: repo() });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('未设置 DASHSCOPE_API_KEY');
    expect(r.stdout).toContain('发现 1 个问题。');
  });

  it('commander error lines translate by template, other text passes through', async () => {
    const { setLang } = await import('../src/i18n/index.js');
    setLang('zh');
    try {
      expect(translateCommanderError("error: option '--format <format>' argument 'x' is invalid. Allowed choices are text, json.\n")).toBe(
        "错误：选项 '--format <format>' 的值 'x' 无效。可选值：text, json。\n",
      );
      expect(translateCommanderError("error: unknown command 'mgrate'\n(Did you mean migrate?)\n")).toBe("错误：未知命令 'mgrate'\n（你是不是想输入 migrate？）\n");
      expect(translateCommanderError('something else\n')).toBe('something else\n');
    } finally {
      setLang('en');
    }
  });
});
