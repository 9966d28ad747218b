import { AppError } from '../../../../shared/errors/app-error.ts';
import { decodeMidcltOutput, midcltCommand } from '../../nas/midclt.ts';
import { sh, type ShellCommand } from '../../shell/command.ts';

/**
 * One `sharing.nfs` record exactly as the NAS prints it. Every field is kept (CORE's `paths`/`alldirs`/`quiet`,
 * SCALE's `aliases`/`expose_snapshots`, 26's `dataset`…), not just the ones Custode models: a temporary change is
 * proven undone by comparing all of them. `text` is midclt's output, byte for byte, for the check that runs on the
 * NAS right before a change (it refuses when the record is no longer this one).
 */
export interface ExportRecord {
  id: number;
  fields: Record<string, unknown>;
  text: string;
}

export const exportRecordCommand = (id: number): ShellCommand => midcltCommand('sharing.nfs.query', [['id', '=', id]], { get: true });

/** Exits 0 only while the NAS prints exactly `record.text` for this share. */
export const exportUnchangedCommand = (record: ExportRecord): ShellCommand => sh`test "$(${exportRecordCommand(record.id)})" = ${record.text}`;

export const exportUpdateHostsCommand = (id: number, hosts: readonly string[]): ShellCommand => midcltCommand('sharing.nfs.update', id, { hosts });

export function parseExportRecord(id: number, stdout: string): ExportRecord {
  const value = decodeMidcltOutput(stdout);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (value as { id?: unknown }).id !== id) {
    throw new AppError('restore.access.exportUnreadable', `The NAS did not print NFS share ${id} as a record`, { shareId: id, excerpt: stdout.slice(0, 400) });
  }
  return { id, fields: value as Record<string, unknown>, text: stdout.replace(/\r?\n$/, '') };
}

/** Names of the fields whose values differ (deep, order-sensitive: `hosts` order is part of the record). */
export function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !(k in a && k in b && JSON.stringify(a[k]) === JSON.stringify(b[k]))).sort();
}
