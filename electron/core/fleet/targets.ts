import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import type { AuthPrompter } from '../ports/auth-prompter.ts';
import type { AuthConfig, SshTarget } from '../ssh/target.ts';

/** How the SSH layer reaches a fleet machine; secrets are never part of it (keychain or a person). */
export function targetFor(host: Pick<HostEntry, 'id' | 'address' | 'port' | 'username' | 'auth' | 'keyPath'>): SshTarget {
  const auth: AuthConfig = host.auth === 'key' && host.keyPath !== null ? { privateKeyPaths: [host.keyPath] } : host.auth === 'agent' ? { agent: true } : { password: true };
  return { hostId: host.id, host: host.address, port: host.port, username: host.username, auth };
}

/**
 * A prompter that answers the login of a host being added with what the user typed in the add form (or piped to
 * the CLI), and asks the fallback (the UI) only for what was not given. A given password that is wrong fails the
 * login as `ssh.authFailed`; it never turns into a prompt.
 */
export function withGivenSecrets(given: { password?: string | undefined; keyPassphrase?: string | undefined; remember: boolean }, fallback: AuthPrompter): AuthPrompter {
  return {
    ask(request, signal) {
      const single = request.prompts.length === 1 && request.prompts[0]!.echo === false;
      const secret = request.kind === 'passphrase' ? given.keyPassphrase : given.password;
      if (single && secret !== undefined) return Promise.resolve({ answers: [secret], remember: given.remember && request.canRemember });
      return fallback.ask(request, signal);
    },
  };
}
