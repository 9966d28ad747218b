import { z } from 'zod';
import { JobRef } from './jobs.ts';

/**
 * Backups: the pre-flight of a host (or of chosen VMs) is a job whose result is a PreflightReport
 * (shared/model/backup.ts): it probes the host again and writes and removes one file in its backup folder.
 */
const Id = z.string().min(1).max(200);
const VmName = z.string().min(1).max(1000);

export const backupMethods = {
  'backup.check': { input: z.object({ hostId: Id, vms: z.array(VmName).max(1000).optional() }).strict(), output: JobRef },
} as const;
