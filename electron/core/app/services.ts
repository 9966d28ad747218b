import type { DatabaseSync } from 'node:sqlite';
import { AuditStore } from '../audit/audit-store.ts';
import { recordTrustDecisions } from '../audit/trust-entries.ts';
import type { ProbeState } from '../../../shared/ipc/fleet.ts';
import { FleetService } from '../fleet/fleet-service.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import { hostActions } from '../operations/actions/hosts.ts';
import { trustActions } from '../operations/actions/trust.ts';
import { sshExecutor } from '../operations/executor.ts';
import type { AccessDeps } from '../restore/cross-host/access-deps.ts';
import { OpenAccesses } from '../restore/cross-host/open-accesses.ts';
import { AccessJournal } from '../restore/cross-host/access-journal.ts';
import { RestoreService } from '../restore/restore-service.ts';
import { LocalActions } from '../operations/local-actions.ts';
import { OperationService } from '../operations/operation-service.ts';
import type { AuthPrompter } from '../ports/auth-prompter.ts';
import type { HostKeyTrust } from '../ports/host-key-trust.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import type { ConnectionPolicy } from '../ssh/target.ts';
import type { SshServiceDeps } from '../ssh/ssh-service.ts';
import { SshService } from '../ssh/ssh-service.ts';
import { SetupService } from '../setup/setup-service.ts';
import { SetupUploads, uploadActions } from '../setup/uploads.ts';
import { HostTrust } from '../trust/host-trust.ts';
import { PinStore } from '../trust/pin-store.ts';

/** Who answers the questions only a person can (the app's dialogs, or the CLI's flags and stdin), and who listens. */
export interface ServicePorts {
  /** The data folder: files the services keep beside the database (the journal of restores' temporary accesses). */
  dataDir: string;
  hostKeys: HostKeyTrust;
  prompter: AuthPrompter;
  secrets: SecretStore;
  jobs: JobRegistry;
  sshPolicy?: Partial<ConnectionPolicy>;
  onSshState?: SshServiceDeps['onState'];
  onSshNotice?: SshServiceDeps['onNotice'];
  onHostUpdated?(hostId: string, state: ProbeState): void;
  onAuditAppended?(entry: { seq: number; operationId: string | null }): void;
}

export interface Services {
  pins: PinStore;
  trust: HostTrust;
  audit: AuditStore;
  ssh: SshService;
  fleet: FleetService;
  operations: OperationService;
  setup: SetupService;
  restore: RestoreService;
  /** A restore's temporary accesses to another host's share still open (closed again at start after a crash), with the last error closing each. */
  accesses: OpenAccesses;
}

/**
 * The services that change things, wired once for the app, browser mode and the CLI alike: every change is an
 * operation recorded in the trail, every host-key decision is a trail entry, and a step whose outcome was unknown
 * is read again when its host is back.
 */
export function createServices(db: DatabaseSync, ports: ServicePorts): Services {
  const pins = new PinStore(db);
  const trust = new HostTrust(pins, ports.hostKeys);
  const audit = new AuditStore(db, ports.onAuditAppended ? { onAppend: ports.onAuditAppended } : {});
  let operations: OperationService | null = null;
  const ssh = new SshService({
    trust,
    prompter: ports.prompter,
    secrets: ports.secrets,
    ...(ports.sshPolicy ? { policy: ports.sshPolicy } : {}),
    onState: (state) => {
      ports.onSshState?.(state);
      // A step left "outcome unknown" on this host is read again as soon as the host is back.
      if (state.state === 'ready') void operations?.recheckHost(state.hostId, new AbortController().signal).catch(() => undefined);
    },
    ...(ports.onSshNotice ? { onNotice: ports.onSshNotice } : {}),
  });
  const fleet = new FleetService({
    db,
    ssh,
    trust,
    prompter: ports.prompter,
    secrets: ports.secrets,
    ...(ports.onHostUpdated ? { onHostUpdated: ports.onHostUpdated } : {}),
  });
  pins.observe(recordTrustDecisions(audit, (host, port) => fleet.hosts.findByAddress(host, port)?.id ?? null));
  const locals = new LocalActions();
  locals.register(hostActions(fleet));
  locals.register(trustActions(trust, pins));
  const uploads = new SetupUploads();
  locals.register(uploadActions(ssh, uploads));
  const executor = sshExecutor(ssh, locals);
  operations = new OperationService({ audit, jobs: ports.jobs, executor, hostExists: (id) => hasHost(fleet, id) });
  const setup = new SetupService({ fleet, ssh, pins, operations, uploads });
  const restoreAccess: AccessDeps = { executor, audit, journal: new AccessJournal(ports.dataDir) };
  const accesses = new OpenAccesses(restoreAccess);
  const restore = new RestoreService({ fleet, ssh, operations, access: accesses });
  return { pins, trust, audit, ssh, fleet, operations, setup, restore, accesses };
}

function hasHost(fleet: FleetService, id: string): boolean {
  try {
    fleet.hosts.get(id);
    return true;
  } catch {
    return false;
  }
}
