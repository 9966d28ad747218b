import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pidsInNamespace } from '../../lab/processes.ts';
import { readLabRecord } from '../../lab/lab-record.ts';
import { connect, run } from './ssh-client.ts';
import { canRunLab, skipReason, useSmallLab } from './lab-state-dir.ts';

if (!canRunLab) console.log(`skipping lab host tests: ${skipReason}`);

describe.skipIf(!canRunLab)('lab hosts over real OpenSSH', () => {
  const suite = useSmallLab();
  const stateDir = suite.stateDir;

  it('logs in with keyboard-interactive password, shows the advertised host key and busybox ash', async () => {
    const esxi = suite.lab.host('esxi-08');
    const s = await connect(esxi, { password: esxi.password });
    expect(s.fingerprint).toBe(esxi.fingerprint);
    const r = await s.exec('echo $0; echo $PATH; readlink /bin/sh; ls --help 2>&1 | head -1');
    s.close();
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['ash', '/usr/lib/vmware/busybox/bin:/bin:/sbin', '/bin/busybox']);
    expect(r.stdout).toContain('BusyBox');
  });

  it('refuses a wrong password at client authentication', async () => {
    const esxi = suite.lab.host('esxi-08');
    await expect(connect(esxi, { password: 'wrong' })).rejects.toMatchObject({ level: 'client-authentication' });
  });

  it('accepts both the RSA and the ECDSA client key from /etc/ssh/keys-root/authorized_keys', async () => {
    const esxi = suite.lab.host('esxi-08');
    for (const keyPath of [esxi.privateKeyPaths.rsa, esxi.privateKeyPaths.ecdsa]) {
      const s = await connect(esxi, { keyPath });
      expect((await s.exec('id -u')).stdout.trim()).toBe('0');
      s.close();
    }
    expect(existsSync(join(esxi.hostFs, 'etc/ssh/keys-root/authorized_keys'))).toBe(true);
  });

  it('serves SFTP and each host sees only its own /vmfs', async () => {
    const esxi = suite.lab.host('esxi-08');
    writeFileSync(join(esxi.hostFs, 'vmfs/volumes/marker-esxi-08'), 'x');
    const s = await connect(esxi, { keyPath: esxi.privateKeyPath });
    expect(await s.readdir('/vmfs/volumes')).toContain('marker-esxi-08');
    s.close();
    const nas = suite.lab.host('truenas');
    const onNas = await run(nas, 'ls /vmfs/volumes 2>&1; hostname');
    expect(onNas.stdout).not.toContain('marker-esxi-08');
    expect(onNas.stdout).toContain('truenas');
    // The real root never sees a host's tree.
    expect(existsSync('/vmfs/volumes/marker-esxi-08')).toBe(false);
  });

  it('runs busybox crond with its pid file inside the host', async () => {
    const r = await run(suite.lab.host('esxi-08'), 'cat /var/run/crond.pid; ps');
    const pid = r.stdout.split('\n')[0]!.trim();
    expect(pid).toMatch(/^\d+$/);
    expect(r.stdout).toMatch(/crond/);
  });

  it('reboot clears /tmp, restores the default crontab and runs local.sh', async () => {
    const esxi = suite.lab.host('esxi-08');
    await run(esxi, 'touch /tmp/before-reboot; echo "0 0 * * * /bin/true" >> /var/spool/cron/crontabs/root');
    writeFileSync(join(esxi.hostFs, 'etc/rc.local.d/local.sh'), '#!/bin/sh\necho ran > /tmp/local-sh-ran\nexit 0\n');
    // As on ESXi, an edit survives the reboot only once auto-backup.sh saved it.
    expect((await run(esxi, '/sbin/auto-backup.sh')).code).toBe(0);
    await suite.lab.reboot('esxi-08');
    const r = await run(suite.lab.host('esxi-08'), 'ls /tmp; cat /var/spool/cron/crontabs/root');
    expect(r.stdout).not.toContain('before-reboot');
    expect(r.stdout).toContain('local-sh-ran');
    expect(r.stdout).not.toContain('/bin/true');
    expect(r.stdout).toContain('/sbin/auto-backup.sh');
  });

  it('cron fires the jobs added to the crontab, inside the host', async () => {
    const esxi = suite.lab.host('esxi-08');
    await run(esxi, 'echo "30 4 * * * echo fired-\\$(date +\\%Y) > /tmp/cron-out" >> /var/spool/cron/crontabs/root');
    const runs = await suite.lab.cron('esxi-08');
    const mine = runs.find((r) => r.command.includes('fired-'));
    expect(mine?.command).toBe('echo fired-$(date +%Y) > /tmp/cron-out');
    expect(mine?.code).toBe(0);
    expect(runs.some((r) => r.line.includes('/sbin/auto-backup.sh'))).toBe(false);
    expect(readFileSync(join(esxi.hostFs, 'tmp/cron-out'), 'utf8')).toMatch(/^fired-\d{4}\n$/);
  });

  it('stop() leaves no process and no namespace behind', async () => {
    const record = readLabRecord(join(stateDir, 'lab.json'))!;
    await suite.lab.stop();
    for (const h of record.hosts) expect(h.ns === null ? [] : pidsInNamespace(h.ns)).toEqual([]);
    await expect(run(record.hosts[1]! as never, 'true')).rejects.toThrow();
  });
});
