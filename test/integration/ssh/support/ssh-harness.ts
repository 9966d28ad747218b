// What the SSH integration tests share: a lab (the real one from test/lab/api.ts), an SshService over an in-memory
// pin table with scripted ports, targets for lab hosts, and a reader for a host's sshd log.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../../electron/core/catalog/database.ts';
import { MemorySecretStore } from '../../../../electron/core/ports/memory-secret-store.ts';
import { ScriptedAuthPrompter, ScriptedHostKeyTrust } from '../../../../electron/core/ssh/scripted-ports.ts';
import { SshService } from '../../../../electron/core/ssh/ssh-service.ts';
import type { AuthConfig, ConnectionPolicy, ConnectionState, SshTarget } from '../../../../electron/core/ssh/target.ts';
import { HostTrust } from '../../../../electron/core/trust/host-trust.ts';
import { PinStore } from '../../../../electron/core/trust/pin-store.ts';
import { startLab, type Lab, type LabHost } from '../../../lab/api.ts';

export type { Lab, LabHost };

/** Why these tests cannot run here, or null. They need root (namespaces), sshd and busybox. */
export function labUnavailable(): string | null {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'the lab needs root (mount namespaces)';
  if (!existsSync('/usr/sbin/sshd')) return 'openssh-server is not installed';
  return null;
}

export async function startSshLab(topology: 'small' | 'seed', name: string): Promise<Lab> {
  return startLab({ topology, stateDir: `/var/tmp/custode-lab-ssh-${name}`, seedHistory: false });
}

export interface Harness {
  ssh: SshService;
  trust: ScriptedHostKeyTrust;
  prompter: ScriptedAuthPrompter;
  secrets: MemorySecretStore;
  pins: PinStore;
  hostTrust: HostTrust;
  states: ConnectionState[];
  close(): void;
}

export function harness(options: { policy?: Partial<ConnectionPolicy>; trustAll?: boolean } = {}): Harness {
  const db = openDatabase(':memory:');
  const pins = new PinStore(db);
  const trust = new ScriptedHostKeyTrust(() => (options.trustAll === false ? 'reject' : 'trust'));
  const prompter = ScriptedAuthPrompter.never();
  const secrets = new MemorySecretStore();
  const hostTrust = new HostTrust(pins, trust);
  const states: ConnectionState[] = [];
  const ssh = new SshService({ trust: hostTrust, prompter, secrets, policy: options.policy, onState: (s) => states.push(s) });
  return {
    ssh,
    trust,
    prompter,
    secrets,
    pins,
    hostTrust,
    states,
    close() {
      ssh.close();
      db.close();
    },
  };
}

export function targetFor(host: LabHost, auth: AuthConfig = { privateKeyPaths: [host.privateKeyPath] }, hostId = host.name): SshTarget {
  return { hostId, host: host.address, port: host.port, username: host.username, auth };
}

/** The host's sshd log (sshd -e writes there), from `offset` on. */
export function sshdLog(lab: Lab, host: LabHost, offset = 0): string {
  const file = join(lab.stateDir, 'hosts', host.name, 'run', 'sshd.log');
  return readFileSync(file, 'utf8').slice(offset);
}

export function sshdLogSize(lab: Lab, host: LabHost): number {
  return statSync(join(lab.stateDir, 'hosts', host.name, 'run', 'sshd.log')).size;
}

/** Lines by which sshd shows that a client tried to authenticate. */
export const AUTH_ATTEMPT = /Accepted|Failed (password|publickey|keyboard-interactive|none)|Postponed|authenticating user|PAM:|Invalid user|userauth/;

export async function until<T>(probe: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
