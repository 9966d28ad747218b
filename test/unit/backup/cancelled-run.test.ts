import { describe, expect, it } from 'vitest';
import { partialMarkText } from '../../../electron/core/backup/cancel-reads.ts';
import { asCancelled } from '../../../electron/core/backup/progress.ts';
import { verifyRun, type VerifyIo } from '../../../electron/core/backup/verify-run.ts';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';
import type { RemoteEntry } from '../../../electron/core/ssh/sftp.ts';
import type { VmLive, VmProgress } from '../../../shared/model/backup.ts';

// A run cut off in the middle of web01's clone (the cancel killed ghettoVCB: no result line, no LOG END).
const LOG = [
  '2026-12-07 03:00:02 -- info: ============================== ghettoVCB LOG START ==============================',
  '2026-12-07 03:00:02 -- info: CONFIG - VERSION = 2025_10_30_1',
  '2026-12-07 03:00:02 -- info: CONFIG - GHETTOVCB_PID = 11',
  '2026-12-07 03:00:02 -- info: CONFIG - VM_BACKUP_VOLUME = /vmfs/volumes/nas/backup',
  '2026-12-07 03:00:02 -- info: CONFIG - VM_BACKUP_ROTATION_COUNT = 3',
  '2026-12-07 03:00:04 -- info: Initiate backup for web01',
  '2026-12-07 03:00:04 -- info: Creating Snapshot "ghettoVCB-snapshot-2026-12-07" for web01',
  'Destination disk format: VMFS thin-provisioned',
  "Cloning disk '/vmfs/volumes/datastore1/web01/web01.vmdk'...",
  'Clone: 10% done.',
  '',
].join('\n');
const RUN = parseLog(LOG).runs[0]!;
const FOLDER = 'web01-2026-12-07_03-00-04';
const FALLBACK = { volume: null, rotation: null, disks: new Map<string, string[]>() };

/** The share as SFTP lists it: web01 with one older whole copy and the cut-off folder holding `status` (or none). */
function share(status: { name: string; text: string } | null): VerifyIo {
  const at = Date.UTC(2026, 11, 7, 3, 0, 10) / 1000;
  const dir = (name: string, mtime = at): RemoteEntry => ({ name, type: 'directory', size: 0, mtime }) as RemoteEntry;
  const file = (name: string, size: number): RemoteEntry => ({ name, type: 'file', size, mtime: at }) as RemoteEntry;
  const lists: Record<string, RemoteEntry[]> = {
    '/vmfs/volumes/nas/backup/web01': [dir('web01-2026-12-06_03-00-04', at - 86_400), dir(FOLDER)],
    [`/vmfs/volumes/nas/backup/web01/${FOLDER}`]: [file('web01.vmdk', 500), file('web01-flat.vmdk', 1024), ...(status ? [file(status.name, status.text.length)] : [])],
  };
  return {
    list: (path) => Promise.resolve(lists[path] ?? null),
    read: (path) => Promise.resolve(status !== null && path.endsWith(`/${status.name}`) ? status.text : null),
  };
}

describe('a run a cancel cut off', () => {
  it('its partial folder, marked by the cancel, is reported partial: neither a failed copy nor a good one', async () => {
    const verify = await verifyRun(RUN, FALLBACK, share({ name: 'STATUS.error', text: `${partialMarkText('web01')}\n` }), 1);
    expect(verify.verdict).toBe('nothing');
    expect(verify.vms).toEqual([
      expect.objectContaining({
        vm: 'web01',
        verdict: 'noCopy',
        copy: `/vmfs/volumes/nas/backup/web01/${FOLDER}`,
        status: 'error',
        bytes: null,
        checks: [{ check: 'folder', verdict: 'warn', code: 'backup.verify.folder.partial', params: { copy: `/vmfs/volumes/nas/backup/web01/${FOLDER}` } }],
      }),
    ]);
  });

  it('is partial by the run’s record too, before (or without) the marker; a STATUS.error of ghettoVCB’s own stays a failed copy', async () => {
    const unmarked = await verifyRun(RUN, FALLBACK, share(null), 1, new Set(['web01']));
    expect(unmarked.vms[0]).toMatchObject({ verdict: 'noCopy', status: null, checks: [{ code: 'backup.verify.folder.partial' }] });
    const failed = await verifyRun(RUN, FALLBACK, share({ name: 'STATUS.error', text: 'ERROR: Unable to backup web01 due to error in VMDK backup!\n' }), 1);
    expect(failed.verdict).toBe('problems');
    expect(failed.vms[0]).toMatchObject({ verdict: 'failed', status: 'error' });
    expect((await verifyRun(RUN, FALLBACK, share(null), 1)).vms[0]).toMatchObject({ verdict: 'failed' });
  });

  it('its VMs’ bars end cancelled: the one cut off keeps its percent, those never begun have none, no time is left', () => {
    const vm = (name: string, state: VmProgress['state'], percent: number | null): VmLive => ({ vm: name, state, disk: percent === null ? null : 1, percent, outcome: state === 'done' ? 'ok' : null, disks: 1, reason: null, bytesTotal: 10, bytesDone: null, elapsedMs: 1000, etaMs: state === 'waiting' ? null : 5000 });
    expect(asCancelled([vm('a', 'done', 100), vm('b', 'cloning', 40), vm('c', 'snapshot', null), vm('d', 'waiting', null)])).toEqual([
      vm('a', 'done', 100),
      { ...vm('b', 'cloning', 40), state: 'cancelled', outcome: 'cancelled', etaMs: null },
      { ...vm('c', 'snapshot', null), state: 'cancelled', outcome: 'cancelled', etaMs: null },
      { ...vm('d', 'waiting', null), state: 'cancelled', outcome: null, etaMs: null },
    ]);
  });
});
