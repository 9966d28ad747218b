import { describe, expect, it } from 'vitest';
import { compileTemplate, HoleSlots, TemplateIndex } from '../../../electron/core/ghettovcb/log/matcher.ts';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';

function index(texts: Record<string, string>): { index: TemplateIndex<ReturnType<typeof compileTemplate>>; holes: HoleSlots } {
  const holes = new HoleSlots();
  return { index: new TemplateIndex(Object.entries(texts).map(([id, text]) => compileTemplate(id, text, holes))), holes };
}

/** The id and hole values (by name) of what `text` matches, or null. */
function read(texts: Record<string, string>, text: string, from?: number, to?: number): { id: string; values: Record<string, string> } | null {
  const { index: templates, holes } = index(texts);
  const hit = templates.match(text, from, to);
  if (hit === null) return null;
  const names = [...(Object.values(texts).find((t) => t === texts[hit.id]) ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  return { id: hit.id, values: Object.fromEntries(names.map((name) => [name, holes.values[holes.slot(name)] ?? ''])) };
}

const REMOVING = { snapshotRemove: 'Removing snapshot from {vm} ...', rotationRemove: 'Removing {path}' };

describe('TemplateIndex', () => {
  it('takes the template with the longest prefix the line starts with', () => {
    expect(read(REMOVING, 'Removing snapshot from web 01 ...')).toEqual({ id: 'snapshotRemove', values: { vm: 'web 01' } });
  });

  it('falls back to a shorter prefix when the longer template does not match the rest of the line', () => {
    // No ` ...` at the end: not the snapshot line, but still a `Removing {path}` line.
    expect(read(REMOVING, 'Removing snapshot from web 01')).toEqual({ id: 'rotationRemove', values: { path: 'snapshot from web 01' } });
    expect(read(REMOVING, 'Removing /vmfs/volumes/nfs/web/web-2025')).toEqual({ id: 'rotationRemove', values: { path: '/vmfs/volumes/nfs/web/web-2025' } });
  });

  it('tells apart prefixes of the same length and the same first characters', () => {
    const texts = { start: '=== LOG START ===', end: '=== LOG END ====={x}' };
    expect(read(texts, '=== LOG START ===')?.id).toBe('start');
    expect(read(texts, '=== LOG END =====tail')).toEqual({ id: 'end', values: { x: 'tail' } });
    expect(read(texts, '=== LOG STOP ====')).toBeNull();
  });

  it('reads the characters of a template literally, not as a pattern', () => {
    const texts = { odd: 'a.b (x) [y]+ {v} $end?' };
    expect(read(texts, 'a.b (x) [y]+ 1 $end?')).toEqual({ id: 'odd', values: { v: '1' } });
    expect(read(texts, 'aXb (x) [y]+ 1 $end?')).toBeNull();
    expect(read(texts, 'a.b (x) yy+ 1 $end?')).toBeNull();
  });

  it('returns null for a line no prefix starts, or one that ends inside a prefix', () => {
    expect(read(REMOVING, 'Skipping invalid VM 12')).toBeNull();
    expect(read(REMOVING, 'Removin')).toBeNull();
    expect(read(REMOVING, '')).toBeNull();
  });

  it('matches only from `from` to `to` even when the text goes on with the rest of a longer prefix', () => {
    const text = 'xxRemoving snapshot from web ...';
    // `to` cuts the line inside the longer prefix: only the short one is in it.
    expect(read(REMOVING, text, 2, 15)).toEqual({ id: 'rotationRemove', values: { path: 'snap' } });
    expect(read(REMOVING, text, 2)).toEqual({ id: 'snapshotRemove', values: { vm: 'web' } });
  });

  it('gives a caller its prefix pattern, to read the prefix within its own expression', () => {
    const { index: templates, holes } = index(REMOVING);
    const line = new RegExp(`\\d\\d: (?:${templates.prefixPattern})?`, 'y');
    const text = '12: Removing snapshot from db ...';
    line.lastIndex = 0;
    expect(line.test(text)).toBe(true);
    expect(line.lastIndex).toBe('12: Removing snapshot from '.length);
    expect(templates.matchAfterPrefix(text, 4, line.lastIndex, text.length)?.id).toBe('snapshotRemove');
    expect(holes.values[holes.slot('vm')]).toBe('db');
  });

  it('finds nothing when the caller found no prefix, whatever the line starts with', () => {
    const { index: templates } = index({ ...REMOVING, start: '=== LOG START ===', odd: 'a.b (x) [y]+ {v} $end?' });
    const missed: string[] = [];
    for (let c0 = 32; c0 < 127; c0++) {
      for (let c1 = 32; c1 < 127; c1++) {
        const text = `${String.fromCharCode(c0, c1)} and the rest of a line ...`;
        if (templates.matchAfterPrefix(text, 0, 0, text.length) !== null) missed.push(text.slice(0, 2));
      }
    }
    expect(missed).toEqual([]);
  });

  it('refuses a template whose prefix is too short to index', () => {
    expect(() => index({ short: 'ab {x}' })).toThrow(/prefix of 4 to 255 characters/);
  });
});

describe('parser lines no template starts', () => {
  it('keeps every stamped line whose message starts with no template prefix as unrecognised', () => {
    const lines: string[] = [];
    for (let c0 = 33; c0 < 127; c0++) for (let c1 = 32; c1 < 127; c1++) lines.push(`2025-01-01 04:30:00 -- info: ${String.fromCharCode(c0, c1)}~ not a ghettoVCB message`);
    const runs = parseLog(`${lines.join('\n')}\n`).runs;
    expect(runs.reduce((n, r) => n + r.unrecognizedCount, 0)).toBe(lines.length);
  });
});
