import type { VmRow } from '../../../shared/ipc/fleet.ts';
import { finding, type Finding } from '../../../shared/model/finding.ts';
import type { VmOutcome } from '../../../shared/model/vm-outcome.ts';
import { backupCopies, type BackupCopy } from '../ghettovcb/layout/copies.ts';
import { checkVmName, parseVmList } from '../ghettovcb/vmlist.ts';
import type { BackupShare } from './adoption.ts';
import type { GhettoVcbInvocation } from './cron-invocation.ts';
import type { EsxiFacts, VmFacts } from './esxi-facts.ts';
import { bySeverity } from './findings.ts';
import { compactBytes } from './compact-bytes.ts';

/**
 * One row per VM: its copies on the backup volume against the rotation, the last attempt's outcome, and what will
 * stop or limit tonight's run, most severe first. Host-wide blockers (lock, ESXi version, the share) are repeated
 * on every VM they stop, because the question a row answers is "will this VM be backed up tonight?".
 */
export interface RowContext {
  /** The schedule's invocation; null when nothing runs ghettoVCB on this host. */
  invocation: GhettoVcbInvocation | null;
  conf: Map<string, string> | null;
  share: BackupShare;
  /** Host-wide reasons tonight's run cannot work at all. */
  hostBlockers: Finding[];
  outcomes: Map<string, VmOutcome>;
  /** VM list (-f) and exclusion (-e) files by path. */
  lists: Map<string, string | null>;
}

const GOOD: ReadonlySet<BackupCopy['status']> = new Set(['ok', 'warn']);

function listNames(text: string | null | undefined): Set<string> | null {
  if (text === null || text === undefined) return null;
  return new Set(parseVmList(text, 'list').entries.map((e) => e.name));
}

function scheduleBlockers(vm: VmFacts, ctx: RowContext): Finding[] {
  const name = vm.inventory.name;
  const inv = ctx.invocation;
  if (inv === null) return [finding('fleet.vm.notScheduled', 'error', { vm: name })];
  if (inv.vm !== null && inv.vm !== name) return [finding('fleet.vm.notInSchedule', 'warning', { vm: name })];
  if (inv.vmList !== null) {
    const names = listNames(ctx.lists.get(inv.vmList));
    if (names !== null && !names.has(name)) return [finding('fleet.vm.notInSchedule', 'warning', { vm: name, list: inv.vmList })];
  }
  if (inv.exclusionList !== null) {
    const excluded = listNames(ctx.lists.get(inv.exclusionList));
    if (excluded?.has(name)) return [finding('fleet.vm.excluded', 'info', { vm: name, list: inv.exclusionList })];
  }
  return [];
}

function blockersFor(vm: VmFacts, ctx: RowContext, newest: BackupCopy | null): Finding[] {
  const name = vm.inventory.name;
  const out: Finding[] = [...ctx.hostBlockers, ...scheduleBlockers(vm, ctx)];
  const { share } = ctx;
  if (ctx.invocation !== null && share.datastore !== null) {
    if (share.mounted === false) out.push(finding('fleet.share.notMounted', 'error', { datastore: share.datastore }));
    else if (share.readOnly) out.push(finding('fleet.share.readOnly', 'error', { datastore: share.datastore }));
    else {
      const needed = newest?.sizeBytes || vm.committedBytes;
      if (share.freeBytes !== null && (share.freeBytes === 0 || (needed != null && share.freeBytes < needed))) {
        out.push(finding('fleet.share.full', 'error', {
          datastore: share.datastore,
          free: compactBytes(share.freeBytes),
          needed: needed == null ? '?' : compactBytes(needed),
          freeBytes: share.freeBytes,
          neededBytes: needed ?? 0,
        }));
      }
    }
  }
  const snapshots = vm.snapshots ?? [];
  if (snapshots.length > 0) {
    const allow = ctx.conf?.get('ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP') === '1';
    out.push(allow
      ? finding('fleet.vm.snapshotsWillBeDeleted', 'warning', { vm: name, count: snapshots.length, snapshot: snapshots[0]!.name })
      : finding('fleet.vm.willBeSkippedSnapshot', 'error', { vm: name, count: snapshots.length, snapshot: snapshots[0]!.name }));
  }
  const lookup = checkVmName(name).filter((i) => i.severity === 'error');
  if (lookup.length > 0) out.push(finding('fleet.vm.nameBreaksLookup', 'error', { vm: name, chars: String(lookup[0]!.params['chars'] ?? '') }));
  const disks = vm.disks ?? [];
  const independent = disks.filter((d) => d.ghettoVcb === 'independent');
  if (independent.length > 0) {
    out.push(finding('fleet.vm.independentNotBackedUp', 'info', { vm: name, count: independent.length, disks: independent.map((d) => d.fileName).join(', ') }));
  }
  const physical = disks.filter((d) => d.ghettoVcb === 'backup' && d.rdmHint === 'physical');
  if (physical.length > 0) out.push(finding('fleet.vm.physicalRdmNotBackedUp', 'warning', { vm: name, disks: physical.map((d) => d.fileName).join(', ') }));
  if (vm.consolidationNeeded === true) out.push(finding('fleet.vm.consolidationNeeded', 'warning', { vm: name }));
  if (vm.disks === null) out.push(finding('fleet.vm.vmxUnreadable', 'warning', { vm: name }));
  return bySeverity(out);
}

export function vmRows(facts: EsxiFacts, ctx: RowContext): VmRow[] {
  const copiesByVm = new Map((facts.volume ? backupCopies(facts.volume.entries) : []).map((v) => [v.vm, v.copies]));
  const rotationText = ctx.conf?.get('VM_BACKUP_ROTATION_COUNT');
  const rotation = rotationText !== undefined && /^\d+$/.test(rotationText) ? Number(rotationText) : null;
  return facts.vms.map((vm) => {
    const copies = copiesByVm.get(vm.inventory.name) ?? [];
    const rows = copies.map((c) => ({ folder: c.name, at: c.mtimeMs, status: c.status, sizeBytes: c.sizeBytes }));
    const good = copies.find((c) => GOOD.has(c.status));
    return {
      vmid: vm.inventory.vmid,
      name: vm.inventory.name,
      powerState: vm.powerState,
      datastore: vm.inventory.datastore || null,
      sizeBytes: vm.committedBytes,
      snapshots: vm.snapshots?.length ?? 0,
      independentDisks: (vm.disks ?? []).filter((d) => d.ghettoVcb === 'independent').length,
      rdmDisks: (vm.disks ?? []).filter((d) => d.present && d.rdmHint !== null).length,
      copies: rows,
      rotation,
      lastGood: good ? { folder: good.name, at: good.mtimeMs, status: good.status, sizeBytes: good.sizeBytes } : null,
      lastOutcome: ctx.outcomes.get(vm.inventory.name) ?? null,
      blockers: blockersFor(vm, ctx, copies[0] ?? null),
    };
  });
}
