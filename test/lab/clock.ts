// `lab clock set HOST OFFSET`: one ESXi host's clock is off the lab's by OFFSET (a host without NTP), until set again.
// `lab clock advance DURATION`: every machine's clock jumps forward and what its scheduler would have started in the
// meantime runs now, in time order, each on the clock as it then stood (LAB_NOW): the ESXi hosts' own cron lines
// and the NAS's periodic snapshot tasks and cron jobs (cronjob.create). Each machine remembers up to when it ran its schedule, so a minute never
// fires twice and the seconds that really pass between two advances are not skipped.
import { AppError } from '../../shared/errors/app-error.ts';
import { fireCronLine, siteCronLines } from './cron.ts';
import { parseCronSchedule, dueTimes } from './cron-schedule.ts';
import { nowSeconds } from './esxi/clock.ts';
import { updateHostState } from './esxi/state.ts';
import { execInHost } from './host-process.ts';
import { isRunning } from './host-lifecycle.ts';
import type { LabRecord, LabHostRecord } from './lab-record.ts';
import { runSnapshotTask } from './nas/snapshots.ts';
import { nasNow, readNasState, updateNasState, type NasCronJob } from './nas/state.ts';
import { NAS_PATH } from './sshd-config.ts';

export interface FiredJob {
  /** Epoch seconds on the machine's clock when the job was due. */
  at: number;
  host: string;
  /** The cron line, `snapshot task N (dataset)` or `cron job N: command` on the NAS. */
  job: string;
  code: number;
  stdout: string;
  stderr: string;
}

export interface ClockAdvance {
  seconds: number;
  fired: FiredJob[];
  /** Machines whose clock moved but whose jobs did not run because they are powered off. */
  stopped: string[];
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 7 * 86400 };
const MAX_SECONDS = 400 * 86400;

/** `25h`, `90m`, `1d12h`, `45s`: whole units, at least a second, at most 400 days. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+)([smhdw])/g)];
  const seconds = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit!]!, 0);
  if (parts.map((p) => p[0]).join('') !== text || !(seconds >= 1 && seconds <= MAX_SECONDS)) {
    throw new AppError('lab.durationInvalid', `A duration is whole numbers with units s, m, h, d or w, from 1s to 400d (e.g. 25h, 90m, 1d12h); got ${text}`, { duration: text });
  }
  return seconds;
}

/** `-2h`, `+90m`, `1d12h`, `0`: a duration with a sign (none is ahead), or 0 for on time. */
export function parseOffset(text: string): number {
  if (text === '0') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  try {
    return sign * parseDuration(text.replace(/^[+-]/, ''));
  } catch {
    throw new AppError('lab.offsetInvalid', `A clock offset is 0 or a duration with a sign, - for behind (e.g. -2h, +90m, 1d12h); got ${text}`, { offset: text });
  }
}

export interface ClockSet {
  host: string;
  /** Seconds the host's clock is now off the lab's: negative behind. */
  offset: number;
  /** Epoch seconds on the host's clock right after. */
  hostNow: number;
}

/**
 * Puts one ESXi host's clock `offset` seconds off the lab's (what `lab clock advance` moves for every machine), as a
 * host without NTP drifts: its `date`, ghettoVCB's stamps and the simulated commands follow it. Nothing runs: the
 * minutes a jump forward skips are not a cron advance (they will not fire), and minutes already run never fire twice.
 */
export function setHostClock(host: LabHostRecord, offset: number): ClockSet {
  if (host.role !== 'esxi') throw new AppError('lab.clockNotEsxi', `Only an ESXi host's clock can be set off the lab's; ${host.name} is the NAS`, { host: host.name });
  const hostNow = updateHostState(host.hostFs, (s) => {
    const jump = offset - (s.clockSkew ?? 0);
    s.clockOffset += jump;
    s.clockSkew = offset;
    if (s.cronUntil !== undefined && jump > 0) s.cronUntil += jump;
    return nowSeconds(s.clockOffset);
  });
  return { host: host.name, offset, hostNow };
}

interface DueJob {
  at: number;
  host: LabHostRecord;
  job: string;
  run: () => Promise<Omit<FiredJob, 'at' | 'host' | 'job'>>;
}

async function esxiJobs(host: LabHostRecord, seconds: number): Promise<DueJob[]> {
  const { from, to } = updateHostState(host.hostFs, (s) => {
    const now = nowSeconds(s.clockOffset);
    const window = { from: s.cronUntil ?? now, to: now + seconds };
    s.clockOffset += seconds;
    s.cronUntil = window.to;
    return window;
  });
  if (!isRunning(host) || host.pid === null) return [];
  const pid = host.pid;
  const jobs: DueJob[] = [];
  for (const line of await siteCronLines(host)) {
    const schedule = parseCronSchedule(line.split(/\s+/).slice(0, 5));
    for (const at of dueTimes(schedule, from, to)) jobs.push({ at, host, job: line, run: () => fireCronLine(pid, line, at) });
  }
  return jobs;
}

function nasJobs(host: LabHostRecord, nasStatePath: string, seconds: number): DueJob[] {
  const { from, to } = updateNasState(nasStatePath, (s) => {
    const now = nasNow(s);
    const window = { from: s.scheduledUntil ?? now, to: now + seconds };
    s.clockOffset = (s.clockOffset ?? 0) + seconds;
    s.scheduledUntil = window.to;
    return window;
  });
  const jobs: DueJob[] = [];
  for (const task of readNasState(nasStatePath).snapshotTasks) {
    const { minute, hour, dom, month, dow } = task.schedule;
    for (const at of dueTimes(parseCronSchedule([minute, hour, dom, month, dow]), from, to)) {
      jobs.push({
        at,
        host,
        job: `snapshot task ${task.id} (${task.dataset})`,
        run: async () => {
          const made = updateNasState(nasStatePath, (s) => runSnapshotTask(s, s.snapshotTasks.find((t) => t.id === task.id)!, at));
          return { code: 0, stdout: made.map((m) => `${m}\n`).join(''), stderr: '' };
        },
      });
    }
  }
  if (!isRunning(host) || host.pid === null) return jobs;
  const pid = host.pid;
  for (const job of readNasState(nasStatePath).cronJobs ?? []) {
    if (!job.enabled) continue;
    const { minute, hour, dom, month, dow } = job.schedule;
    for (const at of dueTimes(parseCronSchedule([minute, hour, dom, month, dow]), from, to)) {
      jobs.push({ at, host, job: `cron job ${job.id}: ${job.command}`, run: () => runNasCronJob(pid, job, at) });
    }
  }
  return jobs;
}

/**
 * What the NAS's cron does with a due job: its command through sh in the NAS, with root's home (the middleware runs
 * it as `user`; every lab user is root underneath, which the lab's jobs do not depend on).
 */
async function runNasCronJob(pid: number, job: NasCronJob, at: number): Promise<Omit<FiredJob, 'at' | 'host' | 'job'>> {
  return execInHost(pid, '/bin/sh', ['-c', job.command], { PATH: NAS_PATH, HOME: '/root', USER: job.user, LOGNAME: job.user, LAB_NOW: String(at) });
}

export async function advanceClock(record: LabRecord, seconds: number): Promise<ClockAdvance> {
  const due: DueJob[] = [];
  for (const host of record.hosts) {
    if (host.role === 'esxi') due.push(...(await esxiJobs(host, seconds)));
    else due.push(...nasJobs(host, record.nasStatePath, seconds));
  }
  // Machines run side by side: jobs due in the same minute start together, later minutes wait for them.
  const order = new Map(record.hosts.map((h, i) => [h.name, i]));
  due.sort((a, b) => a.at - b.at || order.get(a.host.name)! - order.get(b.host.name)!);
  const fired: FiredJob[] = [];
  for (let i = 0; i < due.length; ) {
    const minute = due.filter((d) => d.at === due[i]!.at);
    const results = await Promise.all(minute.map((d) => d.run()));
    minute.forEach((d, k) => fired.push({ at: d.at, host: d.host.name, job: d.job, ...results[k]! }));
    i += minute.length;
  }
  const stopped = record.hosts.filter((h) => h.role === 'esxi' && !isRunning(h)).map((h) => h.name);
  return { seconds, fired, stopped };
}
