import { describe, expect, it } from 'vitest';
import { diskCheck, judgeVm, rotationCheck, type CopyFile } from '../../../electron/core/backup/verify-copy.ts';
import type { BackupCopy } from '../../../electron/core/ghettovcb/layout/copies.ts';

// 209715200 sectors of 512 bytes: a 100 GiB disk.
const SECTORS = 209_715_200;
const BYTES = SECTORS * 512;
const descriptor = (sectors: number, file = 'web01-flat.vmdk', type = 'VMFS'): string =>
  `# Disk DescriptorFile\nversion=1\ncreateType="vmfs"\n\n# Extent description\nRW ${sectors} ${type} "${file}"\n\nddb.thinProvisioned = "1"\n`;
const SOURCE = '/vmfs/volumes/datastore1/web01/web01.vmdk';
const whole: CopyFile[] = [{ path: 'web01.vmdk', size: 500 }, { path: 'web01-flat.vmdk', size: BYTES }, { path: 'STATUS.ok', size: 30 }];
const evidence = { source: SOURCE, sourceText: descriptor(SECTORS), copyPath: 'web01.vmdk', copyText: descriptor(SECTORS) };

const copy = (over: Partial<BackupCopy> = {}): BackupCopy => ({
  vm: 'web01',
  name: 'web01-2026-12-07_04-30-00',
  path: 'web01/web01-2026-12-07_04-30-00',
  timestamp: '2026-12-07_04-30-00',
  index: null,
  compressed: false,
  status: 'ok',
  statusSource: 'marker',
  statusText: 'Successfully completed backup',
  sizeBytes: BYTES + 530,
  files: whole.map((f) => f.path),
  mtimeMs: 0,
  ...over,
});

describe('judging a copy on the share', () => {
  it('a disk copied whole has its source’s size and every extent file at full length', () => {
    expect(diskCheck(evidence, whole)).toEqual({ disk: { source: SOURCE, sourceBytes: BYTES, copyBytes: BYTES, fileBytes: BYTES }, problems: [] });
  });

  it('finds a cut extent, a missing descriptor, another size, an unreadable source', () => {
    const cut = diskCheck(evidence, [whole[0]!, { path: 'web01-flat.vmdk', size: BYTES / 2 }]);
    expect(cut.problems).toEqual([expect.objectContaining({ verdict: 'block', code: 'backup.verify.disks.truncated', params: { disk: 'web01.vmdk', file: 'web01-flat.vmdk', expected: BYTES, actual: BYTES / 2, expectedSize: '100 GiB', actualSize: '50 GiB' } })]);
    expect(diskCheck({ ...evidence, copyPath: null, copyText: null }, []).problems.map((p) => p.code)).toEqual(['backup.verify.disks.missing']);
    const smaller = diskCheck({ ...evidence, copyText: descriptor(SECTORS / 2) }, [whole[0]!, { path: 'web01-flat.vmdk', size: BYTES / 2 }]);
    expect(smaller.problems.map((p) => p.code)).toEqual(['backup.verify.disks.sizeMismatch']);
    const blind = diskCheck({ ...evidence, sourceText: null }, whole);
    expect(blind.problems).toEqual([expect.objectContaining({ verdict: 'warn', code: 'backup.verify.disks.sourceUnreadable' })]);
  });

  it('counts the copies on disk against the rotation', () => {
    expect(rotationCheck(3, 3)).toMatchObject({ verdict: 'go', code: 'backup.verify.rotation.ok' });
    expect(rotationCheck(4, 3)).toMatchObject({ verdict: 'warn', code: 'backup.verify.rotation.over', params: { count: 4, rotation: 3 } });
    expect(rotationCheck(2, null)).toMatchObject({ verdict: 'warn', code: 'backup.verify.rotation.unknown' });
  });

  it('verifies a whole copy with STATUS.ok or STATUS.warn; fails one with STATUS.error, no STATUS, compressed or missing', () => {
    const vm = { vm: 'web01', vmDir: '/vmfs/volumes/nas/web01', copiesOnDisk: 4, rotation: 3, disks: [evidence], files: whole };
    const ok = judgeVm({ ...vm, copy: copy() });
    expect(ok).toMatchObject({ verdict: 'verified', status: 'ok', copy: '/vmfs/volumes/nas/web01/web01-2026-12-07_04-30-00', copiesOnDisk: 4, rotation: 3 });
    // Rotation left a fourth copy: reported, the new copy stays good.
    expect(ok.checks.filter((c) => c.verdict !== 'go').map((c) => c.code)).toEqual(['backup.verify.rotation.over']);
    expect(judgeVm({ ...vm, copy: copy({ status: 'warn', statusText: 'WARN: web01 has some Independent VMDKs that can not be backed up' }) }).verdict).toBe('verified');
    expect(judgeVm({ ...vm, copy: copy({ status: 'error' }) }).verdict).toBe('failed');
    expect(judgeVm({ ...vm, copy: copy({ status: 'unknown', statusSource: 'noMarker', statusText: null }) })).toMatchObject({ verdict: 'failed', status: null });
    expect(judgeVm({ ...vm, copy: copy({ compressed: true, statusSource: 'compressed', name: 'web01-2026-12-07_04-30-00.gz' }) }).checks).toContainEqual(expect.objectContaining({ code: 'backup.verify.status.compressed', verdict: 'block' }));
    expect(judgeVm({ ...vm, copy: null }).checks).toContainEqual(expect.objectContaining({ code: 'backup.verify.folder.missing', params: { dir: '/vmfs/volumes/nas/web01' } }));
  });
});
