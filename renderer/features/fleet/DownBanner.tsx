import { useTranslation } from 'react-i18next';
import type { FleetSummary } from '../../stores/fleet/slices/view/selectors.ts';
import { ago } from './format.ts';

/** At the top of the fleet: which machines did not answer their last check, each a link to its own page. */
export function DownBanner({ down, now, onOpen }: { down: FleetSummary['down']; now: number; onOpen(id: string): void }) {
  const { t, i18n } = useTranslation();
  if (down.length === 0) return null;
  return (
    <div className="fleet-alert fleet-down" role="alert" data-testid="fleet-down">
      <strong>{t('fleet.ui.down.title', { count: down.length })}</strong>{' '}
      {down.map((m, i) => (
        <span key={m.id}>
          {i > 0 ? ', ' : null}
          <button type="button" className="link-button" onClick={() => onOpen(m.id)} data-host={m.name}>
            {m.name}
          </button>
          {m.probedAt ? <span className="small"> ({t('fleet.ui.down.lastKnown', { age: ago(i18n.language, m.probedAt, now) })})</span> : null}
        </span>
      ))}
      <span className="small"> {t('fleet.ui.down.body')}</span>
    </div>
  );
}
