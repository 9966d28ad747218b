import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { client } from '../../app/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorData } from '../../stores/fleet/service.ts';

export interface SnapshotPick {
  vm: string;
  snapshotId: number;
}

type Listed = { id: number; name: string; createdOn: string }[];

const same = (a: SnapshotPick, b: SnapshotPick): boolean => a.vm === b.vm && a.snapshotId === b.snapshotId;

/**
 * "Consolidate snapshots first" (optional): for each VM of the run that ghettoVCB would skip for its snapshots, the
 * snapshots the host shows now, each to pick for removal before the run. Nothing is picked unless the user does.
 */
export function ConsolidatePicker({ hostId, vms, value, onChange }: { hostId: string; vms: string[]; value: SnapshotPick[]; onChange(v: SnapshotPick[]): void }) {
  const { t } = useTranslation();
  const [listed, setListed] = useState<Record<string, Listed>>({});
  const [error, setError] = useState<ErrorData | null>(null);
  const key = vms.join('\n');
  useEffect(() => {
    let live = true;
    for (const vm of vms) {
      if (listed[vm]) continue;
      client()
        .call('backup.snapshots', { hostId, vm })
        .then((snapshots) => live && setListed((l) => ({ ...l, [vm]: snapshots })))
        .catch((e: unknown) => live && setError(errorData(e)));
    }
    return () => void (live = false);
    // Read again only when the VMs change.
  }, [hostId, key]);
  if (vms.length === 0) return null;
  const toggle = (pick: SnapshotPick, on: boolean) => onChange(on ? [...value, pick] : value.filter((p) => !same(p, pick)));
  return (
    <fieldset className="vm-picker" data-testid="consolidate-picker">
      <legend>{t('backups.ui.consolidate.title')}</legend>
      <p className="muted small">{t('backups.ui.consolidate.intro')}</p>
      <ul className="vm-picker-list">
        {vms.flatMap((vm) =>
          listed[vm] === undefined
            ? [<li key={vm} className="muted small">{t('backups.ui.consolidate.loading', { vm })}</li>]
            : listed[vm].map((s) => {
                const pick = { vm, snapshotId: s.id };
                return (
                  <li key={`${vm}-${s.id}`}>
                    <label data-testid="consolidate-pick" data-vm={vm} data-id={s.id}>
                      <input type="checkbox" checked={value.some((p) => same(p, pick))} onChange={(e) => toggle(pick, e.target.checked)} />
                      <span>{t('backups.ui.consolidate.pick', { vm, name: s.name, id: s.id })}</span>
                      <span className="muted small"> — {s.createdOn}</span>
                    </label>
                  </li>
                );
              }),
        )}
      </ul>
      <ErrorAlert error={error} />
    </fieldset>
  );
}

/** The objects the plan's dangerous steps name: each removal the user confirms a second time. */
export const dangers = (plan: OperationPlan): string[] => plan.steps.flatMap((s) => (s.danger ? [s.danger.object] : []));

/** The second confirmation, under the reviewed plan: one box per snapshot to remove. */
export function ConfirmRemovals({ plan, confirmed, onChange }: { plan: OperationPlan; confirmed: string[]; onChange(v: string[]): void }) {
  const { t } = useTranslation();
  const risky = plan.steps.flatMap((s) => (s.danger ? [s.danger] : []));
  if (risky.length === 0) return null;
  return (
    <fieldset className="vm-picker" data-testid="confirm-removals">
      <legend>{t('backups.ui.consolidate.needsConfirm')}</legend>
      {risky.map(({ object, words }) => (
        <label key={object} className="vm-picker-option" data-testid="confirm-removal" data-object={object}>
          <input type="checkbox" checked={confirmed.includes(object)} onChange={(e) => onChange(e.target.checked ? [...confirmed, object] : confirmed.filter((o) => o !== object))} />
          {t('backups.ui.consolidate.confirm', { object })}
          <span className="muted small"> — {t(words.key, words.params)}</span>
        </label>
      ))}
    </fieldset>
  );
}
