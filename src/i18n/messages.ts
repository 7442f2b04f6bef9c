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
  [r('(?<msg>.+) \\(source: (?<src>[^\\s()]+)\\)'), '{msg}（来源：{src}）'],
  // ---- wrappers around another message
  [r('cell (?<n>\\d+): (?<msg>.+)'), '第 {n} 个单元格：{msg}'],
  [r('(?<key>.+?): OpenAI base URL -> (?<url>\\S+)'), '{key}：OpenAI base URL 改为 {url}'],
  [r('removed (?<name>[^:\\s]+): (?<msg>.+)'), '已删除 {name}：{msg}'],

  // ---- request parameters (src/rules/params.ts, src/lang/js/detect.ts provider-param)
  // ---- thinking switches (src/rules/thinking.ts, requestRules.thinking)
  [r('(?<msg>.+); send (?<sw>(?:\\w+: |extra_body=|dimensions=).+)'), '{msg}；请发送 {sw}'],
  [r('(?<label>\\S+) accepts only (?<name>\\w+) = (?<v>\\S+) with (?<f>\\w+) off'), '{label} 在关闭 {f} 时只接受 {name} = {v}'],
  [
    r("(?<label>\\S+) accepts only (?<name>\\w+) = (?<on>\\S+) with thinking on and (?<off>\\S+) with it off; this call's (?<f>\\w+) is computed at run time"),
    '{label} 在开启思考时只接受 {name} = {on}，关闭思考时只接受 {off}；这个调用的 {f} 在运行时计算',
  ],
  [r('send (?<name>\\w+) (?<on>\\S*) ?with thinking on and (?<off>\\S+) with it off, or leave \\k<name> out'), '开启思考时发送 {name} {on}，关闭思考时发送 {off}，或不发送 {name}'],
  [
    r(`(?<m>\\S+) thinks by default and ${P} answers a non-streaming call with (?<e>.+?)(?<rest>; this call's (?:stream flag|\\w+|model) is computed at run time|; this call turns thinking on)?`),
    (g) =>
      `${g.m} 默认开启思考，{p} 会对非流式调用返回 ${g.e}${g.rest ? (g.rest.includes('turns thinking on') ? '；这个调用开启了思考' : g.rest.includes('stream flag') ? '；这个调用的 stream 参数在运行时计算' : g.rest.includes('model') ? '；这个调用的模型在运行时计算' : `；这个调用的 ${/; this call's (\w+) is/.exec(g.rest)?.[1] ?? ''} 在运行时计算`) : ''}`.replace(
        '{p}',
        g.p ?? '',
      ),
  ],
  [r('send (?<sw>.+) on calls that do not stream'), '在非流式调用上发送 {sw}'],
  [r('stream the call or send (?<sw>.+)'), '改为流式调用，或发送 {sw}'],
  [r('(?<old>\\S+) was the non-thinking mode of (?<m>\\S+); the same model now thinks unless (?<sw>.+) is sent'), '{old} 曾是 {m} 的非思考模式；现在同一个模型默认开启思考，除非发送 {sw}'],
  [r('use (?<m>\\S+) with (?<sw>thinking: .+|enable_thinking: .+)'), '改用 {m} 并发送 {sw}'],
  [r('(?<label>\\S+) accepts only (?<name>\\w+) = (?<v>\\S+)'), '{label} 只接受 {name} = {v}'],
  [r('set (?<name>\\w+) to (?<v>\\S+) or remove it'), '把 {name} 设为 {v}，或删除它'],
  [r(`(?<name>\\w+) is computed at run time and ${P} accepts only (?<range>\\S+, \\S+)`), '{name} 在运行时计算，而 {p} 只接受 {range}'],
  [r('keep the value in (?<range>\\S+, \\S+)'), '请让取值保持在 {range} 内'],
  [r('a list of OpenAI model names used as a lookup table \\(capabilities, prices\\.\\.\\.\\) was left as it is'), '一个用作查找表（能力、价格等）的 OpenAI 模型名列表保持不变'],
  [r(`add the ${P} model ids this code should treat the same way`), '请加入这段代码应同样对待的 {p} 模型 ID'],
  [r(`add the ${P} model ids this file should treat the same way`), '请加入这个文件应同样对待的 {p} 模型 ID'],
  [
    r('`(?<key>[^`]+)` names (?<kind>embeddings|images|speech|moderation|a chat model) but holds (?<id>\\S+): not changed'),
    (g) =>
      `\`${g.key}\` 表示${({ embeddings: '向量模型', images: '图像模型', speech: '语音模型', moderation: '审核模型', 'a chat model': '对话模型' } as Record<string, string>)[g.kind!]}，却填写了 ${g.id}：未修改`,
  ],
  [r(`set the ${P} model this setting needs`), '请为这项设置填写所需的 {p} 模型'],
  [r('(?<label>\\S+) rejects (?<name>\\w+) \\((?<note>.+)\\)'), '{label} 不接受 {name}（{note}）'],
  [r(`${P} has no reasoning_effort parameter: (?<note>.+)`), '{p} 没有 reasoning_effort 参数：{note}'],
  [r(`${P} accepts reasoning_effort (?<values>\\S+)`), '{p} 的 reasoning_effort 只接受 {values}'],
  [r(`${P} does not accept or document it`), '{p} 不接受该参数，文档中也没有'],
  [r(`${P} reads (?<to>\\w+), which the request already sets`), '{p} 读取 {to}，而请求中已经设置了它'],
  [r(`${P} reads (?<to>\\w+) instead of (?<name>\\w+); send \\k<to> as an extra body field if you need it`), '{p} 读取 {to} 而不是 {name}；如有需要，请把 {to} 作为额外的请求体字段发送'],
  [r(`${P} reads (?<to>\\w+) instead of (?<name>\\w+)`), '{p} 读取 {to} 而不是 {name}'],
  [r(`${P} rejects (?<name>\\w+): "(?<v>.*)"`), '{p} 不接受 {name}: "{v}"'],
  [r('use another (?<name>\\w+) value'), '请改用 {name} 的其他取值'],
  [r(`${P} accepts (?<name>\\w+) in (?<range>[[(].+[\\])])`), '{p} 接受的 {name} 范围是 {range}'],
  [r('removed (?<name>\\S+), which (?<p>.+) does not support'), '已删除 {name}（{p} 不支持它）'],
  [
    r(`added (?<f>\\w+) to the rebuilt assistant message: ${P} answers (?<e>.+) on the next turn of a tool loop without it`),
    '已在手动重建的 assistant 消息中加入 {f}：缺少它时，{p} 会在工具调用循环的下一轮返回 {e}',
  ],
  [
    r(`an assistant message with tool_calls is rebuilt by hand; ${P} does not document whether its reasoning text must be sent back on the next turn`),
    '带 tool_calls 的 assistant 消息是手动重建的；{p} 没有说明下一轮是否需要回传思考内容',
  ],
  [r('test a two-turn tool loop; if the provider answers 400, send the message back as returned'), '测试两轮工具调用循环；如果服务商返回 400，请按原样回传该消息'],
  [
    r(`an assistant message with tool_calls is rebuilt by hand; ${P} wants the whole assistant message back on the next turn`),
    '带 tool_calls 的 assistant 消息是手动重建的；{p} 要求下一轮回传完整的 assistant 消息',
  ],
  [r('push the returned message itself(?: \\((?<s>.+)\\))? instead of a copy'), (g) => `直接回传返回的消息${g.s ? `（${g.s}）` : ''}，不要复制重建`],
  [
    r(`an assistant message with tool_calls is rebuilt by hand without (?<f>\\w+); ${P} answers (?<e>.+) on the next turn`),
    '带 tool_calls 的 assistant 消息是手动重建的，缺少 {f}；{p} 会在下一轮返回 {e}',
  ],
  [r('add (?<f>\\w+) from the returned message'), '从返回的消息中加入 {f}'],
  [r('(?<t>\\S+) returns (?<d>\\d+)-dimension vectors by default, (?<o>\\S+) returned (?<od>\\d+)'), '{t} 默认返回 {d} 维向量，而 {o} 返回 {od} 维'],
  [r('(?<t>\\S+) returns (?<d>\\d+)-dimension vectors by default, the vector store here expects (?<w>\\d+) \\((?<what>.+)\\)'), '{t} 默认返回 {d} 维向量，而这里的向量存储要求 {w} 维（{what}）'],
  [
    r('(?<t>\\S+) returns (?<d>\\d+)-dimension vectors, the vector store here expects (?<w>\\d+) \\((?<what>.+)\\); a store sized for \\k<w> rejects them'),
    '{t} 返回 {d} 维向量，而这里的向量存储要求 {w} 维（{what}）；按 {w} 维建的存储会拒绝这些向量',
  ],
  [
    r('(?<t>\\S+) returns (?<d>\\d+)-dimension vectors, (?<o>\\S+) returned (?<od>\\d+); a store sized for \\k<od> rejects them'),
    '{t} 返回 {d} 维向量，而 {o} 返回 {od} 维；按 {od} 维建的存储会拒绝这些向量',
  ],
  [r('resize the vector column or index and re-embed stored vectors'), '调整向量列或索引的维度，并重新生成已存储的向量'],
  [r('(?<t>\\S+) accepts dimensions (?<l>[\\d, ]+), not (?<v>\\d+)'), '{t} 的 dimensions 只接受 {l}，不接受 {v}'],
  [r('choose an accepted width, resize the vector column or index and re-embed stored vectors'), '选择一个可接受的维度，调整向量列或索引，并重新生成已存储的向量'],
  [
    r('(?<t>\\S+) takes at most (?<n>\\d+) inputs per request(?:; this input is built at run time|; this request sends (?<k>\\d+))'),
    (g) => `${g.t} 每个请求最多接受 ${g.n} 条输入${g.k ? `；这个请求发送了 ${g.k} 条` : '；这里的输入在运行时构建'}`,
  ],
  [r('send the inputs in batches of (?<n>\\d+)'), '请按每批 {n} 条分批发送'],
  [
    r(`response_format json_schema: ${P} (?<s>rejects it|serves it on some models only|does not document it)(?: \\((?<note>.+)\\))?(?<parse>; chat\\.completions\\.parse\\(\\) depends on it)?`),
    (g) =>
      `response_format json_schema：${g.p} ${g.s === 'rejects it' ? '不接受它' : g.s === 'serves it on some models only' ? '只在部分模型上支持' : '没有文档说明支持'}${g.note ? `（${g.note}）` : ''}${g.parse ? '；chat.completions.parse() 依赖它' : ''}`,
  ],
  [
    r('use response_format \\{ type: "json_object" \\} with the schema and the word "json" in the prompt, and validate the result'),
    '改用 response_format { type: "json_object" }，在提示词中写明 schema 和 "json" 一词，并校验结果',
  ],
  [r('ask for the JSON shape in the prompt with generateText and parse the reply with the same schema'), '改用 generateText，在提示词中要求 JSON 结构，并用同一个 schema 解析回复'],
  [r('describe the JSON shape in the prompt and validate the result'), '在提示词中描述 JSON 结构并校验结果'],
  [
    r(`${P} does not document response_format json_schema; its JSON mode needs the word "(?<w>\\w+)" in the prompt`),
    '{p} 的文档没有说明支持 response_format json_schema；它的 JSON 模式要求提示词中包含 "{w}" 一词',
  ],
  [
    r(`response_format json_schema was replaced by JSON mode \\(json_object\\) with the schema in a system message; ${P} does not enforce the schema`),
    'response_format json_schema 已改为 JSON 模式（json_object），schema 写入了一条 system 消息；{p} 不会强制结果符合 schema',
  ],
  [r('validate the reply against the same schema'), '请用同一个 schema 校验返回结果'],
  [
    r(`stream_options\\.include_usage: ${P} does not document usage on the last streamed chunk; chunk\\.usage may be undefined`),
    'stream_options.include_usage：{p} 没有说明最后一个流式分块会带 usage；chunk.usage 可能是 undefined',
  ],
  [r('read usage defensively \\(chunk\\.usage\\?\\.total_tokens\\) or from a non-streamed call'), '读取 usage 时做好判空（chunk.usage?.total_tokens），或从非流式调用读取'],
  [
    r(`stream_options include_usage: ${P} does not document usage on the last streamed chunk; chunk\\.usage may be None`),
    'stream_options include_usage：{p} 没有说明最后一个流式分块会带 usage；chunk.usage 可能是 None',
  ],
  [r('read usage defensively \\(getattr\\(chunk, "usage", None\\)\\) or from a non-streamed call'), '读取 usage 时做好判空（getattr(chunk, "usage", None)），或从非流式调用读取'],
  [
    r('use response_format \\{"type": "json_object"\\} with the schema and the word "json" in the prompt, and validate the result'),
    '改用 response_format {"type": "json_object"}，在提示词中写明 schema 和 "json" 一词，并校验结果',
  ],
  [r('added (?<f>\\w+: \\{[^}]*\\}): (?<msg>.+)'), '已添加 {f}：{msg}'],
  [r('added (?<f>\\w+=\\d+): (?<msg>.+)'), '已添加 {f}：{msg}'],
  [r('added (?<f>\\S+(?: = |: )\\S+): (?<msg>.+)'), '已添加 {f}：{msg}'],
  [r('(?<fn>\\w+) sends response_format, which (?<p>.+) does not accept \\((?<why>.+)\\)'), '{fn} 会发送 response_format，而 {p} 不接受该参数（{why}）'],
  [
    r('(?<fn>\\w+) with a schema: (?<pkg>\\S+) sends JSON mode without the schema for (?<p>.+) \\(structured outputs are not documented\\)'),
    '带 schema 的 {fn}：{pkg} 对 {p} 只发送 JSON 模式，不带 schema（未写明支持结构化输出）',
  ],
  [r('describe the JSON shape in the prompt and validate the result \\(the schema still parses it\\)'), '在提示词中描述 JSON 结构并校验结果（schema 仍会用于解析）'],
  [r('(?<fn>\\w+): (?<p>.+) does not document usage on streamed responses through (?<pkg>\\S+); usage may be empty'), '{fn}：{p} 没有说明通过 {pkg} 的流式响应会返回 usage；usage 可能为空'],
  [r('count tokens another way, or read usage from a non-streamed call'), '改用其他方式统计 token，或从非流式调用读取 usage'],
  [
    r(`${P} returns the model's thinking inside the text \\(<think>\\.\\.\\.</think>\\) unless (?<f>\\S+: \\S+) is in the request body; (?<pkg>\\S+) does not send it`),
    '除非请求体中带有 {f}，否则 {p} 会把模型的思考过程放在文本中（<think>...</think>）；{pkg} 不会发送它',
  ],
  [
    r('send (?<f>\\S+: \\S+) with each request \\(a provider option your AI SDK version passes into the body\\), or strip the <think> block from the text'),
    '每个请求都发送 {f}（用你的 AI SDK 版本会写入请求体的 provider 选项），或从文本中去掉 <think> 块',
  ],
  [r(`${P} returns the model's thinking inside content \\(<think>\\.\\.\\.</think>\\) unless it is sent`), '{p} 会把模型的思考过程放在 content 中（<think>...</think>），除非发送该参数'],
  [r('extra_body is built at run time; (?<msg>.+)'), 'extra_body 在运行时构建；{msg}'],
  [r('add "(?<f>\\w+)": (?<v>\\w+) to it'), '请在其中加入 "{f}": {v}'],
  [r('(?<name>\\w+) changed from (?<from>.+?) to (?<to>.+?): (?<msg>.+)'), '{name} 已从 {from} 改为 {to}：{msg}'],
  [
    r('the messages carry image parts; (?<t>\\S+) takes no images, (?<v>\\S+) does(?<rest>; the model id .+)?'),
    (g) =>
      `消息中带有图片；${g.t} 不接受图片，${g.v} 接受${g.rest ? g.rest.replace(/^; the model id (\S+) is defined elsewhere \(another module\), where it is mapped to (\S+)$/, '；模型 id $1 定义在其他模块中，在那里被映射为 $2') : ''}`,
  ],
  [r('the messages carry audio parts; (?<t>\\S+) takes no audio'), '消息中带有音频；{t} 不接受音频'],
  [
    r(`the messages carry file parts \\(type "file" / "input_file"\\); ${P} does not document file parts on its OpenAI-compatible chat API, so (?<t>\\S+) may reject them or ignore the file`),
    '消息中带有文件内容（type "file" / "input_file"）；{p} 的 OpenAI 兼容对话接口没有说明支持文件内容，{t} 可能拒绝请求或忽略文件',
  ],
  [r("extract the file's text and send it in the message, or use the provider's own file API if it has one"), '先提取文件中的文字并放进消息，或使用服务商自己的文件 API（如果有）'],
  [
    r(`the messages carry audio parts \\(input_audio\\); ${P} has no chat model that takes audio, so (?<t>\\S+) will reject them`),
    '消息中带有音频（input_audio）；{p} 没有接受音频的对话模型，{t} 会拒绝这些请求',
  ],
  [r('transcribe the audio first, or keep this call on a service that takes audio input'), '先把音频转成文字，或让这个调用继续使用接受音频输入的服务'],
  [r(`the messages carry image parts; ${P} has no chat model that takes images on its OpenAI-compatible API`), '消息中带有图片；{p} 的 OpenAI 兼容接口没有接受图片的对话模型'],
  [r('keep this call on a service that takes images, or describe the image in text'), '让这个调用继续使用接受图片的服务，或用文字描述图片'],
  [
    r('the messages of this (?<id>\\S+) request are built at run time and this file builds image parts; (?<t>\\S+) takes no images'),
    '这个 {id} 请求的消息在运行时构建，而本文件会构建图片内容；{t} 不接受图片',
  ],
  [r('send requests that carry images to (?<v>\\S+) \\(e\\.g\\. --model (?<o>\\S+)\\)'), '带图片的请求请改用 {v}（例如 --model {o}）'],
  [r('use (?<v>\\S+) for this request \\(e\\.g\\. a separate constant, or --model (?<o>\\S+)\\)'), '这个请求请改用 {v}（例如单独定义一个常量，或使用 --model {o}）'],
  [r('the messages carry image parts and the model comes from elsewhere; requests with images need (?<v>\\S+)'), '消息中带有图片，而模型来自其他地方；带图片的请求需要 {v}'],
  [r('use (?<v>\\S+) for this request \\(or --model (?<o>\\S+)\\)'), '这个请求请改用 {v}（或使用 --model {o}）'],
  [r(`the request sends tools; ${P} serves tools only on (?<m>.+)`), '请求带有 tools；{p} 只有 {m} 支持工具调用'],
  [r('check that the answers still fit what the program expects \\((?<name>\\w+) shapes the output\\)'), '检查回答是否仍符合程序的预期（{name} 会影响输出）'],
  [r('the response now carries one choice: make n requests where the code reads choices\\[1\\] and later'), '响应现在只有一个 choice：代码读取 choices[1] 及之后的地方，请改为发 n 次请求'],
  [r('tokens are no longer biased: check the outputs logit_bias steered \\(e\\.g\\. a forced label set\\)'), 'token 不再有偏置：请检查原先由 logit_bias 控制的输出（例如限定的标签集合）'],
  [r('outputs are no longer reproducible from a seed: check tests or caches that rely on it'), '输出不再能通过 seed 复现：请检查依赖它的测试或缓存'],
  [r('check the code that relied on (?<name>\\S+)'), '检查依赖 {name} 的代码'],

  // ---- change messages: parameters, models, clients, env, HTTP, deps
  [r('removed (?<name>\\S+) \\(OpenAI/Azure only\\)'), '已删除 {name}（仅 OpenAI/Azure 使用）'],
  [r('removed (?<name>\\S+) \\(Azure deployment; the model keyword names the model\\)'), '已删除 {name}（Azure 部署名；模型由 model 参数指定）'],
  [r('removed the OpenAI base URL \\(the integration knows its endpoint\\)'), '已删除 OpenAI 的 base URL（该集成自带接口地址）'],
  [r('removed OpenAI-only client option (?<o>\\S+)'), '已删除 OpenAI 专用的客户端选项 {o}'],
  [r('removed OpenAI-only option (?<o>\\S+)'), '已删除 OpenAI 专用选项 {o}'],
  [r('removed OpenAI-only header (?<h>.+)'), '已删除 OpenAI 专用请求头 {h}'],
  [r('removed the Azure api-version query'), '已删除 Azure 的 api-version 查询参数'],
  [r('removed the Azure api-key header / api-version query \\(baseOptions\\)'), '已删除 Azure 的 api-key 请求头 / api-version 查询参数（baseOptions）'],
  [r('removed Azure AD \\(Entra ID\\) token auth: the provider uses a Bearer API key'), '已删除 Azure AD（Entra ID）令牌认证：服务商使用 Bearer API 密钥'],
  [r('remove the now-unused (?<what>\\S+) imports and credentials'), '删除不再使用的 {what} 导入和凭据'],
  [r('nothing imports it any more'), '已没有代码导入它'],
  [r('hard-coded key replaced by (?<env>\\S+) \\(move the secret out of the code\\)'), '硬编码的密钥已替换为 {env}（请把密钥移出代码）'],
  [r('(?<a>\\S+) (?<how>import|require) replaced by (?<b>.+)'), (g) => `${g.a} 的${g.how === 'import' ? '导入' : ' require '}已替换为 ${g.b}`],
  [r('message role developer -> (?<role>\\w+)'), '消息角色 developer 改为 {role}'],
  [r(`module-level client now calls ${P} \\(${URL}\\) with ${ENV}`), '模块级客户端现在调用 {p}（{url}），使用 {env}'],
  [
    r(`(?<file>\\S+) was not migrated \\(ignored by git\\): set ${ENV} there; the code no longer reads OPENAI_API_KEY \\(or run (?<cmd>\`[^\`]+\`)\\)`),
    '{file} 未迁移（被 git 忽略）：请在其中设置 {env}；代码不再读取 OPENAI_API_KEY（或运行 {cmd}）',
  ],
  [r(`client now calls ${P} \\(${URL}\\) with ${ENV}`), '客户端现在调用 {p}（{url}），使用 {env}'],
  [r(`init_chat_model now calls ${P} \\(${URL}\\) with ${ENV}, model (?<m>\\S+)`), 'init_chat_model 现在调用 {p}（{url}），使用 {env}，模型 {m}'],
  [r('init_chat_model now uses (?<m>\\S+) \\((?<pkg>\\S+)\\)'), 'init_chat_model 现在使用 {m}（{pkg}）'],
  [r(`(?<cls>\\S+) now calls ${P} \\(${URL}\\) with ${ENV}`), '{cls} 现在调用 {p}（{url}），使用 {env}'],
  [r(`(?<cls>\\S+) -> (?<to>\\S+) on ${P} \\(${URL}\\)`), '{cls} 改为 {to}，调用 {p}（{url}）'],
  [r('(?<a>\\S+) from (?<m1>\\S+) -> (?<b>\\S+) from (?<m2>\\S+)'), '{a}（{m1}）改为 {b}（{m2}）'],
  [r(`(?<a>\\S+) -> (?<b>\\S+) \\((?<pkg>\\S+)\\), ${P}'s LangChain integration`), '{a} 改为 {b}（{pkg}），即 {p} 的 LangChain 集成'],
  [
    r(`AI SDK openai provider -> (?<pkg>\\S+) \\(${P}, ${URL}, ${ENV}\\); chat models use Chat Completions`),
    'AI SDK 的 openai provider 改为 {pkg}（{p}，{url}，{env}）；对话模型使用 Chat Completions',
  ],
  [r(`createOpenAI -> (?<c>\\S+) from (?<pkg>\\S+) \\(${P}, ${URL}, ${ENV}\\)`), 'createOpenAI 改为 {pkg} 的 {c}（{p}，{url}，{env}）'],
  [r('(?<a>\\S+) -> (?<b>\\S+) from (?<pkg>\\S+)'), '{a} 改为 {b}（来自 {pkg}）'],
  [
    r(`(?<pkg>\\S+) v3 API kept and pointed at ${P}: Configuration basePath ${URL}, apiKey from ${ENV} \\(no upgrade to the v4 API\\)`),
    '保留 {pkg} 的 v3 API 并指向 {p}：Configuration 的 basePath 为 {url}，apiKey 取自 {env}（没有升级到 v4 API）',
  ],
  [
    r(`legacy openai<1 module API kept: (?<mod>\\w+)\\.api_base now points at ${P} \\(works with openai<1; the v1\\+ SDK reads \\k<mod>\\.base_url instead\\)`),
    '保留旧版 openai<1 模块 API：{mod}.api_base 现在指向 {p}（适用于 openai<1；v1+ SDK 改读 {mod}.base_url）',
  ],
  [r('(?<name>\\S+) -> (?<to>\\S+) \\(empty: the OpenAI key is not copied; its line is commented out\\)'), '{name} 改为 {to}（留空：不复制 OpenAI 密钥；原来那行已注释掉）'],
  [r('(?<name>\\S+) commented out: (?<why>.+)'), '已注释掉 {name}：{why}'],
  [r('(?<to>\\S+) is already set'), '{to} 已经设置'],
  [r(`the migrated clients use ${URL}`), '迁移后的客户端使用 {url}'],
  [r(`${P} does not use it`), '{p} 不使用它'],
  [r(`api_base: ${URL} added \\(LiteLLM openai/ route\\)`), '已添加 api_base: {url}（LiteLLM 的 openai/ 路由）'],
  [
    r('settings field (?<f>\\S+) now reads (?<to>\\S+) instead of (?<from>\\S+) \\((?<kw>\\w+)\\); its name stays, so code using it keeps working'),
    '设置字段 {f} 现在读取 {to}（原为 {from}，{kw}）；字段名不变，使用它的代码照常工作',
  ],
  [
    r('settings (?<c>\\S+) left as it is: (?<why>.+), so its OpenAI key and base URL \\((?<names>.+)\\) cannot be moved together'),
    '设置类 {c} 保持不变：{why}，因此无法同时迁移它的 OpenAI 密钥和 base URL（{names}）',
  ],
  [r(`point (?<names>.+) at the (?<key>\\S+) key and ${URL} together`), '把 {names} 一起改为使用 {key} 密钥和 {url}'],
  [
    r(`base-URL setting kept: (?<expr>\\S+) \\(settings (?<c>\\S+)\\) now reads (?<to>\\S+) instead of (?<from>\\S+), default ${URL}`),
    '保留了 base URL 设置：{expr}（设置类 {c}）现在读取 {to}（原为 {from}），默认 {url}',
  ],
  [
    r('(?<call>\\S+) -> (?<to>\\S+): the field now reads (?<v>\\S+) \\(validation_alias\\), which pydantic 2 takes under that name only'),
    '{call} 改为 {to}：该字段现在读取 {v}（validation_alias），pydantic 2 只接受这个名字',
  ],
  [r('settings field (?<f>\\S+) reads a prefixed OpenAI key variable'), '设置字段 {f} 读取的是带前缀的 OpenAI 密钥变量'],
  [r('URL (?<from>\\S+) -> (?<to>\\S+)'), 'URL {from} 改为 {to}'],
  [r('host (?<from>\\S+) -> (?<to>\\S+) \\(paths get (?<path>.+)\\)'), (g) => `主机 ${g.from} 改为 ${g.to}（路径前缀：${g.path === 'no prefix' ? '无' : g.path}）`],
  [r('hostname (?<from>\\S+) -> (?<to>\\S+)'), '主机名 {from} 改为 {to}'],
  [r('path (?<from>\\S+) -> (?<to>\\S+)'), '路径 {from} 改为 {to}'],
  [r(`(?<from>https?://\\S+) -> (?<to>\\S+) \\(${P}\\)`), '{from} 改为 {to}（{p}）'],
  [r('added (?<name>\\S+) (?<range>\\S+) to dependencies \\(a rewrite imports it\\)'), '已把 {name} {range} 加入依赖（改写后的代码导入了它）'],
  [
    r('added (?<name>\\S+) (?<range>\\S+) to dependencies \\(a rewrite imports it, matches (?<anchor>\\S+) from (?<from>.+)\\)'),
    '已把 {name} {range} 加入依赖（改写后的代码导入了它；与 {from} 中的 {anchor} 匹配）',
  ],
  [
    r('added (?<name>\\S+) (?<range>\\S+) to dependencies \\(a rewrite imports it; (?<anchor>\\S+) version not found, newest line assumed\\)'),
    '已把 {name} {range} 加入依赖（改写后的代码导入了它；未找到 {anchor} 的版本，按最新版本线处理）',
  ],
  [r('added (?<pkg>\\S+) \\(the migrated code imports it; matches (?<from>.+)\\)'), '已添加 {pkg}（迁移后的代码导入了它；与 {from} 匹配）'],
  [r('removed providerOptions\\.openai \\(read only by @ai-sdk/openai\\)'), '已删除 providerOptions.openai（只有 @ai-sdk/openai 会读取）'],
  [r('added (?<pkg>\\S+) \\(the migrated code imports it\\)'), '已添加 {pkg}（迁移后的代码导入了它）'],
  [r('added (?<line>.+)'), '已添加 {line}'],

  // ---- follow-ups: clients, keys, env, config
  [r('(?<key>.+) is an OpenAI-specific setting and now receives the (?<env>\\S+) key'), '{key} 是 OpenAI 专用的设置，现在接收的是 {env} 密钥'],
  [r('check that the tool or action reading it can call the provider, or replace it'), '确认读取它的工具或 action 能调用该服务商，否则替换它'],
  [r('a value holds an api\\.openai\\.com URL'), '某个值存放的是 api.openai.com 的 URL'],
  [r('(?<key>.+) holds an api\\.openai\\.com URL'), '{key} 存放的是 api.openai.com 的 URL'],
  [r(`use the matching ${URL} URL if the provider serves that path`), '如果服务商提供该路径，请改用 {url} 下对应的 URL'],
  [r('(?<name>\\S+) is set here: (?<why>.+)'), '此处设置了 {name}：{why}'],
  [r('remove the (?<name>\\S+) entry'), '删除 {name} 这一项'],
  [r('a literal API key was committed in (?<name>\\S+)'), '{name} 中提交了明文 API 密钥'],
  [
    r('revoke that OpenAI key; set (?<to>\\S+) (?<where>in the environment or \\.env|as a repository secret|outside the file)'),
    (g) =>
      `吊销该 OpenAI 密钥；${g.where === 'as a repository secret' ? `把 ${g.to} 设为仓库 secret` : g.where === 'outside the file' ? `在该文件之外设置 ${g.to}` : `在环境变量或 .env 中设置 ${g.to}`}`,
  ],
  [r('(?<to>\\S+) reads a Kubernetes secret that holds the OpenAI key'), '{to} 读取的 Kubernetes secret 中存放的是 OpenAI 密钥'],
  [r(`store the ${P} key in that secret \\(or point valueFrom at a new one\\)`), '把 {p} 的密钥存入该 secret（或让 valueFrom 指向新的 secret）'],
  [r('the workflow now reads the (?<to>\\S+) secret'), '工作流现在读取 {to} secret'],
  [
    r(`add a repository secret named (?<to>\\S+) with your ${P} key \\(Settings -> Secrets and variables -> Actions\\)`),
    '添加名为 {to} 的仓库 secret，值为你的 {p} 密钥（Settings -> Secrets and variables -> Actions）',
  ],
  [r('model id "(?<id>.*)" is written in a form the tool does not edit \\(escapes or a block scalar\\)'), '模型 ID "{id}" 的写法本工具不会修改（含转义或块标量）'],
  [r(`replace it with the ${P} id by hand`), '请手动替换为 {p} 的模型 ID'],
  [r('promptfoo `openai:` providers call api\\.openai\\.com'), 'promptfoo 的 `openai:` provider 会调用 api.openai.com'],
  [r('give this provider (?<cfg>`.+`)'), '为该 provider 加上 {cfg}'],
  [r('client options or base URL come from a value the tool cannot resolve'), '客户端选项或 base URL 来自本工具无法解析的值'],
  [r('(?<cls>\\S+) options or base URL come from a value the tool cannot resolve'), '{cls} 的选项或 base URL 来自本工具无法解析的值'],
  [r('(?<what>.+?) options come from a value the tool cannot resolve'), '{what} 的选项来自本工具无法解析的值'],
  [r('(?<cls>\\S+) configuration comes from a value the tool cannot resolve'), '{cls} 的 configuration 来自本工具无法解析的值'],
  [r('(?<what>.+?) comes from a value the tool cannot resolve'), '{what} 来自本工具无法解析的值'],
  [r(`make sure this client uses ${URL} and the ${ENV} key`), '请确认该客户端使用 {url} 和 {env} 密钥'],
  [r(`make sure this provider uses ${URL} and ${ENV}`), '请确认该 provider 使用 {url} 和 {env}'],
  [r(`make sure it uses ${URL} and the ${ENV} key`), '请确认它使用 {url} 和 {env} 密钥'],
  [r(`make sure it uses ${URL} and ${ENV}`), '请确认它使用 {url} 和 {env}'],
  [r(`make sure it is ${URL} with the ${ENV} key`), '请确认它是 {url}，并使用 {env} 密钥'],
  [r(`make sure it is ${URL}`), '请确认它是 {url}'],
  [r(`set its baseURL to ${URL}`), '把它的 baseURL 设为 {url}'],
  [r(`set basePath: '${URL}' and apiKey from ${ENV}`), "设置 basePath: '{url}'，并从 {env} 读取 apiKey"],
  [r('(?<cls>\\S+) is used for OpenAI and for another service in this file'), '此文件中的 {cls} 同时用于 OpenAI 和其他服务'],
  [r(`use OpenAILike with api_base=${URL} here`), '此处请改用 OpenAILike，并设置 api_base={url}'],
  [r('OpenAILike assumes a 3,900-token context window unless told'), '如果不指定，OpenAILike 假定上下文窗口为 3,900 个 token'],
  [r("set context_window= to the model's context length"), '把 context_window= 设为模型的上下文长度'],
  [r('apiKey comes from a local variable'), 'apiKey 来自局部变量'],
  [
    r('apiKey comes from (?<src>.+), an (?<az>Azure )?OpenAI key the app holds \\(a user setting or a stored value\\): this client stays on (?<where>OpenAI|Azure)'),
    (g) => `apiKey 来自 ${g.src}，这是应用自己保存的 ${g.az ? 'Azure ' : ''}OpenAI 密钥（用户设置或存储的值）：这个客户端保留在 ${g.where}`,
  ],
  [r(`to move it, make that value hold a ${P} key \\((?<key>\\S+)\\) for this client, then point it at ${URL}`), '如要迁移：先让这个值为该客户端存放 {p} 的密钥（{key}），再把它指向 {url}'],
  [r('(?<expr>.+?) left: it may be how the app fills the key of a client that stays on OpenAI \\((?<at>[^)]+)\\)'), '{expr} 保持不变：应用可能用它来填充一个仍留在 OpenAI 的客户端的密钥（{at}）'],
  [r('rename it to (?<to>\\S+) once no client reads an OpenAI key through it'), '等到没有客户端再通过它读取 OpenAI 密钥时，再改名为 {to}'],
  [
    r('(?<api>apiKey |baseURL )?reads (?<expr>.+?) itself: (?<from>.+?) \\((?<at>[^)]+)\\) stays (?<name>\\S+) for a client that stays on OpenAI'),
    (g) => `${g.api ?? ''}直接读取 ${g.expr}：${g.from}（${g.at}）仍是 ${g.name}，供仍留在 OpenAI 的客户端使用`,
  ],
  [r('(?<who>api_key|apiKey|api key|\\S+\\.api_key) comes from (?<src>.+)'), '{who} 来自 {src}'],
  [r(`make it hold a ${P} key \\(${ENV}\\)`), '请让它存放 {p} 的密钥（{env}）'],
  [r('reads (?<name>\\S+), an OpenAI setting'), '读取了 OpenAI 的设置 {name}'],
  [r(`use ${URL} \\(the migrated clients already do\\)`), '请使用 {url}（迁移后的客户端已经在用）'],
  [r('remove it: the provider does not use it'), '删除它：服务商不使用该设置'],
  [r('remove it: the migrated code does not read it'), '删除它：迁移后的代码不读取它'],
  [r(`point it at (?<base>\\S+) plus the API path \\(and the ${ENV} key\\)`), '让它指向 {base} 加上 API 路径（并使用 {env} 密钥）'],
  [r('point it at (?<to>\\S+)'), '让它改为读取 {to}'],
  [r(`(?<cls>\\S+) is a completion-style LLM \\(/completions\\); ${P} serves chat models`), '{cls} 是补全式 LLM（/completions）；{p} 提供的是对话模型'],
  [r('switch to ChatOpenAI \\(or the provider chat integration\\) and read \\.content from the result'), '改用 ChatOpenAI（或该服务商的对话集成），并从结果中读取 .content'],
  [
    r('choose (?:a model|one) and pass --model (?<id>\\S+)=<id>(?:, or keep this (?<what>call|setting) on another service)?'),
    (g) => `选择一个模型并传入 --model ${g.id}=<id>${g.what ? `，或让这个${g.what === 'call' ? '调用' : '设置'}继续使用其他服务` : ''}`,
  ],
  [r(`set a model id from ${P} \\(see (?<cmd>\`.+\`)\\)`), '设置一个 {p} 的模型 ID（见 {cmd}）'],
  [r('Azure deployment (?<d>.+) was the model; (?:it is now (?<m>\\S+)|no model is set)'), (g) => `原先用 Azure 部署 ${g.d} 作为模型；${g.m ? `现在是 ${g.m}` : '现在没有设置模型'}`],
  [r(`set the ${P} model this deployment stood for`), '设置该部署所代表的 {p} 模型'],
  [r('(?<name>\\S+) (?<id>"[^"]*"|.+) names an OpenAI engine or Azure deployment'), '{name} {id} 指的是 OpenAI 引擎或 Azure 部署'],
  [r('(?<name>\\S+) holds a multi-line value'), '{name} 的值跨多行'],
  [r('replace it with (?<to>\\S+)'), '把它替换为 {to}'],
  [r(`(?<to>\\S+) was added empty: an OpenAI key does not work with ${P}`), '已添加空的 {to}：OpenAI 的密钥不能用于 {p}'],
  [r(`paste your ${P} key into (?<to>\\S+) \\(${URL}\\), then delete the commented-out (?<name>\\S+) line`), '把你的 {p} 密钥填入 {to}（{url}），然后删除被注释掉的 {name} 那一行'],
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
