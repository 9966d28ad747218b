import { z } from 'zod';
import { JobDone, JobLog, JobProgress, JobRef, JobSummary } from './jobs.ts';
import { Settings, SettingsPatch } from './settings.ts';
import { DiagnosticsReport } from './diagnostics.ts';
import { sshEvents, sshMethods } from './ssh.ts';
import { AddHostInput, FleetView, ProbeState } from './fleet.ts';
import { operationsMethods } from './operations.ts';
import { auditEvents, auditMethods } from './audit.ts';
import { logsEvents, logsMethods } from './logs.ts';
import { backupEvents, backupMethods } from './backup.ts';
import { restoreAccessMethods, restoreEvents, restoreMethods } from './restore.ts';
import { setupMethods } from './setup.ts';
import { drillEvents, drillMethods } from './drill.ts';

/**
 * The one IPC contract. Every call and every event is declared here once; the preload allowlist, the main
 * router, the web host and the renderer's typed client are all derived from this value.
 */
export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
  nodeVersion: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const Empty = z.object({}).strict();

export const methods = {
  'app.info': { input: Empty, output: AppInfo },
  'settings.get': { input: Empty, output: Settings },
  'settings.update': { input: SettingsPatch, output: Settings },
  'jobs.list': { input: Empty, output: z.array(JobSummary) },
  'jobs.cancel': { input: z.object({ jobId: z.string().min(1) }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'diagnostics.start': { input: Empty, output: JobRef },
  'diagnostics.last': { input: Empty, output: DiagnosticsReport.nullable() },
  ...sshMethods,
  /** The fleet as last probed (read from the database; no host is contacted). */
  'fleet.view': { input: Empty, output: FleetView },
  /** Probes a new ESXi host or NAS (host key, login, read-only commands) and saves it only if that worked. */
  'fleet.addHost': { input: AddHostInput, output: JobRef },
  /** Probes the given machines (default: all) in parallel; each result lands as `fleet:hostUpdated`. */
  'fleet.refresh': { input: z.object({ hostIds: z.array(z.string().min(1).max(200)).max(1000).optional() }).strict(), output: JobRef },
  /** Forgets a machine in Custode only: an audited operation, so it needs the reason (a blank one is refused). */
  'fleet.removeHost': { input: z.object({ hostId: z.string().min(1).max(200), reason: z.string().max(100_000) }).strict(), output: Empty },
  ...operationsMethods,
  ...auditMethods,
  ...logsMethods,
  ...backupMethods,
  ...restoreMethods,
  ...restoreAccessMethods,
  ...setupMethods,
  ...drillMethods,
} as const;

export const events = {
  'job:progress': JobProgress,
  'job:log': JobLog,
  'job:done': JobDone,
  'job:started': JobSummary,
  ...sshEvents,
  /** A machine's probe finished and was stored: read `fleet.view` again. */
  'fleet:hostUpdated': z.object({ hostId: z.string(), state: ProbeState }),
  ...auditEvents,
  ...logsEvents,
  ...backupEvents,
  ...restoreEvents,
  ...drillEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;
export type MethodInput<N extends MethodName> = z.input<Methods[N]['input']>;
export type MethodOutput<N extends MethodName> = z.output<Methods[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
