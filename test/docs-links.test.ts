import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks and inline code spans (links there are not links). */
function prose(md: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.split('\n')) {
    const m = /^\s*(```|~~~)/.exec(line);
    if (m) {
      if (!fence) fence = m[1];
      else if (m[1] === fence) fence = undefined;
      out.push('');
      continue;
    }
    out.push(fence ? '' : line.replace(/`[^`]*`/g, (s) => (/\]\(/.test(s) ? '``' : s)));
  }
  return out;
}

/** GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens, -1/-2 for repeats) and explicit `<a id>`s. */
export function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(md)) {
    for (const a of line.matchAll(/<a (?:id|name)="([^"]+)"/g)) out.add(a[1]!);
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const text = h[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/`/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Relative link targets of a Markdown file: `[text](target)` outside code. */
function links(md: string): Array<{ line: number; target: string }> {
  const out: Array<{ line: number; target: string }> = [];
  prose(md).forEach((line, i) => {
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      out.push({ line: i + 1, target });
    }
  });
  return out;
}

describe('relative links in README.md, CONTRIBUTING.md and docs/*.md resolve', () => {
  it('the anchor helper follows GitHub (punctuation, code, repeats)', () => {
    const a = anchors('# A\n## Chinese output: `--lang zh`\n## What gets rewritten (JS/TS)\n## A\n```sh\n# not a heading\n```\n<a id="x"></a>');
    expect([...a]).toEqual(['a', 'chinese-output---lang-zh', 'what-gets-rewritten-jsts', 'a-1', 'x']);
  });
  for (const doc of DOCS) {
    it(doc, () => {
      const text = readFileSync(path.join(ROOT, doc), 'utf8');
      const broken: string[] = [];
      for (const { line, target } of links(text)) {
        const [file, hash] = target.split('#') as [string, string | undefined];
        const abs = file ? path.resolve(path.dirname(path.join(ROOT, doc)), decodeURI(file)) : path.join(ROOT, doc);
        if (!abs.startsWith(ROOT + path.sep)) {
          broken.push(`${doc}:${line} ${target} (outside the repository)`);
          continue;
        }
        if (!existsSync(abs)) {
          broken.push(`${doc}:${line} ${target} (no such file)`);
          continue;
        }
        if (hash && abs.endsWith('.md') && statSync(abs).isFile() && !anchors(readFileSync(abs, 'utf8')).has(hash)) {
          broken.push(`${doc}:${line} ${target} (no such anchor)`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});
