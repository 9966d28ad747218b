import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineKind } from '../../../electron/core/ssh/line-splitter.ts';

function split(chunks: (string | Buffer)[]): [LineKind, string][] {
  const out: [LineKind, string][] = [];
  const splitter = new LineSplitter((text, kind) => out.push([kind, text]));
  for (const c of chunks) splitter.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
  splitter.end();
  return out;
}

describe('LineSplitter', () => {
  it('cuts lines at \\n and drops the \\r of CRLF', () => {
    expect(split(['a\nb\r\nc\n'])).toEqual([['line', 'a'], ['line', 'b'], ['line', 'c']]);
  });

  it('reports \\r-rewritten progress as progress updates, the last one ending the line', () => {
    expect(split(['Clone: 1% done.\rClone: 2% done.\rClone: 100% done.\r\n'])).toEqual([
      ['progress', 'Clone: 1% done.'],
      ['progress', 'Clone: 2% done.'],
      ['line', 'Clone: 100% done.'],
    ]);
  });

  it('does not mistake a CRLF split across two chunks for a progress update', () => {
    expect(split(['one\r', '\ntwo\r', 'three\n'])).toEqual([['line', 'one'], ['progress', 'two'], ['line', 'three']]);
  });

  it('decodes UTF-8 characters split across chunks', () => {
    const bytes = Buffer.from('perché 🐑\n', 'utf8');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(split(chunks)).toEqual([['line', 'perché 🐑']]);
  });

  it('keeps a last line without newline, and a trailing bare \\r as progress', () => {
    expect(split(['done'])).toEqual([['line', 'done']]);
    expect(split(['50%\r'])).toEqual([['progress', '50%']]);
  });

  it('keeps empty lines but skips empty progress updates', () => {
    expect(split(['a\n\nb\r\r\n'])).toEqual([['line', 'a'], ['line', ''], ['line', 'b']]);
  });
});
