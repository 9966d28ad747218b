import { createCore } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { JobDone } from '../../../shared/ipc/jobs.ts';

/**
 * The app's core over the CLI session's data folder, as the restore and drill tests drive it through IPC: `call`
 * dispatches a method (throwing its error), `ended` waits for a job's end (100 ms apart, at most 5 minutes).
 */
export function appCore(home: string) {
  const core = createCore({ dataDir: home, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
  const done = new Map<string, JobDone>();
  core.events.subscribe((event, payload) => {
    if (event === 'job:done') done.set((payload as JobDone).jobId, payload as JobDone);
  });
  const call = async (name: string, input: unknown): Promise<unknown> => {
    const r = (await core.router.dispatch(name, input, { signal: new AbortController().signal })) as { ok: boolean; value?: unknown; error?: unknown };
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  const ended = async (jobId: string): Promise<JobDone> => {
    for (let i = 0; i < 3000 && !done.has(jobId); i++) await new Promise((r) => setTimeout(r, 100));
    return done.get(jobId)!;
  };
  return { core, call, ended };
}
