/**
 * Simplified Chinese for the rule catalogue (`src/rules/catalogue.ts`: title and
 * fix of each rule) and the error catalogue (`src/errors.ts`: cause and fix of
 * each id). Same keys as the English catalogues (test/i18n-messages.test.ts
 * compares them); `<id>` in a fix stands for the provider id as in English.
 */
export const RULES_ZH: Record<string, { title: string; fix: string }> = {
  'openai-client': { title: '调用 api.openai.com 的 OpenAI SDK 客户端', fix: '运行 `openai-migrate migrate --provider <id>`，把它指向服务商' },
  'azure-openai-client': { title: 'Azure OpenAI 客户端', fix: '运行 `openai-migrate migrate --provider <id>`，把它改成服务商的客户端' },
  'unresolved-base-url': { title: '本工具无法解析其 base URL 的客户端', fix: '确认 base URL 是服务商的地址，或加上 `openai-migrate-ignore unresolved-base-url -- <reason>`' },
  'openai-http': { title: '指向 api.openai.com 的原始 HTTP 调用或 URL', fix: '改用服务商的 base URL 和密钥' },
  'openai-env': { title: '读取 OpenAI 的环境变量', fix: '改为读取服务商的密钥变量（`openai-migrate migrate --provider <id>` 会重命名它）' },
  'openai-model': { title: 'OpenAI 模型 ID', fix: '映射到服务商的模型（`openai-migrate models --provider <id>`）' },
  'openai-only-endpoint': { title: '没有任何国内服务商提供的 API', fix: '在服务商上重建这项功能（见需人工跟进的事项），或删除它' },
  'migrate-todo': { title: 'openai-migrate 留下的人工跟进事项', fix: '按 TODO 的说明处理，然后删除该注释' },
  'openai-via-import': { title: '从检查范围之外导入的 OpenAI 客户端上的 API 调用', fix: '迁移构建该客户端的模块（`openai-migrate migrate --provider <id> <其路径>`）' },
  'openai-api-call': { title: 'OpenAI 客户端上的 API 调用', fix: '迁移客户端后，此调用随之迁移' },
  'openai-wrapper': { title: '框架中的 OpenAI 集成（LangChain、AI SDK、LlamaIndex）', fix: '运行 `openai-migrate migrate --provider <id>`' },
  'provider-unsupported': { title: '服务商不提供此功能', fix: '改用服务商提供的 API 重建此调用，或继续使用其他服务' },
  'provider-model': { title: '服务商未列出的模型 ID', fix: '使用 `openai-migrate models --provider <id>` 中的模型 ID' },
  'provider-param': { title: '服务商不接受的参数或取值', fix: '按消息所说删除该参数或修改取值' },
  'unused-suppression': { title: '没有屏蔽任何问题的 openai-migrate-ignore 注释', fix: '删除该注释（或修正其中的规则 ID）' },
  'openai-model-setting': {
    title: '按用途命名的配置项（`chat:`、`embedding:`、`FAST_LLM=`）中的 OpenAI 模型 ID',
    fix: '运行 `openai-migrate migrate --provider <id>` 进行映射，或按跟进事项的说明手动填写服务商的模型',
  },
};

/** Fallback fix of a finding whose rule the catalogue does not know (`ruleFix`). */
export const RULE_FIX_FALLBACK_ZH = '见消息说明';

export const ERRORS_ZH: Record<string, { cause: string; fix: string }> = {
  E_UNKNOWN_PROVIDER: { cause: '--provider 的值不是服务商 ID 或别名', fix: '从 `openai-migrate providers` 中选择一个 ID' },
  E_UNKNOWN_REGION: { cause: '--region 的值不是该服务商的区域', fix: '使用消息中列出的区域（或见 `openai-migrate providers`）' },
  E_NO_PROVIDER: { cause: '命令行和配置文件中都没有指定服务商', fix: '加上 --provider <id>' },
  E_BAD_MODEL_OVERRIDE: { cause: '某个 --model 参数不是 <openai-id>=<provider-id> 的形式', fix: '写成 --model gpt-4o=qwen-plus 这样' },
  E_BAD_VALUE: { cause: '某个参数或配置值不符合允许的形式（模型 ID、变量名、URL、glob、大小和文件都会在读写任何文件之前检查）', fix: '按消息给出的形式填写该参数或配置项' },
  E_UNKNOWN_MODEL: { cause: '某条 --model（或配置文件）覆盖指定的模型不在服务商配置档中', fix: '使用报错信息中列出的 ID；若是比配置档更新的模型，请加 --allow-unknown-models' },
  E_UNKNOWN_TRANSFORM: { cause: '某个 --transform 的值不是转换 ID', fix: '从 `openai-migrate transforms` 中选择 ID' },
  E_MISSING_PATH: { cause: '路径参数不存在', fix: '检查路径（相对于当前目录）' },
  E_CONFIG_MISSING: { cause: '--config 指定的文件不存在', fix: '检查路径，或去掉 --config 以使用 .openai-migrate.json' },
  E_CONFIG_INVALID: { cause: '配置文件不是有效的 JSON，或某个值的类型不对', fix: '按消息给出的位置修正' },
  E_DIRTY_TREE: { cause: '给定路径下的 git 工作区有未提交的改动', fix: '先提交或 stash，用 --dry-run 预览，或加上 --force' },
  E_NOT_IN_REPO: { cause: '某个路径不在 git 仓库中（或没有安装 git），因此无法检查未提交的工作，迁移也无法用 git 撤销', fix: '在仓库中运行，用 --dry-run 预览，或加上 --force' },
  E_OUTSIDE_ROOT: { cause: '某个路径（或其中的某个文件夹）是指向其仓库之外的符号链接；不会跟随符号链接离开目录树', fix: '如果确实要迁移那个目录树，请传入它的真实路径' },
  E_LOCKED: { cause: '另一个 openai-migrate 进程正在同一仓库中写入', fix: '等它结束；只有在确实没有进程运行时，才删除消息中提到的锁文件' },
  E_BAD_SHARD: { cause: '--shard 不是 <i>/<n> 的形式（1 <= i <= n）', fix: '写成 --shard 2/4 这样' },
  E_NOT_GIT: { cause: '--changed-since 和 --staged 需要 git 以及 git 工作区', fix: '在仓库内运行（并安装 git），或不带这两个参数检查全部文件' },
  E_GIT_REF: { cause: '--changed-since 给出的引用不是此克隆中 git 认识的提交', fix: '先获取它（git fetch origin <ref>，或在 actions/checkout 中设置 fetch-depth: 0）' },
  E_CHANGED_BASELINE: { cause: '--write-baseline 与 --changed-since 或 --staged 同时使用（基线记录的是整个项目）', fix: '先用完整检查写出基线，再把 --changed-since 与 --baseline 一起使用' },
  E_BASELINE: { cause: '--baseline 文件无法读取，或不是 openai-migrate 的基线文件', fix: '用 check --write-baseline <file> 创建它' },
  E_REPORT_FORMAT: { cause: '--report 的文件名必须以 .md 或 .json 结尾', fix: '使用 --report migration.md 或 --report migration.json' },
  E_REPORT_EXISTS: { cause: '--report 文件已存在，且不是 openai-migrate 写的', fix: '换一个文件名，或加上 --force 覆盖它' },
  E_REPORT_UNWRITABLE: { cause: '--report 文件无法写入（在迁移任何文件之前检查）', fix: '确认文件夹存在且可写，或换一个路径' },
  E_NOT_A_TTY: { cause: '--interactive 需要终端，而标准输入不是终端', fix: '在终端中运行，或改用 --dry-run / --report 审阅' },
  E_INTERACTIVE_FLAGS: { cause: '--interactive 不能与给出的其他参数同时使用', fix: '交互式审阅时去掉 --dry-run / --format json' },
  E_PARSE: { cause: '文件无法解析，因此没有修改', fix: '修正指出位置的语法错误（或用 --exclude 排除该文件）后重新运行' },
  E_READ: { cause: '无法读取该文件（或目录树中的某个文件夹）；其中的内容均未改动', fix: '检查其权限' },
  E_WRITE: { cause: '无法写入该文件（或运行期间文件在磁盘上被改动）', fix: '检查权限和剩余空间，然后重新运行' },
  E_OUTPUT_INVALID: { cause: '迁移后的文本无法解析，因此文件保持不变', fix: '请附上该文件报告此问题；在此之前请手动迁移该文件' },
  E_EDIT_CONFLICT: { cause: '此文件中有两处改写重叠，因此文件保持不变', fix: '请附上该文件报告此问题；在此之前可用 --transform 逐个运行转换' },
  E_TOO_DEEP: { cause: '文件中的表达式嵌套过深，无法安全分析（解析器或分析的递归上限），因此文件保持不变', fix: '手动迁移该文件，或拆分嵌套过深的表达式' },
  E_INTERNAL: { cause: '处理文件时发生内部错误；文件保持不变', fix: '加上 --verbose 重新运行，并报告堆栈信息' },
  W_READ_ONLY: { cause: '文件是只读的（或当前用户无法写入），因此保持不变', fix: '如需迁移，先让它可写（chmod u+w）再重新运行' },
  W_HARD_LINK: { cause: '文件有多个硬链接；改写会拆散这些链接，因此保持不变', fix: '手动迁移，或先断开链接（把文件复制覆盖自身）再重新运行' },
  W_REVIEW_SKIPPED: { cause: '该改动在 --interactive 审阅中被跳过', fix: '再次运行 migrate 重新审阅' },
  W_TOO_LARGE: { cause: '文件超过 --max-file-size', fix: '如果需要迁移，请调大 --max-file-size' },
  W_BINARY: { cause: '文件含有 NUL 字节（二进制文件）', fix: '无需处理' },
  W_NOT_UTF8: { cause: '文件不是有效的 UTF-8；重新编码会改动其他字节', fix: '如果需要迁移，请先把它转换为 UTF-8' },
  W_GENERATED: { cause: '文件看起来是压缩或生成的（行非常长）', fix: '改为迁移它的源文件' },
  W_OWN_OUTPUT: { cause: '该文件由 openai-migrate 写出（基线、JSON 报告或输出、SARIF 日志），有意列出了 OpenAI 的用法', fix: '无需处理；它永远不会被扫描' },
  W_OUTSIDE_SCOPE: { cause: '该文件在传给 migrate 的路径之外；只为跟随导入而读取，迁移本会修改它', fix: '运行后续事项中的命令（把该文件或其所在的包也迁移）' },
  W_CONFIG_SYNTAX: { cause: '提到 OpenAI 的 JSON、YAML 或 TOML 文件无法解析（常见于模板，或根本不是配置文件），因此保持原样', fix: '如果应用会读取它，请修正语法（或手动迁移其中的值）' },
};
