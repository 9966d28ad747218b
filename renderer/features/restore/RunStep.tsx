import { useTranslation } from 'react-i18next';
import type { RestoreEnded, RestorePlanView, RestoreProgress } from '../../../shared/model/restore.ts';
import { Button } from '../../components/Button.tsx';
import { Progress } from '../../components/Progress.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { diskStates } from './wizard-state.ts';


function PathList({ title, paths, testId }: { title: string; paths: readonly string[]; testId: string }) {
  if (paths.length === 0) return null;
  return (
    <div data-testid={testId}>
      <h4 className="restore-subheading">{title}</h4>
      <ul className="restore-paths">
        {paths.map((p) => (
          <li key={p} className="restore-path">
            {p}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the restore did when it ended: what it created and verified, or what its cleanup removed and could not. */
function Ending({ ended }: { ended: RestoreEnded }) {
  const { t } = useTranslation();
  const { result, cleanup, error } = ended;
  return (
    <div className={`restore-ending restore-ending-${ended.outcome}`} data-testid="restore-ended" data-outcome={ended.outcome} role="status">
      {result ? (
        <>
          <p className="restore-ending-head">{t('restore.ui.end.succeeded', { name: result.name, host: result.targetHost, vmid: result.vmid })}</p>
          <p>{t('restore.ui.end.verified')}</p>
          <p>{t(result.poweredOn ? 'restore.ui.end.poweredOn' : 'restore.ui.end.poweredOff')}</p>
          <PathList title={t('restore.ui.end.created')} paths={result.created} testId="restore-created" />
          {result.accessLeftOpen ? (
            <p className="restore-warning" data-testid="restore-access-left-open" data-code={result.accessLeftOpen.code}>
              {t('restore.ui.end.accessLeftOpen', { error: errorText(t, result.accessLeftOpen) })}
            </p>
          ) : null}
          <a className="link" href={`#/audit/${encodeURIComponent(result.operationId)}`} data-testid="restore-audit-link">
            {t('restore.ui.end.audit')}
          </a>
        </>
      ) : (
        <>
          <p className="restore-ending-head">{t(ended.outcome === 'cancelled' ? 'restore.ui.end.cancelled' : 'restore.ui.end.failed')}</p>
          {error && ended.outcome === 'failed' ? (
            <p className="error-alert" data-code={error.code}>
              {errorText(t, error)}
            </p>
          ) : null}
          {cleanup?.unregistered ? <p>{t('restore.ui.end.unregistered', { name: cleanup.unregistered })}</p> : null}
          {cleanup === null || (cleanup.removed.length === 0 && cleanup.notRemoved.length === 0 && cleanup.unregistered === null) ? <p className="muted">{t('restore.ui.end.nothingMade')}</p> : null}
          <PathList title={t('restore.ui.end.removed')} paths={cleanup?.removed ?? []} testId="restore-removed" />
          <PathList title={t('restore.ui.end.notRemoved')} paths={cleanup?.notRemoved ?? []} testId="restore-not-removed" />
        </>
      )}
    </div>
  );
}

/** A restore going on: a bar per disk from restore:progress, the step now, cancel with what it does, and the end. */
export function RunStep({ view, progress, ended, cancelling, onCancel }: { view: RestorePlanView; progress: readonly RestoreProgress[]; ended: RestoreEnded | null; cancelling: boolean; onCancel(): void }) {
  const { t } = useTranslation();
  const disks = diskStates(view.disks.length, progress);
  const last = progress.at(-1) ?? null;
  return (
    <div className="stack-sm" data-testid="restore-step-run" data-state={ended ? 'ended' : 'running'}>
      <h3 className="restore-heading">{t('restore.ui.run.title', { name: view.name, host: view.targetHost })}</h3>
      <ul className="restore-disk-bars">
        {view.disks.map((d, i) => {
          const s = disks[i]!;
          const label = t('restore.ui.run.disk', { n: i + 1, of: view.disks.length });
          return (
            <li key={d.key} data-testid="restore-disk" data-state={s.state ?? 'waiting'} data-percent={s.percent ?? ''}>
              <div className="restore-disk-head">
                <span>
                  <strong>{label}</strong> <span className="muted restore-path">{d.target}</span>
                </span>
                <span className="muted small nowrap">
                  {ended && s.state !== 'cloned' ? t('restore.ui.run.notCloned') : `${s.state ? t(`restore.state.${s.state}`) : ''}${s.percent !== null ? ` ${s.percent}%` : ''}`}
                </span>
              </div>
              <Progress fraction={s.percent === null ? (s.state === 'cloning' && !ended ? null : 0) : s.percent / 100} label={label} />
            </li>
          );
        })}
      </ul>
      {!ended && last ? <p className="muted">{t('restore.ui.run.steps', { state: t(`restore.state.${last.state}`) })}</p> : null}
      {!ended ? (
        <div className="restore-cancel">
          <p className="muted small">{cancelling ? t('restore.ui.run.cancelling') : t('restore.ui.run.cancelWhat')}</p>
          <Button variant="danger" onClick={onCancel} disabled={cancelling}>
            {t('restore.ui.run.cancel')}
          </Button>
        </div>
      ) : (
        <Ending ended={ended} />
      )}
    </div>
  );
}
