import { describe, expect, it } from 'vitest';
import { parseEsxcliTable } from '../../../electron/core/esxi/esxcli-table.ts';
import { parseFilesystems } from '../../../electron/core/esxi/filesystems.ts';
import { parseHostname, parseIpv4Interfaces } from '../../../electron/core/esxi/host-identity.ts';
import { hostSecurityFindings, parseExecInstalledOnly, parseSecureBoot } from '../../../electron/core/esxi/host-security.ts';
import { parseSystemVersion, parseVmwareLevel, parseVmwareVersion } from '../../../electron/core/esxi/host-version.ts';
import { parseNfs3List, parseNfs41List } from '../../../electron/core/esxi/nfs-mounts.ts';
import { parseVibGet, parseVibList } from '../../../electron/core/esxi/vibs.ts';
import { fixture } from './fixture.ts';

describe('esxcli tables (A2.1)', () => {
  it('reads right-aligned booleans from the rule, not the header (nfs41 FreeNAS capture)', () => {
    const [m] = parseNfs41List(fixture('esxi', 'nfs41-list-freenas.txt'));
    expect(m).toEqual({
      volumeName: 'freenas01-backups',
      version: 'nfs41',
      hosts: ['freenas01'],
      share: '/mnt/pool01/backups',
      accessible: true,
      mounted: true,
      readOnly: false,
      security: 'AUTH_SYS',
      hardwareAcceleration: 'Not Supported',
      extra: {},
    });
  });

  it('reads an unreachable NFS 4.1 server', () => {
    expect(parseNfs41List(fixture('esxi', 'nfs41-list-unreachable.txt'))[0]).toMatchObject({ volumeName: 'isos', hosts: ['10.1.0.7'], accessible: false, mounted: false, hardwareAcceleration: 'Unknown' });
  });

  it('reads NFS 3 lists (6.7 and the ESXi 8 three-datastore capture)', () => {
    expect(parseNfs3List(fixture('esxi', 'nfs-list-one.txt'))).toEqual([
      { volumeName: 'nfsbackup', version: 'nfs3', hosts: ['192.168.1.22'], share: '/volume1/vmnfsbackup', accessible: true, mounted: true, readOnly: false, security: null, hardwareAcceleration: 'Not Supported', extra: {} },
    ]);
    expect(parseNfs3List(fixture('esxi', 'nfs-list-esxi8-three.txt')).map((m) => [m.volumeName, m.share])).toEqual([
      ['nfs2', '/daten1/nfs'],
      ['192.168.2.203_nvme_nfs', '/nvme/nfs'],
      ['media', '/daten1/media'],
    ]);
  });

  it('reads an empty list as no mounts, keeps unknown columns, splits a trunked host list', () => {
    expect(parseNfs41List('')).toEqual([]);
    const text = [
      'Volume Name            Host(s)              Share                 Vmknic  Accessible  Mounted  Connections  Read-Only  Security   isPE  Hardware Acceleration',
      '---------------------  -------------------  --------------------  ------  ----------  -------  -----------  ---------  --------  -----  ---------------------',
      'VM_backup_10.0.0.8     10.0.0.50,10.0.0.51  /mnt/a b/ESXI _10.0.0.8  vmk1          true     true            1      false  AUTH_SYS  false  Not Supported',
    ];
    // The share is longer than its rule: the row falls back to its two-space gutters.
    const [m] = parseNfs41List(text.join('\n') + '\n');
    expect(m).toMatchObject({ hosts: ['10.0.0.50', '10.0.0.51'], extra: { Vmknic: 'vmk1', Connections: '1' } });
  });

  it('refuses text that is not a table', () => {
    expect(() => parseNfs41List('Error: Unknown command or namespace storage nfs41 list\n')).toThrowError(expect.objectContaining({ code: 'esxi.unexpectedOutput' }));
    expect(() => parseEsxcliTable('a\nb\n', 'x')).toThrowError(expect.objectContaining({ code: 'esxi.unexpectedOutput' }));
  });

  it('reads the ESXi 9 filesystem list with sizes in bytes', () => {
    const fs = parseFilesystems(fixture('esxi', 'filesystem-list-esxi9.txt'));
    expect(fs).toHaveLength(3);
    expect(fs[1]).toEqual({ mountPoint: '/vmfs/volumes/5f8b4c97-234dcc30-d982-54ea7418ec3f', volumeName: 'BOOTBANK1', uuid: '5f8b4c97-234dcc30-d982-54ea7418ec3f', mounted: true, type: 'vfat', size: 4293591040, free: 3975413760 });
  });

  it('reads vmkernel interfaces (ESXi 9 capture)', () => {
    expect(parseIpv4Interfaces(fixture('esxi', 'ipv4-esxi9.txt'))).toEqual([
      { name: 'vmk0', address: '172.30.30.176', netmask: '255.255.255.0', broadcast: '172.30.30.255', addressType: 'STATIC', gateway: '172.30.30.1', dhcpDns: false },
    ]);
  });

  it('reads the VIB list the lab prints', () => {
    const text = 'Name       Version      Vendor           Acceptance Level    Install Date\n---------  -----------  ---------------  ------------------  ------------\nghettoVCB  1.0.0-0.0.0  virtuallyGhetto  CommunitySupported  2025-11-02\n';
    expect(parseVibList(text)).toEqual([{ name: 'ghettoVCB', version: '1.0.0-0.0.0', vendor: 'virtuallyGhetto', acceptanceLevel: 'CommunitySupported', installDate: '2025-11-02' }]);
  });
});

describe('host identity and version', () => {
  it('reads `esxcli system version get` (ESXi 9 capture)', () => {
    expect(parseSystemVersion(fixture('esxi', 'system-version-esxi9.txt'))).toEqual({ product: 'VMware ESXi', version: '9.0.0', build: '24755229', update: 0, patch: 0 });
  });

  it('reads `vmware -v` and `vmware -l`', () => {
    expect(parseVmwareVersion('VMware ESXi 8.0.2 build-22380479\n')).toMatchObject({ version: '8.0.2', build: '22380479' });
    expect(parseVmwareLevel('VMware ESXi 6.7.0 Update 3\n')).toMatchObject({ version: '6.7.0', update: 3 });
    expect(parseVmwareLevel('VMware ESXi 8.0.3 GA\n')).toMatchObject({ version: '8.0.3', update: 0 });
    expect(() => parseVmwareVersion('-sh: vmware: not found\n')).toThrowError(expect.objectContaining({ code: 'esxi.unexpectedOutput' }));
  });

  it('reads the hostname record with an empty domain (ESXi 9 capture)', () => {
    expect(parseHostname(fixture('esxi', 'hostname-esxi9.txt'))).toEqual({ hostName: 'esxinitya', domainName: '', fqdn: 'esxinitya' });
  });

  it('reads execInstalledOnly, absent on older builds', () => {
    const text = '   Path: /User/execInstalledOnly\n   Type: integer\n   Int Value: 1\n   Default Int Value: 1\n   Min Value: 0\n   Max Value: 1\n   String Value: \n';
    expect(parseExecInstalledOnly(text)).toBe(true);
    expect(parseExecInstalledOnly(text.replace('Int Value: 1\n   Default', 'Int Value: 0\n   Default'))).toBe(false);
    expect(parseExecInstalledOnly('Unable to find option execInstalledOnly\n')).toBeNull();
  });

  it('reads Secure Boot state, unknown when the script is missing', () => {
    expect(parseSecureBoot('Enabled\n')).toBe('enabled');
    expect(parseSecureBoot('Disabled\n')).toBe('disabled');
    expect(parseSecureBoot('-sh: /usr/lib/vmware/secureboot/bin/secureBoot.py: not found\n')).toBe('unknown');
    expect(hostSecurityFindings(true, 'enabled').map((f) => f.code)).toEqual(['esxi.host.execInstalledOnly', 'esxi.host.secureBoot']);
    expect(hostSecurityFindings(null, 'unknown')).toEqual([]);
  });

  it('reads `vib get -n ghettoVCB`, null when not installed', () => {
    const text = 'virtuallyGhetto_bootbank_ghettoVCB_1.0.0-0.0.0:\n   Name: ghettoVCB\n   Version: 1.0.0-0.0.0\n   Type: bootbank\n   Vendor: virtuallyGhetto\n   Acceptance Level: CommunitySupported\n   Summary: ghettoVCB for performing backups\n   Creation Date: 2025-11-02\n';
    expect(parseVibGet(text)).toMatchObject({ id: 'virtuallyGhetto_bootbank_ghettoVCB_1.0.0-0.0.0', name: 'ghettoVCB', vendor: 'virtuallyGhetto', acceptanceLevel: 'CommunitySupported' });
    expect(parseVibGet("[NoMatchError]\n No VIB matching VIB search specification 'ghettoVCB'.\n Please refer to the log file for more details.\n")).toBeNull();
    expect(() => parseVibGet('[InstallationError]\n boom\n')).toThrowError(expect.objectContaining({ code: 'esxi.unexpectedOutput' }));
  });
});
