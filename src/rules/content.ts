import { shortName } from '../providers/index.js';
import type { ProviderProfile } from '../providers/types.js';
import { cited } from './params.js';
import { msg, type Msg } from '../i18n/msg.js';

/**
 * Model choice by what a request carries. The tier map picks a provider id from the OpenAI id
 * alone; a `gpt-4o` request whose messages carry image parts then lands on a text-only model
 * (DeepSeek's flagship takes no images). This decision runs after the tier lookup: the JS and
 * Python analyses say what the messages carry, the profile says which models take it.
 */

/** What the analysis knows about a content kind in a request's messages. */
export type Presence = 'yes' | 'no' | 'unknown';

export interface RequestContent {
  image: Presence;
  audio: Presence;
  /** `file` / `input_file` parts (a PDF or document sent inline or by file id). */
  file: Presence;
  /** The request sends `tools` (or legacy `functions`). */
  tools: boolean;
  /** The file builds image parts somewhere (a hint for requests whose messages are unknown). */
  imageShapesNearby: boolean;
}

export interface ContentDecision {
  /** The provider model to use instead of the tier target (undefined: keep the tier target). */
  model?: string;
  /** Why (change text). */
  reason?: Msg;
  /** A follow-up when the content needs a model the decision could not pick. */
  followUp?: { reason: Msg; action: Msg };
}

/** Part `type` values that carry an image / audio in Chat Completions and Responses input. */
export const IMAGE_PART_TYPES = new Set(['image_url', 'input_image']);
export const AUDIO_PART_TYPES = new Set(['input_audio']);
export const FILE_PART_TYPES = new Set(['file', 'input_file']);

const takesImages = (p: ProviderProfile, m: string) => (p.models.vision ?? []).includes(m);

/**
 * @param openaiId the OpenAI id in the code
 * @param target the provider id the tier map chose
 */
export function modelForContent(p: ProviderProfile, openaiId: string, target: string, c: RequestContent): ContentDecision {
  const d = byContent(p, openaiId, target, c);
  // File parts: no profile records a chat model that reads them (the reference has no such fact), so never a model switch.
  if (c.file === 'yes' && !d.followUp) {
    d.followUp = { reason: msg('content.file', { provider: shortName(p), target: d.model ?? target }), action: msg('content.file.todo') };
  }
  return d;
}

function byContent(p: ProviderProfile, openaiId: string, target: string, c: RequestContent): ContentDecision {
  const name = shortName(p);
  if (c.audio === 'yes') {
    const audio = p.tierMap.audioChat;
    if (audio && audio !== target) return { model: audio, reason: msg('content.audio', { target }) };
    if (!audio) {
      return { followUp: { reason: msg('content.audioNone', { provider: name, target }), action: msg('content.audioNone.todo') } };
    }
  }
  const vision = p.tierMap.vision;
  if (c.image === 'yes' && !takesImages(p, target)) {
    if (vision) return { model: vision, reason: msg('content.image', { target, vision }) };
    return { followUp: { reason: msg('content.imageNone', { provider: name }), action: msg('content.imageNone.todo') } };
  }
  if (c.image === 'unknown' && c.imageShapesNearby && vision && !takesImages(p, target)) {
    return { followUp: { reason: msg('content.imageRuntime', { id: openaiId, target }), action: msg('content.imageRuntime.todo', { vision, id: openaiId }) } };
  }
  const tools = p.requestRules.toolModels;
  if (c.tools && tools && !tools.models.includes(target)) {
    const to = tools.models[0];
    if (to && c.image !== 'yes') return { model: to, reason: cited(msg('content.tools', { provider: name, models: tools.models.join(', ') }), tools.url) };
  }
  return {};
}
