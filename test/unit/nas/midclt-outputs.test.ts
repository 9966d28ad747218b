import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetQueryCommand, parseDatasets } from '../../../electron/core/nas/datasets.ts';
import { fileStatCommand, fsUsageCommand, listDirCommand, parseFileStat, parseFsUsage, parseListDir } from '../../../electron/core/nas/filesystem.ts';
import { decodeMidcltOutput, midcltCommand } from '../../../electron/core/nas/midclt.ts';
import { nfsConfigCommand, parseNfsConfig } from '../../../electron/core/nas/nfs-config.ts';
import { nfsSharesCommand, parseNfsShares } from '../../../electron/core/nas/nfs-shares.ts';
import { dialectOf, parseRelease, parseSystemInfo, systemInfoCommand } from '../../../electron/core/nas/release.ts';
import { parseSnapshotTasks, snapshotTasksCommand } from '../../../electron/core/nas/snapshot-tasks.ts';
import { parseSnapshots, snapshotQueryCommand } from '../../../electron/core/nas/snapshots.ts';
import { humanBytes, propertyBytes, ZfsProperty } from '../../../electron/core/nas/zfs-property.ts';
import { fixture } from '../esxi/fixture.ts';
import { argvThroughShell, hostileText, SHELLS } from '../esxi/shell-roundtrip.ts';

describe.each(SHELLS)('midclt builders round-trip through $name', (shell) => {
  it('every argument arrives as the JSON of the value', () => {
    const values = fc.sample(fc.jsonValue(), { numRuns: 150, seed: 99 });
    const argvs = argvThroughShell(shell, values.map((v) => ({ command: midcltCommand('pool.dataset.query', v, { get: true }), program: 'midclt' })));
    argvs.forEach((argv, i) => {
      expect(argv.slice(0, 2)).toEqual(['call', 'pool.dataset.query']);
      expect(JSON.parse(argv[2]!)).toEqual(JSON.parse(JSON.stringify(values[i])));
      expect(JSON.parse(argv[3]!)).toEqual({ get: true });
    });
  });

  it('paths stay strings, even when they look like numbers or hold quotes', () => {
    const paths = [...fc.sample(hostileText.map((s) => `/mnt/tank/${s}`), { numRuns: 100, seed: 5 }), '123', 'true', 'null'];
    for (const build of [fileStatCommand, fsUsageCommand, listDirCommand]) {
      const argvs = argvThroughShell(shell, paths.map((p) => ({ command: build(p), program: 'midclt' })));
      expect(argvs.map((a) => JSON.parse(a[2]!))).toEqual(paths);
    }
  });

  it('fixed queries', () => {
    const argvs = argvThroughShell(shell, [systemInfoCommand(), nfsSharesCommand(), nfsConfigCommand(), snapshotTasksCommand()].map((command) => ({ command, program: 'midclt' })));
    expect(argvs).toEqual([['call', 'system.info'], ['call', 'sharing.nfs.query'], ['call', 'nfs.config'], ['call', 'pool.snapshottask.query']]);
    const [ds] = argvThroughShell(shell, [{ command: datasetQueryCommand({ id: 'UniventionBackup/ESXI_VM_backups', properties: ['used', 'available'] }), program: 'midclt' }]);
    expect(ds!.slice(2).map((a) => JSON.parse(a))).toEqual([[['id', '=', 'UniventionBackup/ESXI_VM_backups']], { extra: { flat: true, retrieve_children: false, properties: ['used', 'available'] } }]);
  });
});

describe('midclt output', () => {
  it('decodes Python prints', () => {
    expect(decodeMidcltOutput('True\n')).toBe(true);
    expect(decodeMidcltOutput('False\n')).toBe(false);
    expect(decodeMidcltOutput('42\n')).toBe(42);
    expect(decodeMidcltOutput('{"a": NaN, "b": "NaN"}\n')).toEqual({ a: null, b: 'NaN' });
    expect(decodeMidcltOutput('TrueNAS-SCALE-24.10.2.2\n')).toBe('TrueNAS-SCALE-24.10.2.2');
  });

  it('names the method when the shape is wrong', () => {
    expect(() => parseNfsShares('{"id": 1}\n')).toThrowError(expect.objectContaining({ code: 'nas.unexpectedOutput', details: expect.objectContaining({ method: 'sharing.nfs.query' }) }));
    expect(() => parseNfsShares('Failed to run middleware call. Daemon not running?\n')).toThrowError(expect.objectContaining({ code: 'nas.unexpectedOutput' }));
    expect(() => parseNfsShares('[{"id": 2, "hosts": []}]')).toThrowError(expect.objectContaining({ code: 'nas.unexpectedOutput' }));
    expect(() => midcltCommand('x; reboot')).toThrowError(expect.objectContaining({ code: 'nas.invalidMethod' }));
  });
});

describe('system.info', () => {
  it('tells CORE from SCALE and picks the dialect', () => {
    const scale = parseSystemInfo('{"version": "TrueNAS-SCALE-24.10.2.2", "hostname": "nas", "uptime_seconds": 12.5, "timezone": "Europe/Rome", "extra": 1}', '10.0.0.50');
    expect(scale).toEqual({ address: '10.0.0.50', hostname: 'nas', release: { flavour: 'SCALE', text: 'TrueNAS-SCALE-24.10.2.2', major: 24, minor: 10 }, uptimeSeconds: 12.5, timezone: 'Europe/Rome' });
    expect(dialectOf(scale.release)).toEqual({ sharePathList: false, nfsProtocolList: true, snapshotNamespace: 'zfs.snapshot', datasetPropertiesExtra: true, rootGroup: 'root' });
    expect(dialectOf(parseRelease('TrueNAS-25.10.0'))).toMatchObject({ snapshotNamespace: 'pool.snapshot' });
    expect(dialectOf(parseRelease('TrueNAS-SCALE-22.12.4.2'))).toMatchObject({ nfsProtocolList: false, datasetPropertiesExtra: false });
    const core = parseRelease('TrueNAS-13.0-U6.2');
    expect(core).toMatchObject({ flavour: 'CORE', major: 13, minor: 0 });
    expect(dialectOf(core)).toMatchObject({ sharePathList: true, rootGroup: 'wheel', snapshotNamespace: 'zfs.snapshot' });
  });
});

describe('sharing.nfs.query', () => {
  it('reads the SCALE and CORE shapes of the reference into one model', () => {
    const scale = parseNfsShares(`[${fixture('nas', 'sharing-nfs-create-scale.json').trim()}]`);
    expect(scale).toEqual([
      { id: 3, paths: ['/mnt/tank/esxi-backup'], comment: 'ghettoVCB target', hosts: ['10.0.10.11', '10.0.10.12'], networks: [], readOnly: false, maprootUser: 'root', maprootGroup: 'root', mapallUser: null, mapallGroup: null, security: ['SYS'], enabled: true, locked: false, alldirs: null },
    ]);
    const core = parseNfsShares(`[${fixture('nas', 'sharing-nfs-create-core.json').trim()}]`);
    expect(core[0]).toMatchObject({ paths: ['/mnt/tank/esxi-backup'], maprootGroup: 'wheel', security: [], alldirs: false });
  });

  it('upper-cases security and treats empty map names as unset', () => {
    const [s] = parseNfsShares('[{"id": 1, "path": "/mnt/a b", "security": ["sys"], "maproot_user": "", "mapall_user": null, "expose_snapshots": false, "dataset": "a"}]');
    expect(s).toMatchObject({ paths: ['/mnt/a b'], security: ['SYS'], maprootUser: null, hosts: [], networks: [] });
  });
});

describe('nfs.config', () => {
  it('reads v4 as a boolean (CORE, 22.12) or from protocols (23.10+)', () => {
    expect(parseNfsConfig('{"servers": 4, "v4": true, "v4_krb": false, "v4_domain": "", "bindip": [], "udp": false}')).toMatchObject({ v3Enabled: true, v4Enabled: true });
    expect(parseNfsConfig('{"servers": null, "protocols": ["NFSV3"], "v4_krb": false, "bindip": ["10.0.0.50"]}')).toMatchObject({ v3Enabled: true, v4Enabled: false, bindIps: ['10.0.0.50'] });
    expect(parseNfsConfig('{"protocols": ["NFSV4"], "v4_krb": true, "v4_domain": "school.lan"}')).toMatchObject({ v3Enabled: false, v4Enabled: true, v4Kerberos: true, v4Domain: 'school.lan' });
    expect(() => parseNfsConfig('{"servers": 4}')).toThrowError(expect.objectContaining({ code: 'nas.unexpectedOutput' }));
  });
});

describe('pool.dataset.query', () => {
  const used = JSON.parse(`{${fixture('nas', 'dataset-used-property.json').trim()}}`) as { used: unknown };

  it('reads the reference property shape', () => {
    expect(propertyBytes(ZfsProperty.parse(used.used))).toBe(1320702443);
    expect(humanBytes('96K')).toBe(98304);
    expect(humanBytes('96 KiB')).toBe(98304);
    expect(humanBytes('1.5T')).toBe(1649267441664);
    expect(humanBytes('lots')).toBeNull();
  });

  it('normalises datasets, flattens nested children, keeps unknown fields out', () => {
    const ds = {
      id: 'UniventionBackup/ESXI_VM_backups',
      name: 'UniventionBackup/ESXI_VM_backups',
      pool: 'UniventionBackup',
      type: 'FILESYSTEM',
      mountpoint: '/mnt/UniventionBackup/ESXI_VM_backups',
      encrypted: false,
      encryption_root: null,
      key_loaded: false,
      locked: false,
      used: used.used,
      available: { parsed: 98304, rawvalue: '98304', value: '96K', source: 'NONE' },
      quota: { parsed: null, rawvalue: '0', value: null, source: 'DEFAULT' },
      readonly: { parsed: false, rawvalue: 'off', value: 'OFF', source: 'DEFAULT' },
      encryption_algorithm: { parsed: 'off', rawvalue: 'off', value: 'OFF', source: 'DEFAULT' },
      children: [{ id: 'UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8', name: 'UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8', used: { parsed: '5', rawvalue: '5', value: '5B', source: 'NONE' }, children: [] }],
      user_properties: {},
    };
    const [parent, child] = parseDatasets(JSON.stringify([ds]));
    expect(parent).toMatchObject({ usedBytes: 1320702443, availableBytes: 98304, quotaBytes: null, readOnly: false, encrypted: false, encryptionAlgorithm: null, children: ['UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8'] });
    expect(child).toMatchObject({ name: 'UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8', pool: 'UniventionBackup', usedBytes: 5, availableBytes: null });
    expect(parseDatasets(JSON.stringify(ds))).toHaveLength(2);
  });
});

describe('snapshot tasks and snapshots', () => {
  it('reads a SCALE task with state and a CORE task without', () => {
    const tasks = parseSnapshotTasks(
      '[{"id": 1, "dataset": "tank/esxi-backup", "recursive": true, "exclude": [], "lifetime_value": 2, "lifetime_unit": "WEEK", "naming_schema": "auto-%Y-%m-%d_%H-%M", "allow_empty": true, "enabled": true, "schedule": {"minute": "00", "hour": "*", "dom": "*", "month": "*", "dow": "*", "begin": "00:00", "end": "23:59"}, "state": {"state": "FINISHED", "datetime": {"$date": 1700000000000}}, "vmware_sync": false}, {"id": 2, "dataset": "tank/x", "schedule": {"minute": 0, "hour": 3}}]',
    );
    expect(tasks[0]).toMatchObject({ recursive: true, lifetimeValue: 2, lifetimeUnit: 'WEEK', enabled: true, stateText: 'FINISHED', schedule: { minute: '00', begin: '00:00' } });
    expect(tasks[1]).toMatchObject({ recursive: false, enabled: true, schedule: { minute: '0', hour: '3', dom: '*', begin: null }, stateText: null });
  });

  it('queries snapshots in the namespace of the release and reads both entry shapes', () => {
    expect(snapshotQueryCommand({ snapshotNamespace: 'pool.snapshot' }, 'tank/a b').text).toBe(`midclt call pool.snapshot.query '[["dataset","=","tank/a b"]]'`);
    const snaps = parseSnapshots(
      '[{"id": "tank/ds@auto-2025-11-02_04-00", "name": "tank/ds@auto-2025-11-02_04-00", "pool": "tank", "type": "SNAPSHOT", "snapshot_name": "auto-2025-11-02_04-00", "dataset": "tank/ds", "createtxg": "1234", "properties": {"creation": {"parsed": {"$date": 1762056000000}, "rawvalue": "1762056000", "value": "Sun Nov  2  4:00 2025", "source": "NONE"}, "used": {"parsed": 4096, "rawvalue": "4096", "value": "4K", "source": "NONE"}}}, {"name": "tank/ds@manual"}]',
      'pool.snapshot.query',
    );
    expect(snaps).toEqual([
      { id: 'tank/ds@auto-2025-11-02_04-00', dataset: 'tank/ds', name: 'auto-2025-11-02_04-00', createdAt: 1762056000, usedBytes: 4096 },
      { id: 'tank/ds@manual', dataset: 'tank/ds', name: 'manual', createdAt: null, usedBytes: null },
    ]);
  });
});

describe('filesystem.*', () => {
  it('reads stat (SCALE and CORE), listdir and statfs', () => {
    expect(parseFileStat('{"realpath": "/mnt/t/STATUS.ok", "type": "FILE", "size": 31, "allocation_size": 512, "mode": 33188, "uid": 0, "gid": 0, "atime": 1.5, "mtime": 1762056000.25, "ctime": 1.0, "btime": 1.0, "dev": 1, "inode": 2, "nlink": 1, "acl": false, "user": "root", "group": "root"}')).toEqual({ realpath: '/mnt/t/STATUS.ok', type: 'FILE', size: 31, mode: 33188, uid: 0, gid: 0, mtime: 1762056000.25, user: 'root', group: 'root' });
    expect(parseListDir('[{"name": "web01-2025-11-02_04-30-00", "path": "/mnt/t/web01/web01-2025-11-02_04-30-00", "realpath": "/mnt/t/web01/web01-2025-11-02_04-30-00", "type": "DIRECTORY", "size": 5, "mode": 16877, "acl": false, "uid": 0, "gid": 0}]')[0]).toMatchObject({ type: 'DIRECTORY', mode: 16877 });
    expect(parseFsUsage('{"flags": ["RW", "NOSUID"], "fstype": "zfs", "source": "tank/t", "dest": "/mnt/tank/t", "blocksize": 131072, "total_blocks": 10, "free_blocks": 4, "avail_blocks": 4, "total_bytes": 1310720, "free_bytes": 524288, "avail_bytes": 524288}')).toEqual({ totalBytes: 1310720, freeBytes: 524288, availableBytes: 524288, fstype: 'zfs', source: 'tank/t', readOnly: false });
    expect(() => parseFileStat('{"realpath": "/x"}')).toThrowError(expect.objectContaining({ code: 'nas.unexpectedOutput', details: expect.objectContaining({ method: 'filesystem.stat' }) }));
  });
});
