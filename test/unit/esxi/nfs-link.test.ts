import { describe, expect, it } from 'vitest';
import type { NfsMount } from '../../../shared/model/datastore.ts';
import type { NfsServiceConfig } from '../../../shared/model/nas.ts';
import { linkHostToNas, type LinkInput } from '../../../electron/core/esxi/nfs-link.ts';
import { parseFilesystems } from '../../../electron/core/esxi/filesystems.ts';
import { share } from '../nas/model-builders.ts';

const NAS = '10.0.0.50';
const SHARE = '/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8';

function mount(over: Partial<NfsMount>): NfsMount {
  return { volumeName: 'VM_backup_10.0.0.8', version: 'nfs41', hosts: [NAS], share: SHARE, accessible: true, mounted: true, readOnly: false, security: 'AUTH_SYS', hardwareAcceleration: 'Not Supported', extra: {}, ...over };
}

const nfsOn: NfsServiceConfig = { v3Enabled: true, v4Enabled: true, v4Kerberos: false, v4Domain: '', bindIps: [], allowNonroot: false };

function input(over: Partial<LinkInput> = {}, nas: Partial<LinkInput['nas']> = {}): LinkInput {
  return {
    hostIps: ['10.0.0.8'],
    mounts: [mount({})],
    backupVolume: '/vmfs/volumes/VM_backup_10.0.0.8',
    ...over,
    nas: { addresses: [NAS, 'truenas.school.lan'], shares: [share({})], nfs: nfsOn, dialect: { rootGroup: 'root' }, ...nas },
  };
}

const codes = (i: LinkInput): string[] => linkHostToNas(i).findings.map((f) => f.code);

describe('host ↔ datastore ↔ share ↔ backup volume', () => {
  it('links the site as deployed without a single finding', () => {
    const r = linkHostToNas(input());
    expect(r.findings).toEqual([]);
    expect(r.backupTarget).toMatchObject({ datastore: 'VM_backup_10.0.0.8', folder: '', link: { share: { id: 1 }, sharePath: SHARE, isBackupTarget: true, access: { result: 'allowed', via: '10.0.0.8' } } });
  });

  it('resolves a backup volume written with the datastore UUID and a subfolder', () => {
    const fs = parseFilesystems(
      [
        'Mount Point                                  Volume Name         UUID                         Mounted  Type    Size  Free',
        '-------------------------------------------  ------------------  ---------------------------  -------  ------  ----  ----',
        '/vmfs/volumes/8f1e2d3c-4b5a6978              VM_backup_10.0.0.8  8f1e2d3c-4b5a6978               true  NFS41     10     5',
        '/vmfs/volumes/5f3215f2-49c43e04-00b5-0024    datastore1          5f3215f2-49c43e04-00b5-0024     true  VMFS-6    10     5',
        '',
      ].join('\n'),
    );
    const r = linkHostToNas(input({ filesystems: fs, backupVolume: '/vmfs/volumes/8f1e2d3c-4b5a6978/backups/' }));
    expect(r.backupTarget).toMatchObject({ datastore: 'VM_backup_10.0.0.8', folder: 'backups' });
    expect(r.findings).toEqual([]);
    expect(codes(input({ filesystems: fs, backupVolume: '/vmfs/volumes/datastore1/backups' }))).toEqual(['esxi.link.backupVolumeNotNfs']);
  });

  it('reports each deviation with what to do', () => {
    expect(codes(input({ backupVolume: '/tmp/backups' }))).toEqual(['esxi.link.backupVolumeNotOnDatastore']);
    expect(codes(input({ backupVolume: '/vmfs/volumes/VM_backup_10.0.0.9' }))).toEqual(['esxi.link.backupVolumeDatastoreMissing']);
    expect(codes(input({ backupVolume: '' }))).toEqual(['esxi.link.backupVolumeUnset']);
    expect(codes(input({}, { shares: [] }))).toEqual(['esxi.link.shareNotExported']);
    expect(codes(input({}, { shares: [share({ hosts: ['10.0.0.6'] })] }))).toEqual(['esxi.link.shareDeniesHost']);
    expect(codes(input({}, { shares: [share({ maprootGroup: null })] }))).toEqual(['esxi.link.rootSquashed']);
    expect(codes(input({}, { shares: [share({ readOnly: true, enabled: false })] }))).toEqual(['esxi.link.shareDisabled', 'esxi.link.shareReadOnly']);
    expect(codes(input({}, { nfs: { ...nfsOn, v4Enabled: false } }))).toEqual(['esxi.link.nasNfs4Disabled']);
    expect(codes(input({ mounts: [mount({ version: 'nfs3', security: null })] }))).toEqual(['esxi.link.mountNfs3']);
    expect(codes(input({ mounts: [mount({ accessible: false, mounted: false, readOnly: true })] }))).toEqual(['esxi.link.mountInaccessible', 'esxi.link.mountReadOnly']);
    expect(codes(input({ mounts: [mount({ security: 'SEC_KRB5' })] }))).toEqual(['esxi.link.securityMismatch']);
  });

  it('checks the site naming convention and folders mounted inside a share', () => {
    const r = linkHostToNas(input({ mounts: [mount({ volumeName: 'backup', share: `${SHARE}/host8` })], backupVolume: '/vmfs/volumes/backup' }));
    expect(r.findings.map((f) => [f.code, f.params])).toEqual([
      ['esxi.link.subfolderMounted', { datastore: 'backup', share: SHARE, folder: 'host8' }],
      ['esxi.link.datastoreNameConvention', { datastore: 'backup', expected: 'VM_backup_10.0.0.8' }],
    ]);
  });

  it('leaves other NFS servers alone unless the backups go there', () => {
    const iso = mount({ volumeName: 'isos', hosts: ['10.1.0.7'], share: '/backups/isos' });
    expect(linkHostToNas(input({ mounts: [mount({}), iso] })).links).toHaveLength(1);
    expect(codes(input({ mounts: [iso], backupVolume: '/vmfs/volumes/isos' }))).toEqual(['esxi.link.backupOnOtherServer']);
  });

  it('a share path with a stray space links only to the export with the same space', () => {
    const spaced = '/mnt/UniventionBackup/ESXI_VM_backups/ESXI _10.0.0.2';
    const r = linkHostToNas(input({ hostIps: ['10.0.0.2'], mounts: [mount({ volumeName: 'VM_backup_10.0.0.2', share: spaced })], backupVolume: '/vmfs/volumes/VM_backup_10.0.0.2' }, { shares: [share({ paths: [spaced], hosts: ['10.0.0.2'] })] }));
    expect(r.findings).toEqual([]);
    expect(codes(input({ hostIps: ['10.0.0.2'], mounts: [mount({ volumeName: 'VM_backup_10.0.0.2', share: spaced })], backupVolume: '/vmfs/volumes/VM_backup_10.0.0.2' }, { shares: [share({ paths: ['/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.2'], hosts: ['10.0.0.2'] })] }))).toEqual(['esxi.link.shareNotExported']);
  });
});
