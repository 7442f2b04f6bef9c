import { isMap, isPair, isScalar, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { scalarRange } from './sites.js';

/**
 * Environment variables set in YAML: docker-compose `environment:` (map form
 * `OPENAI_API_KEY: ${OPENAI_API_KEY}` and list form `- OPENAI_API_KEY=...` /
 * `- OPENAI_API_KEY`), GitHub Actions `env:` (workflow, job and step level),
 * and Kubernetes `env:` lists (`- name: OPENAI_API_KEY`).
 */
export interface YamlEnvEntry {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The value text and its range, when there is one that can be edited in place. */
  value?: string;
  valueStart?: number;
  valueEnd?: number;
  /** Start of the entry (the key, or the list item's scalar / map). */
  itemStart: number;
  /** The entry spans one line. */
  oneLine: boolean;
  shape: 'map' | 'list' | 'k8s';
  /** Names set in the same block. */
  block: Set<string>;
  /** Number of entries in the block. */
  blockSize: number;
  /** Kubernetes: the entry reads a secret (`valueFrom:`). */
  valueFrom?: boolean;
}

const ENV_KEYS = new Set(['environment', 'env']);

export function yamlEnvEntries(text: string, docs: Document[]): YamlEnvEntry[] {
  const out: YamlEnvEntry[] = [];
  const oneLine = (a: number, b: number) => !text.slice(a, b).includes('\n');
  const fromMap = (m: YAMLMap) => {
    const block = new Set<string>();
    const list: YamlEnvEntry[] = [];
    for (const p of m.items) {
      if (!isPair(p) || !isScalar(p.key) || typeof p.key.value !== 'string' || !p.key.range) continue;
      const name = p.key.value;
      block.add(name);
      const [ks, ke] = p.key.range;
      const e: YamlEnvEntry = { name, nameStart: ks, nameEnd: ke, itemStart: ks, oneLine: true, shape: 'map', block, blockSize: m.items.length };
      if (isScalar(p.value)) {
        const r = scalarRange(text, p.value);
        if (r?.editable) Object.assign(e, { value: p.value.value as string, valueStart: r.start, valueEnd: r.end });
        e.oneLine = oneLine(ks, p.value.range?.[1] ?? ke);
        if (p.value.value === null) e.value = undefined;
      } else if (p.value) e.oneLine = false;
      list.push(e);
    }
    return list;
  };
  const fromSeq = (s: YAMLSeq) => {
    const block = new Set<string>();
    const list: YamlEnvEntry[] = [];
    for (const it of s.items) {
      if (isScalar(it) && typeof it.value === 'string' && it.range) {
        // Compose list form: NAME=value or NAME.
        const r = scalarRange(text, it);
        if (!r?.editable) continue;
        const eq = it.value.indexOf('=');
        const name = eq < 0 ? it.value : it.value.slice(0, eq);
        block.add(name);
        const e: YamlEnvEntry = {
          name,
          nameStart: r.start,
          nameEnd: r.start + name.length,
          itemStart: it.range[0],
          oneLine: oneLine(it.range[0], it.range[1]),
          shape: 'list',
          block,
          blockSize: s.items.length,
        };
        if (eq >= 0) Object.assign(e, { value: it.value.slice(eq + 1), valueStart: r.start + eq + 1, valueEnd: r.end });
        list.push(e);
      } else if (isMap(it) && it.range) {
        // Kubernetes form: - name: NAME / value: ... / valueFrom: ...
        const np = it.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'name');
        if (!np || !isScalar(np.value) || typeof np.value.value !== 'string') continue;
        const r = scalarRange(text, np.value);
        if (!r?.editable) continue;
        const name = np.value.value;
        block.add(name);
        const vp = it.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'value');
        const e: YamlEnvEntry = { name, nameStart: r.start, nameEnd: r.end, itemStart: it.range[0], oneLine: false, shape: 'k8s', block, blockSize: s.items.length };
        e.valueFrom = it.items.some((p) => isPair(p) && isScalar(p.key) && p.key.value === 'valueFrom');
        if (vp && isScalar(vp.value)) {
          const vr = scalarRange(text, vp.value);
          if (vr?.editable) Object.assign(e, { value: vp.value.value as string, valueStart: vr.start, valueEnd: vr.end });
        }
        list.push(e);
      }
    }
    return list;
  };
  const walk = (n: unknown) => {
    if (isMap(n)) {
      for (const p of n.items) {
        if (!isPair(p)) continue;
        if (isScalar(p.key) && ENV_KEYS.has(String(p.key.value))) {
          if (isMap(p.value)) out.push(...fromMap(p.value));
          else if (isSeq(p.value)) out.push(...fromSeq(p.value));
          continue;
        }
        walk(p.value);
      }
    } else if (isSeq(n)) for (const it of n.items) walk(it);
  };
  for (const d of docs) walk(d.contents);
  return out;
}
