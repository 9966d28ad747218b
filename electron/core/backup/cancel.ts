import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { BackupRun, RunVmOutcome } from '../../../shared/model/backup.ts';
import type { OperationPlan, OperationResult } from '../../../shared/model/operation.ts';
import { getAllVmsCommand, parseGetAllVms } from '../esxi/getallvms.ts';
import { assessLock, DEFAULT_WORKDIR, lockProbeCommand, parseLockProbe } from '../esxi/ghettovcb-lock.ts';
import { parseSnapshotTree, snapshotGetCommand } from '../esxi/snapshot-tree.ts';
import type { FleetService, WorkContext } from '../fleet/fleet-service.ts';
import { targetFor } from '../fleet/targets.ts';
import { GhettoVcbLogParser } from '../ghettovcb/log/parser.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';
import { throwUnlessSucceeded, type OperationService } from '../operations/operation-service.ts';
import { sh, type ShellCommand } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import {
  asProcessEntries,
  descendants,
  lockStartCommand,
  parseEpoch,
  parsePartialFolders,
  parseProcessTree,
  partialFoldersCommand,
  processTreeCommand,
  snapshotsOfRun,
  type PartialFolder,
} from './cancel-reads.ts';
import { planCancel, type CancelTarget, type RunSnapshot } from './cancel-plan.ts';
import { runOutcomes } from './follow.ts';
import { runSetup } from './run-setup.ts';
import type { RunStore } from './run-store.ts';

export interface CancelDeps {
  fleet: FleetService;
  ssh: SshService;
  operations: OperationService;
  runs: RunStore;
  now: () => number;
}

/** A cancel planned for review: the plan, the run as read, and Custode's record of it (null: a run Custode did not start, e.g. cron's). */
export interface PlannedCancel {
  hostId: string;
  host: string;
  plan: OperationPlan;
  target: CancelTarget;
  run: BackupRun | null;
}

export interface CancelResult {
  operationId: string;
  host: string;
  pid: number;
  /** The processes below ghettoVCB when the cancel was planned (the stop reads them again as it runs). */
  children: { pid: number; command: string }[];
  removedSnapshots: { vm: string; name: string; id: number }[];
  /** Left in place, marked with a STATUS.error, never a good copy. */
  partialFolders: PartialFolder[];
  /** Custode's record of the run, now `cancelled`; null for a run Custode did not start. */
  run: BackupRun | null;
}

const COMMAND_TIMEOUT_MS = 30_000;
const SAME_RUN_CHECK = 'backup.cancel.check.sameRun';

async function read(deps: CancelDeps, hostId: string, command: ShellCommand, signal: AbortSignal) {
  return deps.ssh.run(hostId, command, { signal, timeoutMs: COMMAND_TIMEOUT_MS });
}

/** ghettoVCB's pid, proven: its lock names it, it is alive, and it is a ghettoVCB with the default work folder. */
async function lockHolder(deps: CancelDeps, hostId: string, host: string, signal: AbortSignal) {
  const probe = parseLockProbe((await read(deps, hostId, lockProbeCommand(), signal)).stdout);
  if (probe.state !== 'present') throw new AppError('backup.nothingToCancel', `No ghettoVCB run is going on on ${host} (${DEFAULT_WORKDIR} does not exist); nothing was stopped`, { host, workdir: DEFAULT_WORKDIR });
  const listed = await read(deps, hostId, processTreeCommand(), signal);
  const tree = parseProcessTree(listed.stdout);
  if (tree === null) throw new AppError('backup.cancelNoProcessTree', `The ps of ${host} shows no parent process ids, so Custode cannot prove which processes belong to the run; nothing was stopped`, { host });
  const lock = assessLock(probe, asProcessEntries(tree));
  const pid = probe.pid;
  if (lock.state === 'stale') throw new AppError('backup.cancelStaleLock', `No ghettoVCB run is going on on ${host}: the lock ${DEFAULT_WORKDIR} was left behind by process ${pid ?? '?'}, which is gone; nothing was stopped`, { host, workdir: DEFAULT_WORKDIR, pid: pid ?? '?' });
  if (pid === null || !lock.reasons.some((r) => r.code === 'esxi.lock.pidAlive')) {
    throw new AppError('backup.cancelUnproven', `The lock ${DEFAULT_WORKDIR} on ${host} does not name a running ghettoVCB yet; nothing was stopped. Try again in a moment`, { host, workdir: DEFAULT_WORKDIR });
  }
  const since = parseEpoch((await read(deps, hostId, lockStartCommand(), signal)).stdout);
  if (since === null) throw new AppError('backup.cancelUnproven', `The lock ${DEFAULT_WORKDIR} on ${host} does not say when the run started; nothing was stopped. Try again in a moment`, { host, workdir: DEFAULT_WORKDIR });
  return { pid, since, tree };
}

/** Custode's record of the run holding the lock: the newest run on the host still going, whose wrapper is ghettoVCB's parent. */
function recordOf(deps: CancelDeps, hostId: string, wrapperPid: number | null): BackupRun | null {
  const latest = deps.runs.latest(hostId);
  return latest !== null && (latest.state === 'running' || latest.state === 'starting') && latest.pid !== null && latest.pid === wrapperPid ? latest : null;
}

/** Where the run writes its copies: the folder its log is in for Custode's runs, else the schedule's conf as last probed. */
function volumeOf(deps: CancelDeps, hostId: string, run: BackupRun | null): string | null {
  if (run !== null) return run.logPath.slice(0, run.logPath.lastIndexOf('/')) || null;
  const facts = deps.fleet.esxiFacts(hostId);
  const volume = facts === null ? null : (runSetup(facts)?.volume ?? null);
  return volume !== null && volume.startsWith('/vmfs/volumes/') ? volume : null;
}

export async function planHostCancel(deps: CancelDeps, hostId: string, ctx: WorkContext): Promise<PlannedCancel> {
  const hostRecord = deps.fleet.hosts.get(hostId);
  if (hostRecord.role !== 'esxi') throw new AppError('backup.notEsxi', `${hostRecord.name} is a NAS, not an ESXi host`, { host: hostRecord.name });
  deps.ssh.register(targetFor(hostRecord));
  const host = hostRecord.name;
  const { signal } = ctx;
  ctx.progress?.({ fraction: 0.1, stepKey: 'backup.cancel.progress.read', stepParams: { host } });
  const { pid, since, tree } = await lockHolder(deps, hostId, host, signal);
  const run = recordOf(deps, hostId, tree.find((p) => p.pid === pid)?.ppid ?? null);

  const inventory = parseGetAllVms((await read(deps, hostId, getAllVmsCommand(), signal)).stdout).vms;
  const vms = run === null || run.vms.length === 0 ? inventory : inventory.filter((v) => run.vms.includes(v.name));
  let snapshotsText = '';
  const candidates: RunSnapshot[] = [];
  for (const vm of vms) {
    const out = (await read(deps, hostId, snapshotGetCommand(vm.vmid), signal)).stdout;
    snapshotsText += out;
    for (const s of snapshotsOfRun(parseSnapshotTree(out).roots, since)) candidates.push({ vm: vm.name, vmid: vm.vmid, id: s.id!, name: s.name, createdOn: s.createdOn });
  }
  // A snapshot is the run's only when its log says it took it (`Creating Snapshot "<name>" for <vm>`) as well as by
  // name and time: times are in seconds, so a look-alike made in the second the lock was taken passes the time test.
  // The log is read after the snapshots, so one taken in between is in both. Without Custode's record of the run
  // there is no log to ask, and no snapshot is removed.
  const logged = run === null || candidates.length === 0 ? null : await loggedRun(deps, run, signal);
  const taken = new Set((logged?.vms ?? []).flatMap((v) => (v.snapshotName === null ? [] : [`${v.name}\n${v.snapshotName}`])));
  const snapshots = candidates.filter((c) => taken.has(`${c.vm}\n${c.name}`));
  const volume = volumeOf(deps, hostId, run);
  const partialText = volume === null ? '' : (await read(deps, hostId, partialFoldersCommand(volume, since), signal)).stdout;
  const target: CancelTarget = {
    pid,
    children: descendants(tree, pid),
    since,
    vmids: vms.map((v) => v.vmid),
    snapshotsText,
    snapshots,
    volume,
    partialText,
    partial: volume === null ? [] : parsePartialFolders(volume, partialText),
  };
  return { hostId, host, plan: planCancel(hostRecord, target, randomUUID(), deps.now()), target, run };
}

/** The run's log on the share as it stands now, parsed: its last run (null when the log holds none). */
async function loggedRun(deps: CancelDeps, run: BackupRun, signal: AbortSignal): Promise<LogRun | null> {
  const parser = new GhettoVcbLogParser();
  const decoder = new TextDecoder('utf-8');
  await deps.ssh.read(run.hostId, run.logPath, (chunk) => void parser.feed(decoder.decode(chunk, { stream: true })), { signal, timeoutMs: COMMAND_TIMEOUT_MS });
  parser.feed(decoder.decode());
  return parser.end().runs.at(-1) ?? null;
}

/** How the run's VMs went, from its log on the share as it stands now. */
async function logOutcomes(deps: CancelDeps, run: BackupRun, signal: AbortSignal): Promise<{ outcomes: RunVmOutcome[]; finalStatus: string | null }> {
  const last = await loggedRun(deps, run, signal);
  return { outcomes: runOutcomes(last), finalStatus: last?.finalStatus ?? null };
}

/** The VMs whose copy was cut off are `cancelled`, with their partial folder as the reason. */
const withPartial = (outcomes: readonly RunVmOutcome[], partial: readonly PartialFolder[]): RunVmOutcome[] => [
  ...outcomes.filter((o) => !partial.some((f) => f.vm === o.vm)),
  ...partial.map((f) => ({ vm: f.vm, outcome: 'cancelled', reason: f.path, durationSeconds: null })),
];

/**
 * Runs a reviewed cancel with the user's reason through the operations path. Once the stop went through, Custode's
 * record of the run is marked `cancelled` (with the partial copy folders as its VMs' outcomes), even when a later
 * step failed: the run is over either way.
 */
export async function runHostCancel(deps: CancelDeps, planned: PlannedCancel, reason: string, ctx: WorkContext): Promise<CancelResult> {
  if (reason.trim() === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
  const result: OperationResult = await deps.operations.runNow(planned.plan, reason, { signal: ctx.signal, ...(ctx.progress ? { progress: ctx.progress } : {}) });
  const first = result.steps[0];
  if (first?.outcome === 'refused') {
    const failed = first.error?.details?.['check'];
    if (failed !== SAME_RUN_CHECK) {
      throw new AppError('backup.cancelMovedOn', `The run on ${planned.host} moved on since the cancel was planned (${String(failed)}); nothing was stopped. Plan the cancel again`, { host: planned.host, check: String(failed ?? ''), operationId: result.operationId });
    }
    throw new AppError('backup.nothingToCancel', `The ghettoVCB run on ${planned.host} ended before it could be cancelled; nothing was stopped`, { host: planned.host, workdir: DEFAULT_WORKDIR, operationId: result.operationId });
  }
  let run: BackupRun | null = null;
  if (first?.outcome === 'succeeded' && planned.run !== null) {
    const known = planned.run;
    // The run is over whatever the host answers now: without its log, the outcomes are the ones already recorded.
    const { outcomes, finalStatus } = await logOutcomes(deps, known, ctx.signal).catch(() => ({ outcomes: known.outcomes, finalStatus: known.finalStatus }));
    const exit = await read(deps, planned.hostId, sh`cat ${known.exitPath} 2>/dev/null`, ctx.signal).then((r) => r.stdout.trim()).catch(() => '');
    const at = deps.now();
    deps.runs.cancelled(known.id, { at, exitCode: /^\d+$/.test(exit) ? Number(exit) : null, finalStatus, outcomes: withPartial(outcomes, planned.target.partial), durationMs: at - known.startedAt });
    run = deps.runs.get(known.id);
  }
  throwUnlessSucceeded(result);
  return {
    operationId: result.operationId,
    host: planned.host,
    pid: planned.target.pid,
    children: planned.target.children.map((c) => ({ pid: c.pid, command: c.command })),
    removedSnapshots: planned.target.snapshots.map((s) => ({ vm: s.vm, name: s.name, id: s.id })),
    partialFolders: planned.target.partial,
    run,
  };
}
