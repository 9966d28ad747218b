import { AppError } from '../../../../shared/errors/app-error.ts';
import type { OperationPlan } from '../../../../shared/model/operation.ts';
import { cmd } from '../../shell/command.ts';
import type { HostKeyPin } from '../../trust/pin-store.ts';
import { check, localAction, step, undoStep, WORKSTATION, words } from '../plan-steps.ts';

const hasPins = (host: string, port: number) =>
  check('operations.check.pinned', { host, port }, localAction('trust.hasPins', { host, port }, cmd('custode', 'trust', 'has-pins', `${host}:${port}`).text));
const noPins = (host: string, port: number) =>
  check('operations.check.notPinned', { host, port }, localAction('trust.noPins', { host, port }, cmd('custode', 'trust', 'has-no-pins', `${host}:${port}`).text));

/**
 * Forgetting a host's pinned keys, so the next contact asks again: dangerous (a changed key would then look
 * like a first contact), so it needs the address confirmed by name. Undone by pinning the same keys again.
 */
export function planTrustForget(host: string, port: number, pins: readonly HostKeyPin[], id: string, now: number): OperationPlan {
  if (pins.length === 0) throw new AppError('trust.noPins', `No key is pinned for ${host}:${port}`, { host, port });
  const object = `${host}:${port}`;
  return {
    id,
    kind: 'trust.forget',
    title: words('operations.trust.forget.title', { host, port }),
    about: object,
    createdAt: now,
    risk: 'high',
    undoOf: null,
    steps: [
      step({
        id: 'forget',
        target: WORKSTATION,
        words: words('operations.trust.forget.step', { host, port, count: pins.length, fingerprints: pins.map((p) => `${p.keyType} ${p.fingerprint}`).join(', ') }),
        actions: [localAction('trust.forget', { host, port }, cmd('custode', 'trust', 'forget', object).text)],
        checks: [hasPins(host, port)],
        effect: noPins(host, port),
        danger: { object, words: words('operations.trust.forget.danger', { host, port }) },
        undo: pins.map((p) =>
          undoStep({
            id: `pin-${p.keyType}`,
            target: WORKSTATION,
            words: words('operations.trust.pin.step', { host, port, keyType: p.keyType, fingerprint: p.fingerprint }),
            actions: [
              localAction(
                'trust.pin',
                { host, port, keyType: p.keyType, fingerprint: p.fingerprint, publicKey: p.publicKey, source: p.source },
                cmd('custode', 'trust', 'pin', object, p.keyType, p.fingerprint).text,
              ),
            ],
            checks: [],
            effect: hasPins(host, port),
          }),
        ),
      }),
    ],
  };
}
