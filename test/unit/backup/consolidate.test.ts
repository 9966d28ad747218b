import { describe, expect, it } from 'vitest';
import { consolidationSteps, parsePick, requireConfirmed } from '../../../electron/core/backup/consolidate.ts';

const target = { kind: 'host' as const, hostId: 'h1', name: 'esxi-08', address: '10.0.0.8' };

describe('consolidating picked snapshots before a run', () => {
  it('reads VM:ID, the id after the last colon (a VM name may hold one); anything else is no pick', () => {
    expect(parsePick('segreteria-app:3')).toEqual({ vm: 'segreteria-app', snapshotId: 3 });
    expect(parsePick('db: produzione:12')).toEqual({ vm: 'db: produzione', snapshotId: 12 });
    expect(parsePick('segreteria-app')).toBeNull();
    expect(parsePick(':3')).toBeNull();
    expect(parsePick('segreteria-app:tre')).toBeNull();
  });

  it('removes each pick by its id, only while it is there by that name, as a dangerous step that needs its own confirmation', () => {
    const steps = consolidationSteps(target, [
      { vm: "l'app; rm -rf /", vmid: '7', id: 4, name: 'prima', createdOn: '12/7/2026 3:00:00' },
      { vm: 'db', vmid: '9', id: 1, name: 'x', createdOn: '12/7/2026 3:00:00' },
    ]);
    expect(steps.map((s) => s.actions.map((a) => a.command))).toEqual([['vim-cmd vmsvc/snapshot.remove 7 4'], ['vim-cmd vmsvc/snapshot.remove 9 1']]);
    expect(steps[0]!.checks[0]!.action.command).toContain("env 'CUSTODE_SNAPSHOT_NAME=prima' awk -v 'i=4'");
    expect(steps.map((s) => s.danger?.object)).toEqual(["l'app; rm -rf /:4", 'db:1']);
    expect(steps.every((s) => s.undo === null)).toBe(true);
    expect(() => requireConfirmed(steps, ["l'app; rm -rf /:4"])).toThrow(expect.objectContaining({ code: 'operations.confirmationRequired', details: { object: 'db:1' } }));
    expect(() => requireConfirmed(steps, ["l'app; rm -rf /:4", 'db:1'])).not.toThrow();
  });
});
