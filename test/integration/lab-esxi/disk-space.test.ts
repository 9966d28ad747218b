// School-sized disks and the space the lab accounts for them: provisioned sizes live in sparse files, a thin copy on
// the share costs its data, a thick copy counts at its provisioned size without being written, and the NAS, esxcli
// and vmkfstools all follow those accounted bytes (never this machine's free disk).
import { readFileSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMethod } from '../../lab/nas/methods.ts';
import { updateNasState } from '../../lab/nas/state.ts';
import { shareDataset } from '../../lab/topology.ts';
import { esxi, makeLab, shareDir, type TestLab } from './helpers.ts';

const IP = '10.0.0.8';
const GIB = 1024 ** 3;
const DATASET = shareDataset(IP);
const SHARE = '/vmfs/volumes/VM_backup_10.0.0.8';
const SRC = '/vmfs/volumes/datastore1/scuola-files/scuola-files.vmdk';
let lab: TestLab;
let h: string;

beforeAll(async () => {
  lab = await makeLab([
    {
      hostname: 'esxi-08',
      ip: IP,
      vms: [
        { name: 'scuola-files', disks: [{ sizeMB: 500 * 1024 }] },
        { name: 'scuola-dc', disks: [{ sizeMB: 120 * 1024 }] },
      ],
    },
  ]);
  h = lab.hostFs(IP);
});
afterAll(() => lab.cleanup());

const vmkfstools = (...a: string[]): ReturnType<typeof esxi> => esxi(h, 'sbin/vmkfstools', a);

function dataset(): { used: number; available: number } {
  const d = callMethod(lab.nasState, 'pool.dataset.query', [[['id', '=', DATASET]], { get: true }]) as Record<string, { parsed: number }>;
  return { used: d['used']!.parsed, available: d['available']!.parsed };
}

/** Size and Free of the share's row in `esxcli storage filesystem list`. */
function esxcliShare(): { size: number; free: number } {
  const r = esxi(h, 'bin/esxcli', ['storage', 'filesystem', 'list']);
  const row = r.stdout.split('\n').find((l) => l.includes(' VM_backup_10.0.0.8 '));
  const m = /(\d+)\s+(\d+)\s*$/.exec(row ?? '');
  if (m === null) throw new Error(`no share row in:\n${r.stdout}`);
  return { size: Number(m[1]), free: Number(m[2]) };
}

function allocated(path: string): number {
  return statSync(path).blocks * 512;
}

describe('school-sized sparse disks', () => {
  it('provisions a 500 GB disk as a sparse flat file whose descriptor extent matches, holding a little real data', () => {
    const flat = join(h, 'vmfs/volumes/datastore1/scuola-files/scuola-files-flat.vmdk');
    expect(statSync(flat).size).toBe(500 * GIB);
    const data = allocated(flat);
    expect(data).toBeGreaterThanOrEqual(128 * 1024);
    expect(data).toBeLessThan(1024 * 1024);
    const descriptor = readFileSync(join(h, 'vmfs/volumes/datastore1/scuola-files/scuola-files.vmdk'), 'utf8');
    expect(descriptor).toMatch(/^RW 1048576000 VMFS "scuola-files-flat.vmdk"$/m);
    expect(descriptor).toContain('ddb.thinProvisioned = "1"');
  });

  it('copies thin sparse-aware: the copy on the share is the data written, and the NAS accounts that much', () => {
    const before = dataset();
    const r = vmkfstools('-i', SRC, '-d', 'thin', `${SHARE}/thin.vmdk`);
    expect(r.stdout.endsWith('\rClone: 100% done.\n')).toBe(true);
    const copy = join(shareDir(lab, IP), 'thin-flat.vmdk');
    expect(statSync(copy).size).toBe(500 * GIB);
    expect(allocated(copy)).toBeLessThan(1024 * 1024);
    const after = dataset();
    expect(after.used - before.used).toBeLessThan(2 * 1024 * 1024);
    expect(after.used - before.used).toBeGreaterThanOrEqual(allocated(copy));
  });

  it('accounts a zeroedthick copy at its provisioned size without writing it, everywhere the share is reported', () => {
    const before = dataset();
    const esxBefore = esxcliShare();
    const realBefore = statfsSync(lab.dir).bavail * statfsSync(lab.dir).bsize;
    const r = vmkfstools('-i', '/vmfs/volumes/datastore1/scuola-dc/scuola-dc.vmdk', '-d', 'zeroedthick', `${SHARE}/thick.vmdk`);
    expect(r.stdout).toContain('Destination disk format: VMFS zeroedthick\n');
    expect(r.stdout.endsWith('\rClone: 100% done.\n')).toBe(true);
    expect(allocated(join(shareDir(lab, IP), 'thick-flat.vmdk'))).toBeLessThan(1024 * 1024);
    // The machine's disk lost at most a few MB (other tests share it), the share 120 GiB.
    expect(realBefore - statfsSync(lab.dir).bavail * statfsSync(lab.dir).bsize).toBeLessThan(64 * 1024 * 1024);
    const after = dataset();
    expect(after.used - before.used).toBeGreaterThanOrEqual(120 * GIB);
    expect(after.used - before.used).toBeLessThan(120 * GIB + 2 * 1024 * 1024);
    expect(before.available - after.available).toBe(after.used - before.used);
    const esxAfter = esxcliShare();
    expect(esxBefore.free - esxAfter.free).toBe(before.available - after.available);
    expect(esxAfter.size - esxAfter.free).toBeGreaterThanOrEqual(120 * GIB);
    const statfs = callMethod(lab.nasState, 'filesystem.statfs', [`/mnt/${DATASET}`]) as Record<string, number>;
    expect(statfs['avail_bytes']).toBeLessThanOrEqual(after.available);
    expect(after.available - statfs['avail_bytes']!).toBeLessThan(statfs['blocksize']!);
    // Deleting the copy gives the 120 GiB back.
    expect(vmkfstools('-U', `${SHARE}/thick.vmdk`).code).toBe(0);
    expect(dataset().used).toBe(before.used);
  });

  it('reports the pool capacity the topology gives it, not this machine free disk', () => {
    const pool = callMethod(lab.nasState, 'pool.dataset.query', [[['id', '=', 'UniventionBackup']], { get: true }]) as Record<string, { parsed: number }>;
    expect(pool['used']!.parsed + pool['available']!.parsed).toBe(10 * 1024 * GIB);
  });

  it('holds a dataset to its quota by the accounted bytes: a thick copy that does not fit fails at 0 %, a thin one fits', () => {
    const used = dataset().used;
    updateNasState(lab.nasState, (s) => {
      s.datasets.find((d) => d.name === DATASET)!.quota = used + 100 * GIB;
    });
    try {
      expect(dataset().available).toBe(100 * GIB);
      const thick = vmkfstools('-i', '/vmfs/volumes/datastore1/scuola-dc/scuola-dc.vmdk', '-d', 'eagerzeroedthick', `${SHARE}/big.vmdk`);
      expect(thick.code).toBe(1);
      expect(thick.stdout).toMatch(/\rClone: 0% done\.Failed to clone disk: There is not enough space on the file system for the selected operation \(13\)\.\n$/);
      const create = vmkfstools('-c', '200G', `${SHARE}/new.vmdk`);
      expect(create.stdout).toBe('Failed to create virtual disk: There is not enough space on the file system for the selected operation (13).\n');
      expect(vmkfstools('-c', '200G', '-d', 'thin', `${SHARE}/new.vmdk`).code).toBe(0);
      expect(vmkfstools('-i', SRC, '-d', 'thin', `${SHARE}/thin2.vmdk`).code).toBe(0);
      expect(dataset().available).toBeGreaterThan(99 * GIB);
    } finally {
      updateNasState(lab.nasState, (s) => {
        s.datasets.find((d) => d.name === DATASET)!.quota = 0;
      });
    }
  });

  it('fills the local datastore (450 GB here) by what its files are accounted at', () => {
    const ds = (): number => Number(/(\d+)\s*$/.exec(esxi(h, 'bin/esxcli', ['storage', 'filesystem', 'list']).stdout.split('\n').find((l) => l.includes(' datastore1 '))!)![1]);
    const before = ds();
    expect(before).toBeGreaterThan(400 * GIB);
    expect(vmkfstools('-i', '/vmfs/volumes/datastore1/scuola-dc/scuola-dc.vmdk', '-d', 'zeroedthick', '/vmfs/volumes/datastore1/scuola-dc/restore.vmdk').code).toBe(0);
    expect(before - ds()).toBeGreaterThanOrEqual(120 * GIB);
    const tooBig = vmkfstools('-i', SRC, '-d', 'zeroedthick', '/vmfs/volumes/datastore1/scuola-files/restore.vmdk');
    expect(tooBig.stdout).toContain('Failed to clone disk: There is not enough space on the file system for the selected operation (13).');
    expect(vmkfstools('-i', SRC, '-d', 'thin', '/vmfs/volumes/datastore1/scuola-files/restore.vmdk').code).toBe(0);
    expect(vmkfstools('-U', '/vmfs/volumes/datastore1/scuola-dc/restore.vmdk').code).toBe(0);
    expect(vmkfstools('-U', '/vmfs/volumes/datastore1/scuola-files/restore.vmdk').code).toBe(0);
    expect(ds()).toBe(before);
  });
});
