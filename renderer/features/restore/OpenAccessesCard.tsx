import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { namedError, type AccessCloseResult, type OpenAccess } from '../../../shared/model/restore-access.ts';
import { client } from '../../app/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useSettings } from '../../stores/settings/store.ts';
import { useToasts } from '../../stores/toasts/store.ts';
import { dateTime } from '../fleet/format.ts';
import { CloseAccessDialog } from './CloseAccessDialog.tsx';
import './open-accesses.css';

const hostsOrDash = (hosts: readonly string[] | null): string => (hosts === null || hosts.length === 0 ? '—' : hosts.join(', '));

function Access({ access, lang, onClose }: { access: OpenAccess; lang: string; onClose(): void }) {
  const { t } = useTranslation();
  const p = { host: access.host.name, nas: access.nas.name, share: access.share, datastore: access.datastore };
  return (
    <li className="open-access" data-testid="open-access" data-id={access.id} data-error={access.lastError?.code ?? ''}>
      <div className="open-access-head">
        <strong className="open-access-route">{t('restore.accesses.route', p)}</strong>
        <span className="muted small nowrap">{t('restore.accesses.since', { when: dateTime(lang, access.openedAt) })}</span>
      </div>
      <p>{t('restore.accesses.datastore', p)}</p>
      <p>{access.widenedTo === null ? t('restore.accesses.notWidened') : t('restore.accesses.widened', { hosts: hostsOrDash(access.widenedTo), before: hostsOrDash(access.originalHosts) })}</p>
      {access.lastError !== null ? (
        <div className="open-access-error" data-testid="open-access-error" data-code={access.lastError.code}>
          <p className="muted small">{t('restore.accesses.lastError', { when: dateTime(lang, access.lastError.at) })}</p>
          <p className="error-alert">{errorText(t, namedError(access)!)}</p>
          <p className="small">{t('restore.accesses.todo', p)}</p>
        </div>
      ) : access.inUse ? null : (
        <p className="muted small">{t('restore.accesses.noAttempt')}</p>
      )}
      <div className="open-access-actions">
        {access.inUse ? <Badge tone="info">{t('restore.accesses.inUse')}</Badge> : null}
        {access.closing ? <Badge tone="info">{t('restore.accesses.closing')}</Badge> : null}
        {!access.inUse && !access.closing ? (
          <Button variant="primary" onClick={onClose}>
            {t('restore.accesses.close')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}

/**
 * Temporary accesses a cross-host restore left open, shown only while there are some (or right after one was closed
 * here, with what the close did). Read again whenever core says the list changed; a change this card did not cause
 * (the attempt at start, another window, the CLI is not seen until then) is announced by a toast.
 */
export function OpenAccessesCard() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  const [accesses, setAccesses] = useState<OpenAccess[] | null>(null);
  const [closing, setClosing] = useState<OpenAccess | null>(null);
  const [closed, setClosed] = useState<{ access: OpenAccess; result: AccessCloseResult } | null>(null);
  const known = useRef<number | null>(null);
  const mine = useRef(false);

  const load = useCallback(() => {
    void client()
      .call('restore.accesses', {})
      .then((list) => {
        if (known.current !== null && list.length !== known.current && !mine.current) {
          const count = list.length;
          useToasts.getState().push(count === 0 ? 'success' : 'warning', (now) => (count === 0 ? now('restore.accesses.toastNone') : now('restore.accesses.toastOpen', { count })));
        }
        known.current = list.length;
        setAccesses(list);
      }, () => setAccesses([]));
  }, []);
  useEffect(() => {
    load();
    return client().on('restore:accessesChanged', load);
  }, [load]);

  if (accesses === null || (accesses.length === 0 && closed === null)) return null;
  return (
    <section className="card open-accesses" aria-labelledby="open-accesses-title" data-testid="open-accesses">
      <h2 id="open-accesses-title">{t('restore.accesses.title')}</h2>
      {accesses.length > 0 ? <p className="muted">{t('restore.accesses.intro')}</p> : null}
      {closed !== null ? (
        <p className="open-access-closed" role="status" data-testid="open-access-closed" data-id={closed.access.id}>
          {t('restore.accesses.closed', {
            host: closed.access.host.name,
            share: closed.access.share,
            what: [closed.result.unmounted ? t('restore.accesses.closedUnmount') : null, closed.result.exportRestored ? t('restore.accesses.closedExport') : null].filter((w) => w !== null).join(', ') || t('restore.accesses.closedNothing'),
          })}{' '}
          {closed.result.operationId !== null ? (
            <a className="link" href={`#/audit/${encodeURIComponent(closed.result.operationId)}`}>
              {t('restore.accesses.audit')}
            </a>
          ) : null}
        </p>
      ) : null}
      {accesses.length > 0 ? (
        <ul className="open-access-list">
          {accesses.map((a) => (
            <Access
              key={a.id}
              access={a}
              lang={lang}
              onClose={() => {
                mine.current = true;
                setClosed(null);
                setClosing(a);
              }}
            />
          ))}
        </ul>
      ) : null}
      {closing !== null ? (
        <CloseAccessDialog
          access={closing}
          onCancel={() => {
            mine.current = false;
            setClosing(null);
          }}
          onClosed={(result) => {
            setClosed({ access: closing, result });
            setClosing(null);
            // The close's own change is said above: the next reading only sets the count the card compares with.
            known.current = null;
            mine.current = false;
            load();
          }}
        />
      ) : null}
    </section>
  );
}
