import { useTranslation } from 'react-i18next';
import type { EsxiStatus, NasStatus } from '../../../shared/ipc/fleet.ts';
import type { SetupPlanView } from '../../../shared/model/setup.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { fleetStore } from '../../stores/fleet/store.ts';
import { HostState } from '../fleet/HostState.tsx';

/**
 * Page a: the host as Custode reached it (added and its key trusted through the fleet's own dialogs), what its last
 * probe found, and the NAS that will hold its copies. A host or NAS not yet in Custode is added from here with the
 * same dialogs as in the fleet.
 */
export function HostStep({ host, nas, nasId, view, onNas }: { host: EsxiStatus; nas: NasStatus[]; nasId: string; view: SetupPlanView | null; onNas(id: string): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'it' ? 'it' : 'en';
  const entry = host.host;
  const where = entry.port === 22 ? entry.address : `${entry.address}:${entry.port}`;
  const dash = '—';
  return (
    <div className="stack-sm" data-testid="setup-page-host">
      <p className="muted">{t('setup.ui.host.intro')}</p>
      <dl className="setup-facts-list" data-testid="setup-probe">
        <div>
          <dt>{t('setup.ui.host.machine')}</dt>
          <dd>
            <strong>{entry.name}</strong> <span className="mono muted">{where}</span> <HostState state={host.state} checking={false} />
          </dd>
        </div>
        <div>
          <dt>{t('setup.ui.host.trust')}</dt>
          <dd>
            <Badge tone="success">{t('setup.ui.host.trusted')}</Badge>
          </dd>
        </div>
        <div>
          <dt>{t('setup.ui.host.esxi')}</dt>
          <dd>
            {host.version ?? dash} {host.build ? <span className="muted small">build {host.build}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('setup.ui.host.ip')}</dt>
          <dd className="mono">{view?.ip ?? host.identityIp ?? dash}</dd>
        </div>
        <div>
          <dt>{t('setup.ui.host.secureBoot')}</dt>
          <dd data-testid="setup-secure-boot">{t(`setup.ui.host.secureBoot.${host.secureBoot}`)}</dd>
        </div>
        <div>
          <dt>{t('setup.ui.host.ghettovcb')}</dt>
          <dd>{host.installs.length === 0 ? t('setup.ui.host.none') : host.installs.map((i) => `${i.version ?? '?'} (${i.path})`).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('setup.ui.host.volume')}</dt>
          <dd className="mono">{host.backupVolume ?? t('setup.ui.host.none')}</dd>
        </div>
        <div>
          <dt>{t('setup.ui.host.schedule')}</dt>
          <dd>{host.schedules.length === 0 ? t('setup.ui.host.none') : host.schedules.map((s) => (s.text ? s.text[lang] : s.line)).join('; ')}</dd>
        </div>
        <div>
          <dt>{t('setup.ui.host.vms')}</dt>
          <dd>{host.vms.length}</dd>
        </div>
      </dl>
      <div className="setup-form">
        <label className="setup-field">
          <span>{t('setup.ui.host.nas')}</span>
          {nas.length > 0 ? (
            <select name="nas" value={nasId} onChange={(e) => onNas(e.target.value)}>
              {nas.map((n) => (
                <option key={n.host.id} value={n.host.id}>
                  {n.host.name} ({n.host.address})
                </option>
              ))}
            </select>
          ) : (
            <span className="muted">{t('setup.ui.host.noNas')}</span>
          )}
        </label>
        <div className="setup-field setup-add">
          <span className="muted small">{t('setup.ui.host.addHint')}</span>
          <div className="plan-meta">
            <Button variant="ghost" onClick={() => fleetStore.getState().openAdd('nas')}>
              {t('fleet.ui.addNas')}
            </Button>
            <Button variant="ghost" onClick={() => fleetStore.getState().openAdd('esxi')}>
              {t('fleet.ui.addEsxi')}
            </Button>
          </div>
        </div>
      </div>
      {view ? (
        <p data-testid="setup-overview" data-changes={view.changes}>
          {view.changes === 0 && !view.waiting ? t('setup.ui.host.allDone') : t('setup.ui.host.overview', { count: view.changes })}
        </p>
      ) : null}
    </div>
  );
}
