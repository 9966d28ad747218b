// ssh2 is CommonJS: Node's ESM loader gives it as a default export only (the CLI runs the sources on Node).
import ssh2 from 'ssh2';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PlanStep, Words } from '../../../shared/model/operation.ts';
import { LOCAL_SH, ROOT_CRONTAB } from '../esxi/host-files.ts';
import { analyseLocalSh } from '../esxi/local-sh.ts';
import { scheduledRuns } from '../fleet/cron-invocation.ts';
import { midcltAction, shellAction, step, undoStep, words } from '../operations/plan-steps.ts';
import { cmd, raw, sh, type ShellCommand } from '../shell/command.ts';
import { fileWriteStep, type FileWrite } from './file-steps.ts';
import { keyComment, nasJobDescription, nasKeyPath, nasKnownHostsPath, stamp } from './names.ts';
import { page, type PagePlan, type PlanContext } from './plan-context.ts';
import { dowText, sameDays } from '../../../shared/model/week-days.ts';
import { dowDays, spokenDays } from './days.ts';
import { caughtVms, exclusionSteps, unknownVmNotes } from './exclusions.ts';
import { clockText } from './request.ts';
import { BLOCK_BEGIN, authorizedKeysWith, crontabWith, forcedKeyLine, ghettoVcbRun, hostCronLine, knownHostsLine, localShRestores, localShWith, nasSshCommand } from './schedule-text.ts';

/**
 * The schedule (page f). On the host: one crontab line (a new `-l` log on the share per run), put back at every
 * boot by a block of local.sh, saved with auto-backup.sh. With Secure Boot local.sh never runs, so the schedule
 * moves to the NAS: a TrueNAS cron job starts the run over SSH with a key of its own, which the host's
 * authorized_keys lets run that one command only, and the host's own line is removed (never two runs a night).
 */
export const RESTART_CROND: ShellCommand = sh`${raw('kill $(cat /var/run/crond.pid) 2>/dev/null;')} ${cmd('/usr/lib/vmware/busybox/bin/busybox', 'crond')}`;
export const SAVE_CONFIG: ShellCommand = cmd('/sbin/auto-backup.sh');

/** What the host's and the NAS's schedule pieces need: the removal plans them too, without the rest of a setup. */
export type ScheduleContext = Pick<PlanContext, 'state' | 'uploads' | 'now' | 'host' | 'nas'>;

function crontabWrite(ctx: ScheduleContext, after: string): FileWrite {
  const { state } = ctx;
  return {
    id: 'crontab',
    target: ctx.host,
    path: ROOT_CRONTAB,
    before: { sha256: state.crontab.sha256! },
    after,
    mode: 0o600,
    now: ctx.now,
    copyPath: `${state.installDir}/crontab-root.custode-${stamp(ctx.now)}`,
    staging: '/tmp/custode-crontab-root.new',
    then: [RESTART_CROND],
  };
}

function localShWrite(ctx: ScheduleContext, after: string): FileWrite {
  const { state } = ctx;
  return {
    id: 'local-sh',
    target: ctx.host,
    path: LOCAL_SH,
    before: state.localSh.sha256 === null ? null : { sha256: state.localSh.sha256 },
    after,
    mode: 0o755,
    now: ctx.now,
    // ESXi runs what is in rc.local.d at boot: the old copy is kept in the ghettoVCB folder instead.
    copyPath: `${state.installDir}/local.sh.custode-${stamp(ctx.now)}`,
    staging: '/tmp/custode-local.sh.new',
    then: [SAVE_CONFIG],
  };
}

/** The host's own ghettoVCB line and local.sh block, as `line` says (null: none). */
export function hostSide(ctx: ScheduleContext, line: string | null): PlanStep[] {
  const { state } = ctx;
  const crontab = state.crontab.text ?? '';
  const runs = scheduledRuns(crontab);
  const steps: PlanStep[] = [];
  const crontabDone = line === null ? runs.length === 0 : runs.length === 1 && runs[0]!.line === line;
  if (!crontabDone) steps.push(fileWriteStep(crontabWrite(ctx, crontabWith(crontab, line)), ctx.uploads));
  const localSh = state.localSh.text;
  const hasOurs = localSh !== null && (localSh.includes(BLOCK_BEGIN) || analyseLocalSh(localSh).appends.some((a) => a.ghettoVcb));
  const localDone = line === null ? !hasOurs : localShRestores(localSh, line);
  if (!localDone) steps.push(fileWriteStep(localShWrite(ctx, localShWith(localSh ?? '#!/bin/sh\n\nexit 0\n', line)), ctx.uploads));
  return steps;
}

export function authorizedKeysStep(ctx: ScheduleContext, line: string | null): PlanStep[] {
  const { state } = ctx;
  const current = state.authorizedKeys.text ?? '';
  const after = authorizedKeysWith(current, keyComment(state.ip), line);
  if (after === current) return [];
  const before = state.authorizedKeys.sha256 === null ? null : { sha256: state.authorizedKeys.sha256 };
  return [fileWriteStep({ id: 'authorized-keys', target: ctx.host, path: state.authorizedKeys.path, before, after, mode: 0o600, now: ctx.now, then: [SAVE_CONFIG] }, ctx.uploads)];
}

export function nasJobRemoval(ctx: ScheduleContext): PlanStep[] {
  const { state } = ctx;
  const job = state.nasJobs.find((j) => j.description === nasJobDescription(state.ip));
  return job ? [step({ id: 'nas-job-remove', target: ctx.nas, words: words('setup.step.nasJobRemove', { id: job.id }), actions: [midcltAction('cronjob.delete', job.id)], undo: null })] : [];
}

/** The NAS-driven schedule: key, the host's key for the NAS, the forced command on the host, the cron job. */
function nasSide(ctx: PlanContext, run: ShellCommand): PlanStep[] {
  const { state, nas } = ctx;
  const steps: PlanStep[] = [];
  const key = nasKeyPath(state.ip);
  let publicKey = state.nasKeyPub;
  if (publicKey === null) {
    const pair = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256, comment: keyComment(state.ip) });
    publicKey = pair.public.trim();
    steps.push(step({ id: 'nas-ssh-dir', target: nas, words: words('setup.step.nasSshDir'), actions: [shellAction(sh`mkdir -p /root/.ssh && chmod 700 /root/.ssh`)], undo: [] }));
    steps.push(fileWriteStep({ id: 'nas-key', target: nas, path: key, before: null, after: pair.private, mode: 0o600, now: ctx.now }, ctx.uploads));
    steps.push(fileWriteStep({ id: 'nas-key-pub', target: nas, path: `${key}.pub`, before: null, after: `${publicKey}\n`, mode: 0o644, now: ctx.now }, ctx.uploads));
  }
  if (state.hostKey === null) throw new AppError('setup.hostKeyUnknown', `Custode has no pinned key for ${state.host.name}; refresh it in the fleet view first`, { host: state.host.name });
  const known = knownHostsLine(state.host.address, state.host.port, state.hostKey.keyType, state.hostKey.publicKey);
  if (state.nasKnownHosts.text !== known) {
    const before = state.nasKnownHosts.sha256 === null ? null : { sha256: state.nasKnownHosts.sha256 };
    steps.push(fileWriteStep({ id: 'nas-known-hosts', target: nas, path: nasKnownHostsPath(state.ip), before, after: known, mode: 0o644, now: ctx.now }, ctx.uploads));
  }
  steps.push(...authorizedKeysStep(ctx, forcedKeyLine(run, publicKey)));
  const desired = {
    user: 'root',
    command: nasSshCommand({ key, knownHosts: nasKnownHostsPath(state.ip), address: state.host.address, port: state.host.port }).text,
    description: nasJobDescription(state.ip),
    enabled: true,
    stdout: true,
    stderr: false,
    schedule: { minute: String(ctx.time.minute), hour: String(ctx.time.hour), dom: '*', month: '*', dow: dowText(ctx.days) },
  };
  const job = state.nasJobs.find((j) => j.description === desired.description);
  const same = job && job.command === desired.command && job.enabled && job.user === 'root' && job.schedule.minute === desired.schedule.minute && job.schedule.hour === desired.schedule.hour && job.schedule.dom === '*' && job.schedule.month === '*' && sameDays(dowDays(job.schedule.dow), ctx.days);
  if (!same) {
    steps.push(
      step({
        id: 'nas-job',
        target: nas,
        words: words(job ? 'setup.step.nasJobUpdate' : 'setup.step.nasJob', { time: clockText(ctx.time), ...spokenDays(ctx.days), host: state.host.name }),
        actions: [job ? midcltAction('cronjob.update', job.id, desired) : midcltAction('cronjob.create', desired)],
        undo: job ? null : [undoStep({ id: 'nas-job-undo', target: nas, words: words('setup.undo.nasJob'), actions: [shellAction(removeJobByDescription(desired.description))] })],
      }),
    );
  }
  return steps;
}

/** Deletes the cron job with this description, whatever id the NAS gave it (known only once it exists). */
export function removeJobByDescription(description: string): ShellCommand {
  const query = cmd('midclt', 'call', 'cronjob.query', JSON.stringify([['description', '=', description]]), JSON.stringify({ select: ['id'] }));
  return sh`for id in $(${query} | tr -cs '0-9' ' '); do ${cmd('midclt', 'call', 'cronjob.delete')} "$id" || exit 1; done`;
}

/**
 * An adopted host's own line, when it already does what Custode would: the one ghettoVCB line, every VM with this
 * script and conf, at this time, its log (`-l` or the captured output) on the share. It is kept as it is.
 */
function adoptedLine(ctx: PlanContext): string | null {
  const runs = scheduledRuns(ctx.state.crontab.text ?? '');
  if (runs.length !== 1) return null;
  const { cron, invocation: inv, line } = runs[0]!;
  const log = inv.logFile ?? inv.stdoutTarget;
  const same =
    inv.script === ctx.state.script.path &&
    inv.all &&
    inv.vm === null &&
    inv.vmList === null &&
    inv.globalConf === ctx.state.conf.path &&
    inv.exclusionList === (ctx.exclude.length === 0 ? null : ctx.state.exclusion.path) &&
    log !== null &&
    log.startsWith(`${ctx.volumePath}/`) &&
    cron.minute.text === String(ctx.time.minute) &&
    cron.hour.text === String(ctx.time.hour) &&
    cron.dayOfMonth.any &&
    cron.month.any &&
    sameDays(cron.dayOfWeek.values, ctx.days);
  return same ? line : null;
}

/**
 * The exclusion file is written before a line names it and set aside only after no line names it any more: a run
 * in between never meets a missing file (ghettoVCB would stop at once).
 */
export function planSchedule(ctx: PlanContext): PagePlan {
  const { state } = ctx;
  const run = ghettoVcbRun(state.script.path, state.conf.path, ctx.volumePath, ctx.exclude.length === 0 ? null : state.exclusion.path);
  const notes: Words[] = [];
  if (state.secureBoot) notes.push(words('setup.schedule.secureBoot'));
  if (state.execInstalledOnly === true) notes.push(words('setup.schedule.execInstalledOnly'));
  if (ctx.exclude.length > 0) notes.push(words('setup.exclude.list', { vms: ctx.exclude.join(', '), path: state.exclusion.path }));
  const hostVms = state.esxi.vms.map((v) => v.inventory.name);
  notes.push(...unknownVmNotes(ctx.exclude, hostVms));
  // A file kept as it is may already leave out more VMs than it names (asked names that would are refused).
  notes.push(...caughtVms(ctx.exclude, hostVms).map((c) => words('setup.exclude.catchesOther', c)));
  const [first, last] = ctx.exclude.length === 0 ? [[], exclusionSteps(ctx, [])] : [exclusionSteps(ctx, ctx.exclude), []];
  const when = { time: clockText(ctx.time), ...spokenDays(ctx.days) };
  if (ctx.schedule === 'host') {
    const line = adoptedLine(ctx) ?? hostCronLine(ctx.time, ctx.days, run);
    const steps = [...first, ...hostSide(ctx, line), ...authorizedKeysStep(ctx, null), ...nasJobRemoval(ctx), ...last];
    return page('schedule', words(ctx.days.length === 7 ? 'setup.schedule.host' : 'setup.schedule.hostDays', { ...when, line }), steps, notes);
  }
  const steps = [...first, ...nasSide(ctx, run), ...hostSide(ctx, null), ...last];
  return page('schedule', words(ctx.days.length === 7 ? 'setup.schedule.nas' : 'setup.schedule.nasDays', { ...when, nas: state.nas.name }), steps, notes);
}
