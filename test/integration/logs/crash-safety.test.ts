import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightlyLog, type GenVm } from '../../unit/logs/log-generator.ts';

const root = join(import.meta.dirname, '../../..');
const node = join(root, 'node_modules/.bin/node');
const child = join(import.meta.dirname, 'ingest-child.ts');

/** The acceptance asks for 100; CUSTODE_CRASH_KILLS lowers it for a quick local check. */
const KILLS = Number(process.env.CUSTODE_CRASH_KILLS ?? 100);
/** Kills on one data folder before it is run to its end and compared. */
const GROUP_SIZE = 10;

interface Counts {
  runs: number;
  lines: number;
  files: number;
}

function inspect(dataDir: string): { integrity: string; fts: string; counts: Counts; halfIndexed: number } {
  const db = new DatabaseSync(join(dataDir, 'custode.sqlite'));
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    let fts = 'ok';
    try {
      db.exec(`INSERT INTO log_lines (log_lines) VALUES ('integrity-check')`);
    } catch (error) {
      fts = String(error);
    }
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    // A file row whose lines or runs are not all there would be a half-indexed run.
    const halfIndexed = n(`SELECT COUNT(*) AS n FROM log_files f WHERE f.state = 'indexed' AND (
      f.line_count <> (SELECT COUNT(*) FROM log_line_text WHERE id BETWEEN f.id * 4294967296 AND f.id * 4294967296 + 4294967295)
      OR NOT EXISTS (SELECT 1 FROM log_runs WHERE file_id = f.id))`);
    return { integrity, fts, halfIndexed, counts: { runs: n('SELECT COUNT(*) AS n FROM log_runs'), lines: n('SELECT COUNT(*) AS n FROM log_line_text'), files: n('SELECT COUNT(*) AS n FROM log_files') } };
  } finally {
    db.close();
  }
}

/** Runs the ingest child; kills it `afterMs` after it said ready (null: lets it finish). Resolves with how it ended. */
function ingest(dataDir: string, folder: string, afterMs: number | null): Promise<'done' | 'killed'> {
  return new Promise((resolve, reject) => {
    const p = spawn(node, [child, dataDir, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (afterMs !== null && out.includes('ready') && !p.killed) setTimeout(() => p.kill('SIGKILL'), afterMs);
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve('killed') : code === 0 && out.includes('done') ? resolve('done') : reject(new Error(`ingest exited ${code} ${signal}`))));
  });
}

describe('crash safety of the ingest', () => {
  let dir: string;
  let corpus: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'custode-crash-'));
    corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    // Files of different sizes (a few hundred to ~10,000 lines), so kills land inside transactions of every size.
    for (let d = 0; d < 24; d++) {
      const vms: GenVm[] = Array.from({ length: 3 + (d % 5) * 40 }, (_, i) => ({ name: `vm-${d}-${i}`, outcome: i % 7 === 3 ? 'vmdk' : i % 11 === 5 ? 'snapshot' : 'ok' }));
      writeFileSync(join(corpus, `ghettoVCB-${d}.log`), nightlyLog({ host: 'esxi-02', start: new Date(Date.UTC(2025, 0, 1 + d, 4, 30, 1)), vms, level: d % 2 ? 'debug' : 'info', progressSteps: 20 }));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${KILLS} times killed at a random moment: never corrupt, never half-indexed, and the final counts equal a clean ingest's`, { timeout: 1_800_000 }, async () => {
    const clean = join(dir, 'clean');
    const started = performance.now();
    expect(await ingest(clean, corpus, null)).toBe('done');
    // How long a whole ingest takes; it shrinks when one ends before its kill (the machine got less busy), so kills
    // keep landing within the work.
    let window = performance.now() - started;
    const expected = inspect(clean);
    expect(expected.counts.runs).toBe(24);

    // Kills land at a random moment of the work still to do (a resumed ingest skips what is indexed), until KILLS of
    // them ended a process before it finished; each data folder is then run to its end and compared with the clean one.
    let killed = 0;
    let attempts = 0;
    let folders = 0;
    let data = join(dir, `crash-${folders}`);
    while (killed < KILLS && attempts < KILLS * 3) {
      attempts++;
      const left = existsSync(join(data, 'custode.sqlite')) ? 1 - inspect(data).counts.files / expected.counts.files : 1;
      if (left <= 0) {
        // Everything was committed just before the kill (files are written in batches): nothing left to interrupt here.
        expect(inspect(data).counts).toEqual(expected.counts);
        data = join(dir, `crash-${++folders}`);
        continue;
      }
      const begun = performance.now();
      const outcome = await ingest(data, corpus, Math.random() * window * left);
      if (outcome === 'done') window = Math.min(window, (0.9 * (performance.now() - begun)) / left);
      const seen = inspect(data);
      expect(seen.integrity).toBe('ok');
      expect(seen.fts).toBe('ok');
      expect(seen.halfIndexed).toBe(0);
      if (outcome === 'killed') killed++;
      if (outcome === 'done' || killed % GROUP_SIZE === 0) {
        if (outcome === 'killed') expect(await ingest(data, corpus, null)).toBe('done');
        expect(inspect(data).counts).toEqual(expected.counts);
        data = join(dir, `crash-${++folders}`);
      }
    }
    console.log(`[crash safety] ${killed} kills in ${attempts} runs over ${folders} data folders; kills within the first ${Math.round(window)} ms`);
    expect(killed).toBe(KILLS);
    expect(await ingest(data, corpus, null)).toBe('done');
    expect(inspect(data).counts).toEqual(expected.counts);
  });
});
