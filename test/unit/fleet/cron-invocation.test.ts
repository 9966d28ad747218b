import { describe, expect, it } from 'vitest';
import { logLocation, readInvocation, scheduledRuns, tokenize } from '../../../electron/core/fleet/cron-invocation.ts';

const SITE = '30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +\\%s).log';

describe('reading ghettoVCB runs from the crontab', () => {
  it('reads the site line: script, -a, the conf, and the stdout capture on the share', () => {
    const crontab = `#min hour day mon dow command\n1    1    *   *   *   /sbin/tmpwatch.py\n${SITE}\n`;
    const [run, ...rest] = scheduledRuns(crontab);
    expect(rest).toEqual([]);
    expect(run!.lineNumber).toBe(3);
    expect(run!.invocation).toMatchObject({
      script: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh',
      viaSh: false,
      all: true,
      globalConf: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf',
      logFile: null,
      stdoutTarget: '/vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +%s).log',
    });
    expect(run!.cron.hour.values).toEqual([4]);
  });

  it('keeps quoted paths with spaces whole and reads flags after a shell', () => {
    const inv = readInvocation(`/bin/sh "/vmfs/volumes/ds 1/ghettoVCB/ghettoVCB.sh" -f '/vmfs/volumes/ds 1/list' -e /x/excl -l /vmfs/volumes/b/g-$(date +%s).log -w /tmp/w -d debug 2>&1 >> /dev/null; echo done`);
    expect(inv).toMatchObject({
      script: '/vmfs/volumes/ds 1/ghettoVCB/ghettoVCB.sh',
      viaSh: true,
      all: false,
      vmList: '/vmfs/volumes/ds 1/list',
      exclusionList: '/x/excl',
      logFile: '/vmfs/volumes/b/g-$(date +%s).log',
      workdir: '/tmp/w',
      level: 'debug',
      stdoutTarget: '/dev/null',
    });
  });

  it('is not fooled by a ghettoVCB word that is not the command, or by stderr redirects', () => {
    expect(readInvocation('echo ghettoVCB.sh is great')).toBeNull();
    expect(readInvocation('/opt/ghettovcb/bin/ghettoVCB.sh -m web01 2> /tmp/err')).toMatchObject({ vm: 'web01', stdoutTarget: null });
    expect(tokenize('a 2>&1 > f').map((t) => t.text)).toEqual(['a', '2>&1', '>', 'f']);
  });

  it('matches the files a $(date) log name produces, in its folder only', () => {
    const loc = logLocation('/vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +%s).log')!;
    expect(loc.dir).toBe('/vmfs/volumes/VM_backup_10.0.0.8');
    expect(loc.matches('ghettoVCB-1795581000.log')).toBe(true);
    expect(loc.matches('ghettoVCB-.log')).toBe(false);
    expect(loc.matches('other.log')).toBe(false);
    expect(logLocation('/vmfs/volumes/$(hostname)/x.log')).toBeNull();
  });
});
