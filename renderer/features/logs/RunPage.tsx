import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vmLineRange } from '../../../shared/model/log-catalog.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import type { OpenRun } from '../../stores/logs/store.ts';
import { useLogs } from '../../stores/logs/store.ts';
import { CopyRange } from './CopyRange.tsx';
import { exportReport } from './export-report.ts';
import { outcomeTone, STATUS_TONE } from './labels.ts';
import { LineFinder } from './LineFinder.tsx';
import { OfflineBadge } from './OfflineBadge.tsx';
import { RawLogView } from './RawLogView.tsx';
import { VmExplanation } from './VmExplanation.tsx';
import { VmLines } from './VmLines.tsx';

/**
 * One run: the VMs on the left (outcome, plain-words explanation and fix), the chosen VM's lines on the right, and
 * below the whole log with line numbers, find, "jump to the first error" and copy of a line range.
 */
export function RunPage({ open }: { open: OpenRun }) {
  const { t, i18n } = useTranslation();
  const { detail } = open;
  const r = detail.run;
  const selectVm = useLogs((s) => s.selectVm);
  const closeRun = useLogs((s) => s.closeRun);
  const [target, setTarget] = useState<{ line: number; n: number }>({ line: open.line ?? detail.firstLine, n: 0 });
  const goTo = (line: number): void => setTarget((prev) => ({ line, n: prev.n + 1 }));
  const [lastOpen, setLastOpen] = useState(open);
  if (lastOpen !== open) {
    setLastOpen(open);
    goTo(open.line ?? detail.firstLine);
  }
  const vm = open.vm === null ? null : (detail.vms.find((v) => v.name === open.vm) ?? null);
  const vmRange = vm === null ? null : vmLineRange(detail.vms, vm.name, detail.lastLine);
  return (
    <div className="run-page" data-testid="run-page" data-run={r.id}>
      <div className="run-head">
        <Button variant="ghost" onClick={closeRun}>
          ← {t('logs.ui.back')}
        </Button>
        <h2>{t('logs.ui.run.title', { host: r.hostName, start: r.startedAt ?? '—' })}</h2>
        <Badge tone={STATUS_TONE[r.status]}>{t(`logs.status.${r.status}`)}</Badge>
        <OfflineBadge />
        <Button onClick={() => void exportReport({ runId: r.id, lang: i18n.language === 'it' ? 'it' : 'en' })}>{t('logs.ui.run.export')}</Button>
      </div>
      <p className="muted small">
        {r.finalStatus ? `${r.finalStatus} · ` : ''}
        {t('logs.ui.run.file', { origin: detail.origin, source: detail.source, first: detail.firstLine, last: detail.lastLine })}
      </p>
      {detail.failure ? (
        <p className="banner banner-danger">
          {t(`ghettovcb.failure.${detail.failure.kind}.explanation`)} <strong>{t('logs.ui.run.fix')}:</strong> {t(`ghettovcb.failure.${detail.failure.kind}.fix`)}
        </p>
      ) : null}
      {detail.invalidUtf8 ? <p className="banner">{t('logs.ui.run.invalidUtf8')}</p> : null}
      <div className="run-split">
        <aside className="card run-vms">
          {detail.vms.length === 0 ? <p className="muted">{t('logs.ui.run.noVms')}</p> : null}
          <ul>
            {detail.vms.map((v) => (
              <li key={v.name}>
                <button type="button" className={v.name === open.vm ? 'vm-button active' : 'vm-button'} aria-pressed={v.name === open.vm} onClick={() => selectVm(v.name)}>
                  <span className="vm-name">{v.name}</span>
                  <Badge tone={outcomeTone(v.outcome)}>{t(`ghettovcb.outcome.${v.outcome}.label`)}</Badge>
                </button>
              </li>
            ))}
          </ul>
          {vm ? <VmExplanation vm={vm} /> : null}
        </aside>
        {vm && vmRange ? <VmLines fileId={r.fileId} vm={vm.name} range={vmRange} onLine={goTo} /> : null}
      </div>
      <section className="card raw-card">
        <div className="raw-tools">
          <h3>{t('logs.ui.run.raw')}</h3>
          <Button onClick={() => detail.firstErrorLine !== null && goTo(detail.firstErrorLine)} disabled={detail.firstErrorLine === null} title={detail.firstErrorLine === null ? t('logs.ui.run.noError') : undefined}>
            {t('logs.ui.run.firstError')}
          </Button>
          <LineFinder fileId={r.fileId} onLine={goTo} />
          <CopyRange key={r.id} fileId={r.fileId} lineCount={detail.fileLines} initial={{ from: detail.firstLine, to: detail.lastLine }} />
        </div>
        <RawLogView key={`${r.fileId}`} fileId={r.fileId} lineCount={detail.fileLines} target={target.line} nonce={target.n} range={{ from: detail.firstLine, to: detail.lastLine }} label={t('logs.ui.rawLabel')} />
      </section>
    </div>
  );
}
