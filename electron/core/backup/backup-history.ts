import { existsSync, readFileSync } from 'node:fs';
import type { BackupAlertSettings, HistoryRun, LastGoodCopy, MissedRunAlert, RunEnded, RunVerify } from '../../../shared/model/backup-history.ts';
import type { BackupRun } from '../../../shared/model/backup.ts';
import { parseDatastorePath, resolveVmxFileName, toVolumePath } from '../esxi/datastore-path.ts';
import type { EsxiFacts } from '../fleet/esxi-facts.ts';
import type { FleetService, WorkContext } from '../fleet/fleet-service.ts';
import { targetFor } from '../fleet/targets.ts';
import { parseLog } from '../ghettovcb/log/parser.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import type { AlertSettings } from './alert-settings.ts';
import { runCopyPath } from './follow.ts';
import type { HistoryStore } from './history-store.ts';
import { missedRun, scheduleEvidence } from './missed-run.ts';
import { runConf, runSetup } from './run-setup.ts';
import type { RunStore } from './run-store.ts';
import { newestScheduledRun } from './scheduled-run.ts';
import { sshVerifyIo, verifyRun, type VerifyFallback } from './verify-run.ts';

/**
 * What happens after a run: its copies verified on the share (a run Custode started, as soon as it ends; a run the
 * schedule started, when its host is verified), the history of runs with their verification, each VM's last good
 * copy, and the hosts whose scheduled run did not happen. A run that ends is announced (`onRunEnded`) once, when it
 * is verified, with whether it needs a look.
 */
/** Each VM's disks that ghettoVCB copies, as paths on the host (a VM whose .vmx path is not a datastore path has none). */
function vmDiskSources(facts: EsxiFacts): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const vm of facts.vms) {
    const at = parseDatastorePath(vm.inventory.file);
    if (at === null || vm.disks === null) continue;
    let vmx: string;
    try {
      vmx = toVolumePath(at);
    } catch {
      continue;
    }
    out.set(vm.inventory.name, vm.disks.filter((d) => d.ghettoVcb === 'backup').map((d) => resolveVmxFileName(vmx, d.fileName)));
  }
  return out;
}

/** The VMs whose copy a cancel cut off (their outcome names the partial folder). */
const cutOff = (run: BackupRun): ReadonlySet<string> => new Set(run.state === 'cancelled' ? run.outcomes.filter((o) => o.outcome === 'cancelled').map((o) => o.vm) : []);

export interface HistoryDeps {
  fleet: FleetService;
  ssh: SshService;
  runs: RunStore;
  history: HistoryStore;
  settings: AlertSettings;
  /** Where Custode keeps its copy of each run's log. */
  copiesDir: string;
  now?: () => number;
  onRunEnded?(ended: RunEnded): void;
}

const ENDED = new Set(['ended', 'lost', 'cancelled']);
/** Runs whose end this process remembers having announced: the newest ones are enough (a run ends once). */
const KEEP_ANNOUNCED = 200;

export class BackupHistory {
  readonly #deps: HistoryDeps;
  readonly #now: () => number;
  readonly #announced = new Set<string>();

  constructor(deps: HistoryDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  runs(hostId?: string): HistoryRun[] {
    return this.#deps.history.list(hostId);
  }

  run(runId: string): HistoryRun {
    return this.#deps.history.history(this.#deps.runs.get(runId));
  }

  lastGood(hostId?: string): LastGoodCopy[] {
    return this.#deps.history.lastGood(hostId);
  }

  settings(): BackupAlertSettings {
    return this.#deps.settings.get();
  }

  updateSettings(settings: BackupAlertSettings): BackupAlertSettings {
    return this.#deps.settings.update(settings);
  }

  /** Hosts whose scheduled run is missing, judged from their last probe against the grace the user set. */
  alerts(): MissedRunAlert[] {
    const { graceMinutes } = this.#deps.settings.get();
    const now = this.#now();
    return this.#deps.fleet
      .esxiDetails()
      .details.flatMap((d) => (d.facts === null ? [] : [missedRun(scheduleEvidence(d.status.host.id, d.status.host.name, d.facts, d.status.probedAt), now, graceMinutes)]))
      .filter((a): a is MissedRunAlert => a !== null);
  }

  /**
   * A run Custode started, once it ended: verified (unless it already was) and announced. A verification that cannot
   * read the share leaves the run unverified, for `verifyHost` to try again; the run's own end is kept either way.
   */
  async afterRun(run: BackupRun, signal: AbortSignal): Promise<HistoryRun> {
    const known = this.#deps.history.verification(run.id);
    if (!ENDED.has(run.state)) return this.run(run.id);
    // A run cancelled after a follower elsewhere verified its end is verified again: its cut-off copies are partial.
    if (known !== null && !(run.state === 'cancelled' && known.at < (run.endedAt ?? 0))) {
      const done = this.run(run.id);
      // Verified by the process that ended it (the CLI's cancel, while this window followed the run): this process's
      // user is told too, once.
      if (!this.#announced.has(run.id)) this.#announce(done);
      return done;
    }
    let verify: RunVerify | null = null;
    try {
      verify = await this.#verify(run.hostId, this.#localLog(run) ?? (await this.#shareLog(run, signal)), signal, cutOff(run));
      this.#deps.history.record(run.id, verify);
    } catch (error) {
      if (signal.aborted) throw error;
    }
    const done = this.run(run.id);
    this.#announce(done);
    return done;
  }

  /**
   * Verifies what a host's runs left on the share: Custode's runs that ended unverified, and the newest run its
   * schedule started (recorded in the history the first time it is seen). Returns the runs verified now.
   */
  async verifyHost(hostId: string, ctx: WorkContext): Promise<HistoryRun[]> {
    const { fleet, ssh, history } = this.#deps;
    const host = fleet.hosts.get(hostId);
    ssh.register(targetFor(host));
    const done: HistoryRun[] = [];
    for (const run of history.unverified(hostId)) done.push(await this.afterRun(run, ctx.signal));
    ctx.progress?.({ fraction: 0.5, stepKey: 'backup.progress.scheduled', stepParams: { host: host.name } });
    const facts = fleet.esxiFacts(hostId);
    const found = await newestScheduledRun(ssh, host, facts?.crontab ?? null, ctx.signal);
    if (found !== null && (history.addCron(found.record) || history.verification(found.record.id) === null)) {
      history.record(found.record.id, await this.#verify(hostId, found.run, ctx.signal));
      const verified = this.run(found.record.id);
      this.#announce(verified);
      done.push(verified);
    }
    return done;
  }

  #localLog(run: BackupRun): LogRun | null {
    const copy = runCopyPath(this.#deps.copiesDir, run.id);
    if (!existsSync(copy)) return null;
    return parseLog(readFileSync(copy, 'utf8')).runs.at(-1) ?? null;
  }

  /** The run's log as it is on the share, for a run this process did not follow (one cancelled after a detached start). */
  async #shareLog(run: BackupRun, signal: AbortSignal): Promise<LogRun | null> {
    const chunks: Buffer[] = [];
    try {
      this.#deps.ssh.register(targetFor(this.#deps.fleet.hosts.get(run.hostId)));
      await this.#deps.ssh.read(run.hostId, run.logPath, (chunk) => void chunks.push(chunk), { signal, timeoutMs: 30_000 });
    } catch (error) {
      if (signal.aborted) throw error;
      return null;
    }
    return parseLog(Buffer.concat(chunks).toString('utf8')).runs.at(-1) ?? null;
  }

  #verify(hostId: string, log: LogRun | null, signal: AbortSignal, cancelled: ReadonlySet<string> = new Set()): Promise<RunVerify> {
    return verifyRun(log, this.#fallback(hostId), sshVerifyIo(this.#deps.ssh, hostId, signal), this.#now(), cancelled);
  }

  /** The conf the schedule uses and the VMs' disks from the host's last probe, for what a run's log does not say. */
  #fallback(hostId: string): VerifyFallback {
    const facts = this.#deps.fleet.esxiFacts(hostId);
    const setup = facts === null ? null : runSetup(facts);
    if (facts === null || setup === null) return { volume: null, rotation: null, disks: new Map() };
    const rotation = runConf(facts, setup).get('VM_BACKUP_ROTATION_COUNT');
    return { volume: setup.volume, rotation: rotation !== undefined && /^\d+$/.test(rotation) ? Number(rotation) : null, disks: vmDiskSources(facts) };
  }

  #announce(run: HistoryRun): void {
    this.#announced.add(run.id);
    for (const id of this.#announced) {
      if (this.#announced.size <= KEEP_ANNOUNCED) break;
      this.#announced.delete(id);
    }
    const failedVms = run.outcomes.filter((o) => o.outcome !== 'ok' && o.outcome !== 'cancelled').map((o) => o.vm);
    const verify = run.verify?.verdict ?? null;
    const problems = run.state !== 'ended' || (run.exitCode ?? 1) !== 0 || failedVms.length > 0 || verify === 'problems' || verify === null;
    const cancelledVms = cutOff(run);
    this.#deps.onRunEnded?.({ runId: run.id, hostId: run.hostId, host: run.hostName, origin: run.origin, state: run.state, exitCode: run.exitCode, finalStatus: run.finalStatus, failedVms, cancelledVms: [...cancelledVms], verify, problems });
  }
}
