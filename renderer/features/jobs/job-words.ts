import type { TFunction } from 'i18next';
import type { ToastTone } from '../../stores/toasts/store.ts';
import type { JobView } from '../../stores/jobs/store.ts';
import { errorText } from '../../i18n/error-text.ts';
import { backupRunToast } from '../backups/run-toast.ts';

/** A machine a fleet job reported on, as its result carries it. */
export interface MachineOutcome {
  hostId: string;
  name: string;
  state: string;
  error: { code: string; message: string } | null;
}

/** What the job works on and which: "Adding ESXi host esxi-01", "Checking esxi-07". */
export function jobTitle(t: TFunction, job: Pick<JobView, 'kind' | 'title'>): string {
  return t(`jobs.kind.${job.kind}`, { title: job.title, defaultValue: job.title || job.kind });
}

/** A fleet check's per-machine result; anything else reads as none. */
export function machineOutcomes(job: Pick<JobView, 'kind' | 'result'>): MachineOutcome[] | null {
  if (!job.kind.startsWith('fleet.refresh') || !Array.isArray(job.result)) return null;
  return (job.result as MachineOutcome[]).filter((r) => typeof r?.name === 'string' && typeof r.state === 'string');
}

/** Jobs that read for the page that asked (copies, datastores, a plan to review): the page shows their result. */
const READS_FOR_A_PAGE = new Set(['restore.copies', 'restore.datastores', 'restore.plan', 'drill.plan', 'setup.plan', 'backup.plan', 'backup.check', 'backup.findRunning']);

/** Whether a job's end is worth a toast: every failure and cancel, and every success but a read the page already shows. */
export function toastsWhenDone(job: Pick<JobView, 'kind' | 'state'>): boolean {
  return job.state !== 'succeeded' || !READS_FOR_A_PAGE.has(job.kind);
}

const answered = (state: string): boolean => state === 'ok' || state === 'partial';

/**
 * How a job ended, in one line coloured by its worst part: a fleet check that "completed" with a machine down is
 * not a success, it says how many answered and names those that did not.
 */
export function jobOutcome(t: TFunction, job: JobView): { tone: ToastTone; text: string } {
  const title = jobTitle(t, job);
  if (job.state === 'cancelled') return { tone: 'info', text: t('jobs.cancelled', { title }) };
  if (job.state === 'failed') return { tone: 'danger', text: `${t('jobs.failed', { title })}. ${job.error ? errorText(t, job.error) : ''}`.trim() };
  if (job.kind === 'backup.run') return backupRunToast(t, title, job.result) ?? { tone: 'success', text: t('jobs.done', { title }) };
  const machines = machineOutcomes(job);
  if (!machines || machines.length === 0) return { tone: 'success', text: t('jobs.done', { title }) };
  const silent = machines.filter((m) => !answered(m.state));
  const partial = machines.filter((m) => m.state === 'partial');
  const counts = t('jobs.fleet.answered', { count: machines.length, answered: machines.length - silent.length });
  if (silent.length > 0) return { tone: 'danger', text: `${title}: ${counts} ${t('jobs.fleet.silent', { names: silent.map((m) => m.name).join(', ') })}` };
  if (partial.length > 0) return { tone: 'warning', text: `${title}: ${counts} ${t('jobs.fleet.partial', { names: partial.map((m) => m.name).join(', ') })}` };
  return { tone: 'success', text: `${title}: ${counts}` };
}
