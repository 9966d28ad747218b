import { randomUUID } from 'node:crypto';
import type { Datastore } from '../../../shared/model/datastore.ts';
import { datastoreSummaryCommand, parseDatastoreSummaries } from '../esxi/datastores.ts';
import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';
import type { OperationPlan, StepRecord } from '../../../shared/model/operation.ts';
import type { CopyListing, RestoreCleanup, RestoreCopy, RestoreMethod, RestorePlanView, RestoreProgress, RestoreRequest, RestoreResult } from '../../../shared/model/restore.ts';
import { runSetup } from '../backup/run-setup.ts';
import type { FleetService, WorkContext } from '../fleet/fleet-service.ts';
import { namedEsxiHost } from '../fleet/named-host.ts';
import { targetFor } from '../fleet/targets.ts';
import { planRestore as ghettoVcbLine } from '../ghettovcb/restore/line.ts';
import type { OperationService } from '../operations/operation-service.ts';
import { hostTarget } from '../operations/plan-steps.ts';
import { cmd } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { bytesNeeded, restoreChecks, worst } from './checks.ts';
import { watchClone } from './clone-progress.ts';
import { cloneFiles } from './created-files.ts';
import { cleanUpRestore } from './cleanup.ts';
import { listCopies } from './copies.ts';
import { copyAccessFor } from './copy-access.ts';
import { openShareAccess, type TemporaryAccess } from './cross-host/open-access.ts';
import type { OpenAccesses } from './cross-host/open-accesses.ts';
import { targetLayout } from './names.ts';
import { planRestoreSteps, type MadeBy, type RestoreSpec } from './plan-restore.ts';
import { powerOnRestored } from './power-on.ts';
import { readCopy, restoreDisks } from './read-copy.ts';
import { missingDiskSizes } from './missing-sizes.ts';
import { parseRestoreLog } from './restore-log.ts';
import { readTargetFacts } from './target-facts.ts';
import { verifyRestored } from './verify.ts';
import { rewriteVmx, vmxNics } from './vmx-rewrite.ts';

export interface RestoreDeps {
  fleet: FleetService;
  ssh: SshService;
  operations: OperationService;
  /** What a temporary access to another host's share runs through and is kept in; without it such a restore is blocked. */
  access?: OpenAccesses;
  now?: () => number;
}

/** A plan kept for review: the view shown, the operation, and what each of its steps makes. */
interface Planned {
  view: RestorePlanView;
  request: RestoreRequest;
  plan: OperationPlan | null;
  made: MadeBy;
  spec: RestoreSpec;
  /** The temporary access to the copy's share opened before the restore and closed after it, if one is needed. */
  access: TemporaryAccess | null;
}

const KEEP_PLANS = 20;
/** How long closing a temporary share access may take (a host unmount and a NAS update, each checked). */
const CLOSE_TIMEOUT_MS = 120_000;
const SCRIPT = 'ghettoVCB-restore.sh';

/** What only Custode's own callers ask of a restore (a drill), never the IPC request. */
export interface RestoreExtras {
  /** Every NIC of the restored VM starts disconnected. */
  disconnectAllNics?: boolean;
  /** A file written into the new folder first (name inside it, and its text); the restore is then native. */
  marker?: { file: string; text: string };
}

export type RestoreProgressListener = (p: Omit<RestoreProgress, 'jobId'>) => void;

/** An error's details as a check's words' parameters: its texts and numbers (the rest does not go into words). */
function checkParams(details: Record<string, unknown> | undefined): Record<string, string | number> {
  return Object.fromEntries(Object.entries(details ?? {}).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
}

/** A copy chosen by name, or `latest`: the newest copy marked ok, else the newest one (its check then says why not). */
function chooseCopy(listing: CopyListing, which: string): RestoreCopy {
  if (listing.copies.length === 0) throw new AppError('restore.noCopies', `No copies of ${listing.vm} are on the share`, { vm: listing.vm });
  if (which === 'latest') return listing.copies.find((c) => c.status === 'ok') ?? listing.copies[0]!;
  const copy = listing.copies.find((c) => c.folder === which);
  if (copy === undefined) throw new AppError('restore.unknownCopy', `${listing.vm} has no copy ${which}; its copies: ${listing.copies.map((c) => c.folder).join(', ')}`, { vm: listing.vm, copy: which });
  return copy;
}

/**
 * Restores of a VM from a ghettoVCB copy onto a chosen ESXi host: its copies, the plan with every check (nothing
 * written), and the run through the reviewed operation path. A run that fails or is cancelled removes what it
 * made, and only that.
 */
export class RestoreService {
  readonly #deps: RestoreDeps;
  readonly #now: () => number;
  readonly #planned = new Map<string, Planned>();

  constructor(deps: RestoreDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  findHost(text: string): string {
    return namedEsxiHost(this.#deps.fleet.hosts.list(), text, 'restore');
  }


  async copies(vm: string, fromHostId: string | undefined, ctx: WorkContext): Promise<CopyListing> {
    return (await listCopies({ ...this.#deps, now: this.#now }, vm, fromHostId, ctx)).listing;
  }

  /** The target's datastores with their free space, read now: the wizard's choice (the plan checks the one chosen). */
  async datastores(hostId: string, ctx: WorkContext): Promise<Datastore[]> {
    const target = this.#deps.fleet.hosts.get(hostId);
    if (target.role !== 'esxi') throw new AppError('restore.notEsxi', `${target.name} is a NAS, not an ESXi host`, { host: target.name });
    this.#deps.ssh.register(targetFor(target));
    const r = await this.#deps.ssh.run(target.id, datastoreSummaryCommand(), { signal: ctx.signal, timeoutMs: 60_000 });
    if (r.exitCode !== 0) throw new AppError('restore.targetUnreadable', `vim-cmd hostsvc/datastore/listsummary failed on ${target.name} (exit ${r.exitCode ?? 'signal'})`, { command: 'vim-cmd hostsvc/datastore/listsummary' });
    return parseDatastoreSummaries(r.stdout).datastores;
  }

  async plan(request: RestoreRequest, ctx: WorkContext, extras: RestoreExtras = {}): Promise<RestorePlanView> {
    if (extras.marker !== undefined && request.method === 'ghettovcb') throw new AppError('restore.scriptUnusable', 'ghettoVCB-restore.sh cannot write a marker first; plan it natively', { why: 'marker' });
    const { fleet, ssh } = this.#deps;
    const { listing, reader, source } = await listCopies({ ...this.#deps, now: this.#now }, request.vm, request.fromHostId, ctx);
    const copy = chooseCopy(listing, request.copy);
    const target = fleet.hosts.get(request.toHostId);
    if (target.role !== 'esxi') throw new AppError('restore.notEsxi', `${target.name} is a NAS, not an ESXi host`, { host: target.name });
    ssh.register(targetFor(target));
    const datastorePath = `/vmfs/volumes/${request.datastore}`;
    const layout = targetLayout(datastorePath, request.name);
    const targetFacts = fleet.esxiFacts(target.id);
    const setup = targetFacts ? runSetup(targetFacts) : null;
    const candidates = [...new Set([...(setup ? [setup.script] : []), ...(targetFacts?.scripts.map((s) => s.path) ?? [])].map((p) => `${p.slice(0, p.lastIndexOf('/'))}/${SCRIPT}`))];
    ctx.progress?.({ fraction: 0.3, stepKey: 'restore.progress.target', stepParams: { host: target.name } });
    const facts = await readTargetFacts(ssh, target.id, layout.folder, candidates, ctx.signal);
    const planId = randomUUID();
    const access = await copyAccessFor({ fleet, access: this.#deps.access?.deps }, source, target, targetFacts, facts.mounts, planId, ctx.signal);
    const copyRoot = access.root;
    const copyOnTarget = copyRoot === null ? null : copy.path.replace(reader?.root ?? source.volume, copyRoot);
    ctx.progress?.({ fraction: 0.6, stepKey: 'restore.progress.copy', stepParams: { folder: copy.path } });
    if (copy.compressed) throw new AppError('restore.compressedCopy', `${copy.folder} is a compressed copy; Custode restores copy folders only (extract it on the NAS first)`, { folder: copy.folder });
    // A temporary access is not open yet while planning: the copy is read where it was listed.
    const readVia = copyOnTarget !== null && access.temporary === null ? { hostId: target.id, folder: copyOnTarget } : reader !== null ? { hostId: reader.hostId, folder: copy.path } : null;
    if (readVia === null) throw new AppError('restore.shareUnreachable', `Nothing can read the share holding ${request.vm}'s copies now: the VM's host, the hosts mounting its share and the NAS did not answer`, { vm: request.vm });
    const { contents, sizes } = await readCopy(ssh, readVia.hostId, readVia.folder, ctx.signal);
    const disks = restoreDisks(contents, sizes, copyOnTarget ?? copy.path, layout);

    const line = copyOnTarget === null ? null : ghettoVcbLine({ copyPath: copyOnTarget, targetDatastore: datastorePath, diskFormat: request.format, newName: request.name }).line;
    const nvme = contents.disks.some((d) => d.disk.bus === 'nvme');
    const why = facts.restoreScript === null ? 'noScript' : line === null ? 'names' : nvme ? 'nvme' : request.method === 'native' || extras.marker !== undefined ? 'asked' : 'chosen';
    const useScript = request.method !== 'native' && why === 'chosen';
    if (request.method === 'ghettovcb' && !useScript) throw new AppError('restore.scriptUnusable', `ghettoVCB-restore.sh cannot do this restore (${why}); plan it natively`, { why });
    const method: RestoreMethod = useScript ? 'ghettovcb' : 'native';

    const original = source.facts.vms.find((v) => v.inventory.name === request.vm)?.inventory ?? null;
    const missing = contents.missing.map((m) => m.disk);
    const missingSizes = missing.length === 0 ? new Map<string, number | null>() : await missingDiskSizes(ssh, source.hostId, original === null ? null : `/vmfs/volumes/${original.datastore}/${original.vmxPath}`, missing, ctx.signal);
    const lacking = facts.portGroups === null ? [] : vmxNics(contents.vmx.entries).filter((n) => !facts.portGroups!.includes(n.network)).map((n) => n.key);
    const checks = restoreChecks({
      copy,
      allowBadCopy: request.allowBadCopy,
      contents,
      missingSizes,
      disks,
      name: request.name,
      format: request.format,
      target: { host: target.name, version: facts.version, datastores: facts.datastores, datastore: request.datastore, registeredNames: facts.registeredNames, folderExists: facts.folderExists, portGroups: facts.portGroups },
      copyOnTarget,
      access: {
        temporary: access.temporary === null ? null : { datastore: access.temporary.datastore, nas: access.temporary.nas.name },
        error: access.root === null && access.error !== null ? { code: access.error.code, details: checkParams(access.error.details) } : null,
      },
      method: { chosen: method, script: facts.restoreScript, why },
    });
    const verdict = worst(checks);
    const spec: RestoreSpec = {
      target: hostTarget(target) as RestoreSpec['target'],
      method,
      name: request.name,
      format: request.format,
      datastorePath,
      folder: layout.folder,
      vmx: layout.vmx,
      vmxText: rewriteVmx(contents.vmxText, {
        name: request.name,
        disks: new Map(contents.disks.map((d) => [d.disk.key, `${request.name}-${d.index}.vmdk`])),
        dropDisks: contents.missing.map((m) => m.disk.key),
        disconnect: lacking,
        disconnectAll: extras.disconnectAllNics === true,
        nvram: contents.nvramFile === null ? null : `${request.name}.nvram`,
      }),
      nvram: contents.nvramFile === null || copyOnTarget === null ? null : { from: `${copyOnTarget}/${contents.nvramFile}`, to: layout.nvram },
      disks,
      marker: extras.marker === undefined ? null : { path: `${layout.folder}/${extras.marker.file}`, text: extras.marker.text },
      ghettovcb: useScript ? { script: facts.restoreScript!, line: line!, input: `/tmp/custode-restore-${planId}.txt`, log: `/tmp/custode-restore-${planId}.log`, out: `/tmp/custode-restore-${planId}.out` } : null,
    };
    const built = verdict === 'block' ? null : planRestoreSteps(spec, planId, this.#now());
    const view: RestorePlanView = {
      planId,
      vm: request.vm,
      sourceHost: source.host,
      targetHost: target.name,
      copy,
      copyOnTarget,
      targetFolder: layout.folder,
      vmxPath: layout.vmx,
      name: request.name,
      format: request.format,
      method,
      disks,
      checks,
      verdict,
      access: access.temporary === null ? null : { datastore: access.temporary.datastore, nas: access.temporary.nas.name, commands: access.temporary.steps.flatMap((st) => st.actions.map((a) => a.command)) },
    };
    this.#planned.set(planId, { view, request, plan: built?.plan ?? null, made: built?.made ?? {}, spec, access: access.temporary });
    for (const id of [...this.#planned.keys()].slice(0, Math.max(0, this.#planned.size - KEEP_PLANS))) this.#planned.delete(id);
    return view;
  }

  /** The operation plan behind a reviewed restore (its exact commands); null when a check blocks it. */
  operationPlan(planId: string): OperationPlan | null {
    return this.#take(planId, false).plan;
  }

  async run(planId: string, reason: string, ctx: WorkContext & { onProgress?: RestoreProgressListener }): Promise<RestoreResult> {
    if (reason.trim() === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
    const planned = this.#take(planId, true);
    const { plan, view } = planned;
    if (plan === null) {
      const blocks = view.checks.filter((c) => c.verdict === 'block');
      throw new AppError('restore.blocked', `A check blocks this restore: ${blocks.map((b) => b.code).join(', ')}; nothing was written`, { checks: blocks.map((b) => b.code).join(', ') });
    }
    const access = planned.access;
    const accesses = this.#deps.access;
    if (access === null || accesses === undefined) return this.#restore(planned, plan, reason, ctx);
    await openShareAccess(accesses.deps, access, { signal: ctx.signal, reason, secrets: {} });
    // Closed whatever became of the restore, on a signal of its own: a cancelled restore's signal is already aborted.
    const close = () => accesses.close(access.id, reason, { signal: AbortSignal.timeout(CLOSE_TIMEOUT_MS) });
    let result: RestoreResult;
    try {
      // Listed as in use meanwhile, so nobody closes it under the restore.
      result = await accesses.use(access.id, () => this.#restore(planned, plan, reason, ctx));
    } catch (error) {
      // The restore's own error is what the user reads; a close that fails too stays listed with its error.
      await close().catch(() => undefined);
      throw error;
    }
    // A restore that succeeded stays a success when only the close fails: the access stays listed with its error.
    try {
      await close();
      return result;
    } catch (error) {
      return { ...result, accessLeftOpen: toErrorData(error) };
    }
  }

  async #restore(planned: Planned, plan: OperationPlan, reason: string, ctx: WorkContext & { onProgress?: RestoreProgressListener }): Promise<RestoreResult> {
    const { spec, view } = planned;
    const { ssh, operations } = this.#deps;
    const report = ctx.onProgress ?? (() => {});
    const diskCount = spec.disks.length;
    let cloning: number | null = null;
    let stopWatch = (): void => {};
    const event = (disk: number | null, state: RestoreProgress['state'], file: string | null = null, percent: number | null = null) => report({ disk, disks: diskCount, file, state, percent });
    const cloned = () => {
      stopWatch();
      if (cloning !== null) event(cloning, 'cloned', spec.disks[cloning]!.target, 100);
      cloning = null;
    };
    const progress = (u: { fraction: number | null; stepKey: string | null; stepParams: Record<string, string | number> }) => {
      ctx.progress?.(u);
      cloned();
      if (u.stepKey === 'restore.run.step.clone') {
        const n = Number(u.stepParams['n']) - 1;
        const disk = spec.disks[n]!;
        cloning = n;
        event(n, 'cloning', disk.target, 0);
        stopWatch = watchClone(ssh, spec.target.hostId, cloneFiles(disk.target, spec.format, disk.provisionedBytes), bytesNeeded([disk], spec.format), (percent) => event(n, 'cloning', disk.target, percent), ctx.signal);
      } else if (u.stepKey === 'restore.run.step.script') event(null, 'cloning');
      else if (u.stepKey === 'restore.run.step.register') event(null, 'registering', spec.vmx);
      else event(null, 'preparing');
    };
    let records: StepRecord[] = [];
    const fail = async (error: unknown): Promise<never> => {
      stopWatch();
      event(null, 'cleaning');
      const cleanup = await this.#cleanUp(planned, records, reason);
      const cancelled = ctx.signal.aborted;
      const base = error instanceof AppError ? error : new AppError('restore.failed', error instanceof Error ? error.message : String(error));
      throw new AppError(cancelled ? 'job.cancelled' : base.code, cancelled ? 'The restore was cancelled; what it had made was removed' : base.message, {
        ...base.details,
        operationId: plan.id,
        unregistered: cleanup.unregistered ?? '',
        removed: cleanup.removed,
        notRemoved: cleanup.notRemoved,
      });
    };
    try {
      const result = await operations.runNow(plan, reason, { signal: ctx.signal, progress });
      records = result.steps;
      if (result.outcome !== 'succeeded') {
        const failed = result.steps.find((s) => s.outcome !== 'succeeded');
        const code = result.outcome === 'unknown' ? 'restore.hostLost' : (failed?.error?.code ?? `operations.${result.outcome}`);
        throw new AppError(code, failed?.error?.message ?? result.outcome, { step: failed?.stepId ?? '', outcome: result.outcome });
      }
      cloned();
      if (spec.ghettovcb !== null) {
        const text = await ssh.run(spec.target.hostId, cmd('cat', spec.ghettovcb.out, spec.ghettovcb.log), { signal: ctx.signal, timeoutMs: 30_000 });
        const log = parseRestoreLog(text.stdout);
        if (log.errors.length > 0 || log.cloneFailures.length > 0 || !log.completed) {
          throw new AppError('restore.scriptFailed', `ghettoVCB-restore.sh did not restore ${spec.name}: ${[...log.errors, ...log.cloneFailures].join('; ') || 'it did not reach "Completed restore"'}`, { log: spec.ghettovcb.log });
        }
      }
      event(null, 'verifying');
      const vmid = await verifyRestored(ssh, spec, ctx.signal);
      let poweredOn = false;
      if (planned.request.powerOn) {
        event(null, 'poweringOn');
        await powerOnRestored(ssh, spec.target.hostId, vmid, ctx.signal, planned.request.originalGone);
        poweredOn = true;
      }
      // The input file is the restore's scaffolding; its log and output stay in /tmp for reading.
      if (spec.ghettovcb !== null) await ssh.run(spec.target.hostId, cmd('rm', '-f', spec.ghettovcb.input), { signal: ctx.signal, timeoutMs: 30_000 }).catch(() => undefined);
      event(null, 'done');
      return { name: spec.name, targetHost: view.targetHost, vmid, vmxPath: spec.vmx, method: spec.method, disks: spec.disks, poweredOn, operationId: plan.id, created: this.#madeBy(planned, records) };
    } catch (error) {
      if (planned.request.powerOn && error instanceof AppError && error.code === 'restore.powerOnFailed') throw error;
      return fail(error);
    }
  }

  /** The paths the steps that ran (or may have) made; the VM folder is handed over apart, to be removed last. */
  #madeBy(planned: Planned, records: readonly StepRecord[]): string[] {
    return records.filter((r) => r.outcome !== 'refused').flatMap((r) => planned.made[r.stepId] ?? []);
  }

  async #cleanUp(planned: Planned, records: readonly StepRecord[], reason: string): Promise<RestoreCleanup> {
    const made = this.#madeBy(planned, records);
    const { spec } = planned;
    const files = made.filter((p) => p !== spec.folder);
    const folder = made.includes(spec.folder) ? spec.folder : null;
    const ran = records.some((r) => r.stepId === 'register' || r.stepId === 'restore');
    if (made.length === 0 && !ran) return { unregistered: null, removed: [], notRemoved: [] };
    return cleanUpRestore(this.#deps, {
      target: spec.target,
      datastore: spec.datastorePath.slice('/vmfs/volumes/'.length),
      vmxInDatastore: spec.vmx.slice(spec.datastorePath.length + 1),
      files,
      folder,
      reason: `${reason.trim()} — cleanup after the restore of ${spec.name} ended without success`,
    });
  }

  #take(planId: string, remove: boolean): Planned {
    const planned = this.#planned.get(planId);
    if (planned === undefined) throw new AppError('restore.planUnknown', `No reviewed restore plan ${planId}; plan the restore again`, { planId });
    if (remove) this.#planned.delete(planId);
    return planned;
  }
}

