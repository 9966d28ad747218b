import type { restoreAccessMethods } from '../../../shared/ipc/restore.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import type { OpenAccesses } from './cross-host/open-accesses.ts';

/** The open temporary accesses: listed from the journal, each closed on demand as a job with the reason. */
export function restoreAccessHandlers(deps: { accesses: OpenAccesses; jobs: JobRegistry }): HandlerMap<typeof restoreAccessMethods> {
  const { accesses, jobs } = deps;
  return {
    'restore.accesses': () => accesses.list(),
    'restore.accessClose': ({ id, reason }) => {
      // A blank reason or an access that is not open is refused now, not inside the job.
      const a = accesses.accept(id, reason);
      return jobs.start({
        kind: 'restore.access.close',
        title: `${a.host.name} ← ${a.nas.name}:${a.share}`,
        run: (ctx) => accesses.close(id, reason, { signal: ctx.signal, progress: (p) => ctx.progress(p) }),
      });
    },
  };
}
