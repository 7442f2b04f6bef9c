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
  'endpoint.undocumented': (p: { provider: string; endpoint: string; note?: string }) =>
    `${p.provider} does not document an OpenAI-compatible ${p.endpoint} endpoint${noteSuffix(p.note)}`,
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
  // ---- notebooks (src/lang/python/notebook.ts): a change inside a cell
  'notebook.cellChange': (p: { n: number; msg: string }) => `cell ${p.n}: ${p.msg}`,
  // ---- markers added (transforms/*/mark-unsupported-endpoints.ts, raw HTTP, wrappers)
  'marker.added': (p: { api: string; reason: string }) => `marked ${p.api}: ${p.reason}`,
  'marker.addedHere': (p: { reason: string }) => `marked: ${p.reason}`,
  'batch.inputFile': (p: { reason: string }) => `OpenAI batch input file: ${p.reason}`,
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
