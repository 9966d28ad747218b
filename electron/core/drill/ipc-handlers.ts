import { AppError } from '../../../shared/errors/app-error.ts';
import type { drillMethods } from '../../../shared/ipc/drill.ts';
import type { JobRef } from '../../../shared/ipc/jobs.ts';
import type { DrillEnded } from '../../../shared/model/drill.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import type { DrillService } from './drill-service.ts';
import type { DrillScheduleStore } from './schedule-store.ts';

export interface DrillHandlerDeps {
  drill: DrillService;
  schedule: DrillScheduleStore;
  jobs: JobRegistry;
  hostName(hostId: string): string;
  onEnded(e: DrillEnded): void;
}

/**
 * The drill calls: plan and run are jobs; a run that did not succeed ends its job with the drill's error code.
 * `startRun` is also how the scheduler starts a due drill, so it shows and cancels like one the user started.
 */
export function drillHandlers(deps: DrillHandlerDeps): { handlers: HandlerMap<typeof drillMethods>; startRun(drillId: string, reason: string): JobRef } {
  const { drill, jobs } = deps;
  const running = new Set<string>();
  const startRun = (drillId: string, reason: string): JobRef => {
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
  };
  return {
    startRun,
    handlers: {
      'drill.plan': (request) => jobs.start({ kind: 'drill.plan', title: `${request.vm} → ${deps.hostName(request.toHostId)}`, run: (ctx) => drill.plan(request, ctx) }),
      'drill.run': ({ drillId, reason }) => startRun(drillId, reason),
      'drill.cancel': ({ jobId }) => ({ cancelled: running.has(jobId) && jobs.cancel(jobId) }),
      'drill.history': ({ vm, last }) => drill.history(vm, last),
      'drill.schedule.get': () => deps.schedule.get(),
      'drill.schedule.set': (schedule) => deps.schedule.set(schedule),
    },
  };
}
