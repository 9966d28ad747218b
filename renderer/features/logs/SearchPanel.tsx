import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { useLogs } from '../../stores/logs/store.ts';
import { STATUS_TONE } from './labels.ts';
import { Snippet } from './Snippet.tsx';

/** Fleet-wide search: one box, results grouped by run, each hit opening the run at its line. */
export function SearchPanel() {
  const { t } = useTranslation();
  const query = useLogs((s) => s.query);
  const result = useLogs((s) => s.search);
  const runSearch = useLogs((s) => s.runSearch);
  const openRun = useLogs((s) => s.openRun);
  const [text, setText] = useState(query);
  return (
    <section className="card" data-testid="search-panel">
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void runSearch(text);
        }}
      >
        <input type="search" aria-label={t('logs.ui.tab.search')} placeholder={t('logs.ui.search.placeholder')} value={text} onChange={(e) => setText(e.target.value)} />
        <Button variant="primary" type="submit">
          {t('logs.ui.search.go')}
        </Button>
      </form>
      {result !== null ? (
        <>
          <p className="muted small">
            {result.groups.length === 0 ? t('logs.ui.search.none') : t('logs.ui.search.count', { total: result.total, runs: result.groups.length })}
            {result.truncated ? ` ${t('logs.ui.search.more', { total: result.total })}` : ''}
            {result.ignored.length > 0 ? ` ${t('logs.ui.search.ignored', { terms: result.ignored.join(' ') })}` : ''}
          </p>
          <ol className="search-groups">
            {result.groups.map((g) => (
              <li key={g.run.id} className="search-group" data-run={g.run.id}>
                <div className="search-run">
                  <strong>{g.run.hostName}</strong> <span>{g.run.startedAt ?? '—'}</span> <Badge tone={STATUS_TONE[g.run.status]}>{t(`logs.status.${g.run.status}`)}</Badge>
                </div>
                <ul>
                  {g.hits.map((h) => (
                    <li key={h.line}>
                      <button type="button" className="hit" data-line={h.line} onClick={() => void openRun(g.run.id, h.line)}>
                        <span className="hit-no">{h.line}</span>
                        <Snippet text={h.snippet} />
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
