import { AppError } from '../../../shared/errors/app-error.ts';
import type { backupMethods } from '../../../shared/ipc/backup.ts';
import type { VmProgress } from '../../../shared/model/backup.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobContext, JobRegistry } from '../jobs/job-registry.ts';
import type { BackupHistory } from './backup-history.ts';
import type { BackupService } from './backup-service.ts';

/** What a followed run tells its job: each log line as a job log line, the VMs' states as progress. */
function followContext(ctx: JobContext) {
  const decoder = new TextDecoder();
  let partial = '';
  return {
    signal: ctx.signal,
    onBytes(chunk: Buffer) {
      const lines = (partial + decoder.decode(chunk, { stream: true })).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) ctx.log('info', line);
    },
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

export function backupHandlers(deps: { backup: BackupService; history: BackupHistory; jobs: JobRegistry; hostName(hostId: string): string }): HandlerMap<typeof backupMethods> {
  const { backup, history, jobs } = deps;
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
          return backup.follow(run.id, followContext(ctx));
        },
      });
    },
    'backup.attach': ({ hostId }) => {
      const title = deps.hostName(hostId);
      const run = backup.latestRun(hostId);
      if (run === null) throw new AppError('backup.noRun', `Custode started no backup on ${title}`, { host: title });
      return jobs.start({ kind: 'backup.run', title, run: (ctx) => backup.follow(run.id, followContext(ctx)) });
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
  };
}
