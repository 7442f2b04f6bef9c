/** The raw-HTTP URL rules are language-neutral (src/rules/http-paths.ts), shared with the Python handler. */
export { endpointOfPath, OPENAI_ORIGIN, splitBase } from '../../../rules/http-paths.js';
