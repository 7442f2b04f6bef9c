import { EN, type MsgId, type MsgParams } from './catalog/en.js';
import { ZH, type ZhHelpers } from './catalog/zh.js';

export type { MsgId, MsgParams };

/** A parameter value: text, a number, or another message (translated with the message that holds it). */
export type MsgParam = string | number | MsgRef | undefined;

/** A message as data: what `Change`, `FollowUp` and `Finding` keep next to the English text (plain, so it crosses worker threads). */
export interface MsgRef {
  id: string;
  params: Record<string, MsgParam>;
  /** The English text. */
  text: string;
}

/**
 * A message built by id. It is its English text wherever a string is expected (`${m}`,
 * `String(m)`), so code that only passes text along keeps working; code that records it
 * (`ctx.change`, `ctx.followUp`, findings) keeps the id and parameters for translation.
 */
export class Msg implements MsgRef {
  constructor(
    readonly id: MsgId,
    readonly params: Record<string, MsgParam>,
    readonly text: string,
  ) {}
  toString(): string {
    return this.text;
  }
}

/** Text or a message: what the recording helpers take while call sites move to `msg()`. */
export type Text = string | Msg;

/** A message's parameters as callers give them: any text parameter may be another message. */
type Given<P> = { [K in keyof P]: P[K] extends string ? string | MsgRef : P[K] extends string | undefined ? string | MsgRef | undefined : P[K] };

const english = (v: MsgParam): string | number | undefined => (v !== null && typeof v === 'object' ? v.text : v);

/** Build a message by id: `msg('endpoint.missing', { provider, endpoint, note })`. */
export function msg<K extends MsgId>(id: K, ...args: keyof MsgParams<K> extends never ? [] : [Given<MsgParams<K>>]): Msg {
  const params = (args[0] ?? {}) as Record<string, MsgParam>;
  const plain: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(params)) plain[k] = english(v);
  const text = (EN[id] as (p: unknown) => string)(plain);
  return new Msg(id, params, text);
}

/** The English text of text or a message. */
export const textOf = (t: Text | MsgRef): string => (typeof t === 'string' ? t : t.text);

/** The message behind text, as plain data (undefined for plain text). */
export function refOf(t: Text | MsgRef | undefined): MsgRef | undefined {
  if (t === undefined || typeof t === 'string') return undefined;
  return { id: t.id, params: plainParams(t.params), text: t.text };
}

function plainParams(params: Record<string, MsgParam>): Record<string, MsgParam> {
  const out: Record<string, MsgParam> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v !== null && typeof v === 'object' ? refOf(v) : v;
  return out;
}

export const isMsgId = (id: string): id is MsgId => Object.hasOwn(EN, id);

/** Same spacing rules as the template table: one space, none next to full-width punctuation. */
export const tidyZh = (s: string) => s.replace(/ {2,}/g, ' ').replace(/ ([（）：；，])|([（）：；，]) /g, '$1$2');

/** Parameters that hold another message (a `msg()` or English text for the template table). */
const PROSE = /^(?:msg|reason|action|why)\d*$/;

/** Chinese for a message (nested messages in its parameters translated too), or undefined for an unknown id. */
export function renderZh(ref: MsgRef, h: ZhHelpers): string | undefined {
  if (!isMsgId(ref.id)) return undefined;
  const p: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(ref.params)) {
    p[k] = v !== null && typeof v === 'object' ? (renderZh(v, h) ?? h.prose(v.text)) : typeof v === 'string' && PROSE.test(k) ? h.prose(v) : v;
  }
  return tidyZh((ZH[ref.id] as (p: unknown, h: ZhHelpers) => string)(p, h));
}
