import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryRun } from '../../../shared/model/backup-history.ts';
import type { BackupRun } from '../../../shared/model/backup.ts';
import { slowClone } from '../../lab/esxi/faults.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import { labSkip, until, useSmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup nas-full] skipped: ${skip}`);
if (UPSTREAM_GHETTOVCB === undefined) console.log(`[backup nas-full] the real ghettoVCB case is skipped: ${upstreamMissing}`);
const SCRIPTS: Array<{ name: string; script: string | undefined; skip: boolean }> = [
  { name: 'the lab’s stand-in', script: undefined, skip: skip !== null },
  { name: 'the real ghettoVCB', script: UPSTREAM_GHETTOVCB, skip: skip !== null || UPSTREAM_GHETTOVCB === undefined },
];
const VMS = ['segreteria-dc01', 'segreteria app'];

/** Every file under a folder with its size, `path size` (the share as the NAS holds it). */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(`${relative(dir, p)} ${statSync(p).size}`);
    }
  };
  walk(dir);
  return out;
}

/**
 * Issue 15 acceptance: the share fills up (`nas-full`) in the middle of a run. The failure is explained per VM, and
 * every file of the copies made before (a good run first) is still on the share, the same size.
 */
describe.each(SCRIPTS)('the share full in the middle of a run, with $name', { timeout: 300_000 }, ({ script, skip: skipThis }) => {
  const site = useSmallLab(`/var/tmp/custode-lab-backup-nasfull${script === undefined ? '' : '-real'}`, { script, skip: skipThis });
  const { shareDir } = site;
  const host = () => site.lab.host('esxi-08');

  it.skipIf(skipThis)('each VM the full share stopped says why; the earlier good copies are all still there', async () => {
    const vmArgs = VMS.flatMap((vm) => ['--vm', vm]);
    const first = await site.cli.run(['backup', 'run', 'esxi-08', ...vmArgs, '--reason', 'copia buona di prima', '--yes', '--json']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect((JSON.parse(first.out) as HistoryRun).verify?.verdict).toBe('verified');
    const copies = (): string[] => files(shareDir()).filter((f) => VMS.some((vm) => f.startsWith(`${vm}/`)));
    const before = copies();
    expect(before.length).toBeGreaterThan(0);

    // A second run, its copies slowed (a thin copy writes its data at 41 %, 12 s in); the share fills up once the
    // first VM's copy has begun.
    slowClone(host().hostFs, 300);
    const started = await site.cli.run(['backup', 'run', 'esxi-08', ...vmArgs, '--reason', 'copia con la condivisione piena', '--yes', '--detach', '--json']);
    expect(started.err).toBe('');
    const run = JSON.parse(started.out) as BackupRun;
    const vmDir = join(shareDir(), VMS[0]!);
    const known = new Set(readdirSync(vmDir));
    await until('the second copy of segreteria-dc01 to begin', () => existsSync(vmDir) && readdirSync(vmDir).some((n) => !known.has(n)));
    // One page of room: the copy's data no longer fits (the failed copy removes what it made, so its failure still
    // reaches the log; the next VM's lines do not).
    await site.lab.fault('esxi-08', 'nas-full', '4096');
    try {
      const attach = await site.cli.run(['backup', 'attach', 'esxi-08', '--json']);
      const ended = JSON.parse(attach.out) as HistoryRun;
      console.log(`[backup nas-full] ${script === undefined ? 'stand-in' : 'real'}: exit ${ended.exitCode}; ${ended.outcomes.map((o) => `${o.vm}=${o.outcome} [${o.why?.code ?? ''}] (${o.reason ?? ''})`).join('; ')}`);
      expect(ended.id).toBe(run.id);
      expect(ended.state).toBe('ended');
      expect(ended.exitCode).not.toBe(0);
      // The VM whose copy the full share cut off failed with ESXi's own reason, and Custode says the share was full,
      // with its free space read after the run. ghettoVCB's log is on the full share too: the VM after it has no
      // result there, so it is read from the run's output on the host, and says so.
      const share = { share: 'VM_backup_10.0.0.8', freeBytes: expect.any(Number) };
      expect(ended.outcomes.find((o) => o.vm === VMS[0])).toMatchObject({
        outcome: 'error_vmdk',
        reason: expect.stringContaining('There is not enough space on the file system'),
        why: { code: 'backup.shareFull.copyFailed', params: { vm: VMS[0], ...share } },
      });
      expect(ended.outcomes.find((o) => o.vm === VMS[1])).toMatchObject({ outcome: 'error_vmdk', why: { code: 'backup.shareFull.copyFailedOutput', params: { vm: VMS[1], ...share } } });
      for (const o of ended.outcomes) expect(o.why?.params['freeBytes']).toBeLessThan(1024 * 1024);
      expect(ended.outcomes.filter((o) => o.outcome === 'ok')).toEqual([]);
      expect((ended.verify?.vms ?? []).filter((v) => v.verdict === 'verified')).toEqual([]);
      // The record Custode keeps says the same afterwards.
      const [listed] = JSON.parse((await site.cli.run(['backup', 'list', '--json'])).out) as HistoryRun[];
      expect(listed).toMatchObject({ id: run.id, outcomes: ended.outcomes });
      // And the terminal says it in words, in both languages.
      const en = (await site.cli.run(['backup', 'attach', 'esxi-08'])).out;
      expect(en).toContain(`The copy of ${VMS[0]} failed because the share VM_backup_10.0.0.8 had no space left`);
      expect(en).toContain(`The copy of ${VMS[1]} failed while the share VM_backup_10.0.0.8 was full`);
      expect(en).toContain('Custode read the result from the run’s output on the host');
      const italian = (await site.cli.run(['backup', 'attach', 'esxi-08'], 'it')).out;
      expect(italian).toContain(`La copia di ${VMS[0]} non è riuscita perché la condivisione VM_backup_10.0.0.8 era piena`);
    } finally {
      await site.lab.fault('esxi-08', 'nas-full', 'off');
      slowClone(host().hostFs, false);
    }
    // Every file of the earlier copies, the same size.
    const after = new Set(copies());
    expect(before.filter((f) => !after.has(f))).toEqual([]);
  });

  it.skipIf(skipThis)('a scheduled run the full share cut off: Custode says what its log allows, the share full', async () => {
    // The site's cron line sends ghettoVCB's output into a log on the share: with the share nearly full, it stops early.
    await site.lab.fault('esxi-08', 'nas-full', String(16 * 1024));
    try {
      const fired = await site.lab.cron('esxi-08');
      expect(fired.some((f) => f.command.includes('ghettoVCB.sh'))).toBe(true);
      const verified = await site.cli.run(['backup', 'verify', 'esxi-08', '--json']);
      const cron = (JSON.parse(verified.out) as HistoryRun[]).find((r) => r.origin === 'cron');
      console.log(`[backup nas-full] cron: ${cron?.state}; ${(cron?.outcomes ?? []).map((o) => `${o.vm}=${o.outcome} [${o.why?.code ?? ''}]`).join('; ')}`);
      expect(cron).toBeDefined();
      const explained = cron!.outcomes.filter((o) => o.why !== undefined);
      expect(explained.length).toBeGreaterThan(0);
      for (const o of cron!.outcomes.filter((x) => x.outcome === 'error_vmdk' || x.outcome === 'unknown')) {
        expect(o.why, o.vm).toMatchObject({ code: expect.stringMatching(/^backup\.shareFull\.(copyFailed|failedWhileFull|unknownNoOutput)$/), params: { share: 'VM_backup_10.0.0.8' } });
      }
      // No output of a run the schedule started is kept anywhere Custode reads: a VM the log stops at is not known.
      expect(cron!.outcomes.map((o) => o.why?.code)).not.toContain('backup.shareFull.copyFailedOutput');
      const text = (await site.cli.run(['backup', 'list', '--host', 'esxi-08'])).out;
      expect(text).toMatch(/VM_backup_10\.0\.0\.8 (had no space left|was full)/);
    } finally {
      await site.lab.fault('esxi-08', 'nas-full', 'off');
    }
  });
});
