// Files ESXi regenerates or ships: the default root crontab, the site's ghettoVCB cron line, rc.local.d/local.sh.

export function defaultCrontab(version: string): string {
  const six = version.startsWith('6.');
  const lines = [
    '#min hour day mon dow command',
    '1    1    *   *   *   /sbin/tmpwatch.py',
    six ? '1    *    *   *   *   /sbin/auto-backup.sh' : '1    *    *   *   *   /sbin/auto-backup.sh ++group=host/vim/vmvisor/backup.sh',
    '0    *    *   *   *   /usr/lib/vmware/vmksummary/log-heartbeat.py',
    '*/5  *    *   *   *   /bin/hostd-probe.sh ++group=host/vim/vmvisor/hostd-probe/stats/sh',
    '00   1    *   *   *   localcli storage core device purge',
  ];
  if (!six) lines.push('*/10 *    *   *   *   /bin/crx-cli gc');
  return lines.join('\n') + '\n';
}

export const GHETTOVCB_DIR = '/vmfs/volumes/datastore1/ghettoVCB';

/** The site's nightly line (product.md), `%` escaped for cron. */
export function siteCronLine(backupVolume: string): string {
  return `30 4 * * * ${GHETTOVCB_DIR}/ghettoVCB.sh -a -g ${GHETTOVCB_DIR}/ghettoVCB.conf > ${backupVolume}/ghettoVCB-$(date +\\%s).log`;
}

const LOCAL_SH_HEAD = `#!/bin/sh

# local configuration options

# Note: modify at your own risk!  If you do/use anything in this
# script that is not part of a stable API (relying on files to be in
# specific places, specific tools, specific output, etc) there is a
# possibility you will end up with a broken system after patching or
# upgrading.  Changes are not supported unless under direction of
# VMware support.

# Note: This script will not be run when UEFI secure boot is enabled.
`;

/** Default local.sh; with a cron line, the README's persistence block (re-add the line, restart crond). */
export function localSh(cronLine: string | null): string {
  if (!cronLine) return `${LOCAL_SH_HEAD}\nexit 0\n`;
  const escaped = cronLine.replace(/\\/g, '\\\\').replace(/\$/g, '\\$').replace(/"/g, '\\"');
  return `${LOCAL_SH_HEAD}
/bin/kill $(cat /var/run/crond.pid) > /dev/null 2>&1
/bin/echo "${escaped}" >> /var/spool/cron/crontabs/root
/usr/lib/vmware/busybox/bin/busybox crond

exit 0
`;
}
