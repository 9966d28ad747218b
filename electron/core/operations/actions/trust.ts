import type { HostTrust } from '../../trust/host-trust.ts';
import type { PinStore } from '../../trust/pin-store.ts';
import { holds, type LocalAction } from '../local-actions.ts';

const hostPort = (p: Record<string, unknown>) => ({ host: String(p.host), port: Number(p.port) });

/** Host-key pins as actions a plan can call: forget them, pin a key again (the planned undo of a forget). */
export function trustActions(trust: HostTrust, pins: PinStore, now: () => number = Date.now): Record<string, LocalAction> {
  return {
    'trust.hasPins': (p) => holds(trust.pins(hostPort(p).host, hostPort(p).port).length > 0),
    'trust.noPins': (p) => holds(trust.pins(hostPort(p).host, hostPort(p).port).length === 0),
    'trust.forget': (p) => {
      const { host, port } = hostPort(p);
      return { exitCode: 0, output: `forgot ${trust.forget(host, port)} pinned key(s) of ${host}:${port}` };
    },
    'trust.pin': (p) => {
      const { host, port } = hostPort(p);
      const pin = { host, port, keyType: String(p.keyType), fingerprint: String(p.fingerprint), publicKey: String(p.publicKey), source: p.source === 'known_hosts' ? ('known_hosts' as const) : ('user' as const) };
      const at = now();
      pins.pin({ ...pin, pinnedAt: at });
      pins.record({ at, kind: 'trusted', host, port, keyType: pin.keyType, fingerprint: pin.fingerprint, previousFingerprint: null });
      return { exitCode: 0, output: `pinned ${pin.keyType} ${pin.fingerprint} for ${host}:${port}` };
    },
  };
}
