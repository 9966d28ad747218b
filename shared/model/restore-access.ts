import { z } from 'zod';

const Machine = z.object({ hostId: z.string(), name: z.string(), address: z.string() });

/**
 * A temporary share access a cross-host restore opened and that is still open (its journal entry is there): the
 * host reading another host's backup share through a temporary datastore, and the NAS export widened for it.
 * `lastError` is how the last attempt to close it ended (the app's at start or on demand, or the `custode` command's),
 * kept in the journal: its code and params, the words come from `error.<code>`.
 */
export const OpenAccess = z.object({
  id: z.string(),
  openedAt: z.number(),
  host: Machine,
  nas: Machine,
  server: z.string(),
  share: z.string(),
  datastore: z.string(),
  /** The export's hosts while widened (null: the export was not widened, only the datastore was added). */
  widenedTo: z.array(z.string()).nullable(),
  /** The export's hosts before the restore (null when not widened). */
  originalHosts: z.array(z.string()).nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional(), at: z.number() }).nullable(),
  /** A close is running now (at start or asked for). */
  closing: z.boolean(),
  /** A restore is reading through it now: it is closed when the restore ends. */
  inUse: z.boolean(),
});
export type OpenAccess = z.infer<typeof OpenAccess>;

export const AccessCloseResult = z.object({ id: z.string(), unmounted: z.boolean(), exportRestored: z.boolean(), operationId: z.string().nullable() });
export type AccessCloseResult = z.infer<typeof AccessCloseResult>;

/**
 * The last error of an access with the machine it is about named as the user knows it: SSH errors name the address
 * they could not reach, which is the host's or the NAS's of this access.
 */
export function namedError(a: OpenAccess): OpenAccess['lastError'] {
  const e = a.lastError;
  const where = e?.details?.['host'];
  if (e === null || typeof where !== 'string') return e;
  const name = where === a.nas.address ? a.nas.name : where === a.host.address ? a.host.name : where;
  return { ...e, details: { ...e.details, host: name } };
}
