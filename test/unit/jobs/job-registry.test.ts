import { describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../shared/ipc/contract.ts';
import { EventHub } from '../../../electron/core/ipc/event-hub.ts';
import { JobRegistry, abortableDelay } from '../../../electron/core/jobs/job-registry.ts';

function recorder() {
  const hub = new EventHub();
  const events: { event: EventName; payload: Record<string, unknown> }[] = [];
  hub.subscribe((event, payload) => events.push({ event, payload: payload as Record<string, unknown> }));
  const done = (jobId: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const off = hub.subscribe((event, payload) => {
        const p = payload as Record<string, unknown>;
        if (event === 'job:done' && p.jobId === jobId) {
          off();
          resolve(p);
        }
      });
    });
  return { hub, events, done };
}

/** A promise and the function that settles it: a test waits on an event instead of a pause. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('job registry', () => {
  it('reports start, progress, log and success with the result', async () => {
    const { hub, events, done } = recorder();
    const jobs = new JobRegistry(hub);
    const { jobId } = jobs.start({
      kind: 'test',
      title: 'test',
      run: async (ctx) => {
        ctx.progress({ fraction: 0.5, step: 'half' });
        ctx.log('info', 'halfway');
        return { answer: 42 };
      },
    });
    expect(await done(jobId)).toEqual({ jobId, state: 'succeeded', result: { answer: 42 } });
    expect(events.map((e) => e.event)).toEqual(['job:started', 'job:progress', 'job:log', 'job:done']);
    expect(events[1]!.payload).toMatchObject({ fraction: 0.5, step: 'half' });
    expect(jobs.list()[0]).toMatchObject({ jobId, state: 'succeeded', fraction: 1 });
  });

  it('cancel aborts the signal the work is waiting on, and the job ends as cancelled, not failed', async () => {
    const { hub, done } = recorder();
    const jobs = new JobRegistry(hub);
    let sawAbort = false;
    const { promise: isWaiting, resolve: waiting } = signal();
    const { jobId } = jobs.start({
      kind: 'test',
      title: 'slow',
      run: async (ctx) => {
        ctx.signal.addEventListener('abort', () => (sawAbort = true));
        const delay = abortableDelay(60_000, ctx.signal);
        waiting();
        await delay;
        return 'never';
      },
    });
    const finished = done(jobId);
    await isWaiting;
    expect(jobs.cancel(jobId)).toBe(true);
    expect(await finished).toMatchObject({ jobId, state: 'cancelled', error: { code: 'job.cancelled' } });
    expect(sawAbort).toBe(true);
    expect(jobs.cancel(jobId)).toBe(false);
  });

  it('a failing job carries its error code', async () => {
    const { hub, done } = recorder();
    const jobs = new JobRegistry(hub);
    const { jobId } = jobs.start({ kind: 'test', title: 'fail', run: async () => Promise.reject(new Error('disk on fire')) });
    expect(await done(jobId)).toMatchObject({ state: 'failed', error: { code: 'internal', message: 'disk on fire' } });
  });

  it('coalesces a flood of progress updates and always delivers the last one', async () => {
    // Updates are sent at most every 100 ms: fake timers step to that edge instead of sleeping past it.
    vi.useFakeTimers();
    try {
      const { hub, events, done } = recorder();
      const jobs = new JobRegistry(hub);
      const { promise: release, resolve: finish } = signal();
      const { jobId } = jobs.start({
        kind: 'test',
        title: 'chatty',
        run: async (ctx) => {
          for (let i = 1; i <= 1000; i++) ctx.progress({ fraction: i / 1000 });
          await release;
          return null;
        },
      });
      const progress = () => events.filter((e) => e.event === 'job:progress');
      await vi.advanceTimersByTimeAsync(99);
      expect(progress().map((e) => e.payload.fraction)).toEqual([0.001]);
      await vi.advanceTimersByTimeAsync(1);
      expect(progress().map((e) => e.payload.fraction)).toEqual([0.001, 1]);
      const ended = done(jobId);
      finish();
      await ended;
      expect(progress()).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses to cancel an unknown job with a typed error', () => {
    const jobs = new JobRegistry(new EventHub());
    expect(() => jobs.cancel('nope')).toThrow(expect.objectContaining({ code: 'job.notFound' }));
  });
});
