import { describe, expect, it } from 'vitest';
import { planCancel, type CancelTarget } from '../../../electron/core/backup/cancel-plan.ts';
import { descendants, parsePartialFolders, parseProcessTree, snapshotsOfRun } from '../../../electron/core/backup/cancel-reads.ts';
import { RunStore } from '../../../electron/core/backup/run-store.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { parseSnapshotTree } from '../../../electron/core/esxi/snapshot-tree.ts';

const HOST = { id: 'h1', name: 'esxi-08', address: '10.0.0.8' };

// busybox `ps -o pid,ppid,args` on a lab host, which sees the whole machine: a second lab's ghettoVCB (300) copies
// the same VM at the same time.
const PS = `  PID  PPID COMMAND
    1     0 /sbin/init
  200     1 /bin/sh -c b=$1; shift; /bin/sh "$@" custode-run /tmp/custode-run-x /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -m segreteria-dc01
  210   200 /bin/sh /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -m segreteria-dc01 -l /vmfs/volumes/VM_backup_10.0.0.8/a.log
  211   210 tail -f /tmp/ghettoVCB.work/ghettovcb.AbC123
  212   210 /sbin/vmkfstools -i /vmfs/volumes/datastore1/segreteria-dc01/segreteria-dc01.vmdk -a lsilogic -d thin /vmfs/volumes/VM_backup_10.0.0.8/segreteria-dc01/segreteria-dc01-2026-12-07_00-12-53/segreteria-dc01.vmdk
  213   210 /bin/sh /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -m segreteria-dc01 -l /vmfs/volumes/VM_backup_10.0.0.8/a.log
  214   213 vim-cmd vmsvc/snapshot.get 1
  300     1 /bin/sh /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -m segreteria-dc01 -l /vmfs/volumes/VM_backup_10.0.0.8/b.log
  301   300 /sbin/vmkfstools -i /vmfs/volumes/datastore1/segreteria-dc01/segreteria-dc01.vmdk -a lsilogic -d thin /vmfs/volumes/VM_backup_10.0.0.8/segreteria-dc01/segreteria-dc01-2026-12-07_00-12-53/segreteria-dc01.vmdk
`;

// The run took its lock at 2026-12-07 00:12:53 UTC; an older run's snapshot, this run's, and the user's below it.
const SINCE = Date.UTC(2026, 11, 7, 0, 12, 53) / 1000;
const SNAPSHOTS = `Get Snapshot:
|-ROOT
--Snapshot Name        : ghettoVCB-snapshot-2025-01-01
--Snapshot Id        : 4
--Snapshot Desciption  : ghettoVCB-snapshot-2025-01-01
--Snapshot Created On  : 1/1/2025 1:0:5
--Snapshot State       : powered on
--|-CHILD
----Snapshot Name        : ghettoVCB-snapshot-2026-12-07
----Snapshot Id        : 7
----Snapshot Desciption  : ghettoVCB-snapshot-2026-12-07
----Snapshot Created On  : 12/7/2026 0:12:56
----Snapshot State       : powered on
------|-CHILD
------Snapshot Name        : prima-del-cancel
------Snapshot Id        : 8
------Snapshot Desciption  : taken during the backup
------Snapshot Created On  : 12/7/2026 0:13:10
------Snapshot State       : powered on
`;

describe('what a cancel reads on the host', () => {
  it('takes the run’s processes from ghettoVCB’s pid down, never another run’s that copies the same VM', () => {
    const tree = parseProcessTree(PS)!;
    expect(descendants(tree, 210).map((p) => p.pid)).toEqual([211, 212, 213, 214]);
    expect(descendants(tree, 999)).toEqual([]);
    // ESXi's own ps prints world ids without parents: nothing can be proven from it.
    expect(parseProcessTree('3360393 3360393 busybox              ash ./ghettoVCB.sh -f list\n')).toBeNull();
  });

  it('finds only the snapshot named by ghettoVCB and made since the run took its lock', () => {
    const ours = snapshotsOfRun(parseSnapshotTree(SNAPSHOTS).roots, SINCE);
    expect(ours.map((s) => [s.name, s.id])).toEqual([['ghettoVCB-snapshot-2026-12-07', 7]]);
    // One second before the lock was taken it would be an older run's.
    expect(snapshotsOfRun(parseSnapshotTree(SNAPSHOTS).roots, Date.UTC(2026, 11, 7, 0, 12, 57) / 1000)).toEqual([]);
  });

  it('reads the unfinished copy folders as VM and full path', () => {
    expect(parsePartialFolders('/vmfs/volumes/VM_backup_10.0.0.8', 'segreteria app/segreteria app-2026-12-07_00-12-53/\n')).toEqual([
      { vm: 'segreteria app', path: '/vmfs/volumes/VM_backup_10.0.0.8/segreteria app/segreteria app-2026-12-07_00-12-53' },
    ]);
  });
});

describe('the cancel’s plan', () => {
  const target: CancelTarget = {
    pid: 210,
    children: descendants(parseProcessTree(PS)!, 210),
    since: SINCE,
    vmids: ['1'],
    snapshotsText: SNAPSHOTS,
    snapshots: [{ vm: 'segreteria-dc01', vmid: '1', id: 7, name: 'ghettoVCB-snapshot-2026-12-07', createdOn: '12/7/2026 0:12:56' }],
    volume: '/vmfs/volumes/VM_backup_10.0.0.8',
    partialText: 'segreteria-dc01/segreteria-dc01-2026-12-07_00-12-53/\n',
    partial: [{ vm: 'segreteria-dc01', path: '/vmfs/volumes/VM_backup_10.0.0.8/segreteria-dc01/segreteria-dc01-2026-12-07_00-12-53' }],
  };

  it('stops, releases the lock, removes the run’s snapshot by id and marks the partial copy, none of it undoable', () => {
    const plan = planCancel(HOST, target, 'p1', 0);
    expect(plan.steps.map((s) => s.id)).toEqual(['stop', 'release-lock', 'snapshot-1-7', 'mark-3']);
    expect(plan.steps.every((s) => s.undo === null)).toBe(true);
    expect(plan.steps[0]!.checks.map((c) => c.words.key)).toEqual(['backup.cancel.check.sameRun', 'backup.cancel.check.snapshotsUnchanged', 'backup.cancel.check.foldersUnchanged']);
    expect(plan.steps[0]!.actions[0]!.command).toContain("kill -TERM 210 2>/dev/null; [ -n \"$kids\" ] && kill -TERM $kids");
    expect(plan.steps[1]!.actions[0]!.command).toBe('if [ -d /tmp/ghettoVCB.work ] && [ "$(cat /tmp/ghettoVCB.work/pid 2>/dev/null)" = 210 ]; then rm -rf /tmp/ghettoVCB.work; fi');
    expect(plan.steps[2]!.actions[0]!.command).toBe('vim-cmd vmsvc/snapshot.remove 1 7');
    expect(plan.steps[3]!.actions[0]!.command).toBe(
      "( set -C; printf '%s\\n' 'ERROR: Backup of segreteria-dc01 cancelled in Custode: this copy is partial and is not a backup' > /vmfs/volumes/VM_backup_10.0.0.8/segreteria-dc01/segreteria-dc01-2026-12-07_00-12-53/STATUS.error )",
    );
  });

  it('without a known backup volume, reports no folder and checks none', () => {
    const plan = planCancel(HOST, { ...target, volume: null, partial: [], partialText: '', children: [] }, 'p2', 0);
    expect(plan.steps.map((s) => s.id)).toEqual(['stop', 'release-lock', 'snapshot-1-7']);
    expect(plan.steps[0]!.words.key).toBe('backup.cancel.step.stopAlone');
    expect(plan.steps[0]!.checks).toHaveLength(2);
  });
});

describe('the run’s record after a cancel', () => {
  const end = { at: 2, exitCode: 2, finalStatus: null, bytes: null, durationMs: 1 };
  const fresh = () => {
    const runs = new RunStore(openDatabase(':memory:'));
    runs.add({ id: 'r1', hostId: 'h1', hostName: 'esxi-08', startedAt: 1, startedBy: 'root@pc', reason: 'x', vms: [], dryRun: false, logPath: '/vmfs/volumes/b/a.log', exitPath: '/tmp/e' });
    runs.started('r1', 'op1', 200);
    return runs;
  };
  const cut = [{ vm: 'segreteria-dc01', outcome: 'cancelled', reason: '/vmfs/volumes/b/segreteria-dc01/segreteria-dc01-2026-12-07_00-12-53', durationSeconds: null }];

  it('stays cancelled when a follower records the exit it saw afterwards', () => {
    const runs = fresh();
    runs.cancelled('r1', { ...end, outcomes: cut });
    runs.ended('r1', { ...end, state: 'ended', outcomes: [] });
    expect(runs.get('r1')).toMatchObject({ state: 'cancelled', outcomes: cut, exitCode: 2 });
  });

  it('becomes cancelled when the follower recorded the exit first', () => {
    const runs = fresh();
    runs.ended('r1', { ...end, state: 'ended', outcomes: [] });
    runs.cancelled('r1', { ...end, outcomes: cut });
    expect(runs.get('r1')).toMatchObject({ state: 'cancelled', outcomes: cut });
  });
});
