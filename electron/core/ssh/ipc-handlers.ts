import type { z } from 'zod';
import type { SecretStorage, sshMethods } from '../../../shared/ipc/ssh.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import type { HostTrust } from '../trust/host-trust.ts';
import type { PinStore } from '../trust/pin-store.ts';
import type { SecretConsent } from '../trust/secret-consent.ts';
import type { SshService } from './ssh-service.ts';
import type { UiPrompts } from './ui-prompts.ts';

export interface SshHandlerDeps {
  ssh: SshService;
  prompts: UiPrompts;
  trust: HostTrust;
  pins: PinStore;
  secrets: SecretStore;
  consent: SecretConsent;
  /** Forgetting pins is a change: it runs as an audited operation (electron/core/operations); the count forgotten. */
  forgetPins(host: string, port: number, reason: string, signal: AbortSignal): Promise<number>;
}

/** Where remembered secrets would go, as the UI needs to word the "remember" choice. */
export async function secretStorage(secrets: SecretStore, consent: SecretConsent): Promise<SecretStorage> {
  const backend = await secrets.backend();
  return { kind: backend.kind, name: backend.name, basicTextAccepted: consent.accepted() };
}

type In<N extends keyof typeof sshMethods> = z.output<(typeof sshMethods)[N]['input']>;

const stateOf = (deps: SshHandlerDeps, hostId: string) => deps.ssh.connection(hostId).state;

export function sshHandlers(deps: SshHandlerDeps): HandlerMap<typeof sshMethods> {
  return {
    'ssh.connect': async (target: In<'ssh.connect'>, ctx) => {
      deps.ssh.register(target);
      await deps.ssh.connect(target.hostId, { signal: ctx.signal });
      return stateOf(deps, target.hostId);
    },
    'ssh.disconnect': ({ hostId }) => {
      deps.ssh.disconnect(hostId);
      return stateOf(deps, hostId);
    },
    'ssh.states': () => deps.ssh.states(),
    'ssh.pending': () => deps.prompts.pending(),
    'ssh.hostKey.answer': ({ promptId, decision }) => ({ accepted: deps.prompts.answerHostKey(promptId, decision) }),
    'ssh.auth.answer': (input) => {
      if ('cancelled' in input) return { accepted: deps.prompts.answerAuth(input.promptId, { cancelled: true }) };
      // Agreeing to the fixed-key store is its own explicit choice, given in the same dialog as "remember".
      if (input.remember && input.acceptBasicText) deps.consent.set(true);
      return { accepted: deps.prompts.answerAuth(input.promptId, { answers: input.answers, remember: input.remember }) };
    },
    'ssh.forgetPassword': async ({ hostId }) => {
      await deps.ssh.forgetPassword(hostId);
      return {};
    },
    'ssh.trust.pins': ({ host, port }) =>
      (host === undefined ? deps.pins.all() : deps.pins.pinsFor(host, port ?? 22)).map(({ publicKey: _key, ...pin }) => pin),
    'ssh.trust.events': ({ host, port }) => deps.pins.events(host, port),
    'ssh.trust.forget': async ({ host, port, reason }, ctx) => ({ removed: await deps.forgetPins(host, port, reason, ctx.signal) }),
    'ssh.trust.importKnownHosts': ({ text, candidates }) => deps.trust.importKnownHosts(text, candidates),
    'ssh.secrets.status': () => secretStorage(deps.secrets, deps.consent),
    'ssh.secrets.acceptBasicText': ({ accepted }) => {
      deps.consent.set(accepted);
      return secretStorage(deps.secrets, deps.consent);
    },
  };
}
