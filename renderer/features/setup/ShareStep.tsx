import { useTranslation } from 'react-i18next';
import { PageFacts, Refusal } from './PageFacts.tsx';
import type { FormPageProps } from './page-props.ts';
import { pageView, type LifetimeUnit } from './wizard-pages.ts';

const UNITS: LifetimeUnit[] = ['DAY', 'WEEK', 'MONTH'];

/**
 * Page b: the dataset `ESXI_<ip>` under the site's backups dataset (or one named), exported to this host's address
 * only with root as root over NFSv4; the weakness of the site's NFS access through a NAS administrator is said, not
 * copied; snapshots the host cannot erase are offered.
 */
export function ShareStep({ view, state, refusal, choices, onChange }: FormPageProps) {
  const { t } = useTranslation();
  return (
    <div className="stack-sm" data-testid="setup-page-share">
      <p className="muted">{t('setup.ui.share.intro', { dataset: view?.summary.dataset ?? '…', ip: view?.ip ?? '…' })}</p>
      <div className="setup-form">
        <label className="setup-field">
          <span>{t('setup.ui.share.dataset')}</span>
          <input name="dataset" value={choices.dataset} placeholder={t('setup.ui.share.datasetAuto')} onChange={(e) => onChange({ dataset: e.target.value })} />
          <span className="muted small">{t('setup.ui.share.datasetHint')}</span>
        </label>
        <fieldset className="setup-field setup-fieldset">
          <label className="setup-check">
            <input type="checkbox" name="snapshots" checked={choices.snapshots} onChange={(e) => onChange({ snapshots: e.target.checked })} /> {t('setup.ui.share.snapshots')}
          </label>
          <span className="muted small">{t('setup.ui.share.snapshotsWhy')}</span>
          {choices.snapshots ? (
            <span className="setup-inline">
              <span>{t('setup.ui.share.keepFor')}</span>
              <input name="snapshotValue" className="setup-number" inputMode="numeric" value={choices.snapshotValue} onChange={(e) => onChange({ snapshotValue: e.target.value })} />
              <select name="snapshotUnit" value={choices.snapshotUnit} onChange={(e) => onChange({ snapshotUnit: e.target.value as LifetimeUnit })}>
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`setup.ui.unit.${u}`)}
                  </option>
                ))}
              </select>
            </span>
          ) : null}
        </fieldset>
      </div>
      {refusal ? <Refusal error={refusal} /> : null}
      <PageFacts page={pageView(view, 'share')} plan={view?.plan ?? null} state={state} />
    </div>
  );
}
