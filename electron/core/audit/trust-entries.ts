import type { HostKeyEvent } from '../trust/pin-store.ts';
import type { AuditStore } from './audit-store.ts';

/** Every host-key decision (trusted, refused, changed and refused, imported, forgotten) becomes a trail entry. */
export function recordTrustDecisions(audit: AuditStore, hostIdOf: (host: string, port: number) => string | null): (event: Omit<HostKeyEvent, 'id'>) => void {
  return (event) => {
    const hostId = hostIdOf(event.host, event.port);
    audit.append({
      kind: 'trust',
      operationId: null,
      subject: `trust.${event.kind}`,
      title: { key: `audit.trust.${event.kind}`, params: { host: event.host, port: event.port, keyType: event.keyType, fingerprint: event.fingerprint, previous: event.previousFingerprint ?? '' } },
      target: event.port === 22 ? event.host : `${event.host}:${event.port}`,
      hostIds: hostId ? [hostId] : [],
      reason: null,
      outcome: event.kind,
      data: { event },
    });
  };
}
