// VMs as real files on the host's datastores: .vmx, descriptors, flat extents, snapshot redo logs, .vmsd.
// Functions take the host root ('' inside a host) and the state object the caller is updating under the lock.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostPath, VOLUMES } from './paths.ts';
import type { HostState, SnapshotNode, VmRecord } from './state.ts';
import type { VmSpec } from './spec.ts';
import { generatedMac, locationStamp } from './vm-location.ts';
import { createChildDisk, createFlatDisk, deleteDisk, readDescriptor } from './vmdk.ts';
import { formatVmx, parseVmx, vmxDisks, vmxGet, vmxSet, type Vmx } from './vmx.ts';

export function vmxEsxiPath(vm: VmRecord): string {
  return `${VOLUMES}/${vm.datastore}/${vm.relPath}`;
}

export function vmDirEsxi(vm: VmRecord): string {
  return dirname(vmxEsxiPath(vm));
}

export function readVmx(root: string, vm: VmRecord): Vmx {
  return parseVmx(readFileSync(hostPath(root, vmxEsxiPath(vm)), 'utf8'));
}

function writeVmx(root: string, vm: VmRecord, vmx: Vmx): void {
  writeFileSync(hostPath(root, vmxEsxiPath(vm)), formatVmx(vmx));
}

/** Absolute ESXi path of a disk named in the .vmx (relative names live in the VM folder). */
export function diskEsxiPath(vm: VmRecord, fileName: string): string {
  return fileName.startsWith('/') ? fileName : `${vmDirEsxi(vm)}/${fileName}`;
}

function datastoreUuid(state: HostState, name: string): string {
  const ds = state.datastores.find((d) => d.name === name);
  const nfs = state.nfs.find((n) => n.volume === name);
  const uuid = ds?.uuid ?? nfs?.uuid;
  if (!uuid) throw new Error(`unknown datastore ${name}`);
  return uuid;
}

function vmxGuestOs(guestId: string): string {
  return guestId.replace(/Guest$/, '').replace(/_64$/, '-64').replace(/64$/, '-64').replace(/--/, '-');
}

const DEFAULT_GUEST = 'ubuntu64Guest';

/** Writes the VM's files and returns its registry record (the caller assigns the vmid and saves the state). */
export function createVmFiles(root: string, state: HostState, spec: VmSpec, vmid: number): VmRecord {
  const datastore = spec.datastore ?? 'datastore1';
  const vm: VmRecord = {
    vmid,
    name: spec.name,
    datastore,
    relPath: `${spec.name}/${spec.name}.vmx`,
    guestId: spec.guestId ?? DEFAULT_GUEST,
    hwVersion: spec.hwVersion ?? 19,
    annotation: spec.annotation ?? '',
    power: spec.power ?? 'on',
    tools: spec.tools ?? true,
    snapshotFormat: spec.snapshotFormat ?? 'delta',
    snapshots: [],
    currentSnapshot: null,
    nextSnapshotId: 1,
  };
  const dir = hostPath(root, vmDirEsxi(vm));
  mkdirSync(dir, { recursive: true });
  const hw = String(vm.hwVersion);
  const vmx: Vmx = [
    ['.encoding', 'UTF-8'],
    ['config.version', '8'],
    ['virtualHW.version', hw],
    ['displayName', spec.name],
    ['guestOS', vmxGuestOs(vm.guestId)],
    ['memSize', String(spec.memoryMB ?? 2048)],
    ['numvcpus', String(spec.numCpu ?? 2)],
    ['nvram', `${spec.name}.nvram`],
    ['pciBridge0.present', 'TRUE'],
    ['scsi0.present', 'TRUE'],
    ['scsi0.virtualDev', 'lsilogic'],
  ];
  (spec.disks ?? [{ sizeMB: 1024 }]).forEach((disk, i) => {
    const fileBase = i === 0 ? spec.name : `${spec.name}_${i}`;
    const diskDs = disk.datastore ?? datastore;
    const diskDirEsxi = diskDs === datastore ? vmDirEsxi(vm) : `${VOLUMES}/${datastoreUuid(state, diskDs)}/${spec.name}`;
    mkdirSync(hostPath(root, diskDirEsxi), { recursive: true });
    createFlatDisk(hostPath(root, `${diskDirEsxi}/${fileBase}.vmdk`), disk.sizeMB, { adapter: 'lsilogic', hwVersion: hw, thin: true });
    const slot = `scsi0:${i}`;
    vmx.push([`${slot}.present`, 'TRUE'], [`${slot}.deviceType`, 'scsi-hardDisk']);
    vmx.push([`${slot}.fileName`, diskDs === datastore ? `${fileBase}.vmdk` : `${diskDirEsxi}/${fileBase}.vmdk`]);
    if (disk.mode && disk.mode !== 'persistent') vmx.push([`${slot}.mode`, disk.mode]);
  });
  vmx.push(
    ['ide1:0.present', 'TRUE'],
    ['ide1:0.deviceType', 'atapi-cdrom'],
    ['ide1:0.fileName', 'emptyBackingString'],
    ['ethernet0.present', 'TRUE'],
    ['ethernet0.virtualDev', 'vmxnet3'],
    ['ethernet0.networkName', 'VM Network'],
    ['ethernet0.addressType', 'generated'],
    ['ethernet0.generatedAddress', generatedMac(`${spec.name}/${Math.random()}`)],
    ['uuid.bios', uuidLike()],
    ['uuid.location', locationStamp(state, vm.datastore, vm.relPath)],
    ['vc.uuid', uuidLike()],
  );
  if (spec.tools === false) vmx.push(['guestinfo.lab.tools', 'FALSE']);
  if (vm.annotation) vmx.push(['annotation', vm.annotation]);
  writeFileSync(hostPath(root, vmxEsxiPath(vm)), formatVmx(vmx));
  writeFileSync(join(dir, `${spec.name}.nvram`), Buffer.alloc(8684, 0x4e));
  writeFileSync(join(dir, `${spec.name}.vmsd`), '');
  writeFileSync(join(dir, `${spec.name}.vmxf`), '<?xml version="1.0"?>\n<Foundry></Foundry>\n');
  return vm;
}

function uuidLike(): string {
  const h = Array.from({ length: 16 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0'));
  return `${h.slice(0, 8).join(' ')}-${h.slice(8).join(' ')}`;
}

/** Next free `-00000N` for a disk stem in the VM folder. */
function nextChildName(dir: string, stem: string): string {
  const taken = new Set(readdirSync(dir));
  for (let n = 1; ; n++) {
    const name = `${stem}-${String(n).padStart(6, '0')}.vmdk`;
    if (!taken.has(name)) return name;
  }
}

function stemOf(fileName: string): string {
  return basename(fileName, '.vmdk').replace(/-\d{6}$/, '');
}

export function walkSnapshots(roots: SnapshotNode[]): SnapshotNode[] {
  const out: SnapshotNode[] = [];
  const go = (n: SnapshotNode): void => {
    out.push(n);
    n.children.forEach(go);
  };
  roots.forEach(go);
  return out;
}

function parentOf(roots: SnapshotNode[], id: number): { list: SnapshotNode[]; parent: SnapshotNode | null } | null {
  const search = (list: SnapshotNode[], parent: SnapshotNode | null): { list: SnapshotNode[]; parent: SnapshotNode | null } | null => {
    for (const n of list) {
      if (n.id === id) return { list, parent };
      const hit = search(n.children, n);
      if (hit) return hit;
    }
    return null;
  };
  return search(roots, null);
}

/** Take a snapshot: each dependent disk gets a child redo log and the .vmx is switched to it. */
export function snapshotCreate(root: string, vm: VmRecord, name: string, description: string, now: number): SnapshotNode {
  const vmx = readVmx(root, vm);
  const dirEsxi = vmDirEsxi(vm);
  const node: SnapshotNode = {
    id: vm.nextSnapshotId++,
    name,
    description,
    createdOn: now,
    state: vm.power === 'on' ? 'powered on' : vm.power === 'off' ? 'powered off' : 'suspended',
    deltas: {},
    children: [],
  };
  for (const disk of vmxDisks(vmx)) {
    if (disk.mode.toLowerCase().startsWith('independent')) continue;
    const parentEsxi = diskEsxiPath(vm, disk.fileName);
    const sectors = readDescriptor(hostPath(root, parentEsxi))?.extents.reduce((a, e) => a + e.sectors, 0) ?? 0;
    const child = nextChildName(hostPath(root, dirEsxi), stemOf(disk.fileName));
    const parentHint = dirname(parentEsxi) === dirEsxi ? basename(parentEsxi) : parentEsxi;
    createChildDisk(hostPath(root, `${dirEsxi}/${child}`), parentHint, sectors, vm.snapshotFormat, String(vm.hwVersion));
    vmxSet(vmx, `${disk.slot}.fileName`, child);
    node.deltas[disk.slot] = child;
  }
  writeVmx(root, vm, vmx);
  const current = vm.currentSnapshot === null ? null : walkSnapshots(vm.snapshots).find((s) => s.id === vm.currentSnapshot);
  (current ? current.children : vm.snapshots).push(node);
  vm.currentSnapshot = node.id;
  writeVmsd(root, vm);
  return node;
}

/**
 * Remove (consolidate) one snapshot: its redo logs are merged away, so descriptors that pointed at them now point at
 * their parents, and the .vmx follows when it was using them. Children move up to the removed snapshot's parent.
 */
export function snapshotRemove(root: string, vm: VmRecord, id: number): boolean {
  const where = parentOf(vm.snapshots, id);
  if (!where) return false;
  const node = where.list.find((n) => n.id === id)!;
  mergeDeltas(root, vm, node.deltas);
  where.list.splice(where.list.indexOf(node), 1, ...node.children);
  if (vm.currentSnapshot === id) vm.currentSnapshot = where.parent?.id ?? null;
  writeVmsd(root, vm);
  return true;
}

/** Merges each slot's redo log into its parent: whatever pointed at the log (descriptors, the .vmx) points at the parent. */
function mergeDeltas(root: string, vm: VmRecord, deltas: Record<string, string>): void {
  const vmx = readVmx(root, vm);
  const dirEsxi = vmDirEsxi(vm);
  for (const [slot, child] of Object.entries(deltas)) {
    const childPath = hostPath(root, `${dirEsxi}/${child}`);
    const parentHint = readDescriptor(childPath)?.parentHint ?? null;
    for (const f of readdirSync(hostPath(root, dirEsxi))) {
      if (!f.endsWith('.vmdk') || f === child) continue;
      const p = hostPath(root, `${dirEsxi}/${f}`);
      const d = readDescriptor(p);
      if (d?.parentHint === child && parentHint) writeFileSync(p, readFileSync(p, 'utf8').replace(`parentFileNameHint="${child}"`, `parentFileNameHint="${parentHint}"`));
    }
    if (vmxGet(vmx, `${slot}.fileName`) === child && parentHint) vmxSet(vmx, `${slot}.fileName`, parentHint);
    deleteDisk(childPath);
  }
  writeVmx(root, vm, vmx);
}

/**
 * Removes every snapshot. Once one was removed, redo logs no snapshot owned are consolidated too: the shell's way to
 * consolidate a VM is snapshot.create + snapshot.removeall (esxi-truenas.md A1.5).
 */
export function snapshotRemoveAll(root: string, vm: VmRecord): void {
  const all = walkSnapshots(vm.snapshots).reverse();
  for (const n of all) snapshotRemove(root, vm, n.id);
  if (all.length > 0) consolidateOrphans(root, vm);
}

/**
 * A snapshot removal that did not consolidate: the VM runs on new redo logs that no snapshot lists, so snapshot.get
 * shows nothing, runtime.consolidationNeeded is true and the `-00000N` files stay in the VM folder.
 */
export function orphanRedoLogs(root: string, vm: VmRecord, now: number): void {
  const current = vm.currentSnapshot;
  const node = snapshotCreate(root, vm, 'Consolidate Helper- 0', '', now);
  const where = parentOf(vm.snapshots, node.id)!;
  where.list.splice(where.list.indexOf(node), 1);
  vm.currentSnapshot = current;
  vm.faults = { ...vm.faults, orphanDeltas: node.deltas };
  writeVmsd(root, vm);
}

/** Consolidates the redo logs no snapshot owns into their parents (what vSphere's "Consolidate" does). */
export function consolidateOrphans(root: string, vm: VmRecord): void {
  const orphans = vm.faults?.orphanDeltas;
  if (orphans === undefined) return;
  mergeDeltas(root, vm, orphans);
  delete vm.faults!.orphanDeltas;
}

export function needsConsolidation(vm: VmRecord): boolean {
  return Object.keys(vm.faults?.orphanDeltas ?? {}).length > 0;
}

function writeVmsd(root: string, vm: VmRecord): void {
  const all = walkSnapshots(vm.snapshots);
  const lines = ['.encoding = "UTF-8"'];
  if (all.length > 0) {
    lines.push(`snapshot.lastUID = "${vm.nextSnapshotId - 1}"`, `snapshot.current = "${vm.currentSnapshot ?? 0}"`);
    all.forEach((n, i) => {
      lines.push(`snapshot${i}.uid = "${n.id}"`, `snapshot${i}.displayName = "${n.name}"`, `snapshot${i}.createTimeHigh = "0"`);
    });
    lines.push(`snapshot.numSnapshots = "${all.length}"`);
  }
  const path = hostPath(root, `${vmDirEsxi(vm)}/${vm.name}.vmsd`);
  if (existsSync(dirname(path))) writeFileSync(path, lines.join('\n') + '\n');
}
