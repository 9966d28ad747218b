import { useTranslation } from 'react-i18next';
import type { RunLive, VmLive, VmProgress } from '../../../shared/model/backup.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';
import { Progress } from '../../components/Progress.tsx';
import { bytes } from '../fleet/format.ts';
import { duration } from '../logs/labels.ts';

const TONE: Record<VmProgress['state'], BadgeTone> = { waiting: 'neutral', snapshot: 'info', cloning: 'info', removingSnapshot: 'info', done: 'success', skipped: 'warning', failed: 'danger', cancelled: 'warning' };
const FINISHED = new Set<VmProgress['state']>(['done', 'skipped', 'failed', 'cancelled']);
const seconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));

/** How full a VM's bar is: the clone's percent while it copies, full once copied; unknown while the snapshot is taken. */
function fraction(vm: VmProgress): number | null {
  switch (vm.state) {
    case 'waiting':
    case 'skipped':
      return 0;
    case 'snapshot':
      return null;
    case 'cloning':
    case 'failed':
    case 'cancelled':
      return vm.percent === null ? (vm.state === 'cloning' ? null : 0) : vm.percent / 100;
    default:
      return 1;
  }
}

/** A VM's time so far (or what it took) and the time left at the run's copy rate, from the run's live view. */
function VmTimes({ vm, live }: { vm: VmProgress; live: VmLive | undefined }) {
  const { t } = useTranslation();
  if (live === undefined || vm.state === 'waiting') return null;
  const parts: string[] = [];
  if (live.elapsedMs !== null) parts.push(t(FINISHED.has(vm.state) ? 'backups.ui.run.vmTook' : 'backups.ui.run.vmElapsed', { elapsed: duration(seconds(live.elapsedMs)) }));
  const eta = FINISHED.has(vm.state) ? null : live.etaMs;
  if (eta !== null) parts.push(t('backups.ui.run.vmEta', { eta: duration(seconds(eta)) }));
  if (parts.length === 0) return null;
  return (
    <div className="muted small backup-vm-times" data-testid="vm-times" data-eta={eta === null ? '' : seconds(eta)}>
      {parts.join(' · ')}
    </div>
  );
}

/** The run's bytes copied of those to copy, its rate and the time left, once the live view knows them. */
export function RunTotals({ view }: { view: RunLive | null }) {
  const { t, i18n } = useTranslation();
  if (view === null || view.bytesTotal === null) return null;
  const done = bytes(i18n.language, view.bytesDone);
  const total = bytes(i18n.language, view.bytesTotal);
  const text =
    view.bytesPerSecond !== null && view.etaMs !== null && view.etaMs > 0
      ? t('backups.ui.run.totals', { done, total, rate: bytes(i18n.language, view.bytesPerSecond), eta: duration(seconds(view.etaMs)) })
      : t('backups.ui.run.totalsNoRate', { done, total });
  return (
    <p className="muted small" data-testid="run-totals">
      {text}
    </p>
  );
}

/** One bar per VM of a live run, moved by the run's progress events, with its time so far and time left. */
export function VmProgressList({ vms, view = null }: { vms: VmProgress[]; view?: RunLive | null }) {
  const { t } = useTranslation();
  if (vms.length === 0) return <p className="muted">{t('backups.ui.run.noVmsYet')}</p>;
  return (
    <ul className="backup-vm-progress">
      {vms.map((vm) => {
        const state = t(`cli.backup.vm.${vm.state}`, { disk: vm.disk ?? '', percent: vm.percent ?? 0 });
        return (
          <li key={vm.vm} data-testid="vm-progress" data-vm={vm.vm} data-state={vm.state} data-percent={vm.percent ?? ''}>
            <div className="backup-vm-progress-head">
              <strong>{vm.vm}</strong>
              <Badge tone={TONE[vm.state]}>{state}</Badge>
            </div>
            <Progress fraction={fraction(vm)} label={t('backups.ui.run.vmProgress', { vm: vm.vm, state })} />
            <VmTimes vm={vm} live={view?.vms.find((v) => v.vm === vm.vm)} />
          </li>
        );
      })}
    </ul>
  );
}
