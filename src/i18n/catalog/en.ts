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
/** The end of an install follow-up (src/lang/deps/handler.ts): the lock file to bring back in sync, if any. */
const noInstall = (p: { lock?: string; ci?: string }) =>
  p.lock ? ` This also brings ${p.lock} back in sync (\`${p.ci ?? ''}\` fails until then); openai-migrate ran no install.` : ' openai-migrate ran no install.';

export const EN = {
  // ---- endpoints a provider lacks (src/rules/endpoints.ts)
  'endpoint.missing': (p: { provider: string; endpoint: string; note?: string }) => `${p.provider} has no OpenAI-compatible ${p.endpoint} endpoint${noteSuffix(p.note)}`,
  'endpoint.openaiOnly': (p: { provider: string }) => `this is an OpenAI-only API: ${p.provider} and the other providers have no equivalent`,
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
  'model.noEquivalent.chooseSetting': (p: { id: string }) => `choose a model and pass --model ${p.id}=<id>, or keep this setting on another service`,
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
  'aiSdk.openaiOnlyFactory.keptInstance': (p: { name: string }) =>
    `it stays on OpenAI through ${p.name} (@ai-sdk/openai, key from OPENAI_API_KEY, without the original instance's organization / project options); keep that key set, or use a service that offers it`,
  'aiSdk.objectResponseFormat': (p: { fn: string; provider: string; reason: string }) => `${p.fn} sends response_format, which ${p.provider} does not accept (${p.reason})`,
  'aiSdk.objectResponseFormat.todo': () => 'ask for the JSON shape in the prompt with generateText and parse the reply with the same schema',
  'aiSdk.schemaDropped': (p: { fn: string; pkg: string; provider: string }) =>
    `${p.fn} with a schema: ${p.pkg} sends JSON mode without the schema for ${p.provider} (structured outputs are not documented)`,
  'aiSdk.schemaDropped.todo': () => 'describe the JSON shape in the prompt and validate the result (the schema still parses it)',
  'aiSdk.thinkingInText': (p: { provider: string; field: string; pkg: string }) =>
    `${p.provider} returns the model's thinking inside the text (<think>...</think>) unless ${p.field} is in the request body; ${p.pkg} does not send it`,
  'aiSdk.thinkingInText.todo': (p: { field: string }) => `send ${p.field} with each request (a provider option your AI SDK version passes into the body), or strip the <think> block from the text`,
  'aiSdk.streamUsage': (p: { fn: string; provider: string; pkg: string }) => `${p.fn}: ${p.provider} does not document usage on streamed responses through ${p.pkg}; usage may be empty`,
  'aiSdk.streamUsage.todo': () => 'count tokens another way, or read usage from a non-streamed call',
  'tokenizer.openaiNamesOnly': (p: { fn: string; provider: string }) => `${p.fn}() knows only OpenAI model names and throws for ${p.provider} ids`,
  'tokenizer.openaiNamesOnly.todo': (p: { provider: string }) => `count tokens with a fixed encoding (o200k_base) as an estimate, or with ${p.provider}'s tokenizer / usage fields`,
  'model.closedType': (p: { id: string; type: string; provider: string }) =>
    `'${p.id}' is declared as ${p.type}, a closed list of OpenAI model ids: no ${p.provider} model id fits there (a type error), so it is left as it is`,
  'model.closedType.todo': (p: { provider: string }) =>
    `if this value is only for the tokenizer or a lookup, nothing to do; if a request sends it, give the request its own string-typed constant with the ${p.provider} model id`,
  'model.closedTypeRequest': (p: { id: string; type: string; provider: string }) =>
    `'${p.id}' is declared as ${p.type}, a closed list of OpenAI model ids, and also sent as a request's model: no ${p.provider} model id fits there (a type error), so the requests still send '${p.id}'`,
  'model.closedTypeRequest.todo': (p: { provider: string }) =>
    `give the requests their own string-typed constant with the ${p.provider} model id and keep this one for what needs the OpenAI name (the tokenizer)`,
  // ---- multi-provider apps (src/lang/js/process.ts, src/lang/python/process.ts) and test files (map-model-ids)
  'adapters.targetExists': (p: { provider: string; at: string; selection: string }) =>
    `this app already has an adapter for ${p.provider} (${p.at}, selected by "${p.selection}") next to the OpenAI one; the OpenAI adapter was left as it is`,
  'adapters.targetExists.defaultChanged': (p: { selection: string; at: string }) =>
    `the default provider now selects "${p.selection}" (${p.at}); set the same value wherever the deployment overrides it`,
  'adapters.targetExists.select': (p: { selection: string }) => `select "${p.selection}" in the configuration that chooses the provider instead of migrating the OpenAI adapter`,
  'adapters.targetExists.selectBy': (p: { selection: string; by: string }) =>
    `select "${p.selection}" in the configuration that chooses the provider (the app selects it by ${p.by}) instead of migrating the OpenAI adapter`,
  'adapters.targetExists.selectByOrModel': (p: { selection: string; by: string; prefixes: string; routeAt: string }) =>
    `select "${p.selection}" in the configuration that chooses the provider (the app selects it by ${p.by}), or set the model to an id starting with ${p.prefixes} (routed at ${p.routeAt}), instead of migrating the OpenAI adapter`,
  'python.ambiguousImport': (p: { module: string; files: string }) =>
    `import of ${p.module}: several modules of the repository answer to this name, none nearer to this file (${p.files}); nothing was followed through it`,
  'python.ambiguousImport.todo': () => "check which module this import reaches when the app runs; if it builds an OpenAI request, migrate that module by hand or run the tool on this app's folder",
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
  'client.moduleConfigKept': (p: { mod: string; cls: string }) =>
    `${p.mod}.api_key / ${p.mod}.base_url left on OpenAI: llama-index 0.9's ${p.cls} reads them and stays on OpenAI (0.9 has no provider-neutral ${p.cls})`,
  'client.moduleConfigKept.todo': (p: { provider: string }) =>
    `keep the OpenAI key here while ${p.provider} serves the migrated LLM through its own api_base and api_key, or upgrade llama-index to 0.10+ and migrate again`,
  'llamaIndex.needs010': (p: { pkg: string }) => `${p.pkg} needs llama-index 0.10 or newer; this project pins an older llama-index`,
  'llamaIndex.needs010.todo': (p: { url: string }) => `in llama-index 0.9 use \`from llama_index.llms import OpenAILike\` with api_base=${p.url}, or upgrade llama-index`,
  'llamaIndex.needs010.todoEmbedding': () =>
    'llama-index 0.9 has no provider-neutral OpenAIEmbedding (it accepts OpenAI models only): keep it on OpenAI, use a local embed_model, or upgrade llama-index to 0.10+ and migrate again',
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
  // ---- request parameters (src/rules/params.ts): reasons, and the changes, follow-ups and lint findings built from them
  'rule.cited': (p: { msg: string; url: string }) => `${p.msg} (source: ${p.url})`,
  'param.thinkingUnknown': (p: { label: string; name: string; on?: string; off: string; field: string }) =>
    `${p.label} accepts only ${p.name} = ${p.on ?? 'its default'} with thinking on and ${p.off} with it off; this call's ${p.field} is computed at run time`,
  'param.thinkingUnknown.todo': (p: { name: string; on?: string; off: string }) => `send ${p.name} ${p.on ?? ''} with thinking on and ${p.off} with it off, or leave ${p.name} out`,
  'param.fixedWhenOff': (p: { label: string; name: string; value: string; field: string }) => `${p.label} accepts only ${p.name} = ${p.value} with ${p.field} off`,
  'param.fixed': (p: { label: string; name: string; value: string }) => `${p.label} accepts only ${p.name} = ${p.value}`,
  'param.modelRejects': (p: { label: string; name: string; note: string }) => `${p.label} rejects ${p.name} (${p.note})`,
  'param.noReasoningEffort': (p: { provider: string; note: string }) => `${p.provider} has no reasoning_effort parameter: ${p.note}`,
  'param.notDocumented': (p: { provider: string }) => `${p.provider} does not accept or document it`,
  'param.reasoningEffortValues': (p: { provider: string; values: string }) => `${p.provider} accepts reasoning_effort ${p.values}`,
  'param.alreadySet': (p: { provider: string; to: string }) => `${p.provider} reads ${p.to}, which the request already sets`,
  'param.readsInstead': (p: { provider: string; to: string; name: string }) => `${p.provider} reads ${p.to} instead of ${p.name}`,
  'param.readsInsteadExtra': (p: { provider: string; to: string; name: string }) => `${p.provider} reads ${p.to} instead of ${p.name}; send ${p.to} as an extra body field if you need it`,
  'param.rejectsValue': (p: { provider: string; name: string; value: string }) => `${p.provider} rejects ${p.name}: "${p.value}"`,
  'param.rejectsValue.todo': (p: { name: string }) => `use another ${p.name} value`,
  'param.range': (p: { provider: string; name: string; range: string }) => `${p.provider} accepts ${p.name} in ${p.range}`,
  'param.rangeRuntime': (p: { name: string; provider: string; range: string }) => `${p.name} is computed at run time and ${p.provider} accepts only ${p.range}`,
  'param.rangeRuntime.todo': (p: { range: string }) => `keep the value in ${p.range}`,
  'param.fromConstant': (p: { reason: string; from: string }) => `${p.reason} (the value comes from ${p.from})`,
  'param.oneBranch': (p: { reason: string; name: string }) => `${p.reason} (one branch of ${p.name})`,
  'param.usedAs': (p: { reason: string; name: string }) => `${p.reason}; the value is used as ${p.name} of a request`,
  'param.azureOnly': () => 'OpenAI/Azure only',
  'param.modelAlreadySet': () => 'the call already sets model',
  'param.removed': (p: { name: string; reason: string }) => `removed ${p.name}: ${p.reason}`,
  'param.renamed': (p: { name: string; to: string; reason: string }) => `${p.name} -> ${p.to}: ${p.reason}`,
  'param.engineToModel': (p: { name: string }) => `${p.name} -> model (providers read model)`,
  'param.clamped': (p: { name: string; from: string; to: string; reason: string }) => `${p.name}: ${p.from} -> ${p.to} (${p.reason})`,
  'param.changed': (p: { name: string; from?: string; to: string; reason: string }) => `${p.name} changed from ${p.from ?? 'its value'} to ${p.to}: ${p.reason}`,
  'param.changed.todo': (p: { name: string }) => `check that the answers still fit what the program expects (${p.name} shapes the output)`,
  'param.removed.todo': (p: { name: string }) => `check the code that relied on ${p.name}`,
  'param.removed.todoN': () => 'the response now carries one choice: make n requests where the code reads choices[1] and later',
  'param.removed.todoLogitBias': () => 'tokens are no longer biased: check the outputs logit_bias steered (e.g. a forced label set)',
  'param.removed.todoSeed': () => 'outputs are no longer reproducible from a seed: check tests or caches that rely on it',
  'param.lint.remove': (p: { name: string; reason: string }) => `${p.name}: ${p.reason}; remove it`,
  'param.lint.rename': (p: { name: string; reason: string }) => `${p.name}: ${p.reason}; rename it`,
  'param.lint.use': (p: { name: string; reason: string; value: string }) => `${p.name}: ${p.reason}; use ${p.value}`,
  'param.lint.followUp': (p: { name: string; reason: string; action: string }) => `${p.name}: ${p.reason}; ${p.action}`,
  // ---- env files that follow the code's reads (transforms/env/rename-key-var.ts, src/rules/env-reads.ts)
  'keys.noOpenAIClient': (p: { name: string }) =>
    `${p.name} is read, but no code of the project sends requests to OpenAI (no OpenAI SDK, adapter or URL): it configures another service and keeps its name`,
  'keys.noOpenAIClient.todo': (p: { name: string }) => `if that service is the one to replace, point it at the provider and its key by hand; otherwise nothing to do for ${p.name}`,
  'keys.noMigratedClient': (p: { name: string }) =>
    `${p.name} is read, but this run moves no OpenAI client to the provider (their hosts are unresolved, or they stay on OpenAI or Azure): it keeps its name, with the clients that read it`,
  'keys.noMigratedClientInApp': (p: { name: string; app: string }) =>
    `${p.name} is read, but nothing in this app (${p.app}) moves to the provider (no OpenAI client the tool migrates; CrewAI, litellm, DSPy or pixeltable call OpenAI with this key themselves): it keeps its name`,
  'keys.noMigratedClientInApp.todo': (p: { env: string; url: string }) =>
    `to move this app too, configure its library for the provider (CrewAI / litellm: a model id with the provider's prefix and its key, or base_url ${p.url}) and read ${p.env} in the same change`,
  'env.libraryModel': (p: { name: string; id: string }) =>
    `${p.name}=${p.id} is read by CrewAI's default LLM, which calls OpenAI with OPENAI_API_KEY (and OPENAI_API_BASE / OPENAI_BASE_URL): left as it is, with its key line`,
  'env.libraryModel.todo': (p: { name: string; env: string; url: string }) =>
    `to move CrewAI's default LLM, change the model, base URL and key together (for example ${p.name}=openai/<provider model id>, OPENAI_API_BASE=${p.url} and the ${p.env} value in OPENAI_API_KEY), or give each Agent an LLM(...) with them`,
  'model.appNotMigrated': (p: { ids: string; app: string }) =>
    `model ids left as written (${p.ids}): nothing in this app (${p.app}) moves to the provider, so they reach code that stays on OpenAI (CrewAI, litellm, another library)`,
  'model.appNotMigrated.todo': () => `change them together with that code's endpoint and key, if you move it`,
  'env.splitModel': (p: { name: string }) =>
    `${p.name} is read by code moved to the provider and by code that stays on OpenAI (its default there is still an OpenAI id): it was given the provider's id, which that code now sends to OpenAI`,
  'env.splitModel.todo': (p: { name: string; id: string }) =>
    `give the code that stays on OpenAI its own variable (for example OPENAI_${p.name.replace(/^OPENAI_/, '')}_KEPT=${p.id}), or move that code too`,
  'keys.noMigratedClientHere': (p: { name: string }) =>
    `${p.name} is read, but no OpenAI client or request of this module moves to the provider (hosts unresolved, kept on OpenAI or Azure, or an endpoint the provider lacks): it keeps its name, with them`,
  'keys.noMigratedClient.todo': (p: { url: string; env: string }) => `when you point a client at ${p.url}, give it the ${p.env} key in the same change`,
  'model.envDefaultLeft': (p: { name: string; id: string }) =>
    `${p.name} defaults to ${p.id}, handed on to code the tool cannot follow (a config dict, another module's constructor): it was left as it is`,
  'model.envDefaultLeft.todo': (p: { provider: string; to: string }) => `if it reaches a request to the provider, use a ${p.provider} model id (for example ${p.to}) here or in the environment`,
  'env.childProcess': (p: { name: string }) =>
    `${p.name} is handed to another program (an MCP server, a subprocess): it reads its own variables and calls its own service, so this environment was left as it is`,
  'env.childProcess.todo': () => 'if that program calls OpenAI, point it at the provider in its own configuration',
  'keys.classField': (p: { name: string }) =>
    `${p.name} names a field of the app's own settings class (filled by the app): renamed in one place, the field and its other reads would no longer match, so it keeps its name`,
  'keys.classField.todo': (p: { name: string; provider: string; to: string }) =>
    `to move the client that reads it, put the ${p.provider} key in ${p.name}, or rename the field to ${p.to} everywhere in one change`,
  'http.bareHostOnly': (p: { at: string }) =>
    `the project reaches OpenAI only through the bare host at ${p.at}; the path is appended, and the key sent, where the tool cannot follow them, so nothing of the project was changed (its key and model ids stay OpenAI's)`,
  'http.bareHostOnly.todo': (p: { url: string; env: string }) => `make the request go to ${p.url}/... (host and path together) with ${p.env} as its key, and choose provider model ids`,
  'http.bareHostStays': (p: { origin: string }) => `${p.origin} stays: its path is appended, and the key sent, where the tool cannot follow them`,
  'http.bareHostStays.todo': (p: { to: string; env: string }) => `make the request go to ${p.to} (host and path together) with ${p.env} as its key`,
  'http.hostStays': (p: { provider: string }) => `this OpenAI host stays: every path joined to it is an API ${p.provider} does not serve`,
  'http.hostStays.todo': () => 'keep these requests on OpenAI with an OpenAI key, or remove them',
  'http.classKeyStays': (p: { cls: string }) =>
    `${p.cls} holds an OpenAI key field the app fills itself: its OpenAI URL and model ids stay with that key (moved alone, the OpenAI key would go to the provider)`,
  'http.classKeyStays.todo': (p: { provider: string; url: string }) => `to move it, in one change: put the ${p.provider} key in that field, set the URL to ${p.url} and use ${p.provider} model ids`,
  'wrapper.initChatRuntime': (p: { expr: string }) => `init_chat_model's model comes from ${p.expr} at run time: the tool cannot resolve which provider it calls, so it and its key stay as they are`,
  'wrapper.initChatRuntime.todo': (p: { provider: string; id: string; url: string; env: string }) =>
    `if it names an OpenAI model, use a ${p.provider} model id instead (openai-migrate models --provider ${p.id}) with base_url=${p.url} and the ${p.env} key`,
  'client.appHeldKey': (p: { from: string }) =>
    `api_key comes from ${p.from}, an OpenAI key the app holds (a value the user enters, a user setting, a stored value or a request header): this client stays on OpenAI, its model ids too`,
  'client.appHeldKey.todo': (p: { provider: string; env: string; url: string }) =>
    `to move it, make that value hold the ${p.provider} key (${p.env}) for this client, then give it base_url=${p.url} and ${p.provider} model ids`,
  'client.opaque': (p: { at: string; key: string }) =>
    `the OpenAI client at ${p.at} is built from a constructor the code takes from the \`openai\` module at run time and casts to its own type: the tool cannot give it a base URL, so nothing of the project was changed (its key ${p.key}, the code that checks it and the model ids stay OpenAI's)`,
  'client.opaque.todo': (p: { url: string; env: string; provider: string }) =>
    `to move it, add \`baseURL: "${p.url}"\` to its options (and to the constructor type it is cast to), read ${p.env} there and wherever the app checks the OpenAI key, and choose ${p.provider} model ids for its calls`,
  'client.thirdParty': (p: { at: string; key: string; pkg: string }) =>
    `the OpenAI client at ${p.at} comes from the \`${p.pkg}\` package, which the tool does not rewrite: nothing of the project was changed (its key ${p.key}, the code that checks it and the model ids stay OpenAI's)`,
  'client.thirdParty.todo': (p: { url: string; env: string; provider: string; base: string; model: string }) =>
    `to move it, give it \`${p.base}: "${p.url}"\`, read ${p.env} as its apiKey and wherever the app checks the OpenAI key, and set ${p.model} to one of ${p.provider}'s model ids (or move the code to the \`openai\` SDK and run the tool again)`,
  'client.thirdPartyMixed': (p: { pkg: string }) => `this OpenAI client comes from the \`${p.pkg}\` package, which the tool does not rewrite: left as it is, with its OpenAI key`,
  'client.thirdPartyMixed.todo': (p: { url: string; env: string; base: string; model: string }) =>
    `give it \`${p.base}: "${p.url}"\`, read ${p.env} as its apiKey, and set ${p.model} to a provider model id`,
  'client.opaqueMixed': () => "this OpenAI client is built from a constructor taken from the `openai` module at run time and cast to the app's own type: left as it is, with its OpenAI key",
  'client.opaqueMixed.todo': (p: { url: string; env: string }) => `add \`baseURL: "${p.url}"\` to its options and its constructor type, and read ${p.env} there`,
  'azure.appHeldKey': (p: { from: string }) => `Azure OpenAI client left on Azure: api_key comes from ${p.from}, an Azure OpenAI key the app holds (a user setting or a stored value)`,
  'azure.appHeldKey.todo': (p: { provider: string; env: string; url: string }) =>
    `to move them, make that value hold the ${p.provider} key (${p.env}), then point the clients at ${p.url} with ${p.provider} model ids`,
  'azure.keyNotMovable': (p: { from: string; provider: string }) =>
    `Azure OpenAI client left on Azure: its key comes from ${p.from}, which the tool cannot point at a ${p.provider} key (moved, it would send the Azure key to ${p.provider})`,
  'client.sharedKeySetting': (p: { field: string; provider: string }) =>
    `client left as it is: its key comes from the settings field ${p.field}, which a client staying on OpenAI or Azure also reads (renamed, that client would get the ${p.provider} key)`,
  'client.sharedKeySetting.todo': (p: { provider: string; env: string; url: string }) =>
    `give this client its own key setting that reads ${p.env} (a new settings field, or the environment), then point it at ${p.url} with ${p.provider} model ids`,
  'client.modelFromCheckedList': (p: { name: string; list: string; ids: string; provider: string }) =>
    `client left on OpenAI: its requests take ${p.name}, which the function checks against ${p.list}; the OpenAI ids there (${p.ids}) would reach ${p.provider} unchanged`,
  'client.modelFromCheckedList.todo': (p: { list: string; provider: string; url: string; env: string }) =>
    `to move it, add ${p.provider} model ids to ${p.list} for this branch, then point the client at ${p.url} with the ${p.env} key`,
  'client.keyOwnRead': (p: { from: string; env: string }) => `api_key reads ${p.env} itself: ${p.from} keeps the OpenAI key for a client that stays on OpenAI`,
  'env.baseUrlRead.todo': (p: { url: string }) => `if this value reaches a client moved to the provider, use ${p.url} there; a client that stays on OpenAI keeps it`,
  'env.keyKeptForCode': (p: { from: string; to: string }) => `${p.to} declared; ${p.from} kept: code that stays on OpenAI still reads it`,
  // ---- thinking switches (src/rules/thinking.ts, requestRules.thinking)
  'thinking.notStreaming': (p: { models: string; provider: string; error: string }) => `${p.models} thinks by default and ${p.provider} answers a non-streaming call with ${p.error}`,
  'thinking.computedStream': (p: { reason: string }) => `${p.reason}; this call's stream flag is computed at run time`,
  'thinking.computedModel': (p: { reason: string }) => `${p.reason}; this call's model is computed at run time`,
  'thinking.computedField': (p: { reason: string; field: string }) => `${p.reason}; this call's ${p.field} is computed at run time`,
  'thinking.turnsOn': (p: { reason: string }) => `${p.reason}; this call turns thinking on`,
  'thinking.notStreaming.todo': (p: { sw: string }) => `send ${p.sw} on calls that do not stream`,
  'thinking.streamOrSend': (p: { sw: string }) => `stream the call or send ${p.sw}`,
  'thinking.oldNonThinking': (p: { old: string; model: string; sw: string }) => `${p.old} was the non-thinking mode of ${p.model}; the same model now thinks unless ${p.sw} is sent`,
  'thinking.useWith': (p: { model: string; sw: string }) => `use ${p.model} with ${p.sw}`,
  'thinking.lint.send': (p: { reason: string; sw: string }) => `${p.reason}; send ${p.sw}`,
  'thinking.inContent': (p: { provider: string }) => `${p.provider} returns the model's thinking inside content (<think>...</think>) unless it is sent`,
  // ---- fields added to a request (transforms/*/adjust-request-params.ts)
  'param.added': (p: { field: string; reason: string }) => `added ${p.field}: ${p.reason}`,
  'param.extraBodyRuntime': (p: { reason: string }) => `extra_body is built at run time; ${p.reason}`,
  'param.extraBodyRuntime.todo': (p: { field: string; value: string }) => `add "${p.field}": ${p.value} to it`,
  // ---- tool loops on thinking models (requestRules.reasoningRoundTrip)
  'roundTrip.added': (p: { field: string; provider: string; error: string }) =>
    `added ${p.field} to the rebuilt assistant message: ${p.provider} answers ${p.error} on the next turn of a tool loop without it`,
  'roundTrip.undocumented': (p: { provider: string }) =>
    `an assistant message with tool_calls is rebuilt by hand; ${p.provider} does not document whether its reasoning text must be sent back on the next turn`,
  'roundTrip.undocumented.todo': () => 'test a two-turn tool loop; if the provider answers 400, send the message back as returned',
  'roundTrip.wholeMessage': (p: { provider: string }) => `an assistant message with tool_calls is rebuilt by hand; ${p.provider} wants the whole assistant message back on the next turn`,
  'roundTrip.wholeMessage.todo': (p: { source?: string }) => `push the returned message itself${p.source ? ` (${p.source})` : ''} instead of a copy`,
  'roundTrip.missingField': (p: { field: string; provider: string; error: string }) =>
    `an assistant message with tool_calls is rebuilt by hand without ${p.field}; ${p.provider} answers ${p.error} on the next turn`,
  'roundTrip.missingField.todo': (p: { field: string }) => `add ${p.field} from the returned message`,
  // ---- embeddings (src/rules/embeddings.ts)
  'embeddings.dimsDefault': (p: { target: string; dims: number; openai: string; openaiDims: number }) =>
    `${p.target} returns ${p.dims}-dimension vectors by default, ${p.openai} returned ${p.openaiDims}`,
  'embeddings.dimsDiffer': (p: { target: string; dims: number; openai: string; openaiDims: number }) =>
    `${p.target} returns ${p.dims}-dimension vectors, ${p.openai} returned ${p.openaiDims}; a store sized for ${p.openaiDims} rejects them`,
  'embeddings.storeDefault': (p: { target: string; dims: number; width: number; what: string }) =>
    `${p.target} returns ${p.dims}-dimension vectors by default, the vector store here expects ${p.width} (${p.what})`,
  'embeddings.storeDiffer': (p: { target: string; dims: number; width: number; what: string }) =>
    `${p.target} returns ${p.dims}-dimension vectors, the vector store here expects ${p.width} (${p.what}); a store sized for ${p.width} rejects them`,
  'embeddings.dimsDiffer.todo': () => 'resize the vector column or index and re-embed stored vectors',
  'embeddings.dimsRejected': (p: { target: string; accepted: string; dims: number }) => `${p.target} accepts dimensions ${p.accepted}, not ${p.dims}`,
  'embeddings.dimsRejected.todo': () => 'choose an accepted width, resize the vector column or index and re-embed stored vectors',
  'embeddings.maxInputs': (p: { target: string; max: number; sent?: number }) =>
    `${p.target} takes at most ${p.max} inputs per request${p.sent === undefined ? '; this input is built at run time' : `; this request sends ${p.sent}`}`,
  'embeddings.maxInputs.todo': (p: { max: number }) => `send the inputs in batches of ${p.max}`,
  // ---- response shapes (json_schema, usage on streamed chunks)
  'shape.jsonSchema': (p: { provider: string; support: string; note?: string }) =>
    `response_format json_schema: ${p.provider} ${p.support === 'no' ? 'rejects it' : p.support === 'partial' ? 'serves it on some models only' : 'does not document it'}${noteSuffix(p.note)}`,
  'shape.jsonSchemaParse': (p: { reason: string }) => `${p.reason}; chat.completions.parse() depends on it`,
  'shape.jsonSchema.todoJs': () => 'use response_format { type: "json_object" } with the schema and the word "json" in the prompt, and validate the result',
  'shape.jsonSchema.todoPy': () => 'use response_format {"type": "json_object"} with the schema and the word "json" in the prompt, and validate the result',
  'shape.jsonSchema.todoPrompt': () => 'describe the JSON shape in the prompt and validate the result',
  'shape.streamUsageJs': (p: { provider: string }) => `stream_options.include_usage: ${p.provider} does not document usage on the last streamed chunk; chunk.usage may be undefined`,
  'shape.streamUsageJs.todo': () => 'read usage defensively (chunk.usage?.total_tokens) or from a non-streamed call',
  'shape.streamUsagePy': (p: { provider: string }) => `stream_options include_usage: ${p.provider} does not document usage on the last streamed chunk; chunk.usage may be None`,
  'shape.streamUsagePy.todo': () => 'read usage defensively (getattr(chunk, "usage", None)) or from a non-streamed call',
  'shape.jsonMode': (p: { provider: string; word: string }) => `${p.provider} does not document response_format json_schema; its JSON mode needs the word "${p.word}" in the prompt`,
  'shape.jsonModeRewrite': (p: { reason: string }) => `response_format json_schema -> json_object with the schema in a system message: ${p.reason}`,
  'shape.jsonModeUnenforced': (p: { provider: string }) =>
    `response_format json_schema was replaced by JSON mode (json_object) with the schema in a system message; ${p.provider} does not enforce the schema`,
  'shape.jsonModeUnenforced.todo': () => 'validate the reply against the same schema',
  'env.keptForCode': (p: { name: string }) => `${p.name} is kept: code that stays on OpenAI still reads it`,
  'env.keptForCode.todo': (p: { to: string; provider: string }) => `add ${p.to} with your ${p.provider} key next to it: the migrated code reads that one`,
  // ---- model ids (transforms/*/map-model-ids.ts, src/rules/content.ts, the wrappers and config files)
  'model.mapped': (p: { from: string; to: string; tier: string }) => `${p.from} -> ${p.to} (${p.tier})`,
  'model.langchainDefault': (p: { from: string; to: string; tier: string }) => `no model given (LangChain sends ${p.from}): model=${p.to} added (${p.tier})`,
  'model.mappedFor': (p: { from: string; to: string; reason: string }) => `${p.from} -> ${p.to} (${p.reason})`,
  'model.embeddingChanged': (p: { from: string; to: string }) => `embedding model changed (${p.from} -> ${p.to}): vectors differ in values and possibly dimensions`,
  'model.embeddingChanged.todo': () => 're-embed stored vectors and check the index dimension',
  'model.lookupTable': () => 'a list of OpenAI model names used as a lookup table (capabilities, prices...) was left as it is',
  'model.lookupTable.todo': (p: { provider: string }) => `add the ${p.provider} model ids this code should treat the same way`,
  'model.unresolvedHost': (p: { ids: string }) => `model ids sent through a client whose host the tool cannot resolve were left (${p.ids})`,
  'model.unresolvedHost.todo': (p: { provider: string }) => `if this client is moved to ${p.provider}, replace them with its model ids`,
  'model.fineTuned': (p: { id: string }) => `fine-tuned OpenAI model ${p.id} cannot be mapped`,
  'model.noTierModel': (p: { provider: string; tier: string; id: string }) => `${p.provider} has no ${p.tier} model to replace ${p.id}`,
  'model.azureFlagDefault': (p: { ids: string; fn: string; flag: string }) =>
    `the default model of ${p.fn}(...) is left as written: ${p.ids} also reaches its Azure OpenAI client whenever ${p.flag} is set (there it names a deployment)`,
  'model.azureFlagDefault.todo': (p: { provider: string; flag: string }) =>
    `give the branch that builds the OpenAI client a ${p.provider} model id of its own (or pass one from each caller with ${p.flag} off)`,
  'model.azureFlag': (p: { ids: string; call: string }) =>
    `model ids passed to a call that picks an Azure OpenAI client by a flag (${p.call}) are left as written: ${p.ids} (there they name Azure deployments)`,
  'model.azureFlag.todo': (p: { provider: string }) => `if that call's client moves to ${p.provider} (the flag off, or its Azure branch migrated), give it a ${p.provider} model id`,
  'model.fromConstructor': (p: { expr: string; cls: string }) =>
    `this request's model is ${p.expr}, set by ${p.cls}'s constructor: the ids its callers pass were not followed and may still be OpenAI's`,
  'model.fromConstructor.todo': (p: { cls: string; provider: string; id: string }) =>
    `make every ${p.cls}(...) pass a ${p.provider} model id (openai-migrate models --provider ${p.id}), or the variable it reads hold one`,
  'model.dynamic': () => 'model id is built at run time from an OpenAI name',
  'model.dynamic.todo': (p: { provider: string }) => `build a ${p.provider} model id instead`,
  'model.branches': () => 'code branches on an OpenAI model name; after migration the model ids differ',
  'model.branches.todo': () => 'update the condition for the provider model ids',
  'model.azureDeployment': (p: { name: string }) => `Azure deployment name "${p.name}" used as the model`,
  'model.azureDeploymentExpr': (p: { expr: string }) => `Azure deployment name ${p.expr} used as the model`,
  'model.azureDeployment.todo': (p: { provider: string; id: string }) => `set a ${p.provider} model id (see \`openai-migrate models --provider ${p.id}\`)`,
  'model.lookupTable.todoFile': (p: { provider: string }) => `add the ${p.provider} model ids this file should treat the same way`,
  'model.chooseOne': (p: { id: string }) => `choose one and pass --model ${p.id}=<id>, or keep this call on another service`,
  'model.chooseAndPass': (p: { id: string }) => `choose a model and pass --model ${p.id}=<id>`,
  'model.checkServes': (p: { provider: string; note: string; id: string }) =>
    `keep this call on another service, or check that ${p.provider} serves it (${p.note}) before passing --model ${p.id}=<id>`,
  'content.audio': (p: { target: string }) => `the messages carry audio parts; ${p.target} takes no audio`,
  'content.audioNone': (p: { provider: string; target: string }) => `the messages carry audio parts (input_audio); ${p.provider} has no chat model that takes audio, so ${p.target} will reject them`,
  'content.audioNone.todo': () => 'transcribe the audio first, or keep this call on a service that takes audio input',
  'content.image': (p: { target: string; vision: string }) => `the messages carry image parts; ${p.target} takes no images, ${p.vision} does`,
  'content.imageNone': (p: { provider: string }) => `the messages carry image parts; ${p.provider} has no chat model that takes images on its OpenAI-compatible API`,
  'content.imageNone.todo': () => 'keep this call on a service that takes images, or describe the image in text',
  'content.imageRuntime': (p: { id: string; target: string }) => `the messages of this ${p.id} request are built at run time and this file builds image parts; ${p.target} takes no images`,
  'content.imageRuntime.todo': (p: { vision: string; id: string }) => `send requests that carry images to ${p.vision} (e.g. --model ${p.id}=${p.vision})`,
  'content.imageElsewhere': (p: { vision: string }) => `the messages carry image parts and the model comes from elsewhere; requests with images need ${p.vision}`,
  'content.imageElsewhere.todo': (p: { vision: string }) => `use ${p.vision} for this request (or --model <openai id>=${p.vision})`,
  'content.tools': (p: { provider: string; models: string }) => `the request sends tools; ${p.provider} serves tools only on ${p.models}`,
  'content.file': (p: { provider: string; target: string }) =>
    `the messages carry file parts (type "file" / "input_file"); ${p.provider} does not document file parts on its OpenAI-compatible chat API, so ${p.target} may reject them or ignore the file`,
  'content.file.todo': () => "extract the file's text and send it in the message, or use the provider's own file API if it has one",
  'content.definedElsewhere': (p: { reason: string; id: string; target: string }) => `${p.reason}; the model id ${p.id} is defined elsewhere (another module), where it is mapped to ${p.target}`,
  'content.definedElsewhere.todo': (p: { model: string; id: string }) => `use ${p.model} for this request (e.g. a separate constant, or --model ${p.id}=${p.model})`,
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
  // ==== msgs-b: routing, kept clients, raw HTTP, config values (src/lang/*/routing.ts, client-plan.ts, transforms/*/route-capability-calls.ts, retarget-raw-http.ts, src/lang/config/common.ts)
  'route.notMoved': (p: { call: string; provider: string; why: string }) => `${p.call} is routed to ${p.provider} (--route) but was not moved: ${p.why}`,
  'route.notMoved.todo': (p: { url: string; key: string }) => `call it on a client for ${p.url} with the ${p.key} key`,
  'route.why.notClientVar': () => 'the call is not made on a client variable of this file',
  'route.why.azure': () => 'the client is an Azure OpenAI client',
  'route.why.notTopLevel': () => 'the client is not built at the top level of the module',
  'route.why.otherScope': () => 'the client comes from a parameter or another scope',
  'route.why.openaiModule': () => 'the call is made on the openai module',
  'route.why.instanceExists': () => 'the file already creates an instance of that package',
  'route.keyDeclared': (p: { key: string; cap: string; provider: string }) => `${p.key} declared for ${p.cap} (--route ${p.cap}=${p.provider})`,
  'route.keyAddedEmpty': (p: { key: string; cap: string }) => `${p.key} was added empty for ${p.cap} (--route)`,
  'route.keyAddedEmpty.todo': (p: { provider: string; to: string; url: string }) => `paste your ${p.provider} key into ${p.to} (${p.url})`,
  'clientKept.onlyUnserved': (p: { provider: string }) => `this client is only used for APIs ${p.provider} does not serve`,
  'clientKept.onlyUnserved.todo': () => 'it stays on OpenAI with its OpenAI key for now: move those calls to another service, then migrate or remove the client',
  'clientKept.baseUrlOverride': (p: { from: string; to: string; url: string }) => `base-URL override kept: ${p.from} -> ${p.to} (default ${p.url})`,
  'azure.deploymentNotModel': (p: { list: string; provider: string }) =>
    `Azure OpenAI client left on Azure: deployment ${p.list} is not an OpenAI model id, so the ${p.provider} model cannot be chosen`,
  'azure.deploymentNotModel.todo': (p: { overrides: string; provider: string; id: string }) =>
    `rerun with ${p.overrides} (a ${p.provider} model, see \`openai-migrate models --provider ${p.id}\`) to migrate it, or keep it on Azure`,
  'azure.noEquivalent': (p: { provider: string; list: string }) => `Azure OpenAI client left on Azure: ${p.provider} has no equivalent for ${p.list}`,
  'azure.noEquivalent.todo': () => 'keep it on Azure, or move these calls to a service that serves them',
  'azure.runtimeDeployment': (p: { list: string; provider: string }) =>
    `Azure OpenAI client left on Azure: its calls name the deployment at run time (${p.list}), so the ${p.provider} model cannot be chosen`,
  'azure.runtimeDeployment.todo': (p: { url: string; key: string; provider: string }) =>
    `keep it on Azure, or move it by hand: the OpenAI class with ${p.url}, the ${p.key} key and one of ${p.provider}'s model ids instead of the deployment name`,
  'azure.realtime': (p: { provider: string }) => `Azure OpenAI client left on Azure: it serves the Realtime API, which ${p.provider} does not offer`,
  'azure.realtime.todo': () => "keep it on Azure, or move the voice feature to the provider's realtime/voice API",
  'env.readByKeptClient': (p: { name: string }) => `${p.name} is read by a client that stays as it is (host not resolved, or another service)`,
  'env.readByKeptClient.todo': (p: { to: string }) => `leave it until that client moves; then rename it to ${p.to} together with its base URL`,
  'env.readForOpenAIRequest': (p: { name: string; at: string }) => `reads ${p.name} for a request that stays on OpenAI (${p.at})`,
  'env.readForOpenAIRequest.todo': () => 'it keeps its OpenAI key: move that request to a service that serves it, then change the key with it',
  'http.openaiDefaultLeft': () => 'OpenAI URL left: it is the default of a base-URL setting that a client staying as it is reads',
  'http.openaiDefaultLeft.todo': () => 'leave it until that client moves; then use the provider base URL there and here',
  'http.baseKeptForBlockedPaths': (p: { provider: string; paths: string }) =>
    `OpenAI base URL left: every path joined to it (${p.paths}) is an endpoint ${p.provider} does not serve, and the requests send an OpenAI key`,
  'http.baseKeptForBlockedPaths.todo': () => 'keep these requests on OpenAI, or move them to a service that has the endpoint (see the markers where the paths are joined)',
  'http.noV1Base': () => 'URL aimed at the OpenAI API without the /v1 base',
  'http.unresolvedPath': (p: { origin: string }) => `URL built from ${p.origin} and a path the tool cannot resolve`,
  'http.unresolvedPath.todo': (p: { to: string; provider: string; path: string }) => `make the request go to ${p.to} (${p.provider}'s OpenAI-compatible path is ${p.path}, not /v1)`,
  'http.pathJoinedElsewhere': (p: { rest: string; to: string }) => `path /v1${p.rest} -> ${p.to} (joined to an OpenAI host defined in another module)`,
  'http.pathJoinedHostOnly': (p: { rest: string; to: string }) => `path /v1${p.rest} -> ${p.to} (joined to a host-only OpenAI base)`,
  'config.azureModelSetting': (p: { key: string }) => `${p.key} is an Azure OpenAI setting: it stays with the Azure client it configures`,
  'config.azureModelSetting.todo': (p: { provider: string }) => `if that client moves to ${p.provider}, set a ${p.provider} model id here`,
  'config.prefixRoutesOpenAI': (p: { prefix: string; value: string }) => `"${p.prefix}" in "${p.value}" routes the request to OpenAI`,
  'config.prefixRoutesOpenAI.todo': (p: { provider: string; url: string }) => `use the ${p.provider} route of the tool that reads this value (or point its OpenAI base URL at ${p.url})`,
  // ==== msgs-b: dependency files (src/lang/deps/handler.ts, src/lang/python/deps.ts)
  'deps.noRelease': (p: { name: string; anchor: string; from: string }) => `the migrated code imports ${p.name}, but no ${p.name} release works with ${p.anchor} (from ${p.from}); it was not added`,
  'deps.noRelease.todo': (p: { anchor: string; name: string; fits: string }) =>
    `upgrade ${p.anchor} (${p.name} exists for ${p.fits}), then add ${p.name}; or keep the OpenAI-compatible setup for this file`,
  'deps.declared': (p: { list: string }) => `new dependencies declared: ${p.list}`,
  'deps.removed': (p: { list: string }) => `dependencies removed from package.json: ${p.list}`,
  'deps.install': (p: { cmd: string; lock?: string; ci?: string }) => `install them: ${p.cmd}.${noInstall(p)}`,
  'deps.sync': (p: { cmd: string; lock?: string; ci?: string }) => `run ${p.cmd}.${noInstall(p)}`,
  'deps.notAdded': (p: { pkg: string; why: string }) => `the migrated code imports ${p.pkg}, but ${p.why}; it was not added`,
  'deps.why.langchainCore': (p: { from: string }) => `langchain-deepseek needs langchain-core 0.3 or newer; this project has ${p.from}`,
  'deps.why.llamaIndex': (p: { pkg: string; from: string }) => `${p.pkg} exists for llama-index 0.10 and newer; this project has ${p.from}`,
  'deps.fix.langchainCore': () => 'upgrade LangChain to 0.3+ (then switch to ChatDeepSeek), or keep ChatOpenAI with base_url',
  'deps.fix.llamaIndex': () => 'in llama-index 0.9 use `from llama_index.llms import OpenAILike`, or upgrade to 0.10+',
  // ==== msgs-b: scan/check findings (src/lang/*/detect.ts, src/lang/*/outside.ts, src/lang/js/wrappers/detect.ts, src/check/suppress.ts)
  'find.clientNoBaseUrl': () => 'OpenAI client without a provider base URL: requests go to api.openai.com',
  'find.azureClient': () => 'Azure OpenAI client: requests go to Azure OpenAI',
  'find.unresolvedBaseUrl': () => 'client base URL comes from a value the tool cannot resolve',
  'find.legacyModuleClient': () => 'legacy openai<1 module client: requests go to OpenAI',
  'find.moduleClient': () => 'module-level openai client: requests go to OpenAI',
  'find.aiSdkCreate': () => 'AI SDK createOpenAI provider: requests go to OpenAI',
  'find.requestsGo': (p: { what: string; to: string }) => `${p.what}: requests go to ${p.to}`,
  'find.noProviderServes': (p: { api: string }) => `${p.api}: no supported provider serves this API`,
  'find.outsideClientCall': (p: { api: string; spec: string; file: string }) =>
    `${p.api} on an OpenAI client imported from ${p.spec} (${p.file}, outside the given paths): requests go to api.openai.com`,
  'find.outsideModel': (p: { id: string; file: string }) => `OpenAI model id "${p.id}" (defined in ${p.file}, outside the given paths)`,
  'find.apiCall': (p: { api: string }) => `${p.api} on an OpenAI client`,
  'find.model': (p: { id: string }) => `OpenAI model id "${p.id}"`,
  'find.modelIn': (p: { id: string; name: string }) => `OpenAI model id "${p.id}" in ${p.name}`,
  'find.openaiUrl': (p: { url: string }) => `URL aimed at the OpenAI API: ${p.url}`,
  'find.envPointsAtOpenAI': (p: { name: string }) => `${p.name} points at the OpenAI API`,
  'find.reads': (p: { name: string }) => `reads ${p.name}`,
  'find.sets': (p: { name: string }) => `sets ${p.name}`,
  'find.wrapperCallsOpenAI': (p: { cls: string; mod: string }) => `${p.cls} from ${p.mod} calls OpenAI`,
  'find.initChatModel': () => 'init_chat_model with the OpenAI provider',
  'find.notServed': (p: { api: string; provider: string }) => `${p.api}: ${p.provider} does not serve this API`,
  'find.deprecatedModel': (p: { provider: string; model: string; successor?: string }) => `${p.provider} deprecated model "${p.model}"${p.successor ? `: use ${p.successor}` : ''}`,
  'find.notInCatalogue': (p: { model: string; provider: string }) => `model "${p.model}" is not in the ${p.provider} catalogue`,
  'find.suppressUnknownRule': (p: { s: string; rules: string }) => `\`${p.s}\` names an unknown rule (${p.rules}) and silences nothing`,
  'find.suppressUnused': (p: { s: string }) => `\`${p.s}\` silences no finding`,
  // ==== msgs-b: file reasons, skipped and failed files (src/engine/read.ts, finish.ts, batch.ts, handlers' parse errors)
  'file.noHandler': () => 'no handler for this file type',
  'file.tooLarge': (p: { size: number; max: number }) => `larger than --max-file-size (${p.size} > ${p.max} bytes)`,
  'file.cannotRead': (p: { code: string }) => `cannot read: ${p.code}`,
  'file.cannotReadFolder': (p: { code: string }) => `cannot read folder: ${p.code}`,
  'file.notRegular': (p: { kind: string }) => `not a regular file (${p.kind}); not read`,
  'file.binary': () => 'binary file (NUL bytes)',
  'file.ownOutput': () => 'written by openai-migrate (baseline, report or output); never scanned',
  'file.notUtf8': () => 'not valid UTF-8; left untouched (re-encoding would change bytes outside the edits)',
  'file.generated': () => 'looks minified or generated (very long lines)',
  'file.tooDeep': (p: { file: string }) => `${p.file}: nesting too deep to analyse safely (recursion limit reached); file left unchanged`,
  'file.refusedValue': (p: { file: string; value: string; syntax: string; why: string }) => `${p.file}: refused to write ${p.value} into a ${p.syntax} string: ${p.why}; file left unchanged`,
  'file.internal': (p: { error: string }) => `internal error: ${p.error}`,
  'file.internalIn': (p: { file: string; error: string }) => `internal error in ${p.file}: ${p.error}`,
  'file.syntaxError': (p: { where: string }) => `syntax error at ${p.where}`,
  'file.scriptNotClosed': (p: { where: string }) => `syntax error at ${p.where} <script> block is not closed (no </script>)`,
  'file.notebookCells': (p: { file: string; error: string }) => `syntax error in the joined code cells of ${p.file}: ${p.error}`,
  'file.envUnreadable': (p: { file: string; error: string }) => `cannot read ${p.file} as an env file (${p.error})`,
  'file.configSyntax': (p: { fmt: string; error: string }) => `does not parse as ${p.fmt} (${p.error}); left as it is`,
  'file.pkgJsonParse': (p: { file: string; error: string; pkgs: string }) => `${p.file} does not parse as JSON before any change (${p.error}); left unchanged, so ${p.pkgs} was not declared`,
  'file.pkgJsonDuplicate': (p: { file: string; n: number; key: string }) => `${p.file} has ${p.n} "${p.key}" objects (JSON parsers keep only the last one); left unchanged: merge them and run again`,
  'file.outputInvalid': (p: { error: string }) => `the migrated text would not parse (${p.error}); file left unchanged`,
  'file.hunksInvalid': (p: { error: string }) => `the accepted hunks alone would not parse (${p.error}); file left unchanged`,
  'file.reviewSkipped': () => 'skipped in interactive review',
  'file.outsideWouldChange': (p: { n: number; models?: string }) =>
    `outside the given paths, read to follow imports; the migration would change it (${p.n} edit${p.n === 1 ? '' : 's'}${p.models ? `: ${p.models}` : ''})`,
  'outside.defines': () => 'defines what the migrated files use, outside the given paths (left unchanged)',
  'outside.defines.todo': (p: { provider: string; file: string }) => `run \`openai-migrate migrate --provider ${p.provider} ${p.file}\``,
  // ==== msgs-b: renamed variables (transforms/*/rename-env-vars.ts, rename-key-var.ts, rename-key-references.ts, rename-env-block-vars.ts)
  'env.renamed': (p: { from: string; to: string }) => `${p.from} -> ${p.to}`,
  // ==== msgs-b: project graph warnings (src/project/graph.ts, tsconfig.ts, workspaces.ts)
  'graph.unresolvedImport': (p: { spec: string; file: string; why: string }) => `cannot resolve import "${p.spec}" in ${p.file}: ${p.why}; usage through it is not followed`,
  'graph.moreUnresolved': (p: { n: number }) => `... and ${p.n} more imports that cannot be resolved`,
  'graph.unmarkedUnresolved': (p: { n: number }) => `${p.n} import${p.n === 1 ? '' : 's'} in files that do not name OpenAI cannot be resolved either; usage through them is not followed`,
  'graph.extendsCycle': (p: { file: string; chain: string }) => `${p.file}: "extends" cycle (${p.chain}); the repeated config is ignored`,
  'graph.tsconfigParse': (p: { file: string; error: string }) => `${p.file} does not parse (${p.error}); its paths and baseUrl are ignored, imports through them are not followed`,
  'graph.baseUrlOutside': (p: { file: string }) => `${p.file}: baseUrl points outside the repository; ignored`,
  'graph.aliasCycle': (p: { file: string; k: string; t: string }) => `${p.file}: paths "${p.k}" -> "${p.t}" refers to another alias (a cycle); imports through it are resolved as plain paths only`,
  'graph.extendsOutside': (p: { file: string; spec: string }) => `${p.file}: "extends": "${p.spec}" points outside the repository; not read (its paths and baseUrl are ignored)`,
  'graph.extendsMissing': (p: { file: string; spec: string }) => `${p.file}: "extends": "${p.spec}" not found in the repository; its paths and baseUrl are ignored`,
  'graph.pnpmWorkspaceParse': (p: { error: string }) => `pnpm-workspace.yaml does not parse (${p.error}); its packages are not followed`,
  'graph.globNoMatch': (p: { glob: string; from: string }) => `workspace glob "${p.glob}" in ${p.from} matches no package folder`,
  'graph.globOutside': (p: { glob: string }) => `workspace glob "${p.glob}" points outside the repository; not followed`,
  'graph.symlinkPackage': (p: { dir: string }) => `workspace package ${p.dir} is a symlink; not followed (its files may be outside the repository)`,
  // ==== msgs-b: routed calls moved (transforms/*/route-capability-calls.ts, transforms/python/wrapper-kwargs.ts)
  'route.clientCreated': (p: { name: string; provider: string; url: string; key: string; label: string; main: string }) =>
    `${p.name}: a ${p.provider} client (${p.url}, ${p.key}) for ${p.label} (--route; ${p.main} does not serve ${p.label})`,
  'route.importClient': (p: { cls: string }) => `import ${p.cls} from openai for the routed client`,
  'route.moved': (p: { call: string; name: string; provider: string; cap: string; id: string; reason: string }) =>
    `${p.call} moved onto ${p.name} (${p.provider}, --route ${p.cap}=${p.id}): ${p.reason}`,
  'route.importRemoved': (p: { name: string }) => `removed the import of ${p.name}: its calls moved onto the routed client`,
  'route.keyRenamed': (p: { from: string; to: string }) => `${p.from} -> ${p.to} (--route)`,
  // ---- msgs-a (#17): config and env files (transforms/config/*, transforms/env/*, src/lang/config/model-setting.ts)
  'model.azureDeployment.todoFrom': (p: { provider: string; id: string }) => `set a model id from ${p.provider} (see \`openai-migrate models --provider ${p.id}\`)`,
  'config.baseUrlReplaced': (p: { key: string; url: string }) => `${p.key}: OpenAI base URL -> ${p.url}`,
  'config.openaiUrlValue': (p: { key?: string }) => `${p.key ?? 'a value'} holds an api.openai.com URL`,
  'config.openaiUrlValue.todo': (p: { url: string }) => `use the matching ${p.url} URL if the provider serves that path`,
  'config.litellmApiBase': (p: { url: string }) => `api_base: ${p.url} added (LiteLLM openai/ route)`,
  'config.promptfoo': () => 'promptfoo `openai:` providers call api.openai.com',
  'config.promptfoo.todo': (p: { url: string; env: string }) => `give this provider \`config: { apiBaseUrl: ${p.url}, apiKeyEnvar: ${p.env} }\``,
  'config.modelIdNotEditable': (p: { id: string }) => `model id "${p.id}" is written in a form the tool does not edit (escapes or a block scalar)`,
  'config.modelIdNotEditable.todo': (p: { provider: string }) => `replace it with the ${p.provider} id by hand`,
  'config.openaiSpecificKey': (p: { key: string; env: string }) => `\`${p.key}\` is an OpenAI-specific setting and now receives the ${p.env} key`,
  'config.openaiSpecificKey.todo': () => 'check that the tool or action reading it can call the provider, or replace it',
  'setting.wrongKind': (p: { key: string; kind: 'embeddings' | 'images' | 'speech' | 'moderation' | 'a chat model'; id: string }) => `\`${p.key}\` names ${p.kind} but holds ${p.id}: not changed`,
  'setting.wrongKind.todo': (p: { provider: string }) => `set the ${p.provider} model this setting needs`,
  'env.setHere': (p: { name: string; why: string }) => `${p.name} is set here: ${p.why}`,
  'env.setHere.todo': (p: { name: string }) => `remove the ${p.name} entry`,
  'env.commentedOut': (p: { name: string; why: string }) => `${p.name} commented out: ${p.why}`,
  'env.migratedClientsUse': (p: { url: string }) => `the migrated clients use ${p.url}`,
  'env.providerDoesNotUse': (p: { provider: string }) => `${p.provider} does not use it`,
  'env.alreadySet': (p: { to: string }) => `${p.to} is already set`,
  'env.literalKey': (p: { name: string }) => `a literal API key was committed in ${p.name}`,
  'env.literalKey.todo': (p: { to: string; where: 'compose' | 'workflow' | 'other' }) =>
    `revoke that OpenAI key; set ${p.to} ${p.where === 'compose' ? 'in the environment or .env' : p.where === 'workflow' ? 'as a repository secret' : 'outside the file'}`,
  'env.k8sSecret': (p: { to: string }) => `${p.to} reads a Kubernetes secret that holds the OpenAI key`,
  'env.k8sSecret.todo': (p: { provider: string }) => `store the ${p.provider} key in that secret (or point valueFrom at a new one)`,
  'env.workflowSecret': (p: { to: string }) => `the workflow now reads the ${p.to} secret`,
  'env.workflowSecret.todo': (p: { to: string; provider: string }) => `add a repository secret named ${p.to} with your ${p.provider} key (Settings -> Secrets and variables -> Actions)`,
  'env.multiline': (p: { name: string }) => `${p.name} holds a multi-line value`,
  'env.multiline.todoRemove': () => 'remove it: the migrated code does not read it',
  'env.multiline.todoReplace': (p: { to: string }) => `replace it with ${p.to}`,
  'env.addedEmpty': (p: { to: string; provider: string }) => `${p.to} was added empty: an OpenAI key does not work with ${p.provider}`,
  'env.addedEmpty.todo': (p: { provider: string; to: string; url: string; name?: string }) =>
    `paste your ${p.provider} key into ${p.to} (${p.url})${p.name ? `, then delete the commented-out ${p.name} line` : ''}`,
  'env.renamedEmpty': (p: { name: string; to: string }) => `${p.name} -> ${p.to} (empty: the OpenAI key is not copied; its line is commented out)`,
  // ---- msgs-a (#17): env reads and settings classes in code (transforms/{js,python}/rename-env-vars.ts, src/lang/python/settings.ts)
  'envRead.openaiSetting': (p: { name: string }) => `reads ${p.name}, an OpenAI setting`,
  'envRead.openaiSetting.todoUse': (p: { url: string }) => `use ${p.url} (the migrated clients already do)`,
  'envRead.openaiSetting.todoRemove': () => 'remove it: the provider does not use it',
  'keys.appFillsKey': (p: { expr: string; at: string }) => `${p.expr} left: it may be how the app fills the key of a client that stays on OpenAI (${p.at})`,
  'keys.appFillsKey.todo': (p: { to: string }) => `rename it to ${p.to} once no client reads an OpenAI key through it`,
  'keys.readsItself': (p: { prop?: string; expr: string; from: string; at: string; name: string }) =>
    `${p.prop ? `${p.prop} ` : ''}reads ${p.expr} itself: ${p.from} (${p.at}) stays ${p.name} for a client that stays on OpenAI`,
  'settings.fieldReads': (p: { field: string; to: string; from: string; kw: string }) =>
    `settings field ${p.field} now reads ${p.to} instead of ${p.from} (${p.kw}); its name stays, so code using it keeps working`,
  'settings.keywordRenamed': (p: { cls: string; name: string; to: string }) =>
    `${p.cls}(${p.name}=...) -> ${p.cls}(${p.to}=...): the field now reads ${p.to} (validation_alias), which pydantic 2 takes under that name only`,
  'settings.leftAsIs': (p: { cls: string; why: string; names: string }) => `settings ${p.cls} left as it is: ${p.why}, so its OpenAI key and base URL (${p.names}) cannot be moved together`,
  'settings.leftAsIs.todo': (p: { names: string; env: string; url: string }) => `point ${p.names} at the ${p.env} key and ${p.url} together`,
  'settings.blocker.prefix': () => 'its env_prefix is not a literal',
  'settings.blocker.byName': () => 'it reads fields by name as well as by alias (populate_by_name), so an alias would not stop it reading the OpenAI variables',
  'settings.blocker.envName': (p: { field: string }) => `the variable ${p.field} reads is not a literal`,
  'settings.blocker.default': (p: { field: string }) => `the default of ${p.field} is not a literal`,
  'settings.blocker.defaultUrl': (p: { field: string; url: string }) => `the default of ${p.field} is not the OpenAI API URL (${p.url})`,
  // ---- msgs-a (#17): clients and wrappers (transforms/{js,python}/retarget-*, replace-*, migrate-*, wrappers/*, src/lang/js/shared-keys.ts)
  'client.removedAzureOnly': (p: { name: string }) => `removed ${p.name} (OpenAI/Azure only)`,
  'client.removedDeployment': (p: { name: string }) => `removed ${p.name} (Azure deployment; the model keyword names the model)`,
  'client.removedBaseUrl': () => 'removed the OpenAI base URL (the integration knows its endpoint)',
  'client.removedClientOption': (p: { name: string }) => `removed OpenAI-only client option ${p.name}`,
  'client.removedOption': (p: { name: string }) => `removed OpenAI-only option ${p.name}`,
  'client.removedApiVersion': () => 'removed the Azure api-version query',
  'client.removedAzureBaseOptions': () => 'removed the Azure api-key header / api-version query (baseOptions)',
  'client.removedAzureAd': () => 'removed Azure AD (Entra ID) token auth: the provider uses a Bearer API key',
  'client.removedAzureAd.todo': (p: { pkg: string }) => `remove the now-unused ${p.pkg} imports and credentials`,
  'client.hardCodedKey': (p: { env: string }) => `hard-coded key replaced by ${p.env} (move the secret out of the code)`,
  'client.importReplaced': (p: { from: string; kind: 'import' | 'require'; to: string }) => `${p.from} ${p.kind} replaced by ${p.to}`,
  'client.roleDeveloper': (p: { role: string }) => `message role developer -> ${p.role}`,
  'client.nowCalls': (p: { provider: string; url: string; env: string }) => `client now calls ${p.provider} (${p.url}) with ${p.env}`,
  'client.moduleNowCalls': (p: { provider: string; url: string; env: string }) => `module-level client now calls ${p.provider} (${p.url}) with ${p.env}`,
  'client.legacyModuleKept': (p: { mod: string; provider: string }) =>
    `legacy openai<1 module API kept: ${p.mod}.api_base now points at ${p.provider} (works with openai<1; the v1+ SDK reads ${p.mod}.base_url instead)`,
  'client.classNowCalls': (p: { cls: string; provider: string; url: string; env: string; route?: string }) =>
    `${p.cls} now calls ${p.provider} (${p.url}) with ${p.env}${p.route ? ` (--route ${p.route})` : ''}`,
  'client.classOn': (p: { cls: string; to: string; provider: string; url: string; env?: string; route?: string }) =>
    `${p.cls} -> ${p.to} on ${p.provider} (${p.url})${p.route ? ` with ${p.env} (--route ${p.route})` : ''}`,
  'client.classFrom': (p: { cls: string; to: string; pkg: string }) => `${p.cls} -> ${p.to} from ${p.pkg}`,
  'client.importSwitched': (p: { cls: string; from: string; to: string; module: string }) => `${p.cls} from ${p.from} -> ${p.to} from ${p.module}`,
  'client.langchainIntegration': (p: { cls: string; to: string; pkg: string; provider: string }) => `${p.cls} -> ${p.to} (${p.pkg}), ${p.provider}'s LangChain integration`,
  'client.initChatModelUses': (p: { model: string; pkg: string }) => `init_chat_model now uses ${p.model} (${p.pkg})`,
  'client.initChatModelCalls': (p: { provider: string; url: string; env: string; model: string }) => `init_chat_model now calls ${p.provider} (${p.url}) with ${p.env}, model ${p.model}`,
  'client.aiSdkProvider': (p: { pkg: string; provider: string; url: string; env: string }) =>
    `AI SDK openai provider -> ${p.pkg} (${p.provider}, ${p.url}, ${p.env}); chat models use Chat Completions`,
  'client.aiSdkCreate': (p: { create: string; pkg: string; provider: string; url: string; env: string }) => `createOpenAI -> ${p.create} from ${p.pkg} (${p.provider}, ${p.url}, ${p.env})`,
  'client.aiSdkOptionsRemoved': () => 'removed providerOptions.openai (read only by @ai-sdk/openai)',
  'client.v3Kept': (p: { pkg: string; provider: string; url: string; env: string }) =>
    `${p.pkg} v3 API kept and pointed at ${p.provider}: Configuration basePath ${p.url}, apiKey from ${p.env} (no upgrade to the v4 API)`,
  'client.baseUrlSettingKept': (p: { expr: string; cls: string; to: string; from: string; url: string }) =>
    `base-URL setting kept: ${p.expr} (settings ${p.cls}) now reads ${p.to} instead of ${p.from}, default ${p.url}`,
  'client.unresolvedOptions': (p: { cls?: string }) => `${p.cls ?? 'client'} options or base URL come from a value the tool cannot resolve`,
  'client.unresolvedOptionsOnly': (p: { what: string }) => `${p.what} options come from a value the tool cannot resolve`,
  'client.unresolvedConfiguration': (p: { cls: string }) => `${p.cls} configuration comes from a value the tool cannot resolve`,
  'client.unresolvedValue': (p: { what: string }) => `${p.what} comes from a value the tool cannot resolve`,
  'client.checkClientUses': (p: { url: string; env: string }) => `make sure this client uses ${p.url} and the ${p.env} key`,
  'client.checkProviderUses': (p: { url: string; env: string }) => `make sure this provider uses ${p.url} and ${p.env}`,
  'client.checkUsesKey': (p: { url: string; env: string }) => `make sure it uses ${p.url} and the ${p.env} key`,
  'client.checkUses': (p: { url: string; env: string }) => `make sure it uses ${p.url} and ${p.env}`,
  'client.checkIsKey': (p: { url: string; env: string }) => `make sure it is ${p.url} with the ${p.env} key`,
  'client.checkIs': (p: { url: string }) => `make sure it is ${p.url}`,
  'client.setBaseUrl': (p: { url: string }) => `set its baseURL to ${p.url}`,
  'client.setBasePath': (p: { url: string; env: string }) => `set basePath: '${p.url}' and apiKey from ${p.env}`,
  'client.keyComesFrom': (p: { who: string; src: string }) => `${p.who} comes from ${p.src}`,
  'client.keyLocalVariable': () => 'apiKey comes from a local variable',
  'client.holdProviderKey': (p: { provider: string; env: string }) => `make it hold the ${p.provider} key (${p.env})`,
  'client.appHeldKeyStays': (p: { src: string; where: 'OpenAI' | 'Azure' }) =>
    `apiKey comes from ${p.src}, ${p.where === 'Azure' ? 'an Azure OpenAI key the app holds (a user setting or a stored value): this client stays on Azure' : 'an OpenAI key the app holds (a user setting or a stored value): this client stays on OpenAI'}`,
  'client.appHeldKeyStays.todo': (p: { provider: string; env: string; url: string }) => `to move it, make that value hold the ${p.provider} key (${p.env}) for this client, then point it at ${p.url}`,
  'client.llamaIndexMixed': (p: { cls: string }) => `${p.cls} is used for OpenAI and for another service in this file`,
  'client.llamaIndexMixed.todo': (p: { url: string }) => `use OpenAILike with api_base=${p.url} here`,
  'client.contextWindow': () => 'OpenAILike assumes a 3,900-token context window unless told',
  'client.contextWindow.todo': () => "set context_window= to the model's context length",
  'client.completionLlm': (p: { cls: string; provider: string }) => `${p.cls} is a completion-style LLM (/completions); ${p.provider} serves chat models`,
  'client.completionLlm.todo': () => 'switch to ChatOpenAI (or the provider chat integration) and read .content from the result',
  'client.completionModelRuntime': (p: { cls: string; from: string; provider: string }) =>
    `${p.cls} (a completion LLM) takes its model from ${p.from} at run time, most likely an OpenAI completion model no provider map replaces: pointed at ${p.provider} it would send that id there, so it stays on OpenAI`,
  'client.completionModelRuntime.todo': (p: { provider: string }) =>
    `set the ${p.provider} model that should serve /completions there (or switch to the chat class), then point the LLM at ${p.provider}`,
  'wrapper.modelElsewhere': (p: { cls: string; from: string; ids: string }) =>
    `${p.cls} takes its model from ${p.from}, defined in another module (${p.ids}); the tool rewrites that value there only where an OpenAI SDK request also sends it`,
  'wrapper.modelElsewhere.todo': (p: { to: string }) => `make sure it reaches the provider as ${p.to}`,
  'env.schemaOptional': (p: { name: string; provider: string }) =>
    `${p.name} is now optional in the env schema: only the OpenAI-only client options removed for ${p.provider} read it (required, the app would not start without it)`,
  'env.keyFormatDropped': (p: { check: string; name: string; provider: string }) =>
    `${p.check} dropped from the ${p.name} check: only OpenAI keys have that prefix, a ${p.provider} key would be rejected`,
  'env.keyFormatCheck': (p: { check: string; provider: string }) => `the key is checked with ${p.check}, a format taken from OpenAI keys`,
  'env.keyFormatCheck.todo': (p: { provider: string }) => `make sure a ${p.provider} key passes it, or drop the check`,
  'client.deploymentWasModel': (p: { deployment: string; model?: string }) => `Azure deployment ${p.deployment} was the model; ${p.model ? `it is now ${p.model}` : 'no model is set'}`,
  'client.deploymentWasModel.todo': (p: { provider: string }) => `set the ${p.provider} model this deployment stood for`,
  'client.engineName': (p: { name: string; value: string }) => `${p.name} ${p.value} names an OpenAI engine or Azure deployment`,
  // ---- msgs-a (#17): raw HTTP, imports and dependencies (transforms/{js,python}/retarget-raw-http.ts, src/lang/deps/handler.ts, src/lang/python/{deps,helpers}.ts)
  'http.url': (p: { from: string; to: string }) => `URL ${p.from} -> ${p.to}`,
  'http.host': (p: { from: string; to: string; path: string }) => `host ${p.from} -> ${p.to} (paths get ${p.path || 'no prefix'})`,
  'http.hostname': (p: { from: string; to: string }) => `hostname ${p.from} -> ${p.to}`,
  'http.path': (p: { from: string; to: string }) => `path ${p.from} -> ${p.to}`,
  'http.urlFor': (p: { from: string; to: string; provider: string }) => `${p.from} -> ${p.to} (${p.provider})`,
  'http.removedHeader': (p: { name: string }) => `removed OpenAI-only header ${p.name}`,
  'http.pointAtBase.todo': (p: { base: string; env: string }) => `point it at ${p.base} plus the API path (and the ${p.env} key)`,
  'deps.added': (p: { name: string; range: string }) => `added ${p.name} ${p.range} to dependencies (a rewrite imports it)`,
  'deps.addedMatches': (p: { name: string; range: string; anchor: string; from: string }) => `added ${p.name} ${p.range} to dependencies (a rewrite imports it, matches ${p.anchor} from ${p.from})`,
  'deps.addedNewest': (p: { name: string; range: string; anchor: string }) => `added ${p.name} ${p.range} to dependencies (a rewrite imports it; ${p.anchor} version not found, newest line assumed)`,
  'deps.removedUnused': (p: { name: string }) => `removed ${p.name}: nothing imports it any more`,
  'deps.pyAdded': (p: { pkg: string; from?: string }) => `added ${p.pkg} (the migrated code imports it${p.from ? `; matches ${p.from}` : ''})`,
  'imports.added': (p: { line: string }) => `added ${p.line}`,
} satisfies Record<string, (p: never) => string>;

export type MsgId = keyof typeof EN;
/** The parameters of a message (`{}` for one without). */
export type MsgParams<K extends MsgId> = Parameters<(typeof EN)[K]> extends [infer P] ? P : Record<never, never>;
