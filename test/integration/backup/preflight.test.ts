import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PreflightCheck, PreflightReport } from '../../../shared/model/backup.ts';
import { labSkip, useSmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup pre-flight] skipped: ${skip}`);

/**
 * `custode backup check` against the small lab's real OpenSSH, with the lab's faults: each one is caught before
 * anything starts, the write test leaves nothing on the share, and bad input is refused with words.
 */
describe.skipIf(skip !== null)('backup pre-flight against the small lab', { timeout: 300_000 }, () => {
  const site = useSmallLab('/var/tmp/custode-lab-backup-preflight');
  const { shareDir } = site;


  const checkOnce = async (args: string[]): Promise<{ code: number; report: PreflightReport }> => {
    const r = await site.cli.run(['backup', 'check', 'esxi-08', ...args, '--json']);
    if (r.code > 1) throw new Error(`exit ${r.code}: ${r.err}`);
    return { code: r.code, report: JSON.parse(r.out) as PreflightReport };
  };
  /**
   * Lab hosts share this machine's process list, and these tests start no run, so a ghettoVCB running meanwhile is
   * another lab's (tests run side by side): the check is asked again once it ended. The orphaned `tail -f` processes
   * the real script leaves behind stay, and add warnings the assertions leave aside.
   */
  const foreignRun = (r: PreflightReport) =>
    r.checks.some((c) => c.check === 'lock' && c.verdict !== 'go' && c.code !== 'esxi.lock.orphanTail' && c.code !== 'backup.check.lock.stale');
  const check = async (...args: string[]): Promise<{ code: number; report: PreflightReport }> => {
    for (let i = 0; ; i++) {
      const r = await checkOnce(args);
      if (!foreignRun(r.report) || i === 90) return r;
      if (i === 0) console.log('[backup pre-flight] another lab runs ghettoVCB (shared process list); asking again once it ended');
      await new Promise((done) => setTimeout(done, 2_000));
    }
  };
  const of = (r: PreflightReport, check: PreflightCheck['check']) => r.checks.filter((c) => c.check === check);
  const writeTestFiles = () => readdirSync(shareDir()).filter((n) => n.startsWith('.custode-write-test-'));

  it('a clean host goes: the write test leaves the share as it was; the hostile VM name blocks only that VM', async () => {
    writeFileSync(join(shareDir(), 'a file of the admin'), 'keep me\n');
    const before = readdirSync(shareDir()).sort();
    const one = await check('--vm', 'segreteria-dc01');
    expect(one.code).toBe(0);
    expect(one.report.vms).toEqual(['segreteria-dc01']);
    expect(one.report.checks.filter((c) => c.verdict === 'block')).toEqual([]);
    expect(of(one.report, 'writeTest')).toMatchObject([{ verdict: 'go', code: 'backup.check.write.go', params: { dir: '/vmfs/volumes/VM_backup_10.0.0.8' } }]);
    expect(of(one.report, 'lock').filter((c) => c.code !== 'esxi.lock.orphanTail')).toMatchObject([{ verdict: 'go' }]);
    expect(of(one.report, 'space')).toMatchObject([{ verdict: 'go', params: { format: 'thin', vms: 1 } }]);
    expect(readdirSync(shareDir()).sort()).toEqual(before);

    const all = await check();
    expect(all.code).toBe(0);
    expect(all.report.allVms).toBe(true);
    expect(all.report.verdict).toBe('block');
    expect(all.report.checks.filter((c) => c.verdict === 'block')).toMatchObject([{ check: 'names', vm: "prova'; $(id) & *", code: 'ghettovcb.vmlist.regexCharacters' }]);
    const it_ = await site.cli.run(['backup', 'check', 'esxi-08', '--lang', 'it']);
    expect(it_.code).toBe(0);
    expect(it_.out).toContain('[blocca] Nomi delle VM (prova\'; $(id) & *)');
    expect(it_.out).toContain('Alcune VM non verrebbero salvate');
  });

  it('share-readonly: the backup folder and the write test block before anything starts (exit 1)', async () => {
    await site.lab.fault('esxi-08', 'share-readonly', 'on');
    try {
      const r = await check('--vm', 'segreteria-dc01');
      expect(r.code).toBe(1);
      expect(of(r.report, 'volume')).toMatchObject([{ verdict: 'block', code: 'fleet.share.readOnly' }]);
      const write = of(r.report, 'writeTest');
      expect(write).toMatchObject([{ verdict: 'block', code: 'backup.check.write.block' }]);
      expect(String(write[0]!.params['output'])).toMatch(/read-only/i);
      expect(writeTestFiles()).toEqual([]);
    } finally {
      await site.lab.fault('esxi-08', 'share-readonly', 'off');
    }
  });

  it('stale-lock: the lock whose pid is proven dead blocks, and the words say to remove that folder', async () => {
    await site.lab.fault('esxi-08', 'stale-lock');
    const lockDir = join(site.lab.host('esxi-08').hostFs, 'tmp', 'ghettoVCB.work');
    try {
      const r = await check('--vm', 'segreteria-dc01');
      expect(r.code).toBe(1);
      const lock = of(r.report, 'lock');
      expect(lock.filter((c) => c.verdict === 'block')).toMatchObject([{ code: 'backup.check.lock.stale', params: { pid: '4194300', workdir: '/tmp/ghettoVCB.work' } }]);
      const text = await site.cli.run(['backup', 'check', 'esxi-08', '--vm', 'segreteria-dc01']);
      expect(text.out).toContain('the process 4194300 written in it no longer exists');
      expect(existsSync(lockDir)).toBe(true);
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  });

  it('nas-full: the free space the NAS reports is less than the copies need, and the check blocks', async () => {
    await site.lab.fault('esxi-08', 'nas-full', 'on');
    try {
      const r = await check('--vm', 'segreteria-dc01');
      expect(r.code).toBe(1);
      const space = of(r.report, 'space');
      expect(space).toMatchObject([{ verdict: 'block', code: 'backup.check.space.short' }]);
      expect(Number(space[0]!.params['freeBytes'])).toBeLessThan(Number(space[0]!.params['neededBytes']));
      expect(writeTestFiles()).toEqual([]);
    } finally {
      await site.lab.fault('esxi-08', 'nas-full', 'off');
    }
  });

  it('add-snapshot: the VM with a snapshot is blocked by name (it would be skipped); the host itself may run', async () => {
    await site.lab.fault('esxi-08', 'add-snapshot', 'segreteria app');
    const r = await check('--vm', 'segreteria app', '--vm', 'segreteria-dc01');
    expect(r.code).toBe(0);
    expect(r.report.vms).toEqual(['segreteria app', 'segreteria-dc01']);
    expect(of(r.report, 'snapshots')).toMatchObject([{ verdict: 'block', vm: 'segreteria app', code: 'fleet.vm.willBeSkippedSnapshot', params: { snapshot: 'prima-aggiornamento' } }]);
  });

  it('bad input is refused in words before anything runs: an unknown VM, an unknown host', async () => {
    const vm = await site.cli.run(['backup', 'check', 'esxi-08', '--vm', 'no-such-vm']);
    expect(vm.code).toBe(1);
    expect(vm.err).toContain('esxi-08 has no VM named no-such-vm');
    const host = await site.cli.run(['backup', 'check', 'esxi-99'], 'it');
    expect(host.code).toBe(1);
    expect(host.err).toContain('In Custode non c’è un host ESXi esxi-99');
    expect((await site.cli.run(['backup', 'check'])).code).toBe(2);
  });

  it('an unreachable host is refused in words, and nothing is started on it', async () => {
    await site.lab.fault('esxi-08', 'stop');
    const r = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--reason', 'x', '--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('esxi-08 could not be checked');
    expect(r.err).toContain('so nothing was started');
    expect(JSON.parse((await site.cli.run(['backup', 'list', '--json'])).out)).toEqual([]);
  });
});
