import type { Datastore } from '../../../shared/model/datastore.ts';
import type { HostVersion } from '../../../shared/model/host.ts';
import type { Verdict } from '../../../shared/model/backup.ts';
import type { RestoreCheck, RestoreCopy, RestoreDisk, RestoreDiskFormat, RestoreMethod } from '../../../shared/model/restore.ts';
import type { CopyContents } from './copy-contents.ts';
import { compactBytes } from '../fleet/compact-bytes.ts';
import { controllerSupported, maxHardwareVersion } from './hardware.ts';
import { nameProblem } from './names.ts';
import { vmxNics } from './vmx-rewrite.ts';

/** What the checks are judged from; all of it read before the plan, none of it written. */
export interface CheckFacts {
  copy: RestoreCopy;
  allowBadCopy: boolean;
  contents: CopyContents;
  /** Sizes of the disks the copy lacks, where the VM's own host could still tell (bytes; null: unknown). */
  missingSizes: ReadonlyMap<string, number | null>;
  disks: readonly RestoreDisk[];
  name: string;
  format: RestoreDiskFormat;
  target: {
    host: string;
    version: HostVersion | null;
    datastores: readonly Datastore[];
    datastore: string;
    registeredNames: readonly string[];
    folderExists: boolean;
    /** null: the target's port groups could not be read. */
    portGroups: readonly string[] | null;
  };
  /** The copy folder as the target reads it; null when the target does not mount the copy's share. */
  copyOnTarget: string | null;
  /**
   * The copy's share reached through a temporary access opened for the restore (`temporary`: its datastore and NAS),
   * or why none could be planned (`error`: an error code with its details); both null when none was needed or tried.
   */
  access: { temporary: { datastore: string; nas: string } | null; error: { code: string; details: Record<string, string | number> } | null };
  method: { chosen: RestoreMethod; script: string | null; why: string };
}

const RANK: Record<Verdict, number> = { go: 0, warn: 1, block: 2 };
export const worst = (checks: readonly RestoreCheck[]): Verdict => checks.reduce<Verdict>((w, c) => (RANK[c.verdict] > RANK[w] ? c.verdict : w), 'go');

/** Bytes the restore writes: a thin or sparse disk takes what the copy holds, a thick one its whole size. */
export function bytesNeeded(disks: readonly RestoreDisk[], format: RestoreDiskFormat): number {
  const thin = format === 'thin' || format === '2gbsparse';
  return disks.reduce((sum, d) => sum + (thin ? (d.usedBytes ?? d.provisionedBytes) : d.provisionedBytes), 0);
}

export function restoreChecks(f: CheckFacts): RestoreCheck[] {
  const checks: RestoreCheck[] = [];
  const add = (check: RestoreCheck['check'], verdict: Verdict, code: string, params: Record<string, string | number> = {}) => checks.push({ check, verdict, code, params });

  if (f.copy.status === 'ok') add('copy', 'go', 'restore.check.copy.ok', { folder: f.copy.folder });
  else add('copy', f.allowBadCopy ? 'warn' : 'block', `restore.check.copy.${f.copy.status}${f.allowBadCopy ? 'Allowed' : ''}`, { folder: f.copy.folder, status: f.copy.statusText ?? '' });

  const bad = nameProblem(f.name);
  if (bad) checks.push(bad);
  else if (f.target.registeredNames.includes(f.name)) add('name', 'block', 'restore.check.name.registered', { name: f.name, host: f.target.host });
  else add('name', 'go', 'restore.check.name.free', { name: f.name, host: f.target.host });

  const ds = f.target.datastores.find((d) => d.name === f.target.datastore);
  const folder = `/vmfs/volumes/${f.target.datastore}/${f.name}`;
  if (f.target.folderExists) add('folder', 'block', 'restore.check.folder.exists', { folder });
  else add('folder', 'go', 'restore.check.folder.free', { folder });

  if (ds === undefined) add('datastore', 'block', 'restore.check.datastore.missing', { datastore: f.target.datastore, host: f.target.host, known: f.target.datastores.map((d) => d.name).join(', ') });
  else if (ds.accessible === false) add('datastore', 'block', 'restore.check.datastore.inaccessible', { datastore: ds.name, host: f.target.host });
  else add('datastore', 'go', 'restore.check.datastore.ok', { datastore: ds.name, type: ds.type });

  const provisioned = f.disks.reduce((s, d) => s + d.provisionedBytes, 0);
  const used = f.disks.reduce((s, d) => s + (d.usedBytes ?? d.provisionedBytes), 0);
  const needed = bytesNeeded(f.disks, f.format);
  const free = ds?.freeSpace ?? null;
  const sizes = { provisioned: compactBytes(provisioned), used: compactBytes(used), needed: compactBytes(needed), format: f.format };
  const withFree = { ...sizes, free: compactBytes(free ?? 0) };
  if (ds === undefined) add('space', 'block', 'restore.check.space.noDatastore', sizes);
  else if (free === null) add('space', 'warn', 'restore.check.space.unknown', sizes);
  else if (needed > free) add('space', 'block', 'restore.check.space.short', withFree);
  else if (provisioned > free) add('space', 'warn', 'restore.check.space.thinOnly', withFree);
  else add('space', 'go', 'restore.check.space.ok', withFree);

  const esxi = f.target.version?.version ?? '?';
  if (f.format === 'eagerzeroedthick' && f.method.chosen === 'ghettovcb' && Number(esxi.split('.')[0]) >= 7) add('format', 'warn', 'restore.check.format.eagerBecomesZeroed', { esxi });
  else add('format', 'go', 'restore.check.format.ok', { format: f.format });

  const hw = Number(f.contents.vmx.hwVersion ?? NaN);
  const max = f.target.version ? maxHardwareVersion(f.target.version) : null;
  if (!Number.isFinite(hw)) add('hardware', 'warn', 'restore.check.hardware.unknownVm', { esxi });
  else if (max === null) add('hardware', 'warn', 'restore.check.hardware.unknownHost', { hw, esxi });
  else if (hw > max) add('hardware', 'block', 'restore.check.hardware.tooNew', { hw, max, esxi });
  else add('hardware', 'go', 'restore.check.hardware.ok', { hw, max, esxi });

  const uefi = f.contents.vmx.firmware?.toLowerCase() === 'efi';
  if (uefi && f.contents.nvramFile === null) add('nvram', 'warn', 'restore.check.nvram.missingUefi', { nvram: f.contents.vmx.nvram ?? '' });
  else if (uefi) add('nvram', 'go', 'restore.check.nvram.uefi', { nvram: f.contents.nvramFile! });
  else add('nvram', 'go', f.contents.nvramFile === null ? 'restore.check.nvram.biosNone' : 'restore.check.nvram.bios', { nvram: f.contents.nvramFile ?? '' });

  const kinds = new Map<string, string>();
  for (const [key, dev] of Object.entries(f.contents.vmx.controllers)) kinds.set(key, key.startsWith('scsi') ? dev : key.replace(/\d+$/, ''));
  for (const d of f.contents.disks) if (d.disk.bus === 'sata' || d.disk.bus === 'nvme') kinds.set(d.disk.controller, d.disk.bus);
  const unsupported = [...kinds].filter(([, kind]) => controllerSupported(kind, f.target.version) === false);
  const unknown = [...kinds].filter(([, kind]) => controllerSupported(kind, f.target.version) === null);
  const list = (xs: [string, string][]) => xs.map(([k, v]) => `${k} (${v})`).join(', ');
  if (unsupported.length > 0) add('controllers', 'block', 'restore.check.controllers.unsupported', { controllers: list(unsupported), esxi });
  else if (unknown.length > 0) add('controllers', 'warn', 'restore.check.controllers.unknown', { controllers: list(unknown), esxi });
  else add('controllers', 'go', 'restore.check.controllers.ok', { controllers: list([...kinds]) || '—', esxi });

  const nics = vmxNics(f.contents.vmx.entries);
  if (nics.length === 0) add('network', 'go', 'restore.check.network.none');
  else if (f.target.portGroups === null) add('network', 'warn', 'restore.check.network.unknown', { nics: nics.map((n) => `${n.key} (${n.network})`).join(', ') });
  else {
    const lacking = nics.filter((n) => !f.target.portGroups!.includes(n.network));
    if (lacking.length > 0) add('network', 'warn', 'restore.check.network.disconnected', { nics: lacking.map((n) => `${n.key} (${n.network})`).join(', '), host: f.target.host });
    else add('network', 'go', 'restore.check.network.ok', { networks: [...new Set(nics.map((n) => n.network))].join(', ') });
  }

  // Why no access could be planned is the access's own error, worded from its code like any error.
  if (f.copyOnTarget === null && f.access.error !== null) add('share', 'block', `error.${f.access.error.code}`, f.access.error.details);
  else if (f.copyOnTarget === null) add('share', 'block', 'restore.check.share.crossHost', { host: f.target.host, folder: f.copy.path });
  else if (f.access.temporary !== null) add('share', 'warn', 'restore.check.share.temporary', { host: f.target.host, nas: f.access.temporary.nas, datastore: f.access.temporary.datastore, path: f.copyOnTarget });
  else add('share', 'go', 'restore.check.share.mounted', { path: f.copyOnTarget });

  const independent = f.contents.missing.filter((m) => m.why === 'independent');
  const absent = f.contents.missing.filter((m) => m.why === 'absent');
  const sized = (ms: typeof independent) => ms.map((m) => `${m.disk.key} ${m.disk.fileName} (${sizeText(f.missingSizes.get(m.disk.key) ?? null)})`).join(', ');
  if (absent.length > 0) add('independent', f.allowBadCopy ? 'warn' : 'block', 'restore.check.independent.absent', { disks: sized(absent) });
  if (independent.length > 0) add('independent', 'warn', 'restore.check.independent.lacking', { disks: sized(independent) });
  if (absent.length === 0 && independent.length === 0) add('independent', 'go', 'restore.check.independent.none', { count: f.contents.disks.length });

  add('method', 'go', f.method.chosen === 'ghettovcb' ? 'restore.check.method.ghettovcb' : `restore.check.method.native.${f.method.why}`, { script: f.method.script ?? '' });
  return checks;
}

function sizeText(bytes: number | null): string {
  return bytes === null ? '?' : compactBytes(bytes);
}
