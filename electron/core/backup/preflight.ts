import type { EsxiStatus } from '../../../shared/ipc/fleet.ts';
import { worst, type PreflightCheck, type PreflightCheckId, type PreflightReport, type RunSetup, type Verdict } from '../../../shared/model/backup.ts';
import type { Finding } from '../../../shared/model/finding.ts';
import type { LockAssessment } from '../esxi/ghettovcb-lock.ts';
import { parseConf } from '../ghettovcb/conf/parse.ts';
import { validateConf } from '../ghettovcb/conf/validate.ts';
import type { Issue } from '../ghettovcb/issue.ts';
import { backupCopies } from '../ghettovcb/layout/copies.ts';
import { previewRotation } from '../ghettovcb/layout/rotation.ts';
import { esxiMajor } from '../ghettovcb/versions.ts';
import { checkVmName } from '../ghettovcb/vmlist.ts';
import type { BackupShare } from '../fleet/adoption.ts';
import { compactBytes } from '../fleet/compact-bytes.ts';
import type { EsxiFacts, VmFacts } from '../fleet/esxi-facts.ts';
import { runConf } from './run-setup.ts';
import type { WriteTest } from './write-test.ts';

/**
 * Will a run on this host work, now, for these VMs? Judged from a fresh probe of the host (the fleet's facts and
 * view), the share as the fleet sees it, a real write in the backup folder, and the other hosts writing to the same
 * share. Pure: everything read from hosts comes in. A check about the whole host that blocks stops a run; a check
 * about one VM that blocks means that VM will not be backed up (the others are).
 */
export interface OtherWriter {
  /** The other host's name. */
  host: string;
  /** It holds its ghettoVCB lock at its last check. */
  running: boolean;
  /** Its schedule fires at the same moment as this host's next run. */
  sameTime: boolean;
}

export interface PreflightInput {
  status: EsxiStatus;
  facts: EsxiFacts;
  setup: RunSetup | null;
  share: BackupShare;
  /** The VMs asked for; null: all registered VMs. Names are known to exist (checked by the caller). */
  requested: readonly string[] | null;
  writeTest: WriteTest | null;
  others: readonly OtherWriter[];
  now: number;
}

type Params = PreflightCheck['params'];

class Checks {
  readonly list: PreflightCheck[] = [];
  add(check: PreflightCheckId, verdict: Verdict, code: string, params: Params = {}, vm: string | null = null): void {
    this.list.push({ check, verdict, code, params, vm });
  }
  /** A fleet finding (its text already says why and what to do) as a check, with the verdict given. */
  finding(check: PreflightCheckId, verdict: Verdict, f: Finding, vm: string | null = null): void {
    this.add(check, verdict, f.code, f.params, vm);
  }
  issue(check: PreflightCheckId, i: Issue, params: Params = {}, vm: string | null = null): void {
    this.add(check, i.severity === 'error' ? 'block' : 'warn', i.code, { ...i.params, ...params }, vm);
  }
  has(check: PreflightCheckId): boolean {
    return this.list.some((c) => c.check === check);
  }
}

const THIN_FORMATS = new Set(['thin', '2gbsparse']);

/** The bytes a VM's copy takes: what its disks use for a thin copy, everything they may grow to for a thick one. */
export function copyBytes(vm: VmFacts, format: string): number | null {
  if (vm.committedBytes === null) return null;
  return THIN_FORMATS.has(format) ? vm.committedBytes : vm.committedBytes + (vm.uncommittedBytes ?? 0);
}

function versionChecks(c: Checks, input: PreflightInput): void {
  const { status, setup } = input;
  if (setup === null) {
    c.add('ghettovcb', 'block', 'fleet.host.noGhettoVcb');
    return;
  }
  const install = status.installs.find((i) => i.path === setup.script);
  if (install?.version) c.add('ghettovcb', 'go', 'backup.check.ghettovcb.go', { script: setup.script, version: install.version });
  else c.add('ghettovcb', 'go', 'backup.check.ghettovcb.goNoVersion', { script: setup.script });
  if (install?.acceptsEsxi === true) c.add('version', 'go', 'backup.check.version.go', { esxi: status.version ?? '?', script: install.version ?? '?' });
  else if (install?.acceptsEsxi === false) c.add('version', 'block', 'fleet.host.esxiUnsupported', { esxi: status.version ?? '', script: install.version ?? '' });
  else c.add('version', 'warn', 'backup.check.version.unknown', { esxi: status.version ?? '?' });
}

function confChecks(c: Checks, input: PreflightInput): void {
  const { setup, facts, status } = input;
  if (setup === null) return;
  if (setup.conf === null) {
    c.add('conf', 'block', 'backup.check.conf.none', { script: setup.script });
    return;
  }
  const text = facts.confs.find((f) => f.path === setup.conf)?.text ?? null;
  if (text === null) {
    c.add('conf', 'block', 'fleet.conf.missing', { path: setup.conf });
    return;
  }
  const major = status.version === null ? null : esxiMajor(status.version);
  const issues = validateConf(parseConf(text), { role: 'global', ...(major !== null ? { esxiMajor: major } : {}) });
  for (const i of issues) c.issue('conf', i, { file: setup.conf, ...(i.line !== undefined ? { line: i.line } : {}) });
  if (issues.length === 0) c.add('conf', 'go', 'backup.check.conf.go', { path: setup.conf });
}

function volumeChecks(c: Checks, input: PreflightInput): void {
  const { setup, share, writeTest } = input;
  if (setup === null || setup.conf === null) return;
  if (setup.volume === null || !setup.volume.startsWith('/vmfs/volumes/')) {
    c.add('volume', 'block', 'backup.check.volume.none', { volume: setup.volume ?? '' });
    return;
  }
  const datastore = share.datastore ?? setup.volume;
  if (share.mounted === false) c.add('volume', 'block', 'fleet.share.notMounted', { datastore });
  else if (share.readOnly) c.add('volume', 'block', 'fleet.share.readOnly', { datastore });
  else c.add('volume', 'go', 'backup.check.volume.go', { volume: setup.volume, datastore });
  if (writeTest === null) return;
  const params = { dir: writeTest.dir, file: writeTest.file, output: writeTest.output };
  if (writeTest.outcome === 'ok') c.add('writeTest', 'go', writeTest.dir === setup.volume ? 'backup.check.write.go' : 'backup.check.write.goParent', { ...params, volume: setup.volume });
  else if (writeTest.outcome === 'leftover') c.add('writeTest', 'warn', 'backup.check.write.leftover', params);
  else c.add('writeTest', 'block', 'backup.check.write.block', params);
}

function spaceCheck(c: Checks, input: PreflightInput, vms: readonly VmFacts[], willCopy: (vm: VmFacts) => boolean): void {
  const { setup, share, facts } = input;
  if (setup === null || c.list.some((x) => x.check === 'volume' && x.verdict === 'block')) return;
  const format = runConf(facts, setup).get('DISK_BACKUP_FORMAT') ?? 'thin';
  const copied = vms.filter(willCopy);
  const sizes = copied.map((vm) => copyBytes(vm, format));
  const known = sizes.every((s) => s !== null);
  const needed = sizes.reduce<number>((sum, s) => sum + (s ?? 0), 0);
  const params = { format, vms: copied.length, needed: compactBytes(needed), neededBytes: needed, datastore: share.datastore ?? '' };
  if (share.freeBytes === null) c.add('space', 'warn', 'backup.check.space.unknown', params);
  else {
    const free = { ...params, free: compactBytes(share.freeBytes), freeBytes: share.freeBytes };
    if (share.freeBytes < needed) c.add('space', 'block', 'backup.check.space.short', free);
    else if (!known) c.add('space', 'warn', 'backup.check.space.sizeUnknown', free);
    else if (share.freeBytes < needed * 1.1) c.add('space', 'warn', 'backup.check.space.tight', free);
    else c.add('space', 'go', 'backup.check.space.go', free);
  }
}

function lockCheck(c: Checks, lock: LockAssessment | null): void {
  if (lock === null) {
    c.add('lock', 'warn', 'backup.check.lock.unknown');
    return;
  }
  const workdir = '/tmp/ghettoVCB.work';
  if (lock.state === 'none') c.add('lock', 'go', 'backup.check.lock.go', { workdir });
  else if (lock.state === 'running' && lock.reasons.some((r) => r.code === 'esxi.lock.runStarting')) {
    // A ghettoVCB process but no lock folder: a run between its start and its mkdir. The lock itself decides (the
    // start is checked again right before it is sent, and ghettoVCB refuses a second run on its own).
    const pid = lock.reasons.find((r) => r.code === 'esxi.lock.runStarting')?.params['pid'] ?? '?';
    c.add('lock', 'warn', 'backup.check.lock.starting', { workdir, pid: String(pid) });
  } else if (lock.state === 'running') {
    const pid = lock.reasons.find((r) => r.params['pid'] !== undefined)?.params['pid'] ?? '?';
    c.add('lock', 'block', 'backup.check.lock.running', { workdir, pid: String(pid) });
  } else {
    // Stale only when the pid in it is proven dead; a missing pid file or a pid now used by another program is a
    // lock nobody can vouch for, which a person must look at.
    const dead = lock.reasons.find((r) => r.code === 'esxi.lock.pidDead');
    if (dead) c.add('lock', 'block', 'backup.check.lock.stale', { workdir, pid: String(dead.params['pid'] ?? '?'), ageSeconds: lock.ageSeconds ?? 0 });
    else c.add('lock', 'block', 'backup.check.lock.unproven', { workdir });
    for (const r of lock.reasons.filter((x) => x !== dead)) c.finding('lock', 'warn', r);
  }
}

function vmChecks(c: Checks, input: PreflightInput, vms: readonly VmFacts[], allowSnapshots: boolean): void {
  const names = input.facts.vms.map((v) => v.inventory.name);
  for (const vm of vms) {
    const name = vm.inventory.name;
    const snaps = vm.snapshots ?? [];
    if (vm.snapshots === null) c.add('snapshots', 'warn', 'backup.check.snapshots.unknown', { vm: name }, name);
    else if (snaps.length > 0) {
      const params = { vm: name, count: snaps.length, snapshot: snaps[0]!.name };
      if (allowSnapshots) c.add('snapshots', 'warn', 'fleet.vm.snapshotsWillBeDeleted', params, name);
      else c.add('snapshots', 'block', 'fleet.vm.willBeSkippedSnapshot', params, name);
    }
    if (vm.consolidationNeeded === true) c.add('snapshots', 'warn', 'fleet.vm.consolidationNeeded', { vm: name }, name);

    const disks = vm.disks;
    if (disks === null) c.add('disks', 'warn', 'fleet.vm.vmxUnreadable', { vm: name }, name);
    else {
      const independent = disks.filter((d) => d.ghettoVcb === 'independent');
      if (independent.length > 0) c.add('disks', 'warn', 'fleet.vm.independentNotBackedUp', { vm: name, count: independent.length, disks: independent.map((d) => d.fileName).join(', ') }, name);
      const physical = disks.filter((d) => d.ghettoVcb === 'backup' && d.rdmHint === 'physical');
      if (physical.length > 0) c.add('disks', 'warn', 'fleet.vm.physicalRdmNotBackedUp', { vm: name, disks: physical.map((d) => d.fileName).join(', ') }, name);
    }

    for (const i of checkVmName(name)) c.issue('names', i, {}, name);
    if (names.filter((n) => n === name).length > 1) c.add('names', 'block', 'backup.check.names.duplicate', { vm: name }, name);
    for (const other of names.filter((n) => n !== name && n.includes(name))) c.add('names', 'warn', 'backup.check.names.contained', { vm: name, other }, name);
  }
  if (!c.has('snapshots')) c.add('snapshots', 'go', 'backup.check.snapshots.go', { vms: vms.length });
  if (!c.has('disks')) c.add('disks', 'go', 'backup.check.disks.go', { vms: vms.length });
  if (!c.has('names')) c.add('names', 'go', 'backup.check.names.go', { vms: vms.length });
}

function rotationChecks(c: Checks, input: PreflightInput, vms: readonly VmFacts[]): void {
  const { setup, facts } = input;
  if (setup === null || facts.volume === null || facts.volume.path !== setup.volume) {
    c.add('rotation', 'warn', 'backup.check.rotation.unknown');
    return;
  }
  const text = runConf(facts, setup).get('VM_BACKUP_ROTATION_COUNT') ?? '';
  const count = /^\d+$/.test(text) ? Number(text) : 1;
  const copies = new Map(backupCopies(facts.volume.entries).map((v) => [v.vm, v]));
  for (const vm of vms) {
    const name = vm.inventory.name;
    const mine = copies.get(name);
    if (mine === undefined) continue;
    for (const i of previewRotation(mine, count).issues) {
      if (i.code === 'ghettovcb.rotation.deletesLastGood') c.add('rotation', 'warn', 'backup.check.rotation.trap', { vm: name, count, name: String(i.params['name'] ?? '') }, name);
      else c.issue('rotation', i, {}, name);
    }
  }
  if (!c.has('rotation')) c.add('rotation', 'go', 'backup.check.rotation.go', { count });
}

function sharedShareChecks(c: Checks, input: PreflightInput): void {
  const datastore = input.share.datastore ?? '';
  for (const o of input.others) {
    if (o.running) c.add('sharedShare', 'warn', 'backup.check.sharedShare.running', { other: o.host, datastore });
    else if (o.sameTime) c.add('sharedShare', 'warn', 'backup.check.sharedShare.sameTime', { other: o.host, datastore });
  }
  if (!c.has('sharedShare')) c.add('sharedShare', 'go', 'backup.check.sharedShare.go', { datastore, others: input.others.length });
}

export function judgePreflight(input: PreflightInput): PreflightReport {
  const { status, facts, setup, requested } = input;
  const c = new Checks();
  const vms = requested === null ? facts.vms : requested.map((n) => facts.vms.find((v) => v.inventory.name === n)!);
  const conf = setup === null ? null : runConf(facts, setup);
  const allowSnapshots = conf?.get('ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP') === '1';
  versionChecks(c, input);
  confChecks(c, input);
  volumeChecks(c, input);
  spaceCheck(c, input, vms, (vm) => allowSnapshots || (vm.snapshots ?? []).length === 0);
  lockCheck(c, facts.lock);
  vmChecks(c, input, vms, allowSnapshots);
  rotationChecks(c, input, vms);
  sharedShareChecks(c, input);
  return {
    hostId: status.host.id,
    host: status.host.name,
    at: input.now,
    vms: vms.map((v) => v.inventory.name),
    allVms: requested === null,
    setup,
    verdict: worst(c.list.map((x) => x.verdict)),
    checks: c.list,
  };
}
