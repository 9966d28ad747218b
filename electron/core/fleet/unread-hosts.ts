import { AppError, type ErrorData } from '../../../shared/errors/app-error.ts';
import { carriedHint } from '../../../shared/errors/carried-hint.ts';
import { ESXI_FACTS_SCHEMA, type EsxiFacts } from './esxi-facts.ts';
import type { FleetService, WorkContext } from './fleet-service.ts';
import { progressShare } from '../jobs/progress-share.ts';
import { loginRefused } from '../ssh/errors.ts';

/**
 * ESXi hosts Custode holds no facts of: never read, or never since they were added. A command that works from stored
 * facts (a restore's copies, a drill's datastore) reads them first; one still unread afterwards is named with why,
 * so that a host whose login failed is not taken for a host without the VM.
 */
function unread(fleet: FleetService, hostIds: readonly string[]): { id: string; name: string; error: ErrorData | null }[] {
  return hostIds
    .map((id) => fleet.hosts.get(id))
    .filter((host) => host.role === 'esxi')
    .map((host) => ({ host, record: fleet.probes.get<EsxiFacts>(host.id, ESXI_FACTS_SCHEMA) }))
    .filter(({ record }) => record.facts === null)
    .map(({ host, record }) => ({ id: host.id, name: host.name, error: record.error }));
}

/** The part of a work's progress its reading of unread hosts takes. */
const UNREAD_SHARE = 0.2;

/**
 * Reads now those of `hostIds` whose facts Custode does not hold (read-only: a probe of each), shown as the first
 * fifth of the work's progress: a host that does not answer takes its connect timeout, and the user sees which
 * step it is and may cancel it.
 */
export async function readUnread(fleet: FleetService, hostIds: readonly string[], ctx: WorkContext): Promise<void> {
  const ids = unread(fleet, hostIds).map((h) => h.id);
  if (ids.length === 0) return;
  await fleet.refresh(ids, { signal: ctx.signal, progress: progressShare(ctx, UNREAD_SHARE) });
}

/**
 * Why nothing is known of some of `hostIds`, as the error to give instead of "not found": `fleet.notReadLogin` when
 * each of them refused the login (with the CLI's hint of how to give the password, when its error carried one),
 * `fleet.notRead` otherwise. Null when Custode holds the facts of all of them.
 */
export function unreadError(fleet: FleetService, hostIds: readonly string[]): AppError | null {
  const hosts = unread(fleet, hostIds);
  if (hosts.length === 0) return null;
  const named = hosts.map((h) => (h.error === null ? h.name : `${h.name} (${h.error.code})`)).join(', ');
  const login = hosts.every((h) => loginRefused(h.error));
  const code = login ? 'fleet.notReadLogin' : 'fleet.notRead';
  const hint = carriedHint(hosts.find((h) => h.error !== null && carriedHint(h.error).hint !== undefined)?.error);
  return new AppError(code, `Custode could not read ${named}, so it does not know what is on ${hosts.length === 1 ? 'it' : 'them'}`, { hosts: named, ...hint });
}
