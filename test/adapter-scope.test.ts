import { describe, expect, it } from 'vitest';
import { adapterScope } from '../src/rules/adapters.js';

describe("adapterScope: one app's own target adapter governs only that app", () => {
  it('the selection is looked for next to the adapter or one folder up; the scope is their common folder', () => {
    const s = adapterScope('apps/chat/src/providers/deepseek.ts');
    expect(s.selectionNear('apps/chat/src/registry.ts')).toBe(true);
    expect(s.selectionNear('apps/chat/src/providers/index.ts')).toBe(true);
    expect(s.selectionNear('apps/other/src/registry.ts')).toBe(false);
    // A sibling folder (another fixture, another feature) is not where this adapter is selected.
    expect(s.selectionNear('apps/chat/src/features/registry.ts')).toBe(false);
    const inScope = s.within('apps/chat/src/registry.ts');
    expect(inScope('apps/chat/src/providers/openai.ts')).toBe(true);
    expect(inScope('apps/chat/src/config.ts')).toBe(true);
    expect(inScope('apps/other/src/openai.ts')).toBe(false);
    expect(inScope('apps/chatbot/src/openai.ts')).toBe(false);
  });
  it('an adapter at the root of the run covers the whole run', () => {
    const s = adapterScope('deepseek.ts');
    expect(s.selectionNear('registry.ts')).toBe(true);
    expect(s.within('registry.ts')('lib/openai.ts')).toBe(true);
  });
});
