import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetView } from '../../../shared/ipc/fleet.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';

export interface VmChoice {
  vm: string;
  hostId: string;
  hostName: string;
}

/**
 * Every VM of every ESXi host as its last probe saw it, also of a host that is down now: its copies are on the NAS.
 */
export function VmStep({ view, onChoose }: { view: FleetView | null; onChoose(choice: VmChoice): void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  if (view === null) return <p className="muted">{t('restore.ui.loading')}</p>;
  if (view.esxi.length === 0) return <p className="muted">{t('restore.ui.vm.noHosts')}</p>;
  const needle = filter.trim().toLowerCase();
  const rows = view.esxi.flatMap((e) => e.vms.map((v) => ({ vm: v.name, host: e.host, down: e.state === 'unreachable' || e.state === 'failed' }))).filter((r) => needle === '' || r.vm.toLowerCase().includes(needle) || r.host.name.toLowerCase().includes(needle));
  return (
    <div className="stack-sm" data-testid="restore-step-vm">
      <p className="muted">{t('restore.ui.vm.intro')}</p>
      <label className="restore-field restore-filter">
        <span>{t('restore.ui.vm.filter')}</span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {rows.length === 0 ? <p className="muted">{t('restore.ui.vm.none')}</p> : null}
      <table className="table restore-table" hidden={rows.length === 0}>
        <thead>
          <tr>
            <th scope="col">{t('restore.ui.vm.colVm')}</th>
            <th scope="col">{t('restore.ui.vm.colHost')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('restore.ui.vm.pick')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.host.id}/${r.vm}`} data-testid="restore-vm" data-vm={r.vm} data-host={r.host.name}>
              <td className="restore-name">{r.vm}</td>
              <td>
                {r.host.name} {r.down ? <Badge tone="warning">{t('restore.ui.vm.hostDown')}</Badge> : null}
              </td>
              <td className="align-end">
                <Button aria-label={t('restore.ui.vm.choose', { vm: r.vm })} onClick={() => onChoose({ vm: r.vm, hostId: r.host.id, hostName: r.host.name })}>
                  {t('restore.ui.vm.pick')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
