import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors/app-error.ts';
import { checkDays, dowText, parseDays } from '../../../shared/model/week-days.ts';
import { daysText, dowDays, spokenDays } from '../../../electron/core/setup/days.ts';
import { caughtVms, checkExcludeNames, exclusionNames, exclusionPathOf, exclusionText, refuseCaughtVms } from '../../../electron/core/setup/exclusions.ts';
import { checkRotation, parseClockTime, parseLifetime } from '../../../electron/core/setup/request.ts';
import { ghettoVcbRun, hostCronLine } from '../../../electron/core/setup/schedule-text.ts';

const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return isAppError(e) ? e.code : 'other';
  }
};

describe('setup request values', () => {
  it('reads HH:MM and refuses what is no time of day', () => {
    expect(parseClockTime('04:30')).toEqual({ hour: 4, minute: 30 });
    expect(parseClockTime('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseClockTime('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['25:70', '24:00', '4:30', '04:3', '04:60', '0430', ' 04:30', '']) expect(code(() => parseClockTime(bad)), bad).toBe('setup.timeInvalid');
  });

  it('keeps 1 to 30 copies', () => {
    expect(checkRotation(3)).toBe(3);
    for (const bad of [0, 31, 2.5, NaN]) expect(code(() => checkRotation(bad))).toBe('setup.rotationInvalid');
  });

  it('reads a snapshot lifetime in days, weeks or months', () => {
    expect(parseLifetime('2w')).toEqual({ value: 2, unit: 'WEEK' });
    expect(parseLifetime('14d')).toEqual({ value: 14, unit: 'DAY' });
    expect(parseLifetime('3m')).toEqual({ value: 3, unit: 'MONTH' });
    for (const bad of ['0d', '2y', 'w', '1000d']) expect(code(() => parseLifetime(bad)), bad).toBe('setup.lifetimeInvalid');
  });
});

describe('the days a schedule runs on', () => {
  it('reads daily, names, lists and ranges, and refuses what is no day', () => {
    expect(parseDays('daily')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseDays('mon,wed,fri')).toEqual([1, 3, 5]);
    // The Italian calendar's names read as the same days; the two may even be mixed in one list.
    expect(parseDays('lun-ven')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('LUN,mer,fri')).toEqual([1, 3, 5]);
    expect(parseDays('sab,dom')).toEqual([0, 6]);
    expect(parseDays('ogni-giorno')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseDays('fri,MON,wed,mon')).toEqual([1, 3, 5]);
    expect(parseDays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('sat,sun')).toEqual([0, 6]);
    for (const bad of ['25:70', '8', 'mon,8', '', 'mon,', 'fri-mon', 'mon-tue-wed', 'monday', 'lunedi', 'lun-mon-ven', 'ven-lun', '*']) expect(code(() => parseDays(bad)), bad).toBe('setup.daysInvalid');
  });

  it('checks days given as numbers: 0–6, at least one', () => {
    expect(checkDays([5, 1, 3, 1])).toEqual([1, 3, 5]);
    for (const bad of [[], [8], [7], [-1], [1.5]]) expect(code(() => checkDays(bad)), JSON.stringify(bad)).toBe('setup.daysInvalid');
  });

  it('writes the cron field as cron reads it back, and the CLI’s text', () => {
    const cases: Array<[number[], string, string]> = [
      [[0, 1, 2, 3, 4, 5, 6], '*', 'daily'],
      [[1, 3, 5], '1,3,5', 'mon,wed,fri'],
      [[1, 2, 3, 4, 5], '1-5', 'mon-fri'],
      [[0, 6], '0,6', 'sun,sat'],
      [[0, 1, 2, 4, 5], '0-2,4,5', 'sun-tue,thu,fri'],
    ];
    for (const [days, field, text] of cases) {
      const d = checkDays(days);
      expect(dowText(d)).toBe(field);
      expect(dowDays(field)).toEqual(d);
      expect(daysText(d)).toBe(text);
      expect(parseDays(text)).toEqual(d);
    }
    expect(dowDays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(dowDays('7')).toEqual([0]);
    expect(dowDays('nonsense')).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('says the days in both languages for the plan’s words', () => {
    expect(spokenDays(checkDays([0, 1, 2, 3, 4, 5, 6]))).toEqual({ daysEn: 'every day', daysIt: 'ogni giorno' });
    expect(spokenDays(checkDays([1, 2, 3, 4, 5]))).toEqual({ daysEn: 'on Mon–Fri', daysIt: 'nei giorni lun–ven' });
    expect(spokenDays(checkDays([0, 1, 3, 5]))).toEqual({ daysEn: 'on Sun, Mon, Wed, Fri', daysIt: 'nei giorni dom, lun, mer, ven' });
  });
});

describe('the VMs a schedule leaves out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custode-exclude-'));
  /** Whether ghettoVCB would skip VM `name` with this file: its own test, `grep -E "^<name>$" <file>`, run for real. */
  const skipped = (name: string, names: string[]): boolean => {
    const file = join(dir, 'exclude.txt');
    writeFileSync(file, exclusionText(names));
    return spawnSync('grep', ['-E', `^${name}$`, file]).status === 0;
  };

  it('writes one name per line, the file beside the conf, and reads it back', () => {
    expect(exclusionText(['aula-files', 'web 1'])).toBe('aula-files\nweb 1\n');
    expect(exclusionNames('aula-files\nweb 1\n')).toEqual(['aula-files', 'web 1']);
    expect(exclusionNames('last')).toEqual(['last']);
    expect(exclusionNames(null)).toEqual([]);
    expect(exclusionPathOf('/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf')).toBe('/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB-exclude.txt');
  });

  it('accepts names ghettoVCB’s grep matches to themselves, and only those VMs are skipped', () => {
    const names = checkExcludeNames(['aula-files', 'web 1', "it's", 'a"b', 'srv.school.local', 'x;y', 'a&b', 'aula-files']);
    expect(names).toEqual(['aula-files', 'web 1', "it's", 'a"b', 'srv.school.local', 'x;y', 'a&b']);
    for (const n of names) expect(skipped(n, names), n).toBe(true);
    expect(skipped('aula-app', names)).toBe(false);
  });

  it('refuses a line break, an empty name, and names that would still be backed up', () => {
    expect(code(() => checkExcludeNames(['a\nb']))).toBe('setup.excludeMultiline');
    expect(code(() => checkExcludeNames(['a\rb']))).toBe('setup.excludeMultiline');
    expect(code(() => checkExcludeNames(['  ']))).toBe('setup.excludeEmpty');
    for (const n of ['db (old)', 'a$(id)', 'web[1]', 'a+b', 'a*', 'a\\b', 'a{2}', 'why?', '^a']) {
      expect(code(() => checkExcludeNames([n])), n).toBe('setup.excludeUnmatchable');
      // The reason, by the real grep: the VM would not be found in a file holding its own name.
      expect(skipped(n, [n]), n).toBe(false);
    }
    // `|` finds itself, but splits the pattern: that VM would also be skipped for any other name starting with x.
    expect(code(() => checkExcludeNames(['x|y']))).toBe('setup.excludeUnmatchable');
    expect(skipped('x|y', ['xen'])).toBe(true);
  });

  it('names the other VMs of the host the file would leave out too, as the real grep does', () => {
    const host = ['aula-1', 'aula.1', 'aula-10', 'srv.school.local', 'srvXschool.local', 'x|y', 'xen', 'db (old)', 'web[1]', 'web1', 'a.b.c'];
    for (const names of [['aula-1'], ['srvXschool.local'], ['xen'], ['web1'], ['aula-10', 'web1'], ['aula.1', 'aula-1'], ['a-b-c']]) {
      // The oracle: every VM of the host the real `grep -E "^<vm>$" file` finds, less those the file names.
      const byGrep = host.filter((vm) => !names.includes(vm) && skipped(vm, names));
      expect(caughtVms(names, host).map((c) => c.vm), names.join(',')).toEqual(byGrep);
    }
    expect(caughtVms(['aula-1'], host)).toEqual([{ vm: 'aula.1', by: 'aula-1' }]);
    expect(code(() => refuseCaughtVms(['aula-1'], host))).toBe('setup.excludeCatchesOther');
    // Leaving both out is what was asked: nothing is refused.
    expect(() => refuseCaughtVms(['aula-1', 'aula.1'], host)).not.toThrow();
  });

  it('puts -e with the file, shell-quoted, in the run and the cron line on the days asked', () => {
    const run = ghettoVcbRun('/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh', '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf', '/vmfs/volumes/VM_backup_10.0.0.8', "/vmfs/volumes/data store/it's/x.txt");
    expect(hostCronLine({ hour: 5, minute: 0 }, [1, 3, 5], run)).toBe(
      `0 5 * * 1,3,5 /bin/sh /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -e '/vmfs/volumes/data store/it'\\''s/x.txt' -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf -l /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +\\%s).log > /dev/null 2>&1`,
    );
  });
});
