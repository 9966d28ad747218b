import { useTranslation } from 'react-i18next';
import type { FleetView } from '../../../../shared/ipc/fleet.ts';
import { useSettings } from '../../../stores/settings/store.ts';
import { bytes } from '../../fleet/format.ts';
import { HostOptions, knownDatastores, useDatastores } from '../TargetStep.tsx';
import type { VmChoice } from '../VmStep.tsx';

export interface DrillTargetChoice {
  hostId: string;
  /** Empty: the VM's own datastore (only on its own host). */
  datastore: string;
}

/**
 * Where the drill restores: a host and, optionally, its datastore. On the VM's own host the drill can use the
 * datastore the VM lives on; on another host the datastore must be chosen (the core would refuse without one).
 */
export function DrillTarget({ view, vm, value, onChange }: { view: FleetView | null; vm: VmChoice; value: DrillTargetChoice; onChange(v: DrillTargetChoice): void }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  const read = useDatastores(value.hostId);
  const own = value.hostId === vm.hostId;
  const names = read?.map((d) => d.name) ?? knownDatastores(view, value.hostId);
  return (
    <div className="restore-form" data-testid="drill-step-target">
      <p className="muted restore-wide">{t('drills.ui.target.intro', { vm: vm.vm })}</p>
      <label className="restore-field">
        <span>{t('restore.ui.target.host')}</span>
        <select name="drill-host" value={value.hostId} onChange={(e) => onChange({ hostId: e.target.value, datastore: '' })}>
          <HostOptions view={view} />
        </select>
      </label>
      <label className="restore-field">
        <span>{t('restore.ui.target.datastore')}</span>
        <select name="drill-datastore" value={value.datastore} onChange={(e) => onChange({ ...value, datastore: e.target.value })}>
          <option value="">{own ? t('drills.ui.target.ownDatastore') : t('drills.ui.target.chooseDatastore')}</option>
          {names.map((name) => {
            const d = read?.find((r) => r.name === name);
            return (
              <option key={name} value={name}>
                {d?.freeSpace != null ? t('drills.ui.target.datastoreFree', { name, free: bytes(lang, d.freeSpace) }) : name}
              </option>
            );
          })}
        </select>
        <span className="muted small">{own ? t('drills.ui.target.ownHint') : t('drills.ui.target.otherHint')}</span>
      </label>
    </div>
  );
}
