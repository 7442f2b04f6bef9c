/**
 * Offsets between tree-sitter and the engine. Tree-sitter counts bytes of the
 * encoding it parsed: UTF-8 for the native library and for web-tree-sitter
 * callers that hand it bytes; web-tree-sitter given a JS string parses UTF-16
 * and reports code-unit indices. FileContext edits are JS string (UTF-16)
 * offsets, so the parser module probes once which unit the loaded binding
 * reports and converts through this class when it is bytes.
 */
export class Utf8Offsets {
  /** byteStarts[i] = UTF-8 byte offset of UTF-16 index i (length text.length + 1). */
  private readonly byteAt: Uint32Array;
  private readonly ascii: boolean;

  constructor(readonly text: string) {
    this.ascii = !/[^\x00-\x7f]/.test(text);
    this.byteAt = new Uint32Array(this.ascii ? 0 : text.length + 1);
    if (this.ascii) return;
    let b = 0;
    for (let i = 0; i < text.length; i++) {
      this.byteAt[i] = b;
      const c = text.charCodeAt(i);
      if (c < 0x80) b += 1;
      else if (c < 0x800) b += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        // surrogate pair: 4 bytes for the pair, the low half sits at the same byte offset
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.byteAt[i + 1] = b;
          b += 4;
          i++;
          continue;
        }
        b += 3;
      } else b += 3;
    }
    this.byteAt[text.length] = b;
  }

  /** UTF-16 index -> UTF-8 byte offset. */
  toByte(index: number): number {
    return this.ascii ? index : this.byteAt[index]!;
  }

  /** UTF-8 byte offset -> UTF-16 index (a byte inside a character maps to that character's start). */
  toIndex(byte: number): number {
    if (this.ascii) return byte;
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.byteAt[mid]! <= byte) lo = mid;
      else hi = mid - 1;
    }
    // the low half of a surrogate pair shares its byte offset with the high half
    if (lo > 0 && this.byteAt[lo - 1] === this.byteAt[lo]) lo--;
    return lo;
  }
}
