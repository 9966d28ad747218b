// /bin/vim-cmd: the hostd sub-commands Custode and ghettoVCB use, with the output shapes of esxi-truenas.md A1.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { nowSeconds } from '../clock.ts';
import { listDatastores, splitDatastorePath } from '../datastores.ts';
import { formatGetAllVms } from '../format/getallvms.ts';
import { formatSnapshotTree } from '../format/snapshot-tree.ts';
import { arr, formatValue, nul, obj, raw, ref, str, styleFor, unset, type Value } from '../format/vmodl.ts';
import { mountNfs, unmountNfs } from '../nfs.ts';
import { hostPath } from '../paths.ts';
import { findVm, readHostState, updateHostState, updateHostStateAsync, type HostState, type VmRecord } from '../state.ts';
import { needsConsolidation, readVmx, snapshotCreate, snapshotRemove, snapshotRemoveAll, vmDirEsxi } from '../vm.ts';
import { parseVmx, vmxDisks, vmxGet } from '../vmx.ts';
import * as F from './faults-text.ts';
import { err, out, waitUntil } from '../../sim/io.ts';
import { answerQuestion, askThenPowerOn, formatMessages, needsQuestion, poweredOn, toolsFromVmx, toolsRunning } from '../vm-question.ts';

const HELP = `Commands available under /:
hbrsvc/       internalsvc/  solo/         vmsvc/
hostsvc/      proxysvc/     vimsvc/       help
`;

const USAGE: Record<string, [string, string]> = {
  'power.getstate': ['vmid', 'Get the power state of the vm.'],
  'power.on': ['vmid', 'Power on the vm.'],
  'power.off': ['vmid', 'Power off the specified virtual machine.'],
  'power.shutdown': ['vmid', 'Perform a guest shutdown.'],
  'power.suspend': ['vmid', 'Suspend the vm.'],
  'get.summary': ['vmid', 'Get the summary information of the vm.'],
  'get.guest': ['vmid', 'Get guest information.'],
  'get.config': ['vmid', 'Retrieves the configuration of the vm.'],
  'snapshot.get': ['vmid', 'Get the snapshot info of the vm.'],
  'snapshot.create': ['vmid [snapshotName] [snapshotDescription] [includeMemory] [quiesced]', 'Create a snapshot of the vm.'],
  'snapshot.remove': ['vmid snapshotId [removeChildren]', 'Remove a snapshot of the vm.'],
  'snapshot.removeall': ['vmid', 'Remove all the snapshots of the vm.'],
  unregister: ['vmid', 'Unregister the vm.'],
  message: ['vmid [messageId] [messageChoice]', 'Show and answer the questions of the vm.'],
  destroy: ['vmid', 'Destroy the vm.'],
};

const powerLabel = { on: 'Powered on', off: 'Powered off', suspended: 'Suspended' } as const;
const powerApi = { on: 'poweredOn', off: 'poweredOff', suspended: 'suspended' } as const;

export async function vimCmd(root: string, args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === 'help' || verb === '/') {
    out(HELP);
    return 0;
  }
  const [ns, ...parts] = verb.replace(/^\//, '').split('/');
  const sub = parts.join('/');
  if (ns === 'vmsvc') return vmsvc(root, sub, rest);
  if (ns === 'solo' && sub === 'registervm') return registerVm(root, rest);
  if (ns === 'hostsvc' && sub.startsWith('datastore/')) return datastoreCmd(root, sub.slice('datastore/'.length), rest);
  out(`Invalid command '${verb}'.\n`);
  return 1;
}

async function vmsvc(root: string, sub: string, args: string[]): Promise<number> {
  if (sub === 'getallvms') return getAllVms(root);
  const usage = USAGE[sub];
  if (!usage) {
    out(`Invalid command '${sub}'.\n`);
    return 1;
  }
  const vmid = args[0];
  if (vmid === undefined) {
    out(F.usage(sub, usage[0], usage[1]));
    return 1;
  }
  const state = readHostState(root);
  if (!findVm(state, vmid)) {
    out(F.notFoundVm(vmid));
    return 1;
  }
  switch (sub) {
    case 'power.getstate':
      out(`Retrieved runtime info\n${powerLabel[findVm(state, vmid)!.power]}\n`);
      return 0;
    case 'power.on':
    case 'power.off':
    case 'power.suspend':
    case 'power.shutdown':
      return power(root, sub, vmid);
    case 'get.summary':
      out(`Listsummary:\n\n${formatValue(summary(root, state, findVm(state, vmid)!), styleFor(state.identity.version))}`);
      return 0;
    case 'get.guest':
      out(`Guest information:\n\n${formatValue(guest(findVm(state, vmid)!), styleFor(state.identity.version))}`);
      return 0;
    case 'get.config':
      out(`Configuration:\n\n${formatValue(config(root, findVm(state, vmid)!), styleFor(state.identity.version))}`);
      return 0;
    case 'snapshot.get':
      out(formatSnapshotTree('Get Snapshot:', findVm(state, vmid)!.snapshots));
      return 0;
    case 'snapshot.create': {
      const failure = findVm(state, vmid)!.faults?.snapshot;
      if (failure !== undefined) {
        out('Create Snapshot:\n');
        // `hang`: the task was accepted and never finishes, so no snapshot ever shows up in snapshot.get.
        if (failure === 'hang') return 0;
        out(F.createSnapshotFailed());
        return 1;
      }
      const name = args[1] ?? `Snapshot-${nowSeconds(state.clockOffset)}`;
      updateHostState(root, (s) => snapshotCreate(root, findVm(s, vmid)!, name, args[2] ?? '', nowSeconds(s.clockOffset)));
      out('Create Snapshot:\n');
      return 0;
    }
    case 'snapshot.remove': {
      const snapId = args[1];
      if (snapId === undefined) {
        out(F.usage(sub, usage[0], usage[1]));
        return 1;
      }
      const done = updateHostState(root, (s) => snapshotRemove(root, findVm(s, vmid)!, Number(snapId)));
      if (!done) {
        out(F.notFoundObject());
        return 1;
      }
      out(formatSnapshotTree('Remove Snapshot:', findVm(readHostState(root), vmid)!.snapshots));
      return 0;
    }
    case 'snapshot.removeall':
      updateHostState(root, (s) => snapshotRemoveAll(root, findVm(s, vmid)!));
      out('Remove All Snapshots:\n');
      return 0;
    case 'unregister':
    case 'destroy':
      return unregister(root, sub, vmid);
    case 'message':
      return message(root, vmid, args[1], args[2]);
  }
  return 1;
}

function getAllVms(root: string): number {
  const state = readHostState(root);
  // A VM whose .vmx is gone (datastore down, files deleted) is left out with this notice on stderr, as ghettoVCB
  // users see it on their console (#270).
  const valid = state.vms.filter((vm) => {
    if (existsSync(hostPath(root, `/vmfs/volumes/${vm.datastore}/${vm.relPath}`))) return true;
    err(`Skipping invalid VM '${vm.vmid}'\n`);
    return false;
  });
  out(
    formatGetAllVms(
      valid.map((vm) => ({
        vmid: String(vm.vmid),
        name: vm.name,
        file: `[${vm.datastore}] ${vm.relPath}`,
        guestOs: vm.guestId,
        version: `vmx-${String(vm.hwVersion).padStart(2, '0')}`,
        annotation: vm.annotation,
      })),
    ),
  );
  return 0;
}

function message(root: string, vmid: string, id: string | undefined, choice: string | undefined): number {
  if (id === undefined) {
    out(formatMessages(findVm(readHostState(root), vmid)!));
    return 0;
  }
  const wrong = updateHostState(root, (s) => answerQuestion(s, vmid, id, choice ?? ''));
  if (wrong !== null) out(wrong);
  return wrong === null ? 0 : 1;
}

function power(root: string, sub: string, vmid: string): number {
  if (sub === 'power.on') {
    const state = readHostState(root);
    const vm = findVm(state, vmid)!;
    if (vm.power === 'off' && needsQuestion(root, state, vm)) {
      out('Powering on VM:\n');
      return waitUntil(askThenPowerOn(root, vmid), 200);
    }
  }
  const result = updateHostState(root, (s): string | null => {
    const vm = findVm(s, vmid)!;
    if (sub === 'power.on') {
      out('Powering on VM:\n');
      if (vm.power === 'on') return 'Power on failed\n';
      poweredOn(vm);
    } else if (sub === 'power.off') {
      out('Powering off VM:\n');
      if (vm.power === 'off') return 'Power off failed\n';
      vm.power = 'off';
    } else if (sub === 'power.suspend') {
      out('Suspending VM:\n');
      if (vm.power !== 'on') return 'Suspend failed\n';
      vm.power = 'suspended';
    } else {
      // Guest shutdown needs running Tools; the lab guest stops at once (ghettoVCB polls power.getstate anyway).
      if (vm.power !== 'on') return F.invalidPowerState(powerApi[vm.power]);
      if (!vm.tools) return F.toolsUnavailable();
      // A hung guest takes the request and never stops; power.off still works.
      if (vm.faults?.ignoresShutdown === true) return null;
      vm.power = 'off';
    }
    return null;
  });
  if (result) {
    out(result);
    return 1;
  }
  return 0;
}

function unregister(root: string, sub: string, vmid: string): number {
  const fault = updateHostState(root, (s): string | null => {
    const vm = findVm(s, vmid)!;
    if (vm.power !== 'off') return F.invalidPowerState(powerApi[vm.power]);
    s.vms = s.vms.filter((v) => v !== vm);
    if (sub === 'destroy') rmSync(hostPath(root, vmDirEsxi(vm)), { recursive: true, force: true });
    return null;
  });
  if (fault) {
    out(fault);
    return 1;
  }
  if (sub === 'destroy') out('Destroying VM\n');
  return 0;
}

async function registerVm(root: string, args: string[]): Promise<number> {
  const path = args[0];
  if (path === undefined) {
    out(F.usage('registervm', 'vm path [name] [resourcepool]', 'Register a vm.'));
    return 1;
  }
  const state = readHostState(root);
  const where = splitDatastorePath(state, path);
  const file = where ? hostPath(root, `/vmfs/volumes/${where.datastore}/${where.rel}`) : null;
  if (!where || !file || !existsSync(file)) {
    out(F.notFoundObject());
    return 1;
  }
  const existing = state.vms.find((v) => v.datastore === where.datastore && v.relPath === where.rel);
  if (existing) {
    out(F.alreadyExists(String(existing.vmid)));
    return 1;
  }
  const vmx = parseVmx(readFileSync(file, 'utf8'));
  const vmid = updateHostState(root, (s) => {
    const id = s.nextVmid++;
    s.vms.push({
      vmid: id,
      name: args[1] ?? vmxGet(vmx, 'displayName') ?? where.rel.split('/')[0]!,
      datastore: where.datastore,
      relPath: where.rel,
      guestId: guestIdFromVmx(vmxGet(vmx, 'guestOS') ?? 'other-64'),
      hwVersion: Number(vmxGet(vmx, 'virtualHW.version') ?? '19'),
      annotation: vmxGet(vmx, 'annotation') ?? '',
      power: 'off',
      tools: toolsFromVmx(vmx),
      registered: true,
      snapshotFormat: 'delta',
      snapshots: [],
      currentSnapshot: null,
      nextSnapshotId: 1,
    });
    return id;
  });
  out(`${vmid}\n`);
  return 0;
}

function guestIdFromVmx(os: string): string {
  return `${os.replace(/-64$/, '64')}Guest`;
}

async function datastoreCmd(root: string, sub: string, args: string[]): Promise<number> {
  const state = readHostState(root);
  const style = styleFor(state.identity.version);
  if (sub === 'listsummary') {
    const all = await listDatastores(root, state);
    out(formatValue(arr('vim.Datastore.Summary', all.map((d) => dsSummary(d))), style));
    return 0;
  }
  if (sub === 'info') {
    const name = args[0];
    const d = (await listDatastores(root, state)).find((x) => x.name === name);
    if (!d) {
      out('Datastore not found.\n');
      return 1;
    }
    out(formatValue(dsInfo(d), style));
    return 0;
  }
  if (sub === 'nas_create') {
    if (args.length < 5) {
      out('Insufficient arguments.\nUsage: nas_create name nfsVersion remotePath readonly remoteHostNames\n     NFS Version must be nfs for nfs v3 or nfsv41 for version 4.1 or later\n');
      return 1;
    }
    const [name, version, remotePath, readonly, hosts] = args as [string, string, string, string, string];
    let message: string | null = null;
    await updateHostStateAsync(root, async (s) => {
      const r = await mountNfs(root, s, {
        volume: name,
        hosts: hosts.split(','),
        share: remotePath,
        version: version === 'nfsv41' ? 'nfs41' : 'nfs',
        readOnly: readonly === '1',
        security: 'AUTH_SYS',
        persistent: false,
      });
      if (!r.ok) message = r.message;
    });
    if (message) {
      out(F.platformConfig(message));
      return 1;
    }
    return 0;
  }
  if (sub === 'destroy') {
    const name = args[0] ?? '';
    const ok = updateHostState(root, (s) => unmountNfs(root, s, name));
    if (!ok) {
      out(F.notFoundObject());
      return 1;
    }
    return 0;
  }
  out(`Invalid command 'datastore/${sub}'.\n`);
  return 1;
}

function dsSummary(d: Awaited<ReturnType<typeof listDatastores>>[number]): Value {
  return obj('vim.Datastore.Summary', [
    ['datastore', ref(d.nfs ? `vim.Datastore:${d.nfs.hosts[0]}:${d.nfs.share}` : `vim.Datastore:${d.uuid}`)],
    ['name', str(d.name)],
    ['url', str(d.url)],
    ['capacity', raw(d.capacity)],
    ['freeSpace', raw(d.free)],
    ['uncommitted', raw(0)],
    ['accessible', raw(d.accessible)],
    ['multipleHostAccess', unset],
    ['type', str(d.nfs ? d.type : 'VMFS')],
    ['maintenanceMode', unset],
  ]);
}

function dsInfo(d: Awaited<ReturnType<typeof listDatastores>>[number]): Value {
  const common: [string, Value][] = [
    ['name', str(d.name)],
    ['url', str(d.url)],
    ['freeSpace', raw(d.free)],
    ['maxFileSize', raw(d.nfs ? 70368744177664 : 68169720922112)],
    ['maxVirtualDiskCapacity', raw(68169720922112)],
    ['maxMemoryFileSize', raw(d.nfs ? 70368744177664 : 68169720922112)],
    ['timestamp', str(new Date().toISOString())],
    ['containerId', unset],
    ['aliasOf', unset],
  ];
  if (d.nfs) {
    return obj('vim.host.NasDatastoreInfo', [
      ...common,
      [
        'nas',
        obj('vim.host.NasVolume', [
          ['type', str(d.type)],
          ['name', str(d.name)],
          ['capacity', raw(d.capacity)],
          ['remoteHost', str(d.nfs.hosts[0] ?? '')],
          ['remotePath', str(d.nfs.share)],
          ['userName', unset],
          ['remoteHostNames', arr('string', d.nfs.hosts.map(str))],
          ['securityType', str(d.nfs.security)],
          ['protocolEndpoint', unset],
        ]),
      ],
    ]);
  }
  return obj('vim.host.VmfsDatastoreInfo', [
    ...common,
    [
      'vmfs',
      obj('vim.host.VmfsVolume', [
        ['type', str('VMFS')],
        ['name', str(d.name)],
        ['capacity', raw(d.capacity)],
        ['blockSizeMb', raw(1)],
        ['blockSize', raw(1024)],
        ['unmapGranularity', raw(1024)],
        ['unmapPriority', str('low')],
        ['maxBlocks', raw(62914560)],
        ['majorVersion', raw(d.type === 'VMFS-5' ? 5 : 6)],
        ['version', str(d.type === 'VMFS-5' ? '5.81' : '6.82')],
        ['uuid', str(d.uuid)],
        ['vmfsUpgradable', raw(false)],
        ['ssd', raw(true)],
        ['local', raw(true)],
      ]),
    ],
  ]);
}

function summary(root: string, state: HostState, vm: VmRecord): Value {
  const vmx = readVmx(root, vm);
  const disks = vmxDisks(vmx).length;
  const committed = diskBytes(root, vm);
  return obj('vim.vm.Summary', [
    ['vm', ref(`vim.VirtualMachine:${vm.vmid}`)],
    [
      'runtime',
      obj('vim.vm.RuntimeInfo', [
        ['device', arr('vim.vm.DeviceRuntimeInfo', [])],
        ['host', ref('vim.HostSystem:ha-host')],
        ['connectionState', str('connected')],
        ['powerState', str(powerApi[vm.power])],
        ['faultToleranceState', str('notConfigured')],
        ['toolsInstallerMounted', raw(false)],
        ['bootTime', unset],
        ['maxCpuUsage', raw(vm.power === 'on' ? 4788 : 0)],
        ['maxMemoryUsage', raw(Number(vmxGet(vmx, 'memSize') ?? 0))],
        ['question', nul('vim.vm.QuestionInfo')],
        ['numMksConnections', raw(0)],
        ['onlineStandby', raw(false)],
        ['consolidationNeeded', raw(needsConsolidation(vm))],
      ]),
    ],
    [
      'guest',
      obj('vim.vm.Summary.GuestSummary', [
        ['guestId', vm.power === 'on' && vm.tools ? str(vm.guestId) : unset],
        ['toolsStatus', str(toolsStatus(vm))],
        ['toolsVersionStatus', str(vm.tools ? 'guestToolsCurrent' : 'guestToolsNotInstalled')],
        ['toolsRunningStatus', str(toolsRunning(vm) ? 'guestToolsRunning' : 'guestToolsNotRunning')],
        ['hostName', unset],
        ['ipAddress', unset],
      ]),
    ],
    [
      'config',
      obj('vim.vm.Summary.ConfigSummary', [
        ['name', str(vm.name)],
        ['template', raw(false)],
        ['vmPathName', str(`[${vm.datastore}] ${vm.relPath}`)],
        ['memorySizeMB', raw(Number(vmxGet(vmx, 'memSize') ?? 0))],
        ['numCpu', raw(Number(vmxGet(vmx, 'numvcpus') ?? 1))],
        ['numEthernetCards', raw(1)],
        ['numVirtualDisks', raw(disks)],
        ['uuid', str(bios(vmxGet(vmx, 'uuid.bios')))],
        ['instanceUuid', str(bios(vmxGet(vmx, 'vc.uuid')))],
        ['guestId', str(vm.guestId)],
        ['guestFullName', str(vm.guestId)],
        ['annotation', str(vm.annotation)],
        ['installBootRequired', raw(false)],
      ]),
    ],
    [
      'storage',
      obj('vim.vm.Summary.StorageSummary', [
        ['committed', raw(committed)],
        ['uncommitted', raw(0)],
        ['unshared', raw(committed)],
        ['timestamp', str(new Date().toISOString())],
      ]),
    ],
    ['quickStats', obj('vim.vm.Summary.QuickStats', [['uptimeSeconds', vm.power === 'on' ? raw(3600) : unset]])],
    ['overallStatus', str('green')],
  ]);
}

function bios(u: string | undefined): string {
  const h = (u ?? '').replace(/[\s-]/g, '');
  return h.length === 32 ? `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` : '';
}

function diskBytes(root: string, vm: VmRecord): number {
  let total = 0;
  for (const d of vmxDisks(readVmx(root, vm))) {
    const m = /^RW (\d+) /m.exec(readFileSafe(hostPath(root, d.fileName.startsWith('/') ? d.fileName : `${vmDirEsxi(vm)}/${d.fileName}`)));
    total += m ? Number(m[1]) * 512 : 0;
  }
  return total;
}

function readFileSafe(p: string): string {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

function toolsStatus(vm: VmRecord): string {
  if (!vm.tools) return 'toolsNotInstalled';
  return toolsRunning(vm) ? 'toolsOk' : 'toolsNotRunning';
}

function guest(vm: VmRecord): Value {
  const running = toolsRunning(vm);
  return obj('vim.vm.GuestInfo', [
    ['toolsStatus', str(toolsStatus(vm))],
    ['toolsVersionStatus', str(vm.tools ? 'guestToolsCurrent' : 'guestToolsNotInstalled')],
    ['toolsVersionStatus2', str(vm.tools ? 'guestToolsCurrent' : 'guestToolsNotInstalled')],
    ['toolsRunningStatus', str(running ? 'guestToolsRunning' : 'guestToolsNotRunning')],
    ['toolsVersion', str(vm.tools ? '12352' : '0')],
    ['toolsInstallType', str(vm.tools ? 'guestToolsTypeOpenVMTools' : 'guestToolsTypeUnknown')],
    ['toolsUpdateStatus', nul('vim.vm.GuestInfo.ToolsUpdateStatus')],
    ['guestId', running ? str(vm.guestId) : unset],
    ['hostName', unset],
    ['ipAddress', unset],
    ['net', arr('vim.vm.GuestInfo.NicInfo', [])],
    ['guestState', str(running ? 'running' : 'notRunning')],
    ['hwVersion', str(`vmx-${vm.hwVersion}`)],
    [
      'customizationInfo',
      obj('vim.vm.GuestInfo.CustomizationInfo', [
        ['customizationStatus', str('TOOLSDEPLOYPKG_IDLE')],
        ['startTime', unset],
        ['endTime', unset],
        ['errorMsg', unset],
      ]),
    ],
  ]);
}

function config(root: string, vm: VmRecord): Value {
  const vmx = readVmx(root, vm);
  const devices = vmxDisks(vmx).map((d, i) =>
    obj('vim.vm.device.VirtualDisk', [
      ['key', raw(2000 + i)],
      ['deviceInfo', obj('vim.Description', [['label', str(`Hard disk ${i + 1}`)], ['summary', str('')]])],
      [
        'backing',
        obj('vim.vm.device.VirtualDisk.FlatVer2BackingInfo', [
          ['fileName', str(d.fileName.startsWith('/') ? d.fileName : `[${vm.datastore}] ${vm.relPath.split('/')[0]}/${d.fileName}`)],
          ['diskMode', str(d.mode.replace(/-/g, '_'))],
        ]),
      ],
      ['controllerKey', raw(1000)],
      ['unitNumber', raw(Number(d.slot.split(':')[1]))],
    ]),
  );
  return obj('vim.vm.ConfigInfo', [
    ['changeVersion', str(new Date().toISOString())],
    ['modified', str('1970-01-01T00:00:00Z')],
    ['name', str(vm.name)],
    ['guestFullName', str(vm.guestId)],
    ['version', str(`vmx-${vm.hwVersion}`)],
    ['uuid', str(bios(vmxGet(vmx, 'uuid.bios')))],
    ['instanceUuid', str(bios(vmxGet(vmx, 'vc.uuid')))],
    ['template', raw(false)],
    ['guestId', str(vm.guestId)],
    ['annotation', str(vm.annotation)],
    [
      'files',
      obj('vim.vm.FileInfo', [
        ['vmPathName', str(`[${vm.datastore}] ${vm.relPath}`)],
        ['snapshotDirectory', str(`[${vm.datastore}] ${vm.relPath.split('/')[0]}/`)],
        ['suspendDirectory', str(`[${vm.datastore}] ${vm.relPath.split('/')[0]}/`)],
        ['logDirectory', str(`[${vm.datastore}] ${vm.relPath.split('/')[0]}/`)],
      ]),
    ],
    [
      'hardware',
      obj('vim.vm.VirtualHardware', [
        ['numCPU', raw(Number(vmxGet(vmx, 'numvcpus') ?? 1))],
        ['memoryMB', raw(Number(vmxGet(vmx, 'memSize') ?? 0))],
        ['device', arr('vim.vm.device.VirtualDevice', devices)],
      ]),
    ],
  ]);
}

