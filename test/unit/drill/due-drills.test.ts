import { afterEach, describe, expect, it, vi } from 'vitest';
import { DrillScheduler, SCHEDULED_REASON } from '../../../electron/core/drill/drill-scheduler.ts';
import { dueDrills } from '../../../electron/core/drill/due-drills.ts';
import type { DrillRecord, DrillScheduleEntry } from '../../../shared/model/drill.ts';

const DAY = 86_400_000;
const NOW = 100 * DAY;
const HOSTS: Record<string, string> = { h7: 'esxi-07', h8: 'esxi-08' };
const name = (id: string) => HOSTS[id]!;
const entry = (vm: string, toHostId: string, everyDays = 30): DrillScheduleEntry => ({ vm, toHostId, everyDays });
const drill = (vm: string, targetHost: string, startedAt: number, result: DrillRecord['result'] = 'succeeded'): DrillRecord => ({
  id: `${vm}@${startedAt}`,
  vm,
  sourceHost: targetHost,
  copyFolder: 'c',
  targetHost,
  datastore: 'datastore1',
  tempName: 't',
  reason: 'r',
  startedAt,
  endedAt: null,
  recoveryMs: null,
  toolsMs: null,
  result,
  errorCode: null,
  operationId: null,
});

describe('dueDrills', () => {
  it('a VM never drilled onto its host is due', () => {
    expect(dueDrills([entry('dc01', 'h8')], [], name, NOW)).toEqual([entry('dc01', 'h8')]);
  });

  it('a drill 29 days ago (any result) keeps a 30-day entry waiting; one 31 days ago does not', () => {
    expect(dueDrills([entry('dc01', 'h8')], [drill('dc01', 'esxi-08', NOW - 29 * DAY, 'failed')], name, NOW)).toEqual([]);
    expect(dueDrills([entry('dc01', 'h8')], [drill('dc01', 'esxi-08', NOW - 31 * DAY)], name, NOW)).toEqual([entry('dc01', 'h8')]);
  });

  it('a drill of the VM onto another host does not count', () => {
    expect(dueDrills([entry('dc01', 'h8')], [drill('dc01', 'esxi-07', NOW - DAY)], name, NOW)).toEqual([entry('dc01', 'h8')]);
  });

  it('one VM per host at a time: the first due entry per host, none onto a host with a drill running', () => {
    const entries = [entry('dc01', 'h8'), entry('files', 'h8'), entry('web', 'h7'), entry('mail', 'h7')];
    expect(dueDrills(entries, [], name, NOW)).toEqual([entry('dc01', 'h8'), entry('web', 'h7')]);
    expect(dueDrills(entries, [drill('other', 'esxi-07', NOW - DAY, 'running')], name, NOW)).toEqual([entry('dc01', 'h8')]);
    // A drill left 'running' three days ago was cut short (the app stopped): it holds its host no longer.
    expect(dueDrills(entries, [drill('other', 'esxi-07', NOW - 3 * DAY, 'running')], name, NOW)).toEqual([entry('dc01', 'h8'), entry('web', 'h7')]);
  });
});

describe('DrillScheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('starts the due drills at once and at each hourly check, with the reason "scheduled drill"; stop ends the checks', async () => {
    vi.useFakeTimers();
    const kept: DrillRecord[] = [];
    const started: [string, string][] = [];
    const scheduler = new DrillScheduler({
      entries: () => [entry('dc01', 'h8', 1), entry('gone', 'h9')],
      drills: () => kept,
      hostName: (id) => HOSTS[id] ?? null,
      now: () => Date.now(),
      start: (e, reason) => {
        started.push([e.vm, reason]);
        kept.push(drill(e.vm, name(e.toHostId), Date.now()));
        return Promise.resolve();
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([['dc01', SCHEDULED_REASON]]);
    await vi.advanceTimersByTimeAsync(23 * 3_600_000);
    expect(started).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(started).toEqual([
      ['dc01', 'scheduled drill'],
      ['dc01', 'scheduled drill'],
    ]);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(started).toHaveLength(2);
  });

  it('an entry switched off is kept but never started; switched on again it is due', async () => {
    const started: string[] = [];
    let enabled = false;
    const scheduler = new DrillScheduler({
      entries: () => [{ ...entry('dc01', 'h8'), enabled }, entry('web', 'h7')],
      drills: () => [],
      hostName: (id) => HOSTS[id] ?? null,
      start: (e) => (started.push(e.vm), Promise.resolve()),
    });
    await scheduler.check();
    expect(started).toEqual(['web']);
    enabled = true;
    await scheduler.check();
    expect(started).toEqual(['web', 'dc01', 'web']);
  });

  it('a drill that cannot start is told and the next due one still starts', async () => {
    const errors: string[] = [];
    const started: string[] = [];
    const scheduler = new DrillScheduler({
      entries: () => [entry('dc01', 'h8'), entry('web', 'h7')],
      drills: () => [],
      hostName: (id) => HOSTS[id] ?? null,
      start: (e) => (e.vm === 'dc01' ? Promise.reject(new Error('plan failed')) : (started.push(e.vm), Promise.resolve())),
      onError: (e, error) => errors.push(`${e.vm}: ${(error as Error).message}`),
    });
    await scheduler.check();
    expect(errors).toEqual(['dc01: plan failed']);
    expect(started).toEqual(['web']);
  });
});
