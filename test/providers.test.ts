import { describe, expect, it } from 'vitest';
import { PROVIDERS, resolveTarget, getProvider } from '../src/providers/index.js';
import { ENDPOINTS, OPENAI_TIERS } from '../src/providers/types.js';
import { msg } from '../src/i18n/msg.js';

describe('provider profiles', () => {
  it('cover the 14 providers of the reference', () => {
    expect(PROVIDERS.map((p) => p.id).sort()).toEqual([
      'baichuan',
      'deepseek',
      'doubao',
      'ernie',
      'hunyuan',
      'minimax',
      'moonshot',
      'qwen',
      'sensenova',
      'siliconflow',
      'spark',
      'stepfun',
      'yi',
      'zhipu',
    ]);
  });
  it('drop reasons use the one wording the parameter messages are built with by id (src/rules/params.ts)', () => {
    for (const p of PROVIDERS) {
      const standard = msg('param.notDocumented', { provider: p.name }).text;
      for (const [name, reason] of Object.entries(p.params.drop)) expect(reason, `${p.id} ${name}`).toBe(standard);
    }
  });
  it('ids and aliases are unique across providers', () => {
    const all = PROVIDERS.flatMap((p) => [p.id, ...p.aliases].map((x) => x.toLowerCase()));
    expect(new Set(all).size).toBe(all.length);
  });
  for (const p of PROVIDERS) {
    describe(p.id, () => {
      it('has https base URLs and a default region that exists', () => {
        expect(p.regions[p.defaultRegion]).toBeDefined();
        for (const r of Object.values(p.regions)) expect(new URL(r.baseURL).protocol).toBe('https:');
      });
      it('maps every tier to a model of its catalogue or to null', () => {
        const catalogue = new Set(Object.values(p.models).flat());
        for (const t of OPENAI_TIERS) {
          const v = p.tierMap[t];
          if (v !== null) expect(catalogue.has(v), `${t} -> ${v}`).toBe(true);
        }
        expect(p.tierMap.flagship).not.toBeNull();
        expect(p.tierMap.fast).not.toBeNull();
      });
      it('states every endpoint, and maps no tier onto an endpoint it lacks', () => {
        for (const e of ENDPOINTS) expect(['yes', 'partial', 'no', 'unknown']).toContain(p.endpoints[e]);
        if (p.endpoints.embeddings === 'no') expect(p.tierMap.embeddingSmall).toBeNull();
        if (p.endpoints.images === 'no') expect(p.tierMap.image).toBeNull();
      });
      it('carries sources and an as-of date', () => {
        expect(p.sources.length).toBeGreaterThan(0);
        for (const s of p.sources) expect(s.url).toMatch(/^https:\/\//);
        expect(p.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(p.apiKeyEnv).toMatch(/^[A-Z][A-Z0-9_]+$/);
      });
      it('ranges are well formed', () => {
        for (const [k, r] of Object.entries(p.params.ranges)) {
          if (r.min !== null && r.max !== null) expect(r.min, k).toBeLessThan(r.max);
        }
      });
    });
  }
  it('regions: mainland by default, intl by alias', () => {
    expect(resolveTarget(getProvider('qwen')).baseURL).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1');
    expect(resolveTarget(getProvider('qwen'), 'intl').baseURL).toBe('https://dashscope-intl.aliyuncs.com/compatible-mode/v1');
    expect(resolveTarget(getProvider('glm'), 'intl')).toMatchObject({ baseURL: 'https://api.z.ai/api/paas/v4', apiKeyEnv: 'ZAI_API_KEY' });
    expect(resolveTarget(getProvider('kimi'), 'intl').baseURL).toBe('https://api.moonshot.ai/v1');
    expect(resolveTarget(getProvider('ark'), 'byteplus').baseURL).toBe('https://ark.ap-southeast.bytepluses.com/api/v3');
    expect(() => resolveTarget(getProvider('deepseek'), 'intl')).toThrow(/Valid regions: global/);
  });
});
