import { AppError } from '../../../shared/errors/app-error.ts';
import type { backupMethods } from '../../../shared/ipc/backup.ts';
import type { RunLive, VmProgress } from '../../../shared/model/backup.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobContext, JobRegistry } from '../jobs/job-registry.ts';
import type { BackupService } from './backup-service.ts';

/** What a followed run tells its job: each log line as a job log line, the VMs' states as progress. */
function followContext(ctx: JobContext, onLive?: (event: { jobId: string; live: RunLive }) => void) {
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
      const done = vms.filter((v) => v.state === 'done' || v.state === 'skipped' || v.state === 'failed').length;
      const current = vms.find((v) => v.state !== 'waiting' && v.state !== 'done' && v.state !== 'skipped' && v.state !== 'failed');
      ctx.progress({
        fraction: vms.length === 0 ? null : done / vms.length,
        stepKey: current ? `cli.backup.vm.${current.state}` : null,
        stepParams: current ? { vm: current.vm, disk: current.disk ?? '', percent: current.percent ?? '' } : {},
      });
    },
  };
}

export function backupHandlers(deps: { backup: BackupService; jobs: JobRegistry; hostName(hostId: string): string; onLive?(event: { jobId: string; live: RunLive }): void }): HandlerMap<typeof backupMethods> {
  const { backup, jobs } = deps;
  return {
    'backup.check': ({ hostId, vms }) => {
      // An unknown host is refused now, not inside the job.
      const title = deps.hostName(hostId);
      return jobs.start({ kind: 'backup.check', title, run: (ctx) => backup.check(hostId, vms ?? null, ctx) });
    },
    'backup.start': ({ hostId, vms, dryRun, reason }) => {
      const title = deps.hostName(hostId);
      if (reason.trim() === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
      return jobs.start({
        kind: 'backup.run',
        title,
        run: async (ctx) => {
          const run = await backup.start(await backup.planRun(hostId, { vms, dryRun }, ctx), reason, ctx);
          return backup.follow(run.id, followContext(ctx, deps.onLive));
        },
      });
    },
    'backup.attach': ({ hostId }) => {
      const title = deps.hostName(hostId);
      const run = backup.latestRun(hostId);
      if (run === null) throw new AppError('backup.noRun', `Custode started no backup on ${title}`, { host: title });
      return jobs.start({ kind: 'backup.run', title, run: (ctx) => backup.follow(run.id, followContext(ctx, deps.onLive)) });
    },
    'backup.runs': ({ hostId }) => backup.runs(hostId),
    'backup.findRunning': ({ hostId }) => {
      const title = deps.hostName(hostId);
      return jobs.start({ kind: 'backup.findRunning', title, run: (ctx) => backup.findRunning(hostId, ctx) });
    },
  };
}
