/**
 * Output gathered into writes of about `size` bytes, each piece encoded to UTF-8 as it is added. A long output
 * (a run summary per run of a big log) kept as one string until written costs more to encode than to produce:
 * V8 encodes a string holding one non-Latin-1 character (the summaries' `→`) several times slower once it is
 * a large concatenation than piece by piece. Every write ends on a piece boundary, so it holds whole characters.
 */
export class Utf8Batch {
  private readonly write: (bytes: Uint8Array) => boolean | void;
  private readonly size: number;
  private buf: Buffer;
  private used = 0;

  constructor(write: (bytes: Uint8Array) => boolean | void, size = 64 * 1024) {
    this.write = write;
    this.size = size;
    this.buf = Buffer.allocUnsafe(size);
  }

  add(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
    if (this.used + text.length * 3 > this.size) {
      this.flush();
      if (text.length * 3 > this.size) {
        this.write(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  /**
   * UTF-8 bytes that end on a whole character. They are copied, so the caller may fill `bytes` again; a write still
   * ends on a whole character.
   */
  addBytes(bytes: Uint8Array): void {
    let from = 0;
    while (from < bytes.length) {
      let n = Math.min(bytes.length - from, this.size - this.used);
      // Not in the middle of a character (before a 10xxxxxx byte).
      while (n > 0 && from + n < bytes.length && ((bytes[from + n] ?? 0) & 0xc0) === 0x80) n--;
      if (n === 0) {
        this.flush();
        continue;
      }
      this.buf.set(bytes.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
    }
  }

  /**
   * Hands the bytes gathered so far to `write`. Unless it says it did not keep them (`true`), the next ones go to a
   * new buffer; a buffer used again leaves no garbage behind on a thread that allocates little else to prompt a
   * collection (log-pieces.ts).
   */
  flush(): void {
    if (this.used === 0) return;
    const bytes = this.buf.subarray(0, this.used);
    this.used = 0;
    if (this.write(bytes) !== true) this.buf = Buffer.allocUnsafe(this.size);
  }
}
