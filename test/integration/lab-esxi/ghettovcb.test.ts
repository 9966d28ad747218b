// The ghettoVCB stand-in on a provisioned host, run inside a private mount namespace (the host's view of /vmfs,
// /tmp, /bin/vim-cmd…): logs, STATUS files, rotation on a shifted clock, lock, refusals, read-only share, history.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setEsxiVersion, staleLock } from '../../lab/esxi/faults.ts';
import { seedHistory } from '../../lab/esxi/provision.ts';
import { seedVmSpecs } from '../../lab/esxi/seed.ts';
import { bytes, editShare, inHost, makeLab, namespaceSupport, shareDir, type TestLab } from './helpers.ts';

const why = namespaceSupport();
if (why) console.log(`lab-esxi ghettoVCB tests skipped: ${why}`);

const IP = '10.0.0.8';
const CONF = '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf';
const SCRIPT = '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh';
const DAY = 86400;
const T0 = Date.UTC(2026, 0, 10, 4, 30, 0) / 1000;
let lab: TestLab;
let h: string;
let share: string;

beforeAll(async () => {
  if (why) return;
  const vms = [...seedVmSpecs(1), { name: 'split-disks', disks: [{ sizeMB: 64 }, { sizeMB: 64, datastore: 'datastore2' }] }];
  lab = await makeLab([{ hostname: 'esxi-08', ip: IP, vms }]);
  h = lab.hostFs(IP);
  share = shareDir(lab, IP);
});
afterAll(() => lab?.cleanup());

const at = (t: number): Record<string, string> => ({ LAB_NOW: String(t) });

describe.skipIf(why !== null)('ghettoVCB stand-in', () => {
  it('backs up every VM the way the site runs it (-a -g, log on the share) and exits 5', async () => {
    const r = await inHost(h, `${SCRIPT} -a -g ${CONF} > /vmfs/volumes/VM_backup_${IP}/ghettoVCB-${T0}.log 2>/tmp/err; echo $?`, at(T0));
    expect(r.stdout.trim()).toBe('5');
    const log = readFileSync(join(share, `ghettoVCB-${T0}.log`), 'utf8');
    expect(log).toMatch(/^Logging output to "\/tmp\/ghettoVCB-2026-01-10_04-30-00-\d+\.log" \.\.\.\n/);
    expect(log).toMatch(/\n2026-01-10 04:30:0\d -- info: ============================== ghettoVCB LOG START ==============================\n\n/);
    expect(log).toContain('-- info: CONFIG - VM_BACKUP_VOLUME = /vmfs/volumes/VM_backup_10.0.0.8\n');
    expect(log).toContain('-- info: CONFIG - VM_BACKUP_DIR_NAMING_CONVENTION = 2026-01-10_04-30-00\n');
    expect(log).toContain('-- info: Creating Snapshot "ghettoVCB-snapshot-2026-01-10" for segreteria-dc\n');
    expect(log).toContain('-- info: Successfully completed backup for segreteria-dc!\n\n');
    expect(log).toContain('-- info: Snapshot found for moodle-didattica, backup will not take place\n\n');
    expect(log).toContain('-- info: WARN: fileserver has some Independent VMDKs that can not be backed up!\n\n');
    expect(log).toContain("-- info: ERROR: failed to locate and extract VM_ID for prova'; $(id) & *!\n\n");
    expect(log).toMatch(/-- info: Backup Duration: \d+ Seconds\n/);
    expect(log).toContain('-- info: ###### Final status: ERROR: Only some of the VMs backed up, and some disk(s) failed! ######\n\n');
    expect(log.endsWith('-- info: ============================== ghettoVCB LOG END ================================\n\n')).toBe(true);
    // The real log file went to the host's own /tmp; it gets each disk's vmkfstools output once the disk is done
    // (stdout only shows it through `tail -f`, which a clone this fast can beat).
    const real = readdirSync(join(h, 'tmp')).find((f) => f.startsWith('ghettoVCB-2026-01-10_04-30-00-'));
    const realLog = readFileSync(join(h, 'tmp', real!), 'utf8');
    expect(realLog).toContain("Cloning disk '/vmfs/volumes/datastore1/segreteria-dc/segreteria-dc_1.vmdk'...\n\rClone: 0% done.");
    expect(realLog).toContain('\rClone: 100% done.\n\n');
    const stamped = (t: string): string[] => t.split('\n').filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d -- /.test(l));
    expect(stamped(realLog)).toEqual(stamped(log));
    expect(existsSync(join(h, 'tmp/ghettoVCB.work'))).toBe(false);
  });

  it('leaves STATUS files, the .vmx, the nvram and real disk copies in the dated folders', () => {
    const ts = '2026-01-10_04-30-00';
    const dc = join(share, 'segreteria-dc', `segreteria-dc-${ts}`);
    expect(readFileSync(join(dc, 'STATUS.ok'), 'utf8')).toBe('Successfully completed backup\n');
    expect(readdirSync(dc).sort()).toEqual(['STATUS.ok', 'segreteria-dc-flat.vmdk', 'segreteria-dc.nvram', 'segreteria-dc.vmdk', 'segreteria-dc.vmx', 'segreteria-dc_1-flat.vmdk', 'segreteria-dc_1.vmdk']);
    const src = join(h, 'vmfs/volumes/datastore1/segreteria-dc/segreteria-dc-flat.vmdk');
    expect(bytes(join(dc, 'segreteria-dc-flat.vmdk'), 0, 4096).equals(bytes(src, 0, 4096))).toBe(true);
    expect(statSync(join(dc, 'segreteria-dc-flat.vmdk')).size).toBe(statSync(src).size);
    const fs = join(share, 'fileserver', `fileserver-${ts}`);
    expect(readFileSync(join(fs, 'STATUS.warn'), 'utf8')).toBe('WARN: fileserver has some Independent VMDKs that can not be backed up\n');
    expect(existsSync(join(fs, 'fileserver_1.vmdk'))).toBe(false);
    expect(existsSync(join(share, 'moodle-didattica'))).toBe(false);
    expect(readFileSync(join(share, 'Protocollo Segreteria', `Protocollo Segreteria-${ts}`, 'STATUS.ok'), 'utf8')).toBe('Successfully completed backup\n');
    // a disk on another datastore goes into a subfolder named after that datastore's path component
    const split = join(share, 'split-disks', `split-disks-${ts}`);
    const other = readdirSync(split).find((f) => /^[0-9a-f]{8}-/.test(f));
    expect(other).toBeDefined();
    expect(readdirSync(join(split, other!))).toEqual(['split-disks_1-flat.vmdk', 'split-disks_1.vmdk']);
    // the ghettoVCB snapshot is gone again, the user's stays
    expect(readdirSync(join(h, 'vmfs/volumes/datastore1/segreteria-dc')).some((f) => f.includes('-0000'))).toBe(false);
    expect(readdirSync(join(h, 'vmfs/volumes/datastore1/moodle-didattica'))).toContain('moodle-didattica-000001-delta.vmdk');
  });

  it('keeps the newest 3 copies by mtime across nights on a shifted clock', async () => {
    for (let d = 1; d <= 4; d++) {
      const r = await inHost(h, `${SCRIPT} -m archivio-2019 -g ${CONF} > /dev/null 2>&1; echo $?`, at(T0 + d * DAY));
      expect(r.stdout.trim()).toBe('0');
    }
    const kept = readdirSync(join(share, 'archivio-2019')).sort();
    expect(kept).toEqual(['archivio-2019-2026-01-12_04-30-00', 'archivio-2019-2026-01-13_04-30-00', 'archivio-2019-2026-01-14_04-30-00']);
    const mtime = statSync(join(share, 'archivio-2019', kept[2]!)).mtimeMs / 1000;
    expect(mtime).toBeGreaterThanOrEqual(T0 + 4 * DAY);
    expect(mtime).toBeLessThan(T0 + 4 * DAY + 60);
  });

  it('logs debug lines and the flags with -d debug', async () => {
    const r = await inHost(h, `${SCRIPT} -m segreteria-dc -g ${CONF} -d debug -l /tmp/debug.log > /dev/null 2>&1; echo $?; cat /tmp/debug.log`, at(T0 + 10 * DAY));
    expect(r.stdout.startsWith('0\n')).toBe(true);
    expect(r.stdout).toContain('-- debug: Succesfully acquired lock directory - /tmp/ghettoVCB.work\n\n');
    expect(r.stdout).toContain('-- debug: HOST VERSION: VMware ESXi 8.0.3 build-24022510\n');
    expect(r.stdout).toContain('-- debug: SRC_DATASTORE_BLOCKSIZE: 1\n');
    expect(r.stdout).toContain('-- debug: DST_DATASTORE_BLOCKSIZE: NA\n');
    expect(r.stdout).toMatch(/-- debug: \/sbin\/vmkfstools -i "\/vmfs\/volumes\/datastore1\/segreteria-dc\/segreteria-dc\.vmdk" -a lsilogic -d thin "/);
    expect(r.stdout).toContain('-- debug: VM_OK:1, VM_FAILED:0, VMDK_FAILED:0\n');
    expect(r.stdout).toContain('-- info: ###### Final status: All VMs backed up OK! ######\n');
  });

  it('prints the dryrun block and, since the last VM is a dryrun one, OK', async () => {
    const r = await inHost(h, `${SCRIPT} -m fileserver -d dryrun -g ${CONF} -l /tmp/dry.log > /dev/null; echo $?; cat /tmp/dry.log`);
    expect(r.stdout.startsWith('0\n')).toBe(true);
    expect(r.stdout).toContain('-- dryrun: Virtual Machine: fileserver\n');
    expect(r.stdout).toContain('-- dryrun: VMX_PATH: /vmfs/volumes/datastore1/fileserver/fileserver.vmx\n');
    expect(r.stdout).toContain('-- dryrun: \tfileserver_1.vmdk\t4 GB\n');
    expect(r.stdout).toContain('-- dryrun: THIS VIRTUAL MACHINE WILL NOT HAVE ALL ITS VMDKS BACKED UP!\n');
    expect(r.stdout).toContain('-- info: ###### Final status: OK, only a dryrun. ######\n');
  });

  it('gives up on a stale lock with the documented lines and exit 1', async () => {
    staleLock(h);
    try {
      const r = await inHost(h, `${SCRIPT} -a -g ${CONF} -l /tmp/lock.log; echo "rc=$?"; cat /tmp/lock.log`, at(T0 + 20 * DAY));
      expect(r.stdout.replace(/04:30:0\d/g, '04:30:0X')).toBe(
        'rc=1\n' +
          '2026-01-30 04:30:0X -- info: Failed to acquire lock, another instance of script may be running, giving up on /tmp/ghettoVCB.work\n\n' +
          '2026-01-30 04:30:0X -- info: \n\n' +
          '2026-01-30 04:30:0X -- info: ============================== ghettoVCB LOG END ================================\n\n',
      );
      expect(r.stderr).toContain("mkdir: can't create directory '/tmp/ghettoVCB.work': File exists");
    } finally {
      rmSync(join(h, 'tmp/ghettoVCB.work'), { recursive: true, force: true });
    }
  });

  it('refuses an ESXi version outside the whitelist before LOG START', async () => {
    setEsxiVersion(h, '8.0.4');
    const r = await inHost(h, `${SCRIPT} -a -g ${CONF} -l /tmp/ver.log; echo "rc=$?"; cat /tmp/ver.log`);
    setEsxiVersion(h, '8.0.3');
    expect(r.stdout).toContain('ESX(i) version not supported!\nrc=1\n');
    expect(r.stdout).not.toContain('LOG START');
  });

  it('refuses bad input files and too many arguments', async () => {
    const r = await inHost(h, `${SCRIPT} -f /nope -l /tmp/in.log > /dev/null; echo "rc=$?"; cat /tmp/in.log`);
    expect(r.stdout).toMatch(/^rc=1\n.* -- info: ERROR: "\/nope" is not valid VM input file!\n$/);
    const many = await inHost(h, `${SCRIPT} -a -a -a -a -a -a -a -a -a -a -a -a -a; echo "rc=$?"`);
    expect(many.stdout).toMatch(/-- info: ERROR: Incorrect number of arguments!\nrc=1\n$/);
  });

  it('cannot write to a root-squashed share: a new VM folder fails at once, an existing one fails per disk', async () => {
    editShare(lab, IP, { maproot_user: null, maproot_group: null });
    rmSync(join(share, 'split-disks'), { recursive: true, force: true });
    try {
      const r = await inHost(h, `touch /vmfs/volumes/VM_backup_${IP}/probe 2>&1; ${SCRIPT} -m split-disks -g ${CONF} -l /tmp/ro.log > /dev/null 2>&1; echo "rc=$?"; cat /tmp/ro.log`);
      expect(r.stdout).toContain(`touch: /vmfs/volumes/VM_backup_${IP}/probe: Read-only file system`);
      expect(r.stdout).toContain(`-- info: Unable to create "/vmfs/volumes/VM_backup_${IP}/split-disks"! - Ensure VM_BACKUP_VOLUME was defined correctly\n`);
      expect(r.stdout).toContain('rc=1\n');
      expect(r.stdout).not.toContain('Final status');
      const old = await inHost(h, `${SCRIPT} -m segreteria-dc -g ${CONF} -l /tmp/ro2.log > /dev/null 2>&1; echo "rc=$?"; cat /tmp/ro2.log`);
      expect(old.stdout).toContain('rc=8\n');
      expect(old.stdout).toContain('-- info: ERROR: Unable to backup segreteria-dc due to error in VMDK backup!\n');
    } finally {
      editShare(lab, IP, { maproot_user: 'root', maproot_group: 'root' });
    }
  });
});

describe.skipIf(why !== null)('seedHistory', () => {
  it('leaves three nights of backups and stdout logs on the share', async () => {
    const fresh = await makeLab([{ hostname: 'esxi-02', ip: '10.0.0.2', vms: seedVmSpecs(0) }]);
    try {
      const host = fresh.hostFs('10.0.0.2');
      const runs = await seedHistory(host, { days: 3, nasStatePath: fresh.nasState });
      // exit 5 each night: moodle-didattica keeps its user snapshot, fileserver has an independent disk
      expect(runs.map((r) => r.code)).toEqual([5, 5, 5]);
      const dir = shareDir(fresh, '10.0.0.2');
      const logs = readdirSync(dir).filter((f) => /^ghettoVCB-\d+\.log$/.test(f)).sort();
      expect(logs).toHaveLength(3);
      const day = (n: number): string => new Date((Math.floor(Date.now() / 1000 / DAY) - n) * DAY * 1000).toISOString().slice(0, 10);
      // The newest night is today when 04:30 UTC has passed, else yesterday.
      const secondsToday = Math.floor(Date.now() / 1000) % DAY;
      const last = secondsToday >= 4 * 3600 + 30 * 60 ? 0 : 1;
      for (const [i, f] of logs.entries()) {
        const text = readFileSync(join(dir, f), 'utf8');
        expect(text).toMatch(new RegExp(`\\n${day(2 - i + last)} 04:30:0\\d -- info: =+ ghettoVCB LOG START`));
        expect(text).toContain('Final status: ERROR: Only some of the VMs backed up, and some disk(s) failed!');
      }
      expect(readdirSync(join(dir, 'segreteria-dc')).sort()).toEqual([2, 1, 0].map((n) => `segreteria-dc-${day(n + last)}_04-30-00`));
      expect(existsSync(join(dir, 'segreteria-dc', `segreteria-dc-${day(last)}_04-30-00`, 'STATUS.ok'))).toBe(true);
    } finally {
      fresh.cleanup();
    }
  }, 300_000); // three whole nights of the stand-in: minutes when the shared machine is loaded
});
