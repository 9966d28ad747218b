import { useTranslation } from 'react-i18next';
import type { VmProgress } from '../../../shared/model/backup.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';
import { Progress } from '../../components/Progress.tsx';

const TONE: Record<VmProgress['state'], BadgeTone> = { waiting: 'neutral', snapshot: 'info', cloning: 'info', removingSnapshot: 'info', done: 'success', skipped: 'warning', failed: 'danger' };

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
      return vm.percent === null ? (vm.state === 'failed' ? 0 : null) : vm.percent / 100;
    default:
      return 1;
  }
}

/** One bar per VM of a live run, moved by the run's progress events. */
export function VmProgressList({ vms }: { vms: VmProgress[] }) {
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
          </li>
        );
      })}
    </ul>
  );
}
