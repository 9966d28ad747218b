import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awaitCancel, CANCEL_MARK_LIFE_MS, cancelPending, markerAlive } from '../../../electron/core/backup/cancel-mark.ts';
import { RunStore, type CancelMark } from '../../../electron/core/backup/run-store.ts';
import { migrate, openDatabase } from '../../../electron/core/catalog/database.ts';
import { migrations } from '../../../electron/core/catalog/migrations.ts';

const T0 = Date.UTC(2026, 11, 7, 3, 0, 0);
const POLL = 500;

/**
 * One database as the app's follower and the CLI's cancel share it: a run started at T0 is going on; `clock` is
 * Custode's clock for both sides (fake timers move it with the follower's polls).
 */
function site() {
  const runs = new RunStore(openDatabase(':memory:'));
  runs.add({ id: 'r1', hostId: 'h1', hostName: 'esxi-08', startedAt: T0, startedBy: 'it@pc', reason: 'prova', vms: ['dc01', 'app'], dryRun: false, logPath: '/vmfs/volumes/nas/a.log', exitPath: '/tmp/custode-run-r1/exit' });
  runs.started('r1', 'op1', 4242);
  return runs;
}

const mark = (id: string, beganAt: number, extra: Partial<CancelMark> = {}) => ({ id, runId: 'r1', beganAt, user: 'it', workstation: 'pc-cli', pid: 77, ...extra });
/** What the follower writes when it sees ghettoVCB gone: a VM without a result reads as failed. */
const followerSawEnd = (runs: RunStore, at: number) =>
  runs.ended('r1', { state: 'ended', at, exitCode: 143, finalStatus: null, outcomes: [{ vm: 'dc01', outcome: 'unknown', reason: null, durationSeconds: null }], bytes: null, durationMs: at - T0 });
/** What the CLI's cancel records once its stop went through. */
const cancelRecorded = (runs: RunStore, at: number) =>
  runs.cancelled('r1', { at, exitCode: 143, finalStatus: null, outcomes: [{ vm: 'dc01', outcome: 'cancelled', reason: '/vmfs/volumes/nas/dc01/dc01-x', durationSeconds: null }], durationMs: at - T0 });

describe('a cancel’s mark, as a follower in another process reads it', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(T0 + 60_000);
  });
  afterEach(() => vi.useRealTimers());

  const follow = (runs: RunStore, alive: (m: CancelMark) => boolean = () => true) => {
    const pending = vi.fn();
    const done = awaitCancel(runs, 'r1', { now: Date.now, pollMs: POLL, signal: new AbortController().signal, alive, onPending: pending });
    return { pending, done };
  };

  it('a run that ended while a cancel was under way waits for the cancel’s record and ends cancelled, told pending once', async () => {
    const runs = site();
    runs.cancelBegun(mark('c1', Date.now()));
    await vi.advanceTimersByTimeAsync(3_000);
    followerSawEnd(runs, Date.now());
    const f = follow(runs);
    await vi.advanceTimersByTimeAsync(10 * POLL);
    expect(f.pending).toHaveBeenCalledTimes(1);
    // The cancel records the run (after the follower's end: it wins) and ends its mark once its copies are verified.
    cancelRecorded(runs, Date.now());
    await vi.advanceTimersByTimeAsync(10 * POLL);
    let settled = false;
    void f.done.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    runs.cancelEnded('c1', 'done', Date.now());
    await vi.advanceTimersByTimeAsync(POLL);
    const run = await f.done;
    expect(run.state).toBe('cancelled');
    expect(run.outcomes).toEqual([{ vm: 'dc01', outcome: 'cancelled', reason: '/vmfs/volumes/nas/dc01/dc01-x', durationSeconds: null }]);
    expect(f.pending).toHaveBeenCalledTimes(1);
    expect(runs.cancelMarks('r1')).toMatchObject([{ id: 'c1', state: 'done', endedAt: Date.now() - POLL }]);
  });

  it('a cancel that failed does not count: the run stays as its end left it', async () => {
    const runs = site();
    runs.cancelBegun(mark('c1', Date.now()));
    followerSawEnd(runs, Date.now() + 1_000);
    const f = follow(runs);
    await vi.advanceTimersByTimeAsync(2 * POLL);
    runs.cancelEnded('c1', 'failed', Date.now());
    await vi.advanceTimersByTimeAsync(POLL);
    expect((await f.done).state).toBe('ended');
    // An end once recorded is not changed by a later one.
    runs.cancelEnded('c1', 'done', Date.now());
    expect(runs.cancelMarks('r1')[0]!.state).toBe('failed');
  });

  it('a mark whose process is gone from this workstation does not count, at once', async () => {
    const runs = site();
    runs.cancelBegun(mark('c1', Date.now()));
    followerSawEnd(runs, Date.now() + 1_000);
    const f = follow(runs, () => false);
    expect((await f.done).state).toBe('ended');
    expect(f.pending).not.toHaveBeenCalled();
  });

  it('a mark never ended counts for CANCEL_MARK_LIFE_MS from its beginning, then no more: a failed run is not cancelled forever', async () => {
    const runs = site();
    const began = Date.now();
    runs.cancelBegun(mark('c1', began));
    followerSawEnd(runs, began + 5_000);
    const f = follow(runs);
    let settled = false;
    void f.done.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(CANCEL_MARK_LIFE_MS - POLL);
    expect(settled).toBe(false);
    expect(f.pending).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2 * POLL);
    expect(settled).toBe(true);
    expect((await f.done).state).toBe('ended');
  });

  it('a cancel begun after the follower saw the end did not stop the run; with no mark the run is as it ended', async () => {
    const runs = site();
    followerSawEnd(runs, Date.now());
    expect(cancelPending(runs.get('r1'), [], Date.now(), () => true)).toBe(false);
    runs.cancelBegun(mark('late', Date.now() + 1));
    const f = follow(runs);
    expect((await f.done).state).toBe('ended');
    expect(f.pending).not.toHaveBeenCalled();
  });

  it('another run’s mark and a mark ended done do not keep a run pending', () => {
    const runs = site();
    followerSawEnd(runs, Date.now());
    const run = runs.get('r1');
    const m = (extra: Partial<CancelMark>): CancelMark => ({ ...mark('c', Date.now() - 1_000), state: 'underway', endedAt: null, ...extra });
    expect(cancelPending(run, [m({})], Date.now(), () => true)).toBe(true);
    expect(cancelPending(run, [m({ runId: 'r2' })], Date.now(), () => true)).toBe(false);
    expect(cancelPending(run, [m({ state: 'done', endedAt: Date.now() })], Date.now(), () => true)).toBe(false);
  });
});

describe('whether the process that marked a cancel may still be at work', () => {
  it('one on this workstation is asked: this process is alive, one that exited is not; one elsewhere is taken at its word', () => {
    const exited = spawnSync(process.execPath, ['-e', '0']).pid!;
    const here = { id: 'c', runId: 'r1', beganAt: 0, user: 'it', state: 'underway' as const, endedAt: null, workstation: hostname() };
    expect(markerAlive({ ...here, pid: process.pid })).toBe(true);
    expect(markerAlive({ ...here, pid: exited })).toBe(false);
    expect(markerAlive({ ...here, workstation: `${hostname()}-elsewhere`, pid: exited })).toBe(true);
  });
});

describe('migration 10', () => {
  it('brings a database of schema 9 with its runs to 10: the runs stay, their cancels can be marked, and go with their run', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    for (const m of migrations.slice(0, 9)) db.exec(m);
    db.exec('PRAGMA user_version = 9');
    const runs = new RunStore(db);
    runs.add({ id: 'r9', hostId: 'h1', hostName: 'esxi-08', startedAt: T0, startedBy: 'it@pc', reason: 'prima', vms: [], dryRun: false, logPath: '/a.log', exitPath: '/exit' });
    expect(migrate(db)).toBe(10);
    expect(runs.get('r9').reason).toBe('prima');
    runs.cancelBegun({ id: 'c9', runId: 'r9', beganAt: T0, user: 'it', workstation: 'pc', pid: 1 });
    expect(runs.cancelMarks('r9')).toEqual([{ id: 'c9', runId: 'r9', beganAt: T0, user: 'it', workstation: 'pc', pid: 1, state: 'underway', endedAt: null }]);
    expect(() => db.exec(`UPDATE backup_cancels SET state = 'maybe'`)).toThrow(/CHECK constraint/);
    expect(() => runs.cancelBegun({ id: 'c0', runId: 'no-such-run', beganAt: T0, user: 'it', workstation: 'pc', pid: 1 })).toThrow(/FOREIGN KEY/);
    db.exec(`DELETE FROM backup_runs WHERE id = 'r9'`);
    expect(runs.cancelMarks('r9')).toEqual([]);
  });
});
