// cronjob.* as the TrueNAS middleware has them (System > Advanced > Cron Jobs): id, user, command, description,
// enabled, stdout/stderr (true = hide that stream, as the UI's checkboxes), schedule {minute, hour, dom, month, dow}.
// The lab's clock runs the due ones (test/lab/clock.ts) inside the NAS as their user.
import { fail, Verrors } from './errors.ts';
import { applyQuery, type QueryOptions } from './query.ts';
import type { NasCronJob, NasState } from './state.ts';

const USERS = ['root', 'admin', 'truenas_admin', 'nobody'];
const SCHEDULE_KEYS = ['minute', 'hour', 'dom', 'month', 'dow'] as const;

function render(job: NasCronJob): Record<string, unknown> {
  return { ...job, schedule: { ...job.schedule } };
}

function jobs(state: NasState): NasCronJob[] {
  state.cronJobs ??= [];
  return state.cronJobs;
}

function applyFields(job: NasCronJob, input: Record<string, unknown>, schema: string): void {
  const v = new Verrors();
  if ('user' in input) job.user = typeof input['user'] === 'string' ? input['user'] : '';
  if ('command' in input) job.command = typeof input['command'] === 'string' ? input['command'] : '';
  if (typeof input['description'] === 'string') job.description = input['description'];
  for (const key of ['enabled', 'stdout', 'stderr'] as const) if (typeof input[key] === 'boolean') job[key] = input[key];
  const schedule = input['schedule'];
  if (schedule !== undefined) {
    if (schedule === null || typeof schedule !== 'object') v.add(`${schema}.schedule`, 'Expected an object');
    else {
      for (const [key, value] of Object.entries(schedule as Record<string, unknown>)) {
        if (!(SCHEDULE_KEYS as readonly string[]).includes(key)) v.add(`${schema}.schedule.${key}`, 'Field was not expected');
        else if (typeof value !== 'string' || !/^[\d*,/-]+$|^[a-z*,/-]+$/i.test(value)) v.add(`${schema}.schedule.${key}`, `Invalid value: ${String(value)}`);
        else job.schedule[key as (typeof SCHEDULE_KEYS)[number]] = value;
      }
    }
  }
  if (job.user === '') v.add(`${schema}.user`, 'attribute required');
  else if (!USERS.includes(job.user)) v.add(`${schema}.user`, 'Specified user does not exist');
  if (job.command.trim() === '') v.add(`${schema}.command`, 'attribute required');
  v.check();
}

function find(state: NasState, id: unknown): NasCronJob {
  const job = jobs(state).find((j) => j.id === Number(id));
  if (job === undefined) fail('ALL', `cronjob ${String(id)} does not exist`, 'ENOENT');
  return job;
}

export const cronjobMethods = {
  'cronjob.query': (state: NasState, args: unknown[]) => applyQuery(jobs(state).map(render), args[0], args[1] as QueryOptions | undefined),
  'cronjob.get_instance': (state: NasState, args: unknown[]) => render(find(state, args[0])),
  'cronjob.create': (state: NasState, args: unknown[]) => {
    const job: NasCronJob = {
      id: state.nextCronJobId ?? 1,
      user: '',
      command: '',
      description: '',
      enabled: true,
      stdout: true,
      stderr: false,
      schedule: { minute: '00', hour: '*', dom: '*', month: '*', dow: '*' },
    };
    applyFields(job, (args[0] ?? {}) as Record<string, unknown>, 'cron_job_create');
    state.nextCronJobId = job.id + 1;
    jobs(state).push(job);
    return render(job);
  },
  'cronjob.update': (state: NasState, args: unknown[]) => {
    const job = find(state, args[0]);
    const updated: NasCronJob = { ...job, schedule: { ...job.schedule } };
    applyFields(updated, (args[1] ?? {}) as Record<string, unknown>, 'cron_job_update');
    Object.assign(job, updated);
    return render(job);
  },
  'cronjob.delete': (state: NasState, args: unknown[]) => {
    const job = find(state, args[0]);
    state.cronJobs = jobs(state).filter((j) => j !== job);
    return true;
  },
};
