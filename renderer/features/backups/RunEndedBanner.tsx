import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.tsx';
import { useBackups } from './backups-store.ts';
import { runEndedText } from './run-ended.ts';

/** The runs that ended with problems while no desktop notification could be shown (not allowed, or not available). */
export function RunEndedBanner() {
  const { t } = useTranslation();
  const ended = useBackups((s) => s.ended);
  const runs = useBackups((s) => s.runs);
  const live = useBackups((s) => s.live);
  if (ended.length === 0) return null;
  return (
    <div className="stack-sm" data-testid="run-ended-banners">
      {ended.map((e) => {
        const following = Object.values(live).find((l) => l.runId === e.runId);
        const known = runs.some((r) => r.id === e.runId);
        return (
          <div key={e.runId} role="alert" className="error-alert backup-ended-banner" data-testid="run-ended-banner" data-host={e.host}>
            <span>{runEndedText(t, e)}</span>
            {following || known ? (
              <Button variant="ghost" onClick={() => useBackups.getState().openRun(following ? { kind: 'live', jobId: following.jobId } : { kind: 'past', runId: e.runId })}>
                {t('backups.ui2.ended.open')}
              </Button>
            ) : null}
            <Button variant="ghost" onClick={() => useBackups.getState().dismissEnded(e.runId)}>
              {t('backups.ui2.ended.dismiss')}
            </Button>
          </div>
        );
      })}
    </div>
  );
}
