import { useTranslation } from 'react-i18next';
import { PageFacts, Refusal } from './PageFacts.tsx';
import type { FormPageProps } from './page-props.ts';
import { confKeys, pageView } from './wizard-pages.ts';

/**
 * Page e: the conf. A new one has the site's defaults, every key shown with what it does; an existing one changes
 * only where it must, shown as a diff, and the old one is kept beside it with the date (the step says where).
 */
export function ConfStep({ view, state, refusal, choices, onChange }: FormPageProps) {
  const { t } = useTranslation();
  const page = pageView(view, 'conf');
  const added = confKeys(page?.diff ?? null).filter((k) => k.change === 'added');
  const keys =
    added.length > 0
      ? added
      : [
          { key: 'VM_BACKUP_VOLUME', value: view ? `/vmfs/volumes/${String(view.summary.volume)}` : '…' },
          { key: 'VM_BACKUP_ROTATION_COUNT', value: String(view?.summary.rotation ?? '…') },
        ];
  return (
    <div className="stack-sm" data-testid="setup-page-conf">
      <p className="muted">{t('setup.ui.conf.intro', { path: view?.summary.conf ?? '…' })}</p>
      <div className="setup-form">
        <label className="setup-field">
          <span>{t('setup.ui.conf.rotation')}</span>
          <input name="rotation" className="setup-number" inputMode="numeric" value={choices.rotation} placeholder={String(view?.summary.rotation ?? 3)} onChange={(e) => onChange({ rotation: e.target.value })} />
          <span className="muted small">{t('setup.ui.conf.rotationHint')}</span>
        </label>
      </div>
      <table className="setup-keys" data-testid="setup-conf-keys">
        <thead>
          <tr>
            <th>{t('setup.ui.conf.key')}</th>
            <th>{t('setup.ui.conf.value')}</th>
            <th>{t('setup.ui.conf.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.key} data-key={k.key}>
              <td className="mono">{k.key}</td>
              <td className="mono">{k.value}</td>
              <td>{t(`setup.ui.key.${k.key}`, { defaultValue: t('setup.ui.key.other') })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {refusal ? <Refusal error={refusal} /> : null}
      <PageFacts page={page} plan={view?.plan ?? null} state={state} />
    </div>
  );
}
