import { describe, expect, it } from 'vitest';
import { candidates, firstNamingPid, logPlaces, parseLockProbe, startedAtFromLog } from '../../../electron/core/backup/cron-run.ts';
import { parseLiveProbe } from '../../../electron/core/backup/live-clone.ts';
import { LiveTracker } from '../../../electron/core/backup/live-progress.ts';
import { parseDiskSizes, vmDisks } from '../../../electron/core/backup/live-sizes.ts';
import { GhettoVcbLogParser } from '../../../electron/core/ghettovcb/log/parser.ts';
import type { RemoteEntry } from '../../../electron/core/ssh/sftp.ts';

const GiB = 1024 ** 3;
const A1 = '/vmfs/volumes/datastore1/a/a.vmdk';
const A2 = '/vmfs/volumes/datastore1/a/a_1.vmdk';
const B1 = '/vmfs/volumes/datastore1/b/b.vmdk';
const DISKS = vmDisks(
  [
    { vm: 'a', disks: [A1, A2] },
    { vm: 'b', disks: [B1] },
  ],
  [10 * GiB, 30 * GiB, 20 * GiB],
);
const HEAD = '2026-12-06 21:00:00 -- info: ============================== ghettoVCB LOG START ==============================\n\n';
const A_START = `${HEAD}2026-12-06 21:00:01 -- info: Initiate backup for a\n2026-12-06 21:00:01 -- info: Creating Snapshot "ghettoVCB-snapshot-2026-12-06" for a\n`;
const progress = (to: number) => Array.from({ length: to + 1 }, (_, i) => `\rClone: ${i}% done.`).join('');
const diskBlock = (src: string) => `Destination disk format: VMFS thin-provisioned\nCloning disk '${src}'...\n${progress(100)}\n\n`;
const probeText = (hostNow: string, src: string | null, to: number) =>
  `custode.live.now=${hostNow}\ncustode.live.head\nDestination disk format: VMFS thin-provisioned\n${src === null ? '' : `Cloning disk '${src}'...\n`}${progress(to).slice(0, 1024)}\ncustode.live.tail\n${progress(to).slice(-40)}\ncustode.live.end\n`;

function parsed(text: string) {
  const p = new GhettoVcbLogParser();
  p.feed(text);
  return { run: p.result().runs.at(-1) ?? null, partial: p.live() };
}

describe('the clone going on, read from the work directory', () => {
  it('takes the disk from vmkfstools’ first lines and the percent from the step still being written', () => {
    const probe = parseLiveProbe(`custode.live.now=2026-12-06 21:00:31\ncustode.live.head\nDestination disk format: VMFS thin-provisioned\nCloning disk '${A1}'...\n\rClone: 0% done.\rClone: 1% done.\rClone: 2\ncustode.live.tail\none.\rClone: 40% done.\rClone: 4\ncustode.live.end\n`);
    expect(probe).toEqual({ hostNow: '2026-12-06 21:00:31', clone: { source: A1, percent: 40 } });
    expect(parseLiveProbe('custode.live.now=2026-12-06 21:00:31\n')).toEqual({ hostNow: '2026-12-06 21:00:31', clone: null });
  });

  it('sizes a disk by its descriptor’s extents (512-byte sectors); a descriptor with none is unknown', () => {
    expect(parseDiskSizes('custode.disk\nRW 20971520 VMFS "a-flat.vmdk"\ncustode.disk\ncustode.disk\nRW 2 SPARSE "x"\nRW 4 SPARSE "y"\n', 3)).toEqual([10 * GiB, null, 3072]);
  });
});

describe('the live view of a run', () => {
  it('with a -l log silent during the clone: disk N of M, percent, bytes, host-clock time and the time left at the measured rate', () => {
    const t = new LiveTracker('r1', ['a', 'b'], DISKS);
    const at0 = 1_000_000;
    const first = t.update({ ...parsed(A_START), probe: parseLiveProbe(probeText('2026-12-06 21:00:31', A1, 40)), probeAt: at0, now: at0 });
    expect(first.vms.map((v) => [v.vm, v.state, v.disk, v.disks, v.percent, v.bytesDone, v.elapsedMs])).toEqual([
      ['a', 'cloning', 1, 2, 40, 4 * GiB, 30_000],
      ['b', 'waiting', null, 1, null, 0, null],
    ]);
    expect(first).toMatchObject({ bytesDone: 4 * GiB, bytesTotal: 60 * GiB, bytesPerSecond: null, etaMs: null, elapsedMs: 31_000 });
    // Ten seconds later the first disk is in the log and the second one is at 10 %: 9 GiB in 10 s.
    const later = t.update({ ...parsed(A_START + diskBlock(A1)), probe: parseLiveProbe(probeText('2026-12-06 21:00:41', A2, 10)), probeAt: at0 + 10_000, now: at0 + 10_000 });
    expect(later.vms[0]).toMatchObject({ state: 'cloning', disk: 2, disks: 2, percent: 10, bytesDone: 13 * GiB, bytesTotal: 40 * GiB, elapsedMs: 40_000, etaMs: 30_000 });
    expect(later).toMatchObject({ bytesDone: 13 * GiB, bytesPerSecond: Math.round(0.9 * GiB), etaMs: 52_222 });
  });

  it('with a stdout capture: the percent of the line vmkfstools is still writing, and a skip with its reason', () => {
    const t = new LiveTracker('r2', ['b', 'a'], DISKS);
    const skipped = `${HEAD}2026-12-06 21:00:01 -- info: Snapshot found for b, backup will not take place\n\n`;
    const text = `${skipped}2026-12-06 21:00:02 -- info: Initiate backup for a\nDestination disk format: VMFS thin-provisioned\nCloning disk '${A1}'...\n${progress(25)}`;
    const live = t.update({ ...parsed(text), probe: null, probeAt: null, now: 5 });
    expect(live.vms.map((v) => [v.vm, v.state, v.disk, v.percent, v.bytesDone, v.bytesTotal, v.reason])).toEqual([
      ['b', 'skipped', null, null, 0, 0, 'Snapshot found for b, backup will not take place'],
      ['a', 'cloning', 1, 25, 2.5 * GiB, 40 * GiB, null],
    ]);
    expect(live.elapsedMs).toBeNull();
  });
});

describe('a run Custode did not start', () => {
  const entry = (name: string, mtime: number): RemoteEntry => ({ name, type: 'file', size: 1, mtime, mode: 0o644 });

  it('is the lock’s pid when that process lives, with the crontab beside it', () => {
    expect(parseLockProbe('custode.cron.now=2026-12-07 04:31:00\ncustode.cron.pid=4242\ncustode.cron.crontab\n30 4 * * * /x/ghettoVCB.sh -a\n')).toEqual({ pid: 4242, hostNow: '2026-12-07 04:31:00', crontab: '30 4 * * * /x/ghettoVCB.sh -a\n' });
    expect(parseLockProbe('custode.cron.now=2026-12-07 04:31:00\ncustode.cron.crontab\n').pid).toBeNull();
  });

  it('has its log where the schedule’s line writes (newest first), else in ghettoVCB’s default /tmp log named for the pid', () => {
    const line = '30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/backup/ghettoVCB-$(date +\\%s).log';
    const [share, tmp] = logPlaces(`${line}\n`, 4242);
    expect(share).toMatchObject({ dir: '/vmfs/volumes/backup', line });
    const listing = [entry('ghettoVCB-1765000000.log', 10), entry('ghettoVCB-1765090000.log', 30), entry('ghettoVCB-custode-20261206-210000-abcd.log', 20), entry('notes.txt', 40)];
    expect(candidates(share!, listing)).toEqual(['/vmfs/volumes/backup/ghettoVCB-1765090000.log', '/vmfs/volumes/backup/ghettoVCB-custode-20261206-210000-abcd.log', '/vmfs/volumes/backup/ghettoVCB-1765000000.log']);
    expect(candidates(tmp!, [entry('ghettoVCB-2026-12-07_04-30-00-4242.log', 1), entry('ghettoVCB-2026-12-07_04-30-00-424.log', 2)])).toEqual(['/tmp/ghettoVCB-2026-12-07_04-30-00-4242.log']);
  });

  it('takes only a log naming the pid, and dates the run by its first stamp on the host’s clock', () => {
    const files = ['/b/new.log', '/b/old.log'];
    expect(firstNamingPid(files, '/b/old.log\n')).toBe('/b/old.log');
    expect(firstNamingPid(files, '')).toBeNull();
    expect(startedAtFromLog('Logging…\n2026-12-07 04:30:01 -- info: ====', '2026-12-07 04:31:01', 1_000_000)).toBe(940_000);
    expect(startedAtFromLog('nothing stamped', '2026-12-07 04:31:01', 1_000_000)).toBe(1_000_000);
  });
});
