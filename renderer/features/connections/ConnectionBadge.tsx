import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../../shared/ipc/ssh.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';

const tone: Record<ConnectionState['state'], BadgeTone> = {
  idle: 'neutral',
  connecting: 'info',
  verifying: 'info',
  authenticating: 'info',
  ready: 'success',
  reconnecting: 'warning',
  failed: 'danger',
};

/** One host's connection state in words and colour; the fleet view and the connections menu both use it. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <span data-connection-state={state.state}>
      <Badge tone={tone[state.state]}>{t(`ssh.state.${state.state}`, { attempt: state.attempt ?? 1 })}</Badge>
    </span>
  );
}
