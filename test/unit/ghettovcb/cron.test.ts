import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSchedule } from '../../../electron/core/ghettovcb/cron/describe.ts';
import { cronLine, dailyAt, ghettoVcbCommand, siteBackupCronLine } from '../../../electron/core/ghettovcb/cron/generate.ts';
import { nextRuns } from '../../../electron/core/ghettovcb/cron/next-runs.ts';
import { parseCronLine, parseCrontab, type CronLine } from '../../../electron/core/ghettovcb/cron/parse.ts';
import { cmd, raw, sh } from '../../../electron/core/shell/command.ts';

const SITE =
  '30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +\\%s).log';

function line(text: string): CronLine {
  const parsed = parseCronLine(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.line;
}
const codes = (text: string) => parseCronLine(text).issues.map((i) => i.code.replace('ghettovcb.cron.', ''));

describe('cron lines', () => {
  it('generates the site line of product.md exactly, with \\%', () => {
    expect(
      siteBackupCronLine({
        hour: 4,
        minute: 30,
        script: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh',
        globalConf: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf',
        logDir: '/vmfs/volumes/VM_backup_10.0.0.8',
      }),
    ).toBe(SITE);
  });

  it('quotes paths with spaces and keeps $(date) live', () => {
    const text = siteBackupCronLine({ hour: 4, minute: 30, script: '/vmfs/volumes/ds 1/g.sh', globalConf: '/vmfs/volumes/ds 1/g.conf', logDir: '/vmfs/volumes/ESXI _10.0.0.2' });
    expect(text).toBe("30 4 * * * '/vmfs/volumes/ds 1/g.sh' -a -g '/vmfs/volumes/ds 1/g.conf' > '/vmfs/volumes/ESXI _10.0.0.2'/ghettoVCB-$(date +\\%s).log");
    expect(line(text).shellCommand).toContain('$(date +%s)');
  });

  it('builds ghettoVCB invocations within its 12-word limit', () => {
    const inv = ghettoVcbCommand({ script: '/s.sh', select: { vm: "it's" }, log: { dir: '/vmfs/volumes/b' }, level: 'dryrun', viaSh: true });
    expect(inv.text).toBe("/bin/sh /s.sh -m 'it'\\''s' -l /vmfs/volumes/b/ghettoVCB-$(date +%s).log -d dryrun");
    expect(() =>
      ghettoVcbCommand({ script: '/s', select: { vmList: 'l' }, perVmConfigDir: 'd', globalConf: 'g', log: { file: 'f' }, workdir: 'w', level: 'debug', job: 'j' }),
    ).toThrow(/12/);
  });

  it('escapes every % and refuses schedules cron would reject', () => {
    expect(cronLine(dailyAt(1, 0), sh`date +%F > /tmp/x`)).toBe('0 1 * * * date +\\%F > /tmp/x');
    expect(() => cronLine({ ...dailyAt(1, 0), hour: '25' }, sh`true`)).toThrow();
  });

  it('writes a % inside a quoted value so that both crond readings give the shell the same value', () => {
    const value = "/vmfs/volumes/ds 1/50% full/it's $(date +%s)";
    const generated = cronLine(dailyAt(4, 30), cmd('printf', '[%s]', value, raw('$(date +%Y)')));
    const command = generated.split(' ').slice(5).join(' ');
    expect(command).toBe("printf '['\\%'s]' '/vmfs/volumes/ds 1/50'\\%' full/it'\\''s $(date +'\\%'s)' $(date +\\%Y)");
    const year = String(new Date().getFullYear());
    // busybox crond passes the command to `sh -c` as written; Vixie cron (and the lab) turns `\%` into `%` first.
    for (const text of [command, command.replace(/\\%/g, '%')]) {
      for (const shell of [['/bin/sh', '-c'], ...(existsSync('/bin/busybox') ? [['/bin/busybox', 'ash', '-c']] : [])]) {
        expect(execFileSync(shell[0]!, [...shell.slice(1), text], { encoding: 'utf8' }), `${shell.join(' ')}: ${text}`).toBe(`[${value}][${year}]`);
      }
    }
    expect(parseCronLine(generated)).toMatchObject({ ok: true, line: { shellCommand: command.replace(/\\%/g, '%') } });
    expect(() => cronLine(dailyAt(4, 30), raw('echo "50%"'))).toThrow(expect.objectContaining({ code: 'ghettovcb.cronPercentInDoubleQuotes' }));
  });

  it('parses the site line, noting only that its log is the stdout capture', () => {
    const parsed = parseCronLine(SITE);
    expect(parsed.ok && parsed.issues.map((i) => i.code)).toEqual(['ghettovcb.cron.noLogFlag']);
    expect(line(SITE).shellCommand).toContain('ghettoVCB-$(date +%s).log');
  });

  it('flags the mistakes of hand-written lines', () => {
    expect(codes('30 4 * * * /x/ghettoVCB.sh -a -l /v/log > /v/log-$(date +%s).log')).toEqual(['unescapedPercent']);
    expect(codes('* * * * * /x > /dev/null')).toEqual(['everyMinute']);
    expect(codes('0 3 1 * 1 /x > /dev/null')).toEqual(['dayOfMonthOrWeek']);
    expect(codes('0 3 * * * /vmfs/volumes/ds/ghettoVCB.sh -a')).toEqual(['noRedirect', 'noLogFlag']);
    expect(codes('61 3 * * * /x')).toEqual(['badField']);
    expect(codes('@reboot /x')).toEqual(['specialUnsupported']);
    expect(codes('0 3 * *')).toEqual(['fieldCount']);
    expect(codes('')).toEqual(['empty']);
    expect(codes('   ')).toEqual(['empty']);
    // 31 February, 30 February, 31 April/June: no month has that day; 31 January/February does fire (in January).
    expect(codes('30 4 31 2 * /x > /dev/null')).toEqual(['neverFires']);
    expect(codes('30 4 30 2 * /x > /dev/null')).toEqual(['neverFires']);
    expect(codes('0 3 31 4,6 * /x > /dev/null')).toEqual(['neverFires']);
    expect(codes('0 3 31 1,2 * /x > /dev/null')).toEqual([]);
    expect(codes('0 3 29 2 * /x > /dev/null')).toEqual([]);
    // With a weekday too, cron runs on either: it does fire.
    expect(codes('0 3 31 2 1 /x > /dev/null')).toEqual(['dayOfMonthOrWeek']);
  });

  it('reads a whole crontab, skipping comments', () => {
    const entries = parseCrontab('#min hour day mon dow command\n1    1    *   *   *   /sbin/tmpwatch.py\n*/5  *    *   *   *   /bin/hostd-probe.sh ++group=host/vim/vmvisor/hostd-probe/stats/sh\n');
    expect(entries.map((e) => e.line)).toEqual([2, 3]);
    expect(entries[1]?.parsed.ok && entries[1].parsed.line.minute.values).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
  });
});

describe('schedule in words', () => {
  const cases: Array<[string, string, string]> = [
    ['30 4 * * *', 'Every day at 04:30 (UTC, the host clock)', 'Ogni giorno alle 04:30 (UTC, orologio dell’host)'],
    ['0 0 * * 1-5', 'Monday to Friday at 00:00 (UTC, the host clock)', 'Da lunedì a venerdì alle 00:00 (UTC, orologio dell’host)'],
    ['0 22 * * sat,sun', 'Every Sunday and Saturday at 22:00 (UTC, the host clock)', 'Ogni domenica e sabato alle 22:00 (UTC, orologio dell’host)'],
    ['*/10 * * * *', 'Every 10 minutes (UTC, the host clock)', 'Ogni 10 minuti (UTC, orologio dell’host)'],
    ['*/15 * * * *', 'Every 15 minutes (UTC, the host clock)', 'Ogni 15 minuti (UTC, orologio dell’host)'],
    ['5 * * * *', 'Every hour at minute 5 (UTC, the host clock)', 'Ogni ora al minuto 5 (UTC, orologio dell’host)'],
    ['*/15 * * * 1-5', 'Monday to Friday every 15 minutes (UTC, the host clock)', 'Da lunedì a venerdì ogni 15 minuti (UTC, orologio dell’host)'],
    ['15 2 1 1,7 *', 'On day 1 of the month at 02:15 in January and July (UTC, the host clock)', 'Il giorno 1 del mese alle 02:15 a gennaio e luglio (UTC, orologio dell’host)'],
    ['0 1,13 * * *', 'Every day at 01:00 and 13:00 (UTC, the host clock)', 'Ogni giorno alle 01:00 e 13:00 (UTC, orologio dell’host)'],
  ];
  for (const [schedule, en, it_] of cases) {
    it(schedule, () => {
      expect(describeSchedule(line(`${schedule} /x`), 'en')).toBe(en);
      expect(describeSchedule(line(`${schedule} /x`), 'it')).toBe(it_);
    });
  }
});

describe('next runs (UTC)', () => {
  const from = new Date('2025-11-02T04:30:00Z');
  it('starts strictly after the given time', () => {
    expect(nextRuns(line('30 4 * * * /x'), from, 2).map((d) => d.toISOString())).toEqual(['2025-11-03T04:30:00.000Z', '2025-11-04T04:30:00.000Z']);
  });
  it('honours weekdays, month days and months', () => {
    expect(nextRuns(line('0 0 * * 1-5 /x'), from, 3).map((d) => d.toISOString().slice(0, 10))).toEqual(['2025-11-03', '2025-11-04', '2025-11-05']);
    expect(nextRuns(line('0 3 29 2 * /x'), from, 1).map((d) => d.toISOString())).toEqual(['2028-02-29T03:00:00.000Z']);
    expect(nextRuns(line('0 3 1 * 0 /x'), from, 3).map((d) => d.toISOString().slice(0, 10))).toEqual(['2025-11-09', '2025-11-16', '2025-11-23']);
  });
  it('returns nothing for a date that never comes', () => {
    expect(nextRuns(line('0 0 31 2 * /x'), from, 1)).toEqual([]);
  });
});
