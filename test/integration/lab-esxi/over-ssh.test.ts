// Part B's simulators inside part A's hosts, through real OpenSSH and busybox ash, as Custode will meet them.
import { HOSTILE_NAME } from '../../lab/esxi/seed.ts';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/api.ts';
import { slowClone } from '../../lab/esxi/faults.ts';
import { connect, type Session } from '../lab/ssh-client.ts';
import { canRunLab, freshStateDir, skipReason } from '../lab/lab-state-dir.ts';

if (!canRunLab) console.log(`skipping lab-esxi ssh tests: ${skipReason}`);

describe.skipIf(!canRunLab)('ESXi commands over ssh', () => {
  let lab: Lab;
  let s: Session;
  const stateDir = freshStateDir();

  beforeAll(async () => {
    lab = await startLab({ topology: 'small', stateDir });
    const host = lab.host('esxi-08');
    s = await connect(host, { password: host.password });
  });
  afterAll(async () => {
    s?.close();
    await lab?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('finds every command at its ESXi path and answers with the host identity', async () => {
    const r = await s.exec('vmware -v; vim-cmd vmsvc/getallvms | head -1; esxcli network ip interface ipv4 get | tail -1; /usr/lib/vmware/secureboot/bin/secureBoot.py -s; ls /vmfs/volumes/');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^VMware ESXi \d+\.\d+\.\d+ build-\d+\n/);
    expect(r.stdout).toContain('Vmid   ');
    expect(r.stdout).toContain('vmk0  10.0.0.8 ');
    expect(r.stdout).toContain('Disabled\n');
    expect(r.stdout).toMatch(/\nVM_backup_10\.0\.0\.8\n/);
  });

  it('mounts the NAS share read-write: a file written on ESXi is on the NAS', async () => {
    const r = await s.exec('esxcli storage nfs41 list; echo probe > /vmfs/volumes/VM_backup_10.0.0.8/probe.txt && echo written');
    expect(r.stdout).toMatch(/VM_backup_10\.0\.0\.8 +10\.0\.0\.50 +\/mnt\/UniventionBackup\/ESXI_VM_backups\/ESXI_10\.0\.0\.8 +true +true +false +AUTH_SYS/);
    expect(r.stdout).toContain('written');
    const nas = await connect(lab.host('truenas'), { password: lab.host('truenas').password });
    const seen = await nas.exec('cat /mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8/probe.txt');
    nas.close();
    expect(seen.stdout).toBe('probe\n');
  });

  it('runs the site cron command: backups, STATUS files and the log land on the share', async () => {
    const r = await s.exec(
      '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-run.log 2>&1; echo "rc=$?"; cat /vmfs/volumes/VM_backup_10.0.0.8/*/*/STATUS.*',
    );
    // The small site holds a VM whose name has shell metacharacters: ghettoVCB's ERE lookup cannot find it, so the
    // run ends as "only some of the VMs" (exit 4) while the others, the one on datastore2 included, are copied.
    expect(r.stdout).toMatch(/^rc=4\n/);
    expect(r.stdout).toContain('Successfully completed backup\n');
    const log = await s.exec('cat /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-run.log');
    expect(log.stdout).toContain('###### Final status: ERROR: Only some of the VMs backed up! ######');
    expect(log.stdout).toContain('Successfully completed backup for archivio-2019!');
    expect(log.stdout).toContain(`ERROR: failed to locate and extract VM_ID for ${HOSTILE_NAME}!`);
  });

  it('shows the host-level faults to a client: stale lock, forgotten snapshot, unsupported version', async () => {
    const run = 'sh /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf -l /tmp/f.log > /dev/null 2>&1; echo "rc=$?"; cat /tmp/f.log; rm -f /tmp/f.log';
    await lab.fault('esxi-08', 'stale-lock');
    const locked = await s.exec(run);
    expect(locked.stdout).toMatch(/^rc=1\n.* -- info: Failed to acquire lock, another instance of script may be running, giving up on \/tmp\/ghettoVCB\.work\n/);
    expect((await s.exec('cat /tmp/ghettoVCB.work/pid && rm -rf /tmp/ghettoVCB.work')).stdout).toMatch(/^\d+\n$/);

    await lab.fault('esxi-08', 'add-snapshot', 'segreteria-dc01');
    // ghettoVCB names a copy folder to the second: the copies of the run before, if it was within the same second,
    // would be in the way ("The file already exists (39)"). They are not what this run is about.
    await s.exec(`rm -rf ${['segreteria app', 'segreteria-dc01', 'archivio-2019'].map((vm) => `'/vmfs/volumes/VM_backup_10.0.0.8/${vm}'`).join(' ')}`);
    const skipped = await s.exec(run);
    expect(skipped.stdout).toMatch(/^rc=4\n/);
    expect(skipped.stdout).toContain('-- info: Snapshot found for segreteria-dc01, backup will not take place\n');
    expect((await s.exec('vim-cmd vmsvc/snapshot.get 1')).stdout).toContain('--Snapshot Name        : prima-aggiornamento\n');

    await lab.fault('esxi-08', 'esxi-version', '8.0.4');
    const refused = await s.exec(`${run}; vmware -v`);
    expect(refused.stdout).toMatch(/^rc=1\n/);
    expect(refused.stdout).toMatch(/VMware ESXi 8\.0\.4 build-\d+\n$/);
    await lab.fault('esxi-08', 'esxi-version', '8.0.3');
  });

  it('slows clones down so progress can be watched', async () => {
    slowClone(lab.host('esxi-08').hostFs, 20);
    try {
      const stamps: number[] = [];
      const seen = await new Promise<string>((resolve, reject) => {
        s.client.exec('vmkfstools -i /vmfs/volumes/datastore1/segreteria-dc01/segreteria-dc01.vmdk -d thin /tmp/slow.vmdk; rm -f /tmp/slow*', (err, stream) => {
          if (err) return reject(err);
          let text = '';
          stream.on('data', (d: Buffer) => {
            text += d.toString();
            stamps.push(text.split('\r').length);
          });
          stream.on('close', () => resolve(text));
        });
      });
      expect(seen.endsWith('\rClone: 100% done.\n')).toBe(true);
      // progress arrived in many separate chunks, not in one block at the end
      expect(new Set(stamps).size).toBeGreaterThan(10);
    } finally {
      await lab.fault('esxi-08', 'slow-clone', 'off');
    }
  });

  it('fails a clone onto a full share with the disklib "not enough space" text', async () => {
    await lab.fault('esxi-08', 'nas-full', String(64 * 1024));
    try {
      // fill what is left, then clone (a thin copy of a near-empty disk needs only a few blocks)
      const r = await s.exec(
        'dd if=/dev/zero of=/vmfs/volumes/VM_backup_10.0.0.8/filler bs=4096 count=64 2>/dev/null; vmkfstools -i /vmfs/volumes/datastore1/segreteria-dc01/segreteria-dc01.vmdk -d thin /vmfs/volumes/VM_backup_10.0.0.8/full.vmdk; echo "rc=$?"; rm -f /vmfs/volumes/VM_backup_10.0.0.8/filler /vmfs/volumes/VM_backup_10.0.0.8/full*',
      );
      expect(r.stdout).toMatch(/Clone: 41% done\.Failed to clone disk: There is not enough space on the file system for the selected operation \(13\)\.\nrc=1\n$/);
    } finally {
      await lab.fault('esxi-08', 'nas-full', 'off');
    }
  });

  it('turns a read-only share into EROFS for root on ESXi, and back', async () => {
    await lab.fault('esxi-08', 'share-readonly', 'on');
    try {
      const r = await s.exec('touch /vmfs/volumes/VM_backup_10.0.0.8/x 2>&1; ls /vmfs/volumes/VM_backup_10.0.0.8/ | grep -c .');
      expect(r.stdout).toMatch(/^touch: \/vmfs\/volumes\/VM_backup_10\.0\.0\.8\/x: Read-only file system\n[1-9]\d*\n$/);
    } finally {
      await lab.fault('esxi-08', 'share-readonly', 'off');
    }
    expect((await s.exec('touch /vmfs/volumes/VM_backup_10.0.0.8/x && echo ok')).stdout).toBe('ok\n');
  });

  it('reboots: the crontab comes back from local.sh, but not under Secure Boot', async () => {
    const cronLine = /\n30 4 \* \* \* \/vmfs\/volumes\/datastore1\/ghettoVCB\/ghettoVCB\.sh -a -g /;
    s.close();
    await lab.reboot('esxi-08');
    s = await connect(lab.host('esxi-08'), { password: lab.host('esxi-08').password });
    expect((await s.exec('cat /var/spool/cron/crontabs/root')).stdout).toMatch(cronLine);
    await lab.fault('esxi-08', 'secure-boot', 'on');
    s.close();
    await lab.reboot('esxi-08');
    s = await connect(lab.host('esxi-08'), { password: lab.host('esxi-08').password });
    const after = await s.exec('/usr/lib/vmware/secureboot/bin/secureBoot.py -s; cat /var/spool/cron/crontabs/root; ls /vmfs/volumes/VM_backup_10.0.0.8/ | head -1');
    expect(after.stdout.startsWith('Enabled\n#min hour day mon dow command\n')).toBe(true);
    expect(after.stdout).not.toMatch(cronLine);
    await lab.fault('esxi-08', 'secure-boot', 'off');
  });
});
