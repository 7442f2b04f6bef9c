import { shortName } from '../providers/index.js';
import type { ProviderProfile } from '../providers/types.js';
import { cite } from './params.js';

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
  reason?: string;
  /** A follow-up when the content needs a model the decision could not pick. */
  followUp?: { reason: string; action: string };
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
    d.followUp = {
      reason: `the messages carry file parts (type "file" / "input_file"); ${shortName(p)} does not document file parts on its OpenAI-compatible chat API, so ${d.model ?? target} may reject them or ignore the file`,
      action: "extract the file's text and send it in the message, or use the provider's own file API if it has one",
    };
  }
  return d;
}

function byContent(p: ProviderProfile, openaiId: string, target: string, c: RequestContent): ContentDecision {
  const name = shortName(p);
  if (c.audio === 'yes') {
    const audio = p.tierMap.audioChat;
    if (audio && audio !== target) return { model: audio, reason: `the messages carry audio parts; ${target} takes no audio` };
    if (!audio) {
      return {
        followUp: {
          reason: `the messages carry audio parts (input_audio); ${name} has no chat model that takes audio, so ${target} will reject them`,
          action: 'transcribe the audio first, or keep this call on a service that takes audio input',
        },
      };
    }
  }
  const vision = p.tierMap.vision;
  if (c.image === 'yes' && !takesImages(p, target)) {
    if (vision) return { model: vision, reason: `the messages carry image parts; ${target} takes no images, ${vision} does` };
    return {
      followUp: {
        reason: `the messages carry image parts; ${name} has no chat model that takes images on its OpenAI-compatible API`,
        action: 'keep this call on a service that takes images, or describe the image in text',
      },
    };
  }
  if (c.image === 'unknown' && c.imageShapesNearby && vision && !takesImages(p, target)) {
    return {
      followUp: {
        reason: `the messages of this ${openaiId} request are built at run time and this file builds image parts; ${target} takes no images`,
        action: `send requests that carry images to ${vision} (e.g. --model ${openaiId}=${vision})`,
      },
    };
  }
  const tools = p.requestRules.toolModels;
  if (c.tools && tools && !tools.models.includes(target)) {
    const to = tools.models[0];
    if (to && c.image !== 'yes') return { model: to, reason: `the request sends tools; ${name} serves tools only on ${tools.models.join(', ')}${cite(tools.url)}` };
  }
  return {};
}
