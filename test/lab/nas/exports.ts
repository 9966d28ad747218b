// "Does ESXi get in?": the NAS side of `esxcli storage nfs41 add`. Mirrors how TrueNAS renders exports (reference B3,
// B8): an enabled share for that exact path, the client's identity IP among `hosts` or inside one of `networks` (both
// empty = everyone), and root not squashed only when maproot maps to root (SCALE root:root, CORE root:wheel).
import { existsSync } from 'node:fs';
import { readNasState, realPath } from './state.ts';
import { nasTraits } from './versions.ts';

export type ExportLookup =
  | { found: false }
  | { found: true; dir: string; allowed: boolean; maprootRoot: boolean; readOnly: boolean; nfsV4: boolean };

function ipToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function inNetwork(ip: string, cidr: string): boolean {
  const [net = '', bitsText = '32'] = cidr.split('/');
  const a = ipToInt(ip);
  const b = ipToInt(net);
  const bits = Number(bitsText);
  if (a === null || b === null || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}

export function lookupExport(nasStatePath: string, exportPath: string, clientIp: string): ExportLookup {
  if (!existsSync(nasStatePath)) return { found: false };
  const state = readNasState(nasStatePath);
  const wanted = exportPath.replace(/\/+$/, '');
  const share = state.shares.find((s) => s.enabled && s.path.replace(/\/+$/, '') === wanted);
  const dir = realPath(state, wanted);
  if (share === undefined || dir === null || !existsSync(dir)) return { found: false };
  const open = share.hosts.length === 0 && share.networks.length === 0;
  const allowed = open || share.hosts.includes(clientIp) || share.networks.some((n) => inNetwork(clientIp, n));
  const traits = nasTraits(state.version);
  // mapall squashes everyone (root included) to that user.
  const maprootRoot = share.mapall_user === null && share.maproot_user === 'root' && share.maproot_group === traits.rootGroup;
  return { found: true, dir, allowed, maprootRoot, readOnly: share.ro, nfsV4: state.nfs.v4 };
}
