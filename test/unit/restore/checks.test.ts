import { describe, expect, it } from 'vitest';
import type { HostVersion } from '../../../shared/model/host.ts';
import type { RestoreCheck, RestoreCopy } from '../../../shared/model/restore.ts';
import { restoreChecks, worst, type CheckFacts } from '../../../electron/core/restore/checks.ts';
import { copyContents } from '../../../electron/core/restore/copy-contents.ts';

const GiB = 1024 ** 3;
const vmx = (extra: string[] = []) =>
  [
    'virtualHW.version = "19"',
    'displayName = "web01"',
    'firmware = "efi"',
    'nvram = "web01.nvram"',
    'scsi0.virtualDev = "pvscsi"',
    'scsi0:0.present = "TRUE"',
    'scsi0:0.deviceType = "scsi-hardDisk"',
    'scsi0:0.fileName = "web01.vmdk"',
    'scsi0:1.present = "TRUE"',
    'scsi0:1.deviceType = "scsi-hardDisk"',
    'scsi0:1.mode = "independent-persistent"',
    'scsi0:1.fileName = "web01_1.vmdk"',
    'ethernet0.present = "TRUE"',
    'ethernet0.networkName = "VM Network"',
    'ethernet1.present = "TRUE"',
    'ethernet1.networkName = "DMZ"',
    ...extra,
  ].join('\n');
const esxi = (version: string, update: number): HostVersion => ({ product: 'VMware ESXi', version, build: null, update, patch: null });
const copy: RestoreCopy = { vm: 'web01', folder: 'web01-2025-11-02_01-00-01', path: '/vmfs/volumes/backup/web01/web01-2025-11-02_01-00-01', takenAt: 0, ageMs: 0, sizeBytes: 0, status: 'ok', statusText: null, compressed: false, overrideNeeded: null };

function facts(patch: Partial<CheckFacts> = {}, target: Partial<CheckFacts['target']> = {}, names = ['web01.vmx', 'web01.nvram', 'web01.vmdk', 'web01-flat.vmdk', 'STATUS.ok'], text = vmx()): CheckFacts {
  return {
    copy,
    allowBadCopy: false,
    contents: copyContents(copy.path, names, text),
    missingSizes: new Map([['scsi0:1', 100 * GiB]]),
    disks: [{ key: 'scsi0:0', source: 's', target: 't', provisionedBytes: 60 * GiB, usedBytes: 2 * GiB }],
    name: 'web01-restored',
    format: 'thin',
    target: { host: 'esxi-07', version: esxi('8.0.3', 3), datastores: [{ name: 'datastore1', url: '', type: 'VMFS', capacity: 1000 * GiB, freeSpace: 500 * GiB, accessible: true }], datastore: 'datastore1', registeredNames: ['web01'], folderExists: false, portGroups: ['VM Network', 'Management Network'], ...target },
    copyOnTarget: copy.path,
    access: { temporary: null, error: null },
    method: { chosen: 'native', script: null, why: 'noScript' },
    ...patch,
  };
}
const of = (checks: RestoreCheck[], id: RestoreCheck['check']) => checks.filter((c) => c.check === id).map((c) => [c.verdict, c.code]);

describe('restore checks', () => {
  it('a good copy onto a host that lacks one port group and the independent disk the copy never had: warnings, no block', () => {
    const checks = restoreChecks(facts());
    expect(worst(checks)).toBe('warn');
    expect(checks.filter((c) => c.verdict !== 'go').map((c) => [c.check, c.code, c.params])).toEqual([
      ['network', 'restore.check.network.disconnected', { nics: 'ethernet1 (DMZ)', host: 'esxi-07' }],
      ['independent', 'restore.check.independent.lacking', { disks: 'scsi0:1 web01_1.vmdk (100 GiB)' }],
    ]);
    expect(of(checks, 'hardware')).toEqual([['go', 'restore.check.hardware.ok']]);
    expect(of(checks, 'nvram')).toEqual([['go', 'restore.check.nvram.uefi']]);
  });

  it('a name registered and a folder present are both checked, and both block', () => {
    const checks = restoreChecks(facts({ name: 'web01' }, { folderExists: true }));
    expect(of(checks, 'name')).toEqual([['block', 'restore.check.name.registered']]);
    expect(of(checks, 'folder')).toEqual([['block', 'restore.check.folder.exists']]);
  });

  it('space: thick against the provisioned size, thin against what the copy holds', () => {
    const small = { datastores: [{ name: 'datastore1', url: '', type: 'VMFS', capacity: 100 * GiB, freeSpace: 10 * GiB, accessible: true }] };
    expect(of(restoreChecks(facts({}, small)), 'space')).toEqual([['warn', 'restore.check.space.thinOnly']]);
    expect(of(restoreChecks(facts({ format: 'zeroedthick' }, small)), 'space')).toEqual([['block', 'restore.check.space.short']]);
    expect(of(restoreChecks(facts({}, { datastore: 'nessuno' })), 'datastore')).toEqual([['block', 'restore.check.datastore.missing']]);
  });

  it('virtual hardware 19 on ESXi 7.0 U1 (18 at most), NVMe on 6.0, a UEFI copy without nvram, a target without the share', () => {
    const checks = restoreChecks(facts({ copyOnTarget: null }, { version: esxi('7.0.1', 1) }, ['web01.vmx', 'web01.vmdk', 'web01-flat.vmdk']));
    expect(of(checks, 'hardware')).toEqual([['block', 'restore.check.hardware.tooNew']]);
    expect(of(checks, 'nvram')).toEqual([['warn', 'restore.check.nvram.missingUefi']]);
    expect(of(checks, 'share')).toEqual([['block', 'restore.check.share.crossHost']]);
    // Read through a temporary access for the restore: a warning that names it; why none could be planned: its error.
    const temporary = restoreChecks(facts({ copyOnTarget: '/vmfs/volumes/custode-restore-1/web01/x', access: { temporary: { datastore: 'custode-restore-1', nas: 'truenas' }, error: null } }));
    expect(of(temporary, 'share')).toEqual([['warn', 'restore.check.share.temporary']]);
    const refused = restoreChecks(facts({ copyOnTarget: null, access: { temporary: null, error: { code: 'restore.access.shareDisabled', details: { share: '/mnt/tank/b', nas: 'truenas' } } } }));
    expect(refused.filter((c) => c.check === 'share')).toEqual([{ check: 'share', verdict: 'block', code: 'error.restore.access.shareDisabled', params: { share: '/mnt/tank/b', nas: 'truenas' } }]);
    const nvme = vmx(['nvme0.present = "TRUE"', 'nvme0:0.present = "TRUE"', 'nvme0:0.fileName = "web01_2.vmdk"']);
    const old = restoreChecks(facts({}, { version: esxi('6.0.0', 0) }, ['web01.vmx', 'web01.nvram', 'web01.vmdk', 'web01_2.vmdk'], nvme));
    expect(of(old, 'controllers')).toEqual([['block', 'restore.check.controllers.unsupported']]);
    expect(old.find((c) => c.check === 'controllers')!.params['controllers']).toBe('nvme0 (nvme)');
  });

  it('a partial copy blocks unless the override is given, which turns it into a warning', () => {
    const partial = { ...copy, status: 'warn' as const, statusText: 'WARN: web01 has some Independent VMDKs that can not be backed up' };
    expect(of(restoreChecks(facts({ copy: partial })), 'copy')).toEqual([['block', 'restore.check.copy.warn']]);
    expect(of(restoreChecks(facts({ copy: partial, allowBadCopy: true })), 'copy')).toEqual([['warn', 'restore.check.copy.warnAllowed']]);
  });
});
