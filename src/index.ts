export { migrate, scan, resolveSetup } from './api.js';
export type { MigrateOptions, MigrateResult, ScanOptions, ScanResult } from './api.js';
export { PROVIDERS, getProvider, findProvider, resolveTarget } from './providers/index.js';
export type { ProviderProfile } from './providers/types.js';
export { classifyOpenAIModel } from './models/openai-catalog.js';
export { ModelMap } from './models/map.js';
export type { FileResult, Finding, FollowUp, Change, LanguageHandler, Transform } from './engine/types.js';
