import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import { carriedHint } from '../../../shared/errors/carried-hint.ts';
import type { BackupRun, PreflightReport, RunLive, VmProgress } from '../../../shared/model/backup.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { osActor } from '../audit/actor.ts';
import { throwUnlessSucceeded, type OperationService } from '../operations/operation-service.ts';
import { planHostCancel, runHostCancel, type CancelResult, type PlannedCancel } from './cancel.ts';
import { followRun, type FollowContext } from './follow.ts';
import { launchCommandOutput, runFiles, type RunFiles, type RunRequest } from './launch.ts';
import { planBackupRun } from './plan-run.ts';
import { readConsolidations, requireConfirmed, vmSnapshots } from './consolidate.ts';
import { type RunStore } from './run-store.ts';
import { awaitCancel } from './cancel-mark.ts';
import { dirname, splitVolumePath } from '../esxi/datastore-path.ts';
import { adopt, backupShare } from '../fleet/adoption.ts';
import { namedEsxiHost } from '../fleet/named-host.ts';
import { targetFor } from '../fleet/targets.ts';
import type { FleetService, WorkContext } from '../fleet/fleet-service.ts';
import { cmd } from '../shell/command.ts';
import { loginRefused } from '../ssh/errors.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { otherWriters } from './other-writers.ts';
import { findRunGoingOn } from './cron-run-find.ts';
import { liveDisks } from './live-disks.ts';
import { LiveTracker } from './live-progress.ts';
import { judgePreflight } from './preflight.ts';
import { asCancelled, settledProgress } from './progress.ts';
import { hostBlocks } from '../../../shared/model/backup.ts';
import { runSetup } from './run-setup.ts';
import { parseWriteTest, writeTestCommand, writeTestFile, type WriteTest } from './write-test.ts';

export interface BackupDeps {
  fleet: FleetService;
  ssh: SshService;
  /** Runs are started through the reviewed operation path (plan, reason, audit). */
  operations: OperationService;
  runs: RunStore;
  /** Where Custode keeps its copy of each run's log. */
  copiesDir: string;
  now?: () => number;
  /** Following: how often the log is read while nothing new came (default 500 ms). */
  pollMs?: number;
  /** Called once a followed run has ended (its copies verified, its end announced: BackupHistory.afterRun). */
  afterEnd?(run: BackupRun, signal: AbortSignal): Promise<unknown>;
}

/** A run planned for review: the plan, and what it will create on the host. */
export interface PlannedRun {
  hostId: string;
  runId: string;
  request: RunRequest;
  files: RunFiles;
  plan: OperationPlan;
  preflight: PreflightReport;
}

const COMMAND_TIMEOUT_MS = 30_000;

/**
 * Backups of one host, driven through the ghettoVCB already installed there. The pre-flight reads only: a fresh
 * probe of the host, and one file written and removed in its backup folder.
 */
export class BackupService {
  readonly #deps: BackupDeps;
  readonly #now: () => number;
  /** The cancels going on, by host: settled once the cancel is over (whether it stopped the run or not). */
  readonly #cancelling = new Map<string, Promise<void>>();

  constructor(deps: BackupDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** The ESXi host a user named (its id, name, or address[:port]). */
  findHost(text: string): string {
    return namedEsxiHost(this.#deps.fleet.hosts.list(), text, 'backup');
  }


  async check(hostId: string, vms: readonly string[] | null, ctx: WorkContext): Promise<PreflightReport> {
    const { fleet } = this.#deps;
    const host = fleet.hosts.get(hostId);
    if (host.role !== 'esxi') throw new AppError('backup.notEsxi', `${host.name} is a NAS, not an ESXi host`, { host: host.name });
    ctx.progress?.({ fraction: 0.05, stepKey: 'backup.progress.probe', stepParams: { host: host.name } });
    // The NAS is read again too: whether the share is read-only or full is its answer, not the host's.
    const nasIds = fleet.hosts.list().filter((h) => h.role === 'nas').map((h) => h.id);
    const outcome = (await fleet.refresh([hostId, ...nasIds], { signal: ctx.signal })).find((o) => o.hostId === hostId);
    if (outcome === undefined || outcome.state === 'unreachable' || outcome.state === 'failed') {
      const cause = outcome?.error ?? null;
      // A host that answered but refused the login is not "off or unreachable": say so, with how to log in.
      const code = loginRefused(cause) ? 'backup.hostLogin' : 'backup.hostUnreachable';
      throw new AppError(code, `${host.name} could not be checked: ${cause?.message ?? 'no answer'}`, { host: host.name, cause: cause?.code ?? '', ...carriedHint(cause) });
    }
    const { details, known } = fleet.esxiDetails();
    const mine = details.find((d) => d.status.host.id === hostId)!;
    const facts = mine.facts;
    if (facts === null) throw new AppError('backup.hostUnreachable', `${host.name} could not be checked`, { host: host.name, cause: '' });
    const requested = vms === null || vms.length === 0 ? null : [...new Set(vms)];
    for (const name of requested ?? []) {
      if (!facts.vms.some((v) => v.inventory.name === name)) throw new AppError('backup.unknownVm', `${host.name} has no VM named ${name}`, { host: host.name, vm: name });
    }
    const setup = runSetup(facts);
    const volume = setup?.volume ?? null;
    const share = backupShare(facts, volume, adopt(host, facts, volume, known));
    ctx.progress?.({ fraction: 0.8, stepKey: 'backup.progress.writeTest', stepParams: { host: host.name } });
    const writeTest = volume !== null && splitVolumePath(volume) !== null && share.mounted !== false ? await this.#writeTest(hostId, volume, ctx.signal) : null;
    return judgePreflight({ status: mine.status, facts, setup, share, requested, writeTest, others: otherWriters(mine, details), now: this.#now() });
  }

  /**
   * The plan of a run now, after a pre-flight: refused when a check about the whole host blocks (the lock held, the
   * share read-only…). VMs that would be skipped are in the pre-flight, and the run goes on without them.
   */
  async planRun(hostId: string, request: RunRequest, ctx: WorkContext): Promise<PlannedRun> {
    const preflight = await this.check(hostId, request.vms, ctx);
    const blocks = hostBlocks(preflight);
    const held = blocks.find((b) => b.code === 'backup.check.lock.running');
    if (held) throw new AppError('backup.lockHeld', `Another ghettoVCB run holds the lock on ${preflight.host}; nothing was started`, { host: preflight.host, ...held.params });
    if (blocks.length > 0) {
      const first = blocks[0]!;
      throw new AppError('backup.runBlocked', `A check about ${preflight.host} blocks the run: ${blocks.map((b) => b.code).join(', ')}`, { host: preflight.host, check: first.check, code: first.code, ...first.params });
    }
    const setup = preflight.setup!;
    const host = this.#deps.fleet.hosts.get(hostId);
    const picks = request.consolidate ?? [];
    const outside = picks.find((p) => request.vms.length > 0 && !request.vms.includes(p.vm));
    if (outside) throw new AppError('backup.consolidateNotInRun', `${outside.vm} is not among the VMs of this run; its snapshot is not removed and nothing was started`, { host: host.name, vm: outside.vm });
    const consolidate = picks.length === 0 ? [] : await readConsolidations(this.#deps.ssh, hostId, host.name, this.#deps.fleet.esxiFacts(hostId)!, picks, ctx.signal);
    const runId = randomUUID();
    const now = this.#now();
    const files = runFiles(setup.volume!, runId, now);
    const plan = planBackupRun(host, setup, request, files, randomUUID(), now, consolidate);
    return { hostId, runId, request, files, plan, preflight };
  }

  /**
   * Starts a planned run with the user's reason: the run is recorded first (so it is found again whatever happens
   * next), then the plan runs through the operations path and the wrapper's pid is kept.
   */
  async start(planned: PlannedRun, reason: string, ctx: WorkContext, confirm: readonly string[] = []): Promise<BackupRun> {
    if (reason.trim() === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
    // Removing a picked snapshot is a dangerous step: each needs the user's second confirmation naming it.
    requireConfirmed(planned.plan.steps, confirm);
    const host = this.#deps.fleet.hosts.get(planned.hostId);
    const actor = osActor();
    const { runs } = this.#deps;
    runs.add({
      id: planned.runId,
      hostId: host.id,
      hostName: host.name,
      startedAt: this.#now(),
      startedBy: `${actor.user}@${actor.workstation}`,
      reason: reason.trim(),
      vms: planned.request.vms,
      dryRun: planned.request.dryRun,
      logPath: planned.files.log,
      exitPath: planned.files.exit,
    });
    let result;
    try {
      result = await this.#deps.operations.runNow(planned.plan, reason, { signal: ctx.signal, ...(ctx.progress ? { progress: ctx.progress } : {}) });
    } catch (error) {
      runs.notStarted(planned.runId, planned.plan.id, this.#now());
      throw error;
    }
    if (result.outcome !== 'succeeded') {
      runs.notStarted(planned.runId, planned.plan.id, this.#now());
      const refused = result.steps.find((s) => s.outcome === 'refused');
      if (refused?.error?.details?.['check'] === 'backup.run.check.lockFree') {
        throw new AppError('backup.lockHeld', `Another ghettoVCB run holds the lock on ${host.name}; nothing was started`, { host: host.name, workdir: '/tmp/ghettoVCB.work', pid: '?', operationId: result.operationId });
      }
      throwUnlessSucceeded(result);
    }
    const startOutput = result.steps.at(-1)?.commands.filter((c) => c.phase === 'run').at(-1)?.output ?? '';
    runs.started(planned.runId, planned.plan.id, launchCommandOutput(startOutput));
    return runs.get(planned.runId);
  }

  /**
   * Follows a run to its end (or until the signal), from the offset kept for it; `onRunLive` gets the per-VM live
   * view (states, disk N of M with percent, bytes, elapsed time and time left); then hands the ended run on.
   */
  async follow(runId: string, ctx: FollowContext & { onRunLive?(live: RunLive): void }): Promise<BackupRun> {
    const { ssh, runs, copiesDir, fleet } = this.#deps;
    const run = runs.get(runId);
    // After a restart the SSH layer may not know the host yet.
    ssh.register(targetFor(fleet.hosts.get(run.hostId)));
    const { onRunLive, onProgress, ...rest } = ctx;
    // The last of each kind, and each VM's last copy percent (the run's end reads the log alone, which has none
    // for a copy cut off), for telling a cancelled run's bars where they stopped.
    const last: { vms: VmProgress[]; live: RunLive | null; percents: Map<string, number> } = { vms: [], live: null, percents: new Map() };
    const follow: FollowContext = {
      ...rest,
      onProgress: (vms) => {
        last.vms = vms;
        for (const v of vms) if (v.state === 'cloning' && v.percent !== null) last.percents.set(v.vm, v.percent);
        onProgress?.(vms);
      },
    };
    if (onRunLive !== undefined && (run.state === 'running' || run.state === 'starting')) {
      const facts = fleet.esxiFacts(run.hostId);
      const tracker = new LiveTracker(run.id, run.vms, await liveDisks(ssh, run.hostId, facts, run.vms, ctx.signal));
      follow.onLive = (input) => onRunLive((last.live = tracker.update(input)));
    }
    const pollMs = this.#deps.pollMs;
    let ended = await followRun(runId, { ssh, runs, copiesDir, now: this.#now, ...(pollMs !== undefined ? { pollMs } : {}) }, follow);
    const reached = <T extends VmProgress>(vms: T[]): T[] => vms.map((v) => ({ ...v, percent: v.percent ?? last.percents.get(v.vm) ?? null }));
    const showCancelled = (): void => {
      onProgress?.(asCancelled(reached(last.vms)));
      if (last.live !== null) onRunLive?.({ ...last.live, at: this.#now(), etaMs: null, vms: asCancelled(reached(last.live.vms)) });
    };
    // A cancel from this process stopped it: its end is the cancel's (recorded, verified and announced by it).
    const cancelling = this.#cancelling.get(run.hostId);
    if (cancelling !== undefined) await cancelling;
    // One from another process (the CLI while the app follows, or the other way round) is known by its mark: its
    // cut-off VMs are cancelled at once, and its own record is waited for (cancel-mark.ts).
    ended = await awaitCancel(runs, runId, { now: this.#now, pollMs: pollMs ?? 500, signal: ctx.signal, onPending: showCancelled });
    if (ended.state === 'cancelled') {
      showCancelled();
    } else if (ended.state === 'ended' || ended.state === 'lost') {
      // The log alone leaves a VM copying when a full share cut it: each bar takes the outcome the end gave its VM.
      onProgress?.(settledProgress(last.vms, ended.outcomes));
    }
    await this.#deps.afterEnd?.(ended, ctx.signal);
    return runs.get(runId);
  }

  /** A VM's snapshots with their ids, read on the host now (the picks of "consolidate snapshots first"). */
  snapshots(hostId: string, vm: string, signal: AbortSignal): Promise<{ id: number; name: string; createdOn: string }[]> {
    const host = this.#deps.fleet.hosts.get(hostId);
    const facts = this.#deps.fleet.esxiFacts(hostId);
    if (host.role !== 'esxi' || facts === null) throw new AppError('backup.notEsxi', `${host.name} is not an ESXi host Custode has probed`, { host: host.name });
    this.#deps.ssh.register(targetFor(host));
    return vmSnapshots(this.#deps.ssh, hostId, host.name, facts, vm, signal);
  }

  /** The run going on on a host, Custode's or one it did not start (recorded now); null when none is. */
  findRunning(hostId: string, ctx: WorkContext): Promise<BackupRun | null> {
    const host = this.#deps.fleet.hosts.get(hostId);
    this.#deps.ssh.register(targetFor(host));
    return findRunGoingOn(host, { ssh: this.#deps.ssh, runs: this.#deps.runs, now: this.#now }, ctx.signal);
  }

  /** The cancel of the run going on on a host, planned for review from what the host shows now. */
  planCancel(hostId: string, ctx: WorkContext): Promise<PlannedCancel> {
    return planHostCancel(this.#cancelDeps(), hostId, ctx);
  }

  /**
   * Runs a reviewed cancel. While it runs, a follower of the run that sees the run end waits for it (one in this
   * process by its promise, one in another process by its mark in the store), so the run is told as cancelled (never
   * as ended or failed) and verified once, after the partial folders are marked.
   */
  async cancel(planned: PlannedCancel, reason: string, ctx: WorkContext): Promise<CancelResult> {
    const { runs } = this.#deps;
    // Marked before anything is stopped, for a follower in another process (cancel-mark.ts); ended once the run is
    // recorded as cancelled and verified, or as failed.
    const markedRun = planned.run;
    if (markedRun !== null) runs.cancelBegun({ id: planned.plan.id, runId: markedRun.id, beganAt: this.#now(), ...osActor(), pid: process.pid });
    const work = (async () => {
      let recorded = false;
      try {
        const result = await runHostCancel(this.#cancelDeps(), planned, reason, ctx);
        if (result.run !== null) await this.#deps.afterEnd?.(result.run, ctx.signal);
        recorded = result.run !== null;
        return result;
      } finally {
        if (markedRun !== null) runs.cancelEnded(planned.plan.id, recorded ? 'done' : 'failed', this.#now());
      }
    })();
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.#cancelling.set(planned.hostId, settled);
    try {
      return await work;
    } finally {
      if (this.#cancelling.get(planned.hostId) === settled) this.#cancelling.delete(planned.hostId);
    }
  }

  #cancelDeps() {
    const { fleet, ssh, operations, runs } = this.#deps;
    return { fleet, ssh, operations, runs, now: this.#now };
  }

  runs(hostId?: string): BackupRun[] {
    return this.#deps.runs.list(hostId);
  }

  latestRun(hostId: string): BackupRun | null {
    return this.#deps.runs.latest(hostId);
  }

  /** In the backup folder, or where ghettoVCB would create it (`mkdir -p`) when it does not exist yet. */
  async #writeTest(hostId: string, volume: string, signal: AbortSignal): Promise<WriteTest> {
    const run = (c: Parameters<SshService['run']>[1]) => this.#deps.ssh.run(hostId, c, { signal, timeoutMs: COMMAND_TIMEOUT_MS });
    let dir = volume.replace(/\/+$/, '');
    while ((await run(cmd('test', '-d', dir))).exitCode !== 0 && splitVolumePath(dirname(dir)) !== null) dir = dirname(dir);
    const file = writeTestFile(dir);
    const result = await run(writeTestCommand(file));
    return parseWriteTest(dir, file, result.stdout + result.stderr);
  }
}
