import { describe, expect, it } from 'vitest';
import { Utf8Batch } from '../../../electron/cli/utf8-batch.ts';

/** What a batch of `size` bytes writes, each write decoded on its own (as a caller that reads writes apart would). */
function writes(size: number, fill: (batch: Utf8Batch) => void, reuse: boolean): { text: string; pieces: string[]; buffers: Set<string> } {
  const pieces: string[] = [];
  // Where each write's memory is: small buffers share one pool, so its place in it counts too.
  const ids = new Map<ArrayBufferLike, number>();
  const buffers = new Set<string>();
  const batch = new Utf8Batch((bytes) => {
    // A piece that ends inside a character would decode to U+FFFD here.
    pieces.push(Buffer.from(bytes).toString('utf8'));
    if (!ids.has(bytes.buffer)) ids.set(bytes.buffer, ids.size);
    buffers.add(`${ids.get(bytes.buffer)}@${bytes.byteOffset}`);
    return reuse;
  }, size);
  fill(batch);
  batch.flush();
  return { text: pieces.join(''), pieces, buffers };
}

describe('Utf8Batch', () => {
  const text = 'Schüler → 😀 €'.repeat(50);
  const bytes = Buffer.from(text, 'utf8');

  it('writes bytes added whole, each write ending on a whole character', () => {
    for (const size of [16, 17, 18, 19, 64, 1000]) {
      const out = writes(size, (b) => b.addBytes(bytes), false);
      expect(out.text).toBe(text);
      expect(out.pieces.every((p) => !p.includes('\uFFFD'))).toBe(true);
      expect(Math.max(...out.pieces.map((p) => Buffer.byteLength(p)))).toBeLessThanOrEqual(size);
    }
  });

  it('copies bytes added, so that the caller may fill them again', () => {
    const source = Buffer.from('abcdef');
    const out = writes(64, (b) => {
      b.addBytes(source);
      source.fill(0x78);
      b.add('→');
    }, false);
    expect(out.text).toBe('abcdef→');
  });

  it('writes text and bytes in the order they came', () => {
    const out = writes(32, (b) => {
      for (let i = 0; i < 20; i++) {
        b.add(`run ${i}: `);
        b.addBytes(Buffer.from(`ü${i}→\n`));
      }
    }, false);
    expect(out.text).toBe(Array.from({ length: 20 }, (_, i) => `run ${i}: ü${i}→\n`).join(''));
  });

  it('fills the same buffer again only when the writer says it kept nothing', () => {
    const fill = (b: Utf8Batch) => b.addBytes(bytes);
    expect(writes(64, fill, true).buffers.size).toBe(1);
    expect(writes(64, fill, false).buffers.size).toBeGreaterThan(10);
    expect(writes(64, fill, true).text).toBe(text);
  });
});
