import { toolVersion } from '../version.js';

/**
 * The `$schema` every JSON output, report and baseline starts with: the schema
 * shipped in the package (`schemas/<name>.schema.json`), at the version that
 * wrote it. It also marks the file as written by openai-migrate, so it is never
 * scanned (src/engine/own-output.ts).
 */
export type SchemaName = 'findings' | 'migrate' | 'report' | 'baseline' | 'providers' | 'models' | 'config';

export const schemaUrl = (name: SchemaName, version = toolVersion()) => `https://unpkg.com/openai-migrate@${version}/schemas/${name}.schema.json`;
