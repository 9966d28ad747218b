import type { backupMethods } from '../../../shared/ipc/backup.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import type { BackupService } from './backup-service.ts';

export function backupHandlers(deps: { backup: BackupService; jobs: JobRegistry; hostName(hostId: string): string }): HandlerMap<typeof backupMethods> {
  return {
    'backup.check': ({ hostId, vms }) => {
      // An unknown host is refused now, not inside the job.
      const title = deps.hostName(hostId);
      return deps.jobs.start({ kind: 'backup.check', title, run: (ctx) => deps.backup.check(hostId, vms ?? null, ctx) });
    },
  };
}
