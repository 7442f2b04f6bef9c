/**
 * Text from the user's tree (file names, lines of code, values in messages) is
 * data in every output: a line break in a file name must not start a new line
 * (a fake `::error` workflow command, a forged summary line), and an escape
 * sequence must not reach the terminal. `printable` shows control characters
 * as escapes (`\n`, `\x1b`, `\u009b`); tabs stay unless `tabs` is false.
 */
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

export function printable(s: string, tabs = true): string {
  if (!s) return s;
  return s.replace(tabs ? /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g : /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0'));
  });
}

/** A multi-line text (a diff): each line made printable, the line breaks kept. */
export function printableLines(s: string): string {
  return s
    .split('\n')
    .map((l) => printable(l.endsWith('\r') ? l.slice(0, -1) : l) + (l.endsWith('\r') ? '\r' : ''))
    .join('\n');
}
