/**
 * English messages of the analysis and the transforms, keyed by id (`msg(id, params)` in
 * src/i18n/msg.ts builds them). Each entry is a function of its parameters: the types make an
 * unknown id or a missing parameter a compile error, and `catalog/zh.ts` must have the same ids
 * with the same parameters (a missing Chinese entry is a compile error too; test/i18n-msg.test.ts
 * checks it again at run time). Ids are `<area>.<what>`; areas follow the source that writes them.
 *
 * The English text is what JSON, SARIF and the code markers carry; the id goes next to it.
 *
 * Parameters named `reason`, `action`, `msg` or `why` (a trailing digit allowed) hold another
 * message: a `msg()` (translated by its id) or English text not yet built by id (translated by the
 * template table in src/i18n/messages.ts). Other parameters are copied into the translation.
 */
const noteSuffix = (note?: string) => (note ? ` (${note})` : '');

export const EN = {
  // ---- endpoints a provider lacks (src/rules/endpoints.ts)
  'endpoint.missing': (p: { provider: string; endpoint: string; note?: string }) => `${p.provider} has no OpenAI-compatible ${p.endpoint} endpoint${noteSuffix(p.note)}`,
  'endpoint.undocumented': (p: { provider: string; endpoint: string; note?: string }) => `${p.provider} does not document an OpenAI-compatible ${p.endpoint} endpoint${noteSuffix(p.note)}`,
  'endpoint.todo.embeddings': () => 'use an embedding service that has it (for example qwen text-embedding-v4) and re-embed stored vectors',
  'endpoint.todo.images': () => "use the provider's native image API or another image service",
  'endpoint.todo.audio': () => "use a speech service (for example the provider's native ASR/TTS API)",
  'endpoint.todo.moderations': () => "use the provider's content-safety service or remove the call",
  'endpoint.todo.responses': () => 'rewrite the call with chat.completions.create (messages instead of input; read choices[0].message.content instead of output_text)',
  'endpoint.todo.assistants': () => 'rebuild the flow on chat completions with your own storage for threads and retrieval',
  'endpoint.todo.files': () => 'upload files another way or drop the call',
  'endpoint.todo.batch': () => "send the requests one by one or use the provider's own batch API",
  'endpoint.todo.fineTuning': () => "fine-tune on the provider's console instead",
  'endpoint.todo.realtime': () => "use the provider's realtime/voice API or chat streaming",
  'endpoint.todo.completions': () => 'rewrite the call with chat.completions.create',
  'endpoint.todo.modelsList': () => "use the provider's model list from its docs",
  'endpoint.todo.openaiOnly': () => 'keep this part on OpenAI elsewhere or remove it',
  'endpoint.todo.byHand': () => 'migrate this call by hand',
  // ---- features a provider does not serve (src/rules/endpoints.ts featureGap, noEquivalentAction)
  'feature.jsonSchema': (p: { provider: string; support: 'no' | 'unknown'; note?: string }) =>
    `${p.provider} ${p.support === 'no' ? 'does not support' : 'does not document'} structured outputs (response_format json_schema, .parse())${noteSuffix(p.note)}`,
  'feature.jsonSchema.todoJsonMode': () => 'use JSON mode (response_format type json_object), describe the JSON shape in the prompt and validate the reply against the same schema',
  'feature.jsonSchema.todoPrompt': () => 'describe the JSON shape in the prompt and validate the reply against the same schema',
  'feature.imageEdits': (p: { provider: string; note?: string }) => `${p.provider} does not document an OpenAI-compatible image edit / variation endpoint${noteSuffix(p.note)}`,
  'feature.imageEdits.todo': () => "use the provider's native image API or another image service for edits",
  'model.noEquivalent.keepElsewhere': (p: { provider: string; endpoint: string }) =>
    `keep this call on another service (${p.provider} does not fully serve ${p.endpoint} on its OpenAI-compatible API)`,
  'model.noEquivalent.choose': (p: { id: string }) => `choose a model and pass --model ${p.id}=<id>, or keep this call on another service`,
  // ---- frameworks: AI SDK (transforms/js/wrappers/replace-ai-sdk-openai.ts), tokenizers (mark-model-bound-code.ts)
  'aiSdk.responsesNowChat': (p: { call: string }) => `${p.call}(...) used the OpenAI Responses API; it now uses chat completions`,
  'aiSdk.responsesNowChat.todo': () => 'move Responses-only options (previousResponseId, store, built-in tools) out of providerOptions.openai',
  'aiSdk.instanceAsValue': (p: { name: string }) => `the ${p.name} provider instance is used as a value (registry, config)`,
  'aiSdk.instanceAsValue.todo': (p: { provider: string }) => `register the ${p.provider} provider there instead`,
  'aiSdk.openaiOptions': () => 'providerOptions.openai is read only by @ai-sdk/openai',
  'aiSdk.openaiOptions.todo': (p: { provider: string; pkg: string }) => `move the options that ${p.provider} supports to providerOptions of ${p.pkg}, drop the rest`,
  'aiSdk.openaiOptionsRemoved': (p: { what: string }) => `removed ${p.what} from providerOptions: only @ai-sdk/openai reads it`,
  'aiSdk.openaiOptionsRemoved.todo': (p: { provider: string; pkg: string }) => `set what ${p.provider} supports under providerOptions of ${p.pkg}, if anything`,
  'aiSdk.noEmbeddings': (p: { pkg: string }) => `${p.pkg} has no embedding models`,
  'aiSdk.noEmbeddings.todo': () => 'create the embedding model with @ai-sdk/openai-compatible',
  'aiSdk.routedDims.todo': (p: { option: string }) => `pass ${p.option} to embed/embedMany, or resize the vector column and re-embed stored vectors`,
  'aiSdk.completionModel': () => 'AI SDK completion models are not migrated automatically',
  'aiSdk.completionModel.todo': () => 'use a chat model, or create a completion model with @ai-sdk/openai-compatible',
  'aiSdk.openaiOnlyFactory': (p: { call: string; pkg: string }) => `${p.call}(...) is an OpenAI-only AI SDK factory (${p.pkg} has no equivalent)`,
  'aiSdk.openaiOnlyFactory.todo': () => 'keep it on @ai-sdk/openai with an OpenAI key, or use a service that offers it',
  'tokenizer.openaiNamesOnly': (p: { fn: string; provider: string }) => `${p.fn}() knows only OpenAI model names and throws for ${p.provider} ids`,
  'tokenizer.openaiNamesOnly.todo': (p: { provider: string }) => `count tokens with a fixed encoding (o200k_base) as an estimate, or with ${p.provider}'s tokenizer / usage fields`,
  // ---- multi-provider apps (src/lang/js/process.ts, src/lang/python/process.ts) and test files (map-model-ids)
  'adapters.targetExists': (p: { provider: string; at: string; selection: string }) =>
    `this app already has a ${p.provider} adapter (${p.at}, selected by "${p.selection}") next to the OpenAI one; the OpenAI adapter was left as it is`,
  'adapters.targetExists.defaultChanged': (p: { selection: string; at: string }) =>
    `the default provider now selects "${p.selection}" (${p.at}); set the same value wherever the deployment overrides it`,
  'adapters.targetExists.select': (p: { selection: string }) => `select "${p.selection}" in the configuration that chooses the provider instead of migrating the OpenAI adapter`,
  'adapters.oneOfSeveral': (p: { others: string }) => `OpenAI is one adapter of several in this app (${p.others}): only the OpenAI adapter was migrated, the others were left as they are`,
  'adapters.oneOfSeveral.todo': () => 'check that the app selects the migrated adapter where it used OpenAI',
  'adapters.defaultProvider': (p: { from: string; to: string; provider: string }) => `default provider "${p.from}" -> "${p.to}" (the app's own ${p.provider} adapter)`,
  'tests.openaiIdsLeft': (p: { ids: string }) => `test file names OpenAI model ids the migrated code does not use (${p.ids}); left as they are`,
  'tests.openaiIdsLeft.todo': () => 'keep them if the test checks OpenAI-only behaviour, or update them with the code they exercise',
  // ---- Python dependency files (src/lang/python/deps.ts, transforms/python/migrate-llamaindex.ts)
  'deps.notDeclared': (p: { pkg: string }) => `the migrated code imports ${p.pkg}, which this manifest does not declare`,
  'deps.notDeclared.todo': (p: { pkg: string }) => `add ${p.pkg} to the dependencies`,
  'deps.unpinned': (p: { list: string }) => `${p.list} added without an exact pin (the other lines pin with ==)`,
  'deps.unpinned.todo': () => 'pin them like the rest (pip-compile, or pip install then pip freeze); openai-migrate ran no install',
  'llamaIndex.needs010': (p: { pkg: string }) => `${p.pkg} needs llama-index 0.10 or newer; this project pins an older llama-index`,
  'llamaIndex.needs010.todo': (p: { url: string }) => `in llama-index 0.9 use \`from llama_index.llms import OpenAILike\` with api_base=${p.url}, or upgrade llama-index`,
  // ---- notebooks (src/lang/python/notebook.ts): a cell that does not parse, a change inside a cell
  'notebook.cellParse': (p: { n: number; error: string }) => `cell ${p.n} does not parse as Python (${p.error}); left as is`,
  'notebook.cellParse.todo': () => 'migrate this cell by hand',
  'notebook.cellChange': (p: { n: number; msg: string }) => `cell ${p.n}: ${p.msg}`,
  // ---- markers added (transforms/*/mark-unsupported-endpoints.ts, raw HTTP, wrappers)
  'marker.added': (p: { api: string; reason: string }) => `marked ${p.api}: ${p.reason}`,
  'marker.addedHere': (p: { reason: string }) => `marked: ${p.reason}`,
  'batch.inputFile': (p: { reason: string }) => `OpenAI batch input file: ${p.reason}`,
  // ---- capability routes (src/routing/index.ts parseRoutes; thrown as E_BAD_VALUE before any file is read)
  'route.badForm': (p: { where: string; value: string }) => `${p.where} expects <capability>=<provider>[:<model>], got ${p.value} (for example embeddings=qwen:text-embedding-v4)`,
  'route.unknownCapability': (p: { where: string; spec: string; capability: string; list: string }) => `${p.where} ${p.spec}: unknown capability "${p.capability}". Capabilities: ${p.list}`,
  'route.unknownProvider': (p: { where: string; spec: string; provider: string; list: string }) => `${p.where} ${p.spec}: unknown provider "${p.provider}". Valid ids: ${p.list}`,
  'route.notServed': (p: { where: string; spec: string; provider: string; capability: string; support: string; serving: string }) =>
    `${p.where} ${p.spec}: ${p.provider} does not serve ${p.capability} on its OpenAI-compatible API (profile: ${p.support}). ${p.serving ? `Providers that do: ${p.serving}` : 'No provider profile serves it'}`,
  'route.unknownModel': (p: { where: string; spec: string; model: string; provider: string; asOf: string; capability: string; list: string }) =>
    `${p.where} ${p.spec}: "${p.model}" is not a ${p.provider} model in the profile (as of ${p.asOf}). ${p.provider} ${p.capability} models: ${p.list}`,
  'route.twice': (p: { where: string; spec: string; capability: string }) => `${p.where} ${p.spec}: ${p.capability} is routed twice`,
  // ---- env files that follow the code's reads (transforms/env/rename-key-var.ts, src/rules/env-reads.ts)
  'keys.noOpenAIClient': (p: { name: string }) =>
    `${p.name} is read, but no code of the project sends requests to OpenAI (no OpenAI SDK, adapter or URL): it configures another service and keeps its name`,
  'keys.noOpenAIClient.todo': (p: { name: string }) => `if that service is the one to replace, point it at the provider and its key by hand; otherwise nothing to do for ${p.name}`,
  'env.keyKeptForCode': (p: { from: string; to: string }) => `${p.to} declared; ${p.from} kept: code that stays on OpenAI still reads it`,
  'env.keptForCode': (p: { name: string }) => `${p.name} is kept: code that stays on OpenAI still reads it`,
  'env.keptForCode.todo': (p: { to: string; provider: string }) => `add ${p.to} with your ${p.provider} key next to it: the migrated code reads that one`,
  // ---- scan/check --provider assessments (src/check/assess.ts): what migrate would do
  'assess.join': (p: { msg: string; msg2: string }) => `${p.msg}; ${p.msg2}`,
  'assess.followUp': (p: { reason: string }) => `follow-up: ${p.reason}`,
  'assess.maps': (p: { model: string; to: string; tier: string }) => `${p.model} maps to ${p.to} (${p.tier})`,
  'assess.noTierModel': (p: { provider: string; tier: string; model: string }) => `left as is: ${p.provider} has no ${p.tier} model (pass --model ${p.model}=<id>)`,
  'assess.leftAsIs': () => 'left as is',
  'assess.callFollows': () => 'kept; the call follows its client to the provider',
  'assess.addsMarker': (p: { reason: string; action: string }) => `adds a TODO(openai-migrate) marker: ${p.reason}; ${p.action}`,
  'assess.checkBaseUrl': (p: { url: string }) => `left as is; make sure it uses ${p.url}`,
  'assess.pointsClient': (p: { url: string; env: string }) => `points the client at ${p.url} with ${p.env}`,
  'assess.renamed': (p: { from: string; to: string }) => `${p.from} -> ${p.to}`,
  'assess.clientGetsUrl': (p: { url: string }) => `left as is; the client gets ${p.url}`,
  'assess.httpByHand': (p: { url: string; env: string }) => `left as is: send it to ${p.url} with ${p.env} by hand`,
  'assess.nothingTodo': () => 'nothing: this is a manual follow-up',
  'assess.nothingOnProvider': () => 'nothing: the code is already on the provider; fix it by hand',
  'assess.rewritten': () => 'rewritten for the provider',
} satisfies Record<string, (p: never) => string>;

export type MsgId = keyof typeof EN;
/** The parameters of a message (`{}` for one without). */
export type MsgParams<K extends MsgId> = Parameters<(typeof EN)[K]> extends [infer P] ? P : Record<never, never>;
