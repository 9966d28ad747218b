import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors/app-error.ts';
import { EVERY_DAY, WORK_DAYS } from '../../../shared/model/week-days.ts';
import type { PlanContext } from '../../../electron/core/setup/plan-context.ts';
import { planInstall } from '../../../electron/core/setup/plan-install.ts';
import { resolveDays, resolveSchedule, resolveTime } from '../../../electron/core/setup/plan-setup.ts';
import type { SetupState } from '../../../electron/core/setup/setup-state.ts';
import { SetupUploads, sha256Of } from '../../../electron/core/setup/uploads.ts';

const STAND_IN = readFileSync(join(import.meta.dirname, '..', '..', 'lab', 'ghettovcb', 'ghettoVCB.sh'));
const HOST = { kind: 'host' as const, hostId: 'h1', name: 'esxi-20', address: '127.0.0.1' };

/** Only what the page planners read, the rest of a state being irrelevant to them. */
function state(over: Partial<SetupState>): SetupState {
  return {
    host: { id: 'h1', name: 'esxi-20' },
    ip: '10.0.0.20',
    esxiVersion: '8.0.3',
    secureBoot: false,
    installDir: '/vmfs/volumes/datastore1/ghettoVCB',
    datastore: 'datastore1',
    datastoreFreeBytes: 400 * 1024 ** 3,
    script: { path: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh', text: null, sha256: null, version: null },
    crontab: { path: '/var/spool/cron/crontabs/root', text: '', sha256: 'x' },
    nasJobs: [],
    otherTimes: [],
    ...over,
  } as SetupState;
}

function ctx(s: SetupState, ghettovcb: Buffer | null): PlanContext {
  return { state: s, uploads: new SetupUploads(), now: 0, host: HOST, nas: HOST, ghettovcb: ghettovcb === null ? null : { name: 'ghettoVCB.sh', bytes: ghettovcb } } as unknown as PlanContext;
}

const refusal = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return isAppError(e) ? e.code : String(e);
  }
};

describe('the ghettoVCB page', () => {
  it('installs a picked script in a new folder, keeps the installed one when nothing is picked, and knows the same file', () => {
    const fresh = planInstall(ctx(state({}), STAND_IN));
    expect(fresh.steps.map((s) => s.id)).toEqual(['install-dir', 'install']);
    const installed = state({ script: { path: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh', text: null, sha256: sha256Of(STAND_IN), version: null } });
    expect(planInstall(ctx(installed, null)).view.status).toBe('done');
    expect(planInstall(ctx(installed, STAND_IN)).view.status).toBe('done');
    expect(refusal(() => planInstall(ctx(state({}), null)))).toBe('setup.ghettoVcbMissing');
  });

  it('refuses a datastore without room and a release its whitelist lacks, before any step', () => {
    expect(refusal(() => planInstall(ctx(state({ datastoreFreeBytes: STAND_IN.length }), STAND_IN)))).toBe('setup.datastoreFull');
    expect(refusal(() => planInstall(ctx(state({ esxiVersion: '8.0.4' }), STAND_IN)))).toBe('setup.ghettoVcbRefusesEsxi');
  });
});

describe('the schedule’s time and place', () => {
  const others = [
    { host: 'esxi-08', hour: 4, minute: 30, days: [...EVERY_DAY] },
    { host: 'esxi-12', hour: 5, minute: 0, days: [...EVERY_DAY] },
  ];

  it('staggers a new host to the first free half hour from 04:30 and keeps an adopted host’s own time', () => {
    expect(resolveTime(state({ otherTimes: others }), undefined)).toEqual({ hour: 5, minute: 30 });
    expect(resolveTime(state({ otherTimes: [] }), undefined)).toEqual({ hour: 4, minute: 30 });
    const adopted = state({ otherTimes: others, crontab: { path: '', sha256: 'x', text: '15 3 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a > /tmp/x.log\n' } });
    expect(resolveTime(adopted, undefined)).toEqual({ hour: 3, minute: 15 });
  });

  it('refuses a time another host on the NAS starts at, naming the next free one, and a time that is none', () => {
    try {
      resolveTime(state({ otherTimes: others }), '04:30');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('setup.timeTaken');
      expect(isAppError(e) && e.details).toMatchObject({ host: 'esxi-08', free: '05:30' });
    }
    expect(refusal(() => resolveTime(state({}), '25:70'))).toBe('setup.timeInvalid');
  });

  it('keeps apart only hosts whose days overlap', () => {
    const weekdays = [{ host: 'esxi-08', hour: 4, minute: 30, days: [...WORK_DAYS] }];
    expect(resolveTime(state({ otherTimes: weekdays }), '04:30', [0, 6])).toEqual({ hour: 4, minute: 30 });
    expect(resolveTime(state({ otherTimes: weekdays }), undefined, [0, 6])).toEqual({ hour: 4, minute: 30 });
    expect(resolveTime(state({ otherTimes: weekdays }), undefined, [5, 6])).toEqual({ hour: 5, minute: 0 });
    expect(refusal(() => resolveTime(state({ otherTimes: weekdays }), '04:30', [1]))).toBe('setup.timeTaken');
  });

  it('reads back an adopted host’s days, else every day, and checks days asked for', () => {
    const line = (dow: string) => state({ crontab: { path: '', sha256: 'x', text: `15 3 * * ${dow} /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a > /tmp/x.log\n` } });
    expect(resolveDays(line('1-5'), undefined)).toEqual([1, 2, 3, 4, 5]);
    expect(resolveDays(line('sat,sun'), undefined)).toEqual([0, 6]);
    expect(resolveDays(state({}), undefined)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(resolveDays(line('1-5'), [3, 1])).toEqual([1, 3]);
    expect(refusal(() => resolveDays(state({}), [8]))).toBe('setup.daysInvalid');
    expect(refusal(() => resolveDays(state({}), []))).toBe('setup.daysInvalid');
  });

  it('moves the schedule to the NAS under Secure Boot, and refuses a host schedule there', () => {
    expect(resolveSchedule(state({}), undefined)).toBe('host');
    expect(resolveSchedule(state({ secureBoot: true }), undefined)).toBe('nas');
    expect(refusal(() => resolveSchedule(state({ secureBoot: true }), 'host'))).toBe('setup.secureBootNoLocalSh');
    expect(resolveSchedule(state({}), 'nas')).toBe('nas');
  });
});
