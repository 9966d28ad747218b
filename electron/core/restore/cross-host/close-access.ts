import { AppError } from '../../../../shared/errors/app-error.ts';
import type { OperationPlan, PlanStep } from '../../../../shared/model/operation.ts';
import { nfs3ListCommand, nfs41ListCommand, parseNfs3List, parseNfs41List } from '../../esxi/nfs-mounts.ts';
import { check, shellAction, step, words } from '../../operations/plan-steps.ts';
import { runPlan, type RunContext } from '../../operations/runner.ts';
import { readOn, type AccessDeps } from './access-deps.ts';
import type { JournalEntry } from './access-journal.ts';
import { changedFields, exportRecordCommand, exportUnchangedCommand, exportUpdateHostsCommand, parseExportRecord } from './export-record.ts';
import { mountRemoveCommand, volumeAbsentCommand } from './temporary-mount.ts';

export interface CloseResult {
  id: string;
  /** The temporary datastore was there and has been removed. */
  unmounted: boolean;
  /** The export was widened and has been put back. */
  exportRestored: boolean;
  /** The close's operation in the audit trail (null when there was nothing left to change). */
  operationId: string | null;
}

const mountsOf = async (deps: AccessDeps, e: JournalEntry, signal: AbortSignal) =>
  e.mount.version === 'nfs41' ? parseNfs41List(await readOn(deps, e.host, nfs41ListCommand(), signal)) : parseNfs3List(await readOn(deps, e.host, nfs3ListCommand(), signal));

/** The unmount, when the temporary datastore is still there and is still the one this access made. */
async function unmountStep(deps: AccessDeps, e: JournalEntry, signal: AbortSignal): Promise<PlanStep | null> {
  const mount = (await mountsOf(deps, e, signal)).find((m) => m.volumeName.toLowerCase() === e.mount.volume.toLowerCase());
  if (mount === undefined) return null;
  if (mount.share !== e.mount.share || !mount.hosts.includes(e.mount.server)) {
    throw new AppError('restore.access.volumeNotOurs', `The datastore ${mount.volumeName} on ${e.host.name} now mounts ${mount.hosts.join(',')}:${mount.share}, not the restore's share: it was left alone`, {
      volume: mount.volumeName,
      host: e.host.name,
    });
  }
  const params = { volume: e.mount.volume, host: e.host.name, server: e.mount.server, share: e.mount.share };
  return step({
    id: 'unmount',
    target: e.host,
    words: words('restore.access.step.unmount', params),
    actions: [shellAction(mountRemoveCommand(e.mount))],
    effect: check('restore.access.check.unmounted', params, shellAction(volumeAbsentCommand(e.mount.volume))),
    undo: null,
  });
}

/**
 * The export put back, when it is still exactly as the open left it (the original with the widened hosts list).
 * Already the original: nothing to do. Anything else means someone edited it meanwhile: refused, left as it is.
 */
async function restoreStep(deps: AccessDeps, e: JournalEntry, signal: AbortSignal): Promise<PlanStep | null> {
  const change = e.change;
  if (change === null) return null;
  const current = parseExportRecord(change.original.id, await readOn(deps, e.nas, exportRecordCommand(change.original.id), signal));
  if (changedFields(change.original.fields, current.fields).length === 0) return null;
  const widened = { ...change.original.fields, hosts: change.widenedHosts };
  const edited = changedFields(widened, current.fields);
  if (edited.length > 0) {
    throw new AppError('restore.access.exportEditedMeanwhile', `The NFS export of ${e.mount.share} on ${e.nas.name} was edited while the restore had it widened (${edited.join(', ')}): Custode left it as it is`, {
      share: e.mount.share,
      nas: e.nas.name,
      fields: edited.join(', '),
      hosts: JSON.stringify(change.original.fields.hosts ?? []),
    });
  }
  const hosts = (change.original.fields.hosts as string[] | undefined) ?? [];
  const params = { share: e.mount.share, nas: e.nas.name, host: e.host.name, address: change.widenedHosts.at(-1) ?? '', hosts: hosts.join(', ') || '—' };
  return step({
    id: 'export-restore',
    target: e.nas,
    words: words('restore.access.step.restore', params),
    actions: [shellAction(exportUpdateHostsCommand(change.original.id, hosts))],
    checks: [check('restore.access.check.exportAsWidened', params, shellAction(exportUnchangedCommand(current)))],
    undo: null,
  });
}

async function proveRestored(deps: AccessDeps, e: JournalEntry, signal: AbortSignal): Promise<void> {
  if (e.change === null) return;
  const now = parseExportRecord(e.change.original.id, await readOn(deps, e.nas, exportRecordCommand(e.change.original.id), signal));
  const differ = changedFields(e.change.original.fields, now.fields);
  if (differ.length > 0) {
    throw new AppError('restore.access.exportNotRestored', `The NFS export of ${e.mount.share} on ${e.nas.name} still differs from the original in: ${differ.join(', ')}`, { share: e.mount.share, nas: e.nas.name, fields: differ.join(', ') });
  }
}

/**
 * What closing the access would send now (read from the host and the NAS, nothing changed), and why a part of it
 * cannot be closed (a machine unreachable, an export edited meanwhile): shown for review, then run by closeShareAccess.
 */
export async function closeSteps(deps: AccessDeps, e: JournalEntry, signal: AbortSignal): Promise<{ steps: PlanStep[]; errors: unknown[] }> {
  const errors: unknown[] = [];
  const steps: PlanStep[] = [];
  for (const make of [unmountStep, restoreStep]) {
    try {
      const s = await make(deps, e, signal);
      if (s !== null) steps.push(s);
    } catch (error) {
      errors.push(error);
    }
  }
  return { steps, errors };
}

export function closePlan(e: JournalEntry, steps: PlanStep[], now: number): OperationPlan {
  return {
    id: `${e.id}-access-close-${now}`,
    kind: 'restore.access.close',
    title: words('restore.access.closeTitle', { host: e.host.name, share: e.mount.share }),
    about: `${e.host.name} ← ${e.nas.name}:${e.mount.share}`,
    createdAt: now,
    risk: 'low',
    steps,
    undoOf: null,
  };
}

/**
 * Closes a temporary access: removes the temporary datastore from the host, then puts the NAS export back exactly
 * as it was, and proves it field by field. It reads what is there before each change, so it is safe to call any
 * number of times, after a failure, a cancel or a crash, and when the open never got as far as changing anything.
 * The NAS is put back even when the host cannot be reached; the journal entry stays until both are proven done,
 * and the error says what is left.
 */
export async function closeShareAccess(deps: AccessDeps, id: string, ctx: RunContext): Promise<CloseResult> {
  const e = deps.journal.get(id);
  if (e === null) return { id, unmounted: false, exportRestored: false, operationId: null };
  const now = deps.now ?? Date.now;
  const { steps, errors } = await closeSteps(deps, e, ctx.signal);
  let ran: string[] = [];
  let operationId: string | null = null;
  if (steps.length > 0) {
    const result = await runPlan(closePlan(e, steps, now()), { executor: deps.executor, audit: deps.audit, now }, ctx);
    operationId = result.operationId;
    ran = result.steps.filter((s) => s.outcome === 'succeeded').map((s) => s.stepId);
    if (result.outcome !== 'succeeded') {
      errors.push(new AppError('restore.access.closeFailed', `Closing the temporary access of ${e.host.name} to ${e.mount.share} did not finish (${result.outcome})`, { host: e.host.name, share: e.mount.share, outcome: result.outcome }));
    }
  }
  if (errors.length === 0) {
    await proveRestored(deps, e, ctx.signal);
    deps.journal.remove(id);
    return { id, unmounted: ran.includes('unmount'), exportRestored: ran.includes('export-restore'), operationId };
  }
  const first = errors[0];
  if (first instanceof AppError && errors.length === 1) throw first;
  throw new AppError('restore.access.closeIncomplete', `The temporary access of ${e.host.name} to ${e.mount.share} is not fully closed; Custode will try again at its next start`, {
    host: e.host.name,
    share: e.mount.share,
    causes: errors.map((x) => (x instanceof Error ? x.message : String(x))).join(' | '),
  });
}

/** At start: closes every access a crash left open (its journal entry is still there). */
export async function closeLeftoverAccesses(deps: AccessDeps, ctx: RunContext): Promise<Array<{ id: string; result: CloseResult | null; error: unknown }>> {
  const out: Array<{ id: string; result: CloseResult | null; error: unknown }> = [];
  for (const e of deps.journal.list()) {
    try {
      out.push({ id: e.id, result: await closeShareAccess(deps, e.id, ctx), error: null });
    } catch (error) {
      out.push({ id: e.id, result: null, error });
    }
  }
  return out;
}
