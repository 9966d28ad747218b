// The lab's output formatters against real captures quoted in esxi-truenas.md (fixtures in test/fixtures/lab).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTable, formatKeyValues } from '../../lab/esxi/format/esxcli-table.ts';
import { formatGetAllVms, type InventoryRow } from '../../lab/esxi/format/getallvms.ts';
import { formatSnapshotTree } from '../../lab/esxi/format/snapshot-tree.ts';
import { formatValue, nul, obj, ref, str, styleFor } from '../../lab/esxi/format/vmodl.ts';
import { defaultCrontab } from '../../lab/esxi/host-files.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/lab/${name}`, import.meta.url), 'utf8');
const trimLines = (s: string): string => s.split('\n').map((l) => l.trimEnd()).join('\n');

function row(vmid: string, name: string, file: string, guestOs: string, version: string, annotation = ''): InventoryRow {
  return { vmid, name, file, guestOs, version, annotation };
}

describe('vim-cmd vmsvc/getallvms layout', () => {
  it('reproduces the ESXi 6.7 capture byte for byte, multi-line annotation included', () => {
    const out = formatGetAllVms([
      row('3', 'makemake', '[datastore1] makemake/makemake.vmx', 'centos8_64Guest', 'vmx-14', 'Rocky linux 8\nautostart'),
      row('2', 'xx', '[datastore1] xx/xx.vmx', 'rhel8_64Guest', 'vmx-14'),
    ]);
    expect(out).toBe(fixture('getallvms-esxi67-annotation.txt'));
  });

  it('reproduces the ESXi 8 one-VM capture (publisher trimmed trailing blanks)', () => {
    const out = formatGetAllVms([row('1', 'x8', '[pve-esx] x8/x8.vmx', 'centos9_64Guest', 'vmx-20')]);
    expect(trimLines(out)).toBe(fixture('getallvms-esxi8-one-vm.txt'));
    // Version pads to 7, then the gutter and an empty 10-wide Annotation cell.
    expect(out.split('\n')[1]).toMatch(/vmx-20 {14}$/);
  });

  it('reproduces the ESXi 8 capture with spaces in names and NFS datastores (its 22-wide Guest OS column needs a VM the publisher cut)', () => {
    const shown = [
      row('10', '_solaris11.4cbe.50', '[192.168.2.203_nvme_nfs] solaris11.4cbe/solaris11.4cbe.vmx', 'solaris11_64Guest', 'vmx-19'),
      row('25', 'test.sbb.47', '[nfs2] test/test.vmx', 'solaris11_64Guest', 'vmx-14'),
      row('5', 'dummy delay', '[local_datastore] dummy delay/dummy delay.vmx', 'otherLinuxGuest', 'vmx-20'),
      row('8', 'omnisan-203', '[local_datastore] omnisan/omnisan.vmx', 'solaris11_64Guest', 'vmx-20'),
    ];
    const cut = row('9', 'x', '[nfs2] x/x.vmx', 'windows2019srv_64Guest', 'vmx-19');
    const lines = formatGetAllVms([...shown, cut]).split('\n');
    expect(lines.filter((l) => !l.startsWith('9 ')).join('\n')).toBe(fixture('getallvms-esxi8-spaces.txt'));
  });

  it('sorts Vmids as strings like the seven-VM capture', () => {
    const names = ['reverse', 'app', 'puppet', 'radius', 'vpn', 'dns', 'dc'];
    const ids = ['1', '10', '17', '2', '3', '4', '5'];
    const guests = ['other26xLinux64Guest', 'otherLinux64Guest', 'debian6_64Guest', 'centos64Guest', 'other26xLinux64Guest', 'otherLinux64Guest', 'windows7Server64Guest'];
    const versions = ['vmx-07', 'vmx-08', 'vmx-08', 'vmx-07', 'vmx-07', 'vmx-09', 'vmx-07'];
    const rows = names.map((n, i) => row(ids[i]!, `${n}.xs4n1.nl`, `[storage1] ${n}.xs4n1.nl/${n}.xs4n1.nl.vmx`, guests[i]!, versions[i]!)).reverse();
    expect(trimLines(formatGetAllVms(rows))).toBe(fixture('getallvms-older-seven.txt'));
  });

  it('prints the empty-inventory header exactly', () => {
    expect(formatGetAllVms([])).toBe('Vmid   Name   File   Guest OS   Version   Annotation\n');
  });
});

describe('esxcli tables', () => {
  it('right-aligns booleans with their headers (nfs41 list, unreachable server)', () => {
    const cols = [
      { header: 'Volume Name' }, { header: 'Host(s)' }, { header: 'Share' },
      { header: 'Accessible', right: true }, { header: 'Mounted', right: true }, { header: 'Read-Only', right: true },
      { header: 'Security' }, { header: 'isPE', right: true }, { header: 'Hardware Acceleration' },
    ];
    const out = formatTable(cols, [['isos', '10.1.0.7', '/backups/isos', false, false, false, 'AUTH_SYS', false, 'Unknown']]);
    expect(out).toBe(fixture('esxcli-nfs41-list-unreachable.txt'));
  });

  it('reproduces the ESXi 8 `storage nfs list` capture', () => {
    const cols = [
      { header: 'Volume Name' }, { header: 'Host' }, { header: 'Share' },
      { header: 'Accessible', right: true }, { header: 'Mounted', right: true }, { header: 'Read-Only', right: true },
      { header: 'isPE', right: true }, { header: 'Hardware Acceleration' },
    ];
    const r = (v: string, s: string): (string | boolean)[] => [v, '192.168.2.203', s, true, true, false, false, 'Not Supported'];
    const out = formatTable(cols, [r('nfs2', '/daten1/nfs'), r('192.168.2.203_nvme_nfs', '/nvme/nfs'), r('media', '/daten1/media')]);
    expect(out).toBe(fixture('esxcli-nfs-list-esxi8.txt'));
  });

  it('right-aligns integers (storage filesystem list, ESXi 9)', () => {
    const cols = [
      { header: 'Mount Point' }, { header: 'Volume Name' }, { header: 'UUID' }, { header: 'Mounted', right: true },
      { header: 'Type' }, { header: 'Size', right: true }, { header: 'Free', right: true },
    ];
    const fs = (uuid: string, name: string, type: string, size: number, free: number): (string | number | boolean)[] => [`/vmfs/volumes/${uuid}`, name, uuid, true, type, size, free];
    const out = formatTable(cols, [
      fs('693975f2-9139b258-8620-005056b3b989', 'OSDATA-693975f2-9139b258-8620-005056b3b989', 'VMFSOS', 34091302912, 32238469120),
      fs('5f8b4c97-234dcc30-d982-54ea7418ec3f', 'BOOTBANK1', 'vfat', 4293591040, 3975413760),
      fs('b0d2f180-db4e3ca9-89bd-55f15a49be2a', 'BOOTBANK2', 'vfat', 4293591040, 4293525504),
    ]);
    expect(out).toBe(fixture('esxcli-filesystem-list-esxi9.txt'));
  });

  it('reproduces `network ip interface ipv4 get`', () => {
    const cols = [
      { header: 'Name' }, { header: 'IPv4 Address' }, { header: 'IPv4 Netmask' }, { header: 'IPv4 Broadcast' },
      { header: 'Address Type' }, { header: 'Gateway' }, { header: 'DHCP DNS', right: true },
    ];
    const out = formatTable(cols, [['vmk0', '172.30.30.176', '255.255.255.0', '172.30.30.255', 'STATIC', '172.30.30.1', false]]);
    expect(out).toBe(fixture('esxcli-ipv4-get-esxi9.txt'));
  });

  it('prints key-value records with a 3-space indent', () => {
    expect(formatKeyValues([['Domain Name', ''], ['Fully Qualified Domain Name', 'esxinitya'], ['Host Name', 'esxinitya']])).toBe(fixture('esxcli-hostname-get-esxi9.txt'));
  });
});

describe('vmodl dumps', () => {
  const value = obj('vim.vm.Summary', [
    ['vm', ref('vim.VirtualMachine:1')],
    ['runtime', obj('vim.vm.RuntimeInfo', [['powerState', str('poweredOn')], ['question', nul('vim.vm.QuestionInfo')]])],
    ['overallStatus', str('green')],
  ]);

  it('prints ESXi 7/8 style: no dynamicType, no comma after the last field of a block', () => {
    expect(formatValue(value, styleFor('8.0.3'))).toBe(
      "(vim.vm.Summary) {\n   vm = 'vim.VirtualMachine:1', \n   runtime = (vim.vm.RuntimeInfo) {\n      powerState = \"poweredOn\", \n      question = (vim.vm.QuestionInfo) null\n   }, \n   overallStatus = \"green\"\n}\n",
    );
  });

  it('prints ESXi <= 6.0 style: dynamicType first and a comma after every field', () => {
    expect(formatValue(value, styleFor('6.0.0'))).toBe(
      "(vim.vm.Summary) {\n   dynamicType = <unset>, \n   vm = 'vim.VirtualMachine:1', \n   runtime = (vim.vm.RuntimeInfo) {\n      dynamicType = <unset>, \n      powerState = \"poweredOn\", \n      question = (vim.vm.QuestionInfo) null, \n   }, \n   overallStatus = \"green\", \n}\n",
    );
  });
});

describe('snapshot.get tree', () => {
  it('reproduces the ESXi 7 two-snapshot chain (Desciption typo, depth dashes, unpadded dates)', () => {
    const at = (y: number, mo: number, d: number, h: number, mi: number, s: number): number => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
    const child = { id: 2, name: 'Corelinux running', description: '', createdOn: at(2026, 10, 4, 19, 22, 55), state: 'powered on' as const, deltas: {}, children: [] };
    const root = { id: 1, name: 'snap1', description: 'Shapshot #1', createdOn: at(2026, 10, 4, 19, 0, 52), state: 'powered off' as const, deltas: {}, children: [child] };
    expect(formatSnapshotTree('Get Snapshot:', [root])).toBe(fixture('snapshot-get-two-in-a-row.txt'));
  });

  it('is exactly one line without snapshots (ghettoVCB counts lines)', () => {
    expect(formatSnapshotTree('Get Snapshot:', [])).toBe('Get Snapshot:\n');
  });
});

describe('default crontab', () => {
  it('is the ESXi 7/8 capture', () => {
    expect(defaultCrontab('8.0.3')).toBe(fixture('crontab-default-esxi8.txt'));
  });

  it('drops crx-cli and the ++group suffix on 6.7', () => {
    const c = defaultCrontab('6.7.0');
    expect(c).not.toContain('crx-cli');
    expect(c).toContain('1    *    *   *   *   /sbin/auto-backup.sh\n');
  });
});
