import { useTranslation } from 'react-i18next';
import { PageFacts, Refusal } from './PageFacts.tsx';
import type { FormPageProps } from './page-props.ts';
import { pageView } from './wizard-pages.ts';

/** Page c: the share mounted on the host as `VM_backup_<ip>`, NFS 4.1 unless the user picks v3, then written to and cleaned as root. */
export function MountStep({ view, state, refusal, choices, onChange }: FormPageProps) {
  const { t } = useTranslation();
  return (
    <div className="stack-sm" data-testid="setup-page-mount">
      <p className="muted">{t('setup.ui.mount.intro', { volume: view?.summary.volume ?? '…', share: view?.summary.share ?? '…' })}</p>
      <fieldset className="setup-field setup-fieldset">
        <legend>{t('setup.ui.mount.version')}</legend>
        {(['nfs41', 'nfs3'] as const).map((v) => (
          <label key={v} className="setup-check">
            <input type="radio" name="nfsVersion" value={v} checked={choices.nfsVersion === v} onChange={() => onChange({ nfsVersion: v })} /> {t(`setup.ui.mount.${v}`)}
          </label>
        ))}
        <span className="muted small">{t('setup.ui.mount.writeTest')}</span>
      </fieldset>
      {refusal ? <Refusal error={refusal} /> : null}
      <PageFacts page={pageView(view, 'mount')} plan={view?.plan ?? null} state={state} />
    </div>
  );
}
