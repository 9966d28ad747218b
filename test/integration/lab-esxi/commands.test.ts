// The simulated ESXi commands on a provisioned host, run from outside the namespace (LAB_HOST_ROOT).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESXI_BIN_DIR } from '../../lab/esxi/commands.ts';
import { addSnapshot, setAdaptertypeHelp, setEsxiVersion, setSecureBoot, slowClone, staleLock } from '../../lab/esxi/faults.ts';
import { HOSTILE_NAME, seedVmSpecs } from '../../lab/esxi/seed.ts';
import { readHostState } from '../../lab/esxi/state.ts';
import { bytes, editShare, esxi, makeLab, shareDir, type TestLab } from './helpers.ts';

const IP = '10.0.0.8';
let lab: TestLab;
let h: string;
const ds1 = (): string => join(h, 'vmfs/volumes/datastore1');
const vimCmd = (...a: string[]): ReturnType<typeof esxi> => esxi(h, 'bin/vim-cmd', a);
const esxcli = (...a: string[]): ReturnType<typeof esxi> => esxi(h, 'bin/esxcli', a);
const vmid = (name: string): string => String(readHostState(h).vms.find((v) => v.name === name)!.vmid);

beforeAll(async () => {
  lab = await makeLab([{ hostname: 'esxi-08', ip: IP, vms: [...seedVmSpecs(1), { name: 'sesparse-vm', snapshotFormat: 'sesparse', disks: [{ sizeMB: 64 }] }] }]);
  h = lab.hostFs(IP);
});
afterAll(() => lab.cleanup());

describe('vim-cmd inventory and power', () => {
  it('lists every VM in the real layout and ghettoVCB can parse the rows back', () => {
    const r = vimCmd('vmsvc/getallvms');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Vmid {3,}Name {3,}File {3,}Guest OS {3,}Version {3,}Annotation/);
    // ghettoVCB's own parse (ghettovcb.md 9.2): collapse 3+ blanks, keep rows with [ vmx- .vmx /
    const parsed = lines.map((l) => l.replace(/[ \t]{3,}/g, '   ')).filter((l) => ['[', 'vmx-', '.vmx', '/'].every((t) => l.includes(t))).map((l) => l.split('   ').slice(0, 3));
    expect(parsed).toContainEqual(['2', 'Protocollo Segreteria', '[datastore1] Protocollo Segreteria/Protocollo Segreteria.vmx']);
    expect(parsed).toContainEqual(['5', 'archivio-2019', '[datastore2] archivio-2019/archivio-2019.vmx']);
    expect(parsed.map((p) => p[1])).toContain(HOSTILE_NAME);
    expect(r.stdout).toContain('Domain controller segreteria\nNon spegnere in orario di ufficio');
    expect(r.stderr).toBe('');
  });

  it("skips a VM whose .vmx vanished, with ESXi's notice on stderr", () => {
    const vmx = join(h, 'vmfs/volumes/datastore2/archivio-2019/archivio-2019.vmx');
    const saved = readFileSync(vmx);
    rmSync(vmx);
    try {
      const r = vimCmd('vmsvc/getallvms');
      expect(r.stderr).toBe(`Skipping invalid VM '${vmid('archivio-2019')}'\n`);
      expect(r.stdout).not.toContain('archivio-2019');
    } finally {
      writeFileSync(vmx, saved);
    }
  });

  it('reports and changes power states with the real texts', () => {
    const id = vmid('archivio-2019');
    expect(vimCmd('vmsvc/power.getstate', id).stdout).toBe('Retrieved runtime info\nPowered off\n');
    expect(vimCmd('vmsvc/power.on', id).stdout).toBe('Powering on VM:\n');
    const again = vimCmd('vmsvc/power.on', id);
    expect(again.stdout).toBe('Powering on VM:\nPower on failed\n');
    expect(vimCmd('vmsvc/power.getstate', id).stdout).toContain('Powered on');
    expect(vimCmd('vmsvc/power.shutdown', id).stdout).toBe('');
    expect(vimCmd('vmsvc/power.getstate', id).stdout).toContain('Powered off');
    expect(vimCmd('vmsvc/power.off', id).stdout).toBe('Powering off VM:\nPower off failed\n');
  });

  it('prints a NotFound fault for an unknown vmid and usage with snapshotId for a bare snapshot.remove', () => {
    expect(vimCmd('vmsvc/power.getstate', '999').stdout).toContain('msg = "Unable to find a VM corresponding to "999""');
    expect(vimCmd('vmsvc/snapshot.remove').stdout).toContain('snapshotId');
  });

  it('dumps summary, guest and config in the vmodl style', () => {
    const id = vmid('segreteria-dc');
    const s = vimCmd('vmsvc/get.summary', id).stdout;
    expect(s.startsWith('Listsummary:\n\n(vim.vm.Summary) {\n')).toBe(true);
    expect(s).toContain('      powerState = "poweredOn", \n');
    expect(s).toContain('vmPathName = "[datastore1] segreteria-dc/segreteria-dc.vmx", ');
    expect(s).not.toContain('dynamicType');
    expect(vimCmd('vmsvc/get.guest', id).stdout).toMatch(/^Guest information:\n\n\(vim\.vm\.GuestInfo\) \{\n {3}toolsStatus = "toolsOk", /);
    expect(vimCmd('vmsvc/get.config', id).stdout).toContain('vmPathName = "[datastore1] segreteria-dc/segreteria-dc.vmx"');
  });
});

describe('snapshots are files', () => {
  it('creates a delta child per dependent disk, switches the .vmx, and removes it again', () => {
    const id = vmid('fileserver');
    const dir = join(ds1(), 'fileserver');
    expect(vimCmd('vmsvc/snapshot.create', id, 'test-snap', 'desc', '0', '0').stdout).toBe('Create Snapshot:\n');
    const files = readdirSync(dir);
    expect(files).toContain('fileserver-000001-delta.vmdk');
    expect(files.some((f) => f.startsWith('fileserver_1-0000'))).toBe(false); // independent disk: no child
    const vmx = readFileSync(join(dir, 'fileserver.vmx'), 'utf8');
    expect(vmx).toContain('scsi0:0.fileName = "fileserver-000001.vmdk"');
    expect(vmx).toContain('scsi0:1.fileName = "fileserver_1.vmdk"');
    const tree = vimCmd('vmsvc/snapshot.get', id).stdout;
    expect(tree).toMatch(/^Get Snapshot:\n\|-ROOT\n--Snapshot Name {8}: test-snap\n--Snapshot Id {8}: 1\n--Snapshot Desciption {2}: desc\n/);
    const removed = vimCmd('vmsvc/snapshot.remove', id, '1');
    expect(removed.stdout).toBe('Remove Snapshot:\n');
    expect(readdirSync(dir).some((f) => f.includes('-delta'))).toBe(false);
    expect(readFileSync(join(dir, 'fileserver.vmx'), 'utf8')).toContain('scsi0:0.fileName = "fileserver.vmdk"');
  });

  it('nests a second snapshot as a CHILD and removeall consolidates the chain', () => {
    const id = vmid('Protocollo Segreteria');
    vimCmd('vmsvc/snapshot.create', id, 'one');
    vimCmd('vmsvc/snapshot.create', id, 'two');
    const tree = vimCmd('vmsvc/snapshot.get', id).stdout;
    expect(tree).toContain('--|-CHILD\n----Snapshot Name        : two\n');
    expect(readdirSync(join(ds1(), 'Protocollo Segreteria')).filter((f) => f.endsWith('-delta.vmdk'))).toHaveLength(2);
    expect(vimCmd('vmsvc/snapshot.removeall', id).stdout).toBe('Remove All Snapshots:\n');
    expect(vimCmd('vmsvc/snapshot.get', id).stdout).toBe('Get Snapshot:\n');
    expect(readdirSync(join(ds1(), 'Protocollo Segreteria')).some((f) => /-\d{6}/.test(f))).toBe(false);
  });

  it('uses -sesparse.vmdk redo logs when the VM is configured so', () => {
    const id = vmid('sesparse-vm');
    vimCmd('vmsvc/snapshot.create', id, 's');
    expect(readdirSync(join(ds1(), 'sesparse-vm'))).toContain('sesparse-vm-000001-sesparse.vmdk');
    vimCmd('vmsvc/snapshot.removeall', id);
  });

  it('keeps the seeded user snapshot of moodle-didattica', () => {
    expect(readdirSync(join(ds1(), 'moodle-didattica'))).toContain('moodle-didattica-000001-delta.vmdk');
    expect(vimCmd('vmsvc/snapshot.get', vmid('moodle-didattica')).stdout).toContain('Snapshot Name        : prima-aggiornamento');
  });
});

describe('register and unregister', () => {
  it('registers a .vmx, refuses a duplicate and unregisters a powered-off VM', () => {
    const id = vmid('archivio-2019');
    expect(vimCmd('vmsvc/unregister', id).stdout).toBe('');
    expect(vimCmd('vmsvc/getallvms').stdout).not.toContain('archivio-2019');
    const reg = vimCmd('solo/registervm', '/vmfs/volumes/datastore2/archivio-2019/archivio-2019.vmx');
    expect(reg.stdout).toMatch(/^\d+\n$/);
    const dup = vimCmd('solo/registervm', '/vmfs/volumes/datastore2/archivio-2019/archivio-2019.vmx');
    expect(dup.stdout).toContain('(vim.fault.AlreadyExists)');
    expect(vimCmd('solo/registervm', '/vmfs/volumes/datastore2/none/none.vmx').stdout).toContain('(vim.fault.NotFound)');
    expect(vimCmd('vmsvc/unregister', vmid('segreteria-dc')).stdout).toContain('InvalidPowerState');
  });
});

describe('vmkfstools', () => {
  it('clones by really copying the extent bytes, with \\r progress', () => {
    const src = '/vmfs/volumes/datastore1/segreteria-dc/segreteria-dc.vmdk';
    const r = esxi(h, 'sbin/vmkfstools', ['-i', src, '-d', 'thin', '/vmfs/volumes/datastore1/segreteria-dc/copy.vmdk']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Destination disk format: VMFS thin-provisioned\nCloning disk '\/vmfs\/volumes\/datastore1\/segreteria-dc\/segreteria-dc.vmdk'\.\.\.\n\rClone: 0% done\.\rClone: 1% done\./);
    expect(r.stdout.endsWith('\rClone: 100% done.\n')).toBe(true);
    const a = join(ds1(), 'segreteria-dc/segreteria-dc-flat.vmdk');
    const b = join(ds1(), 'segreteria-dc/copy-flat.vmdk');
    expect(statSync(b).size).toBe(statSync(a).size);
    const mid = Math.floor(statSync(a).size / 2 / 4096) * 4096;
    expect(bytes(b, 0, 4096).equals(bytes(a, 0, 4096))).toBe(true);
    expect(bytes(b, mid, 4096).equals(bytes(a, mid, 4096))).toBe(true);
    expect(bytes(a, mid, 3).toString()).toBe('MID');
    expect(statSync(b).blocks * 512).toBeLessThan(1024 * 1024);
    expect(readFileSync(join(ds1(), 'segreteria-dc/copy.vmdk'), 'utf8')).toMatch(/RW 8388608 VMFS "copy-flat.vmdk"/);
    expect(esxi(h, 'sbin/vmkfstools', ['-i', src, '/vmfs/volumes/datastore1/segreteria-dc/copy.vmdk']).stdout).toContain('Failed to clone disk: The file already exists (39).');
    expect(esxi(h, 'sbin/vmkfstools', ['-e', '/vmfs/volumes/datastore1/segreteria-dc/copy.vmdk']).stdout).toBe('Disk chain is consistent.\n');
    expect(esxi(h, 'sbin/vmkfstools', ['-U', '/vmfs/volumes/datastore1/segreteria-dc/copy.vmdk']).code).toBe(0);
    expect(existsSync(b)).toBe(false);
  });

  it('clones 2gbsparse into -s00N extents and follows a snapshot chain to its base', () => {
    const src = '/vmfs/volumes/datastore1/moodle-didattica/moodle-didattica-000001.vmdk';
    const r = esxi(h, 'sbin/vmkfstools', ['-i', src, '-d', '2gbsparse', '/vmfs/volumes/datastore1/moodle-didattica/sparse.vmdk']);
    expect(r.stdout).toContain('Destination disk format: sparse with 2GB maximum extent size');
    const dir = join(ds1(), 'moodle-didattica');
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['sparse-s001.vmdk', 'sparse-s002.vmdk']));
    expect(bytes(join(dir, 'sparse-s001.vmdk'), 0, 4096).equals(bytes(join(dir, 'moodle-didattica-flat.vmdk'), 0, 4096))).toBe(true);
    // The marker written in the middle of the 2 GiB disk lies inside the first 2047 MiB extent.
    const mid = 1024 * 1024 * 1024;
    expect(bytes(join(dir, 'sparse-s001.vmdk'), mid, 3).toString()).toBe('MID');
    expect(statSync(join(dir, 'sparse-s002.vmdk')).size).toBe(2 * 1024 ** 3 - 4192256 * 512);
  });

  it('names every destination format like vmkfstools does', () => {
    const src = '/vmfs/volumes/datastore1/fileserver/fileserver.vmdk';
    const eager = esxi(h, 'sbin/vmkfstools', ['-i', src, '-d', 'eagerzeroedthick', '/vmfs/volumes/datastore1/fileserver/ez.vmdk']);
    expect(eager.stdout.startsWith('Destination disk format: VMFS eagerzeroedthick\n')).toBe(true);
    const zeroed = esxi(h, 'sbin/vmkfstools', ['-i', src, '/vmfs/volumes/datastore1/fileserver/zt.vmdk']);
    expect(zeroed.stdout.startsWith('Destination disk format: VMFS zeroedthick\n')).toBe(true);
    for (const f of ['ez', 'zt']) esxi(h, 'sbin/vmkfstools', ['-U', `/vmfs/volumes/datastore1/fileserver/${f}.vmdk`]);
    expect(esxi(h, 'sbin/vmkfstools', ['-i', '/vmfs/volumes/datastore1/none.vmdk', '/vmfs/volumes/datastore1/x.vmdk']).stdout).toBe("Failed to open '/vmfs/volumes/datastore1/none.vmdk': The system cannot find the file specified (25).\n");
  });

  it('shows --adaptertype in -h as the host is set (ghettoVCB passes -a only when listed without "deprecated")', () => {
    // ghettoVCB's own test: deprecated when the --adaptertype line says so or when there is no such line.
    const scriptOmitsA = (help: string): boolean => {
      const line = help.split('\n').find((l) => l.includes('--adaptertype'));
      return line === undefined || line.includes('deprecated');
    };
    try {
      expect(scriptOmitsA(esxi(h, 'sbin/vmkfstools', ['-h']).stdout)).toBe(false);
      setAdaptertypeHelp(h, 'deprecated');
      const deprecated = esxi(h, 'sbin/vmkfstools', ['-h']).stdout;
      expect(deprecated).toContain('-a --adaptertype [buslogic|lsilogic|ide|lsisas|pvscsi] (deprecated)\n');
      expect(scriptOmitsA(deprecated)).toBe(true);
      setAdaptertypeHelp(h, 'absent');
      const absent = esxi(h, 'sbin/vmkfstools', ['-h']).stdout;
      expect(absent).not.toContain('--adaptertype');
      expect(absent).toContain('eagerzeroedthick]\n           -U --deletevirtualdisk\n');
      expect(scriptOmitsA(absent)).toBe(true);
    } finally {
      setAdaptertypeHelp(h, null);
    }
  });

  it('lists --adaptertype in -h and prints the deprecation line when -a is passed', () => {
    expect(esxi(h, 'sbin/vmkfstools', ['-h']).stdout).toMatch(/-a --adaptertype \[/);
    const r = esxi(h, 'sbin/vmkfstools', ['-i', '/vmfs/volumes/datastore1/fileserver/fileserver.vmdk', '-a', 'lsilogic', '-d', 'thin', '/vmfs/volumes/datastore1/fileserver/x.vmdk']);
    expect(r.stdout.startsWith('Option --adaptertype is deprecated and hence will be ignored\n')).toBe(true);
    esxi(h, 'sbin/vmkfstools', ['-U', '/vmfs/volumes/datastore1/fileserver/x.vmdk']);
  });
});

describe('datastores', () => {
  it('answers hostsvc/datastore/info the way ghettoVCB greps it (VMFS has blockSizeMb, NFS has not)', () => {
    const vmfs = vimCmd('hostsvc/datastore/info', 'datastore1').stdout;
    expect(vmfs.startsWith('(vim.host.VmfsDatastoreInfo) {\n')).toBe(true);
    const third = (re: RegExp, text: string): string[] => text.split('\n').filter((l) => re.test(l)).map((l) => l.trim().split(/\s+/)[2]!.replace(/,/g, ''));
    expect(third(/capacity/i, vmfs)).toEqual(['68169720922112', String(450 * 1024 ** 3)]);
    expect(third(/blockSizeMb/i, vmfs)).toEqual(['1']);
    const nfs = vimCmd('hostsvc/datastore/info', `VM_backup_${IP}`).stdout;
    expect(nfs).toContain('(vim.host.NasDatastoreInfo) {');
    expect(nfs).toContain('type = "NFS41", ');
    expect(nfs).not.toMatch(/blockSizeMb/i);
    expect(vimCmd('hostsvc/datastore/info', 'nope').stdout).toBe('Datastore not found.\n');
    expect(vimCmd('hostsvc/datastore/listsummary').stdout).toMatch(/^\(vim\.Datastore\.Summary\) \[\n {3}\(vim\.Datastore\.Summary\) \{\n/);
  });
});

describe('esxcli', () => {
  it('reports identity like the captures', () => {
    expect(esxcli('system', 'version', 'get').stdout).toBe('   Product: VMware ESXi\n   Version: 8.0.3\n   Build: Releasebuild-24022510\n   Update: 3\n   Patch: 0\n');
    expect(esxcli('system', 'hostname', 'get').stdout).toBe('   Domain Name: \n   Fully Qualified Domain Name: esxi-08\n   Host Name: esxi-08\n');
    expect(esxcli('network', 'ip', 'interface', 'ipv4', 'get').stdout).toContain('vmk0  10.0.0.8      255.255.255.0  10.0.0.255      STATIC        10.0.0.1     false\n');
    expect(esxcli('storage', 'nfs42', 'list').stderr).toBe('Error: Unknown command or namespace storage nfs42 list\n');
  });

  it('lists the NFS 4.1 mount made at provisioning and shows it in filesystem list', () => {
    const list = esxcli('storage', 'nfs41', 'list').stdout.split('\n');
    expect(list[0]).toBe('Volume Name         Host(s)    Share                                                Accessible  Mounted  Read-Only  Security   isPE  Hardware Acceleration');
    expect(list[2]).toBe(`VM_backup_${IP}  10.0.0.50  /mnt/UniventionBackup/ESXI_VM_backups/ESXI_${IP}        true     true      false  AUTH_SYS  false  Not Supported`);
    expect(esxcli('storage', 'nfs', 'list').stdout).toBe('');
    expect(esxcli('storage', 'filesystem', 'list').stdout).toMatch(new RegExp(`VM_backup_${IP.replace(/\./g, '\\.')} +[0-9a-f]{8}-[0-9a-f]{8} +true  NFS41 `));
  });

  it('refuses mounts the NAS does not grant, with the Sysinfo texts', () => {
    const share = `/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.2`;
    const other = esxcli('storage', 'nfs41', 'add', '-H', '10.0.0.50', '-s', share, '-v', 'other');
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('The NFS server denied the mount request');
    expect(esxcli('storage', 'nfs41', 'add', '--hosts=10.9.9.9', `--share=${share}`, '--volume-name=x').stdout).toContain('Unable to connect to NFS server');
    const dup = esxcli('storage', 'nfs41', 'add', '-H', '10.0.0.50', '-s', `/mnt/UniventionBackup/ESXI_VM_backups/ESXI_${IP}`, '-v', 'again');
    expect(dup.stdout).toBe(`Unable to create new NAS volume.  10.0.0.50:/mnt/UniventionBackup/ESXI_VM_backups/ESXI_${IP} is already exported by a volume with the name VM_backup_${IP}\n`);
    expect(esxcli('storage', 'nfs41', 'add', '-H', '10.0.0.50').stderr).toContain('Error: Missing required parameter -s|--share');
  });

  it('shows a mount as inaccessible once the NAS stops granting it, and accessible again after', () => {
    editShare(lab, IP, { hosts: ['10.0.0.99'] });
    expect(esxcli('storage', 'nfs41', 'list').stdout).toContain('false    false      false  AUTH_SYS  false  Unknown');
    editShare(lab, IP, { hosts: [IP] });
    expect(esxcli('storage', 'nfs41', 'list').stdout).toContain('true     true      false  AUTH_SYS  false  Not Supported');
  });

  it('swaps the share from NFS 4.1 to NFS v3 and back (remove, add, list, destroy)', () => {
    const share = `/mnt/UniventionBackup/ESXI_VM_backups/ESXI_${IP}`;
    expect(esxcli('storage', 'nfs41', 'remove', '-v', `VM_backup_${IP}`)).toMatchObject({ code: 0, stdout: '' });
    expect(existsSync(join(h, `vmfs/volumes/VM_backup_${IP}`))).toBe(false);
    expect(esxcli('storage', 'nfs', 'add', '--host=10.0.0.50', `--share=${share}`, '--volume-name=v3')).toMatchObject({ code: 0, stdout: '' });
    const v3 = esxcli('storage', 'nfs', 'list').stdout.split('\n');
    expect(v3[0]).toMatch(/^Volume Name +Host +Share +Accessible +Mounted +Read-Only +isPE +Hardware Acceleration$/);
    expect(v3[2]).toMatch(/^v3 +10\.0\.0\.50 +\/mnt\/\S+ +true +true +false +false +Not Supported$/);
    expect(vimCmd('hostsvc/datastore/info', 'v3').stdout).toContain('type = "NFS", ');
    expect(vimCmd('hostsvc/datastore/destroy', 'v3')).toMatchObject({ code: 0, stdout: '' });
    expect(esxcli('storage', 'nfs', 'list').stdout).toBe('');
    expect(esxcli('storage', 'nfs41', 'add', '-H', '10.0.0.50', '-s', share, '-v', `VM_backup_${IP}`).code).toBe(0);
    expect(readdirSync(join(h, `vmfs/volumes/VM_backup_${IP}`))).toEqual(readdirSync(shareDir(lab, IP)));
  });

  it('loads modules, manages the ghettoVCB VIB and the acceptance level', () => {
    expect(esxcli('system', 'module', 'list').stdout).toMatch(/multiextent +false +true/);
    esxcli('system', 'module', 'load', '-m', 'multiextent');
    expect(esxcli('system', 'module', 'list').stdout).toMatch(/multiextent +true +true/);
    expect(esxcli('software', 'vib', 'get', '-n', 'ghettoVCB').stdout).toContain("[NoMatchError]\n No VIB matching VIB search specification 'ghettoVCB'.");
    const refused = esxcli('software', 'vib', 'install', '-v', '/etc/vmware/lab/runtime.env', '-f');
    expect(refused.stdout).toContain('[AcceptanceLevelError]');
    expect(esxcli('software', 'acceptance', 'set', '--level=CommunitySupported').code).toBe(0);
    const ok = esxcli('software', 'vib', 'install', '-v', '/etc/vmware/lab/runtime.env', '-f');
    expect(ok.stdout).toContain('VIBs Installed: virtuallyGhetto_bootbank_ghettoVCB_1.0.0-0.0.0');
    expect(existsSync(join(h, 'opt/ghettovcb/bin/ghettoVCB.sh'))).toBe(true);
    expect(existsSync(join(h, 'opt/ghettovcb/ghettoVCB.conf'))).toBe(true);
    expect(esxcli('software', 'vib', 'list').stdout).toMatch(/ghettoVCB +1\.0\.0-0\.0\.0 +virtuallyGhetto +CommunitySupported/);
    expect(esxcli('software', 'vib', 'get', '-n', 'ghettoVCB').stdout).toContain('   Acceptance Level: CommunitySupported\n');
    expect(esxcli('software', 'vib', 'remove', '-n', 'ghettoVCB').stdout).toContain('VIBs Removed: virtuallyGhetto_bootbank_ghettoVCB_1.0.0-0.0.0');
    expect(existsSync(join(h, 'opt/ghettovcb'))).toBe(false);
  });

  it('reads and sets /User/execInstalledOnly', () => {
    expect(esxcli('system', 'settings', 'advanced', 'list', '-o', '/User/execInstalledOnly').stdout).toContain('   Int Value: 1\n');
    esxcli('system', 'settings', 'advanced', 'set', '-o', '/User/execInstalledOnly', '-i', '0');
    expect(esxcli('system', 'settings', 'advanced', 'list', '-o', '/User/execInstalledOnly').stdout).toContain('   Int Value: 0\n');
  });
});

describe('host-level faults', () => {
  it('changes the ESXi version everywhere it is reported', () => {
    setEsxiVersion(h, '8.0.4');
    expect(esxi(h, 'bin/vmware', ['-v']).stdout).toMatch(/^VMware ESXi 8\.0\.4 build-\d+\n$/);
    expect(esxcli('system', 'version', 'get').stdout).toContain('   Version: 8.0.4\n');
    setEsxiVersion(h, '8.0.3');
    expect(esxi(h, 'bin/vmware', ['-l']).stdout).toBe('VMware ESXi 8.0.3 Update 3\n');
  });

  it('switches Secure Boot, which also blocks the community acceptance level', () => {
    const sb = (): string => esxi(h, 'usr/lib/vmware/secureboot/bin/secureBoot.py', ['-s']).stdout;
    expect(sb()).toBe('Disabled\n');
    setSecureBoot(h, true);
    expect(sb()).toBe('Enabled\n');
    expect(esxcli('software', 'acceptance', 'set', '--level=CommunitySupported').stdout).toContain('Secure Boot enabled');
    setSecureBoot(h, false);
  });

  it('adds a forgotten snapshot and leaves a stale lock', () => {
    addSnapshot(h, 'segreteria-dc');
    expect(readdirSync(join(ds1(), 'segreteria-dc'))).toContain('segreteria-dc-000001-delta.vmdk');
    staleLock(h);
    expect(readFileSync(join(h, 'tmp/ghettoVCB.work/pid'), 'utf8')).toMatch(/^\d+\n$/);
    expect(statSync(join(h, 'tmp/ghettoVCB.work')).mtimeMs).toBeLessThan(Date.now() - 30 * 60_000);
  });

  it('slows clones down step by step (the progress still completes)', () => {
    slowClone(h, 2);
    expect(readHostState(h).faults.cloneDelayMs).toBe(2);
    const r = esxi(h, 'sbin/vmkfstools', ['-i', '/vmfs/volumes/datastore1/fileserver/fileserver.vmdk', '/vmfs/volumes/datastore1/fileserver/slow.vmdk']);
    expect(r.stdout).toContain('Destination disk format: VMFS zeroedthick');
    expect(r.stdout.endsWith('Clone: 100% done.\n')).toBe(true);
    slowClone(h, false);
    expect(readHostState(h).faults.cloneDelayMs).toBe(0);
  });
});

describe('concurrency', () => {
  it('keeps the state file whole while snapshots and probes run in parallel', async () => {
    const runs: Promise<number>[] = [];
    const launch = (args: string[]): Promise<number> =>
      new Promise((resolve) => {
        const c = spawn(join(ESXI_BIN_DIR, 'bin/vim-cmd'), args, { env: { ...process.env, LAB_HOST_ROOT: h }, stdio: 'ignore' });
        c.on('close', (code) => resolve(code ?? -1));
      });
    const ids = ['Protocollo Segreteria', 'fileserver', 'sesparse-vm'].map(vmid);
    for (const id of ids) runs.push(launch(['vmsvc/snapshot.create', id, 'parallel']));
    for (let i = 0; i < 6; i++) runs.push(launch(['vmsvc/getallvms']));
    expect(await Promise.all(runs)).toEqual(Array(runs.length).fill(0));
    const state = readHostState(h);
    for (const id of ids) expect(state.vms.find((v) => String(v.vmid) === id)!.snapshots.map((s) => s.name)).toContain('parallel');
  });
});
