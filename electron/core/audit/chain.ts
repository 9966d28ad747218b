import { hash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);

/** The stored columns of one entry that its hash covers, as written (JSON columns are canonical JSON text). */
export interface ChainedColumns {
  seq: number;
  id: string;
  at: number;
  user: string;
  workstation: string;
  kind: string;
  operation_id: string | null;
  subject: string;
  title: string;
  target: string;
  host_ids: string;
  reason: string | null;
  outcome: string | null;
  data: string;
}

/**
 * SHA-256 over the previous entry's hash and every column of this one, so changing any byte of a row, or deleting
 * a row (the next one then names a hash that is no longer there), breaks the chain at that point.
 */
export function entryHash(prevHash: string, c: ChainedColumns): string {
  return columnsHash(prevHash, [c.seq, c.id, c.at, c.user, c.workstation, c.kind, c.operation_id, c.subject, c.title, c.target, c.host_ids, c.reason, c.outcome, c.data]);
}

/** The stored columns in the order `CHAINED_COLUMNS` names them, as verify reads them (no object per row). */
export function columnsHash(prevHash: string, columns: readonly unknown[]): string {
  // The one-shot hash: a Hash object per entry costs more than the hashing itself.
  return hash('sha256', `${prevHash}\n${JSON.stringify(columns)}`, 'hex');
}

/** The columns a hash covers, in hashing order. */
export const CHAINED_COLUMNS = 'seq, id, at, user, workstation, kind, operation_id, subject, title, target, host_ids, reason, outcome, data';
