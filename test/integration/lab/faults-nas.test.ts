import { describe, expect, it } from 'vitest';
import { lookupExport } from '../../lab/nas/exports.ts';
import { connect, run } from './ssh-client.ts';
import { canRunLab, skipReason, useSmallLab } from './lab-state-dir.ts';

if (!canRunLab) console.log(`skipping lab fault/NAS tests: ${skipReason}`);

const SHARE = '/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8';

describe.skipIf(!canRunLab)('lab NAS and faults', () => {
  const suite = useSmallLab();

  it('midclt prints the reference shapes (Python json.dumps, True for booleans)', async () => {
    const nas = suite.lab.host('truenas');
    const q = await run(nas, `midclt call sharing.nfs.query '[["path","=","${SHARE}"]]' '{"get": true}'`);
    expect(q.code).toBe(0);
    expect(q.stdout).toMatch(/^\{"id": 1, "path": "\/mnt\/UniventionBackup/);
    const share = JSON.parse(q.stdout) as Record<string, unknown>;
    expect(Object.keys(share)).toEqual(['id', 'path', 'aliases', 'comment', 'networks', 'hosts', 'ro', 'maproot_user', 'maproot_group', 'mapall_user', 'mapall_group', 'security', 'enabled', 'locked']);
    expect(share).toMatchObject({ hosts: ['10.0.0.8'], maproot_user: 'root', maproot_group: 'root' });
    const config = JSON.parse((await run(nas, 'midclt call nfs.config')).stdout) as Record<string, unknown>;
    expect(config['protocols']).toEqual(['NFSV3', 'NFSV4']);
    const info = JSON.parse((await run(nas, 'midclt call system.info')).stdout) as Record<string, unknown>;
    expect(info['version']).toBe('TrueNAS-SCALE-24.10.2.2');
    expect(info['boottime']).toMatchObject({ $date: expect.any(Number) });
    const ds = JSON.parse((await run(nas, `midclt call pool.dataset.query '[["id","=","UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8"]]' '{"get": true}'`)).stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(ds['used']!)).toEqual(['parsed', 'rawvalue', 'value', 'source', 'source_info']);
    const created = await run(nas, `midclt call pool.dataset.create '{"name": "UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.99"}'`);
    expect(created.code).toBe(0);
    const share2 = await run(nas, `midclt call sharing.nfs.create '{"path": "/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.99", "hosts": ["10.0.0.99"]}'`);
    expect(JSON.parse(share2.stdout)).toMatchObject({ id: 2, maproot_user: null });
    expect((await run(nas, 'midclt call sharing.nfs.delete 2')).stdout).toBe('True\n');
    const bad = await run(nas, `midclt call sharing.nfs.create '{"path": "${SHARE}", "hosts": ["10.0.0.8"], "maproot_user": "root", "mapall_user": "root"}'`);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[EINVAL] sharingnfs_create.mapall_user: maproot_user disqualifies mapall_user');
    expect(bad.stderr).toContain(`ERROR - Another NFS share already exports ${SHARE} for host 10.0.0.8`);
    const task = JSON.parse((await run(nas, `midclt call pool.snapshottask.create '{"dataset": "UniventionBackup/ESXI_VM_backups"}'`)).stdout) as Record<string, unknown>;
    expect(task).toMatchObject({ id: 1, lifetime_value: 2, lifetime_unit: 'WEEK', vmware_sync: false });
    const snap = JSON.parse((await run(nas, `midclt call zfs.snapshot.create '{"dataset": "UniventionBackup/ESXI_VM_backups", "name": "manual-1"}'`)).stdout) as Record<string, unknown>;
    expect(snap).toMatchObject({ id: 'UniventionBackup/ESXI_VM_backups@manual-1', type: 'SNAPSHOT' });
    const list = JSON.parse((await run(nas, `midclt call filesystem.listdir '${SHARE}/..'`)).stdout) as Array<Record<string, unknown>>;
    expect(list.map((e) => e.name)).toContain('ESXI_10.0.0.8');
  });

  it('NFS ACL: only the listed identity IP gets in, and root squash follows maproot', async () => {
    const allowed = lookupExport(suite.lab.nasStatePath, SHARE, '10.0.0.8');
    expect(allowed).toMatchObject({ found: true, allowed: true, maprootRoot: true, readOnly: false });
    expect(lookupExport(suite.lab.nasStatePath, SHARE, '10.0.0.9')).toMatchObject({ found: true, allowed: false });
    expect(lookupExport(suite.lab.nasStatePath, '/mnt/UniventionBackup/none', '10.0.0.8')).toEqual({ found: false });
    await run(suite.lab.host('truenas'), `midclt call sharing.nfs.update 1 '{"maproot_user": null, "maproot_group": null}'`);
    expect(lookupExport(suite.lab.nasStatePath, SHARE, '10.0.0.8')).toMatchObject({ maprootRoot: false });
    await run(suite.lab.host('truenas'), `midclt call sharing.nfs.update 1 '{"maproot_user": "root", "maproot_group": "root"}'`);
  });

  it('share-readonly makes the host unable to write to its share, and off restores it', async () => {
    const esxi = suite.lab.host('esxi-08');
    const volume = '/vmfs/volumes/VM_backup_10.0.0.8';
    expect((await run(esxi, `touch ${volume}/w1 && echo ok`)).stdout).toBe('ok\n');
    await suite.lab.fault('esxi-08', 'share-readonly', 'on');
    const denied = await run(esxi, `touch ${volume}/w2`);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/Read-only file system/);
    await suite.lab.fault('esxi-08', 'share-readonly', 'off');
    expect((await run(esxi, `touch ${volume}/w3 && echo ok`)).stdout).toBe('ok\n');
  });

  it('nas-full gives ENOSPC to the host and a tiny free space to the NAS, and off keeps what was written', async () => {
    const esxi = suite.lab.host('esxi-08');
    const volume = '/vmfs/volumes/VM_backup_10.0.0.8';
    await suite.lab.fault('esxi-08', 'nas-full', String(256 * 1024));
    const write = await run(esxi, `echo small > ${volume}/during-full.log && dd if=/dev/zero of=${volume}/big bs=1024 count=1024`);
    expect(write.code).not.toBe(0);
    expect(write.stderr).toMatch(/No space left on device/);
    const statfs = JSON.parse((await run(suite.lab.host('truenas'), `midclt call filesystem.statfs '${SHARE}'`)).stdout) as Record<string, number>;
    expect(statfs['avail_bytes']).toBeLessThanOrEqual(256 * 1024);
    const query = `midclt call pool.dataset.query '[["id","=","UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8"]]' '{"get": true}'`;
    const dataset = JSON.parse((await run(suite.lab.host('truenas'), query)).stdout) as { available: { parsed: number } };
    expect(dataset.available.parsed).toBeLessThanOrEqual(256 * 1024);
    await suite.lab.fault('esxi-08', 'nas-full', 'off');
    const after = await run(esxi, `cat ${volume}/during-full.log; rm -f ${volume}/big; dd if=/dev/zero of=${volume}/big bs=1024 count=1024 2>/dev/null && echo wrote`);
    expect(after.stdout).toBe('small\nwrote\n');
  });

  it('drop cuts open connections but the host keeps listening', async () => {
    const esxi = suite.lab.host('esxi-08');
    const s = await connect(esxi, { keyPath: esxi.privateKeyPath });
    const closed = new Promise<void>((resolve) => s.client.once('close', () => resolve()));
    expect(await suite.lab.fault('esxi-08', 'drop')).toMatch(/dropped [1-9]\d* connection/);
    await closed;
    expect((await run(esxi, 'echo back')).stdout).toBe('back\n');
  });

  it('stop makes the host unreachable; start boots it again', async () => {
    await suite.lab.fault('esxi-08', 'stop');
    expect(suite.lab.host('esxi-08').running).toBe(false);
    await expect(run(suite.lab.host('esxi-08'), 'true')).rejects.toThrow(/ECONNREFUSED/);
    await suite.lab.fault('esxi-08', 'start');
    expect((await run(suite.lab.host('esxi-08'), 'hostname')).stdout).toBe('esxi-08\n');
  });

  it('rotate-hostkey changes the fingerprint the host presents', async () => {
    const before = suite.lab.host('esxi-08').fingerprint;
    await suite.lab.fault('esxi-08', 'rotate-hostkey');
    const after = suite.lab.host('esxi-08');
    expect(after.fingerprint).not.toBe(before);
    const s = await connect(after, { keyPath: after.privateKeyPath });
    expect(s.fingerprint).toBe(after.fingerprint);
    s.close();
  });
});
