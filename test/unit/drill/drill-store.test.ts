import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { DrillStore, type NewDrill } from '../../../electron/core/drill/drill-store.ts';

const drill = (id: string, vm: string, startedAt: number): NewDrill => ({ id, vm, sourceHost: 'esxi-08', copyFolder: `${vm}-2026-12-01_03-00-00`, targetHost: 'esxi-08', datastore: 'datastore1', tempName: `${vm}-drill`, reason: 'monthly drill', startedAt });
const ok = (endedAt: number, recoveryMs: number, toolsMs: number | null) => ({ endedAt, recoveryMs, toolsMs, result: 'succeeded' as const, errorCode: null, operationId: 'op' });

describe('DrillStore (migration 9)', () => {
  it('keeps a drill from its start to its end, with what it measured', () => {
    const store = new DrillStore(openDatabase(':memory:'));
    expect(store.start(drill('d1', 'dc01', 1000))).toMatchObject({ id: 'd1', result: 'running', endedAt: null, recoveryMs: null });
    expect(store.end('d1', ok(9000, 4500, 6200))).toMatchObject({ id: 'd1', vm: 'dc01', result: 'succeeded', startedAt: 1000, endedAt: 9000, recoveryMs: 4500, toolsMs: 6200, operationId: 'op', reason: 'monthly drill' });
  });

  it('refuses to end a drill twice: the first end stays', () => {
    const store = new DrillStore(openDatabase(':memory:'));
    store.start(drill('d1', 'dc01', 1000));
    store.end('d1', ok(9000, 4500, null));
    expect(() => store.end('d1', { endedAt: 10_000, recoveryMs: null, toolsMs: null, result: 'failed', errorCode: 'x', operationId: null })).toThrow('not running');
    expect(store.get('d1')).toMatchObject({ result: 'succeeded', recoveryMs: 4500 });
  });

  it('lists newest first, per VM, and gives each VM its last N recovery times oldest first, succeeded drills only', () => {
    const store = new DrillStore(openDatabase(':memory:'));
    store.start(drill('a1', 'dc01', 100));
    store.end('a1', ok(200, 11_000, 15_000));
    store.start(drill('a2', 'dc01', 300));
    store.end('a2', { endedAt: 400, recoveryMs: null, toolsMs: null, result: 'cancelled', errorCode: 'job.cancelled', operationId: null });
    store.start(drill('a3', 'dc01', 500));
    store.end('a3', ok(600, 9000, null));
    store.start(drill('a4', 'dc01', 700));
    store.end('a4', ok(800, 8000, 9500));
    store.start(drill('b1', 'files', 650));
    store.end('b1', ok(750, 30_000, 31_000));
    expect(store.list().map((d) => d.id)).toEqual(['a4', 'b1', 'a3', 'a2', 'a1']);
    expect(store.list('dc01').map((d) => d.id)).toEqual(['a4', 'a3', 'a2', 'a1']);
    expect(store.trends(2)).toEqual([
      { vm: 'dc01', points: [{ at: 500, recoveryMs: 9000, toolsMs: null }, { at: 700, recoveryMs: 8000, toolsMs: 9500 }] },
      { vm: 'files', points: [{ at: 650, recoveryMs: 30_000, toolsMs: 31_000 }] },
    ]);
    expect(store.trends(10, 'files').map((t) => t.vm)).toEqual(['files']);
  });
});
