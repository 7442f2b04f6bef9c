import type { MsgId, MsgParams } from './en.js';

/**
 * Simplified Chinese for every id of `catalog/en.ts`, with the same parameters. Identifiers,
 * paths, model ids, variable names, URLs and code in parameters are put in unchanged. The
 * helpers translate the parameters that are labels or provider-profile prose.
 */
export interface ZhHelpers {
  /** An endpoint label (`endpointLabel()`): ASCII labels keep a space on each side. */
  endpoint(label: string): string;
  /** A tier label (`tierLabel()`). */
  tier(label: string): string;
  /** A note from a provider profile (or other English prose inside a message). */
  note(text: string): string;
  /** A message-like parameter given as English text (not yet built by id): the template table. */
  prose(text: string): string;
}

type Strings<P> = { [K in keyof P]: P[K] extends string | undefined ? P[K] : P[K] };
type ZhCatalog = { [K in MsgId]: (p: Strings<MsgParams<K>>, h: ZhHelpers) => string };

const noteSuffix = (h: ZhHelpers, note?: string) => (note ? `（${h.note(note)}）` : '');

export const ZH: ZhCatalog = {
  // ---- 服务商缺少的接口（src/rules/endpoints.ts）
  'endpoint.missing': (p, h) => `${p.provider} 没有 OpenAI 兼容的${h.endpoint(p.endpoint)}接口${noteSuffix(h, p.note)}`,
  'endpoint.undocumented': (p, h) => `${p.provider} 的文档中没有 OpenAI 兼容的${h.endpoint(p.endpoint)}接口${noteSuffix(h, p.note)}`,
  'endpoint.todo.embeddings': () => '改用提供向量接口的服务（例如 qwen 的 text-embedding-v4），并重新生成已存储的向量',
  'endpoint.todo.images': () => '改用服务商的原生图像 API 或其他图像服务',
  'endpoint.todo.audio': () => '改用语音服务（例如服务商的原生 ASR/TTS API）',
  'endpoint.todo.moderations': () => '改用服务商的内容安全服务，或删除该调用',
  'endpoint.todo.responses': () => '用 chat.completions.create 重写该调用（用 messages 代替 input；读取 choices[0].message.content 而不是 output_text）',
  'endpoint.todo.assistants': () => '基于对话补全重建该流程，会话（threads）和检索用自己的存储实现',
  'endpoint.todo.files': () => '用其他方式上传文件，或删除该调用',
  'endpoint.todo.batch': () => '逐个发送请求，或使用服务商自己的批处理 API',
  'endpoint.todo.fineTuning': () => '改在服务商的控制台上微调',
  'endpoint.todo.realtime': () => '改用服务商的实时/语音 API 或流式对话',
  'endpoint.todo.completions': () => '用 chat.completions.create 重写该调用',
  'endpoint.todo.modelsList': () => '使用服务商文档中的模型列表',
  'endpoint.todo.openaiOnly': () => '把这部分放到别处继续使用 OpenAI，或删除它',
  'endpoint.todo.byHand': () => '请手动迁移此调用',
  // ---- 服务商不提供的功能
  'feature.jsonSchema': (p, h) => `${p.provider}${p.support === 'no' ? '不支持' : '的文档中没有'}结构化输出（response_format json_schema、.parse()）${noteSuffix(h, p.note)}`,
  'feature.jsonSchema.todoJsonMode': () => '改用 JSON 模式（response_format 类型 json_object），在提示词中说明 JSON 结构，并用同一个 schema 校验回复',
  'feature.jsonSchema.todoPrompt': () => '在提示词中说明 JSON 结构，并用同一个 schema 校验回复',
  'feature.imageEdits': (p, h) => `${p.provider} 的文档中没有 OpenAI 兼容的图像编辑 / 变体接口${noteSuffix(h, p.note)}`,
  'feature.imageEdits.todo': () => '图像编辑请改用服务商的原生图像 API 或其他图像服务',
  'model.noEquivalent.keepElsewhere': (p, h) => `把这个调用留在其他服务上（${p.provider} 的 OpenAI 兼容 API 没有完整提供${h.endpoint(p.endpoint)}）`,
  'model.noEquivalent.choose': (p) => `选择一个模型并传入 --model ${p.id}=<id>，或让这个调用继续使用其他服务`,
  // ---- 框架：AI SDK、分词器
  'aiSdk.responsesNowChat': (p) => `${p.call}(...) 原先使用 OpenAI Responses API，现在改用对话补全（chat completions）`,
  'aiSdk.responsesNowChat.todo': () => '把 Responses 专用的选项（previousResponseId、store、内置工具）移出 providerOptions.openai',
  'aiSdk.instanceAsValue': (p) => `${p.name} provider 实例被当作值使用（registry、配置）`,
  'aiSdk.instanceAsValue.todo': (p) => `改为在那里注册 ${p.provider} provider`,
  'aiSdk.openaiOptions': () => '只有 @ai-sdk/openai 会读取 providerOptions.openai',
  'aiSdk.openaiOptions.todo': (p) => `把 ${p.provider} 支持的选项移到 ${p.pkg} 的 providerOptions 中，其余的删除`,
  'aiSdk.openaiOptionsRemoved': (p) => `已从 providerOptions 中删除 ${p.what}：只有 @ai-sdk/openai 会读取它`,
  'aiSdk.openaiOptionsRemoved.todo': (p) => `如有需要，把 ${p.provider} 支持的设置放到 ${p.pkg} 的 providerOptions 中`,
  'aiSdk.noEmbeddings': (p) => `${p.pkg} 没有向量模型`,
  'aiSdk.noEmbeddings.todo': () => '用 @ai-sdk/openai-compatible 创建向量模型',
  'aiSdk.routedDims.todo': (p) => `在 embed/embedMany 中传入 ${p.option}，或调整向量列的维度并重新生成已存储的向量`,
  'aiSdk.completionModel': () => 'AI SDK 的补全模型不会自动迁移',
  'aiSdk.completionModel.todo': () => '改用对话模型，或用 @ai-sdk/openai-compatible 创建补全模型',
  'aiSdk.openaiOnlyFactory': (p) => `${p.call}(...) 是 OpenAI 独有的 AI SDK 工厂函数（${p.pkg} 没有对应的函数）`,
  'aiSdk.openaiOnlyFactory.todo': () => '继续用 @ai-sdk/openai 和 OpenAI 密钥，或改用提供该功能的服务',
  'tokenizer.openaiNamesOnly': (p) => `${p.fn}() 只认识 OpenAI 的模型名，遇到 ${p.provider} 的模型 ID 会抛出异常`,
  'tokenizer.openaiNamesOnly.todo': (p) => `用固定编码（o200k_base）估算 token 数，或使用 ${p.provider} 的分词器 / usage 字段`,
  // ---- 多服务商应用与测试文件
  'adapters.targetExists': (p) => `这个应用已经有 ${p.provider} 适配器（${p.at}，由 "${p.selection}" 选择），与 OpenAI 适配器并存；OpenAI 适配器保持原样`,
  'adapters.targetExists.defaultChanged': (p) => `默认提供商现在选择 "${p.selection}"（${p.at}）；在部署覆盖该设置的地方也设为同一个值`,
  'adapters.targetExists.select': (p) => `在选择提供商的配置中选择 "${p.selection}"，而不是迁移 OpenAI 适配器`,
  'adapters.oneOfSeveral': (p) => `OpenAI 是这个应用的多个适配器之一（${p.others}）：只迁移了 OpenAI 适配器，其他适配器保持原样`,
  'adapters.oneOfSeveral.todo': () => '确认应用在原先使用 OpenAI 的地方选择了迁移后的适配器',
  'adapters.defaultProvider': (p) => `默认提供商 "${p.from}" -> "${p.to}"（应用自带的 ${p.provider} 适配器）`,
  'tests.openaiIdsLeft': (p) => `测试文件中出现了迁移后代码不再使用的 OpenAI 模型 id（${p.ids}）；保持原样`,
  'tests.openaiIdsLeft.todo': () => '如果测试检查的是 OpenAI 特有的行为，就保留它们；否则随被测代码一起更新',
  // ---- Python 依赖文件
  'deps.notDeclared': (p) => `迁移后的代码导入了 ${p.pkg}，但此清单没有声明它`,
  'deps.notDeclared.todo': (p) => `把 ${p.pkg} 加入依赖`,
  'deps.unpinned': (p) => `${p.list} 已添加，但没有精确固定版本（其他行都用 == 固定）`,
  'deps.unpinned.todo': () => '请像其他依赖一样固定版本（pip-compile，或先 pip install 再 pip freeze）；openai-migrate 没有执行安装',
  'llamaIndex.needs010': (p) => `${p.pkg} 需要 llama-index 0.10 或更高版本；本项目固定了更旧的 llama-index`,
  'llamaIndex.needs010.todo': (p) => `在 llama-index 0.9 中使用 \`from llama_index.llms import OpenAILike\` 并设置 api_base=${p.url}，或升级 llama-index`,
  // ---- 笔记本：无法解析的单元格
  'notebook.cellParse': (p) => `第 ${p.n} 个单元格无法解析为 Python（${p.error}）；保持原样`,
  'notebook.cellParse.todo': () => '请手动迁移此单元格',
  // ---- 笔记本单元格中的改动
  'notebook.cellChange': (p) => `第 ${p.n} 个单元格：${p.msg}`,
  // ---- 添加的标记
  'marker.added': (p) => `已标注 ${p.api}：${p.reason}`,
  'marker.addedHere': (p) => `已标注：${p.reason}`,
  'batch.inputFile': (p) => `OpenAI 批处理输入文件：${p.reason}`,
  // ---- 能力路由（--route、配置文件的 "routes"）
  'route.badForm': (p) => `${p.where} 的格式应为 <能力>=<服务商>[:<模型>]，实际为 ${p.value}（例如 embeddings=qwen:text-embedding-v4）`,
  'route.unknownCapability': (p) => `${p.where} ${p.spec}：未知的能力 "${p.capability}"。可用的能力：${p.list}`,
  'route.unknownProvider': (p) => `${p.where} ${p.spec}：未知的服务商 "${p.provider}"。有效的 ID：${p.list}`,
  'route.notServed': (p) =>
    `${p.where} ${p.spec}：${p.provider} 的 OpenAI 兼容 API 不提供 ${p.capability}（配置档案：${p.support}）。${p.serving ? `提供该能力的服务商：${p.serving}` : '没有任何服务商配置档案提供该能力'}`,
  'route.unknownModel': (p) => `${p.where} ${p.spec}："${p.model}" 不是配置档案中的 ${p.provider} 模型（截至 ${p.asOf}）。${p.provider} 的 ${p.capability} 模型：${p.list}`,
  'route.twice': (p) => `${p.where} ${p.spec}：${p.capability} 被路由了两次`,
  'keys.noOpenAIClient': (p) => `代码读取了 ${p.name}，但项目中没有任何代码向 OpenAI 发送请求（没有 OpenAI SDK、适配器或 URL）：它配置的是另一个服务，名称保持不变`,
  'keys.noOpenAIClient.todo': (p) => `如果要替换的正是那个服务，请手动把它指向服务商并使用其密钥；否则 ${p.name} 无需处理`,
  'env.keyKeptForCode': (p) => `已声明 ${p.to}；保留 ${p.from}：仍留在 OpenAI 上的代码还在读取它`,
  'env.keptForCode': (p) => `保留 ${p.name}：仍留在 OpenAI 上的代码还在读取它`,
  'env.keptForCode.todo': (p) => `在旁边加上 ${p.to}，填入你的 ${p.provider} 密钥：迁移后的代码读取的是它`,
  // ---- scan/check --provider 的评估：migrate 会做什么
  'assess.join': (p) => `${p.msg}；${p.msg2}`,
  'assess.followUp': (p) => `需人工跟进：${p.reason}`,
  'assess.maps': (p, h) => `${p.model} 映射为 ${p.to}（${h.tier(p.tier)}）`,
  'assess.noTierModel': (p, h) => `保持不变：${p.provider} 没有${h.tier(p.tier)}模型（请传入 --model ${p.model}=<id>）`,
  'assess.leftAsIs': () => '保持不变',
  'assess.callFollows': () => '保留；该调用随其客户端一起迁到服务商',
  'assess.addsMarker': (p) => `添加 TODO(openai-migrate) 标记：${p.reason}；${p.action}`,
  'assess.checkBaseUrl': (p) => `保持不变；请确认它使用 ${p.url}`,
  'assess.pointsClient': (p) => `把客户端指向 ${p.url}，使用 ${p.env}`,
  'assess.renamed': (p) => `${p.from} 改为 ${p.to}`,
  'assess.clientGetsUrl': (p) => `保持不变；客户端会使用 ${p.url}`,
  'assess.httpByHand': (p) => `保持不变：请手动把它发往 ${p.url}，并使用 ${p.env}`,
  'assess.nothingTodo': () => '不做处理：这是需人工跟进的事项',
  'assess.nothingOnProvider': () => '不做处理：代码已经在用该服务商；请手动修复',
  'assess.rewritten': () => '已为服务商改写',
};
