// /bin/esxcli: the namespaces Custode and ghettoVCB use (esxi-truenas.md A2), tables by the A2.1 rule.
import { existsSync, rmSync } from 'node:fs';
import { isoDate, nowSeconds } from '../clock.ts';
import { listDatastores } from '../datastores.ts';
import { formatKeyValues, formatTable, type Column } from '../format/esxcli-table.ts';
import { GHETTOVCB_VIB, installVib, VIB_DIR } from '../ghettovcb-install.ts';
import { mountNfs, unmountNfs } from '../nfs.ts';
import { hostPath } from '../paths.ts';
import { readHostState, updateHostState, updateHostStateAsync, type HostState } from '../state.ts';
import { err, out } from '../../sim/io.ts';

type Opts = Map<string, string | true>;

/** Splits `-H x`, `--hosts=x`, `--hosts x` and bare flags; `aliases` maps short to long names. */
function parseOpts(args: string[], aliases: Record<string, string>, flags: string[]): Opts {
  const o: Opts = new Map();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let key: string;
    let value: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) value = a.slice(eq + 1);
    } else if (a.startsWith('-')) {
      key = aliases[a.slice(1, 2)] ?? a.slice(1);
      if (a.length > 2) value = a.slice(2).replace(/^=/, '');
    } else continue;
    if (value === undefined && !flags.includes(key)) value = args[++i];
    o.set(key, value ?? true);
  }
  return o;
}

function missing(cmd: string, short: string, long: string): number {
  err(`Error: Missing required parameter -${short}|--${long}\n\nUsage: esxcli ${cmd} [cmd options]\n`);
  return 1;
}

function fail(text: string): number {
  out(`${text}\n`);
  return 1;
}

export async function esxcli(root: string, argv: string[]): Promise<number> {
  const args = argv.filter((a) => !a.startsWith('--formatter') && !a.startsWith('--format-param'));
  const words = args.filter((a) => !a.startsWith('-'));
  const key = words.slice(0, 5).join(' ');
  const firstOpt = args.findIndex((a) => a.startsWith('-'));
  const opts = firstOpt < 0 ? [] : args.slice(firstOpt);
  const match = (prefix: string): boolean => key === prefix || key.startsWith(`${prefix} `);
  if (match('storage nfs41 add')) return nfsAdd(root, 'nfs41', opts);
  if (match('storage nfs add')) return nfsAdd(root, 'nfs', opts);
  if (match('storage nfs41 list')) return nfsList(root, 'nfs41');
  if (match('storage nfs list')) return nfsList(root, 'nfs');
  if (match('storage nfs41 remove') || match('storage nfs remove')) return nfsRemove(root, words[1] === 'nfs41' ? 'nfs41' : 'nfs', opts);
  if (match('storage filesystem list')) return filesystemList(root);
  if (match('system version get')) return versionGet(root);
  if (match('system hostname get')) return hostnameGet(root);
  if (match('system module list')) return moduleList(root);
  if (match('system module load')) return moduleLoad(root, opts);
  if (match('software vib list')) return vibList(root);
  if (match('software vib get')) return vibGet(root, opts);
  if (match('software vib install') || match('software vib update')) return vibInstall(root, opts);
  if (match('software vib remove')) return vibRemove(root, opts);
  if (match('software acceptance get')) return acceptanceGet(root);
  if (match('software acceptance set')) return acceptanceSet(root, opts);
  if (match('system settings advanced list')) return advancedList(root, opts);
  if (match('system settings advanced set')) return advancedSet(root, opts);
  if (match('network ip interface ipv4 get')) return ipv4Get(root);
  if (match('network vswitch standard portgroup')) return portGroupList();
  err(`Error: Unknown command or namespace ${words.join(' ')}\n`);
  return 1;
}

async function nfsAdd(root: string, version: 'nfs41' | 'nfs', args: string[]): Promise<number> {
  const o = parseOpts(args, { H: version === 'nfs41' ? 'hosts' : 'host', s: 'share', v: 'volume-name', a: 'sec', r: 'readonly', p: 'ispe', c: 'connections' }, ['readonly', 'ispe']);
  const hostKey = version === 'nfs41' ? 'hosts' : 'host';
  const hosts = o.get(hostKey);
  const share = o.get('share');
  const volume = o.get('volume-name');
  const cmd = `storage ${version} add`;
  if (typeof hosts !== 'string') return missing(cmd, 'H', hostKey);
  if (typeof share !== 'string') return missing(cmd, 's', 'share');
  if (typeof volume !== 'string') return missing(cmd, 'v', 'volume-name');
  const sec = o.get('sec');
  const result = await updateHostStateAsync(root, (s) =>
    mountNfs(root, s, {
      volume,
      hosts: hosts.split(','),
      share,
      version,
      readOnly: o.get('readonly') === true,
      security: typeof sec === 'string' ? sec : 'AUTH_SYS',
      persistent: true,
    }),
  );
  return result.ok ? 0 : fail(result.message);
}

async function nfsList(root: string, version: 'nfs41' | 'nfs'): Promise<number> {
  const state = readHostState(root);
  const rows = (await listDatastores(root, state)).filter((d) => d.nfs?.version === version);
  if (rows.length === 0) return 0;
  const common = (d: (typeof rows)[number]): [boolean, boolean, boolean] => [d.accessible, d.accessible, d.nfs!.readOnly];
  const hw = (d: (typeof rows)[number]): string => (d.accessible ? 'Not Supported' : 'Unknown');
  if (version === 'nfs41') {
    const cols: Column[] = [
      { header: 'Volume Name' },
      { header: 'Host(s)' },
      { header: 'Share' },
      { header: 'Accessible', right: true },
      { header: 'Mounted', right: true },
      { header: 'Read-Only', right: true },
      { header: 'Security' },
      { header: 'isPE', right: true },
      { header: 'Hardware Acceleration' },
    ];
    out(formatTable(cols, rows.map((d) => [d.name, d.nfs!.hosts.join(','), d.nfs!.share, ...common(d), d.nfs!.security, false, hw(d)])));
  } else {
    const cols: Column[] = [
      { header: 'Volume Name' },
      { header: 'Host' },
      { header: 'Share' },
      { header: 'Accessible', right: true },
      { header: 'Mounted', right: true },
      { header: 'Read-Only', right: true },
      { header: 'isPE', right: true },
      { header: 'Hardware Acceleration' },
    ];
    out(formatTable(cols, rows.map((d) => [d.name, d.nfs!.hosts.join(','), d.nfs!.share, ...common(d), false, hw(d)])));
  }
  return 0;
}

function nfsRemove(root: string, version: 'nfs41' | 'nfs', args: string[]): number {
  const o = parseOpts(args, { v: 'volume-name' }, []);
  const volume = o.get('volume-name');
  if (typeof volume !== 'string') return missing(`storage ${version} remove`, 'v', 'volume-name');
  const ok = updateHostState(root, (s) => {
    const m = s.nfs.find((n) => n.volume === volume);
    return m !== undefined && m.version === version && unmountNfs(root, s, volume);
  });
  return ok ? 0 : fail(`Error performing operation: NFS Error: Unable to Unmount filesystem: Volume ${volume} not found.`);
}

async function filesystemList(root: string): Promise<number> {
  const state = readHostState(root);
  const major = Number(state.identity.version.split('.')[0]);
  const osType = major >= 8 ? 'VMFSOS' : 'VMFS-L';
  const fixed = [
    { uuid: '64a3c1f0-5e1c2b7a-9d4e-005056a1b2c3', name: 'OSDATA-64a3c1f0-5e1c2b7a-9d4e-005056a1b2c3', type: osType, size: 34091302912, free: 32238469120 },
    { uuid: '5f8b4c97-234dcc30-d982-54ea7418ec3f', name: 'BOOTBANK1', type: 'vfat', size: 4293591040, free: 3975413760 },
    { uuid: 'b0d2f180-db4e3ca9-89bd-55f15a49be2a', name: 'BOOTBANK2', type: 'vfat', size: 4293591040, free: 4293525504 },
  ];
  const rows: (string | number | boolean)[][] = [];
  for (const d of await listDatastores(root, state)) {
    rows.push([`/vmfs/volumes/${d.uuid}`, d.name, d.uuid, d.accessible, d.type, d.capacity, d.free]);
  }
  for (const f of fixed) rows.push([`/vmfs/volumes/${f.uuid}`, f.name, f.uuid, true, f.type, f.size, f.free]);
  out(
    formatTable(
      [
        { header: 'Mount Point' },
        { header: 'Volume Name' },
        { header: 'UUID' },
        { header: 'Mounted', right: true },
        { header: 'Type' },
        { header: 'Size', right: true },
        { header: 'Free', right: true },
      ],
      rows,
    ),
  );
  return 0;
}

function versionGet(root: string): number {
  const id = readHostState(root).identity;
  const rec: [string, string | number][] = [
    ['Product', 'VMware ESXi'],
    ['Version', id.version],
    ['Build', `Releasebuild-${id.build}`],
    ['Update', id.update],
  ];
  if (Number(id.version.split('.')[0]) >= 9) rec.push(['Maintenance', 0]);
  rec.push(['Patch', id.patch]);
  out(formatKeyValues(rec));
  return 0;
}

function hostnameGet(root: string): number {
  const id = readHostState(root).identity;
  const fqdn = id.domain ? `${id.hostname}.${id.domain}` : id.hostname;
  out(formatKeyValues([['Domain Name', id.domain], ['Fully Qualified Domain Name', fqdn], ['Host Name', id.hostname]]));
  return 0;
}

function moduleList(root: string): number {
  const mods = readHostState(root).modules;
  out(formatTable([{ header: 'Name' }, { header: 'Is Loaded', right: true }, { header: 'Is Enabled', right: true }], Object.entries(mods).map(([n, l]) => [n, l, true])));
  return 0;
}

function moduleLoad(root: string, args: string[]): number {
  const o = parseOpts(args, { m: 'module' }, ['force']);
  const name = o.get('module');
  if (typeof name !== 'string') return missing('system module load', 'm', 'module');
  const known = updateHostState(root, (s) => {
    if (!(name in s.modules)) return false;
    s.modules[name] = true;
    return true;
  });
  return known ? 0 : fail(`Unable to load module /usr/lib/vmware/vmkmod/${name}: Not found`);
}

function vibList(root: string): number {
  const s = readHostState(root);
  out(
    formatTable(
      [{ header: 'Name' }, { header: 'Version' }, { header: 'Vendor' }, { header: 'Acceptance Level' }, { header: 'Install Date' }],
      s.vibs.map((v) => [v.name, v.version, v.vendor, v.acceptance, v.installDate]),
    ),
  );
  return 0;
}

function noMatch(name: string): number {
  out(`[NoMatchError]\n No VIB matching VIB search specification '${name}'.\n Please refer to the log file for more details.\n`);
  return 1;
}

function vibGet(root: string, args: string[]): number {
  const o = parseOpts(args, { n: 'vibname' }, []);
  const name = o.get('vibname');
  if (typeof name !== 'string') return missing('software vib get', 'n', 'vibname');
  const v = readHostState(root).vibs.find((x) => x.name === name);
  if (!v) return noMatch(name);
  const id = `${v.vendor}_bootbank_${v.name}_${v.version}`;
  out(`${id}:\n`);
  out(
    formatKeyValues([
      ['Name', v.name],
      ['Version', v.version],
      ['Type', 'bootbank'],
      ['Vendor', v.vendor],
      ['Acceptance Level', v.acceptance],
      ['Summary', v.name === 'ghettoVCB' ? 'ghettoVCB for performing backups' : v.name],
      ['Description', v.name],
      ['ReferenceURLs', ''],
      ['Creation Date', v.installDate],
      ['Depends', ''],
      ['Conflicts', ''],
      ['Replaces', ''],
      ['Provides', ''],
      ['Maintenance Mode Required', 'False'],
      ['Hardware Platforms Required', ''],
      ['Live Install Allowed', 'True'],
      ['Live Remove Allowed', 'True'],
      ['Stateless Ready', 'True'],
      ['Overlay', 'False'],
      ['Tags', ''],
      ['Payloads', v.name],
    ]),
  );
  return 0;
}

const LEVEL_RANK: Record<string, number> = { VMwareCertified: 0, VMwareAccepted: 1, PartnerSupported: 2, CommunitySupported: 3 };

function vibInstall(root: string, args: string[]): number {
  const o = parseOpts(args, { v: 'viburl', d: 'depot', f: 'force', n: 'vibname' }, ['force', 'no-sig-check', 'dry-run']);
  const src = o.get('viburl') ?? o.get('depot');
  if (typeof src !== 'string') {
    err('Error: At least one of --viburl or --depot must be specified\n');
    return 1;
  }
  if (!existsSync(hostPath(root, src))) {
    out(`[MetadataDownloadError]\n Could not download from depot at ${src}, skipping (('${src}', '', "[Errno 2] No such file or directory: '${src}'"))\n        url = ${src}\n Please refer to the log file for more details.\n`);
    return 1;
  }
  const s = readHostState(root);
  const id = `${GHETTOVCB_VIB.vendor}_bootbank_${GHETTOVCB_VIB.name}_${GHETTOVCB_VIB.version}`;
  if ((LEVEL_RANK[s.acceptance] ?? 2) < LEVEL_RANK['CommunitySupported']!) {
    const host = s.acceptance.replace('Supported', '').replace('VMware', 'vmware_').toLowerCase();
    out(`[AcceptanceLevelError]\n VIB ${id}'s acceptance level is community, which is not compliant with the ImageProfile acceptance level ${host}\n To change the host acceptance level, use the 'esxcli software acceptance set' command.\n Please refer to the log file for more details.\n`);
    return 1;
  }
  updateHostState(root, (st) => {
    st.vibs = st.vibs.filter((v) => v.name !== GHETTOVCB_VIB.name);
    st.vibs.push({ ...GHETTOVCB_VIB, installDate: isoDate(nowSeconds(st.clockOffset)) });
  });
  installVib(root);
  out(`Installation Result\n   Message: Operation finished successfully.\n   Reboot Required: false\n   VIBs Installed: ${id}\n   VIBs Removed: \n   VIBs Skipped: \n`);
  return 0;
}

function vibRemove(root: string, args: string[]): number {
  const o = parseOpts(args, { n: 'vibname' }, ['force']);
  const name = o.get('vibname');
  if (typeof name !== 'string') return missing('software vib remove', 'n', 'vibname');
  const v = readHostState(root).vibs.find((x) => x.name === name);
  if (!v) return noMatch(name);
  updateHostState(root, (st) => {
    st.vibs = st.vibs.filter((x) => x.name !== name);
  });
  if (name === GHETTOVCB_VIB.name) rmSync(hostPath(root, VIB_DIR), { recursive: true, force: true });
  out(`Removal Result\n   Message: Operation finished successfully.\n   Reboot Required: false\n   VIBs Installed: \n   VIBs Removed: ${v.vendor}_bootbank_${v.name}_${v.version}\n   VIBs Skipped: \n`);
  return 0;
}

function acceptanceGet(root: string): number {
  out(`${readHostState(root).acceptance}\n`);
  return 0;
}

function acceptanceSet(root: string, args: string[]): number {
  const o = parseOpts(args, { l: 'level' }, []);
  const level = o.get('level');
  if (typeof level !== 'string') return missing('software acceptance set', 'l', 'level');
  if (!(level in LEVEL_RANK)) return fail(`Error: Invalid data constraint for parameter 'level'. Expected one of [VMwareCertified, VMwareAccepted, PartnerSupported, CommunitySupported]`);
  const s = readHostState(root);
  if (s.identity.secureBoot && level === 'CommunitySupported') {
    return fail('[AcceptanceConfigError]\n Secure Boot enabled: Cannot change acceptance level to community.\n Please refer to the log file for more details.');
  }
  updateHostState(root, (st) => {
    st.acceptance = level;
  });
  out(`Host acceptance level changed to '${level}'.\n`);
  return 0;
}

const EXEC_OPT = '/User/execInstalledOnly';

function advancedRecord(s: HostState): [string, string | number][] {
  return [
    ['Path', EXEC_OPT],
    ['Type', 'integer'],
    ['Int Value', s.advanced.execInstalledOnly],
    ['Default Int Value', Number(s.identity.version.split('.')[0]) >= 8 ? 1 : 0],
    ['Min Value', 0],
    ['Max Value', 1],
    ['String Value', ''],
    ['Default String Value', ''],
    ['Valid Characters', ''],
    ['Description', 'Execute only installed binaries'],
    ['Host Specific', 'false'],
    ['Impact', 'none'],
  ];
}

function advancedList(root: string, args: string[]): number {
  const o = parseOpts(args, { o: 'option', t: 'tree' }, ['delta']);
  const opt = o.get('option');
  if (opt !== undefined && opt !== EXEC_OPT) return fail(`Unable to find option ${String(opt).replace(/^\//, '').split('/').pop()}`);
  out(formatKeyValues(advancedRecord(readHostState(root))));
  return 0;
}

function advancedSet(root: string, args: string[]): number {
  const o = parseOpts(args, { o: 'option', i: 'int-value', s: 'string-value', d: 'default' }, ['default']);
  const opt = o.get('option');
  if (typeof opt !== 'string') return missing('system settings advanced set', 'o', 'option');
  if (opt !== EXEC_OPT) return fail(`Unable to find option ${opt.replace(/^\//, '').split('/').pop()}`);
  const v = o.get('int-value');
  if (o.get('default') !== true && (typeof v !== 'string' || !/^[01]$/.test(v))) return fail('Error: Invalid value for option execInstalledOnly');
  updateHostState(root, (s) => {
    s.advanced.execInstalledOnly = o.get('default') === true ? (Number(s.identity.version.split('.')[0]) >= 8 ? 1 : 0) : Number(v);
  });
  return 0;
}

function ipv4Get(root: string): number {
  const id = readHostState(root).identity;
  const broadcast = id.ip.split('.').slice(0, 3).concat('255').join('.');
  out(
    formatTable(
      [
        { header: 'Name' },
        { header: 'IPv4 Address' },
        { header: 'IPv4 Netmask' },
        { header: 'IPv4 Broadcast' },
        { header: 'Address Type' },
        { header: 'Gateway' },
        { header: 'DHCP DNS', right: true },
      ],
      [['vmk0', id.ip, id.netmask, broadcast, 'STATIC', id.gateway, false]],
    ),
  );
  return 0;
}

/** Every lab host has the default standard switch of a fresh install, with its two port groups. */
function portGroupList(): number {
  out(
    formatTable(
      [{ header: 'Name' }, { header: 'Virtual Switch' }, { header: 'Active Clients', right: true }, { header: 'VLAN ID', right: true }],
      [
        ['Management Network', 'vSwitch0', 1, 0],
        ['VM Network', 'vSwitch0', 1, 0],
      ],
    ),
  );
  return 0;
}
