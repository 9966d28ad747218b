import { AppError } from '../../../../shared/errors/app-error.ts';
import type { OperationPlan } from '../../../../shared/model/operation.ts';
import { words } from '../../operations/plan-steps.ts';
import { runPlan, type RunContext } from '../../operations/runner.ts';
import type { AccessDeps } from './access-deps.ts';
import type { ShareAccess } from './access-plan.ts';
import { closeShareAccess } from './close-access.ts';

export type TemporaryAccess = Extract<ShareAccess, { kind: 'temporary' }>;

/** The open as an operation of its own in the trail, so each change on the NAS and the host is recorded. */
export function openPlan(access: TemporaryAccess, now: number): OperationPlan {
  return {
    id: `${access.id}-access-open`,
    kind: 'restore.access.open',
    title: words('restore.access.openTitle', { host: access.host.name, share: access.mount.share }),
    about: `${access.host.name} ← ${access.nas.name}:${access.mount.share}`,
    createdAt: now,
    risk: 'medium',
    steps: access.steps,
    undoOf: null,
  };
}

/**
 * Opens a planned temporary access: journals it first (so a crash at any point can be undone by the next start),
 * then runs its steps through the operations runner. When a step does not succeed (including the refusal because
 * the export was edited since the plan), whatever ran is closed at once and the error says why.
 * Returns the datastore and folder through which the host reads the copy.
 */
export async function openShareAccess(deps: AccessDeps, access: TemporaryAccess, ctx: RunContext): Promise<{ datastore: string; folder: string }> {
  const now = deps.now ?? Date.now;
  const entry = { id: access.id, openedAt: now(), host: access.host, nas: access.nas, mount: access.mount, change: access.change };
  deps.journal.put(entry);
  const result = await runPlan(openPlan(access, now()), { executor: deps.executor, audit: deps.audit, now }, ctx);
  if (result.outcome === 'succeeded') return { datastore: access.datastore, folder: access.folder };
  const last = result.steps.at(-1);
  // A widen that was refused or never reached changed nothing on the NAS: the close must not judge the export
  // (someone else may have edited it, which is why it was refused).
  const widened = result.steps.some((s) => s.stepId === 'export-widen' && (s.outcome === 'succeeded' || s.outcome === 'unknown'));
  if (!widened) deps.journal.put({ ...entry, change: null });
  // The close must run even when the open was cancelled: a fresh signal, not the aborted one.
  await closeShareAccess(deps, access.id, { ...ctx, signal: new AbortController().signal });
  if (last?.stepId === 'export-widen' && last.outcome === 'refused') {
    throw new AppError('restore.access.exportEdited', `The NFS export of ${access.mount.share} changed since the restore was planned: nothing was changed on the NAS`, {
      share: access.mount.share,
      nas: access.nas.name,
    });
  }
  throw new AppError('restore.access.openFailed', `The temporary access of ${access.host.name} to ${access.mount.share} could not be opened (${result.outcome}); what was changed has been undone`, {
    host: access.host.name,
    share: access.mount.share,
    step: last?.stepId ?? '',
    outcome: result.outcome,
    cause: last?.error?.message ?? '',
  });
}
