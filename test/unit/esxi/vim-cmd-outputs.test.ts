import { describe, expect, it } from 'vitest';
import { datastoreInfoCommand, parseDatastoreInfo, parseDatastoreSummaries } from '../../../electron/core/esxi/datastores.ts';
import { findVimFault } from '../../../electron/core/esxi/output.ts';
import { parsePowerState } from '../../../electron/core/esxi/power-state.ts';
import { flattenSnapshots, parseSnapshotTree, snapshotDate } from '../../../electron/core/esxi/snapshot-tree.ts';
import { parseVmConfig } from '../../../electron/core/esxi/vm-config.ts';
import { parseVmSummary } from '../../../electron/core/esxi/vm-summary.ts';
import { parseVmodl } from '../../../electron/core/esxi/vmodl.ts';
import { fixture } from './fixture.ts';

describe('power.getstate', () => {
  it('reads the last line', () => {
    expect(parsePowerState('Retrieved runtime info\nPowered on\n')).toBe('poweredOn');
    expect(parsePowerState('Retrieved runtime info\nPowered off\n')).toBe('poweredOff');
    expect(parsePowerState('Retrieved runtime info\nSuspended\n')).toBe('suspended');
  });

  it('turns a printed fault into esxi.vimFault with its message', () => {
    expect(() => parsePowerState(fixture('esxi', 'vim-fault-notfound-esxi8.txt'))).toThrowError(
      expect.objectContaining({ code: 'esxi.vimFault', details: expect.objectContaining({ fault: 'NotFound', msg: 'Unable to find a VM corresponding to "1"' }) }),
    );
    expect(findVimFault(fixture('esxi', 'vim-fault-notfound-legacy.txt'))).toEqual({ type: 'vim.fault.NotFound', msg: 'The object or item referred to could not be found.' });
    expect(() => parsePowerState('Retrieved runtime info\n')).toThrowError(expect.objectContaining({ code: 'esxi.unexpectedOutput' }));
  });
});

describe('snapshot.get (A1.5)', () => {
  it('reads the ESXi 7 chain with the Desciption typo, ids, times and states', () => {
    const tree = parseSnapshotTree(fixture('esxi', 'snapshot-get-esxi7-chain.txt'));
    expect(tree.unknownLines).toEqual([]);
    expect(tree.roots).toHaveLength(1);
    const [root] = tree.roots;
    expect(root).toMatchObject({ name: 'snap1', id: 1, description: 'Shapshot #1', createdOn: '10/4/2026 19:0:52', created: '2026-10-04T19:00:52', state: 'poweredOff', depth: 1 });
    expect(root!.children).toHaveLength(1);
    expect(root!.children[0]).toMatchObject({ name: 'Corelinux running', id: 2, description: '', created: '2026-10-04T19:22:55', state: 'poweredOn', depth: 2, children: [] });
  });

  it('reads "no snapshot" as an empty tree', () => {
    expect(parseSnapshotTree('Get Snapshot:\n')).toEqual({ heading: 'Get Snapshot:', roots: [], unknownLines: [] });
  });

  it('builds deep chains, siblings, missing ids (ESXi 5.0) and multi-line descriptions', () => {
    const text = [
      'Remove Snapshot:',
      '|-ROOT',
      '--Snapshot Name        : a',
      '--Snapshot Desciption  : line one',
      'line two',
      '--Snapshot Created On  : 1/2/2025 3:4:5',
      '--Snapshot State       : powered on',
      '--|-CHILD',
      '----Snapshot Name        : b',
      '----Snapshot Id        : 7',
      '----|-CHILD',
      '------Snapshot Name        : c',
      '------Snapshot Id        : 8',
      '----|-CHILD',
      '------Snapshot Name        : d',
      '------Snapshot Id        : 9',
      '------Snapshot State       : suspended',
      '|-ROOT',
      '--Snapshot Name        : e',
      '',
    ].join('\n');
    const tree = parseSnapshotTree(text);
    expect(tree.heading).toBe('Remove Snapshot:');
    expect(tree.roots.map((r) => r.name)).toEqual(['a', 'e']);
    const [a] = tree.roots;
    expect(a).toMatchObject({ id: null, description: 'line one\nline two', created: '2025-01-02T03:04:05' });
    expect(a!.children[0]!.children.map((n) => [n.name, n.id, n.depth])).toEqual([
      ['c', 8, 3],
      ['d', 9, 3],
    ]);
    expect(a!.children[0]!.children[1]!.state).toBe('suspended');
    expect(flattenSnapshots(tree.roots).map((n) => n.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('dates without zero padding, and refuses output that is no tree', () => {
    expect(snapshotDate('11/2/2025 1:0:5')).toBe('2025-11-02T01:00:05');
    expect(snapshotDate('yesterday')).toBeNull();
    expect(() => parseSnapshotTree('Insufficient arguments.\n')).toThrowError(expect.objectContaining({ code: 'esxi.unexpectedOutput' }));
  });
});

describe('vim-cmd data objects (A1.1)', () => {
  it('reads the ESXi 5 get.summary capture (legacy commas, `...` lines, a folded block)', () => {
    const s = parseVmSummary(fixture('esxi', 'get-summary-esxi5.txt'));
    expect(s).toMatchObject({
      name: 'test_192.168.0.70',
      vmPathName: '[datastore1] test_192.168.0.70/test_192.168.0.70.vmx',
      guestId: 'centos64Guest',
      powerState: 'poweredOff',
      consolidationNeeded: false,
      memorySizeMb: 4096,
      numCpu: 2,
      numVirtualDisks: 1,
      committedBytes: 47245126222,
      uncommittedBytes: 162594816,
      toolsStatus: 'toolsNotInstalled',
      annotation: '',
    });
    expect(s.unknownLines.some((l) => l.trim() === '...')).toBe(true);
  });

  it('reads the ESXi 7 listsummary capture (no trailing comma on the last field)', () => {
    const { datastores } = parseDatastoreSummaries(fixture('esxi', 'datastore-listsummary-esxi7.txt'));
    expect(datastores[0]).toEqual({ name: 'dataStorage', url: '/vmfs/volumes/5f3215f2-49c43e04-00b5-002481827d55', type: 'VMFS', capacity: 239981297664, freeSpace: 214053158912, accessible: true });
    expect(datastores).toHaveLength(2);
  });

  it('reads a multi-line string value and an empty array', () => {
    const doc = parseVmodl('(vim.vm.ConfigInfo) {\n   name = "vm",\n   annotation = "first\nsecond",\n   tasks = (ManagedObjectReference) [],\n   ref = \'vim.Datastore:x\'\n}\n', 'x');
    expect(doc.root).toMatchObject({ kind: 'object', fields: { name: 'vm', annotation: 'first\nsecond', tasks: { kind: 'array', items: [] }, ref: { kind: 'ref', id: 'vim.Datastore:x' } } });
  });

  it('reads get.config disks, capacity and snapshot backing', () => {
    const text = [
      'Configuration:',
      '',
      '(vim.vm.ConfigInfo) {',
      '   name = "web 01",',
      '   guestFullName = "Ubuntu Linux (64-bit)",',
      '   version = "vmx-19",',
      '   guestId = "ubuntu64Guest",',
      '   files = (vim.vm.FileInfo) {',
      '      vmPathName = "[datastore1] web 01/web 01.vmx",',
      '      snapshotDirectory = "[datastore1] web 01/"',
      '   },',
      '   hardware = (vim.vm.VirtualHardware) {',
      '      numCPU = 2,',
      '      memoryMB = 4096,',
      '      device = (vim.vm.device.VirtualDevice) [',
      '         (vim.vm.device.VirtualCdrom) {',
      '            key = 3000',
      '         },',
      '         (vim.vm.device.VirtualDisk) {',
      '            key = 2000,',
      '            deviceInfo = (vim.Description) {',
      '               label = "Hard disk 1",',
      '               summary = "41,943,040 KB"',
      '            },',
      '            backing = (vim.vm.device.VirtualDisk.FlatVer2BackingInfo) {',
      '               fileName = "[datastore1] web 01/web 01-000001.vmdk",',
      '               diskMode = "independent_persistent",',
      '               parent = (vim.vm.device.VirtualDisk.FlatVer2BackingInfo) {',
      '                  fileName = "[datastore1] web 01/web 01.vmdk"',
      '               }',
      '            },',
      '            controllerKey = 1000,',
      '            unitNumber = 0,',
      '            capacityInKB = 41943040',
      '         }',
      '      ]',
      '   }',
      '}',
    ].join('\n');
    const c = parseVmConfig(text);
    expect(c).toMatchObject({ name: 'web 01', hwVersion: 'vmx-19', guestId: 'ubuntu64Guest', vmPathName: '[datastore1] web 01/web 01.vmx', memoryMb: 4096, numCpu: 2 });
    expect(c.disks).toEqual([
      { key: 2000, label: 'Hard disk 1', fileName: '[datastore1] web 01/web 01-000001.vmdk', diskMode: 'independent_persistent', controllerKey: 1000, unitNumber: 0, capacityBytes: 42949672960, onSnapshot: true },
    ]);
  });

  it('reads datastore/info for VMFS and NAS, and "Datastore not found"', () => {
    const vmfs = '(vim.host.VmfsDatastoreInfo) {\n   name = "datastore1",\n   url = "/vmfs/volumes/abc",\n   freeSpace = 123,\n   vmfs = (vim.host.VmfsVolume) {\n      type = "VMFS",\n      capacity = 500000000000,\n      blockSizeMb = 1\n   }\n}\n';
    expect(parseDatastoreInfo(vmfs, 'datastore1')).toMatchObject({ kind: 'vmfs', freeSpace: 123, capacity: 500000000000, blockSizeMb: 1 });
    const nas = '(vim.host.NasDatastoreInfo) {\n   name = "VM_backup_10.0.0.8",\n   freeSpace = 5,\n   nas = (vim.host.NasVolume) {\n      type = "NFS41",\n      capacity = 10,\n      remoteHost = "10.0.0.50",\n      remotePath = "/mnt/x",\n      remoteHostNames = (string) [\n         "10.0.0.50"\n      ],\n      securityType = "AUTH_SYS"\n   }\n}\n';
    expect(parseDatastoreInfo(nas, 'VM_backup_10.0.0.8')).toMatchObject({ kind: 'nas', capacity: 10, blockSizeMb: null, fsType: 'NFS41', remoteHostNames: ['10.0.0.50'], remotePath: '/mnt/x' });
    expect(() => parseDatastoreInfo('Datastore not found.\n', 'nope')).toThrowError(expect.objectContaining({ code: 'esxi.datastoreNotFound' }));
    expect(datastoreInfoCommand('VM backup').text).toBe("vim-cmd hostsvc/datastore/info 'VM backup'");
  });
});
