import { EVERY_DAY } from '../../../shared/model/week-days.ts';
import { describe, expect, it } from 'vitest';
import { analyseLocalSh } from '../../../electron/core/esxi/local-sh.ts';
import { authorizedKeysWith, crontabWith, forcedKeyLine, ghettoVcbRun, hostCronLine, localShRestores, localShWith } from '../../../electron/core/setup/schedule-text.ts';

const DEFAULT = `#min hour day mon dow command
1    1    *   *   *   /sbin/tmpwatch.py
*/10 *    *   *   *   /bin/crx-cli gc
`;
const SITE = '30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +\\%s).log';
const LOCAL_SH = `#!/bin/sh

# local configuration options

/bin/kill $(cat /var/run/crond.pid) > /dev/null 2>&1
/bin/echo "30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-\\$(date +\\\\%s).log" >> /var/spool/cron/crontabs/root
/usr/lib/vmware/busybox/bin/busybox crond

exit 0
`;
const run = ghettoVcbRun('/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh', '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf', '/vmfs/volumes/VM_backup_10.0.0.8');
const line = hostCronLine({ hour: 5, minute: 0 }, EVERY_DAY, run);

describe('the texts a schedule lives in', () => {
  it('writes one cron line: /bin/sh, every VM, a new log on the share per run, % escaped', () => {
    expect(line).toBe('0 5 * * * /bin/sh /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf -l /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +\\%s).log > /dev/null 2>&1');
  });

  it('replaces the crontab’s ghettoVCB lines and keeps ESXi’s own', () => {
    expect(crontabWith(DEFAULT + SITE + '\n', line)).toBe(DEFAULT + line + '\n');
    expect(crontabWith(DEFAULT + SITE + '\n', null)).toBe(DEFAULT);
    expect(crontabWith(DEFAULT, line)).toBe(DEFAULT + line + '\n');
  });

  it('puts Custode’s block in local.sh before exit, drops the old append, and reads it back as restoring the line', () => {
    const next = localShWith(LOCAL_SH, line);
    expect(next.split('\n').filter((l) => l.includes('ghettoVCB.sh'))).toHaveLength(1);
    expect(next.indexOf('# Custode: ghettoVCB schedule')).toBeLessThan(next.indexOf('exit 0'));
    expect(localShRestores(next, line)).toBe(true);
    expect(localShRestores(LOCAL_SH, line)).toBe(false);
    expect(localShRestores(LOCAL_SH, SITE)).toBe(true);
    const removed = localShWith(next, null);
    expect(analyseLocalSh(removed).appends).toEqual([]);
    expect(removed).toContain('exit 0');
    expect(localShWith(removed, line)).toBe(next);
  });

  it('lets the NAS’s key run that one command', () => {
    const key = forcedKeyLine(run, 'ecdsa-sha2-nistp256 AAAAE2Vj custode-nas-schedule-10.0.0.8\n');
    expect(key).toBe('command="/bin/sh /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf -l /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +%s).log",no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-pty ecdsa-sha2-nistp256 AAAAE2Vj custode-nas-schedule-10.0.0.8');
    const others = 'ssh-rsa AAAAB3 admin@laptop\n';
    expect(authorizedKeysWith(others, 'custode-nas-schedule-10.0.0.8', key)).toBe(`${others}${key}\n`);
    expect(authorizedKeysWith(`${others}${key}\n`, 'custode-nas-schedule-10.0.0.8', null)).toBe(others);
    expect(authorizedKeysWith('', 'custode-nas-schedule-10.0.0.8', null)).toBe('');
  });
});
