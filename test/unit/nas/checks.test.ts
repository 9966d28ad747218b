import { describe, expect, it } from 'vitest';
import type { Dataset, SnapshotTask } from '../../../shared/model/nas.ts';
import { cidrContains, exportAllows, sameIp } from '../../../electron/core/nas/address-match.ts';
import { datasetFindings, datasetForPath, encryptionStatus, isNearFull, snapshotCoverage } from '../../../electron/core/nas/dataset-checks.ts';
import { findShare, rootSquash, securityCompatible } from '../../../electron/core/nas/share-checks.ts';
import { share } from './model-builders.ts';

describe('addresses', () => {
  it('matches IPv4 and IPv6 CIDRs and hosts', () => {
    expect(cidrContains('10.0.0.0/24', '10.0.0.8')).toBe(true);
    expect(cidrContains('10.0.0.0/29', '10.0.0.8')).toBe(false);
    expect(cidrContains('10.0.0.8', '10.0.0.8')).toBe(true);
    expect(cidrContains('0.0.0.0/0', '192.168.1.1')).toBe(true);
    expect(cidrContains('fd00::/8', 'fd12::1')).toBe(true);
    expect(cidrContains('fd00::/8', '10.0.0.8')).toBe(false);
    expect(cidrContains('10.0.0.0/33', '10.0.0.8')).toBeNull();
    expect(sameIp('::ffff:10.0.0.8', '0:0:0:0:0:ffff:a00:8')).toBe(true);
  });

  it('decides whether an export lets a host in', () => {
    const host = { ips: ['10.0.0.8', '172.16.0.8'], names: ['esx08', 'esx08.school.lan'] };
    expect(exportAllows({ hosts: [], networks: [] }, host)).toEqual({ result: 'allowed', via: '*', unresolved: [] });
    expect(exportAllows({ hosts: ['10.0.0.6', '10.0.0.8'], networks: [] }, host).via).toBe('10.0.0.8');
    expect(exportAllows({ hosts: [], networks: ['172.16.0.0/16'] }, host).result).toBe('allowed');
    expect(exportAllows({ hosts: ['10.0.0.6'], networks: ['10.1.0.0/16'] }, host)).toEqual({ result: 'denied', via: null, unresolved: [] });
    expect(exportAllows({ hosts: ['*.school.lan'], networks: [] }, host).result).toBe('allowed');
    expect(exportAllows({ hosts: ['ESX08'], networks: [] }, host).result).toBe('allowed');
    expect(exportAllows({ hosts: ['backup-host', '@esxi'], networks: [] }, host)).toEqual({ result: 'unknown', via: null, unresolved: ['backup-host', '@esxi'] });
  });
});

describe('share checks', () => {
  it('root squash per platform', () => {
    const scale = { rootGroup: 'root' as const };
    const core = { rootGroup: 'wheel' as const };
    expect(rootSquash(share({}), scale).squashed).toBe(false);
    expect(rootSquash(share({ maprootGroup: null }), scale)).toMatchObject({ squashed: true, reason: 'maprootGroup' });
    expect(rootSquash(share({ maprootGroup: 'wheel' }), core).squashed).toBe(false);
    expect(rootSquash(share({ maprootUser: null, maprootGroup: null }), core)).toMatchObject({ squashed: true, reason: 'noMaproot' });
    expect(rootSquash(share({ maprootUser: 'admin' }), scale)).toMatchObject({ squashed: true, reason: 'maprootUser' });
    expect(rootSquash(share({ maprootUser: null, mapallUser: 'nobody' }), scale)).toMatchObject({ squashed: true, reason: 'mapall' });
    expect(rootSquash(share({ maprootUser: null, security: ['KRB5'] }), scale)).toEqual({ squashed: false, reason: null, kerberosOnly: true });
  });

  it('security flavours', () => {
    expect(securityCompatible(share({ security: [] }), 'AUTH_SYS', null)).toBe(true);
    expect(securityCompatible(share({ security: ['KRB5'] }), 'AUTH_SYS', null)).toBe(false);
    expect(securityCompatible(share({ security: ['KRB5', 'KRB5I'] }), 'SEC_KRB5I', null)).toBe(true);
  });

  it('finds the share by exact path or longest exported parent', () => {
    const shares = [share({ id: 1, paths: ['/mnt/UniventionBackup'] }), share({ id: 2, paths: ['/mnt/UniventionBackup/ESXI_VM_backups/ESXI _10.0.0.2/'] })];
    expect(findShare(shares, '/mnt/UniventionBackup/ESXI_VM_backups/ESXI _10.0.0.2')).toMatchObject({ share: { id: 2 }, subPath: '' });
    expect(findShare(shares, '/mnt/UniventionBackup/ESXI_VM_backups/ESXI _10.0.0.2/sub')).toMatchObject({ share: { id: 2 }, subPath: 'sub' });
    expect(findShare(shares, '/mnt/UniventionBackup/other')).toMatchObject({ share: { id: 1 }, subPath: 'other' });
    expect(findShare(shares, '/mnt/Univention')).toBeNull();
  });
});

function dataset(over: Partial<Dataset>): Dataset {
  return { id: 'UniventionBackup/ESXI_VM_backups', name: 'UniventionBackup/ESXI_VM_backups', pool: 'UniventionBackup', type: 'FILESYSTEM', mountpoint: '/mnt/UniventionBackup/ESXI_VM_backups', usedBytes: 10, availableBytes: 90, quotaBytes: null, usedBySnapshotsBytes: 0, readOnly: false, compression: 'LZ4', encrypted: false, encryptionRoot: null, encryptionAlgorithm: null, keyLoaded: null, locked: false, children: [], ...over };
}

function task(over: Partial<SnapshotTask>): SnapshotTask {
  return { id: 1, dataset: 'UniventionBackup', recursive: true, exclude: [], lifetimeValue: 2, lifetimeUnit: 'WEEK', namingSchema: 'auto-%Y-%m-%d_%H-%M', enabled: true, schedule: { minute: '00', hour: '*', dom: '*', month: '*', dow: '*', begin: null, end: null }, stateText: null, ...over };
}

describe('dataset checks', () => {
  it('finds the dataset behind a share path', () => {
    const list = [dataset({ id: 'UniventionBackup', name: 'UniventionBackup', mountpoint: '/mnt/UniventionBackup' }), dataset({})];
    expect(datasetForPath(list, '/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8')?.name).toBe('UniventionBackup/ESXI_VM_backups');
    expect(datasetForPath(list, '/mnt/Other')).toBeNull();
  });

  it('space, snapshot coverage and encryption', () => {
    expect(isNearFull(dataset({}))).toBe(false);
    expect(isNearFull(dataset({ usedBytes: 90, availableBytes: 10 }))).toBe(true);
    expect(isNearFull(dataset({ availableBytes: null }))).toBeNull();
    const ds = 'UniventionBackup/ESXI_VM_backups';
    expect(snapshotCoverage([task({})], ds).active).toHaveLength(1);
    expect(snapshotCoverage([task({ recursive: false })], ds).active).toHaveLength(0);
    expect(snapshotCoverage([task({ exclude: [ds] })], ds).active).toHaveLength(0);
    expect(snapshotCoverage([task({ enabled: false, dataset: ds })], ds).disabled).toHaveLength(1);
    expect(encryptionStatus(dataset({ encrypted: true, keyLoaded: false }))).toBe('locked');
    expect(encryptionStatus(dataset({ encrypted: true, keyLoaded: true }))).toBe('unlocked');
  });

  it('reports what the fleet view shows', () => {
    expect(datasetFindings(dataset({ usedBytes: 100, availableBytes: 0 }), []).map((f) => [f.code, f.severity])).toEqual([
      ['nas.dataset.nearFull', 'error'],
      ['nas.dataset.noSnapshotTask', 'warning'],
      ['nas.dataset.unencrypted', 'info'],
    ]);
    expect(datasetFindings(dataset({ encrypted: true, keyLoaded: true }), [task({})])).toEqual([]);
    expect(datasetFindings(dataset({ encrypted: true, locked: true }), [task({ enabled: false })]).map((f) => f.code)).toEqual(['nas.dataset.snapshotTaskDisabled', 'nas.dataset.locked']);
  });
});
