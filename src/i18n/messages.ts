import { getLang, type Lang } from './index.js';
import { NOTES_ZH } from './notes-zh.js';
import { ERRORS_ZH, RULE_FIX_FALLBACK_ZH, RULES_ZH } from './catalogues-zh.js';
import { RULES } from '../rules/catalogue.js';
import { ERRORS } from '../errors.js';
import { renderZh, type MsgRef } from './msg.js';
import type { ZhHelpers } from './catalog/zh.js';

/**
 * Messages written by the analysis and the transforms (follow-up reasons and
 * actions, change messages, finding messages, file reasons, rule fixes, the
 * `--provider` assessment) stay English in the data model, JSON and SARIF.
 * Text meant for people is translated when it is rendered: an ordered table of
 * templates (regular expressions with named groups over the English message)
 * to Simplified Chinese. Identifiers, paths, model ids, variable names, URLs
 * and code are captured and put back unchanged.
 *
 * Captured parts are translated again by the name of their group (a trailing
 * digit is ignored, so one template may use `msg` and `msg2`):
 * `msg`/`reason`/`action`/`why` recursively, `endpoint` and `tier` by their
 * label tables, `note` by the provider-notes table. Other groups are copied.
 */
type Groups = Record<string, string | undefined>;
type Entry = readonly [RegExp, string | ((g: Groups) => string)];

/** `endpointLabel()` texts (src/rules/endpoints.ts). */
export const ENDPOINT_ZH: Record<string, string> = {
  'chat completions': '对话补全（chat completions）',
  'legacy completions (/v1/completions)': '旧版文本补全（/v1/completions）',
  embeddings: '向量（embeddings）',
  'image generation (OpenAI images API)': '图像生成（OpenAI images API）',
  'audio (transcription / speech)': '音频（转写 / 语音合成）',
  moderations: '内容审核（moderations）',
  'Responses API': ' Responses API ',
  'Assistants / threads / vector stores': ' Assistants / threads / vector stores ',
  files: '文件（files）',
  batch: '批处理（batch）',
  'fine-tuning': '微调（fine-tuning）',
  'Realtime API': ' Realtime API ',
  'models list': '模型列表',
  'this OpenAI-only API': '这个 OpenAI 独有的 API',
};

/** `tierLabel()` texts (src/rules/models.ts). */
export const TIER_ZH: Record<string, string> = {
  flagship: '旗舰',
  fast: '快速',
  reasoning: '推理',
  vision: '视觉',
  'long-context': '长上下文',
  coding: '编程',
  'embedding-small': '小型向量',
  'embedding-large': '大型向量',
  image: '图像',
  'speech-to-text': '语音转文字',
  'text-to-speech': '文字转语音',
  'legacy-completion': '旧版补全',
  'audio-chat': '音频对话',
  realtime: '实时',
  moderation: '内容审核',
  video: '视频',
  'fine-tuned': '微调',
};

/** The endpoint label inside Chinese text (`…的{endpoint}接口`): ASCII labels keep a space on each side. */
const endpointZh = (s: string) => ENDPOINT_ZH[s] ?? ` ${s} `;
/** A tier label inside Chinese text (model changes, assessments). */
export const localizeTier = (s: string, lang: Lang = getLang()) => (lang === 'zh' ? (TIER_ZH[s] ?? s) : s);

// A provider name, short or full ("Zhipu AI (GLM; BigModel in China, Z.ai internationally)"): outside
// parentheses it never holds ": ", " -> " or "; ", so it cannot swallow a wrapper's prefix or a joined message.
const P = '(?<p>(?:\\([^()]*\\)|(?!: | -> |; )[^()])+?)';
const URL = '(?<url>\\S+)';
const ENV = '(?<env>\\S+)';

const r = (src: string) => new RegExp(`^${src}$`, 's');

/** Ordered: the first template whose expression matches the whole message wins; specific before general. */
const TEMPLATES: Entry[] = [
  // ---- a rule's reason with the page it comes from (src/rules/params.ts cite)
  // ---- wrappers around another message
  [r('cell (?<n>\\d+): (?<msg>.+)'), '第 {n} 个单元格：{msg}'],

  // ---- request parameters (src/rules/params.ts, src/lang/js/detect.ts provider-param)
  // ---- thinking switches (src/rules/thinking.ts, requestRules.thinking)

  // ---- change messages: parameters, models, clients, env, HTTP, deps
  [
    r(`(?<file>\\S+) was not migrated \\(ignored by git\\): set ${ENV} there; the code no longer reads OPENAI_API_KEY \\(or run (?<cmd>\`[^\`]+\`)\\)`),
    '{file} 未迁移（被 git 忽略）：请在其中设置 {env}；代码不再读取 OPENAI_API_KEY（或运行 {cmd}）',
  ],

  // ---- follow-ups: clients, keys, env, config
  // Capability routing (--route, docs/routing.md): by id now (catalog 'route.*', 'azure.*', 'http.*', ...). This one stays for
  // the action of an msgs-a producer (transforms/env/rename-key-var.ts, "was added empty: an OpenAI key does not work with").
  [r(`paste your ${P} key into (?<to>\\S+) \\(${URL}\\)`), '把你的 {p} 密钥填入 {to}（{url}）'],

  // Follow-ups for frameworks, dependencies and notebooks: by id (catalog 'aiSdk.*', 'deps.*', 'notebook.*').

  // Finding messages (scan/check detectors, suppressions): by id (catalog 'find.*').

  // File reasons (skipped / failed files): by id (catalog 'file.*', 'outside.*').
  // Project-graph warnings (src/project/): by id (catalog 'graph.*').

  // ---- generic renames (env variables, keyword arguments): last, they match any `a -> b`
  [r('(?<from>\\S+) -> (?<to>\\S+)'), '{from} 改为 {to}'],
];

/** Rule fixes (`ruleFix`, `<id>` filled in or not) and the error catalogue's cause and fix lines, generated from the catalogues. */
function catalogueTemplates(): Entry[] {
  const out: Entry[] = [];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const [id, rule] of Object.entries(RULES) as Array<[string, { fix: string }]>) {
    const zh = RULES_ZH[id];
    if (!zh) continue;
    const src = esc(rule.fix).replace(/<id>/g, '(?<id>[\\w-]+|<id>)');
    out.push([r(src), (g) => zh.fix.replace(/<id>/g, g.id ?? '<id>')]);
  }
  out.push([r('see the message'), RULE_FIX_FALLBACK_ZH]);
  for (const [id, e] of Object.entries(ERRORS)) {
    const zh = ERRORS_ZH[id];
    if (!zh) continue;
    out.push([r(esc(e.cause)), zh.cause], [r(esc(e.fix)), zh.fix]);
  }
  return out;
}

let table: Entry[] | undefined;
/** Templates without a captured part (exact messages) go first: a general template must never shadow one. */
const exact = (e: Entry) => !e[0].source.includes('(?<');
const entries = () => (table ??= [...catalogueTemplates(), ...TEMPLATES.filter(exact), ...TEMPLATES.filter((e) => !exact(e))]);

/** Nested translation of a captured part, chosen by the group's name. */
function nested(name: string, value: string): string {
  switch (name.replace(/\d+$/, '')) {
    case 'msg':
    case 'reason':
    case 'action':
    case 'why':
      return localizeZh(value) ?? value;
    case 'endpoint':
      return endpointZh(value);
    case 'tier':
      return TIER_ZH[value] ?? value;
    case 'note':
      return NOTES_ZH[value] ?? localizeZh(value) ?? value;
    default:
      return value;
  }
}

/** One template over the whole text, or undefined. */
function matchOne(text: string): string | undefined {
  for (const [re, zh] of entries()) {
    const m = re.exec(text);
    if (!m) continue;
    const g: Groups = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) g[k] = v === undefined ? undefined : nested(k, v);
    const out = typeof zh === 'function' ? zh(g) : zh.replace(/\{(\w+)\}/g, (all, k: string) => g[k] ?? all);
    return out.replace(/ {2,}/g, ' ').replace(/ ([（）：；，])|([（）：；，]) /g, '$1$2');
  }
  return undefined;
}

/**
 * Chinese for one English message, or undefined when no template covers it.
 * Messages joined with "; " (an assessment listing several changes) are
 * translated part by part when the whole has no template.
 */
function localizeZh(text: string): string | undefined {
  const whole = matchOne(text);
  if (whole !== undefined) return whole;
  const parts = text.split('; ');
  for (let k = parts.length - 1; k >= 1; k--) {
    const head = matchOne(parts.slice(0, k).join('; '));
    if (head === undefined) continue;
    const tail = localizeZh(parts.slice(k).join('; '));
    if (tail !== undefined) return `${head}；${tail}`;
  }
  return undefined;
}

/** What the Chinese catalogue (src/i18n/catalog/zh.ts) uses for labels and profile prose in parameters. */
const HELPERS: ZhHelpers = {
  endpoint: endpointZh,
  tier: (s) => TIER_ZH[s] ?? s,
  note: (s) => NOTES_ZH[s] ?? localizeZh(s) ?? s,
  prose: (s) => localizeZh(s) ?? s,
};

/**
 * A message for people (text output, Markdown reports, GitHub annotations):
 * by its id when it was built with `msg()` (`ref`), else through the
 * template table over the English text. English comes back unchanged.
 */
export function localize(text: string, ref?: MsgRef, lang: Lang = getLang()): string {
  if (lang !== 'zh' || !text) return text;
  if (ref) {
    const zh = renderZh(ref, HELPERS);
    if (zh !== undefined) return zh;
  }
  return localizeZh(text) ?? text;
}

/**
 * Translate a message from the analysis or a transform for people (text
 * output, Markdown reports, GitHub annotations). English, and any message
 * without a template, comes back unchanged. Messages built with `msg()` go
 * through `localize` with their id instead.
 */
export function localizeMessage(text: string, lang: Lang = getLang()): string {
  if (lang !== 'zh' || !text) return text;
  return localizeZh(text) ?? text;
}

/** The title of a rule in the current language (`ruleOf(id).title` in English). */
export function localizeRuleTitle(id: string, english: string, lang: Lang = getLang()): string {
  return lang === 'zh' ? (RULES_ZH[id]?.title ?? english) : english;
}
