import { join } from 'node:path';
import { methods, type AppInfo } from '../../../shared/ipc/contract.ts';
import type { DiagnosticsReport } from '../../../shared/ipc/diagnostics.ts';
import { openDatabase } from '../catalog/database.ts';
import { createServices } from './services.ts';
import { runDiagnostics } from '../diagnostics/run-diagnostics.ts';
import { EventHub } from '../ipc/event-hub.ts';
import { createRouter, type Router } from '../ipc/router.ts';
import { JobRegistry } from '../jobs/job-registry.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import { SettingsStore } from '../settings/settings-store.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import { fleetHandlers } from '../fleet/ipc-handlers.ts';
import { logsHandlers } from '../logs/ipc-handlers.ts';
import { LogCatalog } from '../logs/log-catalog.ts';
import { sshHandlers, secretStorage } from '../ssh/ipc-handlers.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { UiPrompts } from '../ssh/ui-prompts.ts';
import { SecretConsent } from '../trust/secret-consent.ts';
import type { AuditStore } from '../audit/audit-store.ts';
import { auditHandlers } from '../audit/ipc-handlers.ts';
import { operationsHandlers } from '../operations/ipc-handlers.ts';
import { throwUnlessSucceeded, type OperationService } from '../operations/operation-service.ts';
import { planFor } from '../operations/plan-requests.ts';
import { BackupService } from '../backup/backup-service.ts';
import { setupHandlers } from '../setup/ipc-handlers.ts';
import { backupHandlers } from '../backup/ipc-handlers.ts';
import { RunStore } from '../backup/run-store.ts';
import { AlertSettings } from '../backup/alert-settings.ts';
import { BackupHistory } from '../backup/backup-history.ts';
import { HistoryStore } from '../backup/history-store.ts';
import { restoreAccessHandlers } from '../restore/access-handlers.ts';
import { restoreHandlers } from '../restore/ipc-handlers.ts';
import { drillHandlers } from '../drill/ipc-handlers.ts';
import { DrillService } from '../drill/drill-service.ts';
import { DrillStore } from '../drill/drill-store.ts';
import { DrillScheduler } from '../drill/drill-scheduler.ts';
import { DrillScheduleStore } from '../drill/schedule-store.ts';

export interface CoreOptions {
  /** Where Custode keeps its database and harvested logs (Electron: userData; CLI/web: CUSTODE_HOME). */
  dataDir: string;
  mode: AppInfo['mode'];
  appVersion: string;
  secretStore: SecretStore;
}

export interface Core {
  router: Router;
  events: EventHub;
  jobs: JobRegistry;
  ssh: SshService;
  fleet: FleetService;
  operations: OperationService;
  audit: AuditStore;
  /** The user's explicit yes to keeping secrets with safeStorage's basic_text backend (read by Electron main). */
  secretConsent: SecretConsent;
  close(): void;
}

/** The one composition of core services; Electron main, the browser host and tests all call this. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(join(options.dataDir, 'custode.sqlite'));
  const events = new EventHub();
  const jobs = new JobRegistry(events);
  const settings = new SettingsStore(db);
  let lastDiagnostics: DiagnosticsReport | null = null;
  const secretConsent = new SecretConsent(db);
  const prompts = new UiPrompts(events, () => secretStorage(options.secretStore, secretConsent));
  const { pins, trust, audit, ssh, fleet, operations, setup, restore, accesses } = createServices(db, {
    dataDir: options.dataDir,
    hostKeys: prompts,
    prompter: prompts,
    secrets: options.secretStore,
    jobs,
    onSshState: (state) => events.emit('ssh:state', state),
    onSshNotice: (hostId, code) => events.emit('ssh:notice', { hostId, code }),
    onHostUpdated: (hostId, state) => events.emit('fleet:hostUpdated', { hostId, state }),
    onAuditAppended: (entry) => events.emit('audit:appended', entry),
  });
  fleet.registerAll();
  const ops = operations;
  const forgetPins = async (host: string, port: number, reason: string, signal: AbortSignal): Promise<number> => {
    const count = trust.pins(host, port).length;
    if (count === 0) return 0;
    throwUnlessSucceeded(await ops.runNow(planFor({ kind: 'trust.forget', host, port }, { fleet, trust }).plan, reason, { signal }));
    return count;
  };
  const logs = new LogCatalog(db, options.dataDir);
  const runs = new RunStore(db);
  const copiesDir = join(options.dataDir, 'backup-runs');
  const history = new BackupHistory({
    fleet,
    ssh,
    runs,
    history: new HistoryStore(db, runs),
    settings: new AlertSettings(db),
    copiesDir,
    onRunEnded: (ended) => events.emit('backup:runEnded', ended),
  });
  const backup = new BackupService({ fleet, ssh, operations: ops, runs, copiesDir, afterEnd: (run, signal) => history.afterRun(run, signal) });
  // A restore's temporary access to another host's share that a crash left open is closed now (its journal names it);
  // what could not be closed stays listed with its error (restore.accesses) for the user to close later.
  accesses.onChange((open) => events.emit('restore:accessesChanged', { open }));
  void accesses.closeLeftovers({ signal: AbortSignal.timeout(300_000), reason: 'Custode started again after a restore that had not closed its temporary access', secrets: {} });
  const drillStore = new DrillStore(db);
  const drill = new DrillService({ restore, store: drillStore, fleet, ssh, operations: ops });
  const drills = drillHandlers({ drill, schedule: new DrillScheduleStore(db), jobs, hostName: (id) => fleet.hosts.get(id).name, onEnded: (e) => events.emit('drill:ended', e) });
  const drillScheduler = new DrillScheduler({
    entries: () => new DrillScheduleStore(db).get().entries,
    drills: () => drillStore.list(),
    hostName: (id) => fleet.hosts.list().find((h) => h.id === id)?.name ?? null,
    // The plan runs as a job too, so a scheduled drill that cannot even be planned shows as a failed job.
    start: (entry, reason) => {
      const { everyDays: _every, ...request } = entry;
      jobs.start({
        kind: 'drill.plan',
        title: `${entry.vm} → ${fleet.hosts.get(entry.toHostId).name}`,
        run: async (ctx) => {
          const view = await drill.plan(request, ctx);
          drills.startRun(view.drillId, reason);
          return view;
        },
      });
      return Promise.resolve();
    },
  });

  const router = createRouter(methods, {
    'app.info': () => ({
      name: 'Custode',
      version: options.appVersion,
      mode: options.mode,
      platform: process.platform,
      nodeVersion: process.versions.node,
      dataDir: options.dataDir,
    }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'jobs.list': () => jobs.list(),
    'jobs.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'diagnostics.start': () =>
      jobs.start({
        kind: 'diagnostics',
        title: 'diagnostics',
        run: async (ctx) => {
          lastDiagnostics = await runDiagnostics({ dataDir: options.dataDir, secretStore: options.secretStore }, ctx);
          return lastDiagnostics;
        },
      }),
    'diagnostics.last': () => lastDiagnostics,
    ...sshHandlers({ ssh, prompts, trust, pins, secrets: options.secretStore, consent: secretConsent, forgetPins }),
    ...fleetHandlers({ fleet, jobs, operations: ops, trust }),
    ...operationsHandlers({ operations: ops, fleet, trust }),
    ...auditHandlers(audit),
    ...backupHandlers({
      backup,
      history,
      jobs,
      hostName: (id) => fleet.hosts.get(id).name,
      onRunProgress: (p) => events.emit('backup:progress', p),
      onLive: (e) => events.emit('backup:live', e),
    }),
    ...restoreHandlers({ restore, jobs, hostName: (id) => fleet.hosts.get(id).name, onProgress: (p) => events.emit('restore:progress', p), onEnded: (e) => events.emit('restore:ended', e) }),
    ...restoreAccessHandlers({ accesses, jobs }),
    ...setupHandlers({ setup, jobs }),
    ...drills.handlers,
    ...logsHandlers({ catalog: logs, hosts: fleet.hosts, probes: fleet.probes, ssh, jobs, onFileIndexed: () => events.emit('logs:changed', { runs: logs.reader.status().runs }) }),
  });

  // Scheduled drills start while the app (or its browser host) runs; a CLI session has none.
  drillScheduler.start();

  return {
    router,
    events,
    jobs,
    ssh,
    fleet,
    operations: ops,
    audit,
    secretConsent,
    close() {
      drillScheduler.stop();
      jobs.cancelAll();
      ssh.close();
      db.close();
    },
  };
}

