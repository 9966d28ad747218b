// `custode setup --nfs 3` on the bare lab: esxi-20's share mounted with `esxcli storage nfs add` (NFS v3) instead of
// nfs41, written to by the write test, used by a dry run and a real copy; planning again plans nothing, and removal
// unmounts it and leaves the copy on the share as it was.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNasState } from '../../lab/nas/state.ts';
import { labSkip } from '../backup/cli-session.ts';
import { run } from '../lab/ssh-client.ts';
import { tree, useSetupLab } from './setup-session.ts';

const skip = labSkip();
if (skip !== null) console.log(`skipping setup NFS 3 tests: ${skip}`);
const STATE = '/var/tmp/custode-lab-setup-nfs3';
const STAND_IN = process.env['GHETTOVCB_SH'] ?? join(import.meta.dirname, '..', '..', 'lab', 'ghettovcb', 'ghettoVCB.sh');
const DATASET = 'UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.20';
const SHARE = `/mnt/${DATASET}`;
const VOLUME = 'VM_backup_10.0.0.20';
/** esxcli storage nfs list's row for the share: volume, NAS, share, accessible, mounted, read-only. */
const NFS3_ROW = new RegExp(`^${VOLUME.replace(/\./g, '\\.')} +10\\.0\\.0\\.50 +${SHARE.replace(/\./g, '\\.')} +true +true +false `, 'm');

describe.skipIf(skip !== null)('setting up esxi-20 with an NFS 3 mount', { timeout: 600_000 }, () => {
  const site = useSetupLab({ topology: 'bare', stateDir: STATE }, ['truenas', 'esxi-08', 'esxi-20']);
  const setup = (verb: string, ...extra: string[]) => site.cli.run(['setup', verb, 'esxi-20', '--nas', 'truenas', ...extra]);
  const host = async (command: string) => (await run(site.lab.host('esxi-20'), command)).stdout;
  const shareDir = () => join(readNasState(site.lab.nasStatePath).mntDir, DATASET);


  it('plans the mount with esxcli storage nfs add, changing nothing', async () => {
    const r = await setup('plan', '--nfs', '3', '--ghettovcb', STAND_IN);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`esxcli storage nfs add -H 10.0.0.50 -s ${SHARE} -v ${VOLUME}`);
    expect(r.out).not.toContain('esxcli storage nfs41 add');
    expect(await host('esxcli storage nfs list; esxcli storage nfs41 list')).not.toContain(VOLUME);
  });

  it('mounts it as NFS 3, writes to it, runs a dry run, and plans nothing more', async () => {
    const r = await setup('apply', '--nfs', '3', '--ghettovcb', STAND_IN, '--reason', 'esxi-20 on NFS 3', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await host('esxcli storage nfs list')).toMatch(NFS3_ROW);
    expect(await host('esxcli storage nfs41 list')).not.toContain(VOLUME);
    // The write test ran as root on the mount and left nothing behind.
    const audit = (await site.cli.run(['audit', 'list', '--json'])).out;
    expect(audit).toContain('esxi-20 on NFS 3');
    expect(await host(`ls -A /vmfs/volumes/${VOLUME}`)).not.toMatch(/custode-write-test/);
    const dry = await setup('dryrun', '--json');
    expect(dry.code).toBe(0);
    expect((JSON.parse(dry.out) as { vms: Array<{ name: string }> }).vms.map((v) => v.name).sort()).toEqual(['aula-app', 'aula-dc01', 'aula-files']);
    for (const flags of [[], ['--nfs', '3']]) expect(JSON.parse((await setup('plan', ...flags, '--json')).out), flags.join(' ')).toMatchObject({ changes: 0, plan: null });
  });

  it('takes a real copy onto it; removal unmounts it and leaves the copy as it was', async () => {
    const copy = await site.cli.run(['backup', 'run', 'esxi-20', '--vm', 'aula-dc01', '--reason', 'first copy over NFS 3', '--yes', '--json']);
    expect(copy.err).toBe('');
    expect((JSON.parse(copy.out) as { verify: { verdict: string } | null }).verify?.verdict).toBe('verified');
    const files = tree(shareDir());
    expect(Object.keys(files).filter((f) => f.startsWith('aula-dc01/')).length).toBeGreaterThan(0);
    const planned = await setup('remove');
    expect(planned.code).toBe(0);
    expect(planned.out).toContain(`esxcli storage nfs remove -v ${VOLUME}`);
    expect(planned.out).not.toContain('esxcli storage nfs41 remove');
    const r = await setup('remove', '--reason', 'back to nothing', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await host('esxcli storage nfs list; esxcli storage nfs41 list')).not.toContain(VOLUME);
    expect(tree(shareDir())).toEqual(files);
  });
});
