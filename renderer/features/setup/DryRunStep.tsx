import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge.tsx';

/** What `setup.dryRun` answers (core's DryRunResult): ghettoVCB's `-d dryrun` log, per VM. */
export interface DryRunView {
  exitCode: number | null;
  finalStatus: string | null;
  vms: Array<{ name: string; outcome: string; reason: string | null; disks: Array<{ name: string; sizeGb: number | null }>; totalSizeGb: number | null; notes: string[] }>;
}

/** Page g: ghettoVCB run with `-d dryrun` on every VM (nothing copied), what it would copy and skip, per VM. */
export function DryRunStep({ result }: { result: DryRunView | null }) {
  const { t } = useTranslation();
  return (
    <div className="stack-sm" data-testid="setup-page-dryRun">
      <p className="muted">{t('setup.ui.dryRun.intro')}</p>
      {result ? (
        <>
          <p data-testid="setup-dry-status">{t('setup.ui.dryRun.status', { status: result.finalStatus ?? '—', exit: result.exitCode ?? '—', count: result.vms.length })}</p>
          <table className="setup-keys" data-testid="setup-dry-vms">
            <thead>
              <tr>
                <th>{t('setup.ui.dryRun.vm')}</th>
                <th>{t('setup.ui.dryRun.outcome')}</th>
                <th>{t('setup.ui.dryRun.disks')}</th>
                <th>{t('setup.ui.dryRun.size')}</th>
              </tr>
            </thead>
            <tbody>
              {result.vms.map((vm) => (
                <tr key={vm.name} data-testid="setup-dry-vm" data-vm={vm.name} data-outcome={vm.outcome}>
                  <td>{vm.name}</td>
                  <td>
                    <Badge tone={vm.outcome === 'ok' ? 'success' : vm.outcome === 'excluded' ? 'neutral' : 'warning'}>{t(`ghettovcb.outcome.${vm.outcome}.label`, { defaultValue: vm.outcome })}</Badge>
                    {vm.reason ? <div className="muted small">{t('setup.ui.dryRun.said', { text: vm.reason })}</div> : null}
                    {vm.outcome === 'excluded' ? <div className="muted small">{t('setup.ui.dryRun.excluded')}</div> : null}
                  </td>
                  <td className="mono">{vm.disks.map((d) => `${d.name}${d.sizeGb === null ? '' : ` (${d.sizeGb} GB)`}`).join(', ') || '—'}</td>
                  <td>{vm.totalSizeGb === null ? '—' : `${vm.totalSizeGb} GB`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">{t('setup.ui.dryRun.notYet')}</p>
      )}
    </div>
  );
}
