import { describe, expect, it } from 'vitest';
import { crontabEntries, splitCrontab } from '../../../electron/core/esxi/crontab.ts';
import { resolveVmxFileName, toVolumePath, parseDatastorePath } from '../../../electron/core/esxi/datastore-path.ts';
import { analyseLocalSh, localShFindings, shellWords } from '../../../electron/core/esxi/local-sh.ts';
import { parseVmdkDescriptor } from '../../../electron/core/esxi/vmdk-descriptor.ts';
import { parseVmx } from '../../../electron/core/esxi/vmx.ts';
import { fixture } from './fixture.ts';

describe('root crontab', () => {
  it('splits the ESXi 7 default crontab into a comment and six entries, verbatim', () => {
    const text = fixture('esxi', 'crontab-default-esxi7.txt');
    const lines = splitCrontab(text);
    expect(lines[0]).toEqual({ line: 1, text: '#min hour day mon dow command', kind: 'comment' });
    expect(crontabEntries(lines)).toHaveLength(6);
    expect(lines.map((l) => l.text).join('\n') + '\n').toBe(text);
  });

  it('keeps blanks and environment lines apart from entries', () => {
    expect(splitCrontab('MAILTO=""\n\n30 4 * * * /x.sh -a\r\n').map((l) => l.kind)).toEqual(['env', 'blank', 'entry']);
  });
});

const SITE_CRON = '30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +\\%s).log';

describe('local.sh (A4.3)', () => {
  it('reads the reference recipe back to the crontab line it writes', () => {
    const a = analyseLocalSh(fixture('esxi', 'local-sh-ghettovcb-lines.txt'));
    expect(a.appends).toEqual([
      {
        line: 2,
        cronLine: '0 0 * * 1-5 /vmfs/volumes/ds/ghettoVCB.sh -f /vmfs/volumes/ds/backuplist > /vmfs/volumes/ds/ghettoVCB-backup-$(date +\\%s).log',
        method: 'echo',
        ghettoVcb: true,
        afterExit: false,
      },
    ]);
    expect(a).toMatchObject({ killsCrond: true, startsCrond: true });
    expect(localShFindings(a, 'disabled')).toEqual([]);
  });

  it('finds nothing in the default local.sh (ESXi 6.7) and says so', () => {
    const a = analyseLocalSh(fixture('esxi', 'local-sh-default-esxi67.txt'));
    expect(a.appends).toEqual([]);
    expect(a.exitLine).toBe(14);
    expect(localShFindings(a, 'unknown').map((f) => f.code)).toEqual(['esxi.localSh.noGhettoVcbEntry']);
  });

  it('flags an entry after exit 0, a missing crond restart, an unescaped % and Secure Boot', () => {
    const script = ['#!/bin/sh', `echo '${SITE_CRON.replace('\\%', '%')}' >> /var/spool/cron/crontabs/root`, 'exit 0', `/bin/echo "${SITE_CRON.replace('$', '\\$').replace('\\%', '\\\\%')}" >> /var/spool/cron/crontabs/root`, ''].join('\n');
    const a = analyseLocalSh(script);
    expect(a.appends.map((x) => [x.line, x.afterExit])).toEqual([
      [2, false],
      [4, true],
    ]);
    expect(a.appends[1]!.cronLine).toBe(SITE_CRON);
    expect(localShFindings(a, 'enabled').map((f) => [f.code, f.severity])).toEqual([
      ['esxi.localSh.entryAfterExit', 'error'],
      ['esxi.localSh.crondNotRestarted', 'warning'],
      ['esxi.localSh.unescapedPercent', 'error'],
      ['esxi.localSh.secureBootSkips', 'error'],
    ]);
  });

  it('reads here-documents and printf', () => {
    const quoted = ['cat >> /var/spool/cron/crontabs/root <<\'EOF\'', SITE_CRON, 'EOF', 'kill $(cat /var/run/crond.pid)', '/usr/lib/vmware/busybox/bin/busybox crond'].join('\n');
    expect(analyseLocalSh(quoted).appends[0]).toMatchObject({ method: 'heredoc', cronLine: SITE_CRON, line: 2 });
    const unquoted = ['cat >> /var/spool/cron/crontabs/root << EOF', SITE_CRON.replace('$', '\\$').replace('\\%', '\\\\%'), 'EOF'].join('\n');
    expect(analyseLocalSh(unquoted).appends[0]!.cronLine).toBe(SITE_CRON);
    const printf = `printf '%s\\n' '${SITE_CRON}' >> /var/spool/cron/crontabs/root`;
    expect(analyseLocalSh(printf).appends[0]).toMatchObject({ method: 'printf', cronLine: SITE_CRON });
  });

  it('unquotes shell words like sh', () => {
    expect(shellWords(`a "b \\$x \\\\ \\" c" 'd \\e' f\\ g`)).toEqual(['a', 'b $x \\ " c', 'd \\e', 'f g']);
  });
});

const VMX = [
  '.encoding = "UTF-8"',
  'displayName = "web |2201|22 ünï"',
  'guestOS = "ubuntu-64"',
  'virtualHW.version = "19"',
  'firmware = "efi"',
  'nvram = "web01.nvram"',
  'scsi0.virtualDev = "pvscsi"',
  'scsi0:0.present = "TRUE"',
  'scsi0:0.fileName = "web01.vmdk"',
  'scsi0:0.deviceType = "scsi-hardDisk"',
  'scsi0:1.present = "TRUE"',
  'scsi0:1.fileName = "/vmfs/volumes/datastore2/web01/data.vmdk"',
  'scsi0:1.mode = "independent-persistent"',
  'scsi0:2.present = "FALSE"',
  'scsi0:2.fileName = "old.vmdk"',
  'scsi0:3.present = "TRUE"',
  'scsi0:3.fileName = "web01_1-rdmp.vmdk"',
  'scsi0:3.mode = "independent-nonpersistent"',
  'ide0:0.present = "TRUE"',
  'ide0:0.fileName = "ide disk.vmdk"',
  'sata0:0.present = "TRUE"',
  'sata0:0.fileName = "/vmfs/volumes/datastore1/iso/ubuntu.iso"',
  'sata0:0.deviceType = "cdrom-image"',
  'sata0:1.present = "TRUE"',
  'sata0:1.fileName = "auto detect"',
  'sata0:1.deviceType = "atapi-cdrom"',
  'nvme0:0.present = "TRUE"',
  'nvme0:0.fileName = "fast.vmdk"',
  'this line is junk',
  '',
].join('\n');

describe('.vmx (ghettovcb.md 9.10)', () => {
  it('decides every disk line as ghettoVCB does', () => {
    const vmx = parseVmx(VMX);
    expect(vmx.disks.map((d) => [d.key, d.ghettoVcb, d.mode, d.absolute])).toEqual([
      ['scsi0:0', 'backup', 'persistent', false],
      ['scsi0:1', 'independent', 'independent-persistent', true],
      ['scsi0:2', 'notPresent', 'persistent', false],
      ['scsi0:3', 'independent', 'independent-nonpersistent', false],
      ['ide0:0', 'backup', 'persistent', false],
      ['sata0:0', 'notADisk', 'persistent', true],
      ['sata0:1', 'notADisk', 'persistent', false],
      ['nvme0:0', 'backup', 'persistent', false],
    ]);
    expect(vmx.disks[3]).toMatchObject({ rdmHint: 'physical', controller: 'scsi0', unit: 3, bus: 'scsi' });
    expect(vmx).toMatchObject({ displayName: 'web "01" ünï', guestOs: 'ubuntu-64', hwVersion: '19', firmware: 'efi', nvram: 'web01.nvram', controllers: { scsi0: 'pvscsi' } });
    expect(vmx.unknownLines).toEqual(['this line is junk']);
  });

  it('reads the reference snippet, trailing note and all', () => {
    const [d] = parseVmx(fixture('esxi', 'vmx-independent-disk.txt')).disks;
    expect(d).toMatchObject({ key: 'scsi0:1', fileName: 'data.vmdk', deviceType: 'scsi-hardDisk', present: true, mode: 'independent-persistent', ghettoVcb: 'independent' });
  });

  it('resolves disk paths against the VM folder', () => {
    const vmx = toVolumePath(parseDatastorePath('[datastore1] web 01/web 01.vmx')!);
    expect(vmx).toBe('/vmfs/volumes/datastore1/web 01/web 01.vmx');
    expect(resolveVmxFileName(vmx, 'web 01.vmdk')).toBe('/vmfs/volumes/datastore1/web 01/web 01.vmdk');
    expect(resolveVmxFileName(vmx, '/vmfs/volumes/ds2/x.vmdk')).toBe('/vmfs/volumes/ds2/x.vmdk');
    expect(() => toVolumePath({ datastore: 'ds', path: '../etc/passwd' })).toThrowError(expect.objectContaining({ code: 'esxi.invalidDatastorePath' }));
  });
});

describe('VMDK descriptors', () => {
  const flat = ['# Disk DescriptorFile', 'version=1', 'CID=fffffffe', 'parentCID=ffffffff', 'createType="vmfs"', '', '# Extent description', 'RW 41943040 VMFS "web01-flat.vmdk"', '', '# The Disk Data Base', '#DDB', 'ddb.adapterType = "lsilogic"', 'ddb.thinProvisioned = "1"', ''].join('\n');

  it('reads size, adapter and thin flag', () => {
    expect(parseVmdkDescriptor(flat)).toMatchObject({ createType: 'vmfs', sizeBytes: 41943040 * 512, adapterType: 'lsilogic', thinProvisioned: true, rdm: null, ghettoVcbSectors: 41943040, extents: [{ access: 'RW', sectors: 41943040, type: 'VMFS', file: 'web01-flat.vmdk', offset: null }] });
  });

  it('spots physical RDMs and SEsparse deltas ghettoVCB sizes as 0', () => {
    expect(parseVmdkDescriptor('createType="vmfsPassthroughRawDeviceMap"\nRW 2097152 VMFSRDM "web01_1-rdmp.vmdk"\n').rdm).toBe('physical');
    expect(parseVmdkDescriptor('createType="vmfsRawDeviceMap"\nRW 2097152 VMFSRDM "x-rdm.vmdk"\n').rdm).toBe('virtual');
    const se = parseVmdkDescriptor('createType="seSparse"\nparentFileNameHint="web01.vmdk"\nRW 41943040 SESPARSE "web01-000001-sesparse.vmdk"\n');
    expect(se).toMatchObject({ ghettoVcbSectors: null, parentFileNameHint: 'web01.vmdk', sizeBytes: 41943040 * 512 });
  });

  it('refuses a file that is no descriptor', () => {
    expect(() => parseVmdkDescriptor('\u0000\u0001KDMV binary', 'x.vmdk')).toThrowError(expect.objectContaining({ code: 'esxi.unexpectedOutput' }));
  });
});
