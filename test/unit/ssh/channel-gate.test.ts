import { describe, expect, it } from 'vitest';
import { ChannelGate } from '../../../electron/core/ssh/channel-gate.ts';

const never = new AbortController().signal;
const tick = () => new Promise((r) => setImmediate(r));

function gate(limit: number, maxWaitMs = 60_000) {
  const calls: string[] = [];
  const g = new ChannelGate(limit, maxWaitMs, { onIdle: () => calls.push('idle'), onBusy: () => calls.push('busy') });
  return { g, calls };
}

describe('ChannelGate', () => {
  it('lets `limit` through, queues the rest in order, and hands slots on as they free', async () => {
    const { g } = gate(2);
    const order: number[] = [];
    const releases = await Promise.all([g.acquire(never), g.acquire(never)]);
    const waiting = [3, 4].map((n) => g.acquire(never).then((release) => (order.push(n), release)));
    await tick();
    expect(g.open).toBe(2);
    expect(g.waiting).toBe(2);
    releases[0]!();
    const third = await waiting[0]!;
    expect(order).toEqual([3]);
    releases[1]!();
    third();
    (await waiting[1]!)();
    expect(order).toEqual([3, 4]);
    expect(g.open).toBe(0);
    expect(g.peak).toBe(2);
  });

  it('a release counts once, however often it is called', async () => {
    const { g } = gate(1);
    const release = await g.acquire(never);
    release();
    release();
    expect(g.open).toBe(0);
  });

  it('an aborted waiter leaves the queue with ssh.cancelled', async () => {
    const { g } = gate(1);
    await g.acquire(never);
    const controller = new AbortController();
    const waiting = g.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ssh.cancelled' });
    expect(g.waiting).toBe(0);
  });

  it('waiting too long gives ssh.channelLimit', async () => {
    const { g } = gate(1, 20);
    await g.acquire(never);
    await expect(g.acquire(never)).rejects.toMatchObject({ code: 'ssh.channelLimit', details: { limit: 1 } });
  });

  it('tells when it becomes busy and when it is idle again', async () => {
    const { g, calls } = gate(1);
    const release = await g.acquire(never);
    release();
    expect(calls).toEqual(['busy', 'idle']);
  });

  it('rejectWaiting fails everyone queued', async () => {
    const { g } = gate(1);
    await g.acquire(never);
    const waiting = g.acquire(never);
    g.rejectWaiting(new Error('closing'));
    await expect(waiting).rejects.toThrow('closing');
  });
});
