import { AppError } from '../../../shared/errors/app-error.ts';
import type { backupMethods } from '../../../shared/ipc/backup.ts';
import type { RunLive, VmProgress } from '../../../shared/model/backup.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobContext, JobRegistry } from '../jobs/job-registry.ts';
import type { BackupHistory } from './backup-history.ts';
import type { BackupService, PlannedRun } from './backup-service.ts';
import { FINISHED } from './progress.ts';

type ProgressListener = (event: { jobId: string; runId: string; vms: VmProgress[] }) => void;
type LiveListener = (event: { jobId: string; live: RunLive }) => void;

/** Plans kept for review at most; an older one must be planned again. */
const KEEP_PLANS = 20;

/**
 * What a followed run tells its job: each log line as a job log line, the VM at work as the job's progress, every
 * VM's state to `onRunProgress`, and the live view (disk N of M, bytes, time left) to `onLive`.
 */
function followContext(ctx: JobContext, runId: string, onRunProgress: ProgressListener, onLive?: LiveListener) {
  const decoder = new TextDecoder();
  let partial = '';
  return {
    signal: ctx.signal,
    onBytes(chunk: Buffer) {
      const lines = (partial + decoder.decode(chunk, { stream: true })).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) ctx.log('info', line);
    },
    ...(onLive ? { onRunLive: (live: RunLive) => onLive({ jobId: ctx.jobId, live }) } : {}),
    onProgress(vms: VmProgress[]) {
      onRunProgress({ jobId: ctx.jobId, runId, vms });
      const done = vms.filter((v) => FINISHED.has(v.state)).length;
      const current = vms.find((v) => v.state !== 'waiting' && !FINISHED.has(v.state));
      ctx.progress({
        fraction: vms.length === 0 ? null : done / vms.length,
        stepKey: current ? `cli.backup.vm.${current.state}` : null,
        stepParams: current ? { vm: current.vm, disk: current.disk ?? '', percent: current.percent ?? '' } : {},
      });
    },
  };
}

export function backupHandlers(deps: {
  backup: BackupService;
  history: BackupHistory;
  jobs: JobRegistry;
  hostName(hostId: string): string;
  onRunProgress: ProgressListener;
  onLive?: LiveListener;
}): HandlerMap<typeof backupMethods> {
  const { backup, history, jobs, onRunProgress, onLive } = deps;
  const reviewed = new Map<string, PlannedRun>();
  const keep = (planned: PlannedRun): void => {
    reviewed.set(planned.plan.id, planned);
    for (const id of [...reviewed.keys()].slice(0, Math.max(0, reviewed.size - KEEP_PLANS))) reviewed.delete(id);
  };
  /** The run reviewed under `planId`, once: a plan starts at most one run. */
  const takeReviewed = (planId: string, hostId: string): PlannedRun => {
    const planned = reviewed.get(planId);
    if (planned === undefined || planned.hostId !== hostId) throw new AppError('backup.planUnknown', `No reviewed backup plan ${planId}; review the run again`, { planId });
    reviewed.delete(planId);
    return planned;
  };
  /** The job following each run, so attaching to a run already followed joins that job instead of reading twice. */
  const followers = new Map<string, string>();
  /** A job following a run; a run known before the job begins is taken at once, so an attach right after joins it. */
  const followJob = (title: string, knownRunId: string | null, runIdOf: (ctx: JobContext) => Promise<string>) => {
    const ref = jobs.start({
      kind: 'backup.run',
      title,
      run: async (ctx) => {
        let id = knownRunId;
        try {
          id = await runIdOf(ctx);
          followers.set(id, ctx.jobId);
          await backup.follow(id, followContext(ctx, id, onRunProgress, onLive));
          // With its verification, so the job's end can say how the copies are.
          return history.run(id);
        } finally {
          if (id !== null) followers.delete(id);
        }
      },
    });
    if (knownRunId !== null) followers.set(knownRunId, ref.jobId);
    return ref;
  };
  return {
    'backup.check': ({ hostId, vms }) => {
      // An unknown host is refused now, not inside the job.
      const title = deps.hostName(hostId);
      return jobs.start({ kind: 'backup.check', title, run: (ctx) => backup.check(hostId, vms ?? null, ctx) });
    },
    'backup.plan': ({ hostId, vms, dryRun, consolidate }) => {
      const title = deps.hostName(hostId);
      return jobs.start({
        kind: 'backup.plan',
        title,
        run: async (ctx) => {
          const planned = await backup.planRun(hostId, { vms, dryRun, consolidate }, ctx);
          keep(planned);
          return { planId: planned.plan.id, plan: planned.plan, preflight: planned.preflight };
        },
      });
    },
    'backup.start': ({ hostId, vms, dryRun, consolidate, reason, planId, confirm }) => {
      const title = deps.hostName(hostId);
      if (reason.trim() === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
      const planned = planId === undefined ? null : takeReviewed(planId, hostId);
      return followJob(title, planned?.runId ?? null, async (ctx) => (await backup.start(planned ?? (await backup.planRun(hostId, { vms, dryRun, consolidate }, ctx)), reason, ctx, confirm)).id);
    },
    'backup.snapshots': ({ hostId, vm }, ctx) => backup.snapshots(hostId, vm, ctx.signal),
    'backup.attach': ({ hostId }) => {
      const title = deps.hostName(hostId);
      const run = backup.latestRun(hostId);
      if (run === null) throw new AppError('backup.noRun', `Custode started no backup on ${title}`, { host: title });
      const following = followers.get(run.id);
      return following === undefined ? followJob(title, run.id, () => Promise.resolve(run.id)) : { jobId: following };
    },
    'backup.cancel': ({ hostId, reason }) => {
      const title = deps.hostName(hostId);
      if (reason.trim() === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
      return jobs.start({ kind: 'backup.cancel', title, run: async (ctx) => backup.cancel(await backup.planCancel(hostId, ctx), reason, ctx) });
    },
    'backup.runs': ({ hostId }) => history.runs(hostId),
    'backup.verify': ({ hostId }) => {
      const title = deps.hostName(hostId);
      return jobs.start({ kind: 'backup.verify', title, run: (ctx) => history.verifyHost(hostId, ctx) });
    },
    'backup.lastGood': ({ hostId }) => history.lastGood(hostId),
    'backup.alerts': () => history.alerts(),
    'backup.alertSettings': () => history.settings(),
    'backup.updateAlertSettings': (settings) => history.updateSettings(settings),
    'backup.findRunning': ({ hostId }) => {
      const title = deps.hostName(hostId);
      return jobs.start({ kind: 'backup.findRunning', title, run: (ctx) => backup.findRunning(hostId, ctx) });
    },
  };
}
