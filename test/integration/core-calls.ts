import type { Core } from '../../electron/core/app/create-core.ts';
import type { JobDone } from '../../shared/ipc/jobs.ts';

/**
 * Calls a core's contract as the UI does: `call` returns a method's value or throws with its error code; `job`
 * starts a job and waits for its `job:done` event (listened for before the start, so a quick job is not missed).
 * `core` is read at each call, so a test may close and reopen its core.
 */
export function coreCalls(core: () => Core) {
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await core().router.dispatch(name, input, { signal: new AbortController().signal });
    if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code} ${result.error.message}`), { code: result.error.code });
    return result.value as T;
  };
  const job = async (name: string, input: unknown): Promise<JobDone> => {
    const ended = new Map<string, JobDone>();
    let jobId: string | null = null;
    let wake: ((d: JobDone) => void) | null = null;
    const off = core().events.subscribe((event, payload) => {
      if (event !== 'job:done') return;
      const d = payload as JobDone;
      ended.set(d.jobId, d);
      if (d.jobId === jobId) wake?.(d);
    });
    try {
      jobId = (await call<{ jobId: string }>(name, input)).jobId;
      return ended.get(jobId) ?? (await new Promise<JobDone>((resolve) => (wake = resolve)));
    } finally {
      off();
    }
  };
  return { call, job };
}
