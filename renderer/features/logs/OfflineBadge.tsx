import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge.tsx';
import { useConnections } from '../../stores/connections/store.ts';
import { useLogs } from '../../stores/logs/store.ts';
import { ago } from '../fleet/format.ts';
import { useNow } from '../fleet/use-now.ts';

/** Says the logs come from the local catalog, and how old it is, whenever no machine is connected. */
export function OfflineBadge() {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const last = useLogs((s) => s.status?.lastHarvestAt ?? null);
  const online = useConnections((s) => Object.values(s.hosts).some((h) => h.state === 'ready'));
  const age = last === null ? t('logs.ui.never') : ago(i18n.language, last, now);
  return (
    <span className="logs-offline" data-testid="logs-offline">
      {online ? null : <Badge tone="neutral">{t('logs.ui.offline')}</Badge>}
      <span className="muted small">{t('logs.ui.offlineHint', { age })}</span>
    </span>
  );
}
