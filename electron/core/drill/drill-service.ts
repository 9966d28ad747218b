import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DrillHistory, DrillPhase, DrillPlanView, DrillRecord, DrillRequest } from '../../../shared/model/drill.ts';
import type { FleetService, WorkContext } from '../fleet/fleet-service.ts';
import { progressShare } from '../jobs/progress-share.ts';
import type { OperationService } from '../operations/operation-service.ts';
import { hostTarget } from '../operations/plan-steps.ts';
import { powerOnRestoredVm } from '../restore/power-on.ts';
import type { RestoreService } from '../restore/restore-service.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { readUnread, unreadError } from '../fleet/unread-hosts.ts';
import { drillName } from './drill-name.ts';
import type { DrillStore } from './drill-store.ts';
import { MARKER_FILE, markerLine, markerText } from './marker.ts';
import { tearDownDrill, teardownPreview } from './teardown.ts';

export interface DrillDeps {
  restore: RestoreService;
  store: DrillStore;
  fleet: FleetService;
  ssh: SshService;
  operations: OperationService;
  now?: () => number;
}

export interface DrillOutcome {
  record: DrillRecord;
  notRemoved: string[];
}

const KEEP_PLANS = 20;
/** The restore's part of the drill's progress bar; power-on, the waits and the teardown share the rest. */
const RESTORE_SHARE = 0.6;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const TREND_POINTS = 10;

/**
 * Restore drills: the restore of a VM's latest good copy under a temporary name with every NIC disconnected and the
 * drill's marker written first, through the reviewed restore path; then the VM powered on (answering "copied"), timed
 * to running and to Tools running, and torn down again. Every drill is kept, how ever it ended.
 */
export class DrillService {
  readonly #deps: DrillDeps;
  readonly #now: () => number;
  readonly #planned = new Map<string, { view: DrillPlanView; timeoutMs: number; datastore: string }>();

  constructor(deps: DrillDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  async plan(request: DrillRequest, ctx: WorkContext): Promise<DrillPlanView> {
    const { restore } = this.#deps;
    const drillId = randomUUID();
    if (request.datastore === undefined) await readUnread(this.#deps.fleet, [request.toHostId], ctx);
    const datastore = request.datastore ?? this.#datastoreOf(request.vm, request.toHostId);
    const view = await restore.plan(
      {
        vm: request.vm,
        ...(request.fromHostId !== undefined ? { fromHostId: request.fromHostId } : {}),
        copy: 'latest',
        toHostId: request.toHostId,
        datastore,
        name: drillName(request.vm, this.#now()),
        format: 'thin',
        powerOn: false,
        originalGone: false,
        allowBadCopy: false,
        method: 'native',
      },
      ctx,
      { disconnectAllNics: true, marker: { file: MARKER_FILE, text: markerText(drillId) } },
    );
    const marker = `${view.targetFolder}/${MARKER_FILE}`;
    const drill: DrillPlanView = { drillId, restore: view, marker, teardown: teardownPreview({ folder: view.targetFolder, marker, line: markerLine(drillId) }) };
    this.#planned.set(drillId, { view: drill, timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS, datastore });
    for (const id of [...this.#planned.keys()].slice(0, Math.max(0, this.#planned.size - KEEP_PLANS))) this.#planned.delete(id);
    return drill;
  }

  /** The reviewed drill's view; throws when it is not (or no longer) kept. */
  planned(drillId: string): DrillPlanView {
    const p = this.#planned.get(drillId);
    if (p === undefined) throw new AppError('drill.planUnknown', `No reviewed drill ${drillId}; plan the drill again`, { drillId });
    return p.view;
  }

  async run(drillId: string, reason: string, ctx: WorkContext): Promise<DrillOutcome> {
    if (reason.trim() === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
    const view = this.planned(drillId);
    const { timeoutMs, datastore } = this.#planned.get(drillId)!;
    this.#planned.delete(drillId);
    const { restore: r } = view;
    const { store, fleet, ssh } = this.#deps;
    const startedAt = this.#now();
    store.start({ id: drillId, vm: r.vm, sourceHost: r.sourceHost, copyFolder: r.copy.folder, targetHost: r.targetHost, datastore, tempName: r.name, reason: reason.trim(), startedAt });
    let operationId: string | null = null;
    let timings: { recoveryMs: number; toolsMs: number | null } | null = null;
    let failure: AppError | null = null;
    let notRemoved: string[] = [];
    // The drill's phases as job progress (stepKey drill.phase.*); the restore's own steps pass through in its share.
    const phase = (name: DrillPhase, fraction: number) => ctx.progress?.({ fraction, stepKey: `drill.phase.${name}`, stepParams: { name: r.name, host: r.targetHost } });
    try {
      phase('restore', 0);
      const result = await this.#deps.restore.run(r.planId, reason, { ...ctx, progress: progressShare(ctx, RESTORE_SHARE), onProgress: () => {} });
      operationId = result.operationId;
      const target = fleet.hosts.get(this.#targetId(r.targetHost));
      phase('powerOn', RESTORE_SHARE);
      try {
        const onStage = (stage: 'running' | 'tools') => phase(stage, stage === 'running' ? 0.75 : 0.85);
        const t = await powerOnRestoredVm({ vmid: result.vmid, waitForTools: true, timeoutMs, signal: ctx.signal, now: this.#now, onStage, run: (command, s) => ssh.run(target.id, command, { signal: s, timeoutMs }) });
        timings = { recoveryMs: t.poweredOnAt - startedAt, toolsMs: t.toolsRunningAt === null ? null : t.toolsRunningAt - startedAt };
      } catch (error) {
        failure = asAppError(error);
      }
      phase('teardown', 0.9);
      const down = await tearDownDrill(this.#deps, {
        target: hostTarget(target) as Parameters<typeof tearDownDrill>[1]['target'],
        datastore,
        vmxInDatastore: r.vmxPath.slice(`/vmfs/volumes/${datastore}/`.length),
        folder: r.targetFolder,
        marker: view.marker,
        line: markerLine(drillId),
        reason: `${reason.trim()} — teardown of the drill ${r.name}`,
      });
      notRemoved = down.notRemoved;
      if (failure === null && down.markerMissing) failure = new AppError('drill.markerMissing', `${r.targetFolder} does not hold this drill's marker: it was left as it is`, { folder: r.targetFolder });
      else if (failure === null && notRemoved.length > 0) failure = new AppError('drill.notRemoved', `The drill could not remove ${notRemoved.join(', ')}`, { paths: notRemoved.join(', ') });
    } catch (error) {
      failure = asAppError(error);
      operationId = typeof failure.details?.['operationId'] === 'string' ? failure.details['operationId'] : null;
      notRemoved = (failure.details?.['notRemoved'] as string[] | undefined) ?? [];
    }
    const cancelled = ctx.signal.aborted;
    const record = store.end(drillId, {
      endedAt: this.#now(),
      recoveryMs: timings?.recoveryMs ?? null,
      toolsMs: timings?.toolsMs ?? null,
      result: cancelled ? 'cancelled' : failure === null ? 'succeeded' : 'failed',
      errorCode: cancelled ? 'job.cancelled' : (failure?.code ?? null),
      operationId,
    });
    return { record, notRemoved };
  }

  history(vm: string | undefined, last = TREND_POINTS): DrillHistory {
    const { store } = this.#deps;
    return { drills: store.list(vm), trends: store.trends(last, vm) };
  }

  /** Without --datastore: the datastore the VM lives on, when the drill goes to its own host. */
  #datastoreOf(vm: string, hostId: string): string {
    const found = this.#deps.fleet.esxiFacts(hostId)?.vms.find((v) => v.inventory.name === vm)?.inventory.datastore;
    // A target Custode could not read is not a host without the VM.
    if (found === undefined) throw unreadError(this.#deps.fleet, [hostId]) ?? new AppError('drill.datastoreNeeded', `Say on which datastore of the target the drill restores ${vm} (--datastore): the VM does not live on that host`, { vm });
    return found;
  }

  #targetId(name: string): string {
    return this.#deps.restore.findHost(name);
  }
}

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError('drill.failed', error instanceof Error ? error.message : String(error));
}
