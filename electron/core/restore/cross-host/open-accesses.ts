import { AppError, toErrorData } from '../../../../shared/errors/app-error.ts';
import { REASON_MAX } from '../../../../shared/model/operation.ts';
import type { OpenAccess } from '../../../../shared/model/restore-access.ts';
import type { RunContext } from '../../operations/runner.ts';
import type { AccessDeps } from './access-deps.ts';
import type { JournalEntry } from './access-journal.ts';
import { closeLeftoverAccesses, closeShareAccess, type CloseResult } from './close-access.ts';

type LastError = NonNullable<OpenAccess['lastError']>;

function view(e: JournalEntry, lastError: LastError | null, closing: boolean, inUse: boolean): OpenAccess {
  const hosts = e.change?.original.fields['hosts'];
  return {
    id: e.id,
    openedAt: e.openedAt,
    host: { hostId: e.host.hostId, name: e.host.name, address: e.host.address },
    nas: { hostId: e.nas.hostId, name: e.nas.name, address: e.nas.address },
    server: e.mount.server,
    share: e.mount.share,
    datastore: e.mount.volume,
    widenedTo: e.change?.widenedHosts ?? null,
    originalHosts: e.change === null ? null : Array.isArray(hosts) ? hosts.map(String) : [],
    lastError,
    closing,
    inUse,
  };
}

/**
 * The temporary share accesses still open (the journal's entries) with how the last attempt to close each ended,
 * and their close on demand. The journal says what is open and keeps each last error, so the app and the `custode`
 * command show the same, whichever of them tried. One close per access at a time.
 */
export class OpenAccesses {
  readonly deps: AccessDeps;
  readonly #listeners = new Set<(open: number) => void>();
  readonly #closing = new Set<string>();
  readonly #inUse = new Set<string>();

  constructor(deps: AccessDeps) {
    this.deps = deps;
  }

  /** Told the number still open whenever a close starts or ends. */
  onChange(listener: (open: number) => void): void {
    this.#listeners.add(listener);
  }

  list(): OpenAccess[] {
    return this.deps.journal.list().map((e) => view(e, e.lastError ?? null, this.#closing.has(e.id), this.#inUse.has(e.id)));
  }

  /** Runs the work (a restore reading through the access) with the access marked in use: no close is accepted meanwhile. */
  async use<T>(id: string, work: () => Promise<T>): Promise<T> {
    this.#inUse.add(id);
    try {
      return await work();
    } finally {
      this.#inUse.delete(id);
    }
  }

  /** The access a close may start on, with this reason; every refusal happens here, before anything is read or sent. */
  accept(id: string, reason: string): OpenAccess {
    const found = this.list().find((a) => a.id === id);
    if (found === undefined) throw new AppError('restore.access.notOpen', `No temporary access ${id} is open`, { id });
    const trimmed = reason.trim();
    if (trimmed === '') throw new AppError('operations.reasonRequired', 'Say why this change is made');
    if (trimmed.length > REASON_MAX) throw new AppError('operations.reasonTooLong', `The reason has ${trimmed.length} characters; at most ${REASON_MAX} are kept`, { length: trimmed.length, max: REASON_MAX });
    if (found.closing || found.inUse) throw new AppError('restore.access.busy', `The temporary access ${id} is in use by a restore or being closed already`, { id });
    return found;
  }

  /** Closes one access through closeShareAccess (audited, checked) with the reason; the outcome is kept for the list. */
  async close(id: string, reason: string, ctx: Omit<RunContext, 'reason' | 'secrets'>): Promise<CloseResult> {
    this.accept(id, reason);
    this.#closing.add(id);
    this.#changed();
    try {
      return await closeShareAccess(this.deps, id, { ...ctx, reason: reason.trim(), secrets: {} });
    } catch (error) {
      this.#record(id, error);
      throw error;
    } finally {
      this.#closing.delete(id);
      this.#changed();
    }
  }

  /** At start: one attempt on every access left open, as before, with each failure kept instead of dropped. */
  async closeLeftovers(ctx: RunContext): Promise<void> {
    let ids: string[];
    try {
      ids = this.deps.journal.list().map((e) => e.id);
    } catch {
      // An unreadable journal is reported by list() to whoever asks; nothing can be closed from it.
      return;
    }
    if (ids.length === 0) return;
    for (const id of ids) this.#closing.add(id);
    this.#changed();
    try {
      for (const outcome of await closeLeftoverAccesses(this.deps, ctx)) if (outcome.error !== null) this.#record(outcome.id, outcome.error);
    } catch (error) {
      for (const id of ids) this.#record(id, error);
    } finally {
      for (const id of ids) this.#closing.delete(id);
      this.#changed();
    }
  }

  #changed(): void {
    let open = 0;
    try {
      open = this.deps.journal.list().length;
    } catch {
      // Unreadable: list() says so to whoever reads it again.
    }
    for (const l of this.#listeners) l(open);
  }

  /** Keeps the error in the access's journal entry; an access closed meanwhile (its entry gone) has none to keep. */
  #record(id: string, error: unknown): void {
    const now = this.deps.now ?? Date.now;
    try {
      const entry = this.deps.journal.get(id);
      if (entry !== null) this.deps.journal.put({ ...entry, lastError: { ...toErrorData(error), at: now() } });
    } catch {
      // An unreadable or unwritable journal is reported by list() to whoever reads it; the close's own error stands.
    }
  }
}
