import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { MARK_END, MARK_START, snippet } from '../../../electron/core/logs/highlight.ts';
import { LogCatalog } from '../../../electron/core/logs/log-catalog.ts';
import { nightlyLog, stamp, type GenVm } from './log-generator.ts';

const VMS: GenVm[] = [
  { name: 'didattica-dc01', outcome: 'ok' },
  { name: 'didattica-app.v2', outcome: 'ok' },
];

interface Night {
  host: string;
  start: Date;
  text: string;
}

/** The lines of a night holding `word` (any case), by their 1-based line number: read off the generated text. */
const linesWith = (n: Night, word: string): number[] =>
  n.text
    .split('\n')
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => l.toLowerCase().includes(word.toLowerCase()))
    .map(([, i]) => i);

describe('fleet-wide search: the newest lines in time, whatever the order logs were imported in', () => {
  let dir: string;
  let db: DatabaseSync;
  let catalog: LogCatalog;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'custode-search-'));
    db = openDatabase(join(dir, 'data', 'custode.sqlite'));
    catalog = new LogCatalog(db, join(dir, 'data'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Six nights of a host, written to its own folder; `hour` is when its backups start. */
  const nights = (host: string, hour: number, from = 0, count = 6): Night[] => {
    mkdirSync(join(dir, host), { recursive: true });
    return Array.from({ length: count }, (_, i) => {
      const start = new Date(Date.UTC(2026, 0, 1 + from + i, hour, 0, 1));
      const text = nightlyLog({ host, start, vms: VMS, level: i % 2 === 0 ? 'info' : 'debug' });
      writeFileSync(join(dir, host, `ghettoVCB-${start.getTime() / 1000}.log`), text);
      return { host, start, text };
    });
  };

  /** What the search must show: every line holding the word, newest run first and later lines first, cut at `limit`. */
  const expected = (all: Night[], word: string, limit: number): { run: string; lines: number[] }[] => {
    const hits = all
      .flatMap((n) => linesWith(n, word).map((line) => ({ n, line })))
      .sort((a, b) => b.n.start.getTime() - a.n.start.getTime() || b.line - a.line)
      .slice(0, limit);
    const groups: { run: string; lines: number[] }[] = [];
    for (const h of hits) {
      const run = `${h.n.host} ${stamp(h.n.start)}`;
      if (groups.at(-1)?.run !== run) groups.push({ run, lines: [] });
      groups.at(-1)!.lines.unshift(h.line);
    }
    return groups;
  };

  const shown = (query: string, limit: number) => {
    const result = catalog.reader.search(query, limit);
    return { groups: result.groups.map((g) => ({ run: `${g.run.hostName} ${g.run.startedAt}`, lines: g.hits.map((h) => h.line) })), result };
  };

  it('interleaves two hosts imported one folder after the other by the time their runs started', async () => {
    // esxi-08 backs up at 04:00 and is imported first; esxi-02 at 01:00, imported last (its lines have the highest
    // rowids). The newest lines are esxi-08's of the last night, then esxi-02's of that night, then the night before.
    const late = nights('esxi-08', 4);
    const early = nights('esxi-02', 1);
    await catalog.import(join(dir, 'esxi-08'), { host: 'esxi-08' });
    await catalog.import(join(dir, 'esxi-02'), { host: 'esxi-02' });
    const all = [...late, ...early];
    expect(linesWith(early[4]!, 'dc01').length).toBeGreaterThan(1);
    // A limit that cuts inside the fourth newest run: the oldest run shown has only its last line.
    const limit = [late[5]!, early[5]!, late[4]!].reduce((n, night) => n + linesWith(night, 'dc01').length, 0) + 1;
    const { groups, result } = shown('dc01', limit);
    expect(groups).toEqual(expected(all, 'dc01', limit));
    expect(groups.map((g) => g.run)).toEqual(['esxi-08 2026-01-06 04:00:01', 'esxi-02 2026-01-06 01:00:01', 'esxi-08 2026-01-05 04:00:01', 'esxi-02 2026-01-05 01:00:01']);
    expect(groups.at(-1)!.lines).toEqual([linesWith(early[4]!, 'dc01').at(-1)]);
    expect(result).toMatchObject({ total: limit, truncated: true });
    // Every line shown is the very line of the file, and its snippet marks the word.
    for (const g of result.groups)
      for (const h of g.hits) {
        expect(catalog.reader.lines(g.run.fileId, h.line, 1).lines[0]!.toLowerCase()).toContain('dc01');
        expect(h.snippet.toLowerCase()).toContain(`${MARK_START}dc01${MARK_END}`);
      }
    // With room for all of them: every line, not truncated.
    const everything = all.reduce((n, night) => n + linesWith(night, 'dc01').length, 0);
    expect(shown('dc01', everything).groups).toEqual(expected(all, 'dc01', everything));
    expect(shown('dc01', everything).result).toMatchObject({ total: everything, truncated: false });
    // The filters pick runs, the order stays the time order.
    expect(shown('host:esxi-02 "Initiate backup for didattica-app.v2"', 4).groups).toEqual(expected(early, 'Initiate backup for didattica-app.v2', 4));
  });

  it('sees logs imported after a search, through this connection or another one', async () => {
    const first = nights('esxi-02', 1, 0, 2);
    await catalog.import(join(dir, 'esxi-02'), { host: 'esxi-02' });
    expect(shown('"didattica-app.v2"', 1000).groups).toEqual(expected(first, 'didattica-app.v2', 1000));
    // A filter's runs are judged again too (they are kept per filter between searches).
    expect(shown('vm:didattica-app.v2', 1000).groups).toEqual(expected(first, 'didattica-app.v2', 1000));
    rmSync(join(dir, 'esxi-02'), { recursive: true });
    const later = nights('esxi-02', 1, 2, 2);
    await catalog.import(join(dir, 'esxi-02'), { host: 'esxi-02' });
    expect(shown('"didattica-app.v2"', 1000).groups).toEqual(expected([...first, ...later], 'didattica-app.v2', 1000));
    expect(shown('vm:didattica-app.v2', 1000).groups).toEqual(expected([...first, ...later], 'didattica-app.v2', 1000));
    // Another connection (the CLI, another window) imports a newer night.
    const other = openDatabase(join(dir, 'data', 'custode.sqlite'));
    try {
      rmSync(join(dir, 'esxi-02'), { recursive: true });
      const newest = nights('esxi-02', 1, 4, 1);
      await new LogCatalog(other, join(dir, 'data')).import(join(dir, 'esxi-02'), { host: 'esxi-02' });
      expect(shown('"didattica-app.v2"', 1000).groups).toEqual(expected([...first, ...later, ...newest], 'didattica-app.v2', 1000));
      expect(shown('vm:didattica-app.v2', 1000).groups).toEqual(expected([...first, ...later, ...newest], 'didattica-app.v2', 1000));
    } finally {
      other.close();
    }
  });

  it('a phrase is found as a whole: a line holding its words apart is not a hit', async () => {
    nights('esxi-02', 1, 0, 1);
    await catalog.import(join(dir, 'esxi-02'), { host: 'esxi-02' });
    // "app.v2 didattica" holds every trigram of both words but not the phrase "didattica-app.v2".
    expect(shown('"app.v2 didattica"', 100).groups).toEqual([]);
    expect(shown('"didattica-app.v2" "Initiate backup"', 100).groups.flatMap((g) => g.lines)).toHaveLength(1);
  });
});

describe('search snippets', () => {
  const mark = (s: string): string => `${MARK_START}${s}${MARK_END}`;

  it('shows a short line whole with every occurrence of every term marked, in the case of the line', () => {
    expect(snippet('Initiate backup for DC01 (dc01.vmx)', ['dc01', 'backup'])).toBe(`Initiate ${mark('backup')} for ${mark('DC01')} (${mark('dc01')}.vmx)`);
  });

  it('cuts a long line around its first match, with … where it was cut', () => {
    const line = `${'x'.repeat(200)} Failed to clone disk ${'y'.repeat(200)}`;
    const s = snippet(line, ['failed to clone disk']);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain(mark('Failed to clone disk'));
    expect(s.replaceAll(MARK_START, '').replaceAll(MARK_END, '').slice(1, -1)).toBe(line.slice(185, 249));
  });

  it('joins overlapping matches into one mark', () => {
    expect(snippet('aaaa', ['aaa'])).toBe(mark('aaaa'));
  });
});
