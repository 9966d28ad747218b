import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { MARK_END, MARK_START } from '../../../electron/core/logs/catalog-reader.ts';
import { ingestBytes } from '../../../electron/core/logs/ingest.ts';
import { collapseProgress } from '../../../electron/core/logs/log-bytes.ts';
import { LogCatalog } from '../../../electron/core/logs/log-catalog.ts';
import { nightlyLog, type GenVm } from './log-generator.ts';

const DAY = 86400_000;
const night = (d: number): Date => new Date(Date.UTC(2026, 0, 1 + d, 4, 30, 1));
const VMS = (d: number): GenVm[] => [
  { name: 'didattica-dc01', outcome: 'ok' },
  // Skipped (a snapshot is in the way) on nights 2, 3 and 4.
  { name: 'didattica-app.v2', outcome: d >= 2 && d <= 4 ? 'snapshot' : 'ok' },
  { name: 'didattica files', outcome: d === 5 ? 'vmdk' : 'ok' },
];

describe('log catalog: ingest, import, idempotency, search, history', () => {
  let dir: string;
  let db: DatabaseSync;
  let catalog: LogCatalog;
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const linesOf = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'custode-logs-'));
    db = openDatabase(join(dir, 'data', 'custode.sqlite'));
    catalog = new LogCatalog(db, join(dir, 'data'));
    mkdirSync(join(dir, 'in'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const writeNights = (n: number): string[] => {
    const texts: string[] = [];
    for (let d = 0; d < n; d++) {
      const text = nightlyLog({ host: 'esxi-02', start: night(d), vms: VMS(d), level: d % 2 === 0 ? 'info' : 'debug' });
      writeFileSync(join(dir, 'in', `ghettoVCB-${night(d).getTime() / 1000}.log`), text);
      texts.push(text);
    }
    return texts;
  };

  it('imports a folder of nightly logs: one run per file, every line indexed, the raw bytes kept verbatim', async () => {
    const texts = writeNights(7);
    const files = await catalog.import(join(dir, 'in'), { host: 'esxi-02' });
    expect(files.map((f) => f.status)).toEqual(Array(7).fill('added'));
    expect(count('SELECT COUNT(*) AS n FROM log_runs')).toBe(7);
    expect(count('SELECT COUNT(*) AS n FROM log_line_text')).toBe(texts.reduce((a, t) => a + linesOf(t), 0));
    const runs = catalog.reader.runs({ host: 'esxi-02', limit: 100 });
    expect(runs.map((r) => r.startedAt)).toEqual([6, 5, 4, 3, 2, 1, 0].map((d) => night(d).toISOString().replace('T', ' ').slice(0, 19)));
    expect(runs.find((r) => r.startedAt!.startsWith('2026-01-06'))).toMatchObject({ status: 'error', vmsOk: 2, vmsProblem: 1 });
    expect(runs.find((r) => r.startedAt!.startsWith('2026-01-01'))).toMatchObject({ status: 'ok', vmsOk: 3, vmsProblem: 0 });
    const blob = db.prepare('SELECT blob, origin FROM log_files ORDER BY origin LIMIT 1').get() as { blob: string; origin: string };
    expect(catalog.raw.get(blob.blob).equals(readFileSync(blob.origin))).toBe(true);
  });

  it('re-importing the same files adds nothing; a file that grew is re-indexed under the same run ids', async () => {
    writeNights(3);
    await catalog.import(join(dir, 'in'), { host: 'esxi-02' });
    const before = { runs: count('SELECT COUNT(*) AS n FROM log_runs'), lines: count('SELECT COUNT(*) AS n FROM log_line_text') };
    const again = await catalog.import(join(dir, 'in'), { host: 'esxi-02' });
    expect(again.map((f) => f.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    // The same bytes under another name (a copy from elsewhere) are not catalogued twice either.
    mkdirSync(join(dir, 'copy'));
    writeFileSync(join(dir, 'copy', 'x.log'), readFileSync(join(dir, 'in', `ghettoVCB-${night(0).getTime() / 1000}.log`)));
    expect((await catalog.import(join(dir, 'copy')))[0]!.status).toBe('duplicate');
    expect({ runs: count('SELECT COUNT(*) AS n FROM log_runs'), lines: count('SELECT COUNT(*) AS n FROM log_line_text') }).toEqual(before);

    // ghettoVCB -l appends each run to one file: the grown file keeps its first run's id and gains one run.
    const grown = join(dir, 'in', `ghettoVCB-${night(2).getTime() / 1000}.log`);
    const firstId = catalog.reader.runs({ since: '2026-01-03', until: '2026-01-03', limit: 5 })[0]!.id;
    appendFileSync(grown, nightlyLog({ host: 'esxi-02', start: night(3), vms: VMS(3) }));
    const third = await catalog.import(grown, { host: 'esxi-02' });
    expect(third[0]).toMatchObject({ status: 'updated', runs: 2 });
    expect(count('SELECT COUNT(*) AS n FROM log_runs')).toBe(before.runs + 1);
    expect(catalog.reader.runs({ since: '2026-01-03', until: '2026-01-03', limit: 5 })[0]!.id).toBe(firstId);
    expect(count('SELECT COUNT(*) AS n FROM log_line_text')).toBe(before.lines + linesOf(nightlyLog({ host: 'esxi-02', start: night(3), vms: VMS(3) })));
  });

  it('a file that grew from a known prefix keeps its complete lines and indexes the rest, a cut last line included', async () => {
    // One progress step per disk: a line of two `\r`-joined steps, shown with a space between them.
    const first = nightlyLog({ host: 'esxi-02', start: night(0), vms: VMS(0), progressSteps: 1 });
    const second = nightlyLog({ host: 'esxi-02', start: night(1), vms: [{ name: 'late-vm.01', outcome: 'ok' }], progressSteps: 1 });
    const whole = Buffer.from(first + second);
    // The first copy was taken while the second run was being written, in the middle of its LOG START line.
    const cut = Buffer.byteLength(first) + 40;
    const host = { hostId: null, hostName: 'esxi-02' };
    const arrival = { host, source: 'nas' as const, origin: '/vmfs/volumes/b/ghettoVCB.log', mtime: 0, harvestedAt: 1 };
    expect(await ingestBytes(catalog, arrival, whole.subarray(0, cut))).toMatchObject({ status: 'added', runs: 1 });
    const [firstRun] = (db.prepare('SELECT id FROM log_runs ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(await ingestBytes(catalog, { ...arrival, grewFrom: cut }, whole)).toMatchObject({ status: 'updated', runs: 2, lines: linesOf(first + second) });
    expect((db.prepare('SELECT id FROM log_runs ORDER BY id').all() as { id: number }[]).map((r) => r.id)).toEqual([firstRun, firstRun! + 1]);
    const fileId = catalog.reader.runs({ limit: 5 })[0]!.fileId;
    expect(catalog.reader.lines(fileId, 1, 5000).lines).toEqual((first + second).replaceAll('\r', ' ').split('\n').slice(0, -1));
    expect(count('SELECT COUNT(*) AS n FROM log_line_text')).toBe(linesOf(first + second));
    expect(catalog.reader.search('"ghettoVCB LOG START"', 50).total).toBe(2);
    expect(catalog.reader.search('late-vm.01', 50).total).toBeGreaterThan(0);
    db.exec(`INSERT INTO log_lines (log_lines) VALUES ('integrity-check')`);
    // Only the newest copy of the raw bytes is kept.
    expect(readdirSync(catalog.raw.dir, { recursive: true }).filter((f) => String(f).endsWith('.gz'))).toHaveLength(1);
    expect(catalog.raw.get((db.prepare('SELECT blob FROM log_files').get() as { blob: string }).blob).equals(whole)).toBe(true);
  });

  it('shows and indexes a vmkfstools progress line as its first and last step, with what follows it', async () => {
    const steps = Array.from({ length: 42 }, (_, i) => `Clone: ${i}% done.`).join('\r');
    expect(collapseProgress(`\r${steps}Failed to clone disk: There is not enough space (13).`)).toBe(' Clone: 0% done. … Clone: 40% done. Clone: 41% done.Failed to clone disk: There is not enough space (13).');
    expect(collapseProgress('Clone: 0% done.\rClone: 100% done.')).toBe('Clone: 0% done. Clone: 100% done.');
    expect(collapseProgress('no progress here')).toBe('no progress here');
  });

  it('guesses the host from a debug log (HOSTNAME line) when none is given', async () => {
    writeFileSync(join(dir, 'in', 'old.log'), nightlyLog({ host: 'esxi-77', start: night(0), vms: VMS(0), level: 'debug' }));
    const [file] = await catalog.import(join(dir, 'in'));
    expect(file).toMatchObject({ status: 'added', hostName: 'esxi-77' });
    expect(catalog.reader.runs({ host: 'esxi-77', limit: 5 })).toHaveLength(1);
  });

  it('finds VM names by any part of them (dashes, dots, spaces), phrases, and the vm:/host:/status: filters', async () => {
    writeNights(7);
    await catalog.import(join(dir, 'in'), { host: 'esxi-02' });
    const plain = (s: string) => s.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
    const dc = catalog.reader.search('dc01', 500);
    expect(dc.groups).toHaveLength(7);
    for (const g of dc.groups) for (const h of g.hits) expect(plain(h.snippet)).toContain('dc01');
    expect(dc.groups[0]!.hits[0]!.snippet).toContain(`${MARK_START}dc01${MARK_END}`);
    expect(catalog.reader.search('app.v2', 500).total).toBeGreaterThan(0);
    const phrase = catalog.reader.search('"Snapshot found for didattica-app.v2"', 500);
    expect(phrase.groups.map((g) => g.run.startedAt!.slice(0, 10))).toEqual(['2026-01-05', '2026-01-04', '2026-01-03']);
    const failed = catalog.reader.search('status:error "not enough space"', 500);
    expect(failed.groups.map((g) => g.run.startedAt!.slice(0, 10))).toEqual(['2026-01-06']);
    const byVm = catalog.reader.search('vm:didattica files', 500);
    expect(byVm.groups.length).toBe(0);
    const quotedVm = catalog.reader.search('vm:"didattica files" Initiate', 500);
    expect(quotedVm.groups).toHaveLength(7);
    // The hit's line number points at the very line in the file.
    for (const g of quotedVm.groups) for (const h of g.hits) expect(catalog.reader.lines(g.run.fileId, h.line, 1).lines[0]).toContain('Initiate backup for didattica files');
    const hit = quotedVm.groups[0]!;
    const page = catalog.reader.lines(hit.run.fileId, hit.hits[0]!.line, 1);
    expect(page.lines[0]).toContain('Initiate backup for didattica files');
    expect(catalog.reader.search('host:esxi-99 dc01', 50).groups).toHaveLength(0);
    expect(catalog.reader.search('dc', 50).ignored).toEqual(['dc']);
  });

  it('the history strip shows a VM skipped three nights in a row, and the nights with no run', async () => {
    writeNights(7);
    await catalog.import(join(dir, 'in'), { host: 'esxi-02' });
    const h = catalog.reader.history(10, '2026-01-10', {});
    const app = h.rows.find((r) => r.vm === 'didattica-app.v2')!;
    expect(app.cells).toEqual(['ok', 'ok', 'skipped', 'skipped', 'skipped', 'ok', 'ok', 'none', 'none', 'none']);
    const files = h.rows.find((r) => r.vm === 'didattica files')!;
    expect(files.cells[5]).toBe('error');
    expect(app.runIds[2]).toBe(catalog.reader.runs({ since: '2026-01-03', until: '2026-01-03', limit: 1 })[0]!.id);
    expect(new Date(Date.parse('2026-01-10') - 9 * DAY).toISOString().slice(0, 10)).toBe('2026-01-01');
  });

  it('refuses a binary file and a text that is not a ghettoVCB log, with a reason, and keeps invalid UTF-8 verbatim', async () => {
    writeFileSync(join(dir, 'in', 'a.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0]));
    writeFileSync(join(dir, 'in', 'b.txt'), 'Dec  6 04:30:01 host sshd[123]: Accepted password for root\n');
    const bad = Buffer.concat([Buffer.from(nightlyLog({ host: 'esxi-02', start: night(0), vms: VMS(0) }).replace('didattica files', 'didattica fil\u00e8s')), Buffer.from([0xff, 0xfe, 0x0a])]);
    const badName = bad.indexOf(Buffer.from('fil\u00e8s'));
    bad[badName + 3] = 0xc3;
    bad[badName + 4] = 0x28;
    writeFileSync(join(dir, 'in', 'c.log'), bad);
    const files = await catalog.import(join(dir, 'in'), { host: 'esxi-02' });
    expect(files.map((f) => [f.status, f.reason])).toEqual([
      ['refused', 'logs.binary'],
      ['refused', 'logs.notGhettoVcb'],
      ['added', null],
    ]);
    const run = catalog.reader.runs({ limit: 5 })[0]!;
    const detail = catalog.reader.run(run.id);
    expect(detail.invalidUtf8).toBe(true);
    const blob = db.prepare(`SELECT blob FROM log_files WHERE state = 'indexed'`).get() as { blob: string };
    expect(catalog.raw.get(blob.blob).equals(bad)).toBe(true);
    // Refused files are remembered: importing them again says the same, and adds nothing.
    expect((await catalog.import(join(dir, 'in', 'a.bin')))[0]).toMatchObject({ status: 'refused', reason: 'logs.binary' });
    expect(catalog.reader.status()).toMatchObject({ runs: 1, files: 3, refused: 2 });
  });

  it('indexes a log with a 50 MB line (shown cut, kept whole in the raw file)', { timeout: 120_000 }, async () => {
    const head = nightlyLog({ host: 'esxi-02', start: night(0), vms: VMS(0) });
    const long = `Clone: ${'1% done.\r'.repeat((50 * 1024 * 1024) / 9)}`;
    writeFileSync(join(dir, 'in', 'long.log'), `${head}${long}\n${head}`);
    const [file] = await catalog.import(join(dir, 'in'), { host: 'esxi-02' });
    expect(file).toMatchObject({ status: 'added' });
    const runs = catalog.reader.runs({ limit: 10 }).filter((r) => r.startedAt !== null);
    expect(runs.map((r) => r.status)).toEqual(['ok', 'ok']);
    const fileId = runs[0]!.fileId;
    const longLine = linesOf(head) + 1;
    const shown = catalog.reader.lines(fileId, longLine, 1).lines[0]!;
    expect(shown.length).toBeLessThan(10_000);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('imports a folder of a thousand files, all of them consistent', async () => {
    for (let i = 0; i < 1000; i++) writeFileSync(join(dir, 'in', `g-${i}.log`), nightlyLog({ host: 'esxi-02', start: new Date(night(0).getTime() + i * DAY), vms: [{ name: `vm-${i}`, outcome: 'ok' }], progressSteps: 2 }));
    const files = await catalog.import(join(dir, 'in'), { host: 'esxi-02' });
    expect(files.filter((f) => f.status === 'added')).toHaveLength(1000);
    expect(count('SELECT COUNT(*) AS n FROM log_runs')).toBe(1000);
    expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
  }, 300_000);
});
