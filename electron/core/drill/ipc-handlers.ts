import { AppError } from '../../../shared/errors/app-error.ts';
import type { drillMethods } from '../../../shared/ipc/drill.ts';
import type { DrillEnded } from '../../../shared/model/drill.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import type { DrillService } from './drill-service.ts';

/** The drill calls: plan and run are jobs; a run that did not succeed ends its job with the drill's error code. */
export function drillHandlers(deps: { drill: DrillService; jobs: JobRegistry; hostName(hostId: string): string; onEnded(e: DrillEnded): void }): HandlerMap<typeof drillMethods> {
  const { drill, jobs } = deps;
  const running = new Set<string>();
  return {
    'drill.plan': (request) => jobs.start({ kind: 'drill.plan', title: `${request.vm} → ${deps.hostName(request.toHostId)}`, run: (ctx) => drill.plan(request, ctx) }),
    'drill.run': ({ drillId, reason }) => {
      if (reason.trim() === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
      const view = drill.planned(drillId);
      const ref = jobs.start({
        kind: 'drill.run',
        title: view.restore.name,
        run: async (ctx) => {
          try {
            const { record, notRemoved } = await drill.run(drillId, reason, ctx);
            deps.onEnded({ jobId: ctx.jobId, record, notRemoved });
            if (record.result === 'cancelled') throw new AppError('job.cancelled', 'The drill was cancelled; what it had made was removed', { drillId, notRemoved });
            if (record.result !== 'succeeded') throw new AppError(record.errorCode ?? 'drill.failed', `The drill of ${record.vm} did not succeed (${record.errorCode ?? 'drill.failed'})`, { drillId, notRemoved });
            return record;
          } finally {
            running.delete(ctx.jobId);
          }
        },
      });
      running.add(ref.jobId);
      return ref;
    },
    'drill.cancel': ({ jobId }) => ({ cancelled: running.has(jobId) && jobs.cancel(jobId) }),
    'drill.history': ({ vm, last }) => drill.history(vm, last),
  };
}
