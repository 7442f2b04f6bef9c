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

/** Why a routed call was not moved (src/lang/js/routing.ts, src/lang/python/routing.ts). */
const ROUTE_WHY_ZH: Record<string, string> = {
  'the call is not made on a client variable of this file': '该调用不是在本文件的客户端变量上发起的',
  'the client is an Azure OpenAI client': '该客户端是 Azure OpenAI 客户端',
  'the client is not built at the top level of the module': '该客户端不是在模块顶层创建的',
  'the client comes from a parameter or another scope': '该客户端来自参数或其他作用域',
  'the call is made on the openai module': '该调用是在 openai 模块上发起的',
  'the file already creates an instance of that package': '本文件已经创建了该包的实例',
};

const r = (src: string) => new RegExp(`^${src}$`, 's');

/** Ordered: the first template whose expression matches the whole message wins; specific before general. */
const TEMPLATES: Entry[] = [
  // ---- a notebook cell that does not parse (src/lang/python/notebook.ts): a file reason, still plain text
  [r('cell (?<n>\\d+): (?<msg>.+)'), '第 {n} 个单元格：{msg}'],

  // ---- warnings (src/api.ts ignoredEnvFiles): RunResult.warnings are plain text, no id yet.
  [
    r(`(?<file>\\S+) was not migrated \\(ignored by git\\): set ${ENV} there; the code no longer reads OPENAI_API_KEY \\(or run (?<cmd>\`[^\`]+\`)\\)`),
    '{file} 未迁移（被 git 忽略）：请在其中设置 {env}；代码不再读取 OPENAI_API_KEY（或运行 {cmd}）',
  ],
  // Capability routing (--route, docs/routing.md).
  [r(`(?<call>\\S+) is routed to ${P} \\(--route\\) but was not moved: (?<why>.+)`), (g) => `${g.call} 已路由到 ${g.p}（--route），但未被迁移：${ROUTE_WHY_ZH[g.why ?? ''] ?? g.why}`],
  [r('call it on a client for (?<url>\\S+) with the (?<key>\\S+) key'), '改用指向 {url}、使用 {key} 密钥的客户端调用它'],
  [r('(?<key>\\S+) was added empty for (?<cap>\\S+) \\(--route\\)'), '已为 {cap} 添加空的 {key}（--route）'],
  [r(`paste your ${P} key into (?<to>\\S+) \\(${URL}\\)`), '把你的 {p} 密钥填入 {to}（{url}）'],
  [r(`this client is only used for APIs ${P} does not serve`), '这个客户端只用于 {p} 不提供的 API'],
  [r('it stays on OpenAI for now: move those calls to another service, then migrate or remove the client'), '它暂时留在 OpenAI：先把这些调用迁到其他服务，再迁移或删除该客户端'],
  [
    r('it stays on OpenAI with its OpenAI key for now: move those calls to another service, then migrate or remove the client'),
    '它暂时留在 OpenAI 并继续使用 OpenAI 密钥：先把这些调用迁到其他服务，再迁移或删除该客户端',
  ],
  [
    r(`Azure OpenAI client left on Azure: deployment (?<list>.+) is not an OpenAI model id, so the ${P} model cannot be chosen`),
    'Azure OpenAI 客户端保留在 Azure：部署 {list} 不是 OpenAI 模型 id，无法确定对应的 {p} 模型',
  ],
  [r(`rerun with (?<o>.+?) \\(a ${P} model, see \`(?<cmd>[^\`]+)\`\\) to migrate it, or keep it on Azure`), '用 {o}（填 {p} 的模型，见 `{cmd}`）重新运行即可迁移它，或者让它继续留在 Azure'],
  [r(`base-URL override kept: (?<from>\\S+) -> (?<to>\\S+) \\(default ${URL}\\)`), '保留了 base URL 覆盖：{from} -> {to}（默认 {url}）'],
  [r('keep it on Azure, or move these calls to a service that serves them'), '让它留在 Azure，或把这些调用迁到提供它们的服务'],
  [r('(?<name>\\S+) is read by a client that stays as it is \\(host not resolved, or another service\\)'), '{name} 由一个保持不变的客户端读取（主机无法确定，或属于其他服务）'],
  [r('leave it until that client moves; then rename it to (?<to>\\S+) together with its base URL'), '在该客户端迁移之前保持不变；迁移时把它与 base URL 一起改名为 {to}'],
  [r('reads (?<name>\\S+) for a request that stays on OpenAI \\((?<url>[^)]+)\\)'), '读取 {name} 的请求仍发往 OpenAI（{url}）'],
  [r('it keeps its OpenAI key: move that request to a service that serves it, then change the key with it'), '它保留 OpenAI 密钥：先把该请求迁到提供此接口的服务，再一并更换密钥'],
  [r('OpenAI URL left: it is the default of a base-URL setting that a client staying as it is reads'), '保留了 OpenAI URL：它是一个保持不变的客户端所读取的 base URL 设置的默认值'],
  [r('leave it until that client moves; then use the provider base URL there and here'), '在该客户端迁移之前保持不变；迁移时在两处都改用服务商的 base URL'],
  [
    r(`Azure OpenAI client left on Azure: its calls name the deployment at run time \\((?<list>.+)\\), so the ${P} model cannot be chosen`),
    'Azure OpenAI 客户端保留在 Azure：它的调用在运行时才确定部署名（{list}），无法确定对应的 {p} 模型',
  ],
  [
    r(`keep it on Azure, or move it by hand: the OpenAI class with ${URL}, the (?<key>\\S+) key and a ${P} model id instead of the deployment name`),
    '让它留在 Azure，或手动迁移：改用 OpenAI 类、{url}、{key} 密钥，并用 {p} 的模型 id 代替部署名',
  ],
  [r(`Azure OpenAI client left on Azure: ${P} has no equivalent for (?<list>.+)`), 'Azure OpenAI 客户端保留在 Azure：{p} 没有 {list} 的对应模型'],
  [r(`Azure OpenAI client left on Azure: it serves the Realtime API, which ${P} does not offer`), 'Azure OpenAI 客户端保留在 Azure：它用于 Realtime API，而 {p} 不提供该接口'],
  [r("keep it on Azure, or move the voice feature to the provider's realtime/voice API"), '让它留在 Azure，或把语音功能迁到服务商的实时 / 语音 API'],
  [
    r(`keep this call on another service, or check that ${P} serves it \\((?<note>.+)\\) before passing --model (?<m>\\S+)`),
    '把这个调用留在其他服务上，或先确认 {p} 提供它（{note}），再传 --model {m}',
  ],
  [r('URL aimed at the OpenAI API without the /v1 base'), '指向 OpenAI API 的 URL 不含 /v1 基础路径'],
  [r(`URL built from ${URL} and a path the tool cannot resolve`), '由 {url} 与本工具无法解析的路径拼成的 URL'],
  [r(`make the request go to (?<to>\\S+) \\(${P}'s OpenAI-compatible path is (?<path>\\S+), not /v1\\)`), '让请求发往 {to}（{p} 的 OpenAI 兼容路径是 {path}，不是 /v1）'],
  [r('path /v1(?<rest>\\S*) -> (?<to>\\S+) \\(joined to an OpenAI host defined in another module\\)'), '路径 /v1{rest} -> {to}（与另一个模块中定义的 OpenAI 主机拼接）'],
  [r('path /v1(?<rest>\\S*) -> (?<to>\\S*) \\(joined to a host-only OpenAI base\\)'), '路径 /v1{rest} -> {to}（与仅含主机的 OpenAI base 拼接）'],
  [r('"(?<prefix>[^"]+)" in "(?<v>[^"]+)" routes the request to OpenAI'), '"{v}" 中的 "{prefix}" 会把请求路由到 OpenAI'],
  [r(`use the ${P} route of the tool that reads this value \\(or point its OpenAI base URL at ${URL}\\)`), '改用读取该值的工具中的 {p} 路由（或把它的 OpenAI base URL 指向 {url}）'],

  // ---- follow-ups: frameworks (AI SDK, LangChain, LlamaIndex, tokenizers)

  // ---- follow-ups: dependencies, notebooks
  [r('new dependencies declared: (?<list>.+)'), '已声明新的依赖：{list}'],
  [r('dependencies removed from package\\.json: (?<list>.+)'), '已从 package.json 删除依赖：{list}'],
  [
    r('the migrated code imports (?<pkg>\\S+), but no (?<pkg2>\\S+) release works with (?<anchor>\\S+) \\(from (?<from>.+)\\); it was not added'),
    '迁移后的代码导入了 {pkg}，但没有任何 {pkg2} 版本能与 {anchor}（来自 {from}）配合使用；未添加',
  ],
  [
    r('upgrade (?<anchor>\\S+) \\((?<pkg>\\S+) exists for (?<fits>.+)\\), then add (?<pkg2>\\S+); or keep the OpenAI-compatible setup for this file'),
    '升级 {anchor}（{pkg} 适用于 {fits}），再添加 {pkg2}；或者此文件保持 OpenAI 兼容的写法',
  ],
  [
    r('the migrated code imports (?<pkg>\\S+), but langchain-deepseek needs langchain-core 0\\.3 or newer; this project has (?<from>.+); it was not added'),
    '迁移后的代码导入了 {pkg}，但 langchain-deepseek 需要 langchain-core 0.3 或更高版本；本项目为 {from}；未添加',
  ],
  [
    r('the migrated code imports (?<pkg>\\S+), but (?<pkg2>\\S+) exists for llama-index 0\\.10 and newer; this project has (?<from>.+); it was not added'),
    '迁移后的代码导入了 {pkg}，但 {pkg2} 只适用于 llama-index 0.10 及更高版本；本项目为 {from}；未添加',
  ],
  [r('upgrade LangChain to 0\\.3\\+ \\(then switch to ChatDeepSeek\\), or keep ChatOpenAI with base_url'), '把 LangChain 升级到 0.3+（再改用 ChatDeepSeek），或继续用 ChatOpenAI 加 base_url'],
  [r('in llama-index 0\\.9 use `from llama_index\\.llms import OpenAILike`, or upgrade to 0\\.10\\+'), '在 llama-index 0.9 中使用 `from llama_index.llms import OpenAILike`，或升级到 0.10+'],
  [
    r('(?<verb>install them: |run )(?<cmd>.+?)\\.(?: This also brings (?<lock>\\S+) back in sync \\((?<ci>`[^`]+`) fails until then\\);)? openai-migrate ran no install\\.'),
    (g) => `${g.verb === 'run ' ? '运行' : '安装它们：'}${g.cmd}。${g.lock ? `这也会让 ${g.lock} 恢复同步（在此之前 ${g.ci} 会失败）；` : ''}openai-migrate 没有执行安装。`,
  ],
  [
    r('install them: (?<cmd>.+?)(?<ai> \\(AI SDK provider packages must match your `ai` major version\\))?'),
    (g) => `安装它们：${g.cmd}${g.ai ? '（AI SDK 的 provider 包必须与你的 `ai` 主版本一致）' : ''}`,
  ],

  // ---- finding messages (scan/check detectors, suppressions)
  [r('OpenAI client without a provider base URL: requests go to api\\.openai\\.com'), 'OpenAI 客户端没有设置服务商的 base URL：请求会发往 api.openai.com'],
  [r('Azure OpenAI client: requests go to Azure OpenAI'), 'Azure OpenAI 客户端：请求会发往 Azure OpenAI'],
  [r('client base URL comes from a value the tool cannot resolve'), '客户端的 base URL 来自本工具无法解析的值'],
  [r('legacy openai<1 module client: requests go to OpenAI'), '旧版 openai<1 模块级客户端：请求会发往 OpenAI'],
  [r('module-level openai client: requests go to OpenAI'), '模块级 openai 客户端：请求会发往 OpenAI'],
  [r('AI SDK createOpenAI provider: requests go to OpenAI'), 'AI SDK 的 createOpenAI provider：请求会发往 OpenAI'],
  [r('(?<what>.+?): requests go to (?<to>Azure OpenAI|OpenAI)'), '{what}：请求会发往 {to}'],
  [r('(?<api>\\S+): no supported provider serves this API'), '{api}：没有任何受支持的服务商提供此 API'],
  [
    r('(?<api>\\S+) on an OpenAI client imported from (?<spec>\\S+) \\((?<file>\\S+), outside the given paths\\): requests go to api\\.openai\\.com'),
    '在从 {spec}（{file}，不在给定路径内）导入的 OpenAI 客户端上调用 {api}：请求会发往 api.openai.com',
  ],
  [r('OpenAI model id "(?<id>.*)" \\(defined in (?<file>\\S+), outside the given paths\\)'), 'OpenAI 模型 ID "{id}"（定义在 {file}，不在给定路径内）'],
  [r('(?<api>\\S+) on an OpenAI client'), 'OpenAI 客户端上的 {api} 调用'],
  [r('OpenAI model id "(?<id>.*)"(?: in (?<name>\\S+))?'), (g) => `OpenAI 模型 ID "${g.id}"${g.name ? `（在 ${g.name} 中）` : ''}`],
  [r('URL aimed at the OpenAI API: (?<url>.+)'), '指向 OpenAI API 的 URL：{url}'],
  [r('(?<name>\\S+) points at the OpenAI API'), '{name} 指向 OpenAI API'],
  [r('reads (?<name>\\S+)'), '读取 {name}'],
  [r('sets (?<name>\\S+)'), '设置了 {name}'],
  [r('(?<cls>\\S+) from (?<mod>\\S+) calls OpenAI'), '{mod} 中的 {cls} 会调用 OpenAI'],
  [r('init_chat_model with the OpenAI provider'), 'init_chat_model 使用了 OpenAI provider'],
  [r('(?<api>\\S+): (?<id>\\S+) does not serve this API'), '{api}：{id} 不提供此 API'],
  [r('(?<id>\\S+) deprecated model "(?<m>[^"]+)"(?:: use (?<succ>\\S+))?'), (g) => `${g.id} 已弃用模型 "${g.m}"${g.succ ? `：请改用 ${g.succ}` : ''}`],
  [r('model "(?<m>[^"]+)" is not in the (?<id>\\S+) catalogue'), '模型 "{m}" 不在 {id} 的模型目录中'],
  [r('`(?<s>.+)` names an unknown rule \\((?<rules>.+)\\) and silences nothing'), '`{s}` 指定了未知的规则（{rules}），不会屏蔽任何问题'],
  [r('`(?<s>.+)` silences no finding'), '`{s}` 没有屏蔽任何问题'],

  // ---- file reasons (skipped / failed files: src/engine/run.ts, handlers)
  [r('no handler for this file type'), '没有处理此类文件的程序'],
  [r('larger than --max-file-size \\((?<a>\\d+) > (?<b>\\d+) bytes\\)'), '超过 --max-file-size（{a} > {b} 字节）'],
  [r('cannot read: (?<code>.+)'), '无法读取：{code}'],
  [r('cannot read folder: (?<code>.+)'), '无法读取文件夹：{code}'],
  [
    r('not a regular file \\(a (?<kind>FIFO|socket|device|special file)\\); not read'),
    (g) => `不是普通文件（${({ FIFO: 'FIFO 管道', socket: '套接字', device: '设备文件', 'special file': '特殊文件' } as Record<string, string>)[g.kind!]}）；未读取`,
  ],
  [r('(?<f>\\S+): nesting too deep to analyse safely \\(recursion limit reached\\); file left unchanged'), '{f}：嵌套过深，无法安全分析（达到递归上限）；文件保持不变'],
  [
    r('(?<f>\\S+) does not parse as JSON before any change \\((?<err>.+)\\); left unchanged, so (?<pkgs>.+) was not declared'),
    '{f} 在改动之前就无法按 JSON 解析（{err}）；保持不变，因此没有声明 {pkgs}',
  ],
  [
    r('(?<f>\\S+) has (?<n>\\d+) "(?<key>\\w+)" objects \\(JSON parsers keep only the last one\\); left unchanged: merge them and run again'),
    '{f} 中有 {n} 个 "{key}" 对象（JSON 解析器只保留最后一个）；保持不变：请合并后重新运行',
  ],
  [r('syntax error at (?<where>\\S+) <script> block is not closed \\(no </script>\\)'), '语法错误，位置 {where}：<script> 块没有闭合（缺少 </script>）'],
  [r('(?<f>\\S+): refused to write (?<v>.+) into a (?<syntax>[\\w-]+) string: (?<why>.+); file left unchanged'), '{f}：拒绝把 {v} 写入 {syntax} 字符串：{why}；文件保持不变'],
  [r('binary file \\(NUL bytes\\)'), '二进制文件（含 NUL 字节）'],
  [r('written by openai-migrate \\(baseline, report or output\\); never scanned'), '由 openai-migrate 写出（基线、报告或输出），不会被扫描'],
  // ---- project graph (src/project/): outside the given paths, warnings
  [
    r('outside the given paths, read to follow imports; the migration would change it \\((?<n>\\d+) edits?(?:: (?<models>.+))?\\)'),
    (g) => `不在给定路径内，只为跟随导入而读取；迁移本会修改它（${g.n} 处改写${g.models ? `：${g.models}` : ''}）`,
  ],
  [r('defines what the migrated files use, outside the given paths \\(left unchanged\\)'), '定义了被迁移文件所用的内容，不在给定路径内（保持原样）'],
  [r('run `(?<cmd>[^`]+)`'), '运行 `{cmd}`'],
  [r('cannot resolve import "(?<spec>[^"]+)" in (?<file>\\S+): (?<why>.+); usage through it is not followed'), '无法解析 {file} 中的导入 "{spec}"：{why}；不跟随经由它的用法'],
  [
    r('(?<file>\\S+) does not parse \\((?<err>.+)\\); its paths and baseUrl are ignored, imports through them are not followed'),
    '{file} 无法解析（{err}）；忽略其中的 paths 和 baseUrl，不跟随经由它们的导入',
  ],
  [
    r('(?<file>\\S+): "extends": "(?<spec>[^"]+)" points outside the repository; not read \\(its paths and baseUrl are ignored\\)'),
    '{file}："extends": "{spec}" 指向仓库之外；未读取（忽略其中的 paths 和 baseUrl）',
  ],
  [r('(?<file>\\S+): "extends": "(?<spec>[^"]+)" not found in the repository; its paths and baseUrl are ignored'), '{file}：仓库中找不到 "extends": "{spec}"；忽略其中的 paths 和 baseUrl'],
  [r('workspace glob "(?<glob>[^"]+)" in (?<from>.+) matches no package folder'), '{from} 中的工作区通配 "{glob}" 没有匹配到任何包目录'],
  [r('workspace package (?<dir>\\S+) is a symlink; not followed \\(its files may be outside the repository\\)'), '工作区包 {dir} 是符号链接；不跟随（其文件可能在仓库之外）'],
  [
    r('(?<file>\\S+): paths "(?<k>[^"]+)" -> "(?<t>[^"]+)" refers to another alias \\(a cycle\\); imports through it are resolved as plain paths only'),
    '{file}：paths "{k}" -> "{t}" 指向另一个别名（循环）；经由它的导入只按普通路径解析',
  ],
  [r('\\.\\.\\. and (?<n>\\d+) more imports that cannot be resolved'), '……另有 {n} 个无法解析的导入'],
  [
    r('(?<n>\\d+) imports? in files that do not name OpenAI cannot be resolved either; usage through them is not followed'),
    '另有 {n} 个导入位于未提及 OpenAI 的文件中，同样无法解析；不会沿它们追踪用法',
  ],
  [r('not valid UTF-8; left untouched \\(re-encoding would change bytes outside the edits\\)'), '不是有效的 UTF-8；保持原样（重新编码会改动改写范围以外的字节）'],
  [r('looks minified or generated \\(very long lines\\)'), '看起来是压缩或生成的文件（行非常长）'],
  [r('does not parse as (?<fmt>JSON|JSONL|YAML|TOML) \\((?<err>.+)\\); left as it is'), '无法按 {fmt} 解析（{err}）；保持原样'],
  [
    r('the (?<what>migrated text|accepted hunks alone) would not parse \\((?<err>.+)\\); file left unchanged'),
    (g) => `${g.what === 'migrated text' ? '迁移后的文本' : '只应用接受的改动块时'}无法解析（${g.err}）；文件保持不变`,
  ],
  [r('skipped in interactive review'), '在交互式审阅中跳过'],
  [r('syntax error in the joined code cells of (?<f>\\S+): (?<err>.+)'), '{f} 合并后的代码单元格有语法错误：{err}'],
  [r('syntax error at (?<where>.+)'), '语法错误，位置 {where}'],
  [r('cannot read (?<f>\\S+) as an env file \\((?<err>.+)\\)'), '无法把 {f} 当作 env 文件读取（{err}）'],
  [r('internal error in (?<f>\\S+): (?<err>.+)'), '处理 {f} 时发生内部错误：{err}'],
  [r('internal error(?: while parsing)?: (?<err>.+)'), '内部错误：{err}'],

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
