import { en, type MessageKey } from './en.js';

/** Simplified Chinese messages: the same keys as en.ts (test/i18n.test.ts compares them). */
export const zh: Record<MessageKey, string> = { ...en };
