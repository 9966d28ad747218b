import { useTranslation } from 'react-i18next';
import { Language, Theme } from '../../../shared/ipc/settings.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { changeLanguage } from '../../i18n/index.ts';
import { useSettings } from '../../stores/settings/store.ts';
import { TrustCard } from '../trust/TrustCard.tsx';
import { DiagnosticsCard } from './DiagnosticsCard.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const info = useSettings((s) => s.info);
  const update = useSettings((s) => s.update);
  if (!settings) return null;

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <div className="stack">
        <section className="card" aria-labelledby="appearance-title">
          <h2 id="appearance-title">{t('settings.appearance')}</h2>
          <div className="form-grid">
            <label htmlFor="setting-language">{t('settings.language')}</label>
            <select
              id="setting-language"
              value={settings.language}
              onChange={(e) => {
                const language = Language.parse(e.target.value);
                void update({ language }).then(() => changeLanguage(language));
              }}
            >
              {Language.options.map((l) => (
                <option key={l} value={l}>
                  {t(`lang.${l}`)}
                </option>
              ))}
            </select>
            <label htmlFor="setting-theme">{t('settings.theme')}</label>
            <select id="setting-theme" value={settings.theme} onChange={(e) => void update({ theme: Theme.parse(e.target.value) })}>
              {Theme.options.map((th) => (
                <option key={th} value={th}>
                  {t(`settings.theme.${th}`)}
                </option>
              ))}
            </select>
          </div>
        </section>
        <DiagnosticsCard />
        <TrustCard />
        {info ? (
          <section className="card" aria-labelledby="about-title">
            <h2 id="about-title">{t('settings.about')}</h2>
            <dl className="facts">
              <dt>{t('settings.version')}</dt>
              <dd>{info.version}</dd>
              <dt>{t('settings.mode')}</dt>
              <dd>{t(`mode.${info.mode}`)}</dd>
              <dt>{t('settings.runtime')}</dt>
              <dd>Node {info.nodeVersion} · {info.platform}</dd>
              <dt>{t('settings.dataDir')}</dt>
              <dd className="mono">{info.dataDir}</dd>
            </dl>
          </section>
        ) : null}
      </div>
    </>
  );
}
