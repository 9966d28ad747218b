import { useTranslation } from 'react-i18next';
import type { RefreshOutcome } from '../../stores/fleet/slices/view/initialState.ts';
import { answered } from '../../stores/fleet/slices/view/selectors.ts';

/** How the last check went, coloured by its worst part: how many machines answered, and which did not. */
export function RefreshOutcomeLine({ outcome, onOpen }: { outcome: RefreshOutcome; onOpen(id: string): void }) {
  const { t, i18n } = useTranslation();
  if (outcome.state !== 'succeeded' || outcome.hosts.length === 0) return null;
  const silent = outcome.hosts.filter((h) => !answered(h.state));
  const partial = outcome.hosts.filter((h) => h.state === 'partial');
  const tone = silent.length > 0 ? 'danger' : partial.length > 0 ? 'warning' : 'success';
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(outcome.at);
  const names = (list: typeof silent) =>
    list.map((h, i) => (
      <span key={h.hostId}>
        {i > 0 ? ', ' : null}
        <button type="button" className="link-button" onClick={() => onOpen(h.hostId)}>
          {h.name}
        </button>
      </span>
    ));
  return (
    <div className={`fleet-outcome fleet-outcome-${tone}`} role="status" data-testid="refresh-outcome" data-tone={tone}>
      <span>{t('fleet.ui.checkOutcome.line', { time, count: outcome.hosts.length, answered: outcome.hosts.length - silent.length })}</span>
      {silent.length > 0 ? (
        <span>
          {' '}
          {t('fleet.ui.checkOutcome.silent')} {names(silent)}.
        </span>
      ) : null}
      {partial.length > 0 ? (
        <span>
          {' '}
          {t('fleet.ui.checkOutcome.partial')} {names(partial)}.
        </span>
      ) : null}
    </div>
  );
}
