import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetView } from '../../../shared/ipc/fleet.ts';
import type { Datastore } from '../../../shared/model/datastore.ts';
import { DISK_FORMATS, type RestoreDiskFormat } from '../../../shared/model/restore.ts';
import { client } from '../../app/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { useSettings } from '../../stores/settings/store.ts';
import { awaitJob } from '../jobs/await-job.ts';
import { bytes } from '../fleet/format.ts';

export interface TargetChoice {
  hostId: string;
  datastore: string;
  name: string;
  format: RestoreDiskFormat;
  powerOn: boolean;
  originalGone: boolean;
}

/** The datastores a host's last probe saw its VMs on: suggestions only, the plan checks the one typed. */
export function knownDatastores(view: FleetView | null, hostId: string): string[] {
  const host = view?.esxi.find((e) => e.host.id === hostId);
  return [...new Set((host?.vms ?? []).map((v) => v.datastore).filter((d): d is string => d !== null))].sort();
}

/** Every ESXi host of the fleet as a target's options, one that is down said so (the restore's and the drill's). */
export function HostOptions({ view }: { view: FleetView | null }) {
  const { t } = useTranslation();
  return (view?.esxi ?? []).map((e) => (
    <option key={e.host.id} value={e.host.id}>
      {e.state === 'unreachable' || e.state === 'failed' ? t('restore.ui.target.hostDown', { host: e.host.name }) : e.host.name}
    </option>
  ));
}

/** The host's datastores read now (null while reading or when they cannot be read: the name is typed then). */
export function useDatastores(hostId: string): Datastore[] | null {
  const [list, setList] = useState<Datastore[] | null>(null);
  useEffect(() => {
    setList(null);
    if (hostId === '') return;
    const { done, cancel } = awaitJob(() => client().call('restore.datastores', { hostId }));
    void done.then((d) => setList(d.state === 'succeeded' ? (d.result as Datastore[]) : null), () => setList(null));
    return cancel;
  }, [hostId]);
  return list;
}

/** Where the VM comes back: the host, its datastore, the new name, the disk format and whether to power it on. */
export function TargetStep({ view, value, copySize, onChange }: { view: FleetView | null; value: TargetChoice; copySize: number; onChange(v: TargetChoice): void }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  const datastores = knownDatastores(view, value.hostId);
  const read = useDatastores(value.hostId);
  const set = (patch: Partial<TargetChoice>) => onChange({ ...value, ...patch });
  return (
    <div className="restore-form" data-testid="restore-step-target">
      <p className="muted restore-wide">{t('restore.ui.target.intro')}</p>
      <label className="restore-field">
        <span>{t('restore.ui.target.host')}</span>
        <select name="host" value={value.hostId} onChange={(e) => set({ hostId: e.target.value, datastore: knownDatastores(view, e.target.value)[0] ?? '' })}>
          <HostOptions view={view} />
        </select>
      </label>
      <label className="restore-field">
        <span>{t('restore.ui.target.datastore')}</span>
        <input name="datastore" list="restore-datastores" value={value.datastore} onChange={(e) => set({ datastore: e.target.value })} />
        <datalist id="restore-datastores">
          {datastores.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
        {read === null ? <span className="muted small">{datastores.length > 0 ? t('restore.ui.target.datastoreHint', { list: datastores.join(', ') }) : t('restore.ui.target.datastoreUnknown')}</span> : null}
      </label>
      {read !== null && read.length > 0 ? (
        <ul className="restore-wide restore-datastores" data-testid="restore-datastores">
          {read.map((d) => (
            <li key={d.name} data-testid="restore-datastore" data-name={d.name}>
              <label>
                <input type="radio" name="datastore-choice" checked={d.name === value.datastore} onChange={() => set({ datastore: d.name })} /> <strong>{d.name}</strong> <span className="muted">({d.type})</span> —{' '}
                {d.freeSpace === null ? t('restore.ui.target.freeUnknown') : t('restore.ui.target.free', { free: bytes(lang, d.freeSpace), capacity: d.capacity === null ? '?' : bytes(lang, d.capacity) })}{' '}
                {d.freeSpace !== null && d.freeSpace < copySize ? <Badge tone="warning">{t('restore.ui.target.belowCopy')}</Badge> : null}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted small restore-wide">{t('restore.ui.target.copySize', { size: bytes(lang, copySize) })}</p>
      <label className="restore-field">
        <span>{t('restore.ui.target.name')}</span>
        <input name="name" value={value.name} maxLength={1000} onChange={(e) => set({ name: e.target.value })} />
        <span className="muted small">{t('restore.ui.target.nameHint')}</span>
      </label>
      <label className="restore-field">
        <span>{t('restore.ui.target.format')}</span>
        <select name="format" value={value.format} onChange={(e) => set({ format: e.target.value as RestoreDiskFormat })}>
          {DISK_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`restore.ui.target.format.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="restore-field restore-wide">
        <label>
          <input type="checkbox" name="powerOn" checked={value.powerOn} onChange={(e) => set({ powerOn: e.target.checked })} /> {t('restore.ui.target.powerOn')}
        </label>
        {value.powerOn ? (
          <fieldset className="restore-answer" data-testid="restore-answer">
            <legend className="muted small">{t('restore.ui.target.answer')}</legend>
            <label>
              <input type="radio" name="originalGone" checked={!value.originalGone} onChange={() => set({ originalGone: false })} /> {t('restore.ui.target.copied')}
            </label>
            <label>
              <input type="radio" name="originalGone" checked={value.originalGone} onChange={() => set({ originalGone: true })} /> {t('restore.ui.target.moved')}
            </label>
          </fieldset>
        ) : null}
      </div>
    </div>
  );
}
