import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import type { SetupPlanView } from '../../../shared/model/setup.ts';
import { checkDays, EVERY_DAY, overlap, type WeekDay } from '../../../shared/model/week-days.ts';
import { scheduledRuns } from '../fleet/cron-invocation.ts';
import { hostTarget, targetText, words } from '../operations/plan-steps.ts';
import { daysText, dowDays } from './days.ts';
import { checkExcludeNames, exclusionNames, refuseCaughtVms } from './exclusions.ts';
import { datasetName, nasJobDescription, sharePathOf, volumeNameOf } from './names.ts';
import { currentRotation, planConf } from './plan-conf.ts';
import type { PagePlan, PlanContext } from './plan-context.ts';
import { planInstall } from './plan-install.ts';
import { mountedVolume, planMount } from './plan-mount.ts';
import { planSchedule } from './plan-schedule.ts';
import { backupsDataset, planShare } from './plan-share.ts';
import { checkRotation, clockText, parseClockTime, type ClockTime, type SetupRequest } from './request.ts';
import type { SetupState } from './setup-state.ts';
import type { SetupUploads } from './uploads.ts';

/** The site's first slot (product.md), then every half hour: hosts on one NAS do not all write at once. */
const FIRST_SLOT = { hour: 4, minute: 30 };
const SLOT_MINUTES = 30;

const sameTime = (a: ClockTime, b: ClockTime): boolean => a.hour === b.hour && a.minute === b.minute;

/** The NAS job Custode made for this host, if any. */
const ownNasJob = (state: SetupState) => state.nasJobs.find((j) => j.description === nasJobDescription(state.ip));

/** When the host runs now: its crontab's ghettoVCB line, else the NAS job Custode made for it. */
export function currentTime(state: SetupState): ClockTime | null {
  const run = scheduledRuns(state.crontab.text ?? '')[0];
  if (run && /^\d+$/.test(run.cron.minute.text) && /^\d+$/.test(run.cron.hour.text)) return { hour: Number(run.cron.hour.text), minute: Number(run.cron.minute.text) };
  const job = ownNasJob(state);
  return job && /^\d+$/.test(job.schedule.minute) && /^\d+$/.test(job.schedule.hour) ? { hour: Number(job.schedule.hour), minute: Number(job.schedule.minute) } : null;
}

/** The days the host runs on now: its line's day-of-week field, else its NAS job's; null when it has neither. */
export function currentDays(state: SetupState): WeekDay[] | null {
  const run = scheduledRuns(state.crontab.text ?? '')[0];
  if (run) return run.cron.dayOfWeek.values as WeekDay[];
  const job = ownNasJob(state);
  return job ? dowDays(job.schedule.dow) : null;
}

/** The days asked for (checked), else the host's own, else every day. */
export function resolveDays(state: SetupState, asked: readonly number[] | undefined): WeekDay[] {
  return asked !== undefined ? checkDays(asked) : (currentDays(state) ?? [...EVERY_DAY]);
}

/** The VMs asked to be left out (checked), else the host's exclusion file's names. */
export function resolveExclude(state: SetupState, asked: readonly string[] | undefined): string[] {
  if (asked === undefined) return checkExcludeNames(exclusionNames(state.exclusion.text));
  const names = checkExcludeNames(asked);
  refuseCaughtVms(names, state.esxi.vms.map((v) => v.inventory.name));
  return names;
}

/**
 * The time asked for (refused when another host writing to the same NAS starts then on one of the same days, with
 * the next free slot named), else the host's own, else the first free slot from 04:30.
 */
export function resolveTime(state: SetupState, asked: string | undefined, days: readonly WeekDay[] = EVERY_DAY): ClockTime {
  const taken = (t: ClockTime) => state.otherTimes.find((o) => sameTime(o, t) && overlap(o.days, days));
  const free = (from: ClockTime): ClockTime => {
    for (let i = 0, m = from.hour * 60 + from.minute; i < 48; i++, m = (m + SLOT_MINUTES) % 1440) {
      const t = { hour: Math.floor(m / 60), minute: m % 60 };
      if (!taken(t)) return t;
    }
    return from;
  };
  if (asked !== undefined) {
    const t = parseClockTime(asked);
    const other = taken(t);
    if (other) throw new AppError('setup.timeTaken', `${other.host} already backs up to this NAS at ${clockText(t)}; choose another time, e.g. ${clockText(free(t))}`, { time: clockText(t), host: other.host, free: clockText(free(t)) });
    return t;
  }
  return currentTime(state) ?? free(FIRST_SLOT);
}

export function resolveSchedule(state: SetupState, asked: 'host' | 'nas' | undefined): 'host' | 'nas' {
  if (asked === 'host' && state.secureBoot) {
    throw new AppError('setup.secureBootNoLocalSh', `${state.host.name} boots with Secure Boot: local.sh never runs, so a cron line on the host is lost at the next reboot; use the NAS-driven schedule (--schedule nas)`, { host: state.host.name });
  }
  if (asked !== undefined) return asked;
  if (state.secureBoot) return 'nas';
  return ownNasJob(state) ? 'nas' : 'host';
}

export interface SetupPlanResult {
  view: SetupPlanView;
  plan: OperationPlan | null;
}

export function planSetup(state: SetupState, request: SetupRequest, uploads: SetupUploads, now: number, id: string = randomUUID()): SetupPlanResult {
  const days = resolveDays(state, request.days);
  const exclude = resolveExclude(state, request.exclude);
  const time = resolveTime(state, request.time, days);
  const rotation = checkRotation(request.rotation ?? currentRotation(state.conf.text) ?? 3);
  const dataset = datasetName(backupsDataset({ state }, request.dataset), state.ip);
  const sharePath = sharePathOf(dataset);
  const volume = mountedVolume({ state, sharePath }) ?? volumeNameOf(state.ip);
  const ctx: PlanContext = {
    state,
    uploads,
    now,
    host: hostTarget(state.host) as PlanContext['host'],
    nas: hostTarget(state.nas) as PlanContext['nas'],
    dataset,
    sharePath,
    volume,
    volumePath: `/vmfs/volumes/${volume}`,
    nfsVersion: request.nfsVersion ?? 'nfs41',
    time,
    days,
    exclude,
    schedule: resolveSchedule(state, request.schedule),
    rotation,
    snapshots: request.snapshots ?? null,
    ghettovcb: request.ghettovcb ?? null,
    draft: request.draft ?? false,
  };
  // Every page is planned (and may refuse) before any plan exists: a refusal leaves nothing half made.
  const pages: PagePlan[] = [planShare(ctx), planMount(ctx), planInstall(ctx), planConf(ctx, request.rotation !== undefined), planSchedule(ctx)];
  const steps = pages.flatMap((p) => p.steps);
  const waiting = pages.filter((p) => p.waiting === true).map((p) => p.view.page);
  const plan: OperationPlan | null =
    steps.length === 0
      ? null
      : {
          id,
          kind: 'setup.apply',
          title: words('setup.title', { host: state.host.name, nas: state.nas.name }),
          about: targetText(ctx.host),
          createdAt: now,
          risk: 'medium',
          steps,
          undoOf: null,
        };
  return {
    // A draft still waiting for a choice is shown, never kept to run.
    plan: waiting.length > 0 ? null : plan,
    view: {
      host: state.host.name,
      nas: state.nas.name,
      ip: state.ip,
      pages: pages.map((p) => p.view),
      plan,
      changes: steps.length,
      ...(waiting.length > 0 ? { waiting } : {}),
      vms: state.esxi.vms.map((v) => v.inventory.name),
      exclude,
      summary: {
        dataset,
        share: sharePath,
        volume,
        script: state.script.path,
        conf: state.conf.path,
        rotation,
        time: clockText(time),
        days: daysText(days),
        exclude: exclude.length === 0 ? null : exclude.join(', '),
        schedule: ctx.schedule,
        esxi: state.esxiVersion,
        secureBoot: state.secureBoot ? 'enabled' : 'disabled',
      },
    },
  };
}
