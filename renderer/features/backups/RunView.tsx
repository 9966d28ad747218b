import { useTranslation } from 'react-i18next';
import type { BackupRun } from '../../../shared/model/backup.ts';
import type { HistoryRun } from '../../../shared/model/backup-history.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { dateTime } from '../fleet/format.ts';
import { useNow } from '../fleet/use-now.ts';
import { duration } from '../logs/labels.ts';
import { useBackups, type LiveRun, type OpenRun } from './backups-store.ts';
import { CancelRun } from './CancelRun.tsx';
import { LiveLog } from './LiveLog.tsx';
import { cutOff, liveBadge, runEnd } from './outcome.ts';
import { RunOutcomes } from './RunOutcomes.tsx';
import { RunVerification } from './RunVerification.tsx';
import { RunTotals, VmProgressList } from './VmProgressList.tsx';

const seconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));

/** How a run ended: its outcome, ghettoVCB's last word and exit code, and each VM with what to do. */
function RunEnding({ run }: { run: BackupRun }) {
  const { t } = useTranslation();
  const end = runEnd(run);
  return (
    <section className="card backup-ending" data-testid="run-ending" data-state={run.state} aria-labelledby="backup-ending-title">
      <div className="backup-ending-head">
        <h3 id="backup-ending-title">{t('backups.ui.run.ending')}</h3>
        <Badge tone={end.tone}>{t(end.key)}</Badge>
        <span className="muted small">{t('backups.ui.run.exit', { code: run.exitCode ?? '—', duration: duration(run.durationMs === null ? null : seconds(run.durationMs)) })}</span>
      </div>
      {run.finalStatus ? <p className="small"><code>{run.finalStatus}</code></p> : null}
      {run.outcomes.length > 0 ? <RunOutcomes outcomes={run.outcomes} /> : <p className="muted">{t('backups.ui.run.noOutcomes')}</p>}
    </section>
  );
}

/** Who started the run, when and why, and where its log is on the share. */
function RunFacts({ run }: { run: HistoryRun }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="card backup-facts">
      <dt>{t('backups.ui2.origin')}</dt>
      <dd data-testid="run-origin" data-origin={run.origin}>{t(`backup.origin.${run.origin}`)}</dd>
      <dt>{t('backups.ui.run.started')}</dt>
      <dd>{t('backups.ui.run.startedBy', { when: dateTime(i18n.language, run.startedAt), by: run.startedBy })}</dd>
      <dt>{t('backups.ui.run.reason')}</dt>
      <dd data-testid="run-reason">{run.reason}</dd>
      <dt>{t('backups.ui.run.vms')}</dt>
      <dd>{run.vms.length === 0 ? t('cli.backup.allVmsShort') : run.vms.join(', ')}{run.dryRun ? ` · ${t('backups.ui.dialog.dryRun')}` : ''}</dd>
      <dt>{t('backups.ui.run.logPath')}</dt>
      <dd><code>{run.logPath}</code></dd>
    </dl>
  );
}

/** Where the followed run is: going, cancelling, how the run ended once followed to its end (cancelled, say), or why following stopped. */
function ProgressBadge({ live, result }: { live: LiveRun; result: BackupRun | null }) {
  const { t } = useTranslation();
  const badge = liveBadge(live, result);
  return <Badge tone={badge.tone}>{t(badge.key)}</Badge>;
}

function LiveRunView({ live, record }: { live: LiveRun; record: HistoryRun | null }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const result = live.done?.state === 'succeeded' ? (live.done.result as BackupRun) : null;
  const elapsed = seconds(live.done === null ? now - live.startedAt : (result?.durationMs ?? record?.durationMs ?? 0));
  return (
    <div className="backup-run-grid">
      <div className="stack">
        {record ? <RunFacts run={record} /> : null}
        <section className="card" aria-labelledby="backup-progress-title" data-testid="run-progress" data-done={live.done === null ? 'no' : live.done.state}>
          <div className="backup-ending-head">
            <h3 id="backup-progress-title">{t('backups.ui.run.progress')}</h3>
            <ProgressBadge live={live} result={result} />
            <span className="muted small" data-testid="run-elapsed">{t('backups.ui.run.elapsed', { duration: duration(elapsed) })}</span>
          </div>
          {/* Bytes, rate and time left of copies that go on: none for a run a cancel has cut off. */}
          {live.done === null && !cutOff(live.vms) ? <RunTotals view={live.view} /> : null}
          <VmProgressList vms={live.vms} view={live.view} />
          {live.done?.state === 'failed' || live.done?.state === 'cancelled' ? <ErrorAlert error={live.done.error ?? null} /> : null}
        </section>
        <CancelRun hostId={live.hostId} host={live.hostName} going={live.done === null} />
        {result ? <RunEnding run={result} /> : null}
        {result && record && record.state !== 'running' && record.state !== 'starting' ? <RunVerification run={record} /> : null}
      </div>
      <LiveLog lines={live.lines} note={live.reattached ? t('backups.ui.run.reattached', { log: record?.logPath ?? '' }) : null} />
    </div>
  );
}

/** One run's page: live (per-VM bars, elapsed time, the log appending) or past (how it ended, per VM). */
export function RunView({ open, onBack }: { open: OpenRun; onBack(): void }) {
  const { t } = useTranslation();
  const live = useBackups((s) => (open.kind === 'live' ? (s.live[open.jobId] ?? null) : null));
  const runs = useBackups((s) => s.runs);
  const runId = open.kind === 'past' ? open.runId : live?.runId;
  const record = runs.find((r) => r.id === runId) ?? null;
  const host = live?.hostName ?? record?.hostName ?? '';
  return (
    <div className="backup-run" data-testid="backup-run">
      <div className="backup-run-head">
        <Button variant="ghost" onClick={onBack}>
          {t('backups.ui.back')}
        </Button>
        <h2>{t('backups.ui.run.title', { host })}</h2>
      </div>
      {live ? (
        <LiveRunView live={live} record={record} />
      ) : record ? (
        <div className="stack">
          <RunFacts run={record} />
          <RunEnding run={record} />
          {record.state !== 'running' && record.state !== 'starting' ? <RunVerification run={record} /> : null}
        </div>
      ) : (
        <p className="muted">{t('backups.ui.run.unknown')}</p>
      )}
    </div>
  );
}
