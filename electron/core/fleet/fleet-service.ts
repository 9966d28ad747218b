import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { AppError, toErrorData, type ErrorData } from '../../../shared/errors/app-error.ts';
import { AddHostInput, NewHost, type EsxiStatus, type FleetView, type HostEntry, type ProbeState } from '../../../shared/ipc/fleet.ts';
import type { ProgressUpdate } from '../jobs/job-registry.ts';
import type { AuthPrompter } from '../ports/auth-prompter.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import { passwordSecretKey } from '../ssh/auth.ts';
import { withDeadline } from '../ssh/deadline.ts';
import { SshService } from '../ssh/ssh-service.ts';
import type { ConnectionPolicy } from '../ssh/target.ts';
import type { HostTrust } from '../trust/host-trust.ts';
import type { KnownNas } from './adoption.ts';
import { ESXI_FACTS_SCHEMA, type EsxiFacts } from './esxi-facts.ts';
import { probeEsxi } from './esxi-probe.ts';
import { esxiStatus } from './esxi-status.ts';
import { HostStore } from './host-store.ts';
import { NAS_FACTS_SCHEMA, probeNas, type NasFacts } from './nas-probe.ts';
import { nasStatus } from './nas-status.ts';
import { DEFAULT_PROBE_LIMITS, sshProbeShell, type ProbeLimits } from './probe-shell.ts';
import { ProbeStore } from './probe-store.ts';
import { targetFor, withGivenSecrets } from './targets.ts';

/**
 * The fleet: adding machines (probe first, save only what Custode could log in to), refreshing them all in
 * parallel, and the view built from their last probes. Every host is probed on its own connection with its own
 * deadline, so a dead or slow host is marked and holds nobody else up.
 */
export interface FleetDeps {
  db: DatabaseSync;
  /** The app's SSH service: refreshes run on its connections. */
  ssh: SshService;
  trust: HostTrust;
  /** Who answers login questions nobody gave in advance (the UI, or the CLI's refusal). */
  prompter: AuthPrompter;
  secrets: SecretStore;
  limits?: Partial<FleetLimits>;
  sshPolicy?: Partial<ConnectionPolicy>;
  now?: () => number;
  onHostUpdated?(hostId: string, state: ProbeState): void;
}

/**
 * Connecting has no deadline of its own here: the connection's ready timeout (`readyTimeoutMs`) covers the network
 * and pauses while a person reads a fingerprint or types a password, which a deadline around `connect` would not.
 */
export interface FleetLimits extends ProbeLimits {
  /** The whole probe of one host. */
  hostTimeoutMs: number;
}

export const DEFAULT_FLEET_LIMITS: FleetLimits = { ...DEFAULT_PROBE_LIMITS, hostTimeoutMs: 120_000 };

export interface WorkContext {
  signal: AbortSignal;
  progress?(update: ProgressUpdate): void;
}

export interface EsxiDetail {
  status: EsxiStatus;
  facts: EsxiFacts | null;
}

export interface HostOutcome {
  hostId: string;
  name: string;
  state: ProbeState;
  /** Why it could not be read, with the error's details (a CLI's hint of how to log in among them). */
  error: ErrorData | null;
}

type Probed = { state: 'ok' | 'partial'; facts: EsxiFacts | NasFacts } | { state: 'unreachable' | 'failed'; error: AppError };

const UNREACHABLE = new Set(['ssh.unreachable', 'ssh.timeout', 'ssh.disconnected']);

export class FleetService {
  readonly hosts: HostStore;
  readonly probes: ProbeStore;
  readonly #deps: FleetDeps;
  readonly #limits: FleetLimits;
  readonly #now: () => number;

  constructor(deps: FleetDeps) {
    this.#deps = deps;
    this.hosts = new HostStore(deps.db);
    this.probes = new ProbeStore(deps.db);
    this.#limits = { ...DEFAULT_FLEET_LIMITS, ...deps.limits };
    this.#now = deps.now ?? Date.now;
  }

  /** Makes every saved machine known to the SSH layer (connection states show from the start). */
  registerAll(): void {
    for (const host of this.hosts.list()) this.#deps.ssh.register(targetFor(host));
  }

  /**
   * `remembered`: the hosts whose password the secret store in use holds (rememberedHosts()). Without it, the flag
   * saved when the host was added is shown, which another store (a restarted browser mode) may not back.
   */
  view(remembered?: ReadonlySet<string>): FleetView {
    const { esxi, nas, known } = this.#records(remembered);
    const hostFacts = esxi.flatMap((e) => (e.record.facts ? [e.record.facts] : []));
    const now = this.#now();
    return {
      esxi: esxi.map((e) => esxiStatus(e.entry, e.record, known, now)),
      nas: nas.map((n) => nasStatus(n.entry, n.record, hostFacts)),
    };
  }

  /**
   * Every ESXi host's view with the facts it was judged from, and the NAS facts its share is judged against: what
   * a backup pre-flight reads (it also looks at the other hosts, for a share two of them write to).
   */
  esxiDetails(): { details: EsxiDetail[]; known: KnownNas[] } {
    const { esxi, known } = this.#records();
    const now = this.#now();
    return { details: esxi.map((e) => ({ status: esxiStatus(e.entry, e.record, known, now), facts: e.record.facts })), known };
  }

  /** The NAS machines whose last probe reached them, with those facts (what a host's shares are matched against). */
  knownNas(): KnownNas[] {
    return this.#records().known;
  }

  /** The facts of an ESXi host's last probe that reached it, or null: one host's, without judging the whole fleet. */
  esxiFacts(hostId: string): EsxiFacts | null {
    return this.probes.get<EsxiFacts>(hostId, ESXI_FACTS_SCHEMA).facts;
  }

  #records(remembered?: ReadonlySet<string>) {
    const entries = this.hosts.list().map((h) => (remembered === undefined ? h : { ...h, hasSecret: remembered.has(h.id) }));
    const nas = entries.filter((h) => h.role === 'nas').map((entry) => ({ entry, record: this.probes.get<NasFacts>(entry.id, NAS_FACTS_SCHEMA) }));
    const esxi = entries.filter((h) => h.role === 'esxi').map((entry) => ({ entry, record: this.probes.get<EsxiFacts>(entry.id, ESXI_FACTS_SCHEMA) }));
    const known: KnownNas[] = nas.flatMap((n) => (n.record.facts ? [{ entry: n.entry, facts: n.record.facts }] : []));
    return { esxi, nas, known };
  }

  /** Which saved hosts have a password in the secret store this process really uses (asked without decrypting). */
  async rememberedHosts(): Promise<Set<string>> {
    const ids = this.hosts.list().map((h) => h.id);
    const held = await Promise.all(ids.map((id) => this.#deps.secrets.has(passwordSecretKey(id)).catch(() => false)));
    return new Set(ids.filter((_, i) => held[i]));
  }

  /**
   * Connects (host key through HostKeyTrust, login with what the user gave), probes, and only then saves the
   * machine. A refused key, a failed login or no answer throws and leaves nothing behind.
   */
  async addHost(input: AddHostInput, ctx: WorkContext): Promise<HostEntry> {
    const request = AddHostInput.parse(input);
    const host = NewHost.parse(request.host);
    const existing = this.hosts.findByAddress(host.address, host.port);
    if (existing) throw new AppError('fleet.hostExists', `${host.address}:${host.port} is already in the fleet as ${existing.name}`, { address: host.address, port: host.port, name: existing.name });
    const id = randomUUID();
    const draft = { id, address: host.address, port: host.port, username: host.username, auth: host.auth, keyPath: host.keyPath ?? null };
    // Its own SSH service: the login answers typed in the add form belong to this attempt only.
    const ssh = new SshService({
      trust: this.#deps.trust,
      prompter: withGivenSecrets({ password: request.password, keyPassphrase: request.keyPassphrase, remember: request.remember }, this.#deps.prompter),
      secrets: this.#deps.secrets,
      policy: { reconnectAttempts: 0, ...this.#deps.sshPolicy },
    });
    try {
      ssh.register(targetFor(draft));
      ctx.progress?.({ fraction: 0.1, stepKey: 'fleet.add.connecting', stepParams: { address: host.address } });
      await ssh.connect(id, { signal: ctx.signal });
      ctx.progress?.({ fraction: 0.3, stepKey: 'fleet.add.probing', stepParams: { address: host.address } });
      const probed = await this.#probe(ssh, { id, role: host.role, address: host.address }, ctx.signal);
      const reported = 'facts' in probed ? reportedName(probed.facts) : null;
      let entry: HostEntry;
      try {
        entry = this.hosts.add({ ...host, name: host.name || reported || host.address }, this.#now(), id);
      } catch (error) {
        await this.#deps.secrets.delete(passwordSecretKey(id)).catch(() => undefined);
        throw error;
      }
      if (request.remember && (await this.#deps.secrets.has(passwordSecretKey(id)).catch(() => false))) this.hosts.setHasSecret(id, true);
      this.#store(id, probed);
      this.#deps.ssh.register(targetFor(entry));
      ctx.progress?.({ fraction: 1, stepKey: 'fleet.add.done', stepParams: { name: entry.name } });
      return this.hosts.get(id);
    } finally {
      ssh.close();
    }
  }

  /** Probes the given machines (default: all) in parallel; each one's result is stored as it arrives. */
  async refresh(hostIds: readonly string[] | undefined, ctx: WorkContext): Promise<HostOutcome[]> {
    const targets = hostIds === undefined ? this.hosts.list() : hostIds.map((id) => this.hosts.get(id));
    let done = 0;
    const total = targets.length;
    ctx.progress?.({ fraction: total === 0 ? 1 : 0, stepKey: 'fleet.refresh.progress', stepParams: { done, total } });
    return Promise.all(
      targets.map(async (host): Promise<HostOutcome> => {
        this.#deps.ssh.register(targetFor(host));
        const probed = await this.#connectAndProbe(this.#deps.ssh, host, ctx.signal);
        ctx.signal.throwIfAborted();
        this.#store(host.id, probed);
        done++;
        ctx.progress?.({ fraction: done / total, stepKey: 'fleet.refresh.progress', stepParams: { done, total, name: host.name } });
        const error = 'error' in probed ? probed.error.toData() : null;
        return { hostId: host.id, name: host.name, state: probed.state, error };
      }),
    );
  }

  /** Forgets a machine in Custode: its row, last probe and kept password. Nothing on the machine changes. */
  async removeHost(hostId: string): Promise<void> {
    this.hosts.remove(hostId);
    this.#deps.ssh.unregister(hostId);
    await this.#deps.secrets.delete(passwordSecretKey(hostId)).catch(() => undefined);
  }

  async #connectAndProbe(ssh: SshService, host: HostEntry, signal: AbortSignal): Promise<Probed> {
    try {
      await ssh.connect(host.id, { signal });
    } catch (error) {
      if (signal.aborted) throw error;
      return failure(error);
    }
    return this.#probe(ssh, host, signal);
  }

  async #probe(ssh: SshService, host: Pick<HostEntry, 'id' | 'role' | 'address'>, signal: AbortSignal): Promise<Probed> {
    const deadline = withDeadline(signal, this.#limits.hostTimeoutMs);
    try {
      const shell = sshProbeShell(ssh, host.id, deadline.signal, this.#limits);
      const facts = host.role === 'esxi' ? await probeEsxi(shell, deadline.signal) : await probeNas(shell, host.address, deadline.signal);
      return { state: facts.errors.length === 0 ? 'ok' : 'partial', facts };
    } catch (error) {
      if (signal.aborted) throw error;
      return failure(error);
    } finally {
      deadline.done();
    }
  }

  #store(hostId: string, probed: Probed): void {
    const at = this.#now();
    if ('facts' in probed) this.probes.saveFacts(hostId, probed.state, probed.facts, at);
    else this.probes.saveFailure(hostId, probed.state, probed.error.toData(), at);
    this.#deps.onHostUpdated?.(hostId, probed.state);
  }
}

function failure(error: unknown): Probed {
  const appError = error instanceof AppError ? error : new AppError(toErrorData(error).code, toErrorData(error).message);
  return { state: UNREACHABLE.has(appError.code) ? 'unreachable' : 'failed', error: appError };
}

function reportedName(facts: EsxiFacts | NasFacts): string | null {
  if ('names' in facts) return facts.names?.hostName || null;
  return facts.system?.hostname || null;
}
