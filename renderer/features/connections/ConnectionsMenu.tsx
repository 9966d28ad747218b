import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { connectionSelectors, useConnections } from '../../stores/connections/store.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import './connections.css';

/** The connection state of every host, one click away in the top bar. */
export function ConnectionsMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const hosts = useConnections(useShallow(connectionSelectors.hostList));
  const troubled = hosts.filter((h) => h.state === 'failed' || h.state === 'reconnecting').length;
  return (
    <div className="jobs-menu">
      <button type="button" className="jobs-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className={`conn-dot conn-dot-${troubled > 0 ? 'bad' : hosts.some((h) => h.state === 'ready') ? 'ok' : 'none'}`} aria-hidden="true" />
        <span>{t('ssh.connections')}</span>
        {troubled > 0 ? <Badge tone="danger">{troubled}</Badge> : null}
      </button>
      {open ? (
        <div className="jobs-panel" role="region" aria-label={t('ssh.connections')}>
          {hosts.length === 0 ? <p className="muted">{t('ssh.connections.none')}</p> : null}
          {hosts.map((h) => (
            <div key={h.hostId} className="job-row conn-row" data-host-id={h.hostId}>
              <div className="job-row-head">
                <strong className="mono">{h.hostId}</strong>
                <ConnectionBadge state={h} />
              </div>
              {h.state === 'ready' && h.openChannels > 0 ? <p className="muted small">{t('ssh.connections.channels', { count: h.openChannels })}</p> : null}
              {h.error ? <p className="small conn-error">{errorText(t, { ...h.error, details: {} })}</p> : null}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
