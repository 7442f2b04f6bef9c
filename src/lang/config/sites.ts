import { isMap, isPair, isScalar, isSeq, type Document, type Node as YNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { JNode } from './json.js';
import type { TomlScan } from './toml.js';

/**
 * A string value in a config file, with the key path leading to it and its
 * content range (inside quotes). `editable` is false when the raw text differs
 * from the value (escapes, YAML block scalars): such values are reported, not edited.
 */
export interface ValueSite {
  /** Key path; array items as `[]`. The last key is the nearest one. */
  path: string[];
  value: string;
  start: number;
  end: number;
  editable: boolean;
  /** Keys of the object holding the value (JSON, YAML): tells a pricing-table record from a setting. */
  keys?: string[];
  /** YAML: the scalar and the map holding it (for sibling checks and insertions). */
  scalar?: Scalar;
  map?: YAMLMap;
  pair?: Pair;
}

/** The nearest key of a site (skipping array levels). */
export const nearestKey = (s: ValueSite) => [...s.path].reverse().find((k) => k !== '[]') ?? '';

/** Content range of a YAML scalar: plain as is, quoted without the quotes; block scalars are not editable. */
export function scalarRange(text: string, s: Scalar): { start: number; end: number; editable: boolean } | undefined {
  if (!s.range || typeof s.value !== 'string') return undefined;
  const [a, b] = s.range;
  if (s.type === 'PLAIN') return { start: a, end: b, editable: text.slice(a, b) === s.value };
  if (s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE') return { start: a + 1, end: b - 1, editable: text.slice(a + 1, b - 1) === s.value };
  return { start: a, end: b, editable: false };
}

/** String values of YAML documents. */
export function yamlSites(text: string, docs: Document[]): ValueSite[] {
  const out: ValueSite[] = [];
  const walk = (n: unknown, path: string[], map?: YAMLMap, pair?: Pair, keys?: string[]) => {
    if (isMap(n)) {
      const ks = n.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : '?'));
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = isScalar(p.key) ? String(p.key.value) : '?';
        walk(p.value, [...path, k], n, p, ks);
      }
    } else if (isSeq(n)) {
      for (const it of n.items) walk(it, [...path, '[]']);
    } else if (isScalar(n)) {
      const r = scalarRange(text, n);
      if (r) out.push({ path, value: n.value as string, ...r, keys, scalar: n, map, pair });
    }
  };
  for (const d of docs) walk(d.contents as YNode | null, []);
  return out;
}

/** String values of a JSON(C) tree (offset `base` for JSONL lines). */
export function jsonSites(root: JNode, base = 0): ValueSite[] {
  const out: ValueSite[] = [];
  const walk = (n: JNode, path: string[], keys?: string[]) => {
    if (n.type === 'object')
      for (const p of n.props)
        walk(
          p.value,
          [...path, p.key],
          n.props.map((q) => q.key),
        );
    else if (n.type === 'array') for (const it of n.items) walk(it, [...path, '[]']);
    else if (n.type === 'string') out.push({ path, value: n.value, start: base + n.start + 1, end: base + n.end - 1, editable: n.plain, keys });
  };
  walk(root, []);
  return out;
}

/** String values of a TOML scan. */
export function tomlSites(scan: TomlScan): ValueSite[] {
  return scan.values.map((v) => ({ path: v.path, value: v.value, start: v.start, end: v.end, editable: v.plain }));
}
