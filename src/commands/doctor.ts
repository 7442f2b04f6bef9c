import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveSetup } from '../api.js';
import { shortName, type ResolvedTarget } from '../providers/index.js';
import type { OpenAITier } from '../providers/types.js';
import { t } from '../i18n/index.js';
import { makeChalk } from '../report/text.js';
import { validateUrl } from '../engine/values.js';
import { errorDetail, isLoopback, modelIds, proxySettings, request, safeServerText, type HttpOutcome } from './http.js';

/**
 * `openai-migrate doctor`: is this machine ready to run the migrated code?
 * Checks the key variable (environment, then the env files a framework loads),
 * calls the provider's models endpoint and a one-token chat completion (through
 * HTTP(S)_PROXY unless NO_PROXY says otherwise), and says for each model id the
 * migration uses whether the provider serves it. Key values are never printed:
 * every message is masked (the key, pieces of it and key-shaped tokens a server
 * echoes), and server text loses its terminal escape sequences.
 */

export interface DoctorOptions {
  provider: string;
  region?: string;
  baseUrl?: string;
  /** Per request, in milliseconds. */
  timeout: number;
  cwd: string;
  paths: string[];
  /** Scan the repository for the model ids the migration uses (else: the default map). */
  scan: boolean;
  config?: string;
  models?: string[];
  /** Capability routes (src/routing): every routed provider is checked too. */
  routes?: string[];
  env?: NodeJS.ProcessEnv;
  /** Mode for `.env.<mode>` files (default: NODE_ENV, else `development`, as Vite and Next.js dev do). */
  mode?: string;
}

export type CheckStatus = 'ok' | 'fail' | 'warn' | 'info';

export interface DoctorCheck {
  status: CheckStatus;
  message: string;
}

export interface DoctorResult {
  provider: string;
  region: string;
  baseURL: string;
  apiKeyEnv: string;
  checks: DoctorCheck[];
  /** Per model id: served (true/false) or null when it cannot be checked. */
  models: Array<{ id: string; served: boolean | null; usedFor: string[] }>;
  /** Routed providers (--route), each checked like the main one. */
  routes?: Array<{ capability: string; provider: string; baseURL: string; apiKeyEnv: string; ok: boolean }>;
  ok: boolean;
}

/** Tiers whose models answer chat completions (the one-token probe picks one of these). */
const CHAT_TIERS = new Set<string>(['flagship', 'fast', 'reasoning', 'longContext', 'coding', 'vision']);

/** Parse a `.env` file simply: `KEY=value`, optional `export`, quotes stripped, `#` comments skipped. */
export function parseDotEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const m = raw.match(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/);
    if (!m) continue;
    let v = m[2]!.trim();
    // Quoted value: up to the closing quote; unquoted: up to an inline comment.
    const q = v[0];
    if ((q === '"' || q === "'") && v.indexOf(q, 1) > 0) v = v.slice(1, v.indexOf(q, 1));
    else v = v.replace(/\s+#.*$/, '');
    out.set(m[1]!, v);
  }
  return out;
}

/**
 * The env files a framework loads, highest precedence first: Vite and Next.js
 * read `.env.<mode>.local`, `.env.local`, `.env.<mode>`, `.env` (Next.js skips
 * `.env.local` in test mode); python-dotenv and most servers read `.env`.
 * https://vite.dev/guide/env-and-mode#env-files ,
 * https://nextjs.org/docs/app/guides/environment-variables#environment-variable-load-order
 */
export function envFiles(mode: string): string[] {
  const m = /^[A-Za-z0-9_-]+$/.test(mode) ? mode : 'development';
  return [`.env.${m}.local`, ...(m === 'test' ? [] : ['.env.local']), `.env.${m}`, '.env'];
}

/** Find the key: the environment first, then the first env file (in load order) that sets it. */
export function findKey(name: string, o: Pick<DoctorOptions, 'cwd' | 'env' | 'mode'>): { value?: string; source?: string; emptyIn?: string; files: string[] } {
  const env = o.env ?? process.env;
  const files = envFiles(o.mode ?? env.NODE_ENV ?? 'development');
  if (env[name]) return { value: env[name], source: 'env', files };
  let emptyIn: string | undefined;
  for (const f of files) {
    const file = path.join(o.cwd, f);
    if (!existsSync(file)) continue;
    let v: string | undefined;
    try {
      v = parseDotEnv(readFileSync(file, 'utf8')).get(name);
    } catch {
      continue; // a folder or an unreadable file: not an env file
    }
    if (v) return { value: v, source: f, files };
    if (v === '') emptyIn ??= f;
  }
  return { emptyIn, files };
}

/** Model ids the migration writes in this repository (dry run), or the provider's default map. */
async function modelsInUse(o: DoctorOptions): Promise<{ ids: Map<string, { usedFor: Set<string>; chat: boolean }>; fromRepo: boolean }> {
  const ids = new Map<string, { usedFor: Set<string>; chat: boolean }>();
  const add = (id: string, usedFor: string, tier: string) => {
    const e = ids.get(id) ?? { usedFor: new Set<string>(), chat: false };
    e.usedFor.add(usedFor);
    e.chat ||= CHAT_TIERS.has(tier);
    ids.set(id, e);
  };
  if (o.scan) {
    const { migrate } = await import('../api.js');
    const r = await migrate({ cwd: o.cwd, paths: o.paths, provider: o.provider, region: o.region, config: o.config, models: o.models, dryRun: true });
    for (const f of r.files) {
      for (const c of f.changes) if (c.kind === 'model' && c.from && c.to) add(c.to, c.from, r.models.lookup(c.from)?.tier ?? 'flagship');
    }
    if (ids.size) return { ids, fromRepo: true };
  }
  const s = resolveSetup({ cwd: o.cwd, provider: o.provider, region: o.region, config: o.config, models: o.models });
  for (const [tier, id] of Object.entries(s.target.provider.tierMap) as Array<[OpenAITier, string | null]>) if (id) add(id, tier, tier);
  return { ids, fromRepo: false };
}

/** Run every check; never throws for HTTP problems (they are failed checks). */
/**
 * `doctor` for the main provider, then for every routed provider (--route, config `routes`):
 * each routed provider's key, host and models are checked the same way (its checks follow the
 * main ones, prefixed with the capability), and the verdict covers them all.
 */
export async function doctor(o: DoctorOptions): Promise<DoctorResult> {
  const res = await doctorOne(o);
  const setup = resolveSetup({ cwd: o.cwd, provider: o.provider, region: o.region, config: o.config, models: o.models, routes: o.routes });
  for (const r of setup.target.routes ?? []) {
    const sub = await doctorOne({ ...o, provider: r.target.provider.id, region: undefined, baseUrl: undefined, models: [], routes: [], scan: false, config: undefined });
    res.routes = [...(res.routes ?? []), { capability: r.capability, provider: sub.provider, baseURL: sub.baseURL, apiKeyEnv: sub.apiKeyEnv, ok: sub.ok }];
    for (const ch of sub.checks) res.checks.push({ status: ch.status, message: `[${r.capability} -> ${r.target.provider.id}] ${ch.message}` });
    res.models.push(...sub.models.map((m) => ({ ...m, usedFor: [...m.usedFor, `--route ${r.capability}`] })));
  }
  return finish(res);
}

async function doctorOne(o: DoctorOptions): Promise<DoctorResult> {
  // --base-url is validated like every value from a flag (E_BAD_VALUE): parsed, no credentials, quotes or
  // control characters; plain http:// to a remote host is allowed here (a self-hosted gateway) with a warning below.
  if (o.baseUrl !== undefined) validateUrl(/^http:\/\//i.test(o.baseUrl) && !isLoopback(o.baseUrl) ? o.baseUrl.replace(/^http:/i, 'https:') : o.baseUrl, '--base-url');
  const setup = resolveSetup({ cwd: o.cwd, provider: o.provider, region: o.region, config: o.config, models: o.models });
  const target = setup.target;
  const base = (o.baseUrl ?? target.baseURL).replace(/\/+$/, '');
  const checks: DoctorCheck[] = [];
  const res: DoctorResult = { provider: target.provider.id, region: target.region, baseURL: base, apiKeyEnv: target.apiKeyEnv, checks, models: [], ok: false };
  const key = findKey(target.apiKeyEnv, o);
  // Every message is masked: the key (and pieces of it) and key-shaped tokens, whatever a server echoed.
  const add = (status: CheckStatus, message: string) => checks.push({ status, message: safeServerText(message, key.value) });
  const pname = shortName(target.provider);
  const env = o.env ?? process.env;

  // 1. The key variable.
  if (!key.value) {
    add(
      'fail',
      key.emptyIn
        ? t('doctor.keyEmpty', { name: target.apiKeyEnv, file: key.emptyIn, url: target.provider.consoleUrl })
        : t('doctor.keyMissing', { name: target.apiKeyEnv, url: target.provider.consoleUrl, files: key.files.join(', ') }),
    );
    const alias = [...target.provider.apiKeyEnvAliases, 'OPENAI_API_KEY'].find((a) => env[a]);
    if (alias) add('info', t('doctor.keyAlias', { alias, name: target.apiKeyEnv }));
    return res;
  }
  add('ok', t('doctor.keyFound', { name: target.apiKeyEnv, source: key.source === 'env' ? t('doctor.sourceEnv') : key.source! }));
  // The key over plain HTTP to another machine can be read on the way.
  if (/^http:/i.test(base) && !isLoopback(base)) add('warn', t('doctor.insecureHttp', { url: base }));
  const proxy = proxySettings(env);
  const via = /^https:/i.test(base) ? (proxy.https ?? proxy.http) : proxy.http;
  if (via) add('info', t('doctor.proxy', { proxy: withoutCredentials(via), noProxy: proxy.no ?? '-' }));
  const headers = { authorization: `Bearer ${key.value}`, 'content-type': 'application/json' };

  // 2. The models endpoint: key accepted? which models are served?
  const modelsUrl = `${base}/models`;
  const listed = await request(modelsUrl, { headers }, o.timeout, env);
  let served: Set<string> | undefined;
  let keyOk = false;
  if (listed.kind === 'response' && listed.status === 200) {
    keyOk = true;
    const ids = modelIds(listed.body);
    if (ids) served = new Set(ids);
    add('ok', t('doctor.keyAccepted'));
    add(ids ? 'ok' : 'info', ids ? t('doctor.modelsListed', { n: ids.length }) : t('doctor.modelsUnparsed', { url: modelsUrl }));
  } else if (listed.kind === 'response' && listed.status === 404) {
    add('info', t('doctor.noModelsList', { url: modelsUrl }));
  } else {
    add('fail', httpProblem(listed, modelsUrl, target, o.timeout, key.value));
    return finish(res);
  }

  // 3. A one-token chat completion with a chat model the migration uses.
  const use = await modelsInUse(o);
  const chatModel = [...use.ids].find(([, v]) => v.chat)?.[0] ?? target.provider.tierMap.fast ?? target.provider.tierMap.flagship;
  if (chatModel) {
    const chatUrl = `${base}/chat/completions`;
    const chat = await request(chatUrl, { method: 'POST', headers, body: JSON.stringify({ model: chatModel, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 }) }, o.timeout, env);
    if (chat.kind === 'response' && chat.status >= 200 && chat.status < 300) {
      if (!keyOk) add('ok', t('doctor.keyAccepted'));
      add('ok', t('doctor.chatOk', { model: chatModel }));
      if (served === undefined) served = new Set(); // not a list: only the probe's model is known
      served.add(chatModel);
    } else if (chat.kind === 'response' && (chat.status === 404 || chat.status === 400)) {
      add('fail', t('doctor.chatModelRejected', { model: chatModel, status: chat.status, detail: errorDetail(chat, key.value) }));
    } else {
      add('fail', httpProblem(chat, chatUrl, target, o.timeout, key.value));
      return finish(res);
    }
  }

  // 4. Every model id the migration uses: served or not.
  add('info', use.fromRepo ? t('doctor.modelsFromRepo', { n: use.ids.size }) : t('doctor.modelsFromMap'));
  const haveList = served !== undefined && listed.kind === 'response' && listed.status === 200 && modelIds(listed.body) !== undefined;
  for (const [id, v] of use.ids) {
    const usedFor = [...v.usedFor];
    const isServed = haveList ? served!.has(id) : id === chatModel && served?.has(id) ? true : null;
    res.models.push({ id, served: isServed, usedFor });
    const vars = { model: id, from: usedFor.join(', '), provider: pname };
    if (isServed === true) add('ok', t('doctor.modelServed', vars));
    // A repo's own model missing is a problem; a default-map entry missing is a warning about the map.
    else if (isServed === false) add(use.fromRepo ? 'fail' : 'warn', t('doctor.modelMissing', vars));
    else add('info', t('doctor.modelUnchecked', vars));
  }
  return finish(res);
}

function finish(r: DoctorResult): DoctorResult {
  r.ok = !r.checks.some((c) => c.status === 'fail');
  return r;
}

/** `http://user:pass@host:port` -> `http://host:port`. */
function withoutCredentials(u: string): string {
  try {
    const x = new URL(u);
    x.username = '';
    x.password = '';
    return x.href.replace(/\/$/, '');
  } catch {
    return '(unparsable proxy URL)';
  }
}

/** A clear sentence for 401/403/429/timeouts/network, cross-origin redirects and other statuses. */
function httpProblem(o: HttpOutcome, url: string, target: ResolvedTarget, timeout: number, key?: string): string {
  if (o.kind === 'timeout') return t('doctor.timeout', { url, ms: timeout });
  if (o.kind === 'network') return t('doctor.network', { url, detail: safeServerText(o.message, key) });
  if (o.kind === 'redirect') return t('doctor.crossOriginRedirect', { url, status: o.status, to: safeServerText(o.location, key) });
  const detail = errorDetail(o, key);
  const d = detail ? ` (${detail})` : '';
  const p = target.provider;
  switch (o.status) {
    case 401: {
      const others = Object.keys(p.regions).filter((r) => r !== target.region);
      const base = t('doctor.e401', { name: target.apiKeyEnv, url, detail: d });
      // Several regions: keys are region-bound, the likeliest cause is a key from another region.
      return others.length ? `${base} ${t('doctor.regionHint', { provider: shortName(p), region: target.region, others: others.join(', ') })}` : base;
    }
    case 403:
      return t('doctor.e403', { url, detail: d });
    case 429:
      return t('doctor.e429', { url, detail: d });
    default:
      return t('doctor.httpOther', { status: o.status, url, detail: d });
  }
}

/** Terminal rendering: one line per check with a mark, then the verdict. */
export function renderDoctorText(r: DoctorResult, color: boolean): string {
  const c = makeChalk(color);
  const mark: Record<CheckStatus, string> = { ok: c.green('✓'), fail: c.red('✗'), warn: c.yellow('!'), info: c.dim('·') };
  const out = [c.bold(t('doctor.title', { provider: r.provider, region: r.region, baseUrl: r.baseURL }))];
  for (const ch of r.checks) out.push(`  ${mark[ch.status]} ${ch.message}`);
  const n = r.checks.filter((x) => x.status === 'fail').length;
  out.push(n ? c.red(t('doctor.failed', { n })) : c.green(t('doctor.ok')));
  return out.join('\n') + '\n';
}
