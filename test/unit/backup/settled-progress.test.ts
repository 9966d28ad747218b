import { describe, expect, it } from 'vitest';
import { explainShareFull } from '../../../electron/core/backup/share-full.ts';
import { settledProgress, vmProgress } from '../../../electron/core/backup/progress.ts';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';

// The share filled up during web01's clone: the log stops there (no result line for web01, nothing of db01, no LOG END),
// while the run's output on the host still says how web01 ended.
const LOG = [
  '2026-12-07 04:30:02 -- info: ============================== ghettoVCB LOG START ==============================',
  '2026-12-07 04:30:02 -- info: CONFIG - VERSION = 2025_10_30_1',
  '2026-12-07 04:30:02 -- info: CONFIG - GHETTOVCB_PID = 11',
  '2026-12-07 04:30:02 -- info: CONFIG - VM_BACKUP_VOLUME = /vmfs/volumes/nas/backup',
  '2026-12-07 04:30:04 -- info: Initiate backup for web01',
  '2026-12-07 04:30:04 -- info: Creating Snapshot "ghettoVCB-snapshot-2026-12-07" for web01',
  'Destination disk format: VMFS thin-provisioned',
  "Cloning disk '/vmfs/volumes/datastore1/web01/web01.vmdk'...",
  'Clone: 40% done.',
  '',
].join('\n');
// As ghettoVCB writes a clone that ran out of space (the reference's real log, ghettovcb.md §"partial failure").
const OUTPUT = [
  LOG.trimEnd() + 'Failed to clone disk: There is not enough space on the file system for the selected operation (13).',
  '',
  '2026-12-07 04:31:10 -- info: ERROR: error in backing up of "/vmfs/volumes/datastore1/web01/web01.vmdk" for web01',
  '2026-12-07 04:31:11 -- info: Removing snapshot from web01 ...',
  '2026-12-07 04:31:12 -- info: Backup Duration: 68 Seconds',
  '2026-12-07 04:31:12 -- info: ERROR: Unable to backup web01 due to error in VMDK backup!',
  '',
].join('\n');

describe("an ended run's per-VM progress", () => {
  const log = parseLog(LOG).runs[0]!;
  const requested = ['web01', 'db01'];

  it('leaves the cut-off VM copying and the next one waiting when only the log is read', () => {
    expect(vmProgress(log, requested).map((v) => [v.vm, v.state])).toEqual([['web01', 'cloning'], ['db01', 'waiting']]);
  });

  it('takes each unfinished VM’s state from the outcomes the run’s end gave it', () => {
    const outcomes = explainShareFull({ log, output: parseLog(OUTPUT).runs[0]!, requested, share: '/vmfs/volumes/nas', freeText: '0 B', freeBytes: 0 });
    expect(outcomes.map((o) => [o.vm, o.outcome])).toEqual([['web01', 'error_vmdk'], ['db01', 'unknown']]);
    const settled = settledProgress(vmProgress(log, requested), outcomes);
    expect(settled.map((v) => [v.vm, v.state, v.outcome])).toEqual([['web01', 'failed', 'error_vmdk'], ['db01', 'failed', 'unknown']]);
    // How far the copy got stays on the bar.
    expect(settled[0]!.percent).toBe(40);
  });

  it('marks a VM no outcome names as skipped when it never began, failed when it was left open', () => {
    const settled = settledProgress(vmProgress(log, requested), []);
    expect(settled.map((v) => [v.vm, v.state, v.outcome])).toEqual([['web01', 'failed', null], ['db01', 'skipped', null]]);
  });

  it('adds the VMs of a run of all VMs that only the outcomes name (the cut log never reached them)', () => {
    const outcomes = explainShareFull({ log, output: parseLog(OUTPUT).runs[0]!, requested: [], share: '/vmfs/volumes/nas', freeText: '0 B', freeBytes: 0 });
    const later = { vm: 'db01', outcome: 'unknown', reason: null, durationSeconds: null };
    const settled = settledProgress(vmProgress(log, []), [...outcomes, later]);
    expect(settled.map((v) => [v.vm, v.state, v.outcome])).toEqual([['web01', 'failed', 'error_vmdk'], ['db01', 'failed', 'unknown']]);
  });

  it('keeps what had already finished', () => {
    const done = { vm: 'a', state: 'done' as const, disk: 1, percent: 100, outcome: 'ok' };
    expect(settledProgress([done], [{ vm: 'a', outcome: 'error_vmdk', reason: null, durationSeconds: null }])).toEqual([done]);
  });
});
