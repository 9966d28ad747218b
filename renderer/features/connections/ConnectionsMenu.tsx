import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ConnectionState } from '../../../shared/ipc/ssh.ts';
import { Badge } from '../../components/Badge.tsx';
import { useDismiss } from '../../components/use-dismiss.ts';
import { errorText } from '../../i18n/error-text.ts';
import { connectionSelectors, useConnections } from '../../stores/connections/store.ts';
import { machineLabel } from '../../stores/fleet/slices/view/machines.ts';
import { useFleet } from '../../stores/fleet/store.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { useMachine } from './use-machine.ts';
import './connections.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One machine's connection, by the name the user gave it; its error worded with that name filled in. */
function ConnectionRow({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  const machine = useMachine({ hostId: state.hostId });
  // A connection no fleet machine owns (one a removed machine left) is named by its id only if that is readable.
  const name = machine?.name ?? (UUID.test(state.hostId) ? t('ssh.connections.unnamed') : state.hostId);
  const where = machine ? (machine.port === 22 ? machine.address : `${machine.address}:${machine.port}`) : null;
  return (
    <div className="job-row conn-row" data-host-id={state.hostId} data-host={name} data-testid="connection-row">
      <div className="job-row-head">
        <span>
          <strong>{name}</strong>
          {where && where !== name ? <span className="muted small mono"> {where}</span> : null}
        </span>
        <ConnectionBadge state={state} />
      </div>
      {state.state === 'ready' && state.openChannels > 0 ? <p className="muted small">{t('ssh.connections.channels', { count: state.openChannels })}</p> : null}
      {state.error ? <p className="small conn-error">{errorText(t, { ...state.error, details: { port: machine?.port ?? 22 } }, where && where !== name ? `${name} (${where})` : name)}</p> : null}
    </div>
  );
}

/** The connection state of every host, one click away in the top bar. */
export function ConnectionsMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const ref = useDismiss<HTMLDivElement>(open, close);
  const hosts = useConnections(useShallow(connectionSelectors.hostList));
  // In the order of the fleet's names, not of the ids core knows them by.
  const names = useFleet(useShallow((s) => Object.fromEntries(hosts.map((h) => [h.hostId, machineLabel(s, { hostId: h.hostId })?.name ?? h.hostId]))));
  const sorted = [...hosts].sort((a, b) => (names[a.hostId] ?? '').localeCompare(names[b.hostId] ?? '', undefined, { numeric: true }));
  const troubled = hosts.filter((h) => h.state === 'failed' || h.state === 'reconnecting').length;
  return (
    <div className="jobs-menu" ref={ref}>
      <button type="button" className="jobs-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className={`conn-dot conn-dot-${troubled > 0 ? 'bad' : hosts.some((h) => h.state === 'ready') ? 'ok' : 'none'}`} aria-hidden="true" />
        <span>{t('ssh.connections')}</span>
        {troubled > 0 ? <Badge tone="danger">{troubled}</Badge> : null}
      </button>
      {open ? (
        <div className="jobs-panel" role="region" aria-label={t('ssh.connections')} data-testid="connections-panel">
          {hosts.length === 0 ? <p className="muted">{t('ssh.connections.none')}</p> : null}
          {sorted.map((h) => (
            <ConnectionRow key={h.hostId} state={h} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
