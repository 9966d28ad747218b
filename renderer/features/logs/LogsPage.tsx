import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useLogs, type LogsTab } from '../../stores/logs/store.ts';
import { HistoryGrid } from './HistoryGrid.tsx';
import { OfflineBadge } from './OfflineBadge.tsx';
import { RunList } from './RunList.tsx';
import { RunPage } from './RunPage.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import './logs.css';

const TABS: readonly LogsTab[] = ['runs', 'history', 'search'];

/** The Logs section: every harvested run, the nightly history of each VM, and fleet-wide search, all offline. */
export function LogsPage() {
  const { t } = useTranslation();
  const tab = useLogs((s) => s.tab);
  const open = useLogs((s) => s.open);
  const status = useLogs((s) => s.status);
  const error = useLogs((s) => s.error);
  const syncing = useLogs((s) => s.syncJob !== null);
  const setTab = useLogs((s) => s.setTab);

  useEffect(() => {
    void useLogs.getState().load();
  }, []);

  const actions = (
    <>
      <OfflineBadge />
      <Button variant="primary" disabled={syncing} onClick={() => void useLogs.getState().sync()}>
        {syncing ? t('logs.ui.syncing') : t('logs.ui.sync')}
      </Button>
    </>
  );
  return (
    <div className="logs" data-testid="logs-page">
      <PageHeader title={t('logs.title')} subtitle={status ? `${t('logs.subtitle')} ${t('logs.ui.counts', { runs: status.runs, lines: status.lines })}` : t('logs.subtitle')} actions={actions} />
      {error ? (
        <p className="banner banner-danger" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      {open ? (
        <RunPage open={open} />
      ) : (
        <>
          <div className="tabs" role="tablist">
            {TABS.map((name) => (
              <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'tab active' : 'tab'} onClick={() => setTab(name)}>
                {t(`logs.ui.tab.${name}`)}
              </button>
            ))}
          </div>
          {tab === 'runs' ? <RunList /> : null}
          {tab === 'history' ? <HistoryGrid /> : null}
          {tab === 'search' ? <SearchPanel /> : null}
        </>
      )}
    </div>
  );
}
