/** Extensions the JS/TS handler owns (kept apart from the parser so that matching loads nothing heavy). */
export const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Single-file components whose `<script>` blocks hold JS/TS (Vue, Svelte). */
export const SFC_EXTENSIONS = ['.vue', '.svelte'];

export const isSfc = (file: string) => SFC_EXTENSIONS.some((e) => file.toLowerCase().endsWith(e));

/**
 * The `<script>` blocks of a single-file component as a program with the same
 * offsets: every character outside them becomes a space (line breaks stay), so
 * nodes found in the masked text are edits at the same offsets of the file.
 */
export function maskSfc(text: string): string {
  const out = text.split('');
  const keep = new Uint8Array(text.length);
  const re = /<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].indexOf('>') + 1;
    const end = start + m[1]!.length;
    keep.fill(1, start, end);
  }
  for (let i = 0; i < out.length; i++) if (!keep[i] && out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  return out.join('');
}

/** Offset of a `<script ...>` opening tag with no `</script>` after it, or -1. */
export function unclosedScript(text: string): number {
  const re = /<script\b[^>]*>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const close = text.slice(re.lastIndex).search(/<\/script\s*>/i);
    if (close < 0) return m.index;
    re.lastIndex += close;
  }
  return -1;
}
