/**
 * Output gathered into writes of about `size` bytes, each piece encoded to UTF-8 as it is added. A long output
 * (a run summary per run of a big log) kept as one string until written costs more to encode than to produce:
 * V8 encodes a string holding one non-Latin-1 character (the summaries' `→`) several times slower once it is
 * a large concatenation than piece by piece. Every write ends on a piece boundary, so it holds whole characters.
 */
export class Utf8Batch {
  private readonly write: (bytes: Uint8Array) => void;
  private readonly size: number;
  private buf: Buffer;
  private used = 0;

  constructor(write: (bytes: Uint8Array) => void, size = 64 * 1024) {
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

  /** Hands the bytes gathered so far to `write`, which may keep them: the next ones go to a new buffer. */
  flush(): void {
    if (this.used === 0) return;
    const bytes = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(this.size);
    this.used = 0;
    this.write(bytes);
  }
}
