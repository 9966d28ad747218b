import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icons.tsx';
import { Toasts } from '../components/Toasts.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { BackupsPage } from '../features/backups/BackupsPage.tsx';
import { ConnectionDialogs } from '../features/connections/ConnectionDialogs.tsx';
import { ConnectionsMenu } from '../features/connections/ConnectionsMenu.tsx';
import { FleetPage } from '../features/fleet/FleetPage.tsx';
import { jobOutcome, toastsWhenDone } from '../features/jobs/job-words.ts';
import { JobsMenu } from '../features/jobs/JobsMenu.tsx';
import { LogsPage } from '../features/logs/LogsPage.tsx';
import { RestorePage } from '../features/restore/RestorePage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { changeLanguage } from '../i18n/index.ts';
import { SECTIONS, useApp, type Section } from '../stores/app/store.ts';
import { useJobs } from '../stores/jobs/store.ts';
import { useSettings } from '../stores/settings/store.ts';
import { useToasts } from '../stores/toasts/store.ts';

function SectionView({ section }: { section: Section }) {
  switch (section) {
    case 'fleet':
      return <FleetPage />;
    case 'settings':
      return <SettingsPage />;
    case 'audit':
      return <AuditPage />;
    case 'logs':
      return <LogsPage />;
    case 'backups':
      return <BackupsPage />;
    case 'restore':
      return <RestorePage />;
  }
}

export function App() {
  const { t } = useTranslation();
  const section = useApp((s) => s.section);
  const go = useApp((s) => s.go);
  const connectionLost = useApp((s) => s.connectionLost);
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const info = useSettings((s) => s.info);
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);

  useEffect(
    () =>
      useJobs.getState().connect((job) => {
        if (toastsWhenDone(job)) useToasts.getState().push(jobOutcome(t, job).tone, (now) => jobOutcome(now, job).text);
      }),
    [t],
  );

  useEffect(() => {
    const root = document.documentElement;
    if (settings) root.dataset.theme = settings.theme;
  }, [settings]);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="brand">
          <Icon name="shield" size={26} />
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <ul className="nav">
          {SECTIONS.map((s) => (
            <li key={s}>
              <a
                href={`#/${s}`}
                className={s === section ? 'nav-link active' : 'nav-link'}
                aria-current={s === section ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  go(s);
                }}
              >
                <Icon name={s} />
                <span>{t(`nav.${s}`)}</span>
              </a>
            </li>
          ))}
        </ul>
        {info ? <div className="sidebar-foot muted small">{t(`mode.${info.mode}`)} · v{info.version}</div> : null}
      </nav>
      <div className="main">
        <div className="topbar">
          <div className="lang-switch" role="group" aria-label={t('lang.label')}>
            {(['it', 'en'] as const).map((lang) => (
              <button
                key={lang}
                type="button"
                lang={lang}
                aria-pressed={settings?.language === lang}
                className={settings?.language === lang ? 'lang active' : 'lang'}
                onClick={() => void update({ language: lang }).then(() => changeLanguage(lang))}
              >
                {lang.toUpperCase()}
              </button>
            ))}
          </div>
          <ConnectionsMenu />
          <JobsMenu />
        </div>
        {connectionLost ? <div className="banner banner-danger" role="alert">{t('connection.lost')}</div> : null}
        <main className="content" id="content">
          <SectionView section={section} />
        </main>
      </div>
      <Toasts toasts={toasts} onDismiss={dismiss} t={t} />
      <ConnectionDialogs />
    </div>
  );
}
