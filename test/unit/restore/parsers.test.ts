import { describe, expect, it } from 'vitest';
import { copyContents, diskInCopy } from '../../../electron/core/restore/copy-contents.ts';
import { cloneFiles } from '../../../electron/core/restore/created-files.ts';
import { maxHardwareVersion } from '../../../electron/core/restore/hardware.ts';
import { nameProblem, targetLayout } from '../../../electron/core/restore/names.ts';
import { parseDuK } from '../../../electron/core/restore/read-copy.ts';
import { parseRestoreLog } from '../../../electron/core/restore/restore-log.ts';
import { parsePortGroups } from '../../../electron/core/restore/target-facts.ts';
import { rewriteVmx, vmxNics, vmxValue } from '../../../electron/core/restore/vmx-rewrite.ts';

describe('ghettoVCB-restore.sh output', () => {
  it('a disk that failed to clone, then "Completed restore" anyway (the README sample, reference 4.5)', () => {
    const text = [
      '################## Restoring VM: VCSA-RESTORE  #####################',
      'Start time: Sat Dec 29 12:00:00 UTC 2012',
      'Restoring VM from: "/vmfs/volumes/backups/VCSA/VCSA-2012-12-25_01-30-36"',
      'Restoring VM to Datastore: "/vmfs/volumes/datastore1" using Disk Format: "thin"',
      "Destination disk format: VMFS thin-provisioned\r\nCloning disk '/vmfs/volumes/backups/VCSA/VCSA-2012-12-25_01-30-36/VCSA.vmdk'...\r\nClone: 40% done.\rClone: 41% done.Failed to clone disk: There is not enough space on the file system for the selected operation (13).",
      'Registering VCSA-RESTORE ...',
      '################## Completed restore for VCSA-RESTORE! #####################',
    ].join('\n');
    expect(parseRestoreLog(text)).toEqual({
      errors: [],
      cloneFailures: ['Failed to clone disk: There is not enough space on the file system for the selected operation (13).'],
      completed: true,
    });
  });

  it('a refused restore: the folder already exists', () => {
    const text = 'ERROR: Directory "/vmfs/volumes/datastore1/web01" looks like it already exists, please check contents and remove directory before trying to restore!\n';
    expect(parseRestoreLog(text)).toEqual({ errors: ['Directory "/vmfs/volumes/datastore1/web01" looks like it already exists, please check contents and remove directory before trying to restore!'], cloneFailures: [], completed: false });
  });
});

describe('esxcli network vswitch standard portgroup list', () => {
  it('reads the Name column (a fresh install’s two port groups, one with spaces)', () => {
    const text = [
      'Name                Virtual Switch  Active Clients  VLAN ID',
      '------------------  --------------  --------------  -------',
      'Management Network  vSwitch0                     1        0',
      'VM Network          vSwitch0                     2        0',
      'DMZ 10              vSwitch1                     0       10',
      '',
    ].join('\n');
    expect(parsePortGroups(text)).toEqual(['Management Network', 'VM Network', 'DMZ 10']);
  });
});

describe('du -k', () => {
  it('kilobytes and paths, paths with spaces kept whole', () => {
    expect([...parseDuK('412\t/vmfs/volumes/b/web 01/web 01-flat.vmdk\n0\t/vmfs/volumes/b/x-flat.vmdk\n')]).toEqual([
      ['/vmfs/volumes/b/web 01/web 01-flat.vmdk', 412 * 1024],
      ['/vmfs/volumes/b/x-flat.vmdk', 0],
    ]);
  });
});

const VMX = [
  '.encoding = "UTF-8"',
  'virtualHW.version = "19"',
  'displayName = "web01"',
  'firmware = "efi"',
  'nvram = "web01.nvram"',
  'scsi0.present = "TRUE"',
  'scsi0.virtualDev = "pvscsi"',
  'scsi0:0.present = "TRUE"',
  'scsi0:0.deviceType = "scsi-hardDisk"',
  'scsi0:0.fileName = "web01.vmdk"',
  'ide1:0.present = "TRUE"',
  'ide1:0.deviceType = "atapi-cdrom"',
  'ide1:0.fileName = "emptyBackingString"',
  'scsi0:1.present = "TRUE"',
  'scsi0:1.deviceType = "scsi-hardDisk"',
  'scsi0:1.fileName = "/vmfs/volumes/datastore2/web01/web01_1.vmdk"',
  'scsi0:2.present = "TRUE"',
  'scsi0:2.deviceType = "scsi-hardDisk"',
  'scsi0:2.mode = "independent-persistent"',
  'scsi0:2.fileName = "web01_2.vmdk"',
  'ethernet0.present = "TRUE"',
  'ethernet0.networkName = "VM Network"',
  'ethernet1.present = "TRUE"',
  'ethernet1.networkName = "DMZ"',
  '',
].join('\n');

describe('a copy folder', () => {
  it('numbers disks as ghettoVCB-restore.sh does (the CD-ROM line counts), finds the other datastore’s disk under its name, lacks the independent one', () => {
    const c = copyContents('/c', ['web01.vmx', 'web01.nvram', 'web01.vmdk', 'web01-flat.vmdk', 'datastore2/web01_1.vmdk', 'datastore2/web01_1-flat.vmdk', 'STATUS.ok'], VMX);
    expect(c.vmxFile).toBe('web01.vmx');
    expect(c.nvramFile).toBe('web01.nvram');
    expect(c.disks.map((d) => [d.disk.key, d.index, d.file])).toEqual([
      ['scsi0:0', 0, 'web01.vmdk'],
      ['scsi0:1', 2, 'datastore2/web01_1.vmdk'],
    ]);
    expect(c.missing.map((m) => [m.disk.key, m.why])).toEqual([['scsi0:2', 'independent']]);
    expect(diskInCopy('/vmfs/volumes/datastore2/web01/web01_1.vmdk')).toBe('datastore2/web01_1.vmdk');
  });

  it('an empty folder and a folder without .vmx are clear errors', () => {
    expect(() => copyContents('/c/web01-2025-01-01_00-00-00', [], '')).toThrow(/is empty/);
    expect(() => copyContents('/c/web01-2025-01-01_00-00-00', ['STATUS.ok', 'web01.vmdk'], '')).toThrow(/holds no \.vmx file/);
  });
});

describe('the restored .vmx', () => {
  it('renames display name, nvram and disks, drops the disk the copy lacks, disconnects a NIC, keeps the rest in place', () => {
    const out = rewriteVmx(VMX, { name: "prova'; $(id) \"x\"", disks: new Map([['scsi0:0', 'n-0.vmdk'], ['scsi0:1', 'n-2.vmdk']]), dropDisks: ['scsi0:2'], disconnect: ['ethernet1'], nvram: 'n.nvram' });
    const lines = out.split('\n');
    expect(lines).toContain('displayName = "prova\'; $(id) |22x|22"');
    expect(lines).toContain('nvram = "n.nvram"');
    expect(lines).toContain('scsi0:0.fileName = "n-0.vmdk"');
    expect(lines).toContain('scsi0:1.fileName = "n-2.vmdk"');
    expect(lines).toContain('scsi0:2.present = "FALSE"');
    expect(lines).toContain('ide1:0.fileName = "emptyBackingString"');
    expect(lines.at(-2)).toBe('ethernet1.startConnected = "FALSE"');
    expect(lines.length).toBe(VMX.split('\n').length + 1);
    expect(vmxValue('a|b')).toBe('"a|7Cb"');
  });

  it('lists the NICs and the port groups they name', () => {
    const entries = new Map([['ethernet0.present', 'TRUE'], ['ethernet0.networkname', 'VM Network'], ['ethernet1.present', 'FALSE'], ['ethernet1.networkname', 'DMZ']]);
    expect(vmxNics(entries)).toEqual([{ key: 'ethernet0', network: 'VM Network' }]);
  });
});

describe('names and files', () => {
  it('a slash, an empty name and one over ESXi’s 80 characters are refused; 80 are fine', () => {
    expect(nameProblem('a/b')?.code).toBe('restore.check.name.slash');
    expect(nameProblem('')?.code).toBe('restore.check.name.empty');
    expect(nameProblem('x'.repeat(81))?.code).toBe('restore.check.name.tooLong');
    expect(nameProblem('x'.repeat(80))).toBeNull();
    expect(nameProblem("prova'; $(id) & *")).toBeNull();
  });

  it('the layout and the files a clone makes', () => {
    const l = targetLayout('/vmfs/volumes/datastore1', 'web 01');
    expect([l.folder, l.vmx, l.nvram, l.disk(2)]).toEqual(['/vmfs/volumes/datastore1/web 01', '/vmfs/volumes/datastore1/web 01/web 01.vmx', '/vmfs/volumes/datastore1/web 01/web 01.nvram', '/vmfs/volumes/datastore1/web 01/web 01-2.vmdk']);
    expect(cloneFiles('/d/n-0.vmdk', 'thin', 1)).toEqual(['/d/n-0.vmdk', '/d/n-0-flat.vmdk']);
    // 5 GiB is 10,485,760 sectors: three extents of at most 4,192,256.
    expect(cloneFiles('/d/n-0.vmdk', '2gbsparse', 5 * 1024 ** 3)).toEqual(['/d/n-0.vmdk', '/d/n-0-s001.vmdk', '/d/n-0-s002.vmdk', '/d/n-0-s003.vmdk']);
  });

  it('virtual hardware per ESXi release (KB 2007240)', () => {
    const v = (version: string, update: number | null) => maxHardwareVersion({ product: 'VMware ESXi', version, build: null, update, patch: null });
    expect([v('6.7.0', 0), v('6.7.0', 3), v('7.0.3', 3), v('8.0.3', 3), v('8.0.0', 1), v('4.1.0', null)]).toEqual([14, 15, 19, 21, 20, null]);
  });
});
