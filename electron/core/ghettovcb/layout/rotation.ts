import { issue, type Issue } from '../issue.ts';
import { byRotationOrder, type BackupCopy, type VmCopies } from './copies.ts';

/**
 * What ghettoVCB's rotation will delete after the next copy of a VM (reference 7): in timestamp mode it
 * keeps the `count` newest entries by modification time — the new copy included, failed copies included —
 * and removes the rest; a count of 0 from a conf file removes the new copy too. Index mode shifts `-0 … -n`
 * and drops index `count-1` before copying.
 */
export interface RotationPreview {
  vm: string;
  count: number;
  /** Existing copies that survive, newest first. */
  kept: BackupCopy[];
  /** Existing copies the next run deletes. */
  deleted: BackupCopy[];
  /** The copy the next run writes is deleted at once (count 0). */
  deletesNewCopy: boolean;
  issues: Issue[];
}

export function previewRotation(vmCopies: VmCopies, count: number): RotationPreview {
  const timestamped = vmCopies.copies.filter((c) => c.timestamp !== null).sort(byRotationOrder);
  const indexed = vmCopies.copies.filter((c) => c.index !== null).sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const keepExisting = Math.max(0, count - 1);
  const kept = [...timestamped.slice(0, keepExisting), ...indexed.filter((c) => (c.index ?? 0) < keepExisting)];
  const deleted = [...timestamped.slice(keepExisting), ...indexed.filter((c) => (c.index ?? 0) >= keepExisting)];
  const issues: Issue[] = [];
  const vm = vmCopies.vm;
  if (count < 1) issues.push(issue('error', 'ghettovcb.rotation.deletesNewCopy', { vm }));
  const goodDeleted = deleted.filter((c) => c.status === 'ok');
  if (goodDeleted.length > 0 && !kept.some((c) => c.status === 'ok')) {
    issues.push(issue('warning', 'ghettovcb.rotation.deletesLastGood', { vm, name: goodDeleted[0]?.name ?? '' }));
  } else if (goodDeleted.length > 0 && kept.some((c) => c.status === 'error')) {
    issues.push(issue('warning', 'ghettovcb.rotation.failedCopiesKept', { vm, count: kept.filter((c) => c.status === 'error').length }));
  }
  return { vm, count, kept, deleted, deletesNewCopy: count < 1, issues };
}
