import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';
import type { restoreMethods } from '../../../shared/ipc/restore.ts';
import type { RestoreEnded, RestoreProgress } from '../../../shared/model/restore.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import type { RestoreService } from './restore-service.ts';

/** The restore calls: each long piece is a job; a run's per-disk progress goes out as `restore:progress`. */
export function restoreHandlers(deps: { restore: RestoreService; jobs: JobRegistry; hostName(hostId: string): string; onProgress(p: RestoreProgress): void; onEnded(e: RestoreEnded): void }): HandlerMap<typeof restoreMethods> {
  const { restore, jobs } = deps;
  const running = new Set<string>();
  return {
    'restore.copies': ({ vm, fromHostId }) => jobs.start({ kind: 'restore.copies', title: vm, run: (ctx) => restore.copies(vm, fromHostId, ctx) }),
    'restore.plan': (request) => {
      const title = deps.hostName(request.toHostId);
      return jobs.start({ kind: 'restore.plan', title, run: (ctx) => restore.plan(request, ctx) });
    },
    'restore.datastores': ({ hostId }) => jobs.start({ kind: 'restore.datastores', title: deps.hostName(hostId), run: (ctx) => restore.datastores(hostId, ctx) }),
    'restore.review': ({ planId }) => ({ plan: restore.operationPlan(planId) }),
    'restore.run': ({ planId, reason }) => {
      if (reason.trim() === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
      // An unknown plan is refused now, not inside the job.
      const plan = restore.operationPlan(planId);
      const ref = jobs.start({
        kind: 'restore.run',
        // The job's title is what the user reads when it ends: the new VM and its host, not the plan's id.
        title: plan === null ? planId : `${String(plan.title.params['name'] ?? '')} · ${plan.about}`,
        run: async (ctx) => {
          try {
            const result = await restore.run(planId, reason, { ...ctx, onProgress: (p) => deps.onProgress({ jobId: ctx.jobId, ...p }) });
            deps.onEnded({ jobId: ctx.jobId, outcome: 'succeeded', result, error: null, cleanup: null });
            return result;
          } catch (error) {
            const data = toErrorData(error);
            const d = data.details ?? {};
            const cleanup = Array.isArray(d['removed']) ? { unregistered: typeof d['unregistered'] === 'string' && d['unregistered'] !== '' ? d['unregistered'] : null, removed: d['removed'] as string[], notRemoved: (d['notRemoved'] as string[] | undefined) ?? [] } : null;
            deps.onEnded({ jobId: ctx.jobId, outcome: ctx.signal.aborted ? 'cancelled' : 'failed', result: null, error: { code: data.code, message: data.message }, cleanup });
            throw error;
          } finally {
            running.delete(ctx.jobId);
          }
        },
      });
      running.add(ref.jobId);
      return ref;
    },
    'restore.cancel': ({ jobId }) => ({ cancelled: running.has(jobId) && jobs.cancel(jobId) }),
  };
}
