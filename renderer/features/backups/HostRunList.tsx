import { useTranslation } from 'react-i18next';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { Button } from '../../components/Button.tsx';
import { useApp } from '../../stores/app/store.ts';

/** Every ESXi host Custode knows, each with its "Run now". */
export function HostRunList({ hosts, loading, onRunNow }: { hosts: HostEntry[]; loading: boolean; onRunNow(host: HostEntry): void }) {
  const { t } = useTranslation();
  const go = useApp((s) => s.go);
  return (
    <section className="card" aria-labelledby="backups-hosts-title">
      <h2 id="backups-hosts-title">{t('backups.ui.hosts.title')}</h2>
      <p className="muted small backup-hosts-intro">{t('backups.ui.hosts.intro')}</p>
      {loading ? (
        <p className="muted">{t('backups.ui.loading')}</p>
      ) : hosts.length === 0 ? (
        <p className="muted">
          {t('backups.ui.hosts.none')}{' '}
          <Button variant="ghost" onClick={() => go('fleet')}>
            {t('empty.goToFleet')}
          </Button>
        </p>
      ) : (
        <ul className="backup-hosts">
          {hosts.map((h) => (
            <li key={h.id} className="backup-host" data-testid="backup-host" data-host={h.name}>
              <span className="backup-host-name">{h.name}</span>
              <span className="muted small">{h.address === h.name ? '' : h.address}</span>
              <Button variant="primary" onClick={() => onRunNow(h)} aria-label={t('backups.ui.runNowOn', { host: h.name })}>
                {t('backups.ui.runNow')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
