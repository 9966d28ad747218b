import { useTranslation } from 'react-i18next';
import type { ProbeState } from '../../../shared/ipc/fleet.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';

const tone: Record<ProbeState, BadgeTone> = { never: 'neutral', ok: 'success', partial: 'warning', unreachable: 'danger', failed: 'danger' };

/** A machine's probe state in words, or a spinner while the running refresh has not reached it yet. */
export function HostState({ state, checking }: { state: ProbeState; checking: boolean }) {
  const { t } = useTranslation();
  if (checking) {
    return (
      <span className="host-checking" data-testid="host-state" data-state="checking" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('fleet.ui.checking')}
      </span>
    );
  }
  return (
    <span data-testid="host-state" data-state={state}>
      <Badge tone={tone[state]}>{t(`fleet.ui.state.${state}`)}</Badge>
    </span>
  );
}
