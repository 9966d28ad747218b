import { finding, type Finding } from '../../../shared/model/finding.ts';
import type { Dataset, SnapshotTask } from '../../../shared/model/nas.ts';

/**
 * Pure checks on the dataset behind a backup share: space, periodic snapshots (the copies' protection against a
 * compromised host), encryption (the site keeps copies unencrypted on purpose: reported as information).
 */
export const NEAR_FULL_RATIO = 0.85;

function mountpointOf(d: Dataset): string {
  return d.mountpoint ?? `/mnt/${d.name}`;
}

/** The dataset whose mountpoint is the longest prefix of `path` (a share path lives inside one). */
export function datasetForPath(datasets: readonly Dataset[], path: string): Dataset | null {
  let best: Dataset | null = null;
  for (const d of datasets) {
    const m = mountpointOf(d).replace(/\/+$/, '');
    if ((path === m || path.startsWith(m + '/')) && (best === null || m.length > mountpointOf(best).length)) best = d;
  }
  return best;
}

export interface DatasetUsage {
  usedBytes: number;
  availableBytes: number;
  /** used / (used + available): the share's fill level as ESXi sees it (quota included). */
  ratio: number;
}

export function datasetUsage(d: Dataset): DatasetUsage | null {
  if (d.usedBytes === null || d.availableBytes === null) return null;
  const total = d.usedBytes + d.availableBytes;
  return { usedBytes: d.usedBytes, availableBytes: d.availableBytes, ratio: total === 0 ? 1 : d.usedBytes / total };
}

export function isNearFull(d: Dataset, threshold = NEAR_FULL_RATIO): boolean | null {
  const u = datasetUsage(d);
  return u === null ? null : u.ratio >= threshold;
}

export interface SnapshotCoverage {
  /** Enabled tasks that snapshot this dataset (itself, or an ancestor recursively without excluding it). */
  active: SnapshotTask[];
  disabled: SnapshotTask[];
}

function covers(task: SnapshotTask, dataset: string): boolean {
  if (task.dataset === dataset) return true;
  if (!task.recursive || !dataset.startsWith(task.dataset + '/')) return false;
  return !task.exclude.some((x) => dataset === x || dataset.startsWith(x + '/'));
}

export function snapshotCoverage(tasks: readonly SnapshotTask[], dataset: string): SnapshotCoverage {
  const covering = tasks.filter((t) => covers(t, dataset));
  return { active: covering.filter((t) => t.enabled), disabled: covering.filter((t) => !t.enabled) };
}

export type EncryptionStatus = 'unencrypted' | 'unlocked' | 'locked';

export function encryptionStatus(d: Dataset): EncryptionStatus {
  if (!d.encrypted) return 'unencrypted';
  return d.locked === true || d.keyLoaded === false ? 'locked' : 'unlocked';
}

export function datasetFindings(d: Dataset, tasks: readonly SnapshotTask[], threshold = NEAR_FULL_RATIO): Finding[] {
  const out: Finding[] = [];
  const usage = datasetUsage(d);
  if (usage !== null && usage.ratio >= threshold) {
    out.push(finding('nas.dataset.nearFull', usage.availableBytes === 0 ? 'error' : 'warning', {
      dataset: d.name,
      percent: Math.floor(usage.ratio * 100),
      availableBytes: usage.availableBytes,
    }));
  }
  const coverage = snapshotCoverage(tasks, d.name);
  if (coverage.active.length === 0) {
    out.push(coverage.disabled.length > 0
      ? finding('nas.dataset.snapshotTaskDisabled', 'warning', { dataset: d.name, task: coverage.disabled[0]!.id })
      : finding('nas.dataset.noSnapshotTask', 'warning', { dataset: d.name }));
  }
  const enc = encryptionStatus(d);
  if (enc === 'locked') out.push(finding('nas.dataset.locked', 'error', { dataset: d.name }));
  else if (enc === 'unencrypted') out.push(finding('nas.dataset.unencrypted', 'info', { dataset: d.name }));
  if (d.readOnly === true) out.push(finding('nas.dataset.readOnly', 'error', { dataset: d.name }));
  return out;
}
