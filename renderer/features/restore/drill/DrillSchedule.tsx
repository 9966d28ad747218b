import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../../shared/errors/app-error.ts';
import type { FleetView } from '../../../../shared/ipc/fleet.ts';
import type { DrillRecord } from '../../../../shared/model/drill.ts';
import { nextDueAt } from '../../../../shared/model/drill-due.ts';
import { client } from '../../../app/client.ts';
import { Button } from '../../../components/Button.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorData } from '../../../stores/fleet/service.ts';
import { useSettings } from '../../../stores/settings/store.ts';
import { dateTime } from '../../fleet/format.ts';
import { monthlyPerHost, parseDraft, toDraft, type DraftError, type DraftField, type DraftRow } from './schedule-draft.ts';

/**
 * The drills the app starts by itself: which VM onto which host, how often, switched on or off, and when each is next
 * due. Saved as a whole (drill.schedule.set) once every row is valid; read back from core after saving.
 */
export function DrillSchedule({ view, drills }: { view: FleetView | null; drills: readonly DrillRecord[] }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  const [rows, setRows] = useState<DraftRow[] | null>(null);
  const [errors, setErrors] = useState<DraftError[]>([]);
  const [failure, setFailure] = useState<ErrorData | null>(null);
  const [saved, setSaved] = useState<DraftRow[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    client()
      .call('drill.schedule.get', {})
      .then(
        (s) => (setRows(s.entries.map(toDraft)), setSaved(s.entries.map(toDraft))),
        (e: unknown) => (setRows([]), setFailure(errorData(e))),
      );
  }, []);
  const hosts = view?.esxi ?? [];
  const hostName = (id: string) => hosts.find((e) => e.host.id === id)?.host.name ?? null;
  const vmsOf = (id: string) => hosts.find((e) => e.host.id === id)?.vms.map((v) => v.name) ?? [];
  const allVms = [...new Set(hosts.flatMap((e) => e.vms.map((v) => v.name)))].sort((a, b) => a.localeCompare(b));
  const edit = (i: number, patch: Partial<DraftRow>) => setRows((rs) => rs!.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const errorOf = (row: number, field: DraftField) => errors.find((e) => e.row === row && e.field === field) ?? null;
  const dirty = JSON.stringify(rows) !== JSON.stringify(saved);

  const save = async () => {
    if (!rows) return;
    const parsed = parseDraft(rows, new Set(hosts.map((e) => e.host.id)));
    setErrors(parsed.errors);
    setFailure(null);
    if (parsed.errors.length > 0) return;
    setBusy(true);
    try {
      const back = await client().call('drill.schedule.set', parsed.schedule);
      setRows(back.entries.map(toDraft));
      setSaved(back.entries.map(toDraft));
    } catch (e) {
      setFailure(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  const due = (r: DraftRow): string => {
    const host = hostName(r.toHostId);
    if (!r.enabled) return t('drills.ui.schedule.off');
    if (host === null) return '—';
    const at = nextDueAt({ vm: r.vm.trim(), everyDays: Number(r.everyDays) || 0 }, drills, host);
    return at === null || at <= Date.now() ? t('drills.ui.schedule.dueNow') : dateTime(lang, at);
  };

  const field = (i: number, f: DraftField) => {
    const e = errorOf(i, f);
    return e ? (
      <span className="field-error small" id={`drill-schedule-${f}-${i}`}>
        {t(`drills.ui.schedule.error.${e.code}`)}
      </span>
    ) : null;
  };

  return (
    <section className="card" aria-labelledby="drill-schedule-title" data-testid="drill-schedule">
      <h2 id="drill-schedule-title">{t('drills.ui.schedule.title')}</h2>
      <p className="muted">{t('drills.ui.schedule.intro')}</p>
      <p className="drill-note" data-testid="drill-schedule-note">
        {t('drills.ui.schedule.whileRunning')}
      </p>
      {rows === null ? <p className="muted">{t('restore.ui.loading')}</p> : null}
      {rows !== null && rows.length === 0 ? <p className="muted">{t('drills.ui.schedule.none')}</p> : null}
      {rows !== null && rows.length > 0 ? (
        <div className="drill-schedule-scroll">
          <table className="table restore-table drill-schedule-table">
            <thead>
              <tr>
                {(['On', 'Vm', 'Host', 'Datastore', 'Every', 'Next'] as const).map((c) => (
                  <th key={c} scope="col">
                    {t(`drills.ui.schedule.col${c}`)}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">{t('drills.ui.schedule.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} data-testid="drill-schedule-row">
                  <td>
                    <input type="checkbox" name={`enabled-${i}`} aria-label={t('drills.ui.schedule.enabled', { vm: r.vm || '—' })} checked={r.enabled} onChange={(e) => edit(i, { enabled: e.target.checked })} />
                  </td>
                  <td>
                    <input className="drill-vm-input" name={`vm-${i}`} list={`drill-vms-${i}`} value={r.vm} aria-label={t('drills.ui.schedule.colVm')} aria-invalid={errorOf(i, 'vm') !== null} aria-describedby={errorOf(i, 'vm') ? `drill-schedule-vm-${i}` : undefined} onChange={(e) => edit(i, { vm: e.target.value })} />
                    <datalist id={`drill-vms-${i}`}>
                      {(r.toHostId === '' ? allVms : vmsOf(r.toHostId)).map((v) => (
                        <option key={v} value={v} />
                      ))}
                    </datalist>
                    {field(i, 'vm')}
                  </td>
                  <td>
                    <select name={`host-${i}`} value={r.toHostId} aria-label={t('drills.ui.schedule.colHost')} aria-invalid={errorOf(i, 'toHostId') !== null} onChange={(e) => edit(i, { toHostId: e.target.value })}>
                      <option value="">{t('drills.ui.schedule.pickHost')}</option>
                      {hosts.map((e) => (
                        <option key={e.host.id} value={e.host.id}>
                          {e.host.name}
                        </option>
                      ))}
                      {r.toHostId !== '' && hostName(r.toHostId) === null ? <option value={r.toHostId}>{t('drills.ui.schedule.hostGone')}</option> : null}
                    </select>
                    {field(i, 'toHostId')}
                  </td>
                  <td>
                    <input className="drill-ds-input" name={`datastore-${i}`} value={r.datastore} placeholder={t('drills.ui.schedule.ownDatastore')} aria-label={t('drills.ui.schedule.colDatastore')} onChange={(e) => edit(i, { datastore: e.target.value })} />
                  </td>
                  <td className="nowrap">
                    <input className="drill-days" name={`every-${i}`} inputMode="numeric" value={r.everyDays} aria-label={t('drills.ui.schedule.colEvery')} aria-invalid={errorOf(i, 'everyDays') !== null} onChange={(e) => edit(i, { everyDays: e.target.value })} /> {t('drills.ui.schedule.days')}
                    {field(i, 'everyDays')}
                  </td>
                  <td data-testid="drill-schedule-next">
                    {due(r)}
                  </td>
                  <td className="align-end">
                    <Button variant="ghost" aria-label={t('drills.ui.schedule.removeRow', { vm: r.vm || '—' })} onClick={() => setRows((rs) => rs!.filter((_, j) => j !== i))}>
                      {t('drills.ui.schedule.remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {errors.length > 0 ? (
        <p className="error-alert" role="alert" data-testid="drill-schedule-invalid">
          {t('drills.ui.schedule.invalid', { count: errors.length })}
        </p>
      ) : null}
      <ErrorAlert error={failure} />
      <div className="restore-actions drill-schedule-actions">
        <Button onClick={() => setRows((rs) => [...(rs ?? []), { vm: '', toHostId: hosts[0]?.host.id ?? '', datastore: '', everyDays: '30', enabled: true }])}>{t('drills.ui.schedule.add')}</Button>
        <Button onClick={() => setRows((rs) => monthlyPerHost(rs ?? [], hosts.map((e) => ({ hostId: e.host.id, vms: e.vms.map((v) => v.name) }))))}>{t('drills.ui.schedule.monthly')}</Button>
        <Button variant="primary" disabled={rows === null || !dirty || busy} onClick={() => void save()}>
          {dirty ? t('drills.ui.schedule.save') : t('drills.ui.schedule.saved')}
        </Button>
      </div>
    </section>
  );
}
