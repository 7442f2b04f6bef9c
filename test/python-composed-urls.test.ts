import { describe, expect, it } from 'vitest';
import { composedPath, isOpenAIHostOnly } from '../src/rules/composed-urls.js';
import { collectPyComposedUrls, litOf } from '../src/lang/python/composed-urls.js';
import { parsePython, type Node } from '../src/lang/python/parse.js';

describe('composed URLs (language-neutral)', () => {
  it('computes the path after /v1 and the literal that holds it', () => {
    expect(isOpenAIHostOnly('https://api.openai.com')).toBe(true);
    expect(isOpenAIHostOnly('https://api.openai.com/v1')).toBe(false);
    expect(composedPath('https://api.openai.com', [{ text: '/v1/chat/completions', lit: 'a' }])).toEqual({ rest: '/chat/completions', lit: 'a' });
    expect(composedPath('https://api.openai.com/', [{ text: 'v1/embeddings', lit: 'a' }])).toEqual({});
    expect(
      composedPath('https://api.openai.com', [
        { text: '/v1', lit: 'a' },
        { text: '/models?x=1', lit: 'b' },
      ]),
    ).toEqual({ rest: '/models', lit: 'a' });
    // not an OpenAI /v1 path, or the /v1 is not a literal's start
    expect(composedPath('https://api.openai.com', [{ text: '/dashboard', lit: 'a' }])).toEqual({});
    expect(composedPath('https://api.openai.com', [{ text: '/v1/chat' }])).toEqual({});
  });
});

describe('Python composed URLs', () => {
  async function collect(src: string) {
    const r = await parsePython(src);
    const py = r.py!;
    const values = new Map<string, Node>();
    for (const st of py.root.namedChildren) {
      const a = st?.namedChild(0);
      if (a?.type === 'assignment' && a.childForFieldName('left')?.type === 'identifier') values.set(a.childForFieldName('left')!.text, a.childForFieldName('right')!);
    }
    const out = collectPyComposedUrls([['m.py', py]], (abs, e) => {
      const v = e.type === 'identifier' ? values.get(e.text) : e;
      return v ? litOf(py, abs, v) : undefined;
    });
    return { out, text: src };
  }

  it('follows f-strings, + chains and urljoin to the /v1 literal', async () => {
    const { out, text } = await collect(
      'HOST = "https://api.openai.com"\nCHAT = "/v1/chat/completions"\na = f"{HOST}{CHAT}"\nb = HOST + "/v1/embeddings"\nc = urljoin(HOST, "/v1/models")\nd = HOST + path\ne = urljoin(HOST, "v1/models")\nf = f"{HOST!r}/v1/x"\ng = OTHER + "/v1/x"\n',
    );
    const uses = out.uses.get('m.py')!;
    expect(uses.map((u) => u.rest)).toEqual(['/chat/completions', '/embeddings', '/models', undefined, undefined]);
    expect(out.hosts.get('m.py')!.map((h) => text.slice(h, h + 22))).toEqual(['https://api.openai.com']);
    expect(out.paths.get('m.py')!.map((p) => text.slice(p.start, p.start + 3 + p.rest.length))).toEqual(['/v1/chat/completions', '/v1/embeddings', '/v1/models']);
  });
});
