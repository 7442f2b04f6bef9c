import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { inventory } from '../src/check/index.js';
import { jsHandler } from '../src/handlers.js';
import { FINGERPRINT_KEY, renderSarif } from '../src/report/sarif.js';

/**
 * SARIF output validated against the SARIF 2.1.0 JSON schema shipped by
 * @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json, the schema the
 * OASIS standard was released with). That file is written in JSON Schema
 * draft-04, which Ajv 8 does not load: the only draft-04 keyword it uses is
 * `id` (at the root), so it is renamed to `$id` and the schema is compiled as
 * draft-07; no validation keyword changes meaning between the two drafts here
 * (the schema has no boolean exclusiveMinimum/Maximum).
 */
const require = createRequire(import.meta.url);
const TREE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/check/tree');

function validator() {
  const raw = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  expect(raw.$schema).toBe('http://json-schema.org/draft-04/schema#');
  expect(JSON.stringify(raw)).not.toMatch(/"exclusive(Minimum|Maximum)":\s*(true|false)/);
  const { id, $schema: _draft, ...rest } = raw;
  // unicodeRegExp: false because the schema's `language` pattern has a stray `]` that only non-unicode regexps accept.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://x/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ ...rest, $id: id });
}

describe('SARIF 2.1.0', () => {
  const validate = validator();

  it('check output on the fixture tree validates against the schema', async () => {
    for (const [provider, includeNotes] of [
      [undefined, false],
      ['deepseek', false],
      ['qwen', true],
    ] as const) {
      const r = await inventory({ cwd: TREE, paths: ['.'], handlers: [jsHandler], provider, includeNotes });
      const log = renderSarif(r) as { runs: Array<{ results: Array<Record<string, any>>; tool: { driver: { rules: Array<{ id: string }> } }; originalUriBaseIds: Record<string, { uri: string }> }> };
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toEqual([]);
      expect(ok).toBe(true);
      const run = log.runs[0]!;
      // Notes (API calls on a client) are left out unless asked for: each would be a code-scanning alert.
      const notes = r.findings.filter((f) => f.level === 'note').length;
      expect(notes).toBeGreaterThan(0);
      expect(run.results.length).toBe(r.findings.length - (includeNotes ? 0 : notes));
      expect(run.results.some((x) => x.level === 'note')).toBe(includeNotes);
      // %SRCROOT% is the repository root, as a file URI ending in a slash.
      expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe(pathToFileURL(r.root).href + '/');
      for (const res of run.results) {
        expect(res.message.text).toMatch(/[^.]\.$/);
        expect(res.message.text).not.toMatch(/\.\./);
        expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
        expect(res.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
        expect(res.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/^\/|\\/);
      }
    }
  });

  it('the schema check can fail: a result without a message is rejected', async () => {
    const r = await inventory({ cwd: TREE, paths: ['.'], handlers: [jsHandler] });
    const log = renderSarif(r) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    delete log.runs[0]!.results[0]!.message;
    expect(validate(log)).toBe(false);
    const bad = renderSarif(r) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    bad.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(bad)).toBe(false);
  });

  it('uris are relative and percent-encoded; fingerprints ignore line numbers', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const d = mkdtempSync(path.join(tmpdir(), 'oam-sarif-'));
    mkdirSync(path.join(d, 'my dir'));
    const src = "import OpenAI from 'openai';\nexport const c = new OpenAI();\n";
    writeFileSync(path.join(d, 'my dir', 'a#1.ts'), src);
    const a = renderSarif(await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler] })) as any;
    expect(a.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/a%231.ts');
    writeFileSync(path.join(d, 'my dir', 'a#1.ts'), '// header\n\n' + src);
    const b = renderSarif(await inventory({ cwd: d, paths: ['.'], handlers: [jsHandler] })) as any;
    expect(b.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(4);
    expect(b.runs[0].results[0].partialFingerprints).toEqual(a.runs[0].results[0].partialFingerprints);
    expect(validate(b)).toBe(true);
  });
});
