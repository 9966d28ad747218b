import { describe, expect, it } from 'vitest';
import type { HistoryRun } from '../../../shared/model/backup-history.ts';
import type { PreflightReport } from '../../../shared/model/backup.ts';
import { hostShell } from './host-shell.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import { labSkip, useSmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup consolidate] skipped: ${skip}`);
if (UPSTREAM_GHETTOVCB === undefined) console.log(`[backup consolidate] the real ghettoVCB case is skipped: ${upstreamMissing}`);
const SCRIPTS: Array<{ name: string; script: string | undefined; skip: boolean }> = [
  { name: 'the lab’s stand-in', script: undefined, skip: skip !== null },
  { name: 'the real ghettoVCB', script: UPSTREAM_GHETTOVCB, skip: skip !== null || UPSTREAM_GHETTOVCB === undefined },
];

/**
 * Issue 15 §2, "consolidate snapshots first": a VM with a user's snapshot is skipped by ghettoVCB; the user picks
 * that snapshot (VM and id), confirms it a second time, and the run removes only it, then backs the VM up. Another
 * user's snapshot on another VM is never touched.
 */
describe.each(SCRIPTS)('consolidating a picked snapshot before a run, with $name', { timeout: 300_000 }, ({ script, skip: skipThis }) => {
  const site = useSmallLab(`/var/tmp/custode-lab-backup-consolidate${script === undefined ? '' : '-real'}`, { script, skip: skipThis });
  const host = () => site.lab.host('esxi-08');
  const { sh, vmid } = hostShell(host);
  /** The VM's snapshots as `name=id`, from snapshot.get's field lines. */
  const snapshots = async (id: string): Promise<string[]> => {
    const out: string[] = [];
    let name = '';
    for (const l of (await sh(`vim-cmd vmsvc/snapshot.get ${id}`)).split('\n')) {
      const n = /^-*Snapshot Name\s*: (.*)$/.exec(l);
      if (n) name = n[1]!.trim();
      const i = /^-*Snapshot Id\s*: (\d+)/.exec(l);
      if (i) out.push(`${name}=${i[1]}`);
    }
    return out;
  };

  it.skipIf(skipThis)('only the picked snapshot goes, after a second confirmation; the VM is then backed up instead of skipped', async () => {
    const dc = await vmid('segreteria-dc01');
    const app = await vmid('segreteria app');
    // A name as a user types it, with a backslash: the removal's check must find it as it is (awk -v would read \t).
    await sh(`vim-cmd vmsvc/snapshot.create ${dc} 'prima dell’aggiornamento C:\\temp' 'the user’s own' 0 0`);
    await sh(`vim-cmd vmsvc/snapshot.create ${app} da-tenere 'not picked' 0 0`);
    const [picked] = await snapshots(dc);
    expect(picked).toMatch(/^prima dell’aggiornamento C:\\temp=\d+$/);
    const pickedId = picked!.split('=')[1]!;
    const kept = await snapshots(app);
    expect(kept).toHaveLength(1);
    const pick = `segreteria-dc01:${pickedId}`;
    const base = ['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--consolidate', pick];

    // The review: the pre-flight says the VM would be skipped; the plan removes exactly that snapshot by id, first,
    // as a dangerous step that names what to confirm. Nothing is done.
    const review = await site.cli.run([...base, '--json']);
    expect(review.code, review.err).toBe(0);
    const reviewed = JSON.parse(review.out) as { plan: { steps: { id: string; actions: { command: string }[]; danger: { object: string } | null }[] }; preflight: PreflightReport };
    expect(reviewed.preflight.checks).toContainEqual(expect.objectContaining({ vm: 'segreteria-dc01', verdict: 'block', code: 'fleet.vm.willBeSkippedSnapshot' }));
    const removals = reviewed.plan.steps.filter((s) => s.actions.some((a) => a.command.includes('snapshot.remove')));
    expect(removals.map((s) => s.actions.map((a) => a.command))).toEqual([[`vim-cmd vmsvc/snapshot.remove ${dc} ${pickedId}`]]);
    expect(removals[0]!.danger?.object).toBe(pick);
    expect(reviewed.plan.steps[0]!.id).toBe(removals[0]!.id);
    const text = await site.cli.run(base);
    expect(text.out).toContain(`vim-cmd vmsvc/snapshot.remove ${dc} ${pickedId}`);
    expect(text.out).toContain(`--confirm ${pick}`);
    expect(await snapshots(dc)).toEqual([picked]);

    // Bad picks are refused before anything runs: an id the VM does not have, a VM outside the run, a malformed pick,
    // and a pick not confirmed a second time.
    const unknown = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--consolidate', 'segreteria-dc01:987654', '--reason', 'prova', '--yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('segreteria-dc01 on esxi-08 has no snapshot with id 987654');
    const outside = await site.cli.run([...base.slice(0, -2), '--consolidate', `segreteria app:${kept[0]!.split('=')[1]}`, '--reason', 'prova', '--yes']);
    expect(outside.code).toBe(1);
    expect(outside.err).toContain('segreteria app is not among the VMs of this run');
    const malformed = await site.cli.run([...base.slice(0, -2), '--consolidate', 'segreteria-dc01', '--reason', 'prova', '--yes']);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('--consolidate takes VM:SNAPSHOT-ID');
    const unconfirmed = await site.cli.run([...base, '--reason', 'prova', '--yes']);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.err).toContain(`Confirm “${pick}” by name`);
    expect(await snapshots(dc)).toEqual([picked]);
    expect(JSON.parse((await site.cli.run(['backup', 'list', '--json'])).out)).toEqual([]);

    // Confirmed: the picked snapshot is removed, then the run backs the VM up (followed to its end).
    const done = await site.cli.run([...base, '--confirm', pick, '--reason', 'consolidare prima del backup', '--yes', '--json']);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    const ended = JSON.parse(done.out) as HistoryRun;
    expect(ended.state).toBe('ended');
    expect(ended.outcomes).toEqual([expect.objectContaining({ vm: 'segreteria-dc01', outcome: 'ok' })]);
    expect(ended.verify?.vms).toEqual([expect.objectContaining({ vm: 'segreteria-dc01', verdict: 'verified' })]);
    expect(await snapshots(dc)).toEqual([]);
    expect(await snapshots(app)).toEqual(kept);

    // The trail holds the removal with the reason.
    const audit = await site.cli.run(['audit', 'show', ended.operationId!, '--json']);
    expect(audit.out).toContain(`vim-cmd vmsvc/snapshot.remove ${dc} ${pickedId}`);
    expect(audit.out).toContain('consolidare prima del backup');
  });
});
