// The ESXi side's view of the NAS: does an export exist, does it let this host in, is root squashed, and which real
// directory backs it. Part A's `test/lab/nas/exports.ts` answers when present (contract); until then the NAS state
// file is read in the fallback shape documented in the contract.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type ExportLookup =
  | { found: false }
  | { found: true; dir: string; allowed: boolean; maprootRoot: boolean; readOnly: boolean; nfsV4: boolean };

type LookupFn = (nasStatePath: string, exportPath: string, clientIp: string) => ExportLookup | Promise<ExportLookup>;

const partA = join(dirname(fileURLToPath(import.meta.url)), '..', 'nas', 'exports.ts');

interface FallbackExport {
  path: string;
  dir: string;
  hosts?: string[];
  networks?: string[];
  maproot_user?: string | null;
  maproot_group?: string | null;
  ro?: boolean;
  enabled?: boolean;
}

function inNetwork(ip: string, cidr: string): boolean {
  const [net = '', bits = '32'] = cidr.split('/');
  const toInt = (a: string): number => a.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (toInt(ip) & mask) === (toInt(net) & mask);
}

function fallbackLookup(nasStatePath: string, exportPath: string, clientIp: string): ExportLookup {
  if (!existsSync(nasStatePath)) return { found: false };
  const state = JSON.parse(readFileSync(nasStatePath, 'utf8')) as { exports?: FallbackExport[] };
  const e = (state.exports ?? []).find((x) => x.path === exportPath && x.enabled !== false);
  if (!e) return { found: false };
  const hosts = e.hosts ?? [];
  const networks = e.networks ?? [];
  const allowed = (hosts.length === 0 && networks.length === 0) || hosts.includes(clientIp) || networks.some((n) => inNetwork(clientIp, n));
  return {
    found: true,
    dir: e.dir,
    allowed,
    maprootRoot: e.maproot_user === 'root' && (e.maproot_group === 'root' || e.maproot_group === 'wheel'),
    readOnly: e.ro === true,
    nfsV4: true,
  };
}

let cached: LookupFn | null = null;

export async function lookupExport(nasStatePath: string, exportPath: string, clientIp: string): Promise<ExportLookup> {
  if (!cached) {
    cached = fallbackLookup;
    if (existsSync(partA)) {
      const mod = (await import(pathToFileURL(partA).href)) as { lookupExport?: LookupFn };
      if (mod.lookupExport) cached = mod.lookupExport;
    }
  }
  return cached(nasStatePath, exportPath, clientIp);
}
