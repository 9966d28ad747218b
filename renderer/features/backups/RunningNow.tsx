import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.tsx';
import { Progress } from '../../components/Progress.tsx';
import { useNow } from '../fleet/use-now.ts';
import { duration } from '../logs/labels.ts';
import { useBackups, type LiveRun } from './backups-store.ts';

const FINISHED = new Set(['done', 'skipped', 'failed']);

/** How far a live run is: its finished VMs, and the part of the VM at work its copy has done. */
function runFraction(run: LiveRun): number | null {
  if (run.vms.length === 0) return null;
  const finished = run.vms.filter((v) => FINISHED.has(v.state)).length;
  const copying = run.vms.find((v) => v.state === 'cloning')?.percent ?? 0;
  return (finished + copying / 100) / run.vms.length;
}

/** The runs going on across the fleet that this window follows, each opening its page. */
export function RunningNow() {
  const { t } = useTranslation();
  const live = useBackups((s) => s.live);
  const now = useNow(1000);
  const running = Object.values(live)
    .filter((r) => r.done === null)
    .sort((a, b) => b.startedAt - a.startedAt);
  return (
    <section className="card" aria-labelledby="backups-running-title" data-testid="backups-running">
      <h2 id="backups-running-title">{t('backups.ui.running.title')}</h2>
      {running.length === 0 ? (
        <p className="muted">{t('backups.ui.running.none')}</p>
      ) : (
        <ul className="backup-running">
          {running.map((r) => {
            const current = r.vms.find((v) => !FINISHED.has(v.state) && v.state !== 'waiting');
            return (
              <li key={r.jobId} className="backup-running-row" data-testid="running-run" data-host={r.hostName}>
                <strong className="backup-running-host">{r.hostName}</strong>
                <span className="muted small">{current ? `${current.vm}: ${t(`cli.backup.vm.${current.state}`, { disk: current.disk ?? '', percent: current.percent ?? 0 })}` : t('backups.ui.running.starting')}</span>
                <Progress fraction={runFraction(r)} label={t('backups.ui.running.progress', { host: r.hostName })} />
                <span className="muted small backup-elapsed">{duration(Math.max(0, Math.round((now - r.startedAt) / 1000)))}</span>
                <Button onClick={() => useBackups.getState().openRun({ kind: 'live', jobId: r.jobId })}>{t('backups.ui.open')}</Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
