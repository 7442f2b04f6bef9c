import { writeValue } from '../../engine/values.js';
import type { FileContext, Finding } from '../../engine/types.js';
import type { RuleId } from '../../rules/catalogue.js';
import { addFinding as addSharedFinding } from '../../engine/findings.js';
import { maskSecrets as maskAll } from '../../report/mask.js';
import { shortName } from '../../providers/index.js';
import { tierLabel } from '../../rules/models.js';
import { classifyOpenAIModel, looksLikeOpenAIModel } from '../../models/openai-catalog.js';
import { Msg, msg, type Text } from '../../i18n/msg.js';

/**
 * Helpers shared by the non-code handlers (env files, YAML/JSON/TOML config,
 * JSONL batch files): secret masking, placeholder detection, findings and
 * model-id mapping at a value range.
 */

/** Raw-text prefilter: files without any of these are never parsed. */
export const CONFIG_PREFILTER = /openai|gpt-|chatgpt|\bo[134](-mini|-pro)?\b|text-embedding|dall-e|whisper-1|tts-1|davinci|babbage-002|-moderation|codex-mini|sora-2/i;

/** Key names that hold a model id (same test as the JS model sites). */
export const MODEL_KEY = /model/i;

/** A value that is obviously a placeholder, not a real secret: empty, `<...>`, `your_...`, `xxx`, `sk-...`, `changeme`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^<[^<>]*>$/.test(v) || /^\[[^\]]*\]$/.test(v) || /^\{\{[^}]*\}\}$/.test(v)) return true;
  if (/^\*+$/.test(v) || /\.\.\.|…/.test(v)) return true;
  if (/x{3,}|X{3,}/.test(v)) return true;
  if (/^(sk-)?(your|my|insert|enter|put|paste|replace|add|set)([-_ ]|$)/i.test(v)) return true;
  if (/(placeholder|example|changeme|change[-_]me|dummy|fake|here|todo|redacted)/i.test(v)) return true;
  return false;
}

/** Mask secret-looking tokens in a line before it goes into a message or snippet (the shared mask: src/report/mask.ts). */
export function maskSecrets(line: string, file = ''): string {
  return maskAll(line, file);
}

/** Replace a value in a line by `****` (quotes kept), for key lines whose whole value is secret. */
export function maskValue(line: string, value: string): string {
  // References (`${OPENAI_API_KEY}`, `${{ secrets.X }}`, `$(pass ...)`) and placeholders are not secrets.
  if (!value || isPlaceholder(value) || value.includes('$')) return line;
  return line.split(value).join('****');
}

/** Push a finding for a text range; the snippet is the line with secrets masked. */
export function addFinding(ctx: FileContext, rule: RuleId, start: number, end: number, message: Text, extra: Partial<Finding> & { secret?: string } = {}): void {
  const { secret, ...rest } = extra;
  let snippet = maskSecrets(ctx.lines.lineText(ctx.lines.pos(start).line), ctx.file.rel);
  if (secret) snippet = maskValue(snippet, secret);
  const masked =
    typeof message === 'string'
      ? maskSecrets(message)
      : new Msg(message.id, Object.fromEntries(Object.entries(message.params).map(([k, v]) => [k, typeof v === 'string' ? maskSecrets(v) : v])), maskSecrets(message.text));
  addSharedFinding(ctx, rule, start, end, masked, { snippet, ...rest });
}

/** `https://api.openai.com` or `https://api.openai.com/v1` (trailing slash optional): a base URL the provider's replaces. */
export const OPENAI_BASE_URL_VALUE = /^https?:\/\/api\.openai\.com(\/v1)?\/?$/i;
export const OPENAI_URL = /\bapi\.openai\.com\b/i;

/**
 * Map an OpenAI model id held at `[start, end)` (the unquoted content): the id
 * is replaced by the provider's; a routing prefix (`openai/gpt-4o`,
 * `openai:gpt-4o`) is kept and reported as a follow-up unless the caller
 * handles it (`keepPrefix`). Without an equivalent a follow-up is recorded.
 * Returns the new value when an edit was made.
 */
export function mapModelAt(ctx: FileContext, start: number, end: number, id: string, transform: string, prefixHandled = false): string | undefined {
  if (!looksLikeOpenAIModel(id) || !ctx.target || !ctx.models) return undefined;
  const prefix = classifyOpenAIModel(id)?.prefix ?? '';
  const m = ctx.models.lookup(id);
  if (!m) return undefined;
  if (m.target === null) {
    ctx.followUp(
      start,
      m.tier === 'fine-tuned' ? msg('model.fineTuned', { id }) : msg('model.noTierModel', { provider: shortName(ctx.target.provider), tier: tierLabel(m.tier), id }),
      msg('model.noEquivalent.chooseSetting', { id }),
    );
    return undefined;
  }
  if (m.target === id || m.target === id.slice(prefix.length)) return undefined;
  writeValue(ctx, start + prefix.length, end, m.target);
  ctx.change('model', start, msg('model.mapped', { from: id, to: prefix + m.target, tier: tierLabel(m.tier) }), { transform, from: id, to: prefix + m.target });
  if (prefix && !prefixHandled) {
    ctx.followUp(
      start,
      msg('config.prefixRoutesOpenAI', { prefix, value: prefix + m.target }),
      msg('config.prefixRoutesOpenAI.todo', { provider: shortName(ctx.target.provider), url: ctx.target.baseURL }),
    );
  }
  if (m.tier === 'embeddingSmall' || m.tier === 'embeddingLarge') {
    ctx.followUp(start, msg('model.embeddingChanged', { from: id, to: m.target }), msg('model.embeddingChanged.todo'));
  }
  return prefix + m.target;
}

/** Is this string an OpenAI model id (any prefix)? */
export const isOpenAIModelId = (s: string) => looksLikeOpenAIModel(s);
export { classifyOpenAIModel };
