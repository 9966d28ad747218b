import { StringDecoder } from 'node:string_decoder';

export type LineKind = 'line' | 'progress';

/**
 * Cuts a byte stream into lines as they arrive. A `\n` ends a line (a `\r` just before it is dropped); a lone
 * `\r` ends a progress update that the next one replaces (`Clone: 37% done.\rClone: 38% done.`). UTF-8 split
 * across chunks is decoded whole.
 */
export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  readonly #emit: (text: string, kind: LineKind) => void;
  #pending = '';
  /** A `\r` at the end of a chunk: only the next byte tells whether it was CRLF or a progress update. */
  #carriageReturn = false;

  constructor(emit: (text: string, kind: LineKind) => void) {
    this.#emit = emit;
  }

  push(chunk: Buffer): void {
    this.#scan(this.#decoder.write(chunk));
  }

  /** End of stream: whatever is left is a last line without its newline. */
  end(): void {
    this.#scan(this.#decoder.end());
    if (this.#carriageReturn) {
      this.#carriageReturn = false;
      this.#emit(this.#pending, 'progress');
      this.#pending = '';
    }
    if (this.#pending !== '') this.#emit(this.#pending, 'line');
    this.#pending = '';
  }

  #scan(text: string): void {
    for (const ch of text) {
      if (this.#carriageReturn) {
        // `\r\r\n` (doubled by some converters) is still one line end.
        if (ch === '\r') continue;
        this.#carriageReturn = false;
        if (ch === '\n') {
          this.#flush('line');
          continue;
        }
        this.#flush('progress');
      }
      if (ch === '\n') this.#flush('line');
      else if (ch === '\r') this.#carriageReturn = true;
      else this.#pending += ch;
    }
  }

  #flush(kind: LineKind): void {
    const text = this.#pending;
    this.#pending = '';
    // A `\r` at the start of a line (a tool clearing its progress) is an empty update that says nothing.
    if (kind === 'progress' && text === '') return;
    this.#emit(text, kind);
  }
}
