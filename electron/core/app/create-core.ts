import { join } from 'node:path';
import { methods, type AppInfo } from '../../../shared/ipc/contract.ts';
import type { DiagnosticsReport } from '../../../shared/ipc/diagnostics.ts';
import { openDatabase } from '../catalog/database.ts';
import { runDiagnostics } from '../diagnostics/run-diagnostics.ts';
import { EventHub } from '../ipc/event-hub.ts';
import { createRouter, type Router } from '../ipc/router.ts';
import { JobRegistry } from '../jobs/job-registry.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import { SettingsStore } from '../settings/settings-store.ts';

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
  close(): void;
}

/** The one composition of core services; Electron main, the browser host and tests all call this. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(join(options.dataDir, 'custode.sqlite'));
  const events = new EventHub();
  const jobs = new JobRegistry(events);
  const settings = new SettingsStore(db);
  let lastDiagnostics: DiagnosticsReport | null = null;

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
  });

  return {
    router,
    events,
    jobs,
    close() {
      jobs.cancelAll();
      db.close();
    },
  };
}
