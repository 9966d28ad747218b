import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CopyListing, RestorePlanView, RestoreResult } from '../../../shared/model/restore.ts';
import { HOSTILE_NAME } from '../../lab/esxi/seed.ts';
import { appCore } from './app-core.ts';
import { labPaths } from '../../lab/lab-paths.ts';
import { labSkip, useSmallLab } from '../backup/cli-session.ts';
import { esxi } from '../lab-esxi/helpers.ts';
import { sparseDigest } from './sparse-digest.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import type { RestoreEnded, RestoreProgress } from '../../../shared/model/restore.ts';
import { dirname } from 'node:path';

/** ghettoVCB-restore.sh beside the upstream ghettoVCB.sh the tests use, when there is one. */
const RESTORE_SH = UPSTREAM_GHETTOVCB === undefined ? undefined : join(dirname(UPSTREAM_GHETTOVCB), 'ghettoVCB-restore.sh');
const restoreShMissing = RESTORE_SH === undefined ? upstreamMissing : existsSync(RESTORE_SH) ? null : `${RESTORE_SH} does not exist`;
if (restoreShMissing !== null) console.log(`[restore] the case through the real ghettoVCB-restore.sh is skipped: ${restoreShMissing}`);

const skip = labSkip();
if (skip) console.log(`[restore] skipped: ${skip}`);

const STATE = '/var/tmp/custode-lab-restore';
const sha = (path: string): Promise<string> => Promise.resolve(sparseDigest(path));

/**
 * Restores on the small lab (one ESXi host, esxi-08, and the NAS). Its only host mounts the share, so every restore
 * goes back onto esxi-08 under a new name: the small topology has no second host that sees esxi-08's share.
 */
describe.skipIf(skip !== null)('restore a VM from a copy on the share', { timeout: 300_000 }, () => {
  const site = useSmallLab(STATE);
  const datastore = () => realpathSync(join(labPaths(STATE).host('esxi-08').hostFs, 'vmfs/volumes/datastore1'));
  const inventory = async () => esxi(labPaths(STATE).host('esxi-08').hostFs, 'bin/vim-cmd', ['vmsvc/getallvms']).stdout;
  const listing = () => readdirSync(datastore()).sort().map((d) => `${d}:${existsSync(join(datastore(), d)) ? readdirSync(join(datastore(), d)).sort().join(',') : ''}`);
  const request = (vm: string, name: string, extra: string[] = []) => ['--vm', vm, '--to-host', 'esxi-08', '--datastore', 'datastore1', '--name', name, ...extra];
  let copy: string;

  it('lists the copy a backup left, newest first, with its status', async () => {
    const backup = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--reason', 'a copy to restore', '--yes']);
    expect(backup.code).toBe(0);
    const r = await site.cli.run(['restore', 'copies', '--vm', 'segreteria-dc01', '--json']);
    expect(r.err).toBe('');
    const l = JSON.parse(r.out) as CopyListing;
    expect(l).toMatchObject({ vm: 'segreteria-dc01', sourceHost: 'esxi-08', readBy: 'esxi-08', asOfProbe: null });
    const onShare = readdirSync(join(site.shareDir(), 'segreteria-dc01')).filter((n) => n.startsWith('segreteria-dc01-'));
    expect(l.copies.map((c) => c.folder)).toEqual(onShare);
    expect(l.copies[0]).toMatchObject({ status: 'ok', overrideNeeded: null });
    copy = l.copies[0]!.folder;
  });

  it('refuses a registered name and an existing folder before anything is written: files and inventory unchanged', async () => {
    mkdirSync(join(datastore(), 'occupata'));
    const before = { files: listing(), vms: await inventory() };
    const registered = await site.cli.run(['restore', 'run', ...request('segreteria-dc01', 'segreteria app'), '--reason', 'prova', '--yes', '--json']);
    expect(registered.code).toBe(1);
    const v1 = JSON.parse(registered.out) as RestorePlanView;
    expect(v1.checks.find((c) => c.check === 'name')).toMatchObject({ verdict: 'block', code: 'restore.check.name.registered' });
    const folder = await site.cli.run(['restore', 'run', ...request('segreteria-dc01', 'occupata'), '--reason', 'prova', '--yes', '--json']);
    expect(folder.code).toBe(1);
    const v2 = JSON.parse(folder.out) as RestorePlanView;
    expect(v2.checks.find((c) => c.check === 'folder')).toMatchObject({ verdict: 'block', code: 'restore.check.folder.exists' });
    expect(v2.checks.find((c) => c.check === 'name')).toMatchObject({ verdict: 'go' });
    const italian = await site.cli.run(['restore', 'plan', ...request('segreteria-dc01', 'segreteria app'), '--lang', 'it'], 'it');
    expect(italian.code).toBe(1);
    expect(italian.out).toContain('[blocca] Nome: Su esxi-08 è già registrata una VM di nome “segreteria app”: il ripristino non la tocca mai. Scegli un altro nome.');
    expect(italian.out).toContain('Un controllo blocca questo ripristino: non è stato scritto nulla.');
    const slash = await site.cli.run(['restore', 'plan', ...request('segreteria-dc01', 'a/b')]);
    expect(slash.code).toBe(1);
    expect(slash.out).toContain('contains a slash');
    const long = await site.cli.run(['restore', 'plan', ...request('segreteria-dc01', 'x'.repeat(81))]);
    expect(long.out).toContain('ESXi allows at most 80');
    const noDs = await site.cli.run(['restore', 'plan', '--vm', 'segreteria-dc01', '--to-host', 'esxi-08', '--datastore', 'nessuno', '--name', 'nuova']);
    expect(noDs.code).toBe(1);
    expect(noDs.out).toContain('The datastore nessuno does not exist on esxi-08');
    expect({ files: listing(), vms: await inventory() }).toEqual(before);
  });

  it('restores natively under a new name: registered, each flat disk byte for byte the copy’s', async () => {
    const r = await site.cli.run(['restore', 'run', ...request('segreteria-dc01', 'segreteria-dc01-ripristino', ['--copy', copy, '--power-on']), '--reason', 'prova di ripristino', '--yes', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out.slice(r.out.indexOf('{\n  "name"'))) as RestoreResult;
    expect(result).toMatchObject({ name: 'segreteria-dc01-ripristino', method: 'native', vmxPath: '/vmfs/volumes/datastore1/segreteria-dc01-ripristino/segreteria-dc01-ripristino.vmx' });
    expect(await inventory()).toContain('[datastore1] segreteria-dc01-ripristino/segreteria-dc01-ripristino.vmx');
    expect(result.poweredOn).toBe(true);
    expect(esxi(labPaths(STATE).host('esxi-08').hostFs, 'bin/vim-cmd', ['vmsvc/power.getstate', result.vmid]).stdout).toContain('Powered on');
    const restored = join(datastore(), 'segreteria-dc01-ripristino');
    expect(await sha(join(restored, 'segreteria-dc01-ripristino-0-flat.vmdk'))).toBe(await sha(join(site.shareDir(), 'segreteria-dc01', copy, 'segreteria-dc01-flat.vmdk')));
    const vmx = readFileSync(join(restored, 'segreteria-dc01-ripristino.vmx'), 'utf8');
    expect(vmx).toContain('displayName = "segreteria-dc01-ripristino"');
    expect(vmx).toContain('scsi0:0.fileName = "segreteria-dc01-ripristino-0.vmdk"');
  });

  it('a copy folder without its .vmx is refused with a clear error, nothing written', async () => {
    const bad = join(site.shareDir(), 'segreteria-dc01', 'segreteria-dc01-2020-01-01_00-00-00');
    mkdirSync(bad);
    writeFileSync(join(bad, 'STATUS.ok'), 'Successfully completed backup\n');
    const before = listing();
    const r = await site.cli.run(['restore', 'plan', ...request('segreteria-dc01', 'senza-vmx', ['--copy', 'segreteria-dc01-2020-01-01_00-00-00'])]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('holds no .vmx file');
    expect(listing()).toEqual(before);
  });

  it(`the VM named ${HOSTILE_NAME} restores like any other`, async () => {
    // ghettoVCB cannot back this name up (its ERE lookup), so its copy folder is laid out as ghettoVCB would.
    const folder = `${HOSTILE_NAME}-2025-11-02_01-00-01`;
    const dest = join(site.shareDir(), HOSTILE_NAME, folder);
    mkdirSync(dest, { recursive: true });
    const src = join(datastore(), HOSTILE_NAME);
    // cp keeps the 40 GB flat file sparse, as the lab's clones do (a plain copy would write every zero).
    for (const f of readdirSync(src).filter((n) => /\.(vmx|nvram|vmdk)$/.test(n))) execFileSync('cp', ['--sparse=always', join(src, f), join(dest, f)]);
    writeFileSync(join(dest, 'STATUS.ok'), 'Successfully completed backup\n');
    const name = `${HOSTILE_NAME} copia`;
    const r = await site.cli.run(['restore', 'run', ...request(HOSTILE_NAME, name), '--reason', 'nome ostile', '--yes', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await inventory()).toContain(`[datastore1] ${name}/${name}.vmx`);
    expect(await sha(join(datastore(), name, `${name}-0-flat.vmdk`))).toBe(await sha(join(dest, `${HOSTILE_NAME}-flat.vmdk`)));
  });

  it('a target that drops mid-clone: nothing left registered, only what the restore made is removed', async () => {
    await site.lab.fault('esxi-08', 'slow-clone', 'on');
    const before = { files: listing(), vms: await inventory() };
    const running = site.cli.run(['restore', 'run', ...request('segreteria-dc01', 'interrotta', ['--copy', copy]), '--reason', 'prova di caduta', '--yes']);
    const target = join(datastore(), 'interrotta');
    for (let i = 0; i < 600 && !existsSync(join(target, 'interrotta-0.vmdk')) && !existsSync(join(target, 'interrotta-0-flat.vmdk')); i++) await new Promise((r) => setTimeout(r, 100));
    let r;
    try {
      expect(await site.lab.fault('esxi-08', 'drop')).toMatch(/dropped/);
      r = await running;
    } finally {
      await site.lab.fault('esxi-08', 'slow-clone', 'off');
    }
    expect(r.code).toBe(1);
    expect(r.err).toContain('Removed what the restore had made');
    expect({ files: listing(), vms: await inventory() }).toEqual(before);
  });

  it('cancelled mid-clone through the app’s IPC: nothing registered, only what it made is removed', async () => {
    await site.lab.fault('esxi-08', 'slow-clone', 'on');
    const { core, call, ended } = appCore(site.cli.home);
    const progress: RestoreProgress[] = [];
    const ends: RestoreEnded[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'restore:ended') ends.push(payload as RestoreEnded);
      if (event === 'restore:progress') progress.push(payload as RestoreProgress);
    });
    try {
      const before = { files: listing(), vms: await inventory() };
      const hostId = core.fleet.hosts.list().find((h) => h.name === 'esxi-08')!.id;
      const planned = await ended(((await call('restore.plan', { vm: 'segreteria-dc01', copy, toHostId: hostId, datastore: 'datastore1', name: 'annullata' })) as { jobId: string }).jobId);
      expect(planned.state).toBe('succeeded');
      const view = planned.result as RestorePlanView;
      expect(view.verdict).not.toBe('block');
      const { jobId } = (await call('restore.run', { planId: view.planId, reason: 'prova di annullamento' })) as { jobId: string };
      for (let i = 0; i < 600 && !progress.some((p) => p.jobId === jobId && p.state === 'cloning'); i++) await new Promise((r) => setTimeout(r, 100));
      // The clone has begun when its descriptor or data file is there.
      const target = join(datastore(), 'annullata');
      for (let i = 0; i < 600 && !existsSync(join(target, 'annullata-0-flat.vmdk')) && !existsSync(join(target, 'annullata-0.vmdk')); i++) await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(target)).toBe(true);
      expect(progress.filter((p) => p.jobId === jobId && p.disk === 0)[0]).toMatchObject({ state: 'cloning', percent: 0, disks: 1, file: '/vmfs/volumes/datastore1/annullata/annullata-0.vmdk' });
      expect(await call('restore.cancel', { jobId })).toEqual({ cancelled: true });
      const d = await ended(jobId);
      expect(d.state).toBe('cancelled');
      expect(d.error?.code).toBe('job.cancelled');
      const end = ends.find((e) => e.jobId === jobId)!;
      expect(end).toMatchObject({ outcome: 'cancelled', result: null, error: { code: 'job.cancelled' }, cleanup: { unregistered: null, notRemoved: [] } });
      expect(end.cleanup!.removed).toEqual(['/vmfs/volumes/datastore1/annullata/annullata-0.vmdk', '/vmfs/volumes/datastore1/annullata/annullata-0-flat.vmdk', '/vmfs/volumes/datastore1/annullata']);
      expect({ files: listing(), vms: await inventory() }).toEqual(before);
    } finally {
      core.close();
      await site.lab.fault('esxi-08', 'slow-clone', 'off');
    }
  });

  it.skipIf(restoreShMissing !== null)('the same restore through the real ghettoVCB-restore.sh: registered, disks byte for byte', async () => {
    // The lab installs ghettoVCB.sh only; the restore script goes beside it, as an admin copies it to the datastore.
    cpSync(RESTORE_SH!, join(datastore(), 'ghettoVCB', 'ghettoVCB-restore.sh'));
    const r = await site.cli.run(['restore', 'run', ...request('segreteria-dc01', 'con-ghettovcb', ['--copy', copy, '--method', 'ghettovcb']), '--reason', 'con lo script', '--yes', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out.slice(r.out.indexOf('{\n  "name"'))) as RestoreResult;
    expect(result).toMatchObject({ method: 'ghettovcb', vmxPath: '/vmfs/volumes/datastore1/con-ghettovcb/con-ghettovcb.vmx' });
    expect(await inventory()).toContain('[datastore1] con-ghettovcb/con-ghettovcb.vmx');
    expect(await sha(join(datastore(), 'con-ghettovcb', 'con-ghettovcb-0-flat.vmdk'))).toBe(await sha(join(site.shareDir(), 'segreteria-dc01', copy, 'segreteria-dc01-flat.vmdk')));
  });

  it('prints each disk’s progress in the user’s language', async () => {
    const r = await site.cli.run(['restore', 'run', ...request('segreteria-dc01', 'in-italiano', ['--copy', copy, '--method', 'native']), '--reason', 'prova', '--yes', '--lang', 'it'], 'it');
    expect(r.code).toBe(0);
    expect(r.out).toContain('disco 1 di 1 in copia 0%: /vmfs/volumes/datastore1/in-italiano/in-italiano-0.vmdk');
    expect(r.out).toContain('disco 1 di 1 copiato 100%: /vmfs/volumes/datastore1/in-italiano/in-italiano-0.vmdk');
    expect(r.out).toContain('Ripristinata “in-italiano” su esxi-08');
  });

  it('the copies of a VM whose host is stopped are read on the NAS', async () => {
    const up = JSON.parse((await site.cli.run(['restore', 'copies', '--vm', 'segreteria-dc01', '--json'])).out) as CopyListing;
    await site.lab.fault('esxi-08', 'stop');
    try {
      const r = await site.cli.run(['restore', 'copies', '--vm', 'segreteria-dc01', '--json']);
      expect(r.err).toBe('');
      const down = JSON.parse(r.out) as CopyListing;
      expect(down).toMatchObject({ sourceHost: 'esxi-08', readBy: 'truenas', asOfProbe: null });
      expect(down.copies.map((c) => [c.folder, c.status, c.sizeBytes])).toEqual(up.copies.map((c) => [c.folder, c.status, c.sizeBytes]));
      expect(down.copies[0]!.path).toMatch(/^\/mnt\/UniventionBackup\/ESXI_VM_backups\/ESXI_10\.0\.0\.8\/segreteria-dc01\//);
    } finally {
      await site.lab.fault('esxi-08', 'start');
    }
  });
});
