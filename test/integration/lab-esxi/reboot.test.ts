// What survives a reboot: crontab regenerated, local.sh as auto-backup.sh saved it (and run only without Secure
// Boot), /tmp emptied, VMs off, non-persistent NFS gone; and local.sh re-adding the site's cron line.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCrontab, prepareReboot, secureBootOn, setSecureBoot } from '../../lab/esxi/faults.ts';
import { siteCronLine } from '../../lab/esxi/host-files.ts';
import { readHostState } from '../../lab/esxi/state.ts';
import { editShare, esxi, inHost, makeLab, namespaceSupport, type TestLab } from './helpers.ts';

const IP = '10.0.0.7';
let lab: TestLab;
let h: string;
const crontab = (): string => readFileSync(join(h, 'var/spool/cron/crontabs/root'), 'utf8');
const localSh = (): string => readFileSync(join(h, 'etc/rc.local.d/local.sh'), 'utf8');
const SITE = siteCronLine(`/vmfs/volumes/VM_backup_${IP}`);

beforeAll(async () => {
  lab = await makeLab([{ hostname: 'esxi-07', ip: IP, vms: [{ name: 'vm1', disks: [{ sizeMB: 16 }] }] }], [IP, '10.0.0.12']);
  h = lab.hostFs(IP);
});
afterAll(() => lab.cleanup());

describe('provisioned boot files', () => {
  it('has the default crontab plus the site line, with % escaped', () => {
    expect(crontab()).toBe(`${defaultCrontab('8.0.3')}${SITE}\n`);
    expect(SITE).toBe(`30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/VM_backup_${IP}/ghettoVCB-$(date +\\%s).log`);
  });

  it('has the stock local.sh header and the README persistence block before exit 0', () => {
    const text = localSh();
    expect(text.startsWith('#!/bin/sh\n\n# local configuration options\n')).toBe(true);
    expect(text).toContain('# Note: This script will not be run when UEFI secure boot is enabled.\n');
    expect(text).toContain('/bin/kill $(cat /var/run/crond.pid) > /dev/null 2>&1\n');
    expect(text).toContain(`/bin/echo "30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/VM_backup_${IP}/ghettoVCB-\\$(date +\\\\%s).log" >> /var/spool/cron/crontabs/root\n`);
    expect(text.endsWith('/usr/lib/vmware/busybox/bin/busybox crond\n\nexit 0\n')).toBe(true);
    expect(readFileSync(join(h, 'etc/ssh/keys-root/authorized_keys'), 'utf8')).toBe('');
  });
});

describe('prepareReboot', () => {
  it('resets the crontab, empties /tmp, powers VMs off and keeps unsaved local.sh edits out', () => {
    writeFileSync(join(h, 'var/spool/cron/crontabs/root'), `${crontab()}0 1 * * * /bin/true\n`);
    writeFileSync(join(h, 'tmp/leftover'), 'x');
    appendFileSync(join(h, 'etc/rc.local.d/local.sh'), '# unsaved edit\n');
    expect(prepareReboot(h)).toEqual({ runLocalSh: true });
    expect(crontab()).toBe(defaultCrontab('8.0.3'));
    expect(existsSync(join(h, 'tmp/leftover'))).toBe(false);
    expect(localSh()).not.toContain('# unsaved edit');
    expect(readHostState(h).vms.every((v) => v.power === 'off')).toBe(true);
  });

  it('keeps local.sh edits that auto-backup.sh saved', () => {
    appendFileSync(join(h, 'etc/rc.local.d/local.sh'), '# saved edit\n');
    expect(esxi(h, 'sbin/auto-backup.sh', []).stdout).toBe('Saving current state in /bootbank\n');
    prepareReboot(h);
    expect(localSh()).toContain('# saved edit');
  });

  it('does not run local.sh under Secure Boot', () => {
    setSecureBoot(h, true);
    expect(secureBootOn(h)).toBe(true);
    expect(prepareReboot(h)).toEqual({ runLocalSh: false });
    setSecureBoot(h, false);
  });

  it('drops NFS mounts made with vim-cmd nas_create but keeps esxcli ones', () => {
    const r = esxi(h, 'bin/vim-cmd', ['hostsvc/datastore/nas_create', 'tmpnfs', 'nfsv41', '/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.12', '0', '10.0.0.50']);
    // 10.0.0.12's share is restricted to 10.0.0.12: the NAS refuses this host
    expect(r.stdout).toContain('(vim.fault.PlatformConfigFault)');
    expect(r.stdout).toContain('The NFS server denied the mount request');
    editShare(lab, '10.0.0.12', { hosts: ['10.0.0.12', IP] });
    const ok = esxi(h, 'bin/vim-cmd', ['hostsvc/datastore/nas_create', 'tmpnfs', 'nfsv41', '/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.12', '0', '10.0.0.50']);
    expect(ok).toMatchObject({ code: 0, stdout: '' });
    expect(esxi(h, 'bin/esxcli', ['storage', 'nfs41', 'list']).stdout).toMatch(/\ntmpnfs +10\.0\.0\.50 /);
    prepareReboot(h);
    expect(readHostState(h).nfs.map((n) => n.volume)).toEqual([`VM_backup_${IP}`]);
  });
});

const why = namespaceSupport();
if (why) console.log(`lab-esxi reboot-in-host test skipped: ${why}`);

describe.skipIf(why !== null)('local.sh at boot', () => {
  it('re-adds the site cron line to the regenerated crontab', async () => {
    prepareReboot(h);
    expect(crontab()).not.toContain('ghettoVCB');
    const r = await inHost(h, '/bin/sh /etc/rc.local.d/local.sh; echo "rc=$?"');
    expect(r.stdout).toContain('rc=0');
    expect(crontab()).toBe(`${defaultCrontab('8.0.3')}${SITE}\n`);
  });
});
