import { msg } from '../../i18n/msg.js';
import { handlerError } from '../../i18n/reasons.js';
import { fileError } from '../../engine/batch.js';
import { parseAllDocuments } from 'yaml';
import { type FileContext, type HandlerError, type HandlerOptions, type Transform, isMigrating } from '../../engine/types.js';
import type { ConfigContext, ConfigFormat } from './context.js';
import { detectConfig } from './detect.js';
import { configFormat, configKind } from './files.js';
import { JsonSyntaxError, parseJson, where, type JNode } from './json.js';
import { jsonSites, tomlSites, yamlSites, type ValueSite } from './sites.js';
import { scanToml } from './toml.js';
import { iniSites } from './ini.js';
import { envReadsFor } from '../../rules/env-reads.js';
import { inTargetAdapterApp } from '../../rules/adapters.js';

/** Parse a file into its string values; undefined with a reason when it does not parse. */
function load(text: string, format: ConfigFormat): { sites: ValueSite[]; extra: Partial<ConfigContext> } | { error: string } {
  if (format === 'json') {
    try {
      return { sites: jsonSites(parseJson(text)), extra: {} };
    } catch (e) {
      return { error: e instanceof JsonSyntaxError ? `${e.message} at ${where(text, e.offset)}` : (e as Error).message };
    }
  }
  if (format === 'jsonl') {
    const lines: Array<{ start: number; root: JNode }> = [];
    const sites: ValueSite[] = [];
    let pos = 0;
    for (const line of text.split('\n')) {
      if (line.trim()) {
        try {
          const root = parseJson(line);
          lines.push({ start: pos, root });
          sites.push(...jsonSites(root, pos));
        } catch (e) {
          return { error: `line ${lines.length + 1}: ${(e as Error).message}` };
        }
      }
      pos += line.length + 1;
    }
    return { sites, extra: { jsonl: lines } };
  }
  if (format === 'ini') return { sites: iniSites(text), extra: {} };
  if (format === 'toml') {
    const scan = scanToml(text);
    return scan.error ? { error: scan.error } : { sites: tomlSites(scan), extra: {} };
  }
  const docs = parseAllDocuments(text, { keepSourceTokens: true });
  const list = Array.isArray(docs) ? docs : [];
  const err = list.flatMap((d) => d.errors)[0];
  if (err || !Array.isArray(docs)) return { error: err ? err.message.split('\n')[0]!.replace(/:$/, '') : 'not YAML' };
  return { sites: yamlSites(text, list), extra: { docs: list } };
}

/** The config handler's work, loaded on the first config candidate (the YAML parser among it). */
export const processor = {
  validate(text: string, rel: string): string | undefined {
    const f = configFormat(rel);
    if (!f) return undefined;
    const r = load(text, f);
    return 'error' in r ? r.error : undefined;
  },
  async process(files: FileContext[], opts: HandlerOptions) {
    const errors = new Map<string, HandlerError>();
    for (const ctx of files) {
      try {
        const format = configFormat(ctx.file.rel)!;
        const r = load(ctx.file.text, format);
        if ('error' in r) {
          // Often a template (Helm, Jinja) or not config at all: left as it is, but said, since it names OpenAI.
          errors.set(ctx.file.abs, handlerError('W_CONFIG_SYNTAX', msg('file.configSyntax', { fmt: format.toUpperCase(), error: r.error }), true));
          continue;
        }
        // The app already has the target's adapter (the code handlers said so once): its OpenAI settings stay with its OpenAI adapter.
        if (inTargetAdapterApp(opts.project, ctx.file.abs)) continue;
        const cctx: ConfigContext = Object.assign(ctx, { format, kind: configKind(ctx.file.rel), sites: r.sites, codeReads: envReadsFor(opts.project, ctx.file.abs) }, r.extra);
        detectConfig(cctx);
        if (!isMigrating(cctx)) continue;
        for (const t of (opts.transforms ?? []) as ReadonlyArray<Transform<ConfigContext>>) {
          if (opts.only && !opts.only.includes(t.id)) continue;
          t.run(cctx);
        }
      } catch (e) {
        errors.set(ctx.file.abs, fileError(e, ctx.file.rel));
      }
    }
    return errors;
  },
};

/**
 * Settings in Python project files, which the Python handler owns: pyproject.toml
 * `[tool.*]` tables (`[tool.myapp] chat_model = "gpt-4o"`) and setup.cfg sections
 * get the config rules (model ids, base URLs, key references); the rest of the
 * file (dependencies) is the Python handler's. A file that does not scan is left
 * to the Python handler's own check.
 */
export function processProjectSettings(ctx: FileContext, opts: HandlerOptions): void {
  const pyproject = /(^|\/)pyproject\.toml$/.test(ctx.file.rel);
  let sites: ValueSite[];
  if (pyproject) {
    const scan = scanToml(ctx.file.text);
    if (scan.error) return;
    sites = tomlSites(scan).filter((s) => s.path[0] === 'tool');
  } else if (/(^|\/)setup\.cfg$/.test(ctx.file.rel)) {
    sites = iniSites(ctx.file.text).filter((s) => !/^(metadata|options(\..*)?)$/.test(s.path[0] ?? ''));
  } else return;
  if (!sites.length) return;
  const cctx: ConfigContext = Object.assign(ctx, { format: (pyproject ? 'toml' : 'ini') as ConfigFormat, kind: 'other' as const, sites });
  detectConfig(cctx);
  if (!isMigrating(cctx)) return;
  for (const t of (opts.configTransforms ?? []) as ReadonlyArray<Transform<ConfigContext>>) {
    if (opts.only && !opts.only.includes(t.id)) continue;
    t.run(cctx);
  }
}
