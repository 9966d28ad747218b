import type { DatabaseSync } from 'node:sqlite';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { ProbeState } from '../../../shared/ipc/fleet.ts';
import { scrubStoredConfSecrets } from './conf-redaction.ts';
import { NEVER_PROBED, type ProbeRecord } from './probe-record.ts';

interface Row {
  host_id: string;
  attempted_at: number;
  state: string;
  error: string | null;
  facts: string | null;
  facts_at: number | null;
  facts_schema: number | null;
}

const STATES = new Set<ProbeState>(['ok', 'partial', 'unreachable', 'failed']);

/**
 * The last probe of each host (table `fleet_probes`, migration 4). Facts are JSON with a schema number; facts of
 * another schema (an older Custode) are dropped on read rather than misread, and the next refresh replaces them.
 */
export class ProbeStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    scrubStoredConfSecrets(db);
  }

  get<F extends { schema: number }>(hostId: string, schema: number): ProbeRecord<F> {
    const row = this.#db.prepare('SELECT * FROM fleet_probes WHERE host_id = ?').get(hostId) as Row | undefined;
    if (!row || !STATES.has(row.state as ProbeState)) return NEVER_PROBED;
    let facts: F | null = null;
    if (row.facts !== null && row.facts_schema === schema) {
      try {
        facts = JSON.parse(row.facts) as F;
      } catch {
        facts = null;
      }
    }
    let error: ErrorData | null = null;
    try {
      error = row.error === null ? null : (JSON.parse(row.error) as ErrorData);
    } catch {
      error = { code: 'fleet.probeFailed', message: row.error ?? '' };
    }
    return { state: row.state as ProbeState, attemptedAt: row.attempted_at, error, facts, factsAt: facts === null ? null : row.facts_at };
  }

  /** A probe that reached the host: its facts replace the previous ones. */
  saveFacts(hostId: string, state: 'ok' | 'partial', facts: { schema: number }, at: number): void {
    this.#db
      .prepare(
        `INSERT INTO fleet_probes (host_id, attempted_at, state, error, facts, facts_at, facts_schema) VALUES (?, ?, ?, NULL, ?, ?, ?)
         ON CONFLICT(host_id) DO UPDATE SET attempted_at = excluded.attempted_at, state = excluded.state, error = NULL,
           facts = excluded.facts, facts_at = excluded.facts_at, facts_schema = excluded.facts_schema`,
      )
      .run(hostId, at, state, JSON.stringify(facts), at, facts.schema);
  }

  /** A probe that did not reach the host (or was refused): the last facts stay, marked by the new state. */
  saveFailure(hostId: string, state: 'unreachable' | 'failed', error: ErrorData, at: number): void {
    this.#db
      .prepare(
        `INSERT INTO fleet_probes (host_id, attempted_at, state, error) VALUES (?, ?, ?, ?)
         ON CONFLICT(host_id) DO UPDATE SET attempted_at = excluded.attempted_at, state = excluded.state, error = excluded.error`,
      )
      .run(hostId, at, state, JSON.stringify(error));
  }
}
