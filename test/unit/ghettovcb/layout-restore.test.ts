import { describe, expect, it } from 'vitest';
import { backupCopies, type VolumeEntry } from '../../../electron/core/ghettovcb/layout/copies.ts';
import { previewRotation } from '../../../electron/core/ghettovcb/layout/rotation.ts';
import { planRestore } from '../../../electron/core/ghettovcb/restore/line.ts';
import { checkVmName, formatVmList, parseVmList } from '../../../electron/core/ghettovcb/vmlist.ts';
import { esxiVersionFromVmwareV, releasesAccepting, releasesForScriptVersion } from '../../../electron/core/ghettovcb/versions.ts';

const day = (d: number) => Date.UTC(2025, 10, d, 1, 0, 0);
function copy(vm: string, ts: string, mtime: number, marker: string | null, extra: VolumeEntry[] = []): VolumeEntry[] {
  const dir = `${vm}/${vm}-${ts}`;
  return [
    { path: dir, type: 'dir', size: 4096, mtimeMs: mtime },
    { path: `${dir}/${vm}.vmx`, type: 'file', size: 3000, mtimeMs: mtime },
    { path: `${dir}/${vm}-flat.vmdk`, type: 'file', size: 10_000, mtimeMs: mtime },
    ...(marker ? [{ path: `${dir}/STATUS.${marker}`, type: 'file' as const, size: 30, mtimeMs: mtime, content: `${marker} text\n` }] : []),
    ...extra,
  ];
}

describe('backup layout', () => {
  const listing: VolumeEntry[] = [
    { path: 'app01', type: 'dir', size: 0, mtimeMs: day(5) },
    ...copy('app01', '2025-11-01_01-00-01', day(1), 'ok'),
    ...copy('app01', '2025-11-02_01-00-01', day(2), 'error'),
    ...copy('app01', '2025-11-03_01-00-01', day(3), 'error'),
    ...copy('app01', '2025-11-04_01-00-01', day(4), null),
    { path: 'app01/app01-symlink', type: 'link', size: 0, mtimeMs: day(4) },
    { path: 'web 01/web 01-2025-11-04_01-00-01.gz', type: 'file', size: 5000, mtimeMs: day(4) },
    ...copy('web 01', '2025-11-03_01-00-01', day(3), 'warn', [
      { path: 'web 01/web 01-2025-11-03_01-00-01/5f1e-uuid/disk2.vmdk', type: 'file', size: 7, mtimeMs: day(3) },
    ]),
  ];

  it('lists copies per VM, newest mtime first, with status, size and files', () => {
    const vms = backupCopies(listing);
    expect(vms.map((v) => v.vm)).toEqual(['app01', 'web 01']);
    const app = vms[0];
    expect(app?.copies.map((c) => [c.timestamp, c.status, c.statusSource])).toEqual([
      ['2025-11-04_01-00-01', 'unknown', 'noMarker'],
      ['2025-11-03_01-00-01', 'error', 'marker'],
      ['2025-11-02_01-00-01', 'error', 'marker'],
      ['2025-11-01_01-00-01', 'ok', 'marker'],
    ]);
    expect(app?.copies[3]).toMatchObject({ sizeBytes: 13_030, statusText: 'ok text', files: ['STATUS.ok', 'app01-flat.vmdk', 'app01.vmx'] });
    expect(app?.other).toEqual(['app01-symlink']);
    const web = vms[1];
    expect(web?.copies.map((c) => [c.compressed, c.status, c.statusSource])).toEqual([
      [true, 'unknown', 'compressed'],
      [false, 'warn', 'marker'],
    ]);
    expect(web?.copies[1]?.files).toContain('5f1e-uuid/disk2.vmdk');
  });

  it('previews rotation by mtime, counting failed copies, and warns when the last good copy goes', () => {
    const app = backupCopies(listing)[0];
    if (!app) throw new Error('no app01');
    const preview = previewRotation(app, 3);
    expect(preview.kept.map((c) => c.timestamp)).toEqual(['2025-11-04_01-00-01', '2025-11-03_01-00-01']);
    expect(preview.deleted.map((c) => c.timestamp)).toEqual(['2025-11-02_01-00-01', '2025-11-01_01-00-01']);
    expect(preview.issues.map((i) => i.code)).toEqual(['ghettovcb.rotation.deletesLastGood']);
    expect(previewRotation(app, 0)).toMatchObject({ deletesNewCopy: true, kept: [] });
    expect(previewRotation(app, 10).deleted).toEqual([]);
  });

  it('handles index mode (VM_BACKUP_DIR_NAMING_CONVENTION=0)', () => {
    const vms = backupCopies([0, 1, 2].map((i) => ({ path: `db/db-${i}.gz`, type: 'file' as const, size: 1, mtimeMs: day(9 - i) })));
    expect(previewRotation(vms[0]!, 2).deleted.map((c) => c.index)).toEqual([1, 2]);
  });
});

describe('restore line', () => {
  const request = {
    copyPath: '/vmfs/volumes/VM_backup_10.0.0.8/web01/web01-2025-11-02_21-00-01/',
    copyStatus: 'ok' as const,
    targetDatastore: '/vmfs/volumes/datastore1/',
    diskFormat: 'thin' as const,
    newName: 'web01-restored',
  };

  it('writes the line with no trailing slash and an explicit name', () => {
    expect(planRestore(request)).toMatchObject({
      line: '"/vmfs/volumes/VM_backup_10.0.0.8/web01/web01-2025-11-02_21-00-01;/vmfs/volumes/datastore1;3;web01-restored"',
      targetFolder: '/vmfs/volumes/datastore1/web01-restored',
      refusals: [],
      warnings: [],
    });
  });

  it('refuses what ghettoVCB-restore.sh would get wrong', () => {
    const refused = (over: Partial<Parameters<typeof planRestore>[0]>) => planRestore({ ...request, ...over }).refusals.map((i) => i.code.replace('ghettovcb.restore.', ''));
    expect(refused({ newName: '' })).toEqual(['nameRequired']);
    expect(refused({ newName: 'a;b' })).toEqual(['unsafeCharacters']);
    expect(refused({ newName: 'a/b' })).toEqual(['nameSlash']);
    expect(refused({ targetDatastore: '/tmp' })).toEqual(['datastoreNotVmfs']);
    expect(refused({ copyStatus: 'error' })).toEqual(['copyFailed']);
    expect(refused({ facts: { existingFolders: ['web01-restored'], registeredVmNames: ['web01-restored'] } })).toEqual(['folderExists', 'vmRegistered']);
    expect(refused({ facts: { hasNvmeDisks: true, copySizeBytes: 10, targetFreeBytes: 5, vmHardwareVersion: 21, hostMaxHardwareVersion: 19 } })).toEqual([
      'nvmeDisks',
      'noSpace',
      'hardwareTooNew',
    ]);
    expect(planRestore({ ...request, newName: 'x' , copyStatus: 'error' }).line).toBeNull();
  });

  it('warns about formats, compressed and unmarked copies', () => {
    const warned = planRestore({ ...request, copyPath: '/vmfs/volumes/b/web01/web01-2025-11-02_01-00-01.gz', copyStatus: 'unknown', diskFormat: 'eagerzeroedthick', newName: 'web (2)' });
    expect(warned.line).toBe('"/vmfs/volumes/b/web01/web01-2025-11-02_01-00-01.gz;/vmfs/volumes/datastore1;4;web (2)"');
    expect(warned.warnings.map((i) => i.code.replace('ghettovcb.restore.', ''))).toEqual(['nameBreaksBackup', 'copyUnverified', 'eagerBecomesZeroed', 'compressedExtracts']);
  });
});

describe('VM lists', () => {
  it('reads -f lists like ghettoVCB and flags names its lookup breaks on', () => {
    const { entries, issues } = parseVmList('# office\nsegreteria-dc\n  web 01  \n\napp (2)\r\nsegreteria-dc\nweb.01\na   b\n', 'list');
    expect(entries.map((e) => e.name)).toEqual(['segreteria-dc', 'web 01', 'app (2)', 'segreteria-dc', 'web.01', 'a   b']);
    expect(issues.map((i) => `${i.line}:${i.code.replace('ghettovcb.vmlist.', '')}`)).toEqual([
      '5:crlf',
      '5:regexCharacters',
      '6:duplicate',
      '7:dotInName',
      '8:tripleSpace',
    ]);
  });

  it('wants exact lines in exclusion files', () => {
    expect(parseVmList('web01 \n', 'exclusion').issues.map((i) => i.code)).toEqual(['ghettovcb.vmlist.exclusionWhitespace']);
  });

  it('writes LF lists and refuses names that cannot be a line', () => {
    expect(formatVmList(['a', 'b c'])).toBe('a\nb c\n');
    expect(() => formatVmList(['a\r'])).toThrow();
    expect(checkVmName('plain-name_1')).toEqual([]);
  });
});

describe('ESXi whitelist', () => {
  it('knows which release accepts which ESXi version', () => {
    expect(esxiVersionFromVmwareV('VMware ESXi 8.0.3 build-24022510')).toBe('8.0.3');
    expect(releasesAccepting('8.0.3')).toEqual(['2025_10_30']);
    expect(releasesAccepting('7.0.3')).toEqual(['2021_10_20', '2023_04_22', '2023_09_29', '2025_10_30']);
    expect(releasesAccepting('9.0.2')).toEqual([]);
    expect(releasesForScriptVersion('2021_07_09_1').map((r) => r.tag)).toEqual(['2021_07_09', '2021_10_20']);
  });
});
